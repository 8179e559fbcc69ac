/* SPDX-License-Identifier: EUPL-1.2 */
/* archivio_valutazioni.c — the valutazioni of each year as rows, one per
 * person (schema version 4): read back as the set a file gives, written
 * person by person with a registro row per field changed, removed by name;
 * the files uploaded kept as evidence; the uploads waiting for their
 * confirmation; and the conversion of the archives that kept whole files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archivio.h"
#include "archivio_db.h"
#include "persone.h"
#include "sistema.h"
#include "text.h"
#include "utenti.h"
#include "valutazione.h"
#include "wb_convert.h"

#define PERSON_COLUMNS                                                                                               \
    "id, persona, categoria, profilo, orario, servizio, valutatore, data, commento, osservazioni, giudizio, "         \
    "colloquio, escluso_premio"

static bool read_date(DbStmt *s, int col, Date *out)
{
    const char *t = db_col_text(s, col);
    return t && date_parse_iso(t, out) == DATE_OK;
}

/* The valutazioni of year anno (of one person when persona is given) into out, in the order they came. */
static ArchivioEsito read_rows(Archivio *a, int anno, const char *persona, Valutazioni *out, char **error)
{
    DbStmt *s = db_prepare(a, persona ? "SELECT " PERSON_COLUMNS " FROM valutazioni_persone WHERE ente = ? AND anno = ? "
                                        "AND persona = ? ORDER BY id"
                                      : "SELECT " PERSON_COLUMNS " FROM valutazioni_persone WHERE ente = ? AND anno = ? "
                                        "ORDER BY id",
                           error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    if (persona)
        db_bind_text(s, 3, persona);
    long long *ids = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Valutazione *v = valutazioni_nuova(out);
        ids = xgrow(ids, out->n - 1, &cap, sizeof *ids, 64);
        ids[out->n - 1] = db_col_int64(s, 0);
        v->persona = db_col_dup(s, 1);
        v->categoria = db_col_dup(s, 2);
        v->profilo = db_col_dup(s, 3);
        v->orario = db_col_double(s, 4);
        v->servizio = db_col_double(s, 5);
        v->valutatore = db_col_dup(s, 6);
        v->has_data = read_date(s, 7, &v->data);
        v->commento = db_col_dup(s, 8);
        v->osservazioni = db_col_dup(s, 9);
        v->giudizio = db_col_dup(s, 10);
        v->has_colloquio = read_date(s, 11, &v->colloquio);
        v->escluso_premio = db_col_dup(s, 12);
    }
    db_finalize(s);
    if (rc != DB_DONE) {
        free(ids);
        *error = db_error(a, "lettura delle valutazioni");
        return ARCHIVIO_NON_USABILE;
    }
    /* the votes, in the same order of persons: walked side by side */
    s = db_prepare(a, persona ? "SELECT v.valutazione, v.genere, v.voce, v.valore FROM valutazioni_voci v JOIN "
                                "valutazioni_persone p ON p.id = v.valutazione WHERE p.ente = ? AND p.anno = ? AND "
                                "p.persona = ? ORDER BY v.valutazione, v.ordine"
                              : "SELECT v.valutazione, v.genere, v.voce, v.valore FROM valutazioni_voci v JOIN "
                                "valutazioni_persone p ON p.id = v.valutazione WHERE p.ente = ? AND p.anno = ? "
                                "ORDER BY v.valutazione, v.ordine",
                   error);
    if (!s) {
        free(ids);
        return ARCHIVIO_NON_USABILE;
    }
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    if (persona)
        db_bind_text(s, 3, persona);
    size_t k = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        long long id = db_col_int64(s, 0);
        while (k < out->n && ids[k] < id)
            k++;
        if (k == out->n || ids[k] != id)
            continue;
        Valutazione *v = &out->items[k];
        bool manuale = strcmp(db_col_text(s, 1), "manuale") == 0;
        bool has = !db_col_null(s, 3);
        valutazione_aggiungi_voce(manuale ? &v->manuali : &v->voti, manuale ? &v->n_manuali : &v->n_voti,
                                  db_col_text(s, 2), has, has ? db_col_double(s, 3) : 0);
    }
    db_finalize(s);
    free(ids);
    if (rc != DB_DONE) {
        *error = db_error(a, "lettura delle valutazioni");
        return ARCHIVIO_NON_USABILE;
    }
    return ARCHIVIO_OK;
}

