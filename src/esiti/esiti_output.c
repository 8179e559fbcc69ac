#include "esiti_output.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_values.h"
#include "indicatori.h"
#include "rules.h"
#include "text.h"

const char *esiti_stato_name(StatoAzione s)
{
    switch (s) {
    case STATO_RILEVATO: return "rilevato";
    case STATO_FORZATO: return "forzato";
    case STATO_NON_RILEVATO: break;
    }
    return "non_rilevato";
}

/* The official figure: rounded to the hundredth, as printed. */
static double cents(double v) { return round(v * 100.0) / 100.0; }

static void add_optional_number(cJSON *obj, const char *key, bool has, double v)
{
    if (has)
        cJSON_AddNumberToObject(obj, key, v);
    else
        cJSON_AddNullToObject(obj, key);
}

static void add_optional_string(cJSON *obj, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(obj, key, s);
    else
        cJSON_AddNullToObject(obj, key);
}

static cJSON *persone_json(const PersoneAnno *pa)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; pa && i < pa->n; i++) {
        const PersonaAnno *p = &pa->persone[i];
        cJSON *j = cJSON_CreateObject();
        add_optional_string(j, "id", p->registro ? p->registro->id : NULL);
        cJSON_AddStringToObject(j, "nome", p->nome);
        add_optional_string(j, "matricola", p->registro ? p->registro->matricola : NULL);
        add_optional_string(j, "area", p->registro ? p->registro->area : NULL);
        add_optional_number(j, "punteggio", p->has_punteggio, cents(p->punteggio));
        cJSON *righe = cJSON_AddArrayToObject(j, "righe");
        for (size_t r = 0; r < p->n_righe; r++) {
            const RigaPersona *x = &p->righe[r];
            cJSON *row = cJSON_CreateObject();
            cJSON_AddStringToObject(row, "obiettivo", x->obiettivo->codice ? x->obiettivo->codice : "");
            cJSON_AddNumberToObject(row, "azione", x->numero_azione);
            add_optional_number(row, "partecipazione", x->has_partecipazione, x->partecipazione);
            add_optional_number(row, "peso", x->has_peso, x->peso);
            add_optional_number(row, "percentuale", x->rilevata, cents(x->percentuale));
            cJSON_AddItemToArray(righe, row);
        }
        cJSON_AddItemToArray(arr, j);
    }
    return arr;
}

/* docs/formato.md §7: each indicator's target, value and % in the year; "conta"
 * says whether it made the objective's % (no actions that year, a target,
 * reported). */
static cJSON *indicatori_json(const EsitoObiettivo *eo)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t k = 0; k < eo->n_indicatori; k++) {
        const EsitoIndicatore *x = &eo->indicatori[k];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddNumberToObject(j, "n", x->n);
        cJSON_AddStringToObject(j, "nome", x->indicatore->nome ? x->indicatore->nome : "");
        add_optional_string(j, "unita", x->indicatore->unita);
        cJSON_AddStringToObject(j, "verso", x->indicatore->verso == VERSO_DECRESCENTE ? "decrescente" : "crescente");
        add_optional_number(j, "peso", x->indicatore->has_peso, x->indicatore->peso);
        add_optional_number(j, "target", x->has_target, x->target);
        add_optional_number(j, "valore", x->has_valore, x->valore);
        add_optional_number(j, "percentuale", x->stato != STATO_NON_RILEVATO, cents(x->percentuale));
        cJSON_AddStringToObject(j, "stato", esiti_stato_name(x->stato));
        cJSON_AddBoolToObject(j, "conta", eo->da_indicatori && x->has_target && x->stato != STATO_NON_RILEVATO &&
                                              indicatore_peso(eo->obiettivo, x->indicatore) > 0);
        cJSON_AddStringToObject(j, "dettaglio", x->dettaglio ? x->dettaglio : "");
        if (x->nota)
            cJSON_AddStringToObject(j, "nota", x->nota);
        cJSON_AddItemToArray(arr, j);
    }
    return arr;
}

