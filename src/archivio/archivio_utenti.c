/* archivio_utenti.c — the users of the web interface and the workflow's
 * states in the archive (utenti.h). */
#include <stdlib.h>
#include <string.h>

#include "archivio_db.h"
#include "persone.h"
#include "text.h"
#include "utenti.h"

static const char *const RUOLI[N_RUOLI] = {"amministratore", "dirigente", "personale", "oiv", "dipendente"};

const char *ruolo_nome(Ruolo r)
{
    return r >= 0 && r < N_RUOLI ? RUOLI[r] : "?";
}

bool ruolo_da_nome(const char *nome, Ruolo *out)
{
    for (int r = 0; nome && r < N_RUOLI; r++)
        if (strcmp(nome, RUOLI[r]) == 0) {
            *out = (Ruolo)r;
            return true;
        }
    return false;
}

void utente_free(Utente *u)
{
    free(u->nome);
    free(u->persona);
    if (u->password)
        memset(u->password, 0, strlen(u->password));
    free(u->password);
    memset(u, 0, sizeof *u);
}

static void read_user(DbStmt *s, Utente *u)
{
    u->id = (long)db_col_int64(s, 0);
    u->nome = db_col_dup(s, 1);
    if (!ruolo_da_nome(db_col_text(s, 2), &u->ruolo))
        u->ruolo = RUOLO_DIPENDENTE; /* the CHECK constraint allows no other */
    u->persona = db_col_dup(s, 3);
    u->password = db_col_dup(s, 4);
    u->revisione = (long)db_col_int64(s, 5);
    u->attivo = db_col_int64(s, 6) != 0;
}

ArchivioEsito archivio_utente(Archivio *a, const char *nome, Utente *out, char **error)
{
    memset(out, 0, sizeof *out);
    DbStmt *s = db_prepare(a, "SELECT id, nome, ruolo, persona, password, revisione, attivo FROM utenti WHERE ente = ? AND nome = ?", error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, nome);
    int rc = db_step(s);
    ArchivioEsito e = ARCHIVIO_OK;
    if (rc == DB_ROW) {
        read_user(s, out);
    } else if (rc == DB_DONE) {
        *error = xasprintf("l'utente «%s» non c'è", nome);
        e = ARCHIVIO_DATI;
    } else {
        *error = db_error(a, "lettura degli utenti");
        e = ARCHIVIO_NON_USABILE;
    }
    db_finalize(s);
    return e;
}

size_t archivio_utenti(Archivio *a, Utente **out)
{
    *out = NULL;
    DbStmt *s = db_prepare(a, "SELECT id, nome, ruolo, persona, password, revisione, attivo FROM utenti WHERE ente = ? ORDER BY nome", NULL);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    size_t n = 0, cap = 0;
    while (db_step(s) == DB_ROW) {
        *out = xgrow(*out, n, &cap, sizeof **out, 8);
        read_user(s, &(*out)[n++]);
    }
    db_finalize(s);
    return n;
}

static char *user_json(const char *nome, Ruolo ruolo, const char *persona)
{
    StrBuf b = {0};
    strbuf_puts(&b, "{\"nome\":");
    strbuf_json_string(&b, nome);
    strbuf_printf(&b, ",\"ruolo\":\"%s\",\"persona\":", ruolo_nome(ruolo));
    if (persona)
        strbuf_json_string(&b, persona);
    else
        strbuf_puts(&b, "null");
    strbuf_puts(&b, "}");
    return b.data;
}

ArchivioEsito archivio_utente_salva(Archivio *a, const char *nome, Ruolo ruolo, const char *persona,
                                    const char *password_hash, const Autore *chi, bool *esiste, char **error)
{
    Utente old;
    char *ignored = NULL;
    ArchivioEsito found = archivio_utente(a, nome, &old, &ignored);
    free(ignored);
    if (found == ARCHIVIO_NON_USABILE) {
        *error = db_error(a, "lettura degli utenti");
        return found;
    }
    *esiste = found == ARCHIVIO_OK;
    DbStmt *s = db_prepare(a,
                           *esiste ? "UPDATE utenti SET ruolo = ?, persona = ?, password = COALESCE(?, password), "
                                     "revisione = revisione + 1 WHERE ente = ? AND nome = ?"
                                   : "INSERT INTO utenti (ruolo, persona, password, ente, nome) VALUES (?, ?, ?, ?, ?)",
                           error);
    char *prima = *esiste ? user_json(old.nome, old.ruolo, old.persona) : NULL;
    utente_free(&old);
    if (!s) {
        free(prima);
        return ARCHIVIO_NON_USABILE;
    }
    db_bind_text(s, 1, ruolo_nome(ruolo));
    db_bind_text(s, 2, persona);
    db_bind_text(s, 3, password_hash);
    db_bind_int64(s, 4, a->ente);
    db_bind_text(s, 5, nome);
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    if (!ok) {
        *error = db_error(a, "scrittura degli utenti");
        free(prima);
        return ARCHIVIO_NON_USABILE;
    }
    char *dopo = user_json(nome, ruolo, persona);
    ok = registro_aggiungi(a, chi, *esiste ? "modifica utente" : "nuovo utente", "utenti", nome, NULL, NULL, prima,
                           dopo, error);
    if (ok && password_hash)
        ok = registro_aggiungi(a, chi, "nuova password", "utenti", nome, NULL, "password", NULL, NULL, error);
    free(prima);
    free(dopo);
    return ok ? ARCHIVIO_OK : ARCHIVIO_NON_USABILE;
}

