#include "wb_convert.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_values.h"
#include "fileio.h"
#include "json_reader.h"
#include "text.h"
#include "wb_columns.h"
#include "workbook.h"

/* ---- where each JSON value came from ---------------------------------------------------- */

typedef struct {
    const char *file;
    const Workbook *wb;
    DiagList *diags;
    SourceMap map; /* JSON path → cell, handed to diags with the result (diag_list_add_map) */
} Conv;

static void place(Conv *c, const char *path, const char *where)
{
    SourceMap *m = &c->map;
    m->places = xrealloc(m->places, (m->n + 1) * sizeof *m->places);
    m->places[m->n++] = (SourcePlace){xstrdup(path), xstrdup(where)};
}

/* ---- reading a sheet by its column names ------------------------------------------------- */

typedef struct {
    const WbSheet *sheet;
    const WbTable *table;     /* the columns the sheet may have */
    int *col;                 /* table->cols[i] → column number, 0 when absent */
    int *extra;               /* other named columns (valutazioni: votes) */
    char **extra_name;
    size_t n_extra;
    const WbRow *header;
} Table;

/* "Unità responsabile" → "unita_responsabile" */
static char *column_key(const char *text)
{
    char *k = text_name_key(text);
    for (char *p = k; *p; p++)
        if (*p == ' ')
            *p = '_';
    return k;
}

static void where_cell(char *buf, size_t size, const Table *t, int row, int col)
{
    char ref[32];
    wb_cell_ref(ref, sizeof ref, row, col);
    snprintf(buf, size, "%s!%s", t->sheet->name, ref);
}

static void where_row(char *buf, size_t size, const Table *t, int row)
{
    snprintf(buf, size, "%s, riga %d", t->sheet->name, row);
}

static void cell_error(Conv *c, DiagSeverity sev, const Table *t, int row, int col, const char *fmt, ...)
{
    char where[160];
    where_cell(where, sizeof where, t, row, col);
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(c->diags, sev, c->file, where, NULL, -1, "%s", msg);
    free(msg);
}

/* Opens a sheet: false when it is absent (said when required) or hidden. */
static bool table_open(Conv *c, const WbTable *table, bool required, bool extras, Table *t)
{
    const char *name = table->sheet;
    memset(t, 0, sizeof *t);
    t->sheet = workbook_sheet(c->wb, name);
    if (t->sheet && t->sheet->hidden)
        t->sheet = NULL; /* said once for every hidden sheet (warn_hidden) */
    if (!t->sheet || t->sheet->n_rows == 0) {
        if (required)
            diag_add(c->diags, DIAG_ERROR, c->file, NULL, NULL, -1, "manca il foglio «%s» (con la riga di intestazione)",
                     name);
        t->sheet = NULL;
        return false;
    }
    size_t n = table->n;
    t->table = table;
    t->col = xcalloc(n + 1, sizeof *t->col);
    t->header = &t->sheet->rows[0];
    t->extra = xcalloc(t->header->n + 1, sizeof *t->extra);
    t->extra_name = xcalloc(t->header->n + 1, sizeof *t->extra_name);
    for (size_t i = 0; i < t->header->n; i++) {
        const WbCell *h = &t->header->cells[i];
        if (h->kind != WB_TEXT || !h->text[0])
            continue;
        char *key = column_key(h->text);
        size_t k = 0;
        while (k < n && strcmp(key, table->cols[k].name) != 0)
            k++;
        int col = (int)i + 1;
        if (k < n && t->col[k] == 0) {
            t->col[k] = col;
        } else if (k < n) {
            cell_error(c, DIAG_ERROR, t, t->header->row, col, "la colonna «%s» compare due volte", h->text);
        } else if (extras) {
            char *id = csv_trim(h->text);
            t->extra[t->n_extra] = col;
            t->extra_name[t->n_extra++] = id;
        } else {
            cell_error(c, DIAG_WARNING, t, t->header->row, col, "colonna sconosciuta «%s», ignorata", h->text);
        }
        free(key);
    }
    return true;
}

static void table_close(Table *t)
{
    for (size_t i = 0; i < t->n_extra; i++)
        free(t->extra_name[i]);
    free(t->extra_name);
    free(t->extra);
    free(t->col);
}

