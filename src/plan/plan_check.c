#include "plan_check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graduazione.h"
#include "json_reader.h"
#include "text.h"

/* Sums compared with 100 tolerate floating-point noise, not real gaps. */
#define SUM_TOLERANCE 0.005

static bool is_hundred(double sum) { return fabs(sum - 100.0) < SUM_TOLERANCE; }

static void check_weights(JsonCtx *ctx, const Annualita *a, const char *path)
{
    if (a->n_azioni == 0)
        return;
    double sum = 0;
    bool all_weighted = true;
    for (size_t k = 0; k < a->n_azioni; k++) {
        const Azione *z = &a->azioni[k];
        /* An action without a weight was reported by the loader. */
        if (z->has_peso)
            sum += z->peso;
        else
            all_weighted = false;
    }
    if (all_weighted && !is_hundred(sum)) {
        char num[64];
        text_format_number(num, sizeof num, sum);
        char *p = xasprintf("%s", path);
        json_warning(ctx, p, "i pesi delle azioni del %d sommano a %s, non a 100", a->anno, num);
        free(p);
    }
}

static void check_deadlines(JsonCtx *ctx, const Annualita *a, const char *path)
{
    for (size_t k = 0; k < a->n_azioni; k++) {
        const Azione *z = &a->azioni[k];
        char *p = json_path_index(path, k);
        if (z->has_peso && !z->azione)
            json_warning(ctx, p, "l'azione n. %d del %d ha un peso ma nessuna descrizione", z->n, a->anno);
        if (z->has_scadenza && z->scadenza.year < a->anno) {
            char sc[11];
            date_format_it(z->scadenza, sc);
            char *sp = json_path_key(p, "scadenza");
            json_warning(ctx, sp, "la scadenza %s dell'azione n. %d cade prima dell'annualità %d",
                         sc, z->n, a->anno);
            free(sp);
        }
        OrigineRegola origine;
        Rule rule = rule_for_action(z, &origine);
        if (rule.tipo == RULE_RITARDO && !z->has_scadenza)
            json_warning(ctx, p, "l'azione n. %d ha una regola «ritardo»%s ma nessuna «scadenza»: "
                                 "il ritardo non si potrà calcolare", z->n,
                         origine == ORIGINE_GRADUAZIONE ? " (letta dalla graduazione)" : "");
        if (origine == ORIGINE_MANUALE && z->azione)
            json_warning(ctx, p, "l'azione n. %d del %d non ha una «regola» e la graduazione %s: "
                                 "la percentuale dovrà indicarla l'ufficio", z->n, a->anno,
                         z->graduazione ? "non indica fasce leggibili" : "manca");
        rule_for_action_free(&rule, origine);
        if (z->has_scadenza && z->tempi) {
            Date found[8];
            size_t n = date_find_in_text(z->tempi, found, 8);
            bool matches = n == 0;
            for (size_t i = 0; i < n && !matches; i++)
                matches = date_compare(found[i], z->scadenza) == 0;
            if (!matches) {
                char sc[11], tx[11];
                date_format_it(z->scadenza, sc);
                date_format_it(found[0], tx);
                char *sp = json_path_key(p, "scadenza");
                json_warning(ctx, sp, "la scadenza %s dell'azione n. %d non corrisponde alla data "
                                      "scritta nei tempi (%s): «%s»", sc, z->n, tx, z->tempi);
                free(sp);
            }
        }
        free(p);
    }
}

static void check_risorse(JsonCtx *ctx, const Obiettivo *o, const char *opath)
{
    for (size_t i = 0; i < o->n_risorse_umane; i++) {
        const Risorsa *r = &o->risorse_umane[i];
        char *p = xasprintf("%s.risorse_umane[%zu]", opath, i);
        const Annualita *a = obiettivo_annualita(o, r->anno);
        bool by_indicators = obiettivo_da_indicatori(o, r->anno);
        if (by_indicators && r->azione > 0)
            json_warning(ctx, p, "la riga delle risorse umane si riferisce all'azione n. %d, ma nel %d l'obiettivo non "
                                 "ha azioni ed è misurato dagli indicatori: per l'intero obiettivo si omette «azione»",
                         r->azione, r->anno);
        else if (by_indicators)
            ; /* the whole objective, scored on its indicators */
        else if (!a)
            json_warning(ctx, p, "la riga delle risorse umane si riferisce al %d, che non è tra le "
                                 "annualità dell'obiettivo", r->anno);
        else if (r->azione == 0)
            json_warning(ctx, p, "la riga delle risorse umane non indica l'«azione»: senza azione vale solo per un "
                                 "obiettivo misurato dagli indicatori, e il %d l'obiettivo ha azioni", r->anno);
        else if (!annualita_azione(a, r->azione))
            json_warning(ctx, p, "la riga delle risorse umane si riferisce all'azione n. %d del %d, "
                                 "che non esiste", r->azione, r->anno);
        for (size_t j = 0; j < i; j++)
            if (o->risorse_umane[j].azione == r->azione && o->risorse_umane[j].anno == r->anno) {
                json_warning(ctx, p, "l'azione n. %d del %d ha già una riga delle risorse umane "
                                     "(risorse_umane[%zu])", r->azione, r->anno, j);
                break;
            }
        double sum = 0;
        size_t with_pct = 0;
        for (size_t j = 0; j < r->n_personale; j++) {
            const Partecipante *x = &r->personale[j];
            if (x->has_percentuale) {
                sum += x->percentuale;
                with_pct++;
            } else if (!x->gruppo && x->nome) {
                char *pp = xasprintf("%s.personale[%zu]", p, j);
                json_warning(ctx, pp, "«%s» non ha una percentuale di partecipazione: non avrà "
                                      "un risultato personale per questa azione", x->nome);
                free(pp);
            }
        }
        if (with_pct > 0 && !is_hundred(sum)) {
            char num[64];
            text_format_number(num, sizeof num, sum);
            char *what = r->azione > 0 ? xasprintf("dell'azione n. %d", r->azione) : xstrdup("dell'intero obiettivo");
            json_warning(ctx, p, "le percentuali di partecipazione %s del %d sommano a %s%%, non a 100%%", what,
                         r->anno, num);
            free(what);
        }
        free(p);
    }
}