static long long person_id(Archivio *a, int anno, const char *persona, char **error)
{
    DbStmt *s = db_prepare(a, "SELECT id FROM valutazioni_persone WHERE ente = ? AND anno = ? AND persona = ?", error);
    if (!s)
        return -1;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    db_bind_text(s, 3, persona);
    int rc = db_step(s);
    long long id = rc == DB_ROW ? db_col_int64(s, 0) : rc == DB_DONE ? 0 : -1;
    db_finalize(s);
    if (id < 0)
        *error = db_error(a, "lettura delle valutazioni");
    return id;
}

ArchivioEsito archivio_valutazioni(Archivio *a, int anno, Valutazioni *out, char **error)
{
    memset(out, 0, sizeof *out);
    out->file = xasprintf("%s (valutazioni del %d)", a->path, anno);
    out->has_anno = true;
    out->anno = anno;
    ArchivioEsito e = read_rows(a, anno, NULL, out, error);
    if (e == ARCHIVIO_OK && out->n == 0) {
        *error = xasprintf("%s: l'archivio non ha le valutazioni del %d", a->path, anno);
        e = ARCHIVIO_DATI;
    }
    return e;
}

long archivio_conta_valutazioni(Archivio *a, int anno)
{
    DbStmt *s = db_prepare(a, "SELECT count(*) FROM valutazioni_persone WHERE ente = ? AND anno = ?", NULL);
    if (!s)
        return -1;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    long n = db_step(s) == DB_ROW ? (long)db_col_int64(s, 0) : -1;
    db_finalize(s);
    return n;
}

size_t archivio_persone_valutate(Archivio *a, int anno, char ***nomi)
{
    *nomi = NULL;
    DbStmt *s = db_prepare(a, "SELECT persona FROM valutazioni_persone WHERE ente = ? AND anno = ? ORDER BY persona", NULL);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    size_t n = 0, cap = 0;
    while (db_step(s) == DB_ROW) {
        *nomi = xgrow(*nomi, n, &cap, sizeof **nomi, 64);
        (*nomi)[n++] = db_col_dup(s, 0);
    }
    db_finalize(s);
    return n;
}

bool archivio_valutazione_esiste(Archivio *a, int anno, const char *persona)
{
    char *error = NULL;
    long long id = person_id(a, anno, persona, &error);
    free(error);
    return id > 0;
}

size_t archivio_anni_valutazioni(Archivio *a, int **out)
{
    *out = NULL;
    DbStmt *s = db_prepare(a, "SELECT DISTINCT anno FROM valutazioni_persone WHERE ente = ? ORDER BY anno", NULL);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    size_t n = 0;
    while (db_step(s) == DB_ROW) {
        *out = xrealloc(*out, (n + 1) * sizeof **out);
        (*out)[n++] = db_col_int(s, 0);
    }
    db_finalize(s);
    return n;
}

/* ---- writing ------------------------------------------------------------------------------ */

static void bind_date(DbStmt *s, int i, bool has, Date d)
{
    char iso[11];
    if (has) {
        date_format_iso(d, iso);
        db_bind_text(s, i, iso);
    } else {
        db_bind_null(s, i);
    }
}