static int index_of(const Table *t, const char *name)
{
    for (size_t i = 0; i < t->table->n; i++)
        if (strcmp(t->table->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const WbCell *get(const Table *t, const WbRow *r, const char *name)
{
    int i = index_of(t, name);
    return i >= 0 && t->col[i] ? wb_cell(r, t->col[i]) : NULL;
}

static int col_of(const Table *t, const char *name)
{
    int i = index_of(t, name);
    return i >= 0 ? t->col[i] : 0;
}

/* Whether the row has a value in any of the sheet's known columns. */
static bool row_used(const Table *t, const WbRow *r)
{
    for (size_t i = 0; i < t->table->n; i++)
        if (t->col[i] && wb_cell(r, t->col[i]))
            return true;
    for (size_t i = 0; i < t->n_extra; i++)
        if (wb_cell(r, t->extra[i]))
            return true;
    return false;
}

/* A cell as text: numbers as an Italian reader writes them, dates dd/mm/yyyy. */
static char *cell_text(const WbCell *x)
{
    char buf[64];
    switch (x->kind) {
    case WB_TEXT: {
        /* line breaks as \n, whatever the writer used */
        StrBuf b = {0};
        for (const char *p = x->text; *p; p++)
            if (!(p[0] == '\r' && p[1] == '\n'))
                strbuf_append(&b, *p == '\r' ? "\n" : p, 1);
        return b.data ? b.data : xstrdup("");
    }
    case WB_NUMBER:
        if (x->number == floor(x->number) && fabs(x->number) < 1e15)
            snprintf(buf, sizeof buf, "%.0f", x->number);
        else
            text_format_number(buf, sizeof buf, x->number);
        return xstrdup(buf);
    case WB_BOOL:
        return xstrdup(x->boolean ? "sì" : "no");
    case WB_DATE:
        date_format_it(x->date, buf);
        return xstrdup(buf);
    case WB_EMPTY:
        break;
    }
    return xstrdup("");
}

/* The place of a value, and its path in the JSON being built. */
typedef struct {
    Conv *c;
    const Table *t;
    const WbRow *r;
    cJSON *obj;
    const char *path;
} Row;

static bool put_place(Row *w, const char *key, int col)
{
    char *path = json_path_key(w->path, key);
    char where[160];
    where_cell(where, sizeof where, w->t, w->r->row, col);
    place(w->c, path, where);
    free(path);
    return true;
}

static void put_text(Row *w, const char *key, const char *column)
{
    const WbCell *x = get(w->t, w->r, column);
    if (!x)
        return;
    char *s = cell_text(x);
    cJSON_AddStringToObject(w->obj, key, s);
    free(s);
    put_place(w, key, col_of(w->t, column));
}

/* A number: a number cell, or Italian text ("1.234,5", "85%"). percent_column:
 * a cell shown as a percentage (0,85) means 85. */
static bool read_number(Row *w, const char *column, bool percent_column, double *out)
{
    const WbCell *x = get(w->t, w->r, column);
    if (!x)
        return false;
    if (x->kind == WB_NUMBER) {
        *out = x->percent && percent_column ? x->number * 100.0 : x->number;
        return true;
    }
    bool guess;
    if (x->kind == WB_TEXT && csv_parse_number(x->text, out, &guess))
        return true;
    char *s = cell_text(x);
    cell_error(w->c, DIAG_ERROR, w->t, w->r->row, col_of(w->t, column), "«%s» non è un numero", s);
    free(s);
    return false;
}

static void put_number(Row *w, const char *key, const char *column, bool percent_column)
{
    double v;
    if (read_number(w, column, percent_column, &v)) {
        cJSON_AddNumberToObject(w->obj, key, v);
        put_place(w, key, col_of(w->t, column));
    }
}

static void put_date(Row *w, const char *key, const char *column)
{
    const WbCell *x = get(w->t, w->r, column);
    if (!x)
        return;
    Date d;
    DateStatus st = x->kind == WB_DATE ? (d = x->date, DATE_OK) : x->kind == WB_TEXT ? csv_parse_date(x->text, &d) : DATE_BAD_FORMAT;
    if (st != DATE_OK) {
        char *s = cell_text(x);
        cell_error(w->c, DIAG_ERROR, w->t, w->r->row, col_of(w->t, column),
                   st == DATE_IMPOSSIBLE ? "la data «%s» non esiste nel calendario"
                                         : "«%s» non è una data (una cella data, o gg/mm/aaaa)", s);
        free(s);
        return;
    }
    char iso[11];
    date_format_iso(d, iso);
    cJSON_AddStringToObject(w->obj, key, iso);
    put_place(w, key, col_of(w->t, column));
}

static void put_bool(Row *w, const char *key, const char *column)
{
    const WbCell *x = get(w->t, w->r, column);
    if (!x)
        return;
    bool ok = true, v = false;
    if (x->kind == WB_BOOL)
        v = x->boolean;
    else if (x->kind == WB_NUMBER && (x->number == 0 || x->number == 1))
        v = x->number == 1;
    else if (x->kind == WB_TEXT)
        v = csv_parse_bool(x->text, &ok);
    else
        ok = false;
    if (!ok) {
        char *s = cell_text(x);
        cell_error(w->c, DIAG_ERROR, w->t, w->r->row, col_of(w->t, column), "«%s»: si scrive sì o no", s);
        free(s);
        return;
    }
    cJSON_AddBoolToObject(w->obj, key, v);
    put_place(w, key, col_of(w->t, column));
}

/* A list: the cell's lines. */
static void put_lines(Row *w, const char *key, const char *column)
{
    const WbCell *x = get(w->t, w->r, column);
    if (!x)
        return;
    char *s = cell_text(x);
    cJSON *arr = cJSON_AddArrayToObject(w->obj, key);
    char *save = NULL;
    for (char *line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *v = csv_trim(line);
        if (*v)
            cJSON_AddItemToArray(arr, cJSON_CreateString(v));
        free(v);
    }
    free(s);
    put_place(w, key, col_of(w->t, column));
}

/* "2025-2027", "2025 – 2027" → [2025, 2027] */
static bool parse_triennio(const char *s, int out[2])
{
    int n = 0;
    for (const char *p = s; *p && n < 2;) {
        if (*p >= '0' && *p <= '9') {
            out[n++] = (int)strtol(p, (char **)&p, 10);
        } else {
            p++;
        }
    }
    return n == 2;
}

static void put_triennio(Row *w, const char *key, const char *column)
{
    const WbCell *x = get(w->t, w->r, column);
    if (!x)
        return;
    char *s = cell_text(x);
    int t[2];
    if (!parse_triennio(s, t)) {
        cell_error(w->c, DIAG_ERROR, w->t, w->r->row, col_of(w->t, column),
                   "«%s»: il triennio si scrive primo anno-ultimo anno, per esempio 2025-2027", s);
    } else {
        cJSON *arr = cJSON_AddArrayToObject(w->obj, key);
        cJSON_AddItemToArray(arr, cJSON_CreateNumber(t[0]));
        cJSON_AddItemToArray(arr, cJSON_CreateNumber(t[1]));
        put_place(w, key, col_of(w->t, column));
    }
    free(s);
}

static void row_place(Conv *c, const Table *t, int row, const char *path)
{
    char where[160];
    where_row(where, sizeof where, t, row);
    place(c, path, where);
}

static void warn_hidden(Conv *c)
{
    for (size_t i = 0; i < c->wb->n; i++)
        if (c->wb->sheets[i].hidden)
            diag_add(c->diags, DIAG_WARNING, c->file, NULL, NULL, -1, "il foglio «%s» è nascosto: ignorato",
                     c->wb->sheets[i].name);
}

/* ---- the plan ----------------------------------------------------------------------------- */


typedef struct {
    char *codice;
    cJSON *obj;
    char *path;
    int row;
} ObjRef;

static ObjRef *find_obj(ObjRef *objs, size_t n, const char *codice)
{
    for (size_t i = 0; i < n; i++)
        if (objs[i].codice && strcmp(objs[i].codice, codice) == 0)
            return &objs[i];
    return NULL;
}

/* The objective a row of a detail sheet belongs to, by its codice; reported when unknown. */
static ObjRef *row_objective(Conv *c, const Table *t, const WbRow *r, ObjRef *objs, size_t n)
{
    const WbCell *x = get(t, r, "codice");
    if (!x) {
        cell_error(c, DIAG_ERROR, t, r->row, col_of(t, "codice") ? col_of(t, "codice") : 1,
                   "manca il codice dell'obiettivo");
        return NULL;
    }
    char *codice = cell_text(x);
    ObjRef *o = find_obj(objs, n, codice);
    if (!o)
        cell_error(c, DIAG_ERROR, t, r->row, col_of(t, "codice"),
                   "nessun obiettivo del foglio «Obiettivi» ha il codice «%s»", codice);
    free(codice);
    return o;
}

/* The rows of a detail sheet, one after another: the next one after row
 * (NULL: the first) that is used and names a known objective (*o); an
 * unknown codice is reported and skipped. NULL after the last. */
static const WbRow *next_objective_row(Conv *c, const Table *t, const WbRow *row, ObjRef *objs, size_t n, ObjRef **o)
{
    size_t r = row ? (size_t)(row - t->sheet->rows) + 1 : 1;
    for (; r < t->sheet->n_rows; r++) {
        row = &t->sheet->rows[r];
        if (row_used(t, row) && (*o = row_objective(c, t, row, objs, n)) != NULL)
            return row;
    }
    return NULL;
}

static bool int_of(Row *w, const char *column, int *out)
{
    double v;
    if (!read_number(w, column, false, &v))
        return false;
    if (v != floor(v) || fabs(v) > 1e6) {
        char *s = cell_text(get(w->t, w->r, column));
        cell_error(w->c, DIAG_ERROR, w->t, w->r->row, col_of(w->t, column), "«%s» non è un numero intero", s);
        free(s);
        return false;
    }
    *out = (int)v;
    return true;
}

/* A column a row cannot do without, as an integer: said at the cell (or at
 * column A when the sheet lacks the column) when empty or not an integer. */
static bool required_int(Conv *c, const Table *t, const WbRow *row, const char *column, const char *missing, int *out)
{
    if (!get(t, row, column)) {
        cell_error(c, DIAG_ERROR, t, row->row, col_of(t, column) ? col_of(t, column) : 1, "%s", missing);
        return false;
    }
    Row probe = {c, t, row, NULL, ""};
    return int_of(&probe, column, out);
}

/* An integer column as key, with its place; nothing when the cell is empty
 * or not an integer (that error is reported at the cell). */
static void put_int(Row *w, const char *key, const char *column)
{
    int v;
    if (get(w->t, w->r, column) && int_of(w, column, &v)) {
        cJSON_AddNumberToObject(w->obj, key, v);
        put_place(w, key, col_of(w->t, column));
    }
}

/* A new object at the end of the array key of parent (at parent_path),
 * placed at the row; its path in *path, for the caller to free. */
static cJSON *append_object(Conv *c, const Table *t, int row, cJSON *parent, const char *parent_path, const char *key,
                            char **path)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(parent, key);
    char *ap = json_path_key(parent_path, key);
    *path = json_path_index(ap, (size_t)cJSON_GetArraySize(arr));
    free(ap);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(arr, o);
    row_place(c, t, row, *path);
    return o;
}

/* The annualità of year anno of an objective, made when missing. */
static cJSON *annualita_of(ObjRef *o, int anno, char **path, Conv *c, const Table *t, int row)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(o->obj, "annualita");
    int i = 0;
    cJSON *a;
    cJSON_ArrayForEach(a, arr)
    {
        if (cJSON_GetObjectItemCaseSensitive(a, "anno")->valueint == anno) {
            char *ap = json_path_key(o->path, "annualita");
            *path = json_path_index(ap, (size_t)i);
            free(ap);
            return a;
        }
        i++;
    }
    a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "anno", anno);
    cJSON_AddArrayToObject(a, "azioni");
    cJSON_AddItemToArray(arr, a);
    char *ap = json_path_key(o->path, "annualita");
    *path = json_path_index(ap, (size_t)i);
    free(ap);
    row_place(c, t, row, *path);
    return a;
}

