/* cmd_verifica.c — `schede verifica PIANO.json`: every error and warning of
 * the plan, one per line, sorted by objective, then a one-line summary. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio_input.h"
#include "commands.h"
#include "diag.h"
#include "valutazione_input.h"
#include "model.h"
#include "plan_check.h"
#include "plan_load.h"
#include "wb_convert.h"
#include "plan_stats.h"
#include "inputs.h"
#include "rules.h"
#include "text.h"

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* --dettagli: the rule of every action, in words, and where it comes from. */
static void print_rules(const Plan *plan)
{
    static const char *const ORIGINE[] = {"dal piano", "letta dalla graduazione", "manuale: graduazione non leggibile"};
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        for (size_t a = 0; a < o->n_annualita; a++)
            for (size_t k = 0; k < o->annualita[a].n_azioni; k++) {
                const Azione *z = &o->annualita[a].azioni[k];
                OrigineRegola origine;
                Rule r = rule_for_action(z, &origine);
                char *words = rule_describe(&r, z);
                printf("regola: %s %d azione %d (%s): %s\n", o->codice ? o->codice : "?", o->annualita[a].anno, z->n,
                       ORIGINE[origine], words);
                free(words);
                rule_for_action_free(&r, origine);
            }
    }
}

/* The closing lines of the report: the plan's counts, errors and warnings. */
static void print_plan_summary(const char *file, const Plan *plan, const DiagList *diags)
{
    PlanStats s = plan_stats(plan);
    printf("%s: %zu %s, %zu %s, %zu %s (%zu nel registro, %zu %s); %zu %s, %zu %s\n",
           file, s.obiettivi, plural(s.obiettivi, "obiettivo", "obiettivi"),
           s.azioni, plural(s.azioni, "azione", "azioni"),
           s.persone, plural(s.persone, "persona", "persone"), s.persone_registro,
           s.nomi_fuori_registro, plural(s.nomi_fuori_registro, "nome fuori registro", "nomi fuori registro"),
           diags->errors, plural(diags->errors, "errore", "errori"),
           diags->warnings, plural(diags->warnings, "avviso", "avvisi"));
}

/* How much of the year the rilevazioni cover. */
static void print_results_summary(const char *raggiunto, const Esiti *esiti)
{
    size_t reported = 0, total = 0, scored = 0;
    for (size_t i = 0; i < esiti->n; i++) {
        scored += esiti->obiettivi[i].has_percentuale;
        for (size_t k = 0; k < esiti->obiettivi[i].n_azioni; k++, total++)
            reported += esiti->obiettivi[i].azioni[k].stato != STATO_NON_RILEVATO;
    }
    printf("%s: anno %d, %zu azioni rilevate su %zu, %zu obiettivi con una percentuale\n", raggiunto, esiti->anno,
           reported, total, scored);
}

/* The valutazioni (who is scored, who is incomplete, the fund) or the sistema alone. */
static void print_evaluation_summary(const InputOptions *opt, const ValutazioneInput *ev)
{
    if (ev->has_valutazioni) {
        size_t incomplete = 0, scored = 0;
        for (size_t i = 0; i < ev->anno.n; i++) {
            incomplete += !ev->anno.persone[i].completa;
            scored += ev->anno.persone[i].has_punteggio;
        }
        printf("%s: %zu %s, %zu con punteggio finale, %zu %s%s\n", opt->valutazioni, ev->anno.n,
               plural(ev->anno.n, "persona valutata", "persone valutate"), scored, incomplete,
               plural(incomplete, "incompleta", "incomplete"),
               opt->raggiunto ? "" : " (senza --raggiunto le componenti dagli obiettivi non hanno valore)");
        if (ev->anno.premi.present) {
            char fondo[64], dist[64];
            text_format_amount(fondo, sizeof fondo, (double)ev->anno.premi.fondo_centesimi / 100);
            text_format_amount(dist, sizeof dist, (double)ev->anno.premi.distribuito_centesimi / 100);
            printf("%s: premi: fondo %s, %zu aventi diritto, distribuiti %s\n", opt->sistema, fondo,
                   ev->anno.premi.aventi_diritto, dist);
        }
    } else if (ev->has_sistema) {
        printf("%s: %zu %s di personale, %zu fasce di merito%s\n", opt->sistema, ev->sistema.n_categorie,
               plural(ev->sistema.n_categorie, "categoria", "categorie"), ev->sistema.n_fasce,
               ev->sistema.premi.present ? ", premi" : "");
    }
}

/* The command, once its inputs are known (files or --archivio). */
static int cmd_verifica_with(const Command *cmd, Parsed p, InputOptions opt, const char *file)
{
    if (!valutazione_options_ok(&opt, cmd, false))
        return EXIT_USAGE;

    Plan plan;
    DiagList diags;
    diag_list_init(&diags);
    LoadStatus st = archivio_input_plan(&opt, file, &plan, &diags, &file);
    if (st == LOAD_IO_ERROR) {
        cli_print_diags(&diags, stderr, false);
        diag_list_free(&diags);
        plan_free(&plan);
        return EXIT_USAGE;
    }
    if (st == LOAD_OK)
        cli_check_plan(&plan, file, opt.has_anno ? opt.anno : plan.triennio[0], &diags);
    else
        plan_check(&plan, file, &diags);
    Rilevazioni ril = {0};
    Esiti esiti = {0};
    int results_rc = 0;
    if (opt.raggiunto && st == LOAD_OK)
        results_rc = load_esiti(&plan, &opt, &ril, &esiti, &diags);
    ValutazioneInput ev = {0};
    int eval_rc = 0;
    if ((opt.sistema || opt.valutazioni) && st == LOAD_OK && results_rc != EXIT_USAGE) {
        int anno = opt.raggiunto ? esiti.anno : opt.has_anno ? opt.anno : plan.triennio[0];
        eval_rc = load_valutazione(&plan, &opt, opt.raggiunto ? &esiti : NULL, anno, &ev, &diags);
    }
    cli_print_diags(&diags, stdout, false);
    if (p.set[OPT_DETTAGLI] && st == LOAD_OK)
        print_rules(&plan);

    print_plan_summary(file, &plan, &diags);
    if (opt.raggiunto && st == LOAD_OK && results_rc != EXIT_USAGE)
        print_results_summary(opt.raggiunto, &esiti);
    print_evaluation_summary(&opt, &ev);
    int rc = diag_exit_code(&diags);
    if (results_rc == EXIT_USAGE || eval_rc == EXIT_USAGE)
        rc = EXIT_USAGE;
    valutazione_input_free(&ev);
    esiti_free(&esiti);
    raggiunto_free(&ril);
    diag_list_free(&diags);
    plan_free(&plan);
    return rc;
}

int cmd_verifica(int argc, char **argv)
{
    return archivio_input_run("verifica", argc, argv, ARCHIVIO_TUTTO, cmd_verifica_with);
}
