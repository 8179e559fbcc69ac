#include "wb_export.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "date.h"
#include "esiti.h"
#include "fileio.h"
#include "indicatori.h"
#include "persone.h"
#include "rules.h"
#include "text.h"
#include "wb_columns.h"

typedef struct {
    lxw_workbook *wb;
    lxw_format *head, *text, *date, *number, *integer, *locked_text, *locked_date, *input_text, *input_date,
        *input_number;
    char *tmp;
    const char *path;
} Writer;

static bool writer_open(Writer *w, const char *path, char **error)
{
    memset(w, 0, sizeof *w);
    w->path = path;
    w->tmp = xasprintf("%s.%ld.part", path, (long)getpid());
    /* libxlsxwriter opens the file only when closing, and then reports a
     * missing folder or a denied permission in English on stderr: try it
     * first, to say why in Italian before any work is done. */
    FILE *probe = fopen(w->tmp, "wb");
    if (!probe) {
        *error = xasprintf("impossibile scrivere il file %s: %s", path, file_write_reason(errno));
        free(w->tmp);
        return false;
    }
    fclose(probe);
    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    w->wb = workbook_new_opt(w->tmp, &options);
    if (!w->wb) {
        *error = xasprintf("impossibile creare il file %s", path);
        unlink(w->tmp);
        free(w->tmp);
        return false;
    }
    lxw_doc_properties properties = {.created = document_time()};
    workbook_set_properties(w->wb, &properties);
    w->head = workbook_add_format(w->wb);
    format_set_bold(w->head);
    format_set_bg_color(w->head, 0xCFDCE8);
    format_set_text_wrap(w->head);
    format_set_align(w->head, LXW_ALIGN_VERTICAL_TOP);
    w->text = workbook_add_format(w->wb);
    format_set_text_wrap(w->text);
    format_set_align(w->text, LXW_ALIGN_VERTICAL_TOP);
    w->date = workbook_add_format(w->wb);
    format_set_num_format(w->date, "dd/mm/yyyy");
    format_set_align(w->date, LXW_ALIGN_VERTICAL_TOP);
    w->number = workbook_add_format(w->wb);
    format_set_num_format(w->number, "#,##0.00");
    format_set_align(w->number, LXW_ALIGN_VERTICAL_TOP);
    w->integer = workbook_add_format(w->wb);
    format_set_num_format(w->integer, "0");
    format_set_align(w->integer, LXW_ALIGN_VERTICAL_TOP);
    /* templates: context locked and shaded, input unlocked */
    w->locked_text = workbook_add_format(w->wb);
    format_set_text_wrap(w->locked_text);
    format_set_align(w->locked_text, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(w->locked_text, 0xF0F3F6);
    w->locked_date = workbook_add_format(w->wb);
    format_set_num_format(w->locked_date, "dd/mm/yyyy");
    format_set_align(w->locked_date, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(w->locked_date, 0xF0F3F6);
    w->input_text = workbook_add_format(w->wb);
    format_set_unlocked(w->input_text);
    format_set_text_wrap(w->input_text);
    format_set_align(w->input_text, LXW_ALIGN_VERTICAL_TOP);
    w->input_date = workbook_add_format(w->wb);
    format_set_unlocked(w->input_date);
    format_set_num_format(w->input_date, "dd/mm/yyyy");
    format_set_align(w->input_date, LXW_ALIGN_VERTICAL_TOP);
    w->input_number = workbook_add_format(w->wb);
    format_set_unlocked(w->input_number);
    format_set_num_format(w->input_number, "0.##");
    format_set_align(w->input_number, LXW_ALIGN_VERTICAL_TOP);
    return true;
}

/* Closes the workbook and gives the file its name. */
static int writer_close(Writer *w, char **error)
{
    lxw_error e = workbook_close(w->wb);
    int rc = 0;
    if (e != LXW_NO_ERROR) {
        *error = xasprintf("impossibile scrivere il file %s: %s", w->path, lxw_strerror(e));
        rc = -1;
    } else if (rename(w->tmp, w->path) != 0) {
        *error = xasprintf("impossibile scrivere il file %s: %s", w->path, file_write_reason(errno));
        rc = -1;
    }
    if (rc != 0)
        unlink(w->tmp);
    free(w->tmp);
    return rc;
}

typedef WbColumn Column;

static lxw_worksheet *sheet_of(Writer *w, const char *name, const Column *cols, size_t n)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    for (size_t i = 0; i < n; i++) {
        worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i].name, w->head);
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* One of the plan's sheets (wb_columns.c), its header written. */
static lxw_worksheet *sheet(Writer *w, const WbTable *t) { return sheet_of(w, t->sheet, t->cols, t->n); }

static void put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    if (s && *s)
        worksheet_write_string(ws, r, c, s, f);
    else if (f && f != NULL)
        worksheet_write_blank(ws, r, c, f);
}

