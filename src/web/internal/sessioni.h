/* sessioni.h — who is logged in, in the server's memory: 128-bit tokens
 * from the CSPRNG, kept only as their SHA-256; a CSRF token per session;
 * an idle timeout and an absolute lifetime; the limit on failed logins per
 * user and per address. Every function takes the time, so tests can move
 * it. Not thread-safe: the server holds its lock. Private to src/web. */
#ifndef SCHEDE_WEB_SESSIONI_H
#define SCHEDE_WEB_SESSIONI_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "utenti.h"

#define SESSIONE_INATTIVA (30 * 60)     /* idle timeout, seconds */
#define SESSIONE_DURATA (10 * 60 * 60)  /* absolute lifetime */
#define SESSIONI_MAX 10000
#define TENTATIVI_MAX 5                 /* failed logins of one user … */
#define TENTATIVI_MAX_INDIRIZZO 50      /* … or from one address (offices share one behind their NAT) … */
#define TENTATIVI_FINESTRA (15 * 60)    /* … in this many seconds, then 429 */

typedef struct {
    char chiave[65];   /* SHA-256 of the token, hex */
    char csrf[33];
    bool anonima;      /* before login: only to carry the login form's csrf */
    char *utente, *persona;
    Ruolo ruolo;
    time_t creata, ultima;
} Sessione;

typedef struct {
    char *chi;         /* "u:NAME" or "a:ADDRESS" */
    time_t quando;
} Tentativo;

typedef struct {
    Sessione *s;
    size_t n, cap;
    Tentativo *t;
    size_t n_t, cap_t;
} Sessioni;

/* A new session (u NULL: anonymous); returns its token for the cookie (32
 * hex characters, the caller frees) and the session in *out. */
char *sessioni_nuova(Sessioni *ss, const Utente *u, time_t now, Sessione **out);
/* The live session of a token, its idle time renewed; NULL when unknown or expired. */
Sessione *sessioni_trova(Sessioni *ss, const char *token, time_t now);
void sessioni_chiudi(Sessioni *ss, const char *token);
/* Whether csrf is the session's token (in constant time). */
bool sessione_csrf_ok(const Sessione *s, const char *csrf);
void sessioni_free(Sessioni *ss);

/* Seconds to wait before user may try again from address (0: may now). */
int tentativi_attesa(Sessioni *ss, const char *utente, const char *indirizzo, time_t now);
void tentativi_fallito(Sessioni *ss, const char *utente, const char *indirizzo, time_t now);
void tentativi_riuscito(Sessioni *ss, const char *utente);

#endif
