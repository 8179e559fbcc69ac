/* archivio_leggi.c — what comes out of the archive: a plan version's file,
 * the rilevazioni of a raccolta as the model the files give, the SMVP and
 * the valutazioni, the list of raccolte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio.h"
#include "archivio_db.h"
#include "plan_load.h"
#include "text.h"
#include "wb_convert.h"
#include "workbook.h"
#include <cjson/cJSON.h>

void archivio_file_free(ArchivioFile *f)
{
    free(f->file);
    free(f->bytes);
    memset(f, 0, sizeof *f);
}

LoadStatus archivio_load_plan_bytes(const char *file, const char *bytes, size_t len, Plan *plan, DiagList *diags)
{
    DiagList local;
    diag_list_init(&local);
    DiagList *d = diags ? diags : &local;
    LoadStatus st = input_plan_read(file, bytes, len, plan, d);
    diag_list_free(&local);
    return st;
}

LoadStatus archivio_load_plan_file(const ArchivioFile *f, Plan *plan, DiagList *diags)
{
    return archivio_load_plan_bytes(f->file, f->bytes, f->len, plan, diags);
}

void archivio_col_bytes(DbStmt *s, int col, ArchivioFile *out)
{
    const void *blob = db_col_blob(s, col, &out->len);
    out->bytes = xmalloc(out->len + 1);
    memcpy(out->bytes, blob, out->len);
    out->bytes[out->len] = '\0';
}

ArchivioEsito archivio_piano(Archivio *a, int numero, ArchivioFile *out, int *numero_letto, char **error)
{
    memset(out, 0, sizeof *out);
    DbStmt *s = db_prepare(a,
                                 numero > 0 ? "SELECT numero, file, contenuto FROM versioni WHERE ente = ? AND numero = ?"
                                            : "SELECT numero, file, contenuto FROM versioni WHERE ente = ? ORDER BY "
                                              "numero DESC LIMIT 1",
                                 error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    if (numero > 0)
        db_bind_int(s, 2, numero);
    ArchivioEsito rc = ARCHIVIO_DATI;
    int step = db_step(s);
    if (step == DB_ROW) {
        *numero_letto = db_col_int(s, 0);
        out->file = db_col_dup(s, 1);
        archivio_col_bytes(s, 2, out);
        rc = ARCHIVIO_OK;
    } else if (step == DB_DONE) {
        int n = archivio_versioni(a);
        *error = n == 0 ? xasprintf("%s: l'archivio non ha ancora un piano (schede archivio importa %s PIANO)", a->path,
                                    a->path)
                        : xasprintf("%s: non c'è la versione %d del piano: le versioni sono da 1 a %d", a->path, numero,
                                    n);
    } else {
        *error = db_error(a, "lettura del piano");
        rc = ARCHIVIO_NON_USABILE;
    }
    db_finalize(s);
    return rc;
}

/* The newest version whose state is «approvata», or 0. */
static int newest_approved(Archivio *a, char **error)
{
    DbStmt *s = db_prepare(a,
                           "SELECT v.numero FROM versioni v JOIN stati s ON s.ente = v.ente AND s.oggetto = 'versione' "
                           "AND s.chiave = CAST(v.numero AS TEXT) AND s.stato = 'approvata' WHERE v.ente = ? "
                           "ORDER BY v.numero DESC LIMIT 1",
                           error);
    if (!s)
        return -1;
    db_bind_int64(s, 1, a->ente);
    int step = db_step(s), n = step == DB_ROW ? db_col_int(s, 0) : 0;
    if (step != DB_ROW && step != DB_DONE) {
        *error = db_error(a, "lettura degli stati");
        n = -1;
    }
    db_finalize(s);
    return n;
}