static void read_obiettivi(Conv *c, cJSON *root, ObjRef **objs, size_t *n_objs)
{
    Table t;
    if (!table_open(c, &WB_OBIETTIVI, true, false, &t))
        return;
    for (size_t r = 1; r < t.sheet->n_rows; r++) {
        const WbRow *row = &t.sheet->rows[r];
        if (!row_used(&t, row))
            continue;
        char *path; /* kept by the ObjRef */
        cJSON *o = append_object(c, &t, row->row, root, "$", "obiettivi", &path);
        Row w = {c, &t, row, o, path};
        static const char *const texts[] = {"codice", "tipo", "nota_tipo", "linea_mandato", "dup_strategica",
                                            "dup_operativa", "dirigente", "posizione_organizzativa", "referenti",
                                            "descrizione", "baseline", "target", "stakeholder", "accessibilita",
                                            "unita_responsabile", NULL};
        for (size_t k = 0; texts[k]; k++)
            put_text(&w, texts[k], texts[k]);
        put_triennio(&w, "triennio", "triennio");
        put_lines(&w, "altre_unita", "altre_unita");
        put_text(&w, "tipologia", "tipologia");
        put_number(&w, "peso", "peso", false);
        put_bool(&w, "valutazione_individuale", "valutazione_individuale");
        static const char *const pes[] = {"rilevanza", "innovativita", "complessita", "beneficio", NULL};
        bool any = false;
        for (size_t k = 0; pes[k]; k++)
            any |= get(&t, row, pes[k]) != NULL;
        if (any) {
            cJSON *p = cJSON_AddObjectToObject(o, "pesatura");
            char *pp = json_path_key(path, "pesatura");
            Row wp = {c, &t, row, p, pp};
            for (size_t k = 0; pes[k]; k++)
                put_number(&wp, pes[k], pes[k], false);
            free(pp);
        }
        cJSON_AddArrayToObject(o, "bilancio");
        cJSON_AddArrayToObject(o, "annualita");
        cJSON_AddArrayToObject(o, "risorse_umane");
        cJSON_AddArrayToObject(o, "finanziaria");
        const cJSON *cod = cJSON_GetObjectItemCaseSensitive(o, "codice");
        *objs = xrealloc(*objs, (*n_objs + 1) * sizeof **objs);
        (*objs)[(*n_objs)++] = (ObjRef){cJSON_IsString(cod) ? xstrdup(cod->valuestring) : NULL, o, path, row->row};
    }
    table_close(&t);
}

