/* cmd_stampa.c — `schede stampa PIANO [--out DIR] [--solo DOC] …`: which
 * documents of the catalogue the options ask for, the inputs loaded and
 * checked (motore/ingressi.h), then the documents made by the engine, one
 * job each (stampa_jobs.c). Nothing is written when the plan, the
 * rilevazioni or the valutazioni have errors. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio_input.h"
#include "catalogo.h"
#include "commands.h"
#include "diag.h"
#include "ingressi.h"
#include "inputs.h"
#include "motore.h"
#include "resources.h"
#include "stampa_jobs.h"
#include "text.h"
#include "valutazione_input.h"

/* What the command line asks for, once its combinations are checked. */
typedef struct {
    const char *file, *out_dir;
    const Documento *solo;
    bool one_per_person, open_data;
    int pdfa; /* 1: --pdfa, 0: --senza-pdfa, -1: each document's default */
    InputOptions opt;
    bool want[N_DOCUMENTI];
} Request;

static bool solo_is(const Request *rq, const Documento *d) { return !rq->solo || rq->solo == d; }

/* The options' combinations: each impossible one is a usage error saying
 * why. With --al (a monitoring during the year) the year-end documents are
 * not written; schede.pdf shows what is reported so far. With --archivio
 * the inputs the command line does not name come from the archive.
 * Returns 0 or the exit code. */
static int read_request(const Command *cmd, const Parsed *p, Request *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->file = p->args[0];
    rq->out_dir = p->value[OPT_OUT] ? p->value[OPT_OUT] : "out";
    rq->solo = catalogo_trova(p->value[OPT_SOLO]); /* the option's value is one of the catalogue's (options.c) */
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
    const Documento *solo = rq->solo;
    if (opt->has_al && solo && solo->momento == DOC_FINE_ANNO)
        return usage_error(cmd, "con --al si scrivono le schede e il monitoraggio; «%s» è un documento di fine anno "
                                "(senza --al)", solo->nome);
    if (opt->has_al && opt->valutazioni)
        return usage_error(cmd, "la valutazione individuale è di fine anno: --valutazioni non si usa con --al");
    if (!opt->has_al && solo && solo->momento == DOC_MONITORAGGIO)
        return usage_error(cmd, "il monitoraggio è a una data: indicarla con --al DATA");
    if (!valutazione_options_ok(opt, cmd, true))
        return EXIT_USAGE;
    if (solo && solo->id == DOCUMENTO_PREMI && !opt->valutazioni)
        return usage_error(cmd, "i premi seguono le valutazioni: indicare --sistema FILE e --valutazioni FILE");
    for (size_t k = 0; k < N_DOCUMENTI; k++) {
        const Documento *d = &CATALOGO[k];
        bool when = d->momento == DOC_SEMPRE || (d->momento == DOC_FINE_ANNO) == !opt->has_al;
        /* the premi only with the valutazioni (and only when they load) */
        rq->want[k] = solo_is(rq, d) && when && (d->id != DOCUMENTO_PREMI || opt->valutazioni);
    }
    if (rq->want[DOCUMENTO_RELAZIONE] && !opt->raggiunto && (solo || rq->open_data))
        return usage_error(cmd, "la Relazione sulla Performance riporta i risultati dell'anno: indicare le rilevazioni "
                                "con --raggiunto FILE");
    if (rq->open_data && !rq->want[DOCUMENTO_RELAZIONE] && !rq->want[DOCUMENTO_MONITORAGGIO])
        return usage_error(cmd, "--dati-aperti accompagna la Relazione o il monitoraggio: non si usa con --solo %s",
                           solo ? solo->nome : "");
    return 0;
}

