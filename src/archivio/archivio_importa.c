/* archivio_importa.c — what comes into the archive: a plan version (and its
 * rows), the rilevazioni of a raccolta, the SMVP and the valutazioni; each
 * change with its rows in the registro, in the caller's transaction. */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio.h"
#include "archivio_db.h"
#include "confronto.h"
#include "plan_load.h"
#include "text.h"

#define DONE_OR_FAIL(a, s, what, error)                                                                              \
    do {                                                                                                             \
        if (db_step(s) != DB_DONE) {                                                                        \
            *(error) = db_error((a), (what));                                                                        \
            db_finalize(s);                                                                                     \
            return false;                                                                                            \
        }                                                                                                            \
        db_reset(s);                                                                                            \
    } while (0)

void archivio_sha256_hex(const char *bytes, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)bytes, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* ---- the plan ----------------------------------------------------------------------------- */

/* The version's objectives, actions and people as rows. */
static bool insert_rows(Archivio *a, long versione, const Plan *plan, char **error)
{
    DbStmt *o = db_prepare(a, "INSERT INTO obiettivi (versione, codice, descrizione, dirigente) VALUES (?, ?, ?, ?)",
                                 error);
    if (!o)
        return false;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *ob = &plan->obiettivi[i];
        db_bind_int64(o, 1, versione);
        db_bind_text(o, 2, ob->codice);
        db_bind_text(o, 3, ob->descrizione);
        db_bind_text(o, 4, ob->dirigente);
        DONE_OR_FAIL(a, o, "scrittura degli obiettivi", error);
    }
    db_finalize(o);
    DbStmt *z = db_prepare(a, "INSERT INTO azioni (versione, codice, anno, n, peso, azione) VALUES (?, ?, ?, ?, ?, ?)",
                                 error);
    if (!z)
        return false;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *ob = &plan->obiettivi[i];
        for (size_t k = 0; k < ob->n_annualita; k++)
            for (size_t j = 0; j < ob->annualita[k].n_azioni; j++) {
                const Azione *az = &ob->annualita[k].azioni[j];
                db_bind_int64(z, 1, versione);
                db_bind_text(z, 2, ob->codice);
                db_bind_int(z, 3, ob->annualita[k].anno);
                db_bind_int(z, 4, az->n);
                if (az->has_peso)
                    db_bind_double(z, 5, az->peso);
                else
                    db_bind_null(z, 5);
                db_bind_text(z, 6, az->azione);
                DONE_OR_FAIL(a, z, "scrittura delle azioni", error);
            }
    }
    db_finalize(z);
    DbStmt *p = db_prepare(a, "INSERT INTO persone (versione, nome, matricola, area) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                 error);
    if (!p)
        return false;
    for (size_t i = 0; i < plan->n_persone; i++) {
        db_bind_int64(p, 1, versione);
        db_bind_text(p, 2, plan->persone[i].nome);
        db_bind_text(p, 3, plan->persone[i].matricola);
        db_bind_text(p, 4, plan->persone[i].area);
        DONE_OR_FAIL(a, p, "scrittura delle persone", error);
    }
    db_finalize(p);
    return true;
}

/* The registro of a new version: against the previous one, each objective
 * added or removed and each field changed; the first, its objectives. */
