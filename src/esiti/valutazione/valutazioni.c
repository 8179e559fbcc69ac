#include "valutazioni.h"

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

void valutazioni_diag(DiagList *diags, DiagSeverity sev, const Valutazioni *set, const Valutazione *v,
                      const char *key, const char *subkey, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    if (v && v->line > 0) {
        diag_add_at(diags, sev, set->file, v->line, 0, "%s%s%s", v->persona ? v->persona : "",
                    v->persona ? ": " : "", msg);
    } else {
        char *path = v && v->path && key ? json_path_key(v->path, key) : NULL;
        if (path && subkey) {
            char *deeper = json_path_key(path, subkey);
            free(path);
            path = deeper;
        }
        diag_add(diags, sev, set->file, path ? path : v ? v->path : NULL, NULL, -1, "%s%s%s",
                 v && v->persona ? v->persona : "", v && v->persona ? ": " : "", msg);
        free(path);
    }
    free(msg);
}

const Voce *valutazione_voce(const Voce *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].id, id) == 0)
            return &list[i];
    return NULL;
}

static void free_voci(Voce *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].id);
    free(v);
}

void valutazioni_free(Valutazioni *set)
{
    for (size_t i = 0; i < set->n; i++) {
        Valutazione *v = &set->items[i];
        free(v->persona);
        free(v->categoria);
        free(v->profilo);
        free_voci(v->voti, v->n_voti);
        free_voci(v->manuali, v->n_manuali);
        free(v->valutatore);
        free(v->commento);
        free(v->osservazioni);
        free(v->giudizio);
        free(v->escluso_premio);
        free(v->path);
    }
    free(set->items);
    free(set->file);
    memset(set, 0, sizeof *set);
}

Valutazione *valutazioni_nuova(Valutazioni *set)
{
    set->items = xgrow(set->items, set->n, &set->cap, sizeof *set->items, 64);
    Valutazione *v = &set->items[set->n++];
    memset(v, 0, sizeof *v);
    v->orario = v->servizio = 100;
    return v;
}

void valutazione_aggiungi_voce(Voce **list, size_t *n, const char *id, bool has, double value)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[*n] = (Voce){xstrdup(id), has, value};
    (*n)++;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static const char *const TOP_KEYS[] = {"formato", "anno", "valutazioni", NULL};
static const char *const VAL_KEYS[] = {"persona", "categoria", "profilo", "orario", "servizio", "voti", "manuali",
                                       "valutatore", "data", "commento", "osservazioni", "giudizio", "colloquio",
                                       "presa_visione", "escluso_premio", NULL};

static void json_date(JsonCtx *ctx, const cJSON *obj, const char *path, const char *key, bool *has, Date *out)
{
    char *s = NULL;
    if (!json_get_string(ctx, obj, path, key, JSON_OPTIONAL, &s))
        return;
    DateStatus st = date_parse_iso(s, out);
    if (st == DATE_OK) {
        *has = true;
    } else {
        char *p = json_path_key(path, key);
        json_error(ctx, p, st == DATE_IMPOSSIBLE ? "la data «%s» non esiste nel calendario"
                                                 : "data «%s» non valida: si scrive AAAA-MM-GG", s);
        free(p);
    }
    free(s);
}

static void json_share(JsonCtx *ctx, const cJSON *obj, const char *path, const char *key, double *out)
{
    if (json_get_number(ctx, obj, path, key, JSON_OPTIONAL, out) && !(*out >= 0 && *out <= 100)) {
        char *p = json_path_key(path, key), v[64];
        text_format_number(v, sizeof v, *out);
        json_error(ctx, p, "«%s» vale %s: è una percentuale tra 0 e 100", key, v);
        free(p);
    }
}

/* {"C1": 9, "C2": null}: a number per id; null is a vote not given. */
static void json_voci(JsonCtx *ctx, const cJSON *obj, const char *path, const char *key, Voce **list, size_t *n)
{
    const cJSON *map = json_get_object(ctx, obj, path, key, JSON_OPTIONAL);
    if (!map)
        return;
    char *mp = json_path_key(path, key);
    json_check_keys(ctx, map, mp, NULL);
    for (const cJSON *it = map->child; it; it = it->next) {
        if (cJSON_IsNumber(it) && isfinite(it->valuedouble)) {
            valutazione_aggiungi_voce(list, n, it->string, true, it->valuedouble);
        } else if (cJSON_IsNull(it)) {
            valutazione_aggiungi_voce(list, n, it->string, false, 0);
        } else {
            char *p = json_path_key(mp, it->string);
            json_error(ctx, p, "«%s» deve essere un numero", it->string);
            free(p);
        }
    }
    free(mp);
}

