/* SPDX-License-Identifier: EUPL-1.2 */
/* tentativi.h — the defences of the login that cannot be turned against
 * the users: failures are counted per user *and address*, and per address;
 * past a threshold each further failure doubles the wait before the next
 * try (progressive delays), so that guessing from one place slows down to
 * nothing while the same user, from any other address, still logs in: no
 * one can lock the Segreteria out from outside. A try is counted *before*
 * its password is checked (the check takes its time outside the server's
 * lock), so that concurrent tries cannot get past the threshold. What goes
 * in the registro is aggregated: one row for the first failure of a user
 * from an address in the window, then one at the 10th, 100th, … with the
 * count; an address trying many names gets its rows by its own count.
 * The counts are rows of the archive, shared by every server process on
 * it (a second process does not double the tries allowed); their number is
 * bounded (the oldest keys go). Every function takes the time, so tests
 * can move it; not thread-safe: the server holds its lock. Private to
 * src/web. */
#ifndef SCHEDE_WEB_TENTATIVI_H
#define SCHEDE_WEB_TENTATIVI_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "archivio.h"

#define TENTATIVI_MAX 5                 /* failures of one user from one address before the delays … */
#define TENTATIVI_MAX_INDIRIZZO 50      /* … or from one address, whatever the user (offices share one) */
#define TENTATIVI_FINESTRA (15 * 60)    /* counts are forgotten this long after the last failure */
#define TENTATIVI_ATTESA_MAX (15 * 60)  /* the longest delay */
#define TENTATIVI_NOME_MAX 64           /* bytes of a user name kept (and written in the registro) */
#define TENTATIVI_CHIAVI_MAX 20000      /* keys kept at most (then the oldest go) */
#define TENTATIVI_NOMI_PER_INDIRIZZO 20 /* names from one address with rows of their own, then by the address */

typedef struct {
    Archivio *a;
} Tentativi;

/* A user name as kept and written: at most TENTATIVI_NOME_MAX bytes, cut at a character's boundary. */
void tentativi_nome(const char *utente, char out[TENTATIVI_NOME_MAX + 1]);

/* Seconds before user may try again from address (0: may now). */
int tentativi_attesa(Tentativi *ts, const char *utente, const char *indirizzo, time_t now);
/* A try begins: counted as a failure until tentativi_riuscito says otherwise. */
void tentativi_inizio(Tentativi *ts, const char *utente, const char *indirizzo, time_t now);
/* The try failed: its delay runs from now (the check took its time). */
void tentativi_fallito(Tentativi *ts, const char *utente, const char *indirizzo, time_t now);
/* The try succeeded: the user's count from that address is forgotten, the address's try taken back. */
void tentativi_riuscito(Tentativi *ts, const char *utente, const char *indirizzo);

/* A failed try, or one refused for its delay (rifiutato), to be written in
 * the registro: whether to write a row now, and the count it reports (tries
 * of that kind of this user from this address in the window, or of the
 * address when it tried many names). */
bool tentativi_da_registrare(Tentativi *ts, const char *utente, const char *indirizzo, bool rifiutato, time_t now,
                             long *quanti, bool *per_indirizzo);

#endif