static void put_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, bool has, Date d, lxw_format *f)
{
    if (has) {
        lxw_datetime dt = {d.year, d.month, d.day, 0, 0, 0};
        worksheet_write_datetime(ws, r, c, &dt, f);
    } else {
        worksheet_write_blank(ws, r, c, f);
    }
}

static char *lines(char *const *items, size_t n)
{
    StrBuf b = {0};
    for (size_t i = 0; i < n; i++) {
        strbuf_puts(&b, i ? "\n" : "");
        strbuf_puts(&b, items[i]);
    }
    return b.data ? b.data : xstrdup("");
}

/* A list validation on a column, from the second row down. */
static void validate_list(lxw_worksheet *ws, lxw_col_t c, const char **values, const char *message)
{
    lxw_data_validation v = {0};
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = (char **)values;
    v.error_title = "Valore non previsto";
    v.error_message = (char *)message;
    worksheet_data_validation_range(ws, 1, c, 100000, c, &v);
}

static void validate_range(lxw_worksheet *ws, lxw_col_t c, double lo, double hi, const char *message)
{
    lxw_data_validation v = {0};
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = lo;
    v.maximum_number = hi;
    v.error_title = "Valore non previsto";
    v.error_message = (char *)message;
    worksheet_data_validation_range(ws, 1, c, 100000, c, &v);
}

static void validate_date(lxw_worksheet *ws, lxw_col_t c)
{
    lxw_data_validation v = {0};
    v.validate = LXW_VALIDATION_TYPE_DATE;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_datetime = (lxw_datetime){2000, 1, 1, 0, 0, 0};
    v.maximum_datetime = (lxw_datetime){2100, 12, 31, 0, 0, 0};
    v.error_title = "Data non valida";
    v.error_message = "Scrivere una data (gg/mm/aaaa).";
    worksheet_data_validation_range(ws, 1, c, 100000, c, &v);
}

/* The rule as the JSON text of docs/formato.md §1 (empty when the plan gives none). */
static char *rule_json(const Rule *r)
{
    if (r->tipo == RULE_NONE)
        return NULL;
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "tipo", rule_type_name(r->tipo));
    if (r->tipo == RULE_RITARDO || r->tipo == RULE_SOGLIE) {
        if (r->tipo == RULE_SOGLIE)
            cJSON_AddStringToObject(j, "verso", r->verso == VERSO_DECRESCENTE ? "decrescente" : "crescente");
        cJSON *f = cJSON_AddArrayToObject(j, "fasce");
        const char *limit = r->tipo == RULE_RITARDO ? "giorni" : r->verso == VERSO_DECRESCENTE ? "fino_a" : "da";
        for (size_t i = 0; i < r->n_fasce; i++) {
            cJSON *b = cJSON_CreateObject();
            cJSON_AddNumberToObject(b, limit, r->fasce[i].limit);
            cJSON_AddNumberToObject(b, "percentuale", r->fasce[i].percentuale);
            cJSON_AddItemToArray(f, b);
        }
        if (r->tipo == RULE_RITARDO)
            cJSON_AddBoolToObject(j, "giorni_lavorativi", r->giorni_lavorativi);
    } else if (r->tipo == RULE_PROPORZIONALE) {
        cJSON_AddNumberToObject(j, "obiettivo", r->obiettivo);
    }
    char *s = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    return s;
}

static void put_triennio(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const int t[2], lxw_format *f)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%d-%d", t[0], t[1]);
    worksheet_write_string(ws, r, c, buf, f);
}