static void read_bilancio(Conv *c, ObjRef *objs, size_t n)
{
    Table t;
    if (!table_open(c, &WB_BILANCIO, false, false, &t))
        return;
    ObjRef *o;
    for (const WbRow *row = NULL; (row = next_objective_row(c, &t, row, objs, n, &o)) != NULL;) {
        char *path;
        cJSON *v = append_object(c, &t, row->row, o->obj, o->path, "bilancio", &path);
        Row w = {c, &t, row, v, path};
        put_text(&w, "missione", "missione");
        put_text(&w, "programma", "programma");
        free(path);
    }
    table_close(&t);
}

/* The regola column: the JSON text of docs/formato.md §1. */
static void put_rule(Row *w)
{
    const WbCell *rule = get(w->t, w->r, "regola");
    if (!rule)
        return;
    char *s = cell_text(rule);
    cJSON *j = cJSON_Parse(s);
    if (!j)
        cell_error(w->c, DIAG_ERROR, w->t, w->r->row, col_of(w->t, "regola"),
                   "la regola si scrive come testo JSON, per esempio {\"tipo\": \"si_no\"}");
    else {
        cJSON_AddItemToObject(w->obj, "regola", j);
        put_place(w, "regola", col_of(w->t, "regola"));
    }
    free(s);
}

static void read_azioni(Conv *c, ObjRef *objs, size_t n)
{
    Table t;
    if (!table_open(c, &WB_AZIONI, false, false, &t))
        return;
    ObjRef *o;
    for (const WbRow *row = NULL; (row = next_objective_row(c, &t, row, objs, n, &o)) != NULL;) {
        int anno;
        if (!required_int(c, &t, row, "anno", "manca l'anno dell'azione", &anno))
            continue;
        char *apath;
        cJSON *a = annualita_of(o, anno, &apath, c, &t, row->row);
        char *path;
        cJSON *z = append_object(c, &t, row->row, a, apath, "azioni", &path);
        Row w = {c, &t, row, z, path};
        put_int(&w, "n", "n");
        put_number(&w, "peso", "peso", false);
        static const char *const texts[] = {"azione", "tempi", "indicatore", "atteso", "graduazione", NULL};
        for (size_t k = 0; texts[k]; k++)
            put_text(&w, texts[k], texts[k]);
        put_date(&w, "scadenza", "scadenza");
        put_date(&w, "inizio", "inizio");
        put_rule(&w);
        free(path);
        free(apath);
    }
    table_close(&t);
}

/* What tells apart the groups of consecutive rows that make one element:
 * the objective's codice and the text of these columns. New string. */
static char *group_key(const Table *t, const WbRow *row, const ObjRef *o, const char *const *columns)
{
    StrBuf kb = {0};
    strbuf_puts(&kb, o->codice ? o->codice : "");
    for (size_t k = 0; columns[k]; k++) {
        char *v = get(t, row, columns[k]) ? cell_text(get(t, row, columns[k])) : xstrdup("");
        strbuf_puts(&kb, "\x1f");
        strbuf_puts(&kb, v);
        free(v);
    }
    return kb.data;
}

/* Consecutive rows with the same codice, anno and azione are one risorsa. */
static void read_risorse(Conv *c, ObjRef *objs, size_t n)
{
    Table t;
    if (!table_open(c, &WB_RISORSE, false, false, &t))
        return;
    char *last_key = NULL;
    cJSON *ris = NULL;
    char *ris_path = NULL;
    ObjRef *o;
    for (const WbRow *row = NULL; (row = next_objective_row(c, &t, row, objs, n, &o)) != NULL;) {
        static const char *const same[] = {"anno", "azione", NULL};
        char *key = group_key(&t, row, o, same);
        if (!last_key || strcmp(key, last_key) != 0) {
            free(ris_path);
            ris = append_object(c, &t, row->row, o->obj, o->path, "risorse_umane", &ris_path);
            Row w = {c, &t, row, ris, ris_path};
            put_int(&w, "azione", "azione");
            put_int(&w, "anno", "anno");
            put_text(&w, "descrizione", "descrizione");
            put_text(&w, "responsabile", "responsabile");
            cJSON_AddArrayToObject(ris, "personale");
            free(last_key);
            last_key = key;
        } else {
            free(key);
        }
        if (!get(&t, row, "nome"))
            continue; /* a risorsa with nobody named */
        char *path;
        cJSON *p = append_object(c, &t, row->row, ris, ris_path, "personale", &path);
        Row w = {c, &t, row, p, path};
        put_text(&w, "nome", "nome");
        put_number(&w, "percentuale", "percentuale", true);
        put_bool(&w, "gruppo", "gruppo");
        free(path);
    }
    free(last_key);
    free(ris_path);
    table_close(&t);
}

/* Consecutive rows with the same codice, capitolo, descrizione and note are
 * one capitolo with a stanziamento per row; a row without anno and importo
 * is a capitolo without stanziamenti, always of its own (a plan may list the
 * same "non richiesta" capitolo several times, or leave the number empty on
 * capitoli told apart by their text). */
static void read_finanziaria(Conv *c, ObjRef *objs, size_t n)
{
    Table t;
    if (!table_open(c, &WB_FINANZIARIA, false, false, &t))
        return;
    char *last_key = NULL;
    cJSON *cap = NULL;
    char *cap_path = NULL;
    ObjRef *o;
    for (const WbRow *row = NULL; (row = next_objective_row(c, &t, row, objs, n, &o)) != NULL;) {
        /* the stanziamenti of one capitolo repeat its fields on every row */
        static const char *const same[] = {"capitolo", "descrizione", "note", NULL};
        char *key = group_key(&t, row, o, same);
        bool no_stanziamento = !get(&t, row, "anno") && !get(&t, row, "importo");
        if (!last_key || strcmp(key, last_key) != 0 || no_stanziamento) {
            free(cap_path);
            cap = append_object(c, &t, row->row, o->obj, o->path, "finanziaria", &cap_path);
            Row w = {c, &t, row, cap, cap_path};
            put_text(&w, "capitolo", "capitolo");
            put_text(&w, "descrizione", "descrizione");
            put_text(&w, "note", "note");
            cJSON_AddArrayToObject(cap, "stanziamenti");
            free(last_key);
            last_key = key;
        } else {
            free(key);
        }
        if (no_stanziamento) { /* a capitolo without stanziamenti: a row of its own */
            free(last_key);
            last_key = NULL;
            continue;
        }
        char *path;
        cJSON *s = append_object(c, &t, row->row, cap, cap_path, "stanziamenti", &path);
        Row w = {c, &t, row, s, path};
        put_int(&w, "anno", "anno");
        put_number(&w, "importo", "importo", false);
        free(path);
    }
    free(last_key);
    free(cap_path);
    table_close(&t);
}

