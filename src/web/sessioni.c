/* sessioni.c — sessions, CSRF tokens and the login limit (sessioni.h). */
#include <sodium.h>
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

/* Drops expired sessions; when still full, the oldest anonymous one, else the oldest. */
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
    if (ss->n < SESSIONI_MAX)
        return;
    size_t victim = 0;
    for (size_t i = 0; i < ss->n; i++)
        if ((ss->s[i].anonima && !ss->s[victim].anonima) ||
            (ss->s[i].anonima == ss->s[victim].anonima && ss->s[i].ultima < ss->s[victim].ultima))
            victim = i;
    free_session(&ss->s[victim]);
    ss->s[victim] = ss->s[--ss->n];
}

char *sessioni_nuova(Sessioni *ss, const Utente *u, time_t now, Sessione **out)
{
    prune(ss, now);
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

bool sessione_csrf_ok(const Sessione *s, const char *csrf)
{
    return s && csrf && strlen(csrf) == 32 && sodium_memcmp(s->csrf, csrf, 32) == 0;
}

void sessioni_free(Sessioni *ss)
{
    for (size_t i = 0; i < ss->n; i++)
        free_session(&ss->s[i]);
    free(ss->s);
    for (size_t i = 0; i < ss->n_t; i++)
        free(ss->t[i].chi);
    free(ss->t);
    memset(ss, 0, sizeof *ss);
}

/* ---- the login limit ---------------------------------------------------------------------- */

static void forget_old(Sessioni *ss, time_t now)
{
    size_t k = 0;
    for (size_t i = 0; i < ss->n_t; i++) {
        if (now - ss->t[i].quando >= TENTATIVI_FINESTRA || now < ss->t[i].quando)
            free(ss->t[i].chi);
        else
            ss->t[k++] = ss->t[i];
    }
    ss->n_t = k;
}

/* Seconds until the oldest of chi's failures leaves the window, when it has max of them. */
static int wait_for(const Sessioni *ss, const char *chi, size_t max, time_t now)
{
    size_t count = 0;
    time_t oldest = now;
    for (size_t i = 0; i < ss->n_t; i++)
        if (strcmp(ss->t[i].chi, chi) == 0) {
            count++;
            if (ss->t[i].quando < oldest)
                oldest = ss->t[i].quando;
        }
    return count >= max ? (int)(oldest + TENTATIVI_FINESTRA - now) : 0;
}

int tentativi_attesa(Sessioni *ss, const char *utente, const char *indirizzo, time_t now)
{
    forget_old(ss, now);
    char *u = xasprintf("u:%s", utente ? utente : ""), *a = xasprintf("a:%s", indirizzo ? indirizzo : "");
    int wu = wait_for(ss, u, TENTATIVI_MAX, now), wa = wait_for(ss, a, TENTATIVI_MAX_INDIRIZZO, now);
    free(u);
    free(a);
    return wu > wa ? wu : wa;
}

static void add_failure(Sessioni *ss, char *chi, time_t now)
{
    if (ss->n_t >= 100000) { /* a flood: the oldest goes */
        free(ss->t[0].chi);
        memmove(ss->t, ss->t + 1, (ss->n_t - 1) * sizeof *ss->t);
        ss->n_t--;
    }
    ss->t = xgrow(ss->t, ss->n_t, &ss->cap_t, sizeof *ss->t, 16);
    ss->t[ss->n_t++] = (Tentativo){chi, now};
}

void tentativi_fallito(Sessioni *ss, const char *utente, const char *indirizzo, time_t now)
{
    add_failure(ss, xasprintf("u:%s", utente ? utente : ""), now);
    add_failure(ss, xasprintf("a:%s", indirizzo ? indirizzo : ""), now);
}

void tentativi_riuscito(Sessioni *ss, const char *utente)
{
    char *u = xasprintf("u:%s", utente ? utente : "");
    size_t k = 0;
    for (size_t i = 0; i < ss->n_t; i++) {
        if (strcmp(ss->t[i].chi, u) == 0)
            free(ss->t[i].chi);
        else
            ss->t[k++] = ss->t[i];
    }
    ss->n_t = k;
    free(u);
}