/* docs/formato.md §7's lists, a sheet each: an indicator is one row per target (its
 * other columns repeated, as the capitoli of Finanziaria are), or one row
 * without anno and target when it has none. */
static void write_other_forms(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_INDICATORI);
    static const char *versi[] = {"crescente", "decrescente", NULL};
    validate_list(ws, 7, versi, "Il verso è «crescente» o «decrescente» (vuoto: crescente).");
    lxw_row_t r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        for (size_t k = 0; k < o->n_indicatori; k++) {
            const Indicatore *ind = &o->indicatori[k];
            char *rule = rule_json(&ind->regola);
            size_t n = ind->n_valori ? ind->n_valori : 1;
            for (size_t v = 0; v < n; v++, r++) {
                put_text(ws, r, 0, o->codice, w->text);
                worksheet_write_number(ws, r, 1, (double)(k + 1), w->integer);
                const char *texts[] = {ind->nome, ind->tipo, ind->unita, ind->fonte, ind->formula};
                for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
                    put_text(ws, r, (lxw_col_t)(2 + t), texts[t], w->text);
                if (ind->verso == VERSO_DECRESCENTE)
                    worksheet_write_string(ws, r, 7, "decrescente", w->text);
                if (ind->has_peso)
                    worksheet_write_number(ws, r, 8, ind->peso, NULL);
                if (ind->has_baseline) {
                    worksheet_write_number(ws, r, 9, ind->baseline_anno, w->integer);
                    worksheet_write_number(ws, r, 10, ind->baseline_valore, NULL);
                }
                put_text(ws, r, 11, rule, w->text);
                if (ind->n_valori == 0)
                    continue;
                worksheet_write_number(ws, r, 12, ind->valori[v].anno, w->integer);
                worksheet_write_number(ws, r, 13, ind->valori[v].target, NULL);
            }
            free(rule);
        }
    }
    ws = sheet(w, &WB_COLLEGAMENTI);
    r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++)
        for (size_t k = 0; k < plan->obiettivi[i].n_collegamenti; k++, r++) {
            const Collegamento *c = &plan->obiettivi[i].collegamenti[k];
            put_text(ws, r, 0, plan->obiettivi[i].codice, w->text);
            put_text(ws, r, 1, c->livello, w->text);
            put_text(ws, r, 2, c->codice, w->text);
            put_text(ws, r, 3, c->testo, w->text);
        }
    ws = sheet(w, &WB_CAMPI);
    r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++)
        for (size_t k = 0; k < plan->obiettivi[i].n_campi; k++, r++) {
            put_text(ws, r, 0, plan->obiettivi[i].codice, w->text);
            put_text(ws, r, 1, plan->obiettivi[i].campi[k].etichetta, w->text);
            put_text(ws, r, 2, plan->obiettivi[i].campi[k].valore, w->text);
        }
}

/* Piano: the plan's own keys, one per row. */
static void write_piano(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_PIANO);
    worksheet_write_string(ws, 1, 0, "ente", w->text);
    put_text(ws, 1, 1, plan->ente, w->text);
    worksheet_write_string(ws, 2, 0, "triennio", w->text);
    put_triennio(ws, 2, 1, plan->triennio, w->text);
    lxw_row_t pr = 3;
    if (!plan->versione.present)
        return;
    if (plan->versione.has_data) {
        worksheet_write_string(ws, pr, 0, "versione_data", w->text);
        put_date(ws, pr++, 1, true, plan->versione.data, w->date);
    }
    if (plan->versione.atto) {
        worksheet_write_string(ws, pr, 0, "versione_atto", w->text);
        put_text(ws, pr++, 1, plan->versione.atto, w->text);
    }
    if (plan->versione.descrizione) {
        worksheet_write_string(ws, pr, 0, "versione_descrizione", w->text);
        put_text(ws, pr++, 1, plan->versione.descrizione, w->text);
    }
}

static void write_persone(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_PERSONE);
    for (size_t i = 0; i < plan->n_persone; i++) {
        const Persona *p = &plan->persone[i];
        lxw_row_t r = (lxw_row_t)i + 1;
        put_text(ws, r, 0, p->id, w->text);
        put_text(ws, r, 1, p->nome, w->text);
        put_text(ws, r, 2, p->matricola, w->text);
        put_text(ws, r, 3, p->area, w->text);
        char *alias = lines(p->alias, p->n_alias);
        put_text(ws, r, 4, alias, w->text);
        free(alias);
    }
}

