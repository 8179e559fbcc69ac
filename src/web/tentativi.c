/* SPDX-License-Identifier: EUPL-1.2 */
/* tentativi.c — the login's defences (tentativi.h), counted in the archive. */
#include "tentativi.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "utenti.h"

#define KEY_SIZE (1 + TENTATIVI_NOME_MAX + 1 + INET6_ADDRSTRLEN + 1)

void tentativi_nome(const char *utente, char out[TENTATIVI_NOME_MAX + 1])
{
    size_t n = utente ? strlen(utente) : 0;
    if (n > TENTATIVI_NOME_MAX) {
        n = TENTATIVI_NOME_MAX;
        while (n > 0 && ((unsigned char)utente[n] & 0xC0) == 0x80) /* not inside a character */
            n--;
    }
    if (n)
        memcpy(out, utente, n);
    out[n] = '\0';
}

/* The keys: a user from an address ("u" name US address), an address ("a" address). */
static void user_key(const char *utente, const char *indirizzo, char out[KEY_SIZE])
{
    char nome[TENTATIVI_NOME_MAX + 1];
    tentativi_nome(utente, nome);
    snprintf(out, KEY_SIZE, "u%s\x1f%s", nome, indirizzo ? indirizzo : "");
}

static void address_key(const char *indirizzo, char out[KEY_SIZE])
{
    snprintf(out, KEY_SIZE, "a%s", indirizzo ? indirizzo : "");
}

/* Seconds left of the delay after the failures past max: 1 s, then twice as long at every further failure. Times
 * are whole seconds: a delay of d runs until d whole seconds have passed since the failure's second, so that it
 * is never shorter than d (a try in the next second may be only a moment later). */
static int delay_left(const RigaTentativi *t, int max, time_t now)
{
    if (t->fallimenti < max)
        return 0;
    int doublings = t->fallimenti - max;
    long delay = doublings >= 10 ? TENTATIVI_ATTESA_MAX : 1L << doublings;
    if (delay > TENTATIVI_ATTESA_MAX)
        delay = TENTATIVI_ATTESA_MAX;
    long long left = t->ultimo + delay + 1 - (long long)now;
    return left > 0 ? (int)left : 0;
}

int tentativi_attesa(Tentativi *ts, const char *utente, const char *indirizzo, time_t now)
{
    char ku[KEY_SIZE], ka[KEY_SIZE];
    user_key(utente, indirizzo, ku);
    address_key(indirizzo, ka);
    RigaTentativi u, a;
    archivio_tentativi_leggi(ts->a, ku, &u);
    archivio_tentativi_leggi(ts->a, ka, &a);
    /* a key forgotten TENTATIVI_FINESTRA after its last failure (the rows go at the next try: tentativi_inizio) */
    if ((long long)now - u.ultimo >= TENTATIVI_FINESTRA)
        u.fallimenti = 0;
    if ((long long)now - a.ultimo >= TENTATIVI_FINESTRA)
        a.fallimenti = 0;
    int wu = delay_left(&u, TENTATIVI_MAX, now), wa = delay_left(&a, TENTATIVI_MAX_INDIRIZZO, now);
    return wu > wa ? wu : wa;
}

void tentativi_inizio(Tentativi *ts, const char *utente, const char *indirizzo, time_t now)
{
    /* forgotten TENTATIVI_FINESTRA after the last failure; at most TENTATIVI_CHIAVI_MAX keys */
    archivio_tentativi_scaduti(ts->a, (long long)now - TENTATIVI_FINESTRA + 1, TENTATIVI_CHIAVI_MAX);
    char ku[KEY_SIZE], ka[KEY_SIZE];
    user_key(utente, indirizzo, ku);
    address_key(indirizzo, ka);
    archivio_tentativi_aggiungi(ts->a, ku, 1, 0, 0, 0, now);
    archivio_tentativi_aggiungi(ts->a, ka, 1, 0, 0, 0, now);
}

void tentativi_fallito(Tentativi *ts, const char *utente, const char *indirizzo, time_t now)
{
    char ku[KEY_SIZE], ka[KEY_SIZE];
    user_key(utente, indirizzo, ku);
    address_key(indirizzo, ka);
    archivio_tentativi_aggiungi(ts->a, ku, 0, 0, 0, 0, now);
    archivio_tentativi_aggiungi(ts->a, ka, 0, 0, 0, 0, now);
}

void tentativi_riuscito(Tentativi *ts, const char *utente, const char *indirizzo)
{
    char ku[KEY_SIZE], ka[KEY_SIZE];
    user_key(utente, indirizzo, ku);
    address_key(indirizzo, ka);
    archivio_tentativi_togli(ts->a, ku);
    RigaTentativi a;
    if (archivio_tentativi_leggi(ts->a, ka, &a))
        archivio_tentativi_aggiungi(ts->a, ka, -1, 0, 0, 0, a.ultimo); /* the address's try taken back */
}

static bool power_of_ten(long long n)
{
    while (n >= 10 && n % 10 == 0)
        n /= 10;
    return n == 1;
}

bool tentativi_da_registrare(Tentativi *ts, const char *utente, const char *indirizzo, bool rifiutato, time_t now,
                             long *quanti, bool *per_indirizzo)
{
    char ku[KEY_SIZE], ka[KEY_SIZE];
    user_key(utente, indirizzo, ku);
    address_key(indirizzo, ka);
    RigaTentativi before;
    archivio_tentativi_leggi(ts->a, ku, &before);
    bool new_name = before.eventi[0] == 0 && before.eventi[1] == 0;
    archivio_tentativi_aggiungi(ts->a, ku, 0, !rifiutato, rifiutato, 0, now);
    archivio_tentativi_aggiungi(ts->a, ka, 0, !rifiutato, rifiutato, new_name, now);
    RigaTentativi u, a;
    archivio_tentativi_leggi(ts->a, ku, &u);
    archivio_tentativi_leggi(ts->a, ka, &a);
    int kind = rifiutato ? 1 : 0;
    *per_indirizzo = a.nomi > TENTATIVI_NOMI_PER_INDIRIZZO;
    *quanti = (long)(*per_indirizzo ? a.eventi[kind] : u.eventi[kind]);
    return power_of_ten(*quanti);
}