/* ---- docs/formato.md §7: indicators, links, fields -------------------------------------------------- */

/* The columns of an indicator (those of its targets aside). */
static const char *const INDICATORE_FIELDS[] = {"nome", "tipo", "unita", "fonte", "formula", "verso", "peso",
                                                "baseline_anno", "baseline_valore", "regola", NULL};
#define N_INDICATORE_FIELDS 10

/* An indicator being read: for each of its columns, the row that gave it. */
typedef struct {
    const ObjRef *o;
    int n;
    const WbRow *first;                        /* its first row */
    const WbRow *source[N_INDICATORE_FIELDS];  /* NULL: no row has filled that column yet */
    cJSON *obj;                                /* attached to the objective when the numbering is whole */
    char *path;
} IndRef;

/* One column of an indicator, from the row w reads. */
static void put_indicatore_field(Row *w, size_t field)
{
    const char *name = INDICATORE_FIELDS[field];
    if (strcmp(name, "peso") == 0) {
        put_number(w, "peso", "peso", false);
    } else if (strcmp(name, "regola") == 0) {
        put_rule(w);
    } else if (strncmp(name, "baseline_", 9) == 0) {
        cJSON *b = cJSON_GetObjectItemCaseSensitive(w->obj, "baseline");
        if (!b)
            b = cJSON_AddObjectToObject(w->obj, "baseline");
        char *bp = json_path_key(w->path, "baseline");
        Row wb = {w->c, w->t, w->r, b, bp};
        if (strcmp(name, "baseline_anno") == 0)
            put_int(&wb, "anno", "baseline_anno");
        else
            put_number(&wb, "valore", "baseline_valore", false);
        put_place(w, "baseline", col_of(w->t, name));
        free(bp);
    } else {
        put_text(w, name, name);
    }
}

/* A row of an indicator already begun: its columns fill those still empty;
 * a value different from the one read is said, and the first one counts. */
static void indicatore_row(Conv *c, const Table *t, const WbRow *row, IndRef *ind)
{
    for (size_t k = 0; INDICATORE_FIELDS[k]; k++) {
        const WbCell *b = get(t, row, INDICATORE_FIELDS[k]);
        if (!b)
            continue; /* the columns may be left empty on the other rows */
        if (!ind->source[k]) {
            Row w = {c, t, row, ind->obj, ind->path};
            put_indicatore_field(&w, k);
            ind->source[k] = row;
            continue;
        }
        char *x = cell_text(get(t, ind->source[k], INDICATORE_FIELDS[k])), *y = cell_text(b);
        if (strcmp(x, y) != 0)
            cell_error(c, DIAG_WARNING, t, row->row, col_of(t, INDICATORE_FIELDS[k]),
                       "l'indicatore n. %d ha già «%s» = «%s» alla riga %d: vale quello, non «%s»", ind->n,
                       INDICATORE_FIELDS[k], x, ind->source[k]->row, y);
        free(x);
        free(y);
    }
}

static int compare_indref(const void *a, const void *b)
{
    const IndRef *x = a, *y = b;
    if (x->o != y->o)
        return x->o < y->o ? -1 : 1;
    return (x->n > y->n) - (x->n < y->n);
}

/* One row per target: the rows of an indicator share codice and n, in any
 * order; each objective's indicators are numbered 1, 2, … without gaps
 * (rilevazioni name them by that number). */
static void read_indicatori(Conv *c, ObjRef *objs, size_t n_objs)
{
    Table t;
    if (!table_open(c, &WB_INDICATORI, false, false, &t))
        return;
    IndRef *inds = NULL;
    size_t n_inds = 0;
    ObjRef *o;
    for (const WbRow *row = NULL; (row = next_objective_row(c, &t, row, objs, n_objs, &o)) != NULL;) {
        int number;
        if (!required_int(c, &t, row, "n", "manca il numero dell'indicatore (n)", &number))
            continue;
        if (number < 1) {
            cell_error(c, DIAG_ERROR, &t, row->row, col_of(&t, "n"),
                       "gli indicatori di un obiettivo si numerano da 1, non %d", number);
            continue;
        }
        IndRef *ind = NULL;
        for (size_t k = 0; k < n_inds && !ind; k++)
            if (inds[k].o == o && inds[k].n == number)
                ind = &inds[k];
        if (ind) {
            indicatore_row(c, &t, row, ind);
        } else {
            inds = xrealloc(inds, (n_inds + 1) * sizeof *inds);
            ind = &inds[n_inds++];
            memset(ind, 0, sizeof *ind);
            ind->o = o;
            ind->n = number;
            ind->first = row;
            /* its place is the one its number gives, whatever the order of the rows */
            char *ap = json_path_key(o->path, "indicatori");
            ind->path = json_path_index(ap, (size_t)number - 1);
            free(ap);
            row_place(c, &t, row->row, ind->path);
            ind->obj = cJSON_CreateObject();
            cJSON_AddArrayToObject(ind->obj, "valori");
            indicatore_row(c, &t, row, ind);
        }
        if (!get(&t, row, "anno") && !get(&t, row, "target"))
            continue; /* an indicator without targets */
        char *path;
        cJSON *v = append_object(c, &t, row->row, ind->obj, ind->path, "valori", &path);
        Row w = {c, &t, row, v, path};
        put_int(&w, "anno", "anno");
        put_number(&w, "target", "target", false);
        free(path);
    }
    /* each objective's indicators in their order, if the numbering is whole */
    if (n_inds > 1)
        qsort(inds, n_inds, sizeof *inds, compare_indref);
    for (size_t k = 0; k < n_inds;) {
        size_t end = k;
        while (end < n_inds && inds[end].o == inds[k].o)
            end++;
        int missing = 0;
        for (size_t q = k; q < end && !missing; q++)
            if (inds[q].n != (int)(q - k) + 1)
                missing = (int)(q - k) + 1;
        if (missing) {
            const IndRef *after = &inds[k + (size_t)missing - 1]; /* the first one numbered past the gap */
            cell_error(c, DIAG_ERROR, &t, after->first->row, col_of(&t, "n"),
                       "a %s manca l'indicatore n. %d: gli indicatori di un obiettivo si numerano 1, 2, 3, … "
                       "senza salti", inds[k].o->codice ? inds[k].o->codice : "", missing);
        }
        cJSON *arr = missing ? NULL : cJSON_AddArrayToObject(inds[k].o->obj, "indicatori");
        for (size_t q = k; q < end; q++) {
            if (arr)
                cJSON_AddItemToArray(arr, inds[q].obj);
            else
                cJSON_Delete(inds[q].obj);
            free(inds[q].path);
        }
        k = end;
    }
    free(inds);
    table_close(&t);
}