static bool insert_voci(Archivio *a, long long id, const Valutazione *v, char **error)
{
    DbStmt *s = db_prepare(a, "INSERT INTO valutazioni_voci (valutazione, genere, voce, valore, ordine) VALUES "
                              "(?, ?, ?, ?, ?)",
                           error);
    if (!s)
        return false;
    bool ok = true;
    int ordine = 0;
    for (int manuale = 0; manuale < 2 && ok; manuale++) {
        const Voce *list = manuale ? v->manuali : v->voti;
        size_t n = manuale ? v->n_manuali : v->n_voti;
        for (size_t i = 0; i < n && ok; i++) {
            db_bind_int64(s, 1, id);
            db_bind_text(s, 2, manuale ? "manuale" : "voto");
            db_bind_text(s, 3, list[i].id);
            if (list[i].has_valore)
                db_bind_double(s, 4, list[i].valore);
            else
                db_bind_null(s, 4);
            db_bind_int(s, 5, ordine++);
            ok = db_step(s) == DB_DONE;
            db_reset(s);
        }
    }
    if (!ok)
        *error = db_error(a, "scrittura delle valutazioni");
    db_finalize(s);
    return ok;
}

/* The person's row: updated (id > 0) or inserted (*id set). */
static bool write_person(Archivio *a, int anno, const Valutazione *v, long long *id, char **error)
{
    bool update = *id > 0;
    DbStmt *s = db_prepare(a, update ? "UPDATE valutazioni_persone SET categoria = ?, profilo = ?, orario = ?, "
                                       "servizio = ?, valutatore = ?, data = ?, commento = ?, osservazioni = ?, "
                                       "giudizio = ?, colloquio = ?, escluso_premio = ? WHERE id = ?"
                                     : "INSERT INTO valutazioni_persone (categoria, profilo, orario, servizio, "
                                       "valutatore, data, commento, osservazioni, giudizio, colloquio, escluso_premio, "
                                       "ente, anno, persona) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
    if (!s)
        return false;
    db_bind_text(s, 1, v->categoria);
    db_bind_text(s, 2, v->profilo);
    db_bind_double(s, 3, v->orario);
    db_bind_double(s, 4, v->servizio);
    db_bind_text(s, 5, v->valutatore);
    bind_date(s, 6, v->has_data, v->data);
    db_bind_text(s, 7, v->commento);
    db_bind_text(s, 8, v->osservazioni);
    db_bind_text(s, 9, v->giudizio);
    bind_date(s, 10, v->has_colloquio, v->colloquio);
    db_bind_text(s, 11, v->escluso_premio);
    if (update) {
        db_bind_int64(s, 12, *id);
    } else {
        db_bind_int64(s, 12, a->ente);
        db_bind_int(s, 13, anno);
        db_bind_text(s, 14, v->persona);
    }
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    if (ok && !update) {
        DbStmt *q = db_prepare(a, "SELECT id FROM valutazioni_persone WHERE ente = ? AND anno = ? AND persona = ?", error);
        ok = q != NULL;
        if (q) {
            db_bind_int64(q, 1, a->ente);
            db_bind_int(q, 2, anno);
            db_bind_text(q, 3, v->persona);
            ok = db_step(q) == DB_ROW;
            if (ok)
                *id = db_col_int64(q, 0);
            db_finalize(q);
        }
    }
    if (ok && update) {
        DbStmt *d = db_prepare(a, "DELETE FROM valutazioni_voci WHERE valutazione = ?", error);
        ok = d != NULL;
        if (d) {
            db_bind_int64(d, 1, *id);
            ok = db_step(d) == DB_DONE;
            db_finalize(d);
        }
    }
    if (!ok) {
        if (!*error)
            *error = db_error(a, "scrittura delle valutazioni");
        return false;
    }
    return insert_voci(a, *id, v, error);
}


static const CampoValutazione *campo(const CampoValutazione *c, size_t n, const char *nome)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(c[i].nome, nome) == 0)
            return &c[i];
    return NULL;
}

