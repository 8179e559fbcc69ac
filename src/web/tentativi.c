/* SPDX-License-Identifier: EUPL-1.2 */
/* tentativi.c — the login's defences (tentativi.h). */
#include "tentativi.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* One key: a user from an address ("u" name US address), or an address ("a" address). */
struct Tentativo {
    char chiave[1 + TENTATIVI_NOME_MAX + 1 + INET6_ADDRSTRLEN + 1];
    int fallimenti;    /* failures counted for the delay */
    long eventi[2];    /* failed and refused (delayed) tries, for the registro */
    int nomi;          /* an address: how many user names it tried */
    time_t ultimo;     /* the last try */
};

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

static void user_key(const char *utente, const char *indirizzo, char *out, size_t size)
{
    char nome[TENTATIVI_NOME_MAX + 1];
    tentativi_nome(utente, nome);
    snprintf(out, size, "u%s\x1f%s", nome, indirizzo ? indirizzo : "");
}

static void address_key(const char *indirizzo, char *out, size_t size)
{
    snprintf(out, size, "a%s", indirizzo ? indirizzo : "");
}

static void forget_old(Tentativi *ts, time_t now)
{
    size_t k = 0;
    for (size_t i = 0; i < ts->n; i++)
        if (now - ts->t[i].ultimo < TENTATIVI_FINESTRA && now >= ts->t[i].ultimo)
            ts->t[k++] = ts->t[i];
    ts->n = k;
}

static Tentativo *find(Tentativi *ts, const char *key, time_t now, bool create)
{
    for (size_t i = 0; i < ts->n; i++)
        if (strcmp(ts->t[i].chiave, key) == 0)
            return &ts->t[i];
    if (!create)
        return NULL;
    if (ts->n >= TENTATIVI_CHIAVI_MAX) { /* a flood: the key tried longest ago goes */
        size_t oldest = 0;
        for (size_t i = 1; i < ts->n; i++)
            if (ts->t[i].ultimo < ts->t[oldest].ultimo)
                oldest = i;
        ts->t[oldest] = ts->t[--ts->n];
    }
    ts->t = xgrow(ts->t, ts->n, &ts->cap, sizeof *ts->t, 64);
    Tentativo *t = &ts->t[ts->n++];
    memset(t, 0, sizeof *t);
    snprintf(t->chiave, sizeof t->chiave, "%s", key);
    t->ultimo = now;
    return t;
}

/* Seconds left of the delay after t's failures past max: 1 s, then twice as long at every further failure. */
static int delay_left(const Tentativo *t, int max, time_t now)
{
    if (!t || t->fallimenti < max)
        return 0;
    int doublings = t->fallimenti - max;
    long delay = doublings >= 10 ? TENTATIVI_ATTESA_MAX : 1L << doublings;
    if (delay > TENTATIVI_ATTESA_MAX)
        delay = TENTATIVI_ATTESA_MAX;
    long left = (long)(t->ultimo + delay - now);
    return left > 0 ? (int)left : 0;
}

int tentativi_attesa(Tentativi *ts, const char *utente, const char *indirizzo, time_t now)
{
    forget_old(ts, now);
    char ku[sizeof ts->t->chiave], ka[sizeof ts->t->chiave];
    user_key(utente, indirizzo, ku, sizeof ku);
    address_key(indirizzo, ka, sizeof ka);
    int wu = delay_left(find(ts, ku, now, false), TENTATIVI_MAX, now);
    int wa = delay_left(find(ts, ka, now, false), TENTATIVI_MAX_INDIRIZZO, now);
    return wu > wa ? wu : wa;
}

void tentativi_inizio(Tentativi *ts, const char *utente, const char *indirizzo, time_t now)
{
    char ku[sizeof ts->t->chiave], ka[sizeof ts->t->chiave];
    user_key(utente, indirizzo, ku, sizeof ku);
    address_key(indirizzo, ka, sizeof ka);
    Tentativo *u = find(ts, ku, now, true);
    u->fallimenti++;
    u->ultimo = now;
    Tentativo *a = find(ts, ka, now, true);
    a->fallimenti++;
    a->ultimo = now;
}

void tentativi_riuscito(Tentativi *ts, const char *utente, const char *indirizzo)
{
    char ku[sizeof ts->t->chiave], ka[sizeof ts->t->chiave];
    user_key(utente, indirizzo, ku, sizeof ku);
    address_key(indirizzo, ka, sizeof ka);
    Tentativo *u = find(ts, ku, 0, false);
    if (u)
        *u = ts->t[--ts->n];
    Tentativo *a = find(ts, ka, 0, false);
    if (a && a->fallimenti > 0)
        a->fallimenti--;
}

static bool power_of_ten(long n)
{
    while (n >= 10 && n % 10 == 0)
        n /= 10;
    return n == 1;
}

bool tentativi_da_registrare(Tentativi *ts, const char *utente, const char *indirizzo, bool rifiutato, time_t now,
                             long *quanti, bool *per_indirizzo)
{
    char ku[sizeof ts->t->chiave], ka[sizeof ts->t->chiave];
    user_key(utente, indirizzo, ku, sizeof ku);
    address_key(indirizzo, ka, sizeof ka);
    int kind = rifiutato ? 1 : 0;
    Tentativo *u = find(ts, ku, now, true);
    bool new_name = u->eventi[0] == 0 && u->eventi[1] == 0;
    long user_events = ++u->eventi[kind];
    u->ultimo = now;
    Tentativo *a = find(ts, ka, now, true); /* found after u: creating it may have moved the array */
    long address_events = ++a->eventi[kind];
    a->nomi += new_name;
    a->ultimo = now;
    *per_indirizzo = a->nomi > TENTATIVI_NOMI_PER_INDIRIZZO;
    *quanti = *per_indirizzo ? address_events : user_events;
    return power_of_ten(*quanti);
}

void tentativi_free(Tentativi *ts)
{
    free(ts->t);
    memset(ts, 0, sizeof *ts);
}
