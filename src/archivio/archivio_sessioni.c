/* SPDX-License-Identifier: EUPL-1.2 */
/* archivio_sessioni.c — the sessions and the failed logins of schede web as
 * rows of the archive (utenti.h), so that every server process on one
 * archive shares them and a restart keeps them. Each function is one
 * statement, outside any user action's transaction: none of this is a
 * change of the data, and none goes in the registro (logins do, as events). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio_db.h"
#include "text.h"
#include "utenti.h"

void riga_sessione_free(RigaSessione *r)
{
    free(r->utente);
    free(r->persona);
    memset(r, 0, sizeof *r);
}

bool archivio_sessione_scrivi(Archivio *a, const RigaSessione *r)
{
    DbStmt *s = db_prepare(a,
                           "INSERT INTO sessioni (chiave, ente, csrf, utente, indirizzo, revisione, creata, ultima) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           NULL);
    if (!s)
        return false;
    db_bind_text(s, 1, r->chiave);
    db_bind_int64(s, 2, a->ente);
    db_bind_text(s, 3, r->csrf);
    db_bind_text(s, 4, r->utente);
    db_bind_text(s, 5, r->indirizzo);
    db_bind_int64(s, 6, r->revisione);
    db_bind_int64(s, 7, r->creata);
    db_bind_int64(s, 8, r->ultima);
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    return ok;
}

bool archivio_sessione_leggi(Archivio *a, const char *chiave, RigaSessione *out)
{
    memset(out, 0, sizeof *out);
    DbStmt *s = db_prepare(a,
                           "SELECT s.csrf, s.utente, s.indirizzo, s.revisione, s.creata, s.ultima, u.ruolo, u.persona, "
                           "u.revisione, u.attivo FROM sessioni s LEFT JOIN utenti u ON u.ente = s.ente AND "
                           "u.nome = s.utente WHERE s.chiave = ? AND s.ente = ?",
                           NULL);
    if (!s)
        return false;
    db_bind_text(s, 1, chiave);
    db_bind_int64(s, 2, a->ente);
    bool found = db_step(s) == DB_ROW;
    if (found) {
        snprintf(out->chiave, sizeof out->chiave, "%s", chiave);
        snprintf(out->csrf, sizeof out->csrf, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
        out->utente = db_col_dup(s, 1);
        snprintf(out->indirizzo, sizeof out->indirizzo, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
        out->revisione = (long)db_col_int64(s, 3);
        out->creata = db_col_int64(s, 4);
        out->ultima = db_col_int64(s, 5);
        if (out->utente && !db_col_null(s, 6)) {
            out->utente_valido = ruolo_da_nome(db_col_text(s, 6), &out->ruolo) && db_col_int64(s, 8) == out->revisione &&
                                 db_col_int64(s, 9) != 0;
            out->persona = db_col_dup(s, 7);
        }
    }
    db_finalize(s);
    return found;
}

/* One statement of the form "… WHERE ente = ? AND <column> = ?", with an optional number before. */
static void run(Archivio *a, const char *sql, long long number, bool with_number, const char *text)
{
    DbStmt *s = db_prepare(a, sql, NULL);
    if (!s)
        return;
    int i = 1;
    if (with_number)
        db_bind_int64(s, i++, number);
    db_bind_int64(s, i++, a->ente);
    if (text)
        db_bind_text(s, i, text);
    db_step(s);
    db_finalize(s);
}

void archivio_sessione_vista(Archivio *a, const char *chiave, long long ultima)
{
    run(a, "UPDATE sessioni SET ultima = ? WHERE ente = ? AND chiave = ?", ultima, true, chiave);
}

void archivio_sessione_togli(Archivio *a, const char *chiave)
{
    run(a, "DELETE FROM sessioni WHERE ente = ? AND chiave = ?", 0, false, chiave);
}

size_t archivio_sessioni_togli_utente(Archivio *a, const char *utente)
{
    size_t n = 0;
    DbStmt *s = db_prepare(a, "SELECT count(*) FROM sessioni WHERE ente = ? AND utente = ?", NULL);
    if (s) {
        db_bind_int64(s, 1, a->ente);
        db_bind_text(s, 2, utente);
        if (db_step(s) == DB_ROW)
            n = (size_t)db_col_int64(s, 0);
        db_finalize(s);
    }
    run(a, "DELETE FROM sessioni WHERE ente = ? AND utente = ?", 0, false, utente);
    return n;
}

void archivio_sessioni_scadute(Archivio *a, long long inattiva, long long creata)
{
    DbStmt *s = db_prepare(a, "DELETE FROM sessioni WHERE ente = ? AND (ultima < ? OR creata < ?)", NULL);
    if (!s)
        return;
    db_bind_int64(s, 1, a->ente);
    db_bind_int64(s, 2, inattiva);
    db_bind_int64(s, 3, creata);
    db_step(s);
    db_finalize(s);
}

