/* cmd_stampa.c — `schede stampa PIANO [--out DIR] [--solo DOC] …`: which
 * documents the options ask for, the inputs loaded and checked, then the
 * documents written by stampa_jobs.c. Nothing is written when the plan, the
 * rilevazioni or the valutazioni have errors. */
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
#include "resources.h"
#include "inputs.h"
#include "stampa_jobs.h"
#include "text.h"
#include "wb_convert.h"

enum { DOC_SCHEDE, DOC_PERSONE, DOC_RELAZIONE, DOC_PREMI, DOC_MONITORAGGIO, N_DOCS };

/* What the command line asks for, once its combinations are checked. */
typedef struct {
    const char *file, *out_dir, *solo;
    bool one_per_person, open_data;
    int pdfa; /* 1: --pdfa, 0: --senza-pdfa, -1: the default */
    InputOptions opt;
    bool want[N_DOCS];
} Request;

static bool solo_is(const Request *rq, const char *doc) { return !rq->solo || strcmp(rq->solo, doc) == 0; }

/* The options' combinations: each impossible one is a usage error saying
 * why. With --al (a monitoring during the year) the year-end documents
 * (persone, relazione, premi) are not written; schede.pdf shows what is
 * reported so far. With --archivio the inputs the command line does not
 * name come from the archive. Returns 0 or the exit code. */
static int read_request(const Command *cmd, const Parsed *p, Request *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->file = p->args[0];
    rq->out_dir = p->value[OPT_OUT] ? p->value[OPT_OUT] : "out";
    rq->solo = p->value[OPT_SOLO];
    rq->one_per_person = p->set[OPT_UNA_PER_PERSONA];
    rq->open_data = p->set[OPT_DATI_APERTI];
    if (p->set[OPT_PDFA] && p->set[OPT_SENZA_PDFA])
        return usage_error(cmd, "--pdfa e --senza-pdfa insieme: indicarne uno solo");
    rq->pdfa = p->set[OPT_PDFA] ? 1 : p->set[OPT_SENZA_PDFA] ? 0 : -1;
    input_options_from(p, &rq->opt);
    int rc = archivio_input_open(cmd, p, rq->file, ARCHIVIO_TUTTO, &rq->opt);
    if (rc != 0)
        return rc;
    const InputOptions *opt = &rq->opt;
    const char *solo = rq->solo;
    if (opt->has_al && solo && strcmp(solo, "schede") != 0 && strcmp(solo, "monitoraggio") != 0)
        return usage_error(cmd, "con --al si scrivono le schede e il monitoraggio; «%s» è un documento di fine anno "
                                "(senza --al)", solo);
    if (opt->has_al && opt->valutazioni)
        return usage_error(cmd, "la valutazione individuale è di fine anno: --valutazioni non si usa con --al");
    if (!opt->has_al && solo && strcmp(solo, "monitoraggio") == 0)
        return usage_error(cmd, "il monitoraggio è a una data: indicarla con --al DATA");
    if (!valutazione_options_ok(opt, cmd, true))
        return EXIT_USAGE;
    if (solo && strcmp(solo, "premi") == 0 && !opt->valutazioni)
        return usage_error(cmd, "i premi seguono le valutazioni: indicare --sistema FILE e --valutazioni FILE");
    rq->want[DOC_SCHEDE] = solo_is(rq, "schede");
    rq->want[DOC_PERSONE] = !opt->has_al && solo_is(rq, "persone");
    rq->want[DOC_RELAZIONE] = !opt->has_al && solo_is(rq, "relazione");
    rq->want[DOC_PREMI] = solo_is(rq, "premi") && opt->valutazioni; /* and only when they load */
    rq->want[DOC_MONITORAGGIO] = opt->has_al && solo_is(rq, "monitoraggio");
    if (rq->want[DOC_RELAZIONE] && !opt->raggiunto && (solo || rq->open_data))
        return usage_error(cmd, "la Relazione sulla Performance riporta i risultati dell'anno: indicare le rilevazioni "
                                "con --raggiunto FILE");
    if (rq->open_data && !rq->want[DOC_RELAZIONE] && !rq->want[DOC_MONITORAGGIO])
        return usage_error(cmd, "--dati-aperti accompagna la Relazione o il monitoraggio: non si usa con --solo %s",
                           solo);
    return 0;
}

/* Where the layouts, fonts and colour profile are (--layout, --profilo or
 * the installed data). */
typedef struct {
    char *layouts, *layouts_fallback, *fonts_dir, *icc_profile;
} DataDirs;

static void data_dirs_free(DataDirs *d)
{
    free(d->layouts);
    free(d->layouts_fallback);
    free(d->fonts_dir);
    free(d->icc_profile);
}

static int find_data_dirs(const Command *cmd, const Parsed *p, DataDirs *d)
{
    memset(d, 0, sizeof *d);
    if (cli_layout_dirs(cmd, p->value[OPT_LAYOUT], p->value[OPT_PROFILO], &d->layouts, &d->layouts_fallback) != 0)
        return EXIT_USAGE;
    const char *data = resources_dir();
    d->fonts_dir = data ? xasprintf("%s/fonts", data) : NULL;
    d->icc_profile = data ? xasprintf("%s/layouts/icc/sRGB.icc", data) : NULL;
    return 0;
}