/* One registro row per field whose value differs between before and after (either may be empty). */
static bool record_fields(Archivio *a, const Autore *chi, const char *op, const char *chiave,
                          const CampoValutazione *before, size_t nb, const CampoValutazione *after, size_t na,
                          size_t *changed, char **error)
{
    *changed = 0;
    for (size_t i = 0; i < na; i++) {
        const CampoValutazione *b = campo(before, nb, after[i].nome);
        const char *prima = b ? b->json : NULL;
        if (prima ? strcmp(prima, after[i].json) == 0 : strcmp(after[i].json, "null") == 0)
            continue;
        if (!registro_aggiungi(a, chi, op, "valutazioni", chiave, NULL, after[i].nome, prima, after[i].json, error))
            return false;
        (*changed)++;
    }
    for (size_t i = 0; i < nb; i++) /* a vote the new valutazione no longer has */
        if (!campo(after, na, before[i].nome) && strcmp(before[i].json, "null") != 0) {
            if (!registro_aggiungi(a, chi, op, "valutazioni", chiave, NULL, before[i].nome, before[i].json, NULL, error))
                return false;
            (*changed)++;
        }
    return true;
}

ArchivioEsito archivio_scrivi_valutazione(Archivio *a, int anno, const Valutazione *v, const Autore *chi,
                                          bool *cambiata, char **error)
{
    *cambiata = false;
    Valutazioni old = {0};
    if (read_rows(a, anno, v->persona, &old, error) != ARCHIVIO_OK) {
        valutazioni_free(&old);
        return ARCHIVIO_NON_USABILE;
    }
    CampoValutazione *before = NULL, *after;
    size_t nb = old.n ? valutazione_campi(&old.items[0], &before) : 0, na = valutazione_campi(v, &after);
    bool differs = old.n == 0 || nb != na;
    for (size_t i = 0; i < na && !differs; i++)
        differs = strcmp(before[i].nome, after[i].nome) != 0 || strcmp(before[i].json, after[i].json) != 0;
    ArchivioEsito e = ARCHIVIO_OK;
    if (differs) {
        long long id = person_id(a, anno, v->persona, error);
        char *chiave = archivio_chiave_valutazione(anno, v->persona);
        size_t changed;
        bool ok = id >= 0 && write_person(a, anno, v, &id, error) &&
                  record_fields(a, chi, old.n ? "modifica valutazione" : "importa valutazione", chiave, before, nb,
                                after, na, &changed, error);
        /* the same fields in another order (a file's columns moved): the row is rewritten, nothing recorded */
        *cambiata = ok && changed > 0;
        free(chiave);
        if (!ok)
            e = ARCHIVIO_NON_USABILE;
    }
    valutazione_campi_free(before, nb);
    valutazione_campi_free(after, na);
    valutazioni_free(&old);
    return e;
}

/* {"categoria": "B", …}: every field of v with a value, for the registro row of its removal. */
static char *whole_json(const Valutazione *v)
{
    CampoValutazione *c;
    size_t n = valutazione_campi(v, &c);
    StrBuf b = {0};
    strbuf_puts(&b, "{");
    for (size_t i = 0, k = 0; i < n; i++)
        if (strcmp(c[i].json, "null") != 0) {
            char *name = json_string(c[i].nome);
            strbuf_printf(&b, "%s%s: %s", k++ ? ", " : "", name, c[i].json);
            free(name);
        }
    strbuf_puts(&b, "}");
    valutazione_campi_free(c, n);
    return b.data;
}