static const char *SI_NO[] = {"sì", "no", NULL};

/* Obiettivi: one row per objective, its scheda's fields in the columns of WB_OBIETTIVI. */
static void write_obiettivi(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_OBIETTIVI);
    static const char *tipi[] = {"comune", "individuale", NULL};
    validate_list(ws, 1, tipi, "Il tipo è «comune» o «individuale».");
    for (lxw_col_t c = 17; c <= 20; c++)
        validate_range(ws, c, 0, 100, "Un numero da 0 a 100.");
    validate_list(ws, 23, SI_NO, "Scrivere sì o no (vuoto: sì).");
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        lxw_row_t r = (lxw_row_t)i + 1;
        put_text(ws, r, 0, o->codice, w->text);
        worksheet_write_string(ws, r, 1, o->tipo == TIPO_INDIVIDUALE ? "individuale" : "comune", w->text);
        if (o->triennio[0] != plan->triennio[0] || o->triennio[1] != plan->triennio[1])
            put_triennio(ws, r, 2, o->triennio, w->text);
        const char *texts[] = {o->nota_tipo, o->linea_mandato, o->dup_strategica, o->dup_operativa, o->dirigente,
                               o->posizione_organizzativa, o->referenti, o->descrizione, o->baseline, o->target,
                               o->stakeholder, o->accessibilita, o->unita_responsabile};
        for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
            put_text(ws, r, (lxw_col_t)(3 + k), texts[k], w->text);
        char *altre = lines(o->altre_unita, o->n_altre_unita);
        put_text(ws, r, 16, altre, w->text);
        free(altre);
        if (o->pesatura.present) {
            const double v[] = {o->pesatura.rilevanza, o->pesatura.innovativita, o->pesatura.complessita,
                                o->pesatura.beneficio};
            for (int k = 0; k < 4; k++)
                worksheet_write_number(ws, r, (lxw_col_t)(17 + k), v[k], NULL);
        }
        put_text(ws, r, 21, o->tipologia, w->text);
        if (o->has_peso)
            worksheet_write_number(ws, r, 22, o->peso, NULL);
        if (!o->valutazione_individuale)
            worksheet_write_string(ws, r, 23, "no", w->text);
    }
}

static void write_bilancio(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_BILANCIO);
    lxw_row_t r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++)
        for (size_t k = 0; k < plan->obiettivi[i].n_bilancio; k++, r++) {
            put_text(ws, r, 0, plan->obiettivi[i].codice, w->text);
            put_text(ws, r, 1, plan->obiettivi[i].bilancio[k].missione, w->text);
            put_text(ws, r, 2, plan->obiettivi[i].bilancio[k].programma, w->text);
        }
}

/* Azioni: one row per action of every annualità. */
static void write_azioni(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_AZIONI);
    validate_range(ws, 3, 0, 100, "Il peso è un numero da 0 a 100.");
    validate_date(ws, 6);
    validate_date(ws, 7);
    lxw_row_t r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        for (size_t a = 0; a < o->n_annualita; a++)
            for (size_t k = 0; k < o->annualita[a].n_azioni; k++, r++) {
                const Azione *z = &o->annualita[a].azioni[k];
                put_text(ws, r, 0, o->codice, w->text);
                worksheet_write_number(ws, r, 1, o->annualita[a].anno, w->integer);
                worksheet_write_number(ws, r, 2, z->n, w->integer);
                if (z->has_peso)
                    worksheet_write_number(ws, r, 3, z->peso, NULL);
                put_text(ws, r, 4, z->azione, w->text);
                put_text(ws, r, 5, z->tempi, w->text);
                if (z->has_scadenza)
                    put_date(ws, r, 6, true, z->scadenza, w->date);
                if (z->has_inizio)
                    put_date(ws, r, 7, true, z->inizio, w->date);
                put_text(ws, r, 8, z->indicatore, w->text);
                put_text(ws, r, 9, z->atteso, w->text);
                put_text(ws, r, 10, z->graduazione, w->text);
                char *rule = rule_json(&z->regola);
                put_text(ws, r, 11, rule, w->text);
                free(rule);
            }
    }
}