/* The fields of the form a Giunta expects filled in, though the plan can be
 * printed without them. */
static void check_form_fields(JsonCtx *ctx, const Obiettivo *o, const char *opath)
{
    if (o->n_bilancio == 0)
        json_warning(ctx, opath, "manca il collegamento al bilancio (missione e programma)");
    const struct {
        const char *value, *key, *label;
    } fields[] = {
        {o->dirigente, "dirigente", "il dirigente responsabile"},
        {o->target, "target", "il traguardo atteso (target)"},
        {o->accessibilita, "accessibilita", "il rispetto del D. lgs. 222/2023 (accessibilità)"},
        {o->unita_responsabile, "unita_responsabile", "l'unità organizzativa responsabile"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!fields[i].value || !*fields[i].value) {
            char *p = json_path_key(opath, fields[i].key);
            json_warning(ctx, p, "manca %s", fields[i].label);
            free(p);
        }
}

static void check_obiettivo(JsonCtx *ctx, const Obiettivo *o, size_t index)
{
    char *opath = json_path_index("$.obiettivi", index);
    check_form_fields(ctx, o, opath);
    for (size_t j = 0; j < o->n_annualita; j++) {
        const Annualita *a = &o->annualita[j];
        char *apath = xasprintf("%s.annualita[%zu]", opath, j);
        char *zpath = xasprintf("%s.azioni", apath);
        if (a->anno < o->triennio[0] || a->anno > o->triennio[1])
            json_warning(ctx, apath, "l'annualità %d è fuori dal triennio %d–%d dell'obiettivo",
                         a->anno, o->triennio[0], o->triennio[1]);
        check_weights(ctx, a, zpath);
        check_deadlines(ctx, a, zpath);
        free(zpath);
        free(apath);
    }
    check_risorse(ctx, o, opath);
    if (o->pesatura.present && !is_hundred(pesatura_totale(&o->pesatura))) {
        char num[64];
        text_format_number(num, sizeof num, pesatura_totale(&o->pesatura));
        char *p = xasprintf("%s.pesatura", opath);
        json_warning(ctx, p, "la pesatura dell'obiettivo somma a %s, non a 100", num);
        free(p);
    }
    free(opath);
}

static void check_registry(JsonCtx *ctx, const Plan *plan)
{
    size_t n = plan->n_persone;
    char **keys = xcalloc(n, sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = plan->persone[i].nome ? text_name_key(plan->persone[i].nome) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (!keys[i])
            continue;
        for (size_t j = 0; j < i; j++)
            if (keys[j] && strcmp(keys[i], keys[j]) == 0) {
                char *p = json_path_index("$.persone", i);
                json_warning(ctx, p, "«%s» è già nel registro come $.persone[%zu]: due persone con "
                                     "lo stesso nome non si possono distinguere", plan->persone[i].nome, j);
                free(p);
                break;
            }
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

/* docs/formato.md §7: an objective's peso counts in a mean only when every
 * objective of the group has one; a dirigente whose objectives are weighted
 * in part is most likely a slip. */
static void check_objective_weights(JsonCtx *ctx, const Plan *plan)
{
    size_t n = plan->n_obiettivi;
    bool *done = xcalloc(n ? n : 1, sizeof *done);
    for (size_t i = 0; i < n; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        if (done[i] || !o->dirigente)
            continue;
        size_t with = 0, total = 0;
        for (size_t j = i; j < n; j++) {
            const Obiettivo *q = &plan->obiettivi[j];
            if (q->dirigente && strcmp(q->dirigente, o->dirigente) == 0) {
                done[j] = true;
                total++;
                with += q->has_peso;
            }
        }
        if (with == 0 || with == total)
            continue;
        for (size_t j = i; j < n; j++) {
            const Obiettivo *q = &plan->obiettivi[j];
            if (q->has_peso || !q->dirigente || strcmp(q->dirigente, o->dirigente) != 0)
                continue;
            ctx->codice = q->codice;
            ctx->objective = (int)j;
            char *p = json_path_index("$.obiettivi", j);
            json_warning(ctx, p, "%zu dei %zu obiettivi di «%s» hanno un «peso», questo no: le medie su questi "
                                 "obiettivi non useranno i pesi", with, total, o->dirigente);
            free(p);
        }
    }
    ctx->codice = NULL;
    ctx->objective = -1;
    free(done);
}

void plan_check(const Plan *plan, const char *file, DiagList *diags)
{
    JsonCtx ctx = {diags, file, NULL, -1};
    check_registry(&ctx, plan);
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        ctx.codice = o->codice;
        ctx.objective = (int)i;
        check_obiettivo(&ctx, o, i);
    }
    check_objective_weights(&ctx, plan);
}