ArchivioEsito archivio_rimuovi_valutazione(Archivio *a, int anno, const char *persona, const Autore *chi, char **error)
{
    Valutazioni old = {0};
    ArchivioEsito e = read_rows(a, anno, persona, &old, error);
    if (e == ARCHIVIO_OK && old.n == 0) {
        *error = xasprintf("«%s» non ha una valutazione del %d nell'archivio", persona, anno);
        e = ARCHIVIO_DATI;
    }
    if (e == ARCHIVIO_OK) {
        DbStmt *s = db_prepare(a, "DELETE FROM valutazioni_persone WHERE ente = ? AND anno = ? AND persona = ?", error);
        bool ok = s != NULL;
        if (s) {
            db_bind_int64(s, 1, a->ente);
            db_bind_int(s, 2, anno);
            db_bind_text(s, 3, persona);
            ok = db_step(s) == DB_DONE;
            if (!ok)
                *error = db_error(a, "scrittura delle valutazioni");
            db_finalize(s);
        }
        char *chiave = archivio_chiave_valutazione(anno, persona), *prima = whole_json(&old.items[0]);
        ok = ok && registro_aggiungi(a, chi, "rimuove valutazione", "valutazioni", chiave, NULL, NULL, prima, NULL, error);
        free(chiave);
        free(prima);
        if (!ok)
            e = ARCHIVIO_NON_USABILE;
    }
    valutazioni_free(&old);
    return e;
}

/* ---- the uploads waiting for their confirmation ------------------------------------------- */

/* What a token is kept as: its SHA-256, so that the archive alone cannot confirm an upload. */
static void token_hash(const char *token, char out[65])
{
    archivio_sha256_hex(token, strlen(token), out);
}

