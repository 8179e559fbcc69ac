#include "raggiunto.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "csv_values.h"
#include "fileio.h"
#include "json_reader.h"
#include "text.h"

void raggiunto_diag(DiagList *diags, DiagSeverity sev, const Rilevazioni *set, const Rilevazione *r,
                    int objective, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    if (r && r->line > 0) {
        diag_add_at(diags, sev, set->file, r->line, 0, "%s%s%s", r->obiettivo ? r->obiettivo : "",
                    r->obiettivo ? ": " : "", msg);
    } else {
        diag_add(diags, sev, set->file, r ? r->path : NULL, r ? r->obiettivo : NULL, objective, "%s", msg);
    }
    free(msg);
}

bool raggiunto_has_result(const Rilevazione *r)
{
    return r->has_data || r->valore_kind != VALORE_NESSUNO || r->has_percentuale;
}

CsvEncoding codifica_csv(Codifica c)
{
    return c == CODIFICA_UTF8 ? CSV_ENC_UTF8 : c == CODIFICA_WINDOWS_1252 ? CSV_ENC_WINDOWS_1252 : CSV_ENC_AUTO;
}

void raggiunto_free(Rilevazioni *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->items[i].obiettivo);
        free(set->items[i].raggiunto);
        free(set->items[i].nota);
        free(set->items[i].criticita);
        free(set->items[i].proposta);
        free(set->items[i].path);
    }
    free(set->items);
    free(set->file);
    memset(set, 0, sizeof *set);
}