cJSON *esiti_json_tree(const Esiti *e, const PersoneAnno *persone)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "anno", e->anno);
    cJSON *objs = cJSON_AddArrayToObject(root, "obiettivi");
    for (size_t i = 0; i < e->n; i++) {
        const EsitoObiettivo *eo = &e->obiettivi[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "codice", eo->obiettivo->codice ? eo->obiettivo->codice : "");
        if (eo->has_percentuale)
            cJSON_AddNumberToObject(o, "percentuale", cents(eo->percentuale));
        else
            cJSON_AddNullToObject(o, "percentuale");
        if (eo->da_indicatori)
            cJSON_AddStringToObject(o, "percentuale_da", "indicatori");
        cJSON_AddNumberToObject(o, "azioni_non_rilevate", (double)eo->non_rilevate);
        cJSON *azioni = cJSON_AddArrayToObject(o, "azioni");
        for (size_t k = 0; k < eo->n_azioni; k++) {
            const EsitoAzione *a = &eo->azioni[k];
            cJSON *j = cJSON_CreateObject();
            cJSON_AddNumberToObject(j, "n", a->azione->n);
            if (a->azione->has_peso)
                cJSON_AddNumberToObject(j, "peso", a->azione->peso);
            else
                cJSON_AddNullToObject(j, "peso");
            if (a->stato == STATO_NON_RILEVATO)
                cJSON_AddNullToObject(j, "percentuale");
            else
                cJSON_AddNumberToObject(j, "percentuale", cents(a->percentuale));
            cJSON_AddStringToObject(j, "stato", esiti_stato_name(a->stato));
            char *regola = rule_describe(&a->regola, a->azione);
            cJSON_AddStringToObject(j, "regola", regola);
            free(regola);
            cJSON_AddStringToObject(j, "dettaglio", a->dettaglio ? a->dettaglio : "");
            if (a->raggiunto)
                cJSON_AddStringToObject(j, "raggiunto", a->raggiunto);
            if (a->nota)
                cJSON_AddStringToObject(j, "nota", a->nota);
            cJSON_AddItemToArray(azioni, j);
        }
        if (eo->n_indicatori > 0)
            cJSON_AddItemToObject(o, "indicatori", indicatori_json(eo));
        cJSON_AddItemToArray(objs, o);
    }
    cJSON_AddItemToObject(root, "persone", persone_json(persone));
    return root;
}

char *esiti_json_print(cJSON *root)
{
    char *s = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", s);
    free(s);
    return out;
}

char *esiti_to_json(const Esiti *e, const PersoneAnno *persone)
{
    return esiti_json_print(esiti_json_tree(e, persone));
}