ArchivioEsito archivio_piano_da_usare(Archivio *a, int numero, ArchivioFile *out, VersionePiano *v, char **error)
{
    memset(v, 0, sizeof *v);
    memset(out, 0, sizeof *out);
    int approved = newest_approved(a, error);
    if (approved < 0)
        return ARCHIVIO_NON_USABILE;
    v->chiesta = numero > 0;
    ArchivioEsito e = archivio_piano(a, numero > 0 ? numero : approved, out, &v->numero, error);
    if (e != ARCHIVIO_OK)
        return e;
    v->ultima = archivio_versioni(a);
    if (v->numero == approved) {
        v->approvata = true;
    } else if (v->chiesta) { /* an older approved version, or a draft asked for by number */
        char key[16];
        snprintf(key, sizeof key, "%d", v->numero);
        DbStmt *s = db_prepare(a, "SELECT 1 FROM stati WHERE ente = ? AND oggetto = 'versione' AND chiave = ? AND "
                                  "stato = 'approvata'", NULL);
        if (s) {
            db_bind_int64(s, 1, a->ente);
            db_bind_text(s, 2, key);
            v->approvata = db_step(s) == DB_ROW;
            db_finalize(s);
        }
    }
    return ARCHIVIO_OK;
}

bool archivio_versione_in_uso(Archivio *a, VersionePiano *v)
{
    memset(v, 0, sizeof *v);
    char *error = NULL;
    int approved = newest_approved(a, &error);
    free(error);
    if (approved < 0)
        return false;
    v->ultima = archivio_versioni(a);
    v->numero = approved > 0 ? approved : v->ultima;
    v->approvata = approved > 0;
    return true;
}

long long archivio_ultima_modifica(Archivio *a)
{
    DbStmt *s = db_prepare(a, "SELECT max(id) FROM registro WHERE ente = ?", NULL);
    if (!s)
        return -1;
    db_bind_int64(s, 1, a->ente);
    long long id = db_step(s) == DB_ROW && !db_col_null(s, 0) ? db_col_int64(s, 0) : 0;
    db_finalize(s);
    return id;
}

int archivio_versioni(Archivio *a)
{
    DbStmt *s = db_prepare(a, "SELECT COALESCE(MAX(numero), 0) FROM versioni WHERE ente = ?", NULL);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    int n = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_finalize(s);
    return n;
}

void archivio_row_to_rilevazione(DbStmt *s, int first, Rilevazione *r)
{
    const char *data = db_col_text(s, first);
    r->has_data = data && date_parse_iso(data, &r->data) == DATE_OK;
    const char *tipo = db_col_text(s, first + 1);
    if (tipo && strcmp(tipo, "numero") == 0) {
        r->valore_kind = VALORE_NUMERO;
        r->valore = db_col_double(s, first + 2);
    } else if (tipo && strcmp(tipo, "si_no") == 0) {
        r->valore_kind = VALORE_SI_NO;
        r->valore_si = db_col_double(s, first + 2) != 0;
    }
    if (!db_col_null(s, first + 3)) {
        r->has_percentuale = true;
        r->percentuale = db_col_double(s, first + 3);
    }
    r->raggiunto = db_col_dup(s, first + 4);
    r->nota = db_col_dup(s, first + 5);
    if (!db_col_null(s, first + 6)) {
        r->has_avanzamento = true;
        r->avanzamento = db_col_double(s, first + 6);
    }
    r->criticita = db_col_dup(s, first + 7);
    r->proposta = db_col_dup(s, first + 8);
}

/* The raccolta the documents of year anno (at al) read: the year end, or the
 * latest monitoring at a date ≤ al. */
static long raccolta_for(Archivio *a, int anno, const Date *al, char found_al[11], char **error)
{
    char d[11] = "";
    if (al)
        date_format_iso(*al, d);
    DbStmt *s = db_prepare(a,
                                 al ? "SELECT id, al FROM raccolte WHERE ente = ? AND anno = ? AND al <> '' AND al <= ? "
                                      "ORDER BY al DESC LIMIT 1"
                                    : "SELECT id, al FROM raccolte WHERE ente = ? AND anno = ? AND al = ''",
                                 error);
    if (!s)
        return -1;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    if (al)
        db_bind_text(s, 3, d);
    long id = 0;
    if (db_step(s) == DB_ROW) {
        id = (long)db_col_int64(s, 0);
        snprintf(found_al, 11, "%s", db_col_text(s, 1));
    }
    db_finalize(s);
    return id;
}