void archivio_sessioni_anonime(Archivio *a, const char *indirizzo, long *dell_indirizzo, long *tutte,
                               char piu_vecchia[65])
{
    *dell_indirizzo = *tutte = 0;
    piu_vecchia[0] = '\0';
    DbStmt *s = db_prepare(a,
                           "SELECT count(*), sum(CASE WHEN indirizzo = ? THEN 1 ELSE 0 END) FROM sessioni "
                           "WHERE ente = ? AND utente IS NULL",
                           NULL);
    if (s) {
        db_bind_text(s, 1, indirizzo ? indirizzo : "");
        db_bind_int64(s, 2, a->ente);
        if (db_step(s) == DB_ROW) {
            *tutte = (long)db_col_int64(s, 0);
            *dell_indirizzo = (long)db_col_int64(s, 1);
        }
        db_finalize(s);
    }
    s = db_prepare(a,
                   "SELECT chiave FROM sessioni WHERE ente = ? AND utente IS NULL AND indirizzo = ? "
                   "ORDER BY ultima, chiave LIMIT 1",
                   NULL);
    if (s) {
        db_bind_int64(s, 1, a->ente);
        db_bind_text(s, 2, indirizzo ? indirizzo : "");
        if (db_step(s) == DB_ROW && db_col_text(s, 0))
            snprintf(piu_vecchia, 65, "%s", db_col_text(s, 0));
        db_finalize(s);
    }
}

long archivio_sessioni_utenti(Archivio *a, char piu_vecchia[65])
{
    long n = 0;
    piu_vecchia[0] = '\0';
    DbStmt *s = db_prepare(a, "SELECT count(*) FROM sessioni WHERE ente = ? AND utente IS NOT NULL", NULL);
    if (s) {
        db_bind_int64(s, 1, a->ente);
        if (db_step(s) == DB_ROW)
            n = (long)db_col_int64(s, 0);
        db_finalize(s);
    }
    s = db_prepare(a, "SELECT chiave FROM sessioni WHERE ente = ? AND utente IS NOT NULL ORDER BY ultima, chiave LIMIT 1",
                   NULL);
    if (s) {
        db_bind_int64(s, 1, a->ente);
        if (db_step(s) == DB_ROW && db_col_text(s, 0))
            snprintf(piu_vecchia, 65, "%s", db_col_text(s, 0));
        db_finalize(s);
    }
    return n;
}

bool archivio_tentativi_leggi(Archivio *a, const char *chiave, RigaTentativi *out)
{
    memset(out, 0, sizeof *out);
    DbStmt *s = db_prepare(a,
                           "SELECT fallimenti, eventi_falliti, eventi_respinti, nomi, ultimo FROM tentativi "
                           "WHERE ente = ? AND chiave = ?",
                           NULL);
    if (!s)
        return false;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, chiave);
    bool found = db_step(s) == DB_ROW;
    if (found) {
        out->fallimenti = db_col_int(s, 0);
        out->eventi[0] = db_col_int64(s, 1);
        out->eventi[1] = db_col_int64(s, 2);
        out->nomi = db_col_int(s, 3);
        out->ultimo = db_col_int64(s, 4);
    }
    db_finalize(s);
    return found;
}

void archivio_tentativi_aggiungi(Archivio *a, const char *chiave, int fallimenti, int falliti, int respinti,
                                 int nomi, long long ultimo)
{
    /* a new row starts from the increments (a count never below zero); an existing one adds them, also a try
       taken back (fallimenti −1), never going below zero */
    DbStmt *s = db_prepare(
        a,
        "INSERT INTO tentativi (ente, chiave, fallimenti, eventi_falliti, eventi_respinti, nomi, ultimo) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ente, chiave) DO UPDATE SET "
        "fallimenti = CASE WHEN tentativi.fallimenti + ? < 0 THEN 0 ELSE tentativi.fallimenti + ? END, "
        "eventi_falliti = tentativi.eventi_falliti + excluded.eventi_falliti, "
        "eventi_respinti = tentativi.eventi_respinti + excluded.eventi_respinti, "
        "nomi = tentativi.nomi + excluded.nomi, ultimo = excluded.ultimo",
        NULL);
    if (!s)
        return;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, chiave);
    db_bind_int(s, 3, fallimenti < 0 ? 0 : fallimenti);
    db_bind_int(s, 4, falliti);
    db_bind_int(s, 5, respinti);
    db_bind_int(s, 6, nomi);
    db_bind_int64(s, 7, ultimo);
    db_bind_int(s, 8, fallimenti);
    db_bind_int(s, 9, fallimenti);
    db_step(s);
    db_finalize(s);
}

void archivio_tentativi_togli(Archivio *a, const char *chiave)
{
    run(a, "DELETE FROM tentativi WHERE ente = ? AND chiave = ?", 0, false, chiave);
}

void archivio_tentativi_scaduti(Archivio *a, long long prima, long massimo)
{
    run(a, "DELETE FROM tentativi WHERE ultimo < ? AND ente = ?", prima, true, NULL);
    DbStmt *s = db_prepare(a,
                           "DELETE FROM tentativi WHERE ente = ? AND chiave IN (SELECT chiave FROM tentativi "
                           "WHERE ente = ? ORDER BY ultimo DESC, chiave LIMIT 1000000000 OFFSET ?)",
                           NULL);
    if (!s)
        return;
    db_bind_int64(s, 1, a->ente);
    db_bind_int64(s, 2, a->ente);
    db_bind_int64(s, 3, massimo);
    db_step(s);
    db_finalize(s);
}