/* The forms: --layout DIR, --profilo NAME, else the archive's profile, else the default. */
static int find_forms(const Command *cmd, const Parsed *p, const InputOptions *opt, Moduli *m)
{
    memset(m, 0, sizeof *m);
    const char *dir = p->value[OPT_LAYOUT], *profile = p->value[OPT_PROFILO];
    if (dir && profile)
        return usage_error(cmd, "--layout e --profilo insieme: indicarne uno solo");
    char *data = resources_dir();
    int rc = 0;
    if (dir) {
        moduli_cartella(data, dir, m);
    } else {
        if (!profile && opt->archivio)
            profile = opt->archivio->profilo;
        char *error = NULL;
        if (!data)
            rc = usage_error(cmd, "cartella dei dati (layouts/, fonts/) non trovata: indicarla con --layout o con la "
                                  "variabile SCHEDE_DATI");
        else if (!moduli_profilo(data, profile, m, &error))
            rc = usage_error(cmd, "%s", error);
        free(error);
    }
    free(data);
    return rc;
}

/* Prints why loading stopped. Returns the exit code. */
static int report_inputs(const Request *rq, DatiEsito e, LoadStatus st, const DatiDocumenti *dati, DiagList *diags)
{
    cli_print_diags(diags, stderr, true);
    const char *piano = dati->nome_piano ? dati->nome_piano : rq->file;
    switch (e) {
    case DATI_PIANO:
        fprintf(stderr, "%s: nessun documento scritto: il piano ha errori (schede verifica %s)\n", piano, piano);
        break;
    case DATI_RILEVAZIONI:
        fprintf(stderr, "%s: nessun documento scritto: le rilevazioni hanno errori\n", rq->opt.raggiunto);
        break;
    case DATI_VALUTAZIONI:
        fprintf(stderr, "nessun documento scritto: il sistema di valutazione o le valutazioni hanno errori\n");
        break;
    case DATI_OK: break;
    }
    return st == LOAD_IO_ERROR ? EXIT_USAGE : EXIT_DATA;
}

/* One job per document asked for, all sharing the run's inputs. */
static int write_documents(const Request *rq, const Moduli *forms, const DatiDocumenti *dati)
{
    Job jobs[N_DOCUMENTI];
    size_t n_jobs = 0;
    OpzioniStampa opzioni = {.pdfa = rq->pdfa, .quando = document_time()};
    for (size_t k = 0; k < N_DOCUMENTI; k++) {
        if (!rq->want[k] || (k == DOCUMENTO_PREMI && !dati->doc.valutazioni))
            continue;
        Job *j = &jobs[n_jobs++];
        memset(j, 0, sizeof *j);
        j->documento = &CATALOGO[k];
        j->in = dati->doc;
        j->in.dati_aperti = rq->open_data;
        j->in.per_persona = rq->one_per_person;
        j->moduli = forms;
        j->opzioni = opzioni;
        j->out_dir = rq->out_dir;
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
    Moduli forms = {0};
    if ((rc = read_request(cmd, &p, &rq)) != 0 || (rc = find_forms(cmd, &p, &rq.opt, &forms)) != 0 ||
        (rc = cli_ensure_folder(rq.out_dir)) != 0) {
        moduli_free(&forms);
        archivio_input_close(&rq.opt);
        return rc;
    }
    DiagList diags;
    diag_list_init(&diags);
    DatiDocumenti dati;
    LoadStatus st;
    DatiEsito e = dati_documenti(&rq.opt, rq.file, true, &dati, &diags, &st);
    if (e != DATI_OK) {
        rc = report_inputs(&rq, e, st, &dati, &diags);
    } else {
        if (diags.warnings > 0)
            fprintf(stderr, "%s: %zu %s (schede verifica %s%s per l'elenco)\n", dati.nome_piano, diags.warnings,
                    diags.warnings == 1 ? "avviso" : "avvisi", dati.nome_piano,
                    rq.opt.raggiunto || rq.opt.valutazioni ? " con le stesse opzioni" : "");
        rc = write_documents(&rq, &forms, &dati);
    }
    dati_documenti_free(&dati);
    diag_list_free(&diags);
    moduli_free(&forms);
    archivio_input_close(&rq.opt);
    return rc;
}