/* A sheet of simple lists: one element of key per row (collegamenti, campi). */
static void read_list_sheet(Conv *c, ObjRef *objs, size_t n, const WbTable *table, const char *key,
                            const char *const *json_keys)
{
    Table t;
    if (!table_open(c, table, false, false, &t))
        return;
    ObjRef *o;
    for (const WbRow *row = NULL; (row = next_objective_row(c, &t, row, objs, n, &o)) != NULL;) {
        if (!cJSON_GetObjectItemCaseSensitive(o->obj, key))
            cJSON_AddArrayToObject(o->obj, key);
        char *path;
        cJSON *x = append_object(c, &t, row->row, o->obj, o->path, key, &path);
        Row w = {c, &t, row, x, path};
        for (size_t k = 0; json_keys[k]; k++)
            put_text(&w, json_keys[k], table->cols[k + 1].name); /* cols[0] is the objective's codice */
        free(path);
    }
    table_close(&t);
}

static int compare_anno(const void *a, const void *b)
{
    int x = cJSON_GetObjectItemCaseSensitive(*(cJSON *const *)a, "anno")->valueint;
    int y = cJSON_GetObjectItemCaseSensitive(*(cJSON *const *)b, "anno")->valueint;
    return (x > y) - (x < y);
}

/* Every year of the triennio has its annualità (empty when no action has
 * it: docs/formato.md §6), in year order — except for an objective with
 * indicators and no row in Azioni at all: it is measured by its indicators
 * alone and has no annualità (§7). The places of existing annualità move
 * with them: they are re-registered under their new index. */
static void complete_annualita(Conv *c, ObjRef *o, const int plan_triennio[2], bool has_plan_triennio)
{
    if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o->obj, "annualita")) == 0 &&
        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o->obj, "indicatori")) > 0)
        return;
    int t[2] = {plan_triennio[0], plan_triennio[1]};
    cJSON *tri = cJSON_GetObjectItemCaseSensitive(o->obj, "triennio");
    if (cJSON_GetArraySize(tri) == 2) {
        t[0] = cJSON_GetArrayItem(tri, 0)->valueint;
        t[1] = cJSON_GetArrayItem(tri, 1)->valueint;
    } else if (!has_plan_triennio) {
        return;
    }
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(o->obj, "annualita");
    for (int y = t[0]; y <= t[1] && y - t[0] < 3; y++) {
        bool have = false;
        cJSON *a;
        cJSON_ArrayForEach(a, arr)
            have |= cJSON_GetObjectItemCaseSensitive(a, "anno")->valueint == y;
        if (!have) {
            a = cJSON_CreateObject();
            cJSON_AddNumberToObject(a, "anno", y);
            cJSON_AddArrayToObject(a, "azioni");
            cJSON_AddItemToArray(arr, a);
        }
    }
    size_t n = (size_t)cJSON_GetArraySize(arr);
    if (n < 2)
        return;
    cJSON **items = xcalloc(n, sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = cJSON_DetachItemFromArray(arr, 0);
    /* where each annualità's places point, before the sort */
    char *ap = json_path_key(o->path, "annualita");
    char **old = xcalloc(n, sizeof *old);
    for (size_t i = 0; i < n; i++)
        old[i] = json_path_index(ap, i);
    int *old_index = xcalloc(n, sizeof *old_index);
    for (size_t i = 0; i < n; i++)
        cJSON_AddNumberToObject(items[i], "\x1fi", (double)i);
    qsort(items, n, sizeof *items, compare_anno);
    for (size_t i = 0; i < n; i++) {
        old_index[i] = cJSON_GetObjectItemCaseSensitive(items[i], "\x1fi")->valueint;
        cJSON_DeleteItemFromObjectCaseSensitive(items[i], "\x1fi");
        cJSON_AddItemToArray(arr, items[i]);
    }
    /* rename the places: old path prefix → new one (through a marker so that swaps don't collide) */
    for (size_t i = 0; i < n; i++) {
        if ((size_t)old_index[i] == i)
            continue;
        char *from = old[old_index[i]];
        size_t fl = strlen(from);
        for (size_t k = 0; k < c->map.n; k++) {
            char *p = c->map.places[k].path;
            if (strncmp(p, from, fl) == 0 && (p[fl] == '\0' || p[fl] == '.' || p[fl] == '[')) {
                char *np = xasprintf("\x1e%s[%zu]%s", ap, i, p + fl);
                free(p);
                c->map.places[k].path = np;
            }
        }
    }
    for (size_t k = 0; k < c->map.n; k++)
        if (c->map.places[k].path[0] == '\x1e')
            memmove(c->map.places[k].path, c->map.places[k].path + 1, strlen(c->map.places[k].path));
    for (size_t i = 0; i < n; i++)
        free(old[i]);
    free(old);
    free(old_index);
    free(ap);
    free(items);
}