ArchivioEsito archivio_rilevazioni(Archivio *a, int anno, const Date *al, Rilevazioni *out, char **error)
{
    memset(out, 0, sizeof *out);
    char found[11] = "";
    long raccolta = raccolta_for(a, anno, al, found, error);
    if (raccolta < 0)
        return ARCHIVIO_NON_USABILE;
    if (raccolta == 0) {
        char d[11];
        if (al)
            date_format_it(*al, d);
        *error = al ? xasprintf("%s: nessuna rilevazione del monitoraggio %d fino al %s", a->path, anno, d)
                    : xasprintf("%s: nessuna rilevazione di fine anno del %d", a->path, anno);
        return ARCHIVIO_DATI;
    }
    out->file = *found ? xasprintf("%s (rilevazioni %d al %s)", a->path, anno, found)
                       : xasprintf("%s (rilevazioni %d)", a->path, anno);
    out->has_anno = true;
    out->anno = anno;
    DbStmt *s = db_prepare(a, "SELECT obiettivo, azione, indicatore, " RILEVAZIONE_COLUMNS
                                    " FROM rilevazioni WHERE raccolta = ? ORDER BY id", error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, raccolta);
    size_t cap = 0;
    while (db_step(s) == DB_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            out->items = xrealloc(out->items, cap * sizeof *out->items);
        }
        Rilevazione *r = &out->items[out->n];
        memset(r, 0, sizeof *r);
        r->obiettivo = db_col_dup(s, 0);
        r->azione = db_col_int(s, 1);
        r->indicatore = db_col_int(s, 2);
        archivio_row_to_rilevazione(s, 3, r);
        r->line = (int)++out->n;
    }
    db_finalize(s);
    return ARCHIVIO_OK;
}