ArchivioEsito archivio_utente_attivo(Archivio *a, const char *nome, bool attivo, const Autore *chi, char **error)
{
    Utente u;
    ArchivioEsito e = archivio_utente(a, nome, &u, error);
    if (e != ARCHIVIO_OK)
        return e;
    bool was = u.attivo;
    utente_free(&u);
    if (was == attivo)
        return ARCHIVIO_OK;
    DbStmt *s = db_prepare(a, "UPDATE utenti SET attivo = ?, revisione = revisione + 1 WHERE ente = ? AND nome = ?",
                           error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int(s, 1, attivo ? 1 : 0);
    db_bind_int64(s, 2, a->ente);
    db_bind_text(s, 3, nome);
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    if (!ok) {
        *error = db_error(a, "scrittura degli utenti");
        return ARCHIVIO_NON_USABILE;
    }
    ok = registro_aggiungi(a, chi, attivo ? "riattiva utente" : "disattiva utente", "utenti", nome, NULL, "attivo",
                           attivo ? "false" : "true", attivo ? "true" : "false", error);
    return ok ? ARCHIVIO_OK : ARCHIVIO_NON_USABILE;
}

ArchivioEsito archivio_evento(Archivio *a, const Autore *chi, const char *operazione, const char *chiave,
                              const char *obiettivo, const char *dettaglio, char **error)
{
    char *dopo = dettaglio ? json_string(dettaglio) : NULL;
    bool ok = registro_aggiungi(a, chi, operazione, "accessi", chiave, obiettivo, NULL, NULL, dopo, error);
    free(dopo);
    return ok ? ARCHIVIO_OK : ARCHIVIO_NON_USABILE;
}

/* ---- states ------------------------------------------------------------------------------- */

void stato_free(Stato *s)
{
    free(s->stato);
    free(s->quando);
    free(s->chi);
    free(s->nota);
    memset(s, 0, sizeof *s);
}

ArchivioEsito archivio_stato(Archivio *a, const char *oggetto, const char *chiave, Stato *out, char **error)
{
    memset(out, 0, sizeof *out);
    DbStmt *s = db_prepare(a, "SELECT stato, quando, chi, nota FROM stati WHERE ente = ? AND oggetto = ? AND chiave = ?",
                           error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, oggetto);
    db_bind_text(s, 3, chiave);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->stato = db_col_dup(s, 0);
        out->quando = db_col_dup(s, 1);
        out->chi = db_col_dup(s, 2);
        out->nota = db_col_dup(s, 3);
    }
    db_finalize(s);
    if (rc != DB_ROW && rc != DB_DONE) {
        *error = db_error(a, "lettura degli stati");
        return ARCHIVIO_NON_USABILE;
    }
    return ARCHIVIO_OK;
}

size_t archivio_stati(Archivio *a, const char *oggetto, const char *prefisso, char ***chiavi, Stato **stati)
{
    *chiavi = NULL;
    *stati = NULL;
    /* the prefix compared as text, not as a LIKE pattern (a key may hold _ or %) */
    DbStmt *s = db_prepare(a, "SELECT chiave, stato, quando, chi, nota FROM stati WHERE ente = ? AND oggetto = ? AND "
                              "substr(chiave, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT) ORDER BY chiave", NULL);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, oggetto);
    db_bind_text(s, 3, prefisso);
    db_bind_text(s, 4, prefisso);
    size_t n = 0, cap = 0, cap2 = 0;
    while (db_step(s) == DB_ROW) {
        *chiavi = xgrow(*chiavi, n, &cap, sizeof **chiavi, 8);
        *stati = xgrow(*stati, n, &cap2, sizeof **stati, 8);
        (*chiavi)[n] = db_col_dup(s, 0);
        (*stati)[n] = (Stato){db_col_dup(s, 1), db_col_dup(s, 2), db_col_dup(s, 3), db_col_dup(s, 4)};
        n++;
    }
    db_finalize(s);
    return n;
}