static cJSON *plan_json(Conv *c)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "formato", "schede-piano/1");
    int triennio[2] = {0, 0};
    bool has_triennio = false;
    Table t;
    if (table_open(c, &WB_PIANO, true, false, &t)) {
        for (size_t r = 1; r < t.sheet->n_rows; r++) {
            const WbRow *row = &t.sheet->rows[r];
            const WbCell *k = get(&t, row, "chiave");
            if (!k)
                continue;
            char *key = cell_text(k);
            char *norm = column_key(key);
            Row w = {c, &t, row, root, "$"};
            if (strcmp(norm, "ente") == 0) {
                put_text(&w, "ente", "valore");
            } else if (strcmp(norm, "triennio") == 0) {
                put_triennio(&w, "triennio", "valore");
                cJSON *tri = cJSON_GetObjectItemCaseSensitive(root, "triennio");
                if (cJSON_GetArraySize(tri) == 2) {
                    triennio[0] = cJSON_GetArrayItem(tri, 0)->valueint;
                    triennio[1] = cJSON_GetArrayItem(tri, 1)->valueint;
                    has_triennio = true;
                }
            } else if (strncmp(norm, "versione_", 9) == 0 &&
                       (strcmp(norm + 9, "data") == 0 || strcmp(norm + 9, "atto") == 0 ||
                        strcmp(norm + 9, "descrizione") == 0)) {
                /* the plan's version (docs/formato.md §5): versione_data, versione_atto, versione_descrizione */
                cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "versione");
                if (!v)
                    v = cJSON_AddObjectToObject(root, "versione");
                Row wv = {c, &t, row, v, "$.versione"};
                if (strcmp(norm + 9, "data") == 0)
                    put_date(&wv, "data", "valore");
                else
                    put_text(&wv, norm + 9, "valore");
            } else {
                cell_error(c, DIAG_WARNING, &t, row->row, col_of(&t, "chiave"), "chiave sconosciuta «%s», ignorata",
                           key);
            }
            free(norm);
            free(key);
        }
        table_close(&t);
    }
    if (table_open(c, &WB_PERSONE, false, false, &t)) {
        cJSON_AddArrayToObject(root, "persone");
        for (size_t r = 1; r < t.sheet->n_rows; r++) {
            const WbRow *row = &t.sheet->rows[r];
            if (!row_used(&t, row))
                continue;
            char *path;
            cJSON *p = append_object(c, &t, row->row, root, "$", "persone", &path);
            Row w = {c, &t, row, p, path};
            put_text(&w, "id", "id");
            put_text(&w, "nome", "nome");
            put_text(&w, "matricola", "matricola");
            put_text(&w, "area", "area");
            put_lines(&w, "alias", "alias");
            free(path);
        }
        table_close(&t);
    }
    cJSON_AddArrayToObject(root, "obiettivi");
    ObjRef *objs = NULL;
    size_t n = 0;
    read_obiettivi(c, root, &objs, &n);
    read_bilancio(c, objs, n);
    read_azioni(c, objs, n);
    read_risorse(c, objs, n);
    read_finanziaria(c, objs, n);
    read_indicatori(c, objs, n);
    static const char *const collegamento_keys[] = {"livello", "codice", "testo", NULL};
    read_list_sheet(c, objs, n, &WB_COLLEGAMENTI, "collegamenti", collegamento_keys);
    static const char *const campo_keys[] = {"etichetta", "valore", NULL};
    read_list_sheet(c, objs, n, &WB_CAMPI, "campi", campo_keys);
    for (size_t i = 0; i < n; i++) {
        complete_annualita(c, &objs[i], triennio, has_triennio);
        free(objs[i].codice);
        free(objs[i].path);
    }
    free(objs);
    return root;
}

/* ---- rilevazioni and valutazioni ------------------------------------------------------------- */

static cJSON *raggiunto_json(Conv *c)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "formato", "schede-raggiunto/1");
    cJSON_AddArrayToObject(root, "rilevazioni");
    Table t;
    if (!table_open(c, &WB_RILEVAZIONI, true, false, &t))
        return root;
    static const char *const filled[] = {"data", "valore", "percentuale", "raggiunto", "nota", "avanzamento",
                                         "criticita", "proposta", NULL};
    for (size_t r = 1; r < t.sheet->n_rows; r++) {
        const WbRow *row = &t.sheet->rows[r];
        bool any = false;
        for (size_t k = 0; filled[k]; k++)
            any |= get(&t, row, filled[k]) != NULL;
        if (!any)
            continue; /* a row of the template not filled in: the action is not reported yet */
        char *path;
        cJSON *o = append_object(c, &t, row->row, root, "$", "rilevazioni", &path);
        Row w = {c, &t, row, o, path};
        put_text(&w, "obiettivo", "obiettivo");
        put_int(&w, "azione", "azione");
        put_int(&w, "indicatore", "indicatore"); /* docs/formato.md §7 */
        put_date(&w, "data", "data");
        const WbCell *v = get(&t, row, "valore");
        if (v) {
            bool ok;
            bool b = v->kind == WB_TEXT ? csv_parse_bool(v->text, &ok) : (ok = false);
            if (v->kind == WB_BOOL) {
                cJSON_AddBoolToObject(o, "valore", v->boolean);
                put_place(&w, "valore", col_of(&t, "valore"));
            } else if (ok) {
                cJSON_AddBoolToObject(o, "valore", b);
                put_place(&w, "valore", col_of(&t, "valore"));
            } else {
                put_number(&w, "valore", "valore", false);
            }
        }
        put_number(&w, "percentuale", "percentuale", true);
        put_number(&w, "avanzamento", "avanzamento", true);
        static const char *const texts[] = {"raggiunto", "nota", "criticita", "proposta", NULL};
        for (size_t k = 0; texts[k]; k++)
            put_text(&w, texts[k], texts[k]);
        free(path);
    }
    table_close(&t);
    return root;
}