static bool record_version(Archivio *a, int numero, const Plan *prev, const Plan *plan, const char *file,
                           const Autore *chi, char **error)
{
    char chiave[32];
    snprintf(chiave, sizeof chiave, "versione %d", numero);
    char *f = json_string(file);
    char *dopo = xasprintf("{\"file\": %s, \"obiettivi\": %zu}", f, plan->n_obiettivi);
    free(f);
    bool ok = registro_aggiungi(a, chi, "importa piano", "versioni", chiave, NULL, NULL, NULL, dopo, error);
    free(dopo);
    if (!ok)
        return false;
    if (!prev) {
        for (size_t i = 0; ok && i < plan->n_obiettivi; i++)
            ok = registro_aggiungi(a, chi, "importa piano", "obiettivi", chiave, plan->obiettivi[i].codice,
                                   "obiettivo", NULL, "\"aggiunto\"", error);
        return ok;
    }
    Confronto c;
    DiagList d;
    diag_list_init(&d);
    confronto_compute(prev, plan, file, &c, &d);
    diag_list_free(&d);
    for (size_t i = 0; ok && i < c.n_aggiunti; i++)
        ok = registro_aggiungi(a, chi, "importa piano", "obiettivi", chiave, c.aggiunti[i]->codice, "obiettivo", NULL,
                               "\"aggiunto\"", error);
    for (size_t i = 0; ok && i < c.n_eliminati; i++)
        ok = registro_aggiungi(a, chi, "importa piano", "obiettivi", chiave, c.eliminati[i]->codice, "obiettivo",
                               "\"presente\"", "\"eliminato\"", error);
    for (size_t i = 0; ok && i < c.n_modificati; i++) {
        const ObiettivoModificato *m = &c.modificati[i];
        for (size_t k = 0; ok && k < m->n; k++) {
            char *prima = m->campi[k].prima ? json_string(m->campi[k].prima) : NULL;
            char *poi = m->campi[k].dopo ? json_string(m->campi[k].dopo) : NULL;
            ok = registro_aggiungi(a, chi, "importa piano", "obiettivi", chiave, m->nuovo->codice, m->campi[k].campo,
                                   prima, poi, error);
            free(prima);
            free(poi);
        }
    }
    confronto_free(&c);
    return ok;
}

/* The latest version: its numero and bytes (none: numero 0). */
static bool latest_version(Archivio *a, int *numero, char **bytes, size_t *len, char **file, char **error)
{
    *numero = 0;
    *bytes = *file = NULL;
    *len = 0;
    DbStmt *s = db_prepare(a, "SELECT numero, contenuto, file FROM versioni WHERE ente = ? ORDER BY numero DESC "
                                    "LIMIT 1", error);
    if (!s)
        return false;
    db_bind_int64(s, 1, a->ente);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *numero = db_col_int(s, 0);
        const void *blob = db_col_blob(s, 1, len);
        *bytes = xmalloc(*len + 1);
        memcpy(*bytes, blob, *len);
        (*bytes)[*len] = '\0';
        *file = db_col_dup(s, 2);
    }
    db_finalize(s);
    if (rc != DB_ROW && rc != DB_DONE) {
        *error = db_error(a, "lettura delle versioni");
        return false;
    }
    return true;
}