/* Risorse umane: one row per person of a risorsa (its other columns
 * repeated), or one row without nome when it lists nobody. */
static void write_risorse(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_RISORSE);
    validate_range(ws, 6, 0, 100, "La percentuale è un numero da 0 a 100.");
    validate_list(ws, 7, SI_NO, "Scrivere sì o no.");
    lxw_row_t r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        for (size_t k = 0; k < o->n_risorse_umane; k++) {
            const Risorsa *ru = &o->risorse_umane[k];
            size_t n = ru->n_personale ? ru->n_personale : 1;
            for (size_t p = 0; p < n; p++, r++) {
                put_text(ws, r, 0, o->codice, w->text);
                worksheet_write_number(ws, r, 1, ru->anno, w->integer);
                if (ru->azione > 0) /* 0: the whole objective (docs/formato.md §1, RISORSA) */
                    worksheet_write_number(ws, r, 2, ru->azione, w->integer);
                put_text(ws, r, 3, ru->descrizione, w->text);
                put_text(ws, r, 4, ru->responsabile, w->text);
                if (ru->n_personale == 0)
                    continue;
                const Partecipante *x = &ru->personale[p];
                put_text(ws, r, 5, x->nome, w->text);
                if (x->has_percentuale)
                    worksheet_write_number(ws, r, 6, x->percentuale, NULL);
                if (x->gruppo)
                    worksheet_write_string(ws, r, 7, "sì", w->text);
            }
        }
    }
}

/* Finanziaria: one row per stanziamento of a capitolo, or one row without
 * anno and importo when it has none. */
static void write_finanziaria(Writer *w, const Plan *plan)
{
    lxw_worksheet *ws = sheet(w, &WB_FINANZIARIA);
    lxw_row_t r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        for (size_t k = 0; k < o->n_finanziaria; k++) {
            const Capitolo *cap = &o->finanziaria[k];
            size_t n = cap->n_stanziamenti ? cap->n_stanziamenti : 1;
            for (size_t s = 0; s < n; s++, r++) {
                put_text(ws, r, 0, o->codice, w->text);
                put_text(ws, r, 1, cap->capitolo, w->text);
                put_text(ws, r, 2, cap->descrizione, w->text);
                put_text(ws, r, 5, cap->note, w->text);
                if (cap->n_stanziamenti == 0)
                    continue;
                worksheet_write_number(ws, r, 3, cap->stanziamenti[s].anno, w->integer);
                worksheet_write_number(ws, r, 4, cap->stanziamenti[s].importo, w->number);
            }
        }
    }
}

int workbook_export_plan(const Plan *plan, const char *path, char **error)
{
    Writer w;
    if (!writer_open(&w, path, error))
        return -1;
    write_piano(&w, plan);
    write_persone(&w, plan);
    write_obiettivi(&w, plan);
    write_bilancio(&w, plan);
    write_azioni(&w, plan);
    write_risorse(&w, plan);
    write_finanziaria(&w, plan);
    write_other_forms(&w, plan);
    return writer_close(&w, error);
}

/* ---- templates ------------------------------------------------------------------------------ */

static bool led_by(const Plan *plan, const Obiettivo *o, const char *dirigente)
{
    if (!dirigente)
        return true;
    if (!o->dirigente)
        return false;
    char *a = text_name_key(o->dirigente), *b = text_name_key(dirigente);
    bool same = strcmp(a, b) == 0;
    free(a);
    free(b);
    if (!same) {
        const Persona *p = persone_match_untitled(plan, o->dirigente);
        same = p && p == persone_match_untitled(plan, dirigente);
    }
    return same;
}

static void protect(lxw_worksheet *ws)
{
    lxw_protection prot = {0};
    prot.format_columns = LXW_TRUE;
    prot.format_rows = LXW_TRUE;
    prot.autofilter = LXW_TRUE;
    worksheet_protect(ws, NULL, &prot);
}

/* The columns an office fills in, from «data» (column 6 + d) on, unlocked;
 * without progress, the monitoring ones (avanzamento, criticità, proposta)
 * stay locked: an indicator has a value or nothing. */