static void read_valutazione(JsonCtx *ctx, const cJSON *obj, const char *path, void *user)
{
    Valutazione *v = valutazioni_nuova(user);
    size_t errors = ctx->diags->errors;
    v->path = xstrdup(path);
    json_check_keys(ctx, obj, path, VAL_KEYS);
    json_get_string(ctx, obj, path, "persona", JSON_REQUIRED, &v->persona);
    json_get_string(ctx, obj, path, "categoria", JSON_REQUIRED, &v->categoria);
    json_get_string(ctx, obj, path, "profilo", JSON_OPTIONAL, &v->profilo);
    json_share(ctx, obj, path, "orario", &v->orario);
    json_share(ctx, obj, path, "servizio", &v->servizio);
    json_voci(ctx, obj, path, "voti", &v->voti, &v->n_voti);
    json_voci(ctx, obj, path, "manuali", &v->manuali, &v->n_manuali);
    json_get_string(ctx, obj, path, "valutatore", JSON_OPTIONAL, &v->valutatore);
    json_date(ctx, obj, path, "data", &v->has_data, &v->data);
    json_get_string(ctx, obj, path, "commento", JSON_OPTIONAL, &v->commento);
    json_get_string(ctx, obj, path, "osservazioni", JSON_OPTIONAL, &v->osservazioni);
    json_get_string(ctx, obj, path, "giudizio", JSON_OPTIONAL, &v->giudizio);
    json_date(ctx, obj, path, "colloquio", &v->has_colloquio, &v->colloquio);
    json_date(ctx, obj, path, "presa_visione", &v->has_presa_visione, &v->presa_visione);
    json_get_string(ctx, obj, path, "escluso_premio", JSON_OPTIONAL, &v->escluso_premio);
    v->invalid = ctx->diags->errors > errors;
}

static void load_json(const char *file, const char *text, size_t len, Valutazioni *set, DiagList *diags)
{
    JsonCtx ctx = {diags, file, NULL, -1};
    cJSON *root = json_parse_text(&ctx, text, len);
    if (!root)
        return;
    if (json_expect_object(&ctx, root, "$")) {
        json_check_keys(&ctx, root, "$", TOP_KEYS);
        char *formato = NULL;
        if (json_get_string(&ctx, root, "$", "formato", JSON_REQUIRED, &formato) &&
            strcmp(formato, VALUTAZIONI_FORMAT) != 0)
            json_error(&ctx, "$.formato", "formato «%s» non previsto: un file di valutazioni dichiara \"%s\"",
                       formato, VALUTAZIONI_FORMAT);
        free(formato);
        set->has_anno = json_get_int(&ctx, root, "$", "anno", JSON_OPTIONAL, &set->anno);
        const cJSON *arr = json_get_array(&ctx, root, "$", "valutazioni", JSON_REQUIRED);
        if (arr)
            json_each_object(&ctx, arr, "$.valutazioni", read_valutazione, set);
    }
    cJSON_Delete(root);
}

/* ---- CSV -------------------------------------------------------------------------------- */

enum {
    COL_PERSONA, COL_CATEGORIA, COL_PROFILO, COL_ORARIO, COL_SERVIZIO, COL_VALUTATORE, COL_DATA, COL_COMMENTO,
    COL_OSSERVAZIONI, COL_GIUDIZIO, COL_COLLOQUIO, COL_PRESA_VISIONE, COL_ESCLUSO, COL_COUNT
};
static const char *const COLUMNS[COL_COUNT] = {
    "persona", "categoria", "profilo", "orario", "servizio", "valutatore", "data", "commento", "osservazioni",
    "giudizio", "colloquio", "presa_visione", "escluso_premio"};

static void csv_share(Valutazioni *set, Valutazione *v, const char *text, const char *name, double *out,
                      DiagList *diags)
{
    if (!*text)
        return;
    double x;
    bool guess;
    if (!csv_parse_number(text, &x, &guess))
        valutazioni_diag(diags, DIAG_ERROR, set, v, NULL, NULL, "«%s» deve essere un numero, non «%s»", name, text);
    else if (!(x >= 0 && x <= 100))
        valutazioni_diag(diags, DIAG_ERROR, set, v, NULL, NULL, "«%s» vale «%s»: è una percentuale tra 0 e 100", name, text);
    else
        *out = x;
}

static void csv_date(Valutazioni *set, Valutazione *v, const char *text, const char *name, bool *has, Date *out,
                     DiagList *diags)
{
    if (!*text)
        return;
    DateStatus st = csv_parse_date(text, out);
    if (st == DATE_OK)
        *has = true;
    else
        valutazioni_diag(diags, DIAG_ERROR, set, v, NULL, NULL,
                         st == DATE_IMPOSSIBLE ? "«%s»: la data «%s» non esiste nel calendario"
                                               : "«%s»: data «%s» non valida: si scrive gg/mm/aaaa", name, text);
}

static char *or_null(const char *s) { return *s ? xstrdup(s) : NULL; }