ArchivioEsito archivio_caricamento_salva(Archivio *a, const char *token, const char *utente, int anno,
                                         const char *file, const char *bytes, size_t len, const char *differenze,
                                         char **error)
{
    char h[65], limite[32];
    token_hash(token, h);
    time_t t = time(NULL) - 24 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(limite, sizeof limite, "%Y-%m-%dT%H:%M:%SZ", &tm);
    DbStmt *s = db_prepare(a, "DELETE FROM caricamenti WHERE ente = ? AND (utente = ? OR quando < ?)", error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, utente);
    db_bind_text(s, 3, limite);
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    if (ok) {
        s = db_prepare(a, "INSERT INTO caricamenti (ente, token, utente, quando, anno, file, contenuto, differenze) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       error);
        if (!s)
            return ARCHIVIO_NON_USABILE;
        db_bind_int64(s, 1, a->ente);
        db_bind_text(s, 2, h);
        db_bind_text(s, 3, utente);
        db_bind_text(s, 4, a->quando);
        db_bind_int(s, 5, anno);
        db_bind_text(s, 6, file);
        db_bind_blob(s, 7, bytes, len);
        db_bind_text(s, 8, differenze);
        ok = db_step(s) == DB_DONE;
        db_finalize(s);
    }
    if (!ok) {
        *error = db_error(a, "scrittura del caricamento");
        return ARCHIVIO_NON_USABILE;
    }
    return ARCHIVIO_OK;
}

ArchivioEsito archivio_caricamento(Archivio *a, const char *token, const char *utente, Caricato *out, char **error)
{
    memset(out, 0, sizeof *out);
    char h[65];
    token_hash(token, h);
    DbStmt *s = db_prepare(a, "SELECT anno, file, contenuto, differenze FROM caricamenti WHERE ente = ? AND token = ? "
                              "AND utente = ?",
                           error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, h);
    db_bind_text(s, 3, utente);
    int rc = db_step(s);
    ArchivioEsito e = ARCHIVIO_OK;
    if (rc == DB_ROW) {
        out->anno = db_col_int(s, 0);
        out->file.file = db_col_dup(s, 1);
        archivio_col_bytes(s, 2, &out->file);
        out->differenze = db_col_dup(s, 3);
    } else if (rc == DB_DONE) {
        *error = xstrdup("il file caricato non c'è più (già confermato, sostituito da un altro caricamento o più "
                         "vecchio di un giorno): caricarlo di nuovo");
        e = ARCHIVIO_DATI;
    } else {
        *error = db_error(a, "lettura del caricamento");
        e = ARCHIVIO_NON_USABILE;
    }
    db_finalize(s);
    return e;
}

void caricato_free(Caricato *c)
{
    archivio_file_free(&c->file);
    free(c->differenze);
    memset(c, 0, sizeof *c);
}

ArchivioEsito archivio_caricamento_elimina(Archivio *a, const char *token, char **error)
{
    char h[65];
    token_hash(token, h);
    DbStmt *s = db_prepare(a, "DELETE FROM caricamenti WHERE ente = ? AND token = ?", error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    db_bind_text(s, 2, h);
    bool ok = db_step(s) == DB_DONE;
    db_finalize(s);
    if (!ok) {
        *error = db_error(a, "scrittura del caricamento");
        return ARCHIVIO_NON_USABILE;
    }
    return ARCHIVIO_OK;
}

/* ---- schema version 4: from whole files to rows ------------------------------------------- */

/* The year's latest file of valutazioni of the current ente, normalised against its SMVP and plan when they read. */
static bool convert_year(Archivio *a, int anno, const char *file, const char *bytes, size_t len, char **error)
{
    DiagList d;
    diag_list_init(&d);
    Valutazioni set = {0};
    bool ok = true;
    if (input_valutazioni_read(file, bytes, len, CODIFICA_AUTO, &set, &d) == LOAD_OK) {
        ArchivioFile sf = {0}, pf = {0};
        VersionePiano v;
        Sistema sistema;
        Plan plan;
        char *ignored = NULL;
        bool has_sistema = archivio_sistema(a, &sf, &ignored) == ARCHIVIO_OK &&
                           sistema_load_buffer(sf.file, sf.bytes, sf.len, &sistema, &d) == LOAD_OK;
        free(ignored);
        ignored = NULL;
        bool read = has_sistema && archivio_piano_da_usare(a, 0, &pf, &v, &ignored) == ARCHIVIO_OK;
        bool has_plan = read && archivio_load_plan_file(&pf, &plan, &d) == LOAD_OK;
        if (read && !has_plan)
            plan_free(&plan); /* what the failed load left */
        free(ignored);
        for (size_t i = 0; i < set.n && ok; i++) {
            Valutazione *x = &set.items[i];
            if (!x->persona || !*x->persona)
                continue;
            if (has_plan)
                valutazione_normalizza(&plan, &sistema, x);
            long long id = person_id(a, anno, x->persona, error);
            if (id > 0) /* named twice: valutazione_compute refused the file; the first one is kept */
                continue;
            ok = id == 0 && write_person(a, anno, x, &id, error);
        }
        if (has_plan)
            plan_free(&plan);
        if (has_sistema)
            sistema_free(&sistema);
        archivio_file_free(&sf);
        archivio_file_free(&pf);
    }
    valutazioni_free(&set);
    diag_list_free(&d);
    return ok;
}

bool archivio_migra_valutazioni(Archivio *a, char **error)
{
    DbStmt *s = db_prepare(a, "SELECT v.ente, v.anno, v.file, v.contenuto FROM valutazioni v WHERE v.id = (SELECT "
                              "max(w.id) FROM valutazioni w WHERE w.ente = v.ente AND w.anno = v.anno) ORDER BY v.ente, "
                              "v.anno",
                           error);
    if (!s)
        return false;
    typedef struct {
        long ente;
        int anno;
        ArchivioFile f;
    } Year;
    Year *years = NULL;
    size_t n = 0;
    while (db_step(s) == DB_ROW) {
        years = xrealloc(years, (n + 1) * sizeof *years);
        Year *y = &years[n++];
        y->ente = (long)db_col_int64(s, 0);
        y->anno = db_col_int(s, 1);
        y->f.file = db_col_dup(s, 2);
        archivio_col_bytes(s, 3, &y->f);
    }
    db_finalize(s);
    long ente = a->ente;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        a->ente = years[i].ente;
        ok = ok && convert_year(a, years[i].anno, years[i].f.file, years[i].f.bytes, years[i].f.len, error);
        archivio_file_free(&years[i].f);
    }
    a->ente = ente;
    free(years);
    return ok;
}