ArchivioEsito archivio_importa_piano(Archivio *a, const char *file, const char *bytes, size_t len, const Plan *plan,
                                     const Autore *chi, int *numero, bool *nuova, char **error)
{
    *nuova = false;
    int last;
    char *prev_bytes, *prev_file;
    size_t prev_len;
    if (!latest_version(a, &last, &prev_bytes, &prev_len, &prev_file, error))
        return ARCHIVIO_NON_USABILE;
    if (last > 0 && prev_len == len && memcmp(prev_bytes, bytes, len) == 0) {
        *numero = last;
        free(prev_bytes);
        free(prev_file);
        return ARCHIVIO_OK;
    }
    Plan prev = {0};
    bool has_prev = last > 0 && archivio_load_plan_bytes(prev_file, prev_bytes, prev_len, &prev, NULL) == LOAD_OK;
    free(prev_bytes);
    free(prev_file);
    *numero = last + 1;
    ArchivioEsito rc = ARCHIVIO_NON_USABILE;
    DbStmt *s = db_prepare(a,
                                 "INSERT INTO versioni (ente, numero, importato, autore, motivo, file, contenuto) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                 error);
    if (s) {
        db_bind_int64(s, 1, a->ente);
        db_bind_int(s, 2, *numero);
        db_bind_text(s, 3, a->quando);
        db_bind_text(s, 4, chi->autore);
        db_bind_text(s, 5, chi->motivo);
        db_bind_text(s, 6, file);
        db_bind_blob(s, 7, bytes, len);
        if (db_step(s) != DB_ROW) {
            *error = db_error(a, "scrittura del piano");
        } else {
            long id = (long)db_col_int64(s, 0);
            db_reset(s); /* done with its row (RETURNING) */
            if (insert_rows(a, id, plan, error) &&
                record_version(a, *numero, has_prev ? &prev : NULL, plan, file, chi, error)) {
                *nuova = true;
                rc = ARCHIVIO_OK;
            }
        }
        db_finalize(s);
    }
    if (has_prev)
        plan_free(&prev);
    return rc;
}

/* ---- rilevazioni -------------------------------------------------------------------------- */

/* A rilevazione's fields as the archive keeps them, in text, for comparing and the registro. */
enum { F_DATA, F_VALORE, F_PERCENTUALE, F_RAGGIUNTO, F_NOTA, F_AVANZAMENTO, F_CRITICITA, F_PROPOSTA, N_FIELDS };
static const char *const FIELD_NAMES[N_FIELDS] = {"data",      "valore",     "percentuale", "raggiunto",
                                                  "nota",      "avanzamento", "criticita",  "proposta"};

/* A number as JSON, exactly (17 significant digits read back to the same double). */
static char *json_number(double v)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", v);
    /* the shortest of %.15g and %.17g that reads back the same */
    char short_buf[40];
    snprintf(short_buf, sizeof short_buf, "%.15g", v);
    return xstrdup(strtod(short_buf, NULL) == v ? short_buf : buf);
}

static void fields_of(const Rilevazione *r, char *out[N_FIELDS])
{
    char d[11];
    for (int i = 0; i < N_FIELDS; i++)
        out[i] = NULL;
    if (r->has_data) {
        date_format_iso(r->data, d);
        out[F_DATA] = json_string(d);
    }
    if (r->valore_kind == VALORE_NUMERO)
        out[F_VALORE] = json_number(r->valore);
    else if (r->valore_kind == VALORE_SI_NO)
        out[F_VALORE] = xstrdup(r->valore_si ? "true" : "false");
    if (r->has_percentuale)
        out[F_PERCENTUALE] = json_number(r->percentuale);
    if (r->raggiunto)
        out[F_RAGGIUNTO] = json_string(r->raggiunto);
    if (r->nota)
        out[F_NOTA] = json_string(r->nota);
    if (r->has_avanzamento)
        out[F_AVANZAMENTO] = json_number(r->avanzamento);
    if (r->criticita)
        out[F_CRITICITA] = json_string(r->criticita);
    if (r->proposta)
        out[F_PROPOSTA] = json_string(r->proposta);
}

/* The same fields of a stored row (columns 1.. of SELECT_FIELDS). */
#define SELECT_FIELDS "id, " RILEVAZIONE_COLUMNS

static void fields_free(char *f[N_FIELDS])
{
    for (int i = 0; i < N_FIELDS; i++)
        free(f[i]);
}

static bool same(const char *x, const char *y) { return (!x && !y) || (x && y && strcmp(x, y) == 0); }

char *archivio_chiave_rilevazione(int anno, const char *al, const char *obiettivo, int azione, int indicatore,
                                  const char *chiave_data)
{
    const char *sep = al && *al ? " al " : "";
    if (indicatore > 0)
        return xasprintf("%d%s%s %s indicatore %d%s%s", anno, sep, al ? al : "", obiettivo, indicatore,
                         *chiave_data ? " " : "", chiave_data);
    return xasprintf("%d%s%s %s azione %d", anno, sep, al ? al : "", obiettivo, azione);
}