static ArchivioEsito latest_document(Archivio *a, const char *sql, int anno, const char *what, ArchivioFile *out,
                                     char **error)
{
    memset(out, 0, sizeof *out);
    DbStmt *s = db_prepare(a, sql, error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_int64(s, 1, a->ente);
    if (anno > 0)
        db_bind_int(s, 2, anno);
    ArchivioEsito rc = ARCHIVIO_DATI;
    if (db_step(s) == DB_ROW) {
        out->file = db_col_dup(s, 0);
        archivio_col_bytes(s, 1, out);
        rc = ARCHIVIO_OK;
    } else {
        *error = xasprintf("%s: l'archivio non ha %s", a->path, what);
    }
    db_finalize(s);
    return rc;
}

ArchivioEsito archivio_sistema(Archivio *a, ArchivioFile *out, char **error)
{
    return latest_document(a, "SELECT file, contenuto FROM sistemi WHERE ente = ? ORDER BY id DESC LIMIT 1", 0,
                           "un sistema di valutazione", out, error);
}

size_t archivio_raccolte(Archivio *a, Raccolta **out)
{
    *out = NULL;
    DbStmt *s = db_prepare(a, "SELECT anno, al FROM raccolte WHERE ente = ? ORDER BY anno, al", NULL);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    size_t n = 0;
    while (db_step(s) == DB_ROW) {
        *out = xrealloc(*out, (n + 1) * sizeof **out);
        Raccolta *r = &(*out)[n++];
        r->anno = db_col_int(s, 0);
        const char *al = db_col_text(s, 1);
        r->has_al = al && *al && date_parse_iso(al, &r->al) == DATE_OK;
    }
    db_finalize(s);
    return n;
}


ArchivioTipo archivio_tipo_file(const char *file, const char *bytes, size_t len)
{
    if (workbook_detect(bytes, len)) {
        DiagList d;
        diag_list_init(&d);
        Workbook wb;
        ArchivioTipo k = TIPO_IGNOTO;
        /* the sheets' names tell the kind: no cell is read here (the loader reads them, within its budget) */
        if (workbook_read_sheet_names(file, bytes, len, &wb, &d) == LOAD_OK)
            k = workbook_sheet(&wb, "Obiettivi")     ? TIPO_PIANO
                : workbook_sheet(&wb, "Rilevazioni") ? TIPO_RILEVAZIONI
                : workbook_sheet(&wb, "Valutazioni") ? TIPO_VALUTAZIONI
                                                     : TIPO_IGNOTO;
        workbook_free(&wb);
        diag_list_free(&d);
        return k;
    }
    size_t i = 0;
    while (i < len && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
        i++;
    if (i < len && bytes[i] == '{') {
        cJSON *j = cJSON_ParseWithLength(bytes, len);
        const cJSON *f = j ? cJSON_GetObjectItemCaseSensitive(j, "formato") : NULL;
        const char *v = cJSON_IsString(f) ? f->valuestring : "";
        ArchivioTipo k = strcmp(v, "schede-piano/1") == 0         ? TIPO_PIANO
                     : strcmp(v, RAGGIUNTO_FORMAT) == 0       ? TIPO_RILEVAZIONI
                     : strcmp(v, "schede-sistema/1") == 0     ? TIPO_SISTEMA
                     : strcmp(v, "schede-valutazioni/1") == 0 ? TIPO_VALUTAZIONI
                                                              : TIPO_IGNOTO;
        cJSON_Delete(j);
        return k;
    }
    /* a CSV: the valutazioni name a persona, the rilevazioni an obiettivo */
    const char *nl = memchr(bytes, '\n', len);
    char *head = xstrndup(bytes, nl ? (size_t)(nl - bytes) : len);
    for (char *c = head; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    ArchivioTipo k = strstr(head, "persona") ? TIPO_VALUTAZIONI : strstr(head, "obiettivo") ? TIPO_RILEVAZIONI : TIPO_IGNOTO;
    free(head);
    return k;
}


/* The actions with a rilevazione in exactly the raccolta of year anno (al NULL: the year end), of objective codice
   only when given, by objective and number. */
static size_t rilevate(Archivio *a, int anno, const Date *al, const char *codice, AzioneRilevata **out)
{
    *out = NULL;
    char d[11] = "";
    if (al)
        date_format_iso(*al, d);
    DbStmt *s = db_prepare(a,
                           codice ? "SELECT DISTINCT r.obiettivo, r.azione FROM rilevazioni r JOIN raccolte c ON c.id = "
                                    "r.raccolta WHERE c.ente = ? AND c.anno = ? AND c.al = ? AND r.azione > 0 AND "
                                    "r.obiettivo = ? ORDER BY r.obiettivo, r.azione"
                                  : "SELECT DISTINCT r.obiettivo, r.azione FROM rilevazioni r JOIN raccolte c ON c.id = "
                                    "r.raccolta WHERE c.ente = ? AND c.anno = ? AND c.al = ? AND r.azione > 0 "
                                    "ORDER BY r.obiettivo, r.azione",
                           NULL);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    db_bind_text(s, 3, d);
    if (codice)
        db_bind_text(s, 4, codice);
    size_t k = 0, cap = 0;
    while (db_step(s) == DB_ROW) {
        *out = xgrow(*out, k, &cap, sizeof **out, 64);
        (*out)[k].obiettivo = db_col_dup(s, 0);
        (*out)[k++].azione = db_col_int(s, 1);
    }
    db_finalize(s);
    return k;
}

size_t archivio_azioni_rilevate(Archivio *a, int anno, const Date *al, const char *codice, int **out)
{
    AzioneRilevata *r;
    size_t n = rilevate(a, anno, al, codice, &r);
    *out = n ? xcalloc(n, sizeof **out) : NULL;
    for (size_t i = 0; i < n; i++)
        (*out)[i] = r[i].azione;
    azioni_rilevate_free(r, n);
    return n;
}

size_t archivio_tutte_rilevate(Archivio *a, int anno, const Date *al, AzioneRilevata **out)
{
    return rilevate(a, anno, al, NULL, out);
}

void azioni_rilevate_free(AzioneRilevata *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].obiettivo);
    free(v);
}

bool archivio_termine(Archivio *a, int anno, const Date *al, Date *out)
{
    char d[11] = "";
    if (al)
        date_format_iso(*al, d);
    DbStmt *s = db_prepare(a, "SELECT termine FROM termini WHERE ente = ? AND anno = ? AND al = ?", NULL);
    if (!s)
        return false;
    db_bind_int64(s, 1, a->ente);
    db_bind_int(s, 2, anno);
    db_bind_text(s, 3, d);
    const char *t = db_step(s) == DB_ROW ? db_col_text(s, 0) : NULL;
    bool has = t && date_parse_iso(t, out) == DATE_OK;
    db_finalize(s);
    return has;
}