char *esiti_to_csv(const Esiti *e)
{
    StrBuf b = {0};
    /* docs/formato.md §7's indicators are rows of their own, in the columns added at
       the end so that readers of the earlier columns are not disturbed */
    strbuf_puts(&b, "anno;obiettivo;percentuale_obiettivo;azioni_non_rilevate;azione;peso;stato;"
                    "percentuale_azione;regola;raggiunto;dettaglio;nota;"
                    "indicatore;nome_indicatore;target;valore;percentuale_indicatore;percentuale_da\r\n");
    for (size_t i = 0; i < e->n; i++) {
        const EsitoObiettivo *eo = &e->obiettivi[i];
        char anno[16], pobj[32] = "", nr[16];
        snprintf(anno, sizeof anno, "%d", e->anno);
        if (eo->has_percentuale)
            csv_format_decimal(pobj, sizeof pobj, eo->percentuale);
        snprintf(nr, sizeof nr, "%zu", eo->non_rilevate);
        for (size_t k = 0; k < eo->n_azioni; k++) {
            const EsitoAzione *a = &eo->azioni[k];
            char n[16], peso[32] = "", pa[32] = "";
            snprintf(n, sizeof n, "%d", a->azione->n);
            if (a->azione->has_peso)
                text_format_number(peso, sizeof peso, a->azione->peso);
            if (a->stato != STATO_NON_RILEVATO)
                csv_format_decimal(pa, sizeof pa, a->percentuale);
            char *regola = rule_describe(&a->regola, a->azione);
            csv_put_field(&b, anno, false);
            csv_put_field(&b, eo->obiettivo->codice, false);
            csv_put_field(&b, pobj, false);
            csv_put_field(&b, nr, false);
            csv_put_field(&b, n, false);
            csv_put_field(&b, peso, false);
            csv_put_field(&b, esiti_stato_name(a->stato), false);
            csv_put_field(&b, pa, false);
            csv_put_field(&b, regola, false);
            csv_put_field(&b, a->raggiunto, false);
            csv_put_field(&b, a->dettaglio, false);
            csv_put_field(&b, a->nota, false);
            strbuf_puts(&b, ";;;;;azioni\r\n");
            free(regola);
        }
        for (size_t k = 0; k < eo->n_indicatori; k++) {
            const EsitoIndicatore *x = &eo->indicatori[k];
            if (!x->has_target)
                continue; /* no target this year: nothing to report on */
            char n[16], peso[32] = "", target[48], valore[48] = "", px[32] = "";
            snprintf(n, sizeof n, "%d", x->n);
            if (x->indicatore->has_peso)
                text_format_number(peso, sizeof peso, x->indicatore->peso);
            csv_format_value(target, sizeof target, x->target);
            if (x->has_valore)
                csv_format_value(valore, sizeof valore, x->valore);
            if (x->stato != STATO_NON_RILEVATO)
                csv_format_decimal(px, sizeof px, x->percentuale);
            csv_put_field(&b, anno, false);
            csv_put_field(&b, eo->obiettivo->codice, false);
            csv_put_field(&b, pobj, false);
            csv_put_field(&b, nr, false);
            csv_put_field(&b, "", false);
            csv_put_field(&b, peso, false);
            csv_put_field(&b, esiti_stato_name(x->stato), false);
            strbuf_puts(&b, ";;;"); /* percentuale_azione, regola, raggiunto */
            csv_put_field(&b, x->dettaglio, false);
            csv_put_field(&b, x->nota, false);
            csv_put_field(&b, n, false);
            csv_put_field(&b, x->indicatore->nome, false);
            csv_put_field(&b, target, false);
            csv_put_field(&b, valore, false);
            csv_put_field(&b, px, false);
            csv_put_field(&b, eo->da_indicatori ? "indicatori" : "azioni", true);
        }
    }
    return b.data;
}

char *esiti_template_csv(const Plan *plan, int anno)
{
    StrBuf b = {0};
    /* docs/formato.md §7: a row per indicator targeted in the year, numbered in a last column */
    bool indicators = plan_has_indicator_targets(plan, anno);
    strbuf_puts(&b, "obiettivo;azione;testo_azione;scadenza;regola;data;valore;percentuale;raggiunto;nota;"
                    "avanzamento;criticita;proposta");
    strbuf_puts(&b, indicators ? ";indicatore\r\n" : "\r\n");
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        const Annualita *a = obiettivo_annualita(o, anno);
        for (size_t k = 0; a && k < a->n_azioni; k++) {
            const Azione *z = &a->azioni[k];
            char n[16], sc[11] = "";
            snprintf(n, sizeof n, "%d", z->n);
            if (z->has_scadenza)
                date_format_it(z->scadenza, sc);
            OrigineRegola origine;
            Rule r = rule_for_action(z, &origine);
            char *regola = rule_describe(&r, z);
            rule_for_action_free(&r, origine);
            csv_put_field(&b, o->codice, false);
            csv_put_field(&b, n, false);
            csv_put_field(&b, z->azione, false);
            csv_put_field(&b, sc, false);
            csv_put_field(&b, regola, false);
            strbuf_puts(&b, indicators ? ";;;;;;;;\r\n" : ";;;;;;;\r\n");
            free(regola);
        }
        for (size_t k = 0; k < o->n_indicatori; k++) {
            const Indicatore *ind = &o->indicatori[k];
            double target;
            if (!indicatore_target(ind, anno, &target))
                continue;
            char n[24];
            snprintf(n, sizeof n, "%zu", k + 1);
            char *what = indicatore_row_text(ind, target, anno), *how = indicatore_describe(ind);
            csv_put_field(&b, o->codice, false);
            csv_put_field(&b, "", false);
            csv_put_field(&b, what, false);
            csv_put_field(&b, "", false);
            csv_put_field(&b, how, false);
            strbuf_puts(&b, ";;;;;;;;");
            csv_put_field(&b, n, true);
            free(what);
            free(how);
        }
    }
    return b.data ? b.data : xstrdup("");
}