static long raccolta_id(Archivio *a, int anno, const char *al, char **error)
{
    DbStmt *s = db_prepare(a, "INSERT INTO raccolte (ente, anno, al) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", error);
    if (!s)
        return -1;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    db_bind_text(s, 3, al);
    int rc = db_step(s);
    db_finalize(s);
    if (rc != DB_DONE) {
        *error = db_error(a, "scrittura delle raccolte");
        return -1;
    }
    s = db_prepare(a, "SELECT id FROM raccolte WHERE ente = ? AND anno = ? AND al = ?", error);
    if (!s)
        return -1;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    db_bind_text(s, 3, al);
    long id = db_step(s) == DB_ROW ? (long)db_col_int64(s, 0) : -1;
    db_finalize(s);
    if (id < 0)
        *error = db_error(a, "lettura delle raccolte");
    return id;
}

static void bind_fields(DbStmt *s, int first, const Rilevazione *r)
{
    char d[11];
    if (r->has_data) {
        date_format_iso(r->data, d);
        db_bind_text(s, first, d);
    } else {
        db_bind_null(s, first);
    }
    db_bind_text(s, first + 1, r->valore_kind == VALORE_NUMERO ? "numero" : r->valore_kind == VALORE_SI_NO ? "si_no" : "");
    if (r->valore_kind == VALORE_NUMERO)
        db_bind_double(s, first + 2, r->valore);
    else if (r->valore_kind == VALORE_SI_NO)
        db_bind_double(s, first + 2, r->valore_si ? 1 : 0);
    else
        db_bind_null(s, first + 2);
    if (r->has_percentuale)
        db_bind_double(s, first + 3, r->percentuale);
    else
        db_bind_null(s, first + 3);
    db_bind_text(s, first + 4, r->raggiunto);
    db_bind_text(s, first + 5, r->nota);
    if (r->has_avanzamento)
        db_bind_double(s, first + 6, r->avanzamento);
    else
        db_bind_null(s, first + 6);
    db_bind_text(s, first + 7, r->criticita);
    db_bind_text(s, first + 8, r->proposta);
}