static void load_csv(const char *file, const char *text, size_t len, Codifica codifica, Valutazioni *set,
                     DiagList *diags)
{
    set->csv = true;
    CsvTable t;
    if (!csv_load_table(file, text, len, codifica_csv(codifica), &t, diags))
        return;
    const CsvRecord *head = &t.records[0];
    set->header_line = head->line;
    int col[COL_COUNT];
    for (int k = 0; k < COL_COUNT; k++)
        col[k] = -1;
    /* Every other column is a vote or a value by hand, named by its id. */
    int *extra = xcalloc(head->n + 1, sizeof *extra);
    char **extra_id = xcalloc(head->n + 1, sizeof *extra_id);
    size_t n_extra = 0;
    for (size_t i = 0; i < head->n; i++) {
        char *name = text_name_key(head->fields[i]);
        int k = 0;
        while (k < COL_COUNT && strcmp(COLUMNS[k], name) != 0)
            k++;
        char *id = csv_trim(head->fields[i]);
        bool dup = false;
        for (size_t e = 0; e < n_extra; e++)
            dup |= strcmp(extra_id[e], id) == 0;
        if (k < COL_COUNT && col[k] < 0) {
            col[k] = (int)i;
            free(id);
        } else if (k < COL_COUNT || dup) {
            diag_add_at(diags, DIAG_ERROR, file, head->line, 0, "la colonna «%s» compare due volte", head->fields[i]);
            free(id);
        } else if (*id) {
            extra[n_extra] = (int)i;
            extra_id[n_extra++] = id;
        } else {
            free(id);
        }
        free(name);
    }
    if (col[COL_PERSONA] < 0 || col[COL_CATEGORIA] < 0) {
        diag_add_at(diags, DIAG_ERROR, file, head->line, 0,
                    "l'intestazione deve avere almeno le colonne «persona» e «categoria» "
                    "(persona;categoria;profilo;orario;servizio;<voti…>;valutatore;data;commento;osservazioni)");
        n_extra = 0;
    }
    for (size_t r = 1; r < t.n && col[COL_PERSONA] >= 0 && col[COL_CATEGORIA] >= 0; r++) {
        const CsvRecord *rec = &t.records[r];
        if (csv_record_blank(rec))
            continue;
        char *f[COL_COUNT];
        for (int k = 0; k < COL_COUNT; k++)
            f[k] = col[k] >= 0 && (size_t)col[k] < rec->n ? csv_trim(rec->fields[col[k]]) : xstrdup("");
        Valutazione *v = valutazioni_nuova(set);
        size_t errors = diags->errors;
        v->line = rec->line;
        v->persona = or_null(f[COL_PERSONA]);
        if (!v->persona)
            diag_add_at(diags, DIAG_ERROR, file, rec->line, 0, "manca la persona valutata");
        v->categoria = or_null(f[COL_CATEGORIA]);
        if (!v->categoria)
            valutazioni_diag(diags, DIAG_ERROR, set, v, NULL, NULL, "manca la categoria");
        v->profilo = or_null(f[COL_PROFILO]);
        csv_share(set, v, f[COL_ORARIO], "orario", &v->orario, diags);
        csv_share(set, v, f[COL_SERVIZIO], "servizio", &v->servizio, diags);
        v->valutatore = or_null(f[COL_VALUTATORE]);
        csv_date(set, v, f[COL_DATA], "data", &v->has_data, &v->data, diags);
        v->commento = or_null(f[COL_COMMENTO]);
        v->osservazioni = or_null(f[COL_OSSERVAZIONI]);
        v->giudizio = or_null(f[COL_GIUDIZIO]);
        csv_date(set, v, f[COL_COLLOQUIO], "colloquio", &v->has_colloquio, &v->colloquio, diags);
        csv_date(set, v, f[COL_PRESA_VISIONE], "presa_visione", &v->has_presa_visione, &v->presa_visione, diags);
        v->escluso_premio = or_null(f[COL_ESCLUSO]);
        for (size_t e = 0; e < n_extra; e++) {
            char *x = (size_t)extra[e] < rec->n ? csv_trim(rec->fields[extra[e]]) : xstrdup("");
            double num = 0;
            bool guess, has = *x != '\0';
            if (has && !csv_parse_number(x, &num, &guess))
                valutazioni_diag(diags, DIAG_ERROR, set, v, NULL, NULL, "colonna «%s»: «%s» non è un numero", extra_id[e], x);
            else
                valutazione_aggiungi_voce(&v->voti, &v->n_voti, extra_id[e], has, num);
            free(x);
        }
        v->invalid = diags->errors > errors;
        for (int k = 0; k < COL_COUNT; k++)
            free(f[k]);
    }
    for (size_t e = 0; e < head->n; e++)
        free(extra_id[e]);
    free(extra_id);
    free(extra);
    csv_free(&t);
}

LoadStatus valutazioni_load_buffer(const char *file, const char *text, size_t len, Codifica codifica,
                                   Valutazioni *out, DiagList *diags)
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

LoadStatus valutazioni_load_file(const char *path, Codifica codifica, Valutazioni *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = file_read_input(path, &len, diags);
    if (!text) {
        out->file = xstrdup(path);
        return LOAD_IO_ERROR;
    }
    LoadStatus st = valutazioni_load_buffer(path, text, len, codifica, out, diags);
    free(text);
    return st;
}