static void write_inputs(Writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t d, size_t n_cols, bool progress)
{
    worksheet_write_blank(ws, r, 6 + d, w->input_date);
    worksheet_write_blank(ws, r, 7 + d, w->input_text);
    worksheet_write_blank(ws, r, 8 + d, w->input_number);
    for (lxw_col_t c = 9 + d; c < (lxw_col_t)n_cols; c++)
        worksheet_write_blank(ws, r, c,
                              c >= 11 + d && !progress ? w->locked_text
                              : c == 11 + d            ? w->input_number
                                                       : w->input_text);
}

int workbook_export_rilevazioni(const Plan *plan, int anno, const char *dirigente, bool monitoring, const char *path,
                                char **error)
{
    Writer w;
    if (!writer_open(&w, path, error))
        return -1;
    /* docs/formato.md §7: with indicators targeted in the year, a column «indicatore»
       after «azione» numbers their rows; every later column moves by d */
    bool indicators = plan_has_indicator_targets(plan, anno);
    lxw_col_t d = indicators ? 1 : 0;
    Column all[] = {{"obiettivo", 11}, {"azione", 7}, {"indicatore", 9}, {"testo_azione", 50}, {"scadenza", 12},
                    {"graduazione", 40}, {"regola", 36}, {"data", 12}, {"valore", 10}, {"percentuale", 11},
                    {"raggiunto", 30}, {"nota", 30}, {"avanzamento", 12}, {"criticita", 30}, {"proposta", 30}};
    Column cols[15];
    size_t n_cols = 0;
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if ((i != 2 || indicators) && (i < 12 || monitoring))
            cols[n_cols++] = all[i];
    lxw_worksheet *ws = sheet_of(&w, WB_RILEVAZIONI.sheet, cols, n_cols);
    validate_date(ws, 6 + d);
    validate_range(ws, 8 + d, 0, 100, "La percentuale è un numero da 0 a 100.");
    if (monitoring)
        validate_range(ws, 11 + d, 0, 100, "L'avanzamento è un numero da 0 a 100.");
    lxw_row_t r = 1;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        if (!led_by(plan, o, dirigente))
            continue;
        const Annualita *a = obiettivo_annualita(o, anno);
        for (size_t k = 0; a && k < a->n_azioni; k++, r++) {
            const Azione *z = &a->azioni[k];
            OrigineRegola origine;
            Rule rule = rule_for_action(z, &origine);
            char *words = rule_describe(&rule, z);
            rule_for_action_free(&rule, origine);
            put_text(ws, r, 0, o->codice, w.locked_text);
            worksheet_write_number(ws, r, 1, z->n, w.locked_text);
            if (indicators)
                worksheet_write_blank(ws, r, 2, w.locked_text);
            put_text(ws, r, 2 + d, z->azione, w.locked_text);
            put_date(ws, r, 3 + d, z->has_scadenza, z->scadenza, w.locked_date);
            put_text(ws, r, 4 + d, z->graduazione, w.locked_text);
            put_text(ws, r, 5 + d, words, w.locked_text);
            write_inputs(&w, ws, r, d, n_cols, true);
            free(words);
        }
        for (size_t k = 0; k < o->n_indicatori; k++) {
            const Indicatore *ind = &o->indicatori[k];
            double target;
            if (!indicatore_target(ind, anno, &target))
                continue;
            char *what = indicatore_row_text(ind, target, anno), *how = indicatore_describe(ind);
            put_text(ws, r, 0, o->codice, w.locked_text);
            worksheet_write_blank(ws, r, 1, w.locked_text);
            worksheet_write_number(ws, r, 2, (double)(k + 1), w.locked_text);
            put_text(ws, r, 3, what, w.locked_text);
            worksheet_write_blank(ws, r, 4, w.locked_date);
            worksheet_write_blank(ws, r, 5, w.locked_text);
            put_text(ws, r, 6, how, w.locked_text);
            write_inputs(&w, ws, r, d, n_cols, false);
            free(what);
            free(how);
            r++;
        }
    }
    protect(ws);
    return writer_close(&w, error);
}