/* One rilevazione: added, replaced field by field, or the same (nothing). */
static bool import_one(Archivio *a, long raccolta, int anno, const char *al, const Date *al_date,
                       ControlloRilevazioni controllo, const Rilevazione *r, const Autore *chi, bool *changed,
                       bool *refused, char **error)
{
    *changed = false;
    char chiave_data[11] = "";
    if (r->indicatore > 0 && r->has_data)
        date_format_iso(r->data, chiave_data);
    DbStmt *s = db_prepare(a, "SELECT " SELECT_FIELDS " FROM rilevazioni WHERE raccolta = ? AND obiettivo = ? "
                                    "AND azione = ? AND indicatore = ? AND chiave_data = ?", error);
    if (!s)
        return false;
    db_bind_int64(s, 1, raccolta);
    db_bind_text(s, 2, r->obiettivo);
    db_bind_int(s, 3, r->indicatore > 0 ? 0 : r->azione);
    db_bind_int(s, 4, r->indicatore);
    db_bind_text(s, 5, chiave_data);
    char *now[N_FIELDS], *before[N_FIELDS];
    fields_of(r, now);
    bool exists = db_step(s) == DB_ROW;
    long id = 0;
    if (exists) {
        Rilevazione old = {0};
        id = (long)db_col_int64(s, 0);
        archivio_row_to_rilevazione(s, 1, &old);
        fields_of(&old, before);
        free(old.raggiunto);
        free(old.nota);
        free(old.criticita);
        free(old.proposta);
    } else {
        for (int i = 0; i < N_FIELDS; i++)
            before[i] = NULL;
    }
    db_finalize(s);
    bool differs = !exists;
    for (int i = 0; i < N_FIELDS && !differs; i++)
        differs = !same(before[i], now[i]);
    bool ok = true;
    char *why = differs && controllo ? controllo(a, anno, al_date, r->obiettivo) : NULL;
    if (why) {
        *error = why;
        *refused = true;
        differs = ok = false;
    }
    if (differs) {
        s = exists ? db_prepare(a, "UPDATE rilevazioni SET data = ?, valore_tipo = ?, valore = ?, percentuale = ?, "
                                   "raggiunto = ?, nota = ?, avanzamento = ?, criticita = ?, proposta = ? WHERE id = ?",
                                error)
                   : db_prepare(a, "INSERT INTO rilevazioni (data, valore_tipo, valore, percentuale, raggiunto, nota, "
                                   "avanzamento, criticita, proposta, raccolta, obiettivo, azione, indicatore, "
                                   "chiave_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
        ok = s != NULL;
        if (ok) {
            bind_fields(s, 1, r);
            if (exists) {
                db_bind_int64(s, 10, id);
            } else {
                db_bind_int64(s, 10, raccolta);
                db_bind_text(s, 11, r->obiettivo);
                db_bind_int(s, 12, r->indicatore > 0 ? 0 : r->azione);
                db_bind_int(s, 13, r->indicatore);
                db_bind_text(s, 14, chiave_data);
            }
            ok = db_step(s) == DB_DONE;
            if (!ok)
                *error = db_error(a, "scrittura delle rilevazioni");
            db_finalize(s);
        }
        char *chiave = archivio_chiave_rilevazione(anno, al, r->obiettivo, r->azione, r->indicatore, chiave_data);
        const char *op = chi->dal_web ? (exists ? "corregge rilevazione" : "inserisce rilevazione")
                                      : (exists ? "modifica rilevazione" : "importa rilevazione");
        bool any = false;
        for (int i = 0; ok && i < N_FIELDS; i++)
            if (!same(before[i], now[i])) {
                ok = registro_aggiungi(a, chi, op, "rilevazioni", chiave, r->obiettivo, FIELD_NAMES[i], before[i],
                                       now[i], error);
                any = true;
            }
        if (ok && !any) /* a rilevazione with no field at all: recorded as such */
            ok = registro_aggiungi(a, chi, op, "rilevazioni", chiave, r->obiettivo, NULL, NULL, "{}", error);
        free(chiave);
        *changed = ok;
    }
    fields_free(now);
    fields_free(before);
    return ok;
}

ArchivioEsito archivio_importa_rilevazioni(Archivio *a, const Rilevazioni *ril, int anno, const Date *al,
                                           ControlloRilevazioni controllo, const Autore *chi, size_t *cambiate,
                                           char **error)
{
    *cambiate = 0;
    char al_text[11] = "";
    if (al)
        date_format_iso(*al, al_text);
    long raccolta = raccolta_id(a, anno, al_text, error);
    if (raccolta < 0)
        return ARCHIVIO_NON_USABILE;
    for (size_t i = 0; i < ril->n; i++) {
        bool changed, refused = false;
        if (!import_one(a, raccolta, anno, al_text, al, controllo, &ril->items[i], chi, &changed, &refused, error))
            return refused ? ARCHIVIO_DATI : ARCHIVIO_NON_USABILE;
        *cambiate += changed;
    }
    return ARCHIVIO_OK;
}

ArchivioEsito archivio_cambia_termine(Archivio *a, int anno, const Date *al, const Date *termine, const Autore *chi,
                                      char **error)
{
    char al_text[11] = "", before[11] = "", after[11] = "";
    if (al)
        date_format_iso(*al, al_text);
    Date old;
    bool had = archivio_termine(a, anno, al, &old);
    if (had)
        date_format_iso(old, before);
    if (termine)
        date_format_iso(*termine, after);
    if (strcmp(before, after) == 0)
        return ARCHIVIO_OK;
    DbStmt *s = db_prepare(a, "DELETE FROM termini WHERE ente = ? AND anno = ? AND al = ?", error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    db_bind_text(s, 3, al_text);
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    if (ok && termine) {
        s = db_prepare(a, "INSERT INTO termini (ente, anno, al, termine) VALUES (?, ?, ?, ?)", error);
        if (!s)
            return ARCHIVIO_NON_USABILE;
        db_bind_int64(s, 1, a->ente);
        db_bind_int(s, 2, anno);
        db_bind_text(s, 3, al_text);
        db_bind_text(s, 4, after);
        ok = db_step(s) == DB_DONE;
        db_finalize(s);
    }
    if (!ok) {
        *error = db_error(a, "scrittura dei termini");
        return ARCHIVIO_NON_USABILE;
    }
    char *key = al ? xasprintf("%d al %s", anno, al_text) : xasprintf("%d", anno);
    char *prima = had ? json_string(before) : NULL, *dopo = termine ? json_string(after) : NULL;
    ok = registro_aggiungi(a, chi, "termine", "raccolte", key, NULL, "termine", prima, dopo, error);
    free(key);
    free(prima);
    free(dopo);
    return ok ? ARCHIVIO_OK : ARCHIVIO_NON_USABILE;
}

/* ---- documents kept whole: the SMVP; the files of valutazioni as evidence ------------------- */

static ArchivioEsito import_document(Archivio *a, const char *tabella, int anno, const char *file, const char *bytes,
                                     size_t len, const Autore *chi, bool *nuovo, char **error)
{
    *nuovo = false;
    bool per_anno = anno > 0;
    char *sql = per_anno ? xasprintf("SELECT contenuto FROM %s WHERE ente = ? AND anno = ? ORDER BY id DESC LIMIT 1", tabella)
                         : xasprintf("SELECT contenuto FROM %s WHERE ente = ? ORDER BY id DESC LIMIT 1", tabella);
    DbStmt *s = db_prepare(a, sql, error);
    free(sql);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    if (per_anno)
        db_bind_int(s, 2, anno);
    char prima[65] = "", dopo[65];
    bool had = db_step(s) == DB_ROW;
    if (had)
    {
        size_t n;
        const void *blob = db_col_blob(s, 0, &n);
        archivio_sha256_hex(blob, n, prima);
    }
    db_finalize(s);
    archivio_sha256_hex(bytes, len, dopo);
    if (had && strcmp(prima, dopo) == 0)
        return ARCHIVIO_OK;
    sql = per_anno ? xasprintf("INSERT INTO %s (ente, importato, autore, file, contenuto, anno) VALUES (?, ?, ?, ?, ?, ?)",
                               tabella)
                   : xasprintf("INSERT INTO %s (ente, importato, autore, file, contenuto) VALUES (?, ?, ?, ?, ?)", tabella);
    s = db_prepare(a, sql, error);
    free(sql);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, a->quando);
    db_bind_text(s, 3, chi->autore);
    db_bind_text(s, 4, file);
    db_bind_blob(s, 5, bytes, len);
    if (per_anno)
        db_bind_int(s, 6, anno);
    bool ok = db_step(s) == DB_DONE;
    if (!ok)
        *error = db_error(a, "scrittura");
    db_finalize(s);
    if (!ok)
        return ARCHIVIO_NON_USABILE;
    char chiave[32];
    if (per_anno)
        snprintf(chiave, sizeof chiave, "%d", anno);
    else
        snprintf(chiave, sizeof chiave, "sistema");
    char *f = json_string(file);
    char *p = had ? xasprintf("{\"sha256\": \"%s\"}", prima) : NULL;
    char *d = xasprintf("{\"file\": %s, \"sha256\": \"%s\"}", f, dopo);
    ok = registro_aggiungi(a, chi, had ? "sostituisce" : "importa", tabella, chiave, NULL, NULL, p, d, error);
    free(f);
    free(p);
    free(d);
    *nuovo = ok;
    return ok ? ARCHIVIO_OK : ARCHIVIO_NON_USABILE;
}

ArchivioEsito archivio_importa_sistema(Archivio *a, const char *file, const char *bytes, size_t len,
                                       const Autore *chi, bool *nuovo, char **error)
{
    return import_document(a, "sistemi", 0, file, bytes, len, chi, nuovo, error);
}

ArchivioEsito archivio_conserva_valutazioni(Archivio *a, int anno, const char *file, const char *bytes, size_t len,
                                            const Autore *chi, bool *nuovo, char **error)
{
    return import_document(a, "valutazioni", anno, file, bytes, len, chi, nuovo, error);
}