/* The inputs of a run: the results (with --raggiunto) and the valutazioni
 * (with --sistema and --valutazioni), loaded after the plan. */
typedef struct {
    Rilevazioni ril;
    Esiti esiti;
    ValutazioneInput ev;
} Inputs;

/* Loads the rilevazioni and the valutazioni, prints the errors and the count
 * of warnings. Returns 0 or the exit code. */
static int load_inputs(const Request *rq, const Plan *plan, Inputs *in, DiagList *diags)
{
    const InputOptions *opt = &rq->opt;
    memset(in, 0, sizeof *in);
    cli_check_plan(plan, rq->file, opt->has_anno ? opt->anno : plan->triennio[0], diags);
    int rc = opt->raggiunto ? load_esiti(plan, opt, &in->ril, &in->esiti, diags) : 0;
    if (rc) {
        cli_print_diags(diags, stderr, true);
        fprintf(stderr, "%s: nessun documento scritto: le rilevazioni hanno errori\n", opt->raggiunto);
        return rc;
    }
    if (opt->valutazioni && (rc = load_valutazione(plan, opt, &in->esiti, in->esiti.anno, &in->ev, diags)) != 0) {
        cli_print_diags(diags, stderr, true);
        fprintf(stderr, "nessun documento scritto: il sistema di valutazione o le valutazioni hanno errori\n");
        return rc;
    }
    if (diags->warnings > 0)
        fprintf(stderr, "%s: %zu %s (schede verifica %s%s per l'elenco)\n", rq->file, diags->warnings,
                diags->warnings == 1 ? "avviso" : "avvisi", rq->file,
                opt->raggiunto || opt->valutazioni ? " con le stesse opzioni" : "");
    return 0;
}

static void inputs_free(Inputs *in)
{
    valutazione_input_free(&in->ev);
    esiti_free(&in->esiti);
    raggiunto_free(&in->ril);
}

/* One job per document asked for, all sharing the run's inputs. */
static int write_documents(const Request *rq, const DataDirs *dirs, const Plan *plan, const Inputs *in)
{
    const InputOptions *opt = &rq->opt;
    const Esiti *results = opt->raggiunto ? &in->esiti : NULL;
    Job base = {0};
    base.plan = plan;
    base.esiti = results;
    base.valutazioni = in->ev.has_valutazioni ? &in->ev.anno : NULL;
    base.rilevazioni = opt->raggiunto ? &in->ril : NULL;
    base.anno = results ? in->esiti.anno : opt->has_anno ? opt->anno : opt->has_al ? opt->al.year : plan->triennio[0];
    base.has_al = opt->has_al;
    base.al = opt->al;
    base.one_per_person = rq->one_per_person;
    base.open_data = rq->open_data;
    base.pdfa = rq->pdfa;
    base.layout_dir = dirs->layouts;
    base.layout_fallback = dirs->layouts_fallback;
    base.fonts_dir = dirs->fonts_dir;
    base.icc_profile = dirs->icc_profile;
    base.out_dir = rq->out_dir;
    static int (*const render[N_DOCS])(Job *) = {stampa_schede, stampa_persone, stampa_relazione, stampa_premi,
                                                 stampa_monitoraggio};
    Job jobs[N_DOCS];
    size_t n_jobs = 0;
    for (size_t k = 0; k < N_DOCS; k++)
        if (rq->want[k] && (k != DOC_PREMI || base.valutazioni)) {
            jobs[n_jobs] = base;
            jobs[n_jobs++].render = render[k];
        }
    return run_jobs(jobs, n_jobs);
}

int cmd_stampa(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("stampa", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    Request rq;
    DataDirs dirs = {0};
    if ((rc = read_request(cmd, &p, &rq)) != 0) {
        archivio_input_close(&rq.opt);
        return rc;
    }
    if (find_data_dirs(cmd, &p, &dirs) != 0 || cli_ensure_folder(rq.out_dir) != 0) {
        data_dirs_free(&dirs);
        archivio_input_close(&rq.opt);
        return EXIT_USAGE;
    }
    Plan plan;
    DiagList diags;
    diag_list_init(&diags);
    LoadStatus ls = archivio_input_plan(&rq.opt, rq.file, &plan, &diags, &rq.file);
    if (ls != LOAD_OK) {
        cli_print_diags(&diags, stderr, true);
        fprintf(stderr, "%s: nessun documento scritto: il piano ha errori (schede verifica %s)\n", rq.file, rq.file);
        rc = ls == LOAD_IO_ERROR ? EXIT_USAGE : EXIT_DATA;
    } else {
        Inputs in;
        rc = load_inputs(&rq, &plan, &in, &diags);
        if (rc == 0)
            rc = write_documents(&rq, &dirs, &plan, &in);
        inputs_free(&in);
    }
    diag_list_free(&diags);
    plan_free(&plan);
    data_dirs_free(&dirs);
    archivio_input_close(&rq.opt);
    return rc;
}