int workbook_export_valutazioni(const Plan *plan, const Sistema *sistema, int anno, const char *path, char **error)
{
    (void)anno;
    Writer w;
    if (!writer_open(&w, path, error))
        return -1;
    static const char *const fixed[] = {"persona", "nome", "categoria", "profilo", "orario", "servizio", NULL};
    static const char *const after[] = {"valutatore", "data", "commento", "osservazioni", "giudizio", "colloquio",
                                        "presa_visione", "escluso_premio", NULL};
    /* the votes and values by hand of every category, each id once */
    const char **ids = NULL;
    size_t n_ids = 0;
    for (size_t c = 0; c < sistema->n_categorie; c++) {
        const Categoria *cat = &sistema->categorie[c];
        for (size_t k = 0; k < cat->n_comportamenti + cat->n_componenti; k++) {
            const char *id = k < cat->n_comportamenti ? cat->comportamenti[k].id
                                                      : cat->componenti[k - cat->n_comportamenti].fonte == FONTE_MANUALE
                                                            ? cat->componenti[k - cat->n_comportamenti].id
                                                            : NULL;
            bool seen = !id;
            for (size_t q = 0; q < n_ids && !seen; q++)
                seen = strcmp(ids[q], id) == 0;
            if (!seen) {
                ids = xrealloc(ids, (n_ids + 1) * sizeof *ids);
                ids[n_ids++] = id;
            }
        }
    }
    lxw_worksheet *ws = workbook_add_worksheet(w.wb, "Valutazioni");
    lxw_col_t c = 0;
    for (size_t i = 0; fixed[i]; i++, c++) {
        worksheet_write_string(ws, 0, c, fixed[i], w.head);
        worksheet_set_column(ws, c, c, i == 1 ? 28 : 14, NULL);
    }
    lxw_col_t first_vote = c;
    for (size_t i = 0; i < n_ids; i++, c++) {
        worksheet_write_string(ws, 0, c, ids[i], w.head);
        worksheet_set_column(ws, c, c, 8, NULL);
    }
    lxw_col_t first_after = c;
    for (size_t i = 0; after[i]; i++, c++) {
        worksheet_write_string(ws, 0, c, after[i], w.head);
        worksheet_set_column(ws, c, c, i >= 2 && i <= 4 ? 36 : 14, NULL);
    }
    worksheet_freeze_panes(ws, 1, 2);
    char **cats = xcalloc(sistema->n_categorie + 1, sizeof *cats);
    for (size_t i = 0; i < sistema->n_categorie; i++)
        cats[i] = sistema->categorie[i].id;
    validate_list(ws, 2, (const char **)cats, "Una categoria del sistema di valutazione.");
    char **profili = xcalloc(sistema->premi.n_parametri + 1, sizeof *profili);
    for (size_t i = 0; i < sistema->premi.n_parametri; i++)
        profili[i] = sistema->premi.parametri[i].profilo;
    if (sistema->premi.n_parametri > 0)
        validate_list(ws, 3, (const char **)profili, "Un profilo dei parametri dei premi.");
    validate_range(ws, 4, 0, 100, "Una percentuale da 0 a 100.");
    validate_range(ws, 5, 0, 100, "Una percentuale da 0 a 100.");
    validate_date(ws, first_after + 1);
    validate_date(ws, first_after + 5);
    validate_date(ws, first_after + 6);
    for (size_t p = 0; p < plan->n_persone; p++) {
        lxw_row_t r = (lxw_row_t)p + 1;
        const Persona *x = &plan->persone[p];
        put_text(ws, r, 0, x->id ? x->id : x->nome, w.locked_text);
        put_text(ws, r, 1, x->nome, w.locked_text);
        worksheet_write_blank(ws, r, 2, w.input_text);
        worksheet_write_blank(ws, r, 3, w.input_text);
        worksheet_write_number(ws, r, 4, 100, w.input_number);
        worksheet_write_number(ws, r, 5, 100, w.input_number);
        for (lxw_col_t k = first_vote; k < first_after; k++)
            worksheet_write_blank(ws, r, k, w.input_number);
        for (lxw_col_t k = first_after; k < c; k++)
            worksheet_write_blank(ws, r, k, k == first_after + 1 || k == first_after + 5 || k == first_after + 6
                                                ? w.input_date
                                                : w.input_text);
    }
    protect(ws);
    free(cats);
    free(profili);
    free(ids);
    return writer_close(&w, error);
}
