/* SPDX-License-Identifier: EUPL-1.2 */
/* sessioni.c — sessions and CSRF tokens, as rows of the archive (sessioni.h). */
#include <sodium.h>
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

void sessione_free(Sessione *s)
{
    free(s->utente);
    free(s->persona);
    sodium_memzero(s, sizeof *s);
}

/* Room for a new session: a logged-in one pushes out the one idle longest when all are taken; an anonymous one
 * pushes out only the oldest of its own address, and is refused (false) when the anonymous ones are all taken. */
static bool make_room(Sessioni *ss, bool anonymous, const char *indirizzo)
{
    char oldest[65];
    if (anonymous) {
        long same, all;
        archivio_sessioni_anonime(ss->a, indirizzo, &same, &all, oldest);
        if (same >= SESSIONI_ANONIME_PER_INDIRIZZO && *oldest) {
            archivio_sessione_togli(ss->a, oldest);
            return true;
        }
        return all < SESSIONI_ANONIME_MAX;
    }
    if (archivio_sessioni_utenti(ss->a, oldest) >= SESSIONI_MAX && *oldest)
        archivio_sessione_togli(ss->a, oldest);
    return true;
}

char *sessioni_nuova(Sessioni *ss, const Utente *u, const char *indirizzo, time_t now, Sessione *out)
{
    memset(out, 0, sizeof *out);
    archivio_sessioni_scadute(ss->a, (long long)now - SESSIONE_INATTIVA, (long long)now - SESSIONE_DURATA);
    if (!make_room(ss, u == NULL, indirizzo))
        return NULL;
    char token[33];
    random_hex(token);
    RigaSessione r = {0};
    hash_token(token, r.chiave);
    random_hex(r.csrf);
    r.utente = u ? u->nome : NULL;
    snprintf(r.indirizzo, sizeof r.indirizzo, "%s", u ? "" : indirizzo ? indirizzo : "");
    r.revisione = u ? u->revisione : 0;
    r.creata = r.ultima = now;
    if (!archivio_sessione_scrivi(ss->a, &r)) {
        sodium_memzero(token, sizeof token);
        return NULL;
    }
    memcpy(out->chiave, r.chiave, sizeof out->chiave);
    memcpy(out->csrf, r.csrf, sizeof out->csrf);
    out->anonima = u == NULL;
    memcpy(out->indirizzo, r.indirizzo, sizeof out->indirizzo);
    if (u) {
        out->utente = xstrdup(u->nome);
        out->persona = u->persona ? xstrdup(u->persona) : NULL;
        out->ruolo = u->ruolo;
        out->revisione = u->revisione;
    }
    out->creata = out->ultima = now;
    char *copy = xstrdup(token);
    sodium_memzero(token, sizeof token);
    return copy;
}

static bool expired(const RigaSessione *r, time_t now)
{
    return now - r->ultima > SESSIONE_INATTIVA || now - r->creata > SESSIONE_DURATA || now < r->creata;
}

bool sessioni_trova(Sessioni *ss, const char *token, time_t now, Sessione *out)
{
    memset(out, 0, sizeof *out);
    if (!token || strlen(token) != 32)
        return false;
    char key[65];
    hash_token(token, key);
    RigaSessione r;
    if (!archivio_sessione_leggi(ss->a, key, &r))
        return false;
    if (expired(&r, now) || (r.utente && !r.utente_valido)) {
        archivio_sessione_togli(ss->a, key);
        riga_sessione_free(&r);
        return false;
    }
    if (now - r.ultima >= SESSIONE_VISTA) /* the idle time renewed, written at most once a minute */
        archivio_sessione_vista(ss->a, key, now);
    memcpy(out->chiave, key, sizeof out->chiave);
    memcpy(out->csrf, r.csrf, sizeof out->csrf);
    out->anonima = r.utente == NULL;
    memcpy(out->indirizzo, r.indirizzo, sizeof out->indirizzo);
    out->utente = r.utente;
    out->persona = r.persona; /* the user's as she is now */
    out->ruolo = r.ruolo;
    out->revisione = r.revisione;
    out->creata = (time_t)r.creata;
    out->ultima = now;
    r.utente = r.persona = NULL;
    riga_sessione_free(&r);
    return true;
}

void sessioni_chiudi(Sessioni *ss, const char *token)
{
    if (!token || strlen(token) != 32)
        return;
    char key[65];
    hash_token(token, key);
    archivio_sessione_togli(ss->a, key);
}

size_t sessioni_chiudi_utente(Sessioni *ss, const char *utente)
{
    return archivio_sessioni_togli_utente(ss->a, utente);
}

bool sessione_csrf_ok(const Sessione *s, const char *csrf)
{
    return s && csrf && strlen(csrf) == 32 && sodium_memcmp(s->csrf, csrf, 32) == 0;
}