static cJSON *valutazioni_json(Conv *c)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "formato", "schede-valutazioni/1");
    cJSON_AddArrayToObject(root, "valutazioni");
    Table t;
    if (!table_open(c, &WB_VALUTAZIONI, true, true, &t))
        return root;
    for (size_t r = 1; r < t.sheet->n_rows; r++) {
        const WbRow *row = &t.sheet->rows[r];
        if (!row_used(&t, row))
            continue;
        char *path;
        cJSON *o = append_object(c, &t, row->row, root, "$", "valutazioni", &path);
        Row w = {c, &t, row, o, path};
        static const char *const texts[] = {"persona", "categoria", "profilo", "valutatore", "commento",
                                            "osservazioni", "giudizio", "escluso_premio", NULL};
        for (size_t k = 0; texts[k]; k++)
            put_text(&w, texts[k], texts[k]);
        put_number(&w, "orario", "orario", true);
        put_number(&w, "servizio", "servizio", true);
        put_date(&w, "data", "data");
        put_date(&w, "colloquio", "colloquio");
        put_date(&w, "presa_visione", "presa_visione");
        /* every other column: a vote or a value by hand, an empty cell a missing vote */
        cJSON *voti = cJSON_AddObjectToObject(o, "voti");
        char *vp = json_path_key(path, "voti");
        for (size_t k = 0; k < t.n_extra; k++) {
            const WbCell *x = wb_cell(row, t.extra[k]);
            char *p = json_path_key(vp, t.extra_name[k]);
            char where[160];
            where_cell(where, sizeof where, &t, row->row, t.extra[k]);
            double num;
            bool guess;
            if (!x) {
                cJSON_AddNullToObject(voti, t.extra_name[k]);
            } else if (x->kind == WB_NUMBER) {
                cJSON_AddNumberToObject(voti, t.extra_name[k], x->number);
            } else if (x->kind == WB_TEXT && csv_parse_number(x->text, &num, &guess)) {
                cJSON_AddNumberToObject(voti, t.extra_name[k], num);
            } else {
                char *s = cell_text(x);
                cell_error(c, DIAG_ERROR, &t, row->row, t.extra[k], "colonna «%s»: «%s» non è un numero",
                           t.extra_name[k], s);
                free(s);
            }
            place(c, p, where);
            free(p);
        }
        free(vp);
        free(path);
    }
    table_close(&t);
    return root;
}

/* ---- the loaders ------------------------------------------------------------------------------- */

typedef enum { KIND_PLAN, KIND_RAGGIUNTO, KIND_VALUTAZIONI } Kind;

/* Reads the workbook, builds its JSON, loads it with the JSON loader and
 * moves the messages to the cells. */
static LoadStatus load_workbook(Kind kind, const char *file, const char *data, size_t len, void *out,
                                DiagList *diags)
{
    Workbook wb;
    size_t errors = diags->errors;
    LoadStatus st = workbook_read(file, data, len, &wb, diags);
    if (st != LOAD_OK) {
        workbook_free(&wb);
        return st;
    }
    Conv c = {file, &wb, diags, {0}};
    warn_hidden(&c);
    cJSON *json = kind == KIND_PLAN ? plan_json(&c) : kind == KIND_RAGGIUNTO ? raggiunto_json(&c) : valutazioni_json(&c);
    char *text = cJSON_PrintUnformatted(json);
    cJSON_Delete(json);
    if (kind == KIND_PLAN)
        st = plan_load_buffer(file, text, strlen(text), out, diags);
    else if (kind == KIND_RAGGIUNTO)
        st = raggiunto_load_buffer(file, text, strlen(text), CODIFICA_UTF8, out, diags);
    else {
        st = valutazioni_load_buffer(file, text, strlen(text), CODIFICA_UTF8, out, diags);
        /* a table like the CSV: its columns are read for the person's category */
        ((Valutazioni *)out)->csv = true;
    }
    /* the loader's messages, and those of the checks that follow, name JSON paths: from now on, cells */
    c.map.file = xstrdup(file);
    diag_list_add_map(diags, &c.map);
    free(text);
    workbook_free(&wb);
    return diags->errors > errors ? LOAD_DATA_ERROR : st;
}

LoadStatus workbook_plan_load(const char *file, const char *data, size_t len, Plan *plan, DiagList *diags)
{
    memset(plan, 0, sizeof *plan);
    return load_workbook(KIND_PLAN, file, data, len, plan, diags);
}

LoadStatus workbook_raggiunto_load(const char *file, const char *data, size_t len, Rilevazioni *out,
                                   DiagList *diags)
{
    memset(out, 0, sizeof *out);
    LoadStatus st = load_workbook(KIND_RAGGIUNTO, file, data, len, out, diags);
    if (!out->file)
        out->file = xstrdup(file);
    return st;
}

LoadStatus workbook_valutazioni_load(const char *file, const char *data, size_t len, Valutazioni *out,
                                     DiagList *diags)
{
    memset(out, 0, sizeof *out);
    LoadStatus st = load_workbook(KIND_VALUTAZIONI, file, data, len, out, diags);
    if (!out->file)
        out->file = xstrdup(file);
    return st;
}

LoadStatus input_plan_read(const char *file, const char *bytes, size_t len, Plan *plan, DiagList *diags)
{
    return workbook_detect(bytes, len) ? workbook_plan_load(file, bytes, len, plan, diags)
                                       : plan_load_buffer(file, bytes, len, plan, diags);
}

LoadStatus input_raggiunto_read(const char *file, const char *bytes, size_t len, Codifica codifica, Rilevazioni *out,
                                DiagList *diags)
{
    return workbook_detect(bytes, len) ? workbook_raggiunto_load(file, bytes, len, out, diags)
                                       : raggiunto_load_buffer(file, bytes, len, codifica, out, diags);
}

LoadStatus input_valutazioni_read(const char *file, const char *bytes, size_t len, Codifica codifica, Valutazioni *out,
                                  DiagList *diags)
{
    return workbook_detect(bytes, len) ? workbook_valutazioni_load(file, bytes, len, out, diags)
                                       : valutazioni_load_buffer(file, bytes, len, codifica, out, diags);
}

LoadStatus input_plan_load(const char *path, Plan *plan, DiagList *diags)
{
    memset(plan, 0, sizeof *plan);
    size_t len;
    char *text = file_read_input(path, &len, diags);
    if (!text)
        return LOAD_IO_ERROR;
    LoadStatus st = input_plan_read(path, text, len, plan, diags);
    free(text);
    return st;
}

LoadStatus input_raggiunto_load(const char *path, Codifica codifica, Rilevazioni *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = file_read_input(path, &len, diags);
    if (!text) {
        out->file = xstrdup(path);
        return LOAD_IO_ERROR;
    }
    LoadStatus st = input_raggiunto_read(path, text, len, codifica, out, diags);
    free(text);
    return st;
}

LoadStatus input_valutazioni_load(const char *path, Codifica codifica, Valutazioni *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = file_read_input(path, &len, diags);
    if (!text) {
        out->file = xstrdup(path);
        return LOAD_IO_ERROR;
    }
    LoadStatus st = input_valutazioni_read(path, text, len, codifica, out, diags);
    free(text);
    return st;
}
