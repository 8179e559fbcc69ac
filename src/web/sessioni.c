/* sessioni.c — sessions and CSRF tokens (sessioni.h). */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessioni.h"
#include "text.h"

static void hash_token(const char *token, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, h, sizeof h);
}

static void random_hex(char out[33])
{
    unsigned char r[16];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(out, 33, r, sizeof r);
    sodium_memzero(r, sizeof r);
}

static void free_session(Sessione *s)
{
    free(s->utente);
    free(s->persona);
    sodium_memzero(s, sizeof *s);
}

static bool expired(const Sessione *s, time_t now)
{
    return now - s->ultima > SESSIONE_INATTIVA || now - s->creata > SESSIONE_DURATA || now < s->creata;
}

static void drop(Sessioni *ss, size_t i)
{
    free_session(&ss->s[i]);
    ss->s[i] = ss->s[--ss->n];
}

/* Drops expired sessions. */
static void prune(Sessioni *ss, time_t now)
{
    size_t k = 0;
    for (size_t i = 0; i < ss->n; i++) {
        if (expired(&ss->s[i], now))
            free_session(&ss->s[i]);
        else
            ss->s[k++] = ss->s[i];
    }
    ss->n = k;
}

/* Room for a new session: a logged-in one pushes out the oldest logged-in
 * one when all are taken; an anonymous one pushes out only the oldest of its
 * own address, and is refused (false) when the anonymous ones are all taken. */
static bool make_room(Sessioni *ss, bool anonymous, const char *indirizzo)
{
    size_t same = 0, anonymous_n = 0, oldest_same = SIZE_MAX, oldest_logged = SIZE_MAX;
    for (size_t i = 0; i < ss->n; i++) {
        const Sessione *x = &ss->s[i];
        if (x->anonima) {
            anonymous_n++;
            if (strcmp(x->indirizzo, indirizzo ? indirizzo : "") == 0) {
                same++;
                if (oldest_same == SIZE_MAX || x->ultima < ss->s[oldest_same].ultima)
                    oldest_same = i;
            }
        } else if (oldest_logged == SIZE_MAX || x->ultima < ss->s[oldest_logged].ultima) {
            oldest_logged = i;
        }
    }
    if (anonymous) {
        if (same >= SESSIONI_ANONIME_PER_INDIRIZZO) {
            drop(ss, oldest_same);
            return true;
        }
        return anonymous_n < SESSIONI_ANONIME_MAX;
    }
    if (ss->n - anonymous_n >= SESSIONI_MAX && oldest_logged != SIZE_MAX)
        drop(ss, oldest_logged);
    return true;
}

char *sessioni_nuova(Sessioni *ss, const Utente *u, const char *indirizzo, time_t now, Sessione **out)
{
    prune(ss, now);
    if (!make_room(ss, u == NULL, indirizzo)) {
        *out = NULL;
        return NULL;
    }
    ss->s = xgrow(ss->s, ss->n, &ss->cap, sizeof *ss->s, 16);
    Sessione *s = &ss->s[ss->n++];
    memset(s, 0, sizeof *s);
    char token[33];
    random_hex(token);
    hash_token(token, s->chiave);
    random_hex(s->csrf);
    s->anonima = u == NULL;
    if (u) {
        s->utente = xstrdup(u->nome);
        s->persona = u->persona ? xstrdup(u->persona) : NULL;
        s->ruolo = u->ruolo;
        s->revisione = u->revisione;
    } else {
        snprintf(s->indirizzo, sizeof s->indirizzo, "%s", indirizzo ? indirizzo : "");
    }
    s->creata = s->ultima = now;
    *out = s;
    char *copy = xstrdup(token);
    sodium_memzero(token, sizeof token);
    return copy;
}

static Sessione *find(Sessioni *ss, const char *token)
{
    if (!token || strlen(token) != 32)
        return NULL;
    char key[65];
    hash_token(token, key);
    for (size_t i = 0; i < ss->n; i++)
        if (sodium_memcmp(ss->s[i].chiave, key, 64) == 0)
            return &ss->s[i];
    return NULL;
}

Sessione *sessioni_trova(Sessioni *ss, const char *token, time_t now)
{
    Sessione *s = find(ss, token);
    if (!s || expired(s, now))
        return NULL;
    s->ultima = now;
    return s;
}

void sessioni_chiudi(Sessioni *ss, const char *token)
{
    Sessione *s = find(ss, token);
    if (!s)
        return;
    free_session(s);
    *s = ss->s[--ss->n];
}

size_t sessioni_chiudi_utente(Sessioni *ss, const char *utente)
{
    size_t n = 0;
    for (size_t i = 0; i < ss->n;)
        if (!ss->s[i].anonima && ss->s[i].utente && strcmp(ss->s[i].utente, utente) == 0) {
            drop(ss, i);
            n++;
        } else {
            i++;
        }
    return n;
}

bool sessione_csrf_ok(const Sessione *s, const char *csrf)
{
    return s && csrf && strlen(csrf) == 32 && sodium_memcmp(s->csrf, csrf, 32) == 0;
}

void sessioni_free(Sessioni *ss)
{
    for (size_t i = 0; i < ss->n; i++)
        free_session(&ss->s[i]);
    free(ss->s);
    memset(ss, 0, sizeof *ss);
}