ArchivioEsito archivio_cambia_stato(Archivio *a, const char *oggetto, const char *chiave, const char *obiettivo,
                                    const char *da, const char *stato, const char *nota, const Autore *chi,
                                    char **error)
{
    Stato now;
    ArchivioEsito e = archivio_stato(a, oggetto, chiave, &now, error);
    if (e != ARCHIVIO_OK)
        return e;
    bool same = da ? now.stato && strcmp(now.stato, da) == 0 : now.stato == NULL;
    if (!same) {
        *error = xasprintf("%s %s: lo stato è «%s», non «%s»: nessun cambiamento", oggetto, chiave,
                           now.stato ? now.stato : "iniziale", da ? da : "iniziale");
        stato_free(&now);
        return ARCHIVIO_DATI;
    }
    stato_free(&now);
    DbStmt *s = db_prepare(a,
                           da ? "UPDATE stati SET stato = ?, quando = ?, chi = ?, nota = ? WHERE ente = ? AND oggetto = ? "
                                "AND chiave = ?"
                              : "INSERT INTO stati (stato, quando, chi, nota, ente, oggetto, chiave) VALUES (?, ?, ?, ?, "
                                "?, ?, ?)",
                           error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_text(s, 1, stato);
    db_bind_text(s, 2, a->quando);
    db_bind_text(s, 3, chi->autore);
    db_bind_text(s, 4, nota);
    db_bind_int64(s, 5, a->ente);
    db_bind_text(s, 6, oggetto);
    db_bind_text(s, 7, chiave);
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    if (!ok) {
        *error = db_error(a, "scrittura degli stati");
        return ARCHIVIO_NON_USABILE;
    }
    char *prima = da ? json_string(da) : NULL, *dopo = json_string(stato);
    ok = registro_aggiungi(a, chi, "stato", "stati", chiave, obiettivo, oggetto, prima, dopo, error);
    free(prima);
    free(dopo);
    return ok ? ARCHIVIO_OK : ARCHIVIO_NON_USABILE;
}

char *archivio_chiave_valutazione(int anno, const char *nome)
{
    return xasprintf("%d %s", anno, nome);
}

size_t archivio_prese_visione(Archivio *a, int anno, PresaVisione **out)
{
    char *prefix = archivio_chiave_valutazione(anno, "");
    char **keys;
    Stato *st;
    size_t n = archivio_stati(a, "valutazione", prefix, &keys, &st), m = 0;
    *out = n ? xcalloc(n, sizeof **out) : NULL;
    for (size_t i = 0; i < n; i++) {
        Date day;
        bool dated = st[i].stato && strcmp(st[i].stato, "presa visione") == 0 &&
                     ((st[i].nota && date_find_in_text(st[i].nota, &day, 1) == 1) ||
                      date_utc_local_day(st[i].quando, &day));
        if (dated) {
            (*out)[m].nome = xstrdup(keys[i] + strlen(prefix));
            (*out)[m++].data = day;
        }
        free(keys[i]);
        stato_free(&st[i]);
    }
    free(keys);
    free(st);
    free(prefix);
    return m;
}

void prese_visione_free(PresaVisione *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(p[i].nome);
    free(p);
}

/* ---- a user's persona in the plan ----------------------------------------------------------- */

EsitoPersona archivio_persona_utente(Archivio *a, const char *nome, char **nel_piano, char **frase)
{
    *nel_piano = *frase = NULL;
    ArchivioFile f;
    VersionePiano v;
    char *error = NULL;
    Plan plan;
    bool has_plan = archivio_piano_da_usare(a, 0, &f, &v, &error) == ARCHIVIO_OK;
    free(error);
    if (has_plan) {
        has_plan = archivio_load_plan_file(&f, &plan, NULL) == LOAD_OK;
        if (!has_plan)
            plan_free(&plan);
        archivio_file_free(&f);
    }
    if (!has_plan) {
        *frase = xasprintf("l'archivio non ha ancora un piano: «%s» sarà confrontato con le persone e i dirigenti del "
                           "piano quando sarà importato", nome);
        return PERSONA_SENZA_PIANO;
    }
    EsitoPersona rc;
    const char *hit = persone_nome_nel_piano(&plan, nome);
    if (hit) {
        *nel_piano = xstrdup(hit);
        rc = PERSONA_NEL_PIANO;
    } else {
        const char *near[3];
        size_t n = persone_nomi_vicini(&plan, nome, near, 3);
        StrBuf b = {0};
        strbuf_printf(&b, "«%s» non è tra le persone né tra i dirigenti del piano (versione %d)", nome, v.numero);
        for (size_t i = 0; i < n; i++)
            strbuf_printf(&b, "%s«%s»%s", i == 0 ? ": forse " : i + 1 == n ? " o " : ", ", near[i], i + 1 == n ? "?" : "");
        *frase = b.data;
        rc = PERSONA_IGNOTA;
    }
    plan_free(&plan);
    return rc;
}

size_t archivio_utenti_fuori_piano(Archivio *a, const Plan *plan, char ***frasi)
{
    *frasi = NULL;
    Utente *u;
    size_t n = archivio_utenti(a, &u), k = 0;
    for (size_t i = 0; i < n; i++) {
        if (u[i].persona && !persone_nome_nel_piano(plan, u[i].persona)) {
            *frasi = xrealloc(*frasi, (k + 1) * sizeof **frasi);
            (*frasi)[k++] = xasprintf("l'utente «%s» (%s) è «%s», che questo piano non ha tra le persone né tra i "
                                      "dirigenti: correggerlo (pagina Utenti, o schede archivio utente)",
                                      u[i].nome, ruolo_nome(u[i].ruolo), u[i].persona);
        }
        utente_free(&u[i]);
    }
    free(u);
    return k;
}