static Rilevazione *push(Rilevazioni *set, size_t *cap)
{
    if (set->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        set->items = xrealloc(set->items, *cap * sizeof *set->items);
    }
    Rilevazione *r = &set->items[set->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* ---- JSON --------------------------------------------------------------------------- */

static const char *const TOP_KEYS[] = {"formato", "anno", "rilevazioni", NULL};
static const char *const RIL_KEYS[] = {"obiettivo", "azione", "indicatore", "data", "valore", "percentuale", "raggiunto", "nota",
                                       "avanzamento", "criticita", "proposta", NULL};

typedef struct {
    Rilevazioni *set;
    size_t cap;
} JsonTarget;

static void read_rilevazione(JsonCtx *ctx, const cJSON *c, const char *path, void *user)
{
    JsonTarget *t = user;
    Rilevazione *r = push(t->set, &t->cap);
    size_t errors = ctx->diags->errors;
    r->path = xstrdup(path);
    json_check_keys(ctx, c, path, RIL_KEYS);
    json_get_string(ctx, c, path, "obiettivo", JSON_REQUIRED, &r->obiettivo);
    ctx->codice = r->obiettivo;
    /* an action's rilevazione, or an indicator's (docs/formato.md §7) */
    if (json_get_int(ctx, c, path, "indicatore", JSON_OPTIONAL, &r->indicatore)) {
        char *ip = json_path_key(path, "indicatore");
        if (r->indicatore < 1)
            json_error(ctx, ip, "«indicatore» è la posizione dell'indicatore nell'obiettivo (1, 2, …), non %d",
                       r->indicatore);
        if (cJSON_GetObjectItemCaseSensitive(c, "azione"))
            json_error(ctx, ip, "una rilevazione riguarda un'azione o un indicatore, non entrambi");
        free(ip);
    } else {
        json_get_int(ctx, c, path, "azione", JSON_REQUIRED, &r->azione);
    }
    char *data = NULL;
    if (json_get_string(ctx, c, path, "data", JSON_OPTIONAL, &data)) {
        char *p = json_path_key(path, "data");
        DateStatus st = date_parse_iso(data, &r->data);
        if (st == DATE_OK)
            r->has_data = true;
        else
            json_error(ctx, p, st == DATE_IMPOSSIBLE ? "la data «%s» non esiste nel calendario"
                                                     : "data «%s» non valida: si scrive AAAA-MM-GG", data);
        free(p);
        free(data);
    }
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, "valore");
    if (v && cJSON_IsNumber(v)) {
        r->valore_kind = VALORE_NUMERO;
        r->valore = v->valuedouble;
    } else if (v && cJSON_IsBool(v)) {
        r->valore_kind = VALORE_SI_NO;
        r->valore_si = cJSON_IsTrue(v);
    } else if (v && !cJSON_IsNull(v)) {
        char *p = json_path_key(path, "valore");
        json_error(ctx, p, "«valore» deve essere un numero o true/false");
        free(p);
    }
    if (json_get_number(ctx, c, path, "percentuale", JSON_OPTIONAL, &r->percentuale)) {
        r->has_percentuale = true;
        if (r->percentuale < 0 || r->percentuale > 100) {
            char *p = json_path_key(path, "percentuale");
            char num[64];
            text_format_number(num, sizeof num, r->percentuale);
            json_error(ctx, p, "percentuale %s fuori dall'intervallo 0–100", num);
            free(p);
        }
    }
    json_get_string(ctx, c, path, "raggiunto", JSON_OPTIONAL, &r->raggiunto);
    json_get_string(ctx, c, path, "nota", JSON_OPTIONAL, &r->nota);
    if (json_get_number(ctx, c, path, "avanzamento", JSON_OPTIONAL, &r->avanzamento)) {
        r->has_avanzamento = r->avanzamento >= 0 && r->avanzamento <= 100;
        if (!r->has_avanzamento) {
            char *p = json_path_key(path, "avanzamento");
            char num[64];
            text_format_number(num, sizeof num, r->avanzamento);
            json_error(ctx, p, "avanzamento %s fuori dall'intervallo 0–100", num);
            free(p);
        }
    }
    json_get_string(ctx, c, path, "criticita", JSON_OPTIONAL, &r->criticita);
    json_get_string(ctx, c, path, "proposta", JSON_OPTIONAL, &r->proposta);
    r->invalid = ctx->diags->errors > errors;
    ctx->codice = NULL;
}

static void load_json(const char *file, const char *text, size_t len, Rilevazioni *set, DiagList *diags)
{
    JsonCtx ctx = {diags, file, NULL, -1};
    cJSON *root = json_parse_text(&ctx, text, len);
    if (!root)
        return;
    if (json_expect_object(&ctx, root, "$")) {
        json_check_keys(&ctx, root, "$", TOP_KEYS);
        char *formato = NULL;
        if (json_get_string(&ctx, root, "$", "formato", JSON_REQUIRED, &formato) &&
            strcmp(formato, RAGGIUNTO_FORMAT) != 0) {
            if (strncmp(formato, "schede-piano/", 13) == 0)
                json_error(&ctx, "$.formato", "questo è un piano, non un file di rilevazioni");
            else
                json_error(&ctx, "$.formato", "formato «%s» non supportato: un file di rilevazioni dichiara \"%s\"",
                           formato, RAGGIUNTO_FORMAT);
        }
        free(formato);
        set->has_anno = json_get_int(&ctx, root, "$", "anno", JSON_OPTIONAL, &set->anno);
        const cJSON *arr = json_get_array(&ctx, root, "$", "rilevazioni", JSON_REQUIRED);
        if (arr) {
            JsonTarget t = {set, 0};
            json_each_object(&ctx, arr, "$.rilevazioni", read_rilevazione, &t);
        }
    }
    cJSON_Delete(root);
}

/* ---- CSV: the values as offices write them -------------------------------------------- */

enum {
    COL_OBIETTIVO, COL_AZIONE, COL_INDICATORE, COL_DATA, COL_VALORE, COL_PERCENTUALE, COL_RAGGIUNTO, COL_NOTA, COL_AVANZAMENTO,
    COL_CRITICITA, COL_PROPOSTA, COL_COUNT
};
static const char *const COLUMNS[COL_COUNT] = {"obiettivo", "azione", "indicatore", "data", "valore", "percentuale", "raggiunto",
                                               "nota", "avanzamento", "criticita", "proposta"};

/* The columns of the header row, by name: col[k] is the field index of
 * COLUMNS[k], -1 when absent. False (with the error) when the header lacks
 * obiettivo, or both azione and indicatore. */
static bool map_header(const char *file, const CsvRecord *head, int col[COL_COUNT], DiagList *diags)
{
    for (int k = 0; k < COL_COUNT; k++)
        col[k] = -1;
    for (size_t i = 0; i < head->n; i++) {
        char *name = text_name_key(head->fields[i]);
        int k = 0;
        while (k < COL_COUNT && strcmp(COLUMNS[k], name) != 0)
            k++;
        static const char *const INFORMATIVE[] = {"testo_azione", "scadenza", "regola", NULL};
        bool informative = false;
        for (size_t q = 0; INFORMATIVE[q]; q++)
            informative |= strcmp(name, INFORMATIVE[q]) == 0;
        if (informative) {
            free(name);
            continue; /* written by `schede modello-raggiunto` for the offices to read */
        }
        if (k < COL_COUNT && col[k] < 0)
            col[k] = (int)i;
        else if (k < COL_COUNT)
            diag_add_at(diags, DIAG_ERROR, file, head->line, 0, "la colonna «%s» compare due volte", COLUMNS[k]);
        else if (*name)
            diag_add_at(diags, DIAG_WARNING, file, head->line, 0, "colonna sconosciuta «%s», ignorata",
                        head->fields[i]);
        free(name);
    }
    if (col[COL_OBIETTIVO] < 0 || (col[COL_AZIONE] < 0 && col[COL_INDICATORE] < 0)) {
        diag_add_at(diags, DIAG_ERROR, file, head->line, 0,
                    "l'intestazione deve avere almeno le colonne «obiettivo» e «azione» "
                    "(obiettivo;azione;data;valore;percentuale;raggiunto;nota)");
        return false;
    }
    return true;
}

/* A percentage column (percentuale, avanzamento): a number from 0 to 100. */
static void read_percent(const char *given, const char *column, Rilevazioni *set, Rilevazione *r, bool *has,
                         double *value, DiagList *diags)
{
    double num;
    bool guess;
    if (!*given)
        return;
    if (!csv_parse_number(given, &num, &guess))
        raggiunto_diag(diags, DIAG_ERROR, set, r, -1, "«%s» deve essere un numero, non «%s»", column, given);
    else if (num < 0 || num > 100)
        raggiunto_diag(diags, DIAG_ERROR, set, r, -1, "%s «%s» fuori dall'intervallo 0–100", column, given);
    else {
        *has = true;
        *value = num;
    }
}

/* Which action or indicator the row is about (docs/formato.md §2, §7). */
static void read_subject(char *v[COL_COUNT], Rilevazioni *set, Rilevazione *r, DiagList *diags)
{
    double num;
    bool guess;
    if (*v[COL_INDICATORE]) {
        if (!csv_parse_number(v[COL_INDICATORE], &num, &guess) || num != floor(num) || num < 1 || num > 1e6)
            raggiunto_diag(diags, DIAG_ERROR, set, r, -1,
                           "«indicatore» deve essere il numero dell'indicatore (1, 2, …), non «%s»",
                           v[COL_INDICATORE]);
        else
            r->indicatore = (int)num;
        if (*v[COL_AZIONE])
            raggiunto_diag(diags, DIAG_ERROR, set, r, -1, "una riga riguarda un'azione o un indicatore, non entrambi");
    } else if (!csv_parse_number(v[COL_AZIONE], &num, &guess) || num != floor(num) || num < 1 || num > 1e6)
        raggiunto_diag(diags, DIAG_ERROR, set, r, -1, "«azione» deve essere il numero dell'azione, non «%s»",
                       v[COL_AZIONE]);
    else
        r->azione = (int)num;
}

/* The valore column: sì/no or a number. */
static void read_valore(const char *given, Rilevazioni *set, Rilevazione *r, DiagList *diags)
{
    double num;
    bool guess, ok;
    if (!*given)
        return;
    bool b = csv_parse_bool(given, &ok);
    if (ok) {
        r->valore_kind = VALORE_SI_NO;
        r->valore_si = b;
    } else if (csv_parse_number(given, &num, &guess)) {
        r->valore_kind = VALORE_NUMERO;
        r->valore = num;
        if (guess)
            raggiunto_diag(diags, DIAG_WARNING, set, r, -1,
                           "«%s» letto come %.0f (punto delle migliaia); per un decimale usare la virgola", given, num);
    } else {
        raggiunto_diag(diags, DIAG_ERROR, set, r, -1, "«valore» deve essere un numero o sì/no, non «%s»", given);
    }
}

/* One filled row of the table into r; its errors make r invalid. */
static void read_row(const char *file, const CsvRecord *rec, char *v[COL_COUNT], Rilevazioni *set, Rilevazione *r,
                     DiagList *diags)
{
    size_t errors_before = diags->errors;
    r->line = rec->line;
    if (*v[COL_OBIETTIVO])
        r->obiettivo = xstrdup(v[COL_OBIETTIVO]);
    else
        diag_add_at(diags, DIAG_ERROR, file, rec->line, 0, "manca il codice dell'obiettivo");
    read_subject(v, set, r, diags);
    if (*v[COL_DATA]) {
        DateStatus st = csv_parse_date(v[COL_DATA], &r->data);
        if (st == DATE_OK)
            r->has_data = true;
        else
            raggiunto_diag(diags, DIAG_ERROR, set, r, -1,
                           st == DATE_IMPOSSIBLE ? "la data «%s» non esiste nel calendario"
                                                 : "data «%s» non valida: si scrive gg/mm/aaaa", v[COL_DATA]);
    }
    read_valore(v[COL_VALORE], set, r, diags);
    read_percent(v[COL_PERCENTUALE], "percentuale", set, r, &r->has_percentuale, &r->percentuale, diags);
    read_percent(v[COL_AVANZAMENTO], "avanzamento", set, r, &r->has_avanzamento, &r->avanzamento, diags);
    if (*v[COL_CRITICITA])
        r->criticita = xstrdup(v[COL_CRITICITA]);
    if (*v[COL_PROPOSTA])
        r->proposta = xstrdup(v[COL_PROPOSTA]);
    if (*v[COL_RAGGIUNTO])
        r->raggiunto = xstrdup(v[COL_RAGGIUNTO]);
    if (*v[COL_NOTA])
        r->nota = xstrdup(v[COL_NOTA]);
    r->invalid = diags->errors > errors_before;
}

static void load_csv(const char *file, const char *text, size_t len, Codifica codifica, Rilevazioni *set,
                     DiagList *diags)
{
    CsvTable t;
    if (!csv_load_table(file, text, len, codifica_csv(codifica), &t, diags))
        return;
    int col[COL_COUNT];
    if (!map_header(file, &t.records[0], col, diags)) {
        csv_free(&t);
        return;
    }
    size_t cap = 0;
    for (size_t i = 1; i < t.n; i++) {
        const CsvRecord *rec = &t.records[i];
        if (csv_record_blank(rec))
            continue;
        char *v[COL_COUNT];
        for (int k = 0; k < COL_COUNT; k++)
            v[k] = col[k] >= 0 && (size_t)col[k] < rec->n ? csv_trim(rec->fields[col[k]]) : xstrdup("");
        /* A row of the template left as it was (only obiettivo and azione):
         * the action is not reported yet. */
        bool unfilled = true;
        for (int k = COL_DATA; k < COL_COUNT; k++)
            unfilled &= *v[k] == '\0';
        if (!unfilled)
            read_row(file, rec, v, set, push(set, &cap), diags);
        for (int k = 0; k < COL_COUNT; k++)
            free(v[k]);
    }
    csv_free(&t);
}

LoadStatus raggiunto_load_buffer(const char *file, const char *text, size_t len, Codifica codifica,
                                 Rilevazioni *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->file = xstrdup(file);
    size_t errors = diags->errors;
    InputKind kind = input_kind(file, text, len, diags);
    if (kind == INPUT_EMPTY)
        return LOAD_DATA_ERROR;
    if (kind == INPUT_JSON)
        load_json(file, text, len, out, diags);
    else
        load_csv(file, text, len, codifica, out, diags);
    return diags->errors > errors ? LOAD_DATA_ERROR : LOAD_OK;
}

LoadStatus raggiunto_load_file(const char *path, Codifica codifica, Rilevazioni *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = file_read_input(path, &len, diags);
    if (!text) {
        out->file = xstrdup(path);
        return LOAD_IO_ERROR;
    }
    LoadStatus st = raggiunto_load_buffer(path, text, len, codifica, out, diags);
    free(text);
    return st;
}
