/* sessioni.h — who is logged in, in the server's memory: 128-bit tokens
 * from the CSPRNG, kept only as their SHA-256; a CSRF token per session;
 * an idle timeout and an absolute lifetime; the user's revisione at login
 * (a session opened before a change of role, persona or password, or
 * before the user was disabled, is over: dispatch.c asks the archive);
 * anonymous sessions (the login form's) bounded per address and in all, so
 * that nobody can push out the forms others have open. They are rows of the
 * archive, so that a restart keeps them and every server process on one
 * archive shares them. Every function takes the time, so tests can move
 * it. Not thread-safe: the server holds its lock. Private to src/web. */
#ifndef SCHEDE_WEB_SESSIONI_H
#define SCHEDE_WEB_SESSIONI_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "archivio.h"
#include "utenti.h"

#define SESSIONE_INATTIVA (30 * 60)     /* idle timeout, seconds */
#define SESSIONE_DURATA (10 * 60 * 60)  /* absolute lifetime */
#define SESSIONE_VISTA 60               /* last seen written at most this often (seconds) */
#define SESSIONI_MAX 10000              /* logged in */
#define SESSIONI_ANONIME_MAX 5000       /* login forms open, in all … */
#define SESSIONI_ANONIME_PER_INDIRIZZO 256 /* … and from one address (its oldest goes first): an office behind one
                                            NAT address opens many at nine in the morning */

/* A session as one request sees it: its own copy (free with sessione_free). */
typedef struct {
    char chiave[65];   /* SHA-256 of the token, hex */
    char csrf[33];
    bool anonima;      /* before login: only to carry the login form's csrf */
    char indirizzo[46]; /* an anonymous one: the address it was opened from */
    char *utente, *persona;
    Ruolo ruolo;
    long revisione;    /* the user's at login (utenti.h) */
    time_t creata, ultima;
} Sessione;
void sessione_free(Sessione *s);

/* The sessions live in the archive (archivio_sessioni.c): every process on it shares them. */
typedef struct {
    Archivio *a;
} Sessioni;

/* A new session (u NULL: anonymous, opened from indirizzo); returns its
 * token for the cookie (32 hex characters, the caller frees) and the session
 * in *out. NULL when it cannot be opened (every anonymous slot taken by
 * others: they are not pushed out; or the archive would not write). */
char *sessioni_nuova(Sessioni *ss, const Utente *u, const char *indirizzo, time_t now, Sessione *out);
/* The live session of a token into *out, its idle time renewed: false when
 * unknown, expired, or (logged in) its user changed, was disabled or removed
 * since the login — then it ends here. */
bool sessioni_trova(Sessioni *ss, const char *token, time_t now, Sessione *out);
void sessioni_chiudi(Sessioni *ss, const char *token);
/* Ends every session of the user called utente; returns how many. */
size_t sessioni_chiudi_utente(Sessioni *ss, const char *utente);
/* Whether csrf is the session's token (in constant time). */
bool sessione_csrf_ok(const Sessione *s, const char *csrf);

#endif
