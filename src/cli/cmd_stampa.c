/* cmd_stampa.c — `schede stampa PIANO.json [--out DIR] [--layout DIR] [--solo schede]`:
 * renders the documents as PDF. Nothing is written when the plan has errors;
 * each PDF is written to a temporary file and renamed only when complete. */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "esiti_output.h"
#include "evaluation.h"
#include "fileio.h"
#include "fontset.h"
#include "layout_file.h"
#include "model.h"
#include "monitoraggio.h"
#include "monitoraggio_doc.h"
#include "pdf_render.h"
#include "persona.h"
#include "persone.h"
#include "plan_check.h"
#include "plan_load.h"
#include "wb_convert.h"
#include "premi_doc.h"
#include "resources.h"
#include "relazione.h"
#include "results.h"
#include "scheda.h"
#include "text.h"
#include "valutazione_output.h"

static void print_diags(DiagList *diags, FILE *err)
{
    workbook_relocate(diags);
    diag_list_sort(diags);
    for (size_t i = 0; i < diags->count; i++)
        if (diags->items[i].severity == DIAG_ERROR)
            diag_print(err, &diags->items[i]);
}

/* One document to write. Documents are written in parallel, each with its
 * own layout, fonts and PDF; what each says goes to its own buffers, printed
 * in document order once all are done. Each file is first written under a
 * temporary name next to its own ("staged"); only when every document of
 * the run is complete do they all take their names, so that a failure in
 * one never leaves new and old documents of different runs side by side. */
typedef struct Job {
    int (*render)(struct Job *j);
    const Plan *plan;
    const Esiti *esiti;  /* NULL: no results */
    const ValutazioniAnno *valutazioni; /* NULL: no --valutazioni */
    const Rilevazioni *rilevazioni;     /* NULL: no --raggiunto */
    bool has_al;                        /* --al: the monitoring date */
    Date al;
    int anno;
    bool one_per_person, open_data;
    int pdfa;            /* 1: every document PDF/A-1b; 0: none; -1: the Relazione only */
    const char *layout_dir, *layout_fallback, *fonts_dir, *out_dir, *icc_profile;
    FILE *out, *err;     /* memory streams */
    char *out_text, *err_text;
    size_t out_len, err_len;
    char **staged, **finals; /* temporary names and the names they take */
    size_t n_staged;
    int rc;
} Job;

/* The temporary name of path, recorded for the commit. */
static char *stage(Job *j, const char *path)
{
    char *part = xasprintf("%s.%ld.part", path, (long)getpid());
    j->staged = xrealloc(j->staged, (j->n_staged + 1) * sizeof *j->staged);
    j->finals = xrealloc(j->finals, (j->n_staged + 1) * sizeof *j->finals);
    j->staged[j->n_staged] = part;
    j->finals[j->n_staged++] = xstrdup(path);
    return part;
}

/* Loads a layout file and its fonts; prints the problems. */
static int load_layout(const Job *j, const char *name, const LayoutNeeds *needs, LayoutSpec *spec, FontSet *fonts)
{
    const char *layout_dir = resources_layout_dir(j->layout_dir, j->layout_fallback, name), *fonts_dir = j->fonts_dir;
    DiagList diags;
    diag_list_init(&diags);
    memset(fonts, 0, sizeof *fonts);
    if (!layout_spec_load(layout_dir, name, fonts_dir, needs, spec, &diags)) {
        print_diags(&diags, j->err);
        diag_list_free(&diags);
        return EXIT_DATA;
    }
    diag_list_free(&diags);
    const char *bad_path = NULL, *reason = NULL;
    if (!fontset_load(fonts, (const char *const *)spec->font_paths, &bad_path, &reason)) {
        fprintf(j->err, "errore: %s: carattere non utilizzabile: %s\n", bad_path, reason);
        return EXIT_DATA;
    }
    return 0;
}

/* Writes the pages, staged under a temporary name (see Job). PDF/A-1b when
 * asked for, or by default for a document to publish (pdfa_default). */
static int write_pdf(Job *j, const FontSet *fonts, DisplayDoc *doc, const PdfInfo *info, const char *path,
                     bool pdfa_default)
{
    char *error = NULL;
    size_t pages = doc->n_pages;
    int rc = 0;
    PdfInfo with = *info;
    with.pdfa = j->pdfa < 0 ? pdfa_default : j->pdfa > 0;
    with.icc_profile = j->icc_profile;
    if (pdf_render(doc, fonts, &with, stage(j, path), &error) != 0) {
        fprintf(j->err, "errore: %s: %s\n", path, error);
        rc = EXIT_DATA;
    } else {
        fprintf(j->out, "scritto %s (%zu %s)\n", path, pages, pages == 1 ? "pagina" : "pagine");
    }
    free(error);
    return rc;
}

/* A CSV beside the PDF, staged like it; takes csv. what follows "scritto FILE". */
static int write_csv(Job *j, const char *name, char *csv, const char *what)
{
    char *path = xasprintf("%s/%s", j->out_dir, name);
    const char *reason;
    int rc = 0;
    if (file_write_atomic(stage(j, path), csv, strlen(csv), &reason) != 0) {
        fprintf(j->err, "errore: %s: impossibile scrivere il file: %s\n", path, reason);
        rc = EXIT_DATA;
    } else {
        fprintf(j->out, "scritto %s%s\n", path, what);
    }
    free(path);
    free(csv);
    return rc;
}

static int render_schede(Job *j)
{
    const Plan *plan = j->plan;
    const Esiti *esiti = j->esiti;
    LayoutSpec spec;
    FontSet fonts;
    int rc = load_layout(j, "scheda", &SCHEDA_NEEDS, &spec, &fonts);
    if (rc == 0) {
        time_t when = document_time();
        DisplayDoc doc = scheda_build(plan, esiti, &spec, &fonts, when);
        char *title = scheda_title(plan, &spec);
        PdfInfo info = {.title = title, .author = plan->ente, .subject = "Schede degli obiettivi gestionali", .creator = "schede " SCHEDE_VERSION, .created = when};
        char *path = xasprintf("%s/schede.pdf", j->out_dir);
        rc = write_pdf(j, &fonts, &doc, &info, path, false);
        free(path);
        free(title);
        display_free(&doc);
    }
    fontset_free(&fonts);
    layout_spec_free(&spec);
    return rc;
}

/* "0417-dagostino-maria-grazia", unique among the names already used. */
static char *person_file_name(const FoglioPersona *p, char ***used, size_t *n_used)
{
    char *slug = persone_slug(p->nome);
    const char *matricola = p->registro ? p->registro->matricola : NULL;
    char *base = matricola && *matricola ? xasprintf("%s-%s", matricola, slug) : xstrdup(slug);
    free(slug);
    char *name = xstrdup(base);
    for (int k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i < *n_used && !taken; i++)
            taken = strcmp((*used)[i], name) == 0;
        if (!taken)
            break;
        free(name);
        name = xasprintf("%s-%d", base, k);
    }
    free(base);
    *used = xrealloc(*used, (*n_used + 1) * sizeof **used);
    (*used)[(*n_used)++] = xstrdup(name);
    return name;
}

static int render_persone(Job *j)
{
    const Plan *plan = j->plan;
    const Esiti *esiti = j->esiti;
    int anno = j->anno;
    LayoutSpec spec;
    FontSet fonts;
    int rc = load_layout(j, "persona", &PERSONA_NEEDS, &spec, &fonts);
    if (rc == 0) {
        time_t when = document_time();
        PersoneAnno persone;
        persone_compute(plan, esiti, anno, &persone);
        size_t n_fogli;
        FoglioPersona *fogli = persona_fogli(&persone, j->valutazioni, &n_fogli);
        char *title = persona_title(plan, anno, &spec);
        PdfInfo info = {.title = title, .author = plan->ente, .subject = "Partecipazione del personale agli obiettivi", .creator = "schede " SCHEDE_VERSION, .created = when};
        DisplayDoc doc = persona_build(plan, esiti, &persone, fogli, n_fogli, NULL, &spec, &fonts, when);
        char *path = xasprintf("%s/persone.pdf", j->out_dir);
        rc = write_pdf(j, &fonts, &doc, &info, path, false);
        free(path);
        display_free(&doc);
        if (rc == 0 && j->one_per_person) {
            char *dir = xasprintf("%s/persone", j->out_dir);
            if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                fprintf(j->err, "errore: %s: impossibile creare la cartella: %s\n", dir, file_write_reason(errno));
                rc = EXIT_DATA;
            }
            char **used = NULL;
            size_t n_used = 0;
            for (size_t i = 0; i < n_fogli && rc == 0; i++) {
                char *name = person_file_name(&fogli[i], &used, &n_used);
                char *file = xasprintf("%s/%s.pdf", dir, name);
                PdfInfo one = {.title = fogli[i].nome, .author = plan->ente, .subject = title, .creator = "schede " SCHEDE_VERSION, .created = when};
                DisplayDoc d = persona_build(plan, esiti, &persone, fogli, n_fogli, &fogli[i], &spec, &fonts, when);
                rc = write_pdf(j, &fonts, &d, &one, file, false);
                display_free(&d);
                free(file);
                free(name);
            }
            for (size_t i = 0; i < n_used; i++)
                free(used[i]);
            free(used);
            free(dir);
        }
        free(title);
        free(fogli);
        persone_free(&persone);
    }
    fontset_free(&fonts);
    layout_spec_free(&spec);
    return rc;
}

static int render_relazione(Job *j)
{
    const Plan *plan = j->plan;
    const Esiti *esiti = j->esiti;
    if (!esiti) {
        fprintf(j->out, "relazione.pdf non scritta: servono le rilevazioni dell'anno (--raggiunto FILE)\n");
        return 0;
    }
    LayoutSpec spec;
    FontSet fonts;
    int rc = load_layout(j, "relazione", &RELAZIONE_NEEDS, &spec, &fonts);
    if (rc == 0) {
        time_t when = document_time();
        PersoneAnno persone;
        persone_compute(plan, esiti, esiti->anno, &persone);
        Sintesi sintesi;
        relazione_sintesi(plan, esiti, &persone, &spec, &sintesi);
        char *title = relazione_title(plan, esiti->anno, &spec);
        PdfInfo info = {.title = title, .author = plan->ente, .subject = "Relazione sulla Performance", .creator = "schede " SCHEDE_VERSION, .created = when};
        DisplayDoc doc = relazione_build(plan, esiti, &sintesi, j->valutazioni, &spec, &fonts, when);
        char *path = xasprintf("%s/relazione.pdf", j->out_dir);
        rc = write_pdf(j, &fonts, &doc, &info, path, true);
        free(path);
        display_free(&doc);
        if (rc == 0 && j->open_data) {
            rc = write_csv(j, "relazione.csv", esiti_to_csv(esiti), " (dati aperti)");
        }
        free(title);
        sintesi_free(&sintesi);
        persone_free(&persone);
    }
    fontset_free(&fonts);
    layout_spec_free(&spec);
    return rc;
}

static int render_premi(Job *j)
{
    const Plan *plan = j->plan;
    if (!j->valutazioni->premi.present) {
        fprintf(j->out, "premi.pdf non scritto: il sistema di valutazione non ripartisce un fondo (manca «premi»)\n");
        return 0;
    }
    LayoutSpec spec;
    FontSet fonts;
    int rc = load_layout(j, "premi", &PREMI_NEEDS, &spec, &fonts);
    if (rc == 0) {
        time_t when = document_time();
        char *title = premi_title(plan, j->valutazioni->anno, &spec);
        PdfInfo info = {.title = title, .author = plan->ente, .subject = "Ripartizione del fondo per la produttività (riservato)", .creator = "schede " SCHEDE_VERSION, .created = when};
        DisplayDoc doc = premi_build(plan, j->valutazioni, &spec, &fonts, when);
        char *path = xasprintf("%s/premi.pdf", j->out_dir);
        rc = write_pdf(j, &fonts, &doc, &info, path, false);
        free(path);
        display_free(&doc);
        if (rc == 0) {
            /* The same figures as a table, beside the PDF (reserved too: names and amounts). */
            rc = write_csv(j, "premi.csv", valutazione_to_csv(j->valutazioni), "");
        }
        free(title);
    }
    fontset_free(&fonts);
    layout_spec_free(&spec);
    return rc;
}

static int render_monitoraggio(Job *j)
{
    const Plan *plan = j->plan;
    LayoutSpec spec;
    FontSet fonts;
    int rc = load_layout(j, "monitoraggio", &MONITORAGGIO_NEEDS, &spec, &fonts);
    if (rc == 0) {
        time_t when = document_time();
        Monitoraggio m;
        monitoraggio_compute(plan, j->rilevazioni, j->esiti, j->anno, j->al, monitoraggio_margine(&spec), &m);
        char *title = monitoraggio_title(plan, &m, &spec);
        PdfInfo info = {.title = title, .author = plan->ente, .subject = "Monitoraggio intermedio degli obiettivi gestionali", .creator = "schede " SCHEDE_VERSION, .created = when};
        DisplayDoc doc = monitoraggio_build(plan, &m, &spec, &fonts, when);
        char *path = xasprintf("%s/monitoraggio.pdf", j->out_dir);
        rc = write_pdf(j, &fonts, &doc, &info, path, true); /* published like the Relazione: PDF/A */
        free(path);
        display_free(&doc);
        if (rc == 0 && j->open_data) {
            rc = write_csv(j, "monitoraggio.csv", monitoraggio_to_csv(&m), " (dati aperti)");
        }
        free(title);
        monitoraggio_free(&m);
    }
    fontset_free(&fonts);
    layout_spec_free(&spec);
    return rc;
}

static void *run_job(void *arg)
{
    Job *j = arg;
    j->out = open_memstream(&j->out_text, &j->out_len);
    j->err = open_memstream(&j->err_text, &j->err_len);
    if (!j->out || !j->err) {
        fputs("memoria insufficiente\n", stderr);
        abort();
    }
    j->rc = j->render(j);
    fclose(j->out);
    fclose(j->err);
    return NULL;
}

/* Gives every staged file its name when all jobs succeeded; otherwise
 * removes them all. Returns the exit code. */
static int commit(Job *jobs, size_t n, int rc)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < jobs[i].n_staged; k++) {
            if (rc == 0 && rename(jobs[i].staged[k], jobs[i].finals[k]) != 0) {
                fprintf(stderr, "errore: %s: impossibile scrivere il file: %s\n", jobs[i].finals[k],
                        file_write_reason(errno));
                rc = EXIT_DATA;
            }
            unlink(jobs[i].staged[k]); /* gone after a rename; removed otherwise */
            free(jobs[i].staged[k]);
            free(jobs[i].finals[k]);
        }
    return rc;
}

/* Runs the jobs at the same time: the first (the largest document, the
 * schede) in this thread, each other in a thread of its own; then, in
 * order, prints what each said and commits their files. The first job in
 * this thread reuses the memory the plan's reading gave back (a new
 * thread allocates from an arena of its own): 1,000 objectives' schede
 * peak 14 MB lower. */
static int run_jobs(Job *jobs, size_t n)
{
    pthread_t *threads = xcalloc(n ? n : 1, sizeof *threads);
    bool *started = xcalloc(n ? n : 1, sizeof *started);
    for (size_t i = 1; i < n; i++)
        started[i] = pthread_create(&threads[i], NULL, run_job, &jobs[i]) == 0;
    if (n > 0)
        run_job(&jobs[0]);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        else if (i > 0)
            run_job(&jobs[i]); /* no thread to be had: in this one */
        if (rc == 0)
            rc = jobs[i].rc;
    }
    for (size_t i = 0; i < n; i++)
        fwrite(jobs[i].err_text, 1, jobs[i].err_len, stderr);
    rc = commit(jobs, n, rc);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0)
            fwrite(jobs[i].out_text, 1, jobs[i].out_len, stdout);
        free(jobs[i].out_text);
        free(jobs[i].err_text);
        free(jobs[i].staged);
        free(jobs[i].finals);
    }
    if (rc != 0)
        fputs("nessun documento scritto: i documenti si scrivono tutti insieme o nessuno\n", stderr);
    free(started);
    free(threads);
    return rc;
}

int cmd_stampa(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int prc = cli_parse("stampa", argc, argv, &p, &cmd);
    if (prc >= 0)
        return prc;
    const char *file = p.args[0], *out_dir = p.value[OPT_OUT] ? p.value[OPT_OUT] : "out";
    const char *layout_dir = p.value[OPT_LAYOUT], *profile = p.value[OPT_PROFILO], *solo = p.value[OPT_SOLO];
    bool one_per_person = p.set[OPT_UNA_PER_PERSONA], open_data = p.set[OPT_DATI_APERTI];
    if (p.set[OPT_PDFA] && p.set[OPT_SENZA_PDFA])
        return usage_error(cmd, "--pdfa e --senza-pdfa insieme: indicarne uno solo");
    int pdfa = p.set[OPT_PDFA] ? 1 : p.set[OPT_SENZA_PDFA] ? 0 : -1;
    ResultsOptions opt;
    results_options_from(&p, &opt);
    /* --al: a monitoring during the year. The year-end documents (persone,
     * relazione, premi) are not written; schede.pdf shows what is reported so far. */
    if (opt.has_al && solo && strcmp(solo, "schede") != 0 && strcmp(solo, "monitoraggio") != 0) {
        fprintf(stderr, "schede stampa: con --al si scrivono le schede e il monitoraggio; «%s» è un documento di fine "
                        "anno (senza --al)\n", solo);
        return EXIT_USAGE;
    }
    if (opt.has_al && opt.valutazioni) {
        fputs("schede stampa: la valutazione individuale è di fine anno: --valutazioni non si usa con --al\n", stderr);
        return EXIT_USAGE;
    }
    if (!opt.has_al && solo && strcmp(solo, "monitoraggio") == 0) {
        fputs("schede stampa: il monitoraggio è a una data: indicarla con --al DATA\n", stderr);
        return EXIT_USAGE;
    }
    if (!evaluation_options_ok(&opt, "stampa", true))
        return EXIT_USAGE;
    if (solo && strcmp(solo, "premi") == 0 && !opt.valutazioni) {
        fprintf(stderr, "schede stampa: i premi seguono le valutazioni: indicare --sistema FILE e --valutazioni FILE\n");
        return EXIT_USAGE;
    }
    bool want_relazione = !opt.has_al && (!solo || strcmp(solo, "relazione") == 0);
    bool want_monitoraggio = opt.has_al && (!solo || strcmp(solo, "monitoraggio") == 0);
    if (want_relazione && !opt.raggiunto && (solo || open_data)) {
        fprintf(stderr, "schede stampa: la Relazione sulla Performance riporta i risultati dell'anno: "
                        "indicare le rilevazioni con --raggiunto FILE\n");
        return EXIT_USAGE;
    }
    if (open_data && !want_relazione && !want_monitoraggio) {
        fprintf(stderr, "schede stampa: --dati-aperti accompagna la Relazione o il monitoraggio: non si usa con --solo "
                        "%s\n", solo);
        return EXIT_USAGE;
    }
    const char *data = resources_dir();
    char *layouts = NULL, *layouts_fallback = NULL;
    if (cli_layout_dirs("stampa", layout_dir, profile, &layouts, &layouts_fallback) != 0)
        return EXIT_USAGE;
    char *fonts_dir = data ? xasprintf("%s/fonts", data) : NULL;
    char *icc_profile = data ? xasprintf("%s/layouts/icc/sRGB.icc", data) : NULL;
    if (cli_ensure_folder(out_dir) != 0) {
        free(layouts);
        free(layouts_fallback);
        free(fonts_dir);
        free(icc_profile);
        return EXIT_USAGE;
    }

    Plan plan;
    DiagList diags;
    diag_list_init(&diags);
    LoadStatus ls = input_plan_load(file, &plan, &diags);
    int rc = 0;
    if (ls != LOAD_OK) {
        print_diags(&diags, stderr);
        fprintf(stderr, "%s: nessun documento scritto: il piano ha errori (schede verifica %s)\n", file, file);
        rc = ls == LOAD_IO_ERROR ? EXIT_USAGE : EXIT_DATA;
    } else {
        plan_checks(&plan, file, opt.has_anno ? opt.anno : plan.triennio[0], &diags);
        Rilevazioni ril = {0};
        Esiti esiti = {0};
        Evaluation ev = {0};
        rc = opt.raggiunto ? results_load(&plan, &opt, &ril, &esiti, &diags) : 0;
        if (rc) {
            print_diags(&diags, stderr);
            fprintf(stderr, "%s: nessun documento scritto: le rilevazioni hanno errori\n", opt.raggiunto);
        } else if (opt.valutazioni && (rc = evaluation_load(&plan, &opt, &esiti, esiti.anno, &ev, &diags)) != 0) {
            print_diags(&diags, stderr);
            fprintf(stderr, "nessun documento scritto: il sistema di valutazione o le valutazioni hanno errori\n");
        } else {
            if (diags.warnings > 0)
                fprintf(stderr, "%s: %zu %s (schede verifica %s%s per l'elenco)\n", file, diags.warnings,
                        diags.warnings == 1 ? "avviso" : "avvisi", file,
                        opt.raggiunto || opt.valutazioni ? " con le stesse opzioni" : "");
            const Esiti *results = opt.raggiunto ? &esiti : NULL;
            int anno = results ? esiti.anno : opt.has_anno ? opt.anno : opt.has_al ? opt.al.year : plan.triennio[0];
            Job base = {0};
            base.plan = &plan;
            base.esiti = results;
            base.valutazioni = ev.has_valutazioni ? &ev.anno : NULL;
            base.anno = anno;
            base.one_per_person = one_per_person;
            base.open_data = open_data;
            base.layout_dir = layouts;
            base.layout_fallback = layouts_fallback;
            base.fonts_dir = fonts_dir;
            base.icc_profile = icc_profile;
            base.pdfa = pdfa;
            base.out_dir = out_dir;
            base.rilevazioni = opt.raggiunto ? &ril : NULL;
            base.has_al = opt.has_al;
            base.al = opt.al;
            Job jobs[5];
            size_t n_jobs = 0;
            int (*const renders[5])(Job *) = {render_schede, render_persone, render_relazione, render_premi,
                                              render_monitoraggio};
            const bool wanted[5] = {!solo || strcmp(solo, "schede") == 0,
                                    !opt.has_al && (!solo || strcmp(solo, "persone") == 0), want_relazione,
                                    (!solo || strcmp(solo, "premi") == 0) && base.valutazioni, want_monitoraggio};
            for (size_t k = 0; k < 5; k++)
                if (wanted[k]) {
                    jobs[n_jobs] = base;
                    jobs[n_jobs++].render = renders[k];
                }
            rc = run_jobs(jobs, n_jobs);
        }
        evaluation_free(&ev);
        esiti_free(&esiti);
        raggiunto_free(&ril);
    }
    diag_list_free(&diags);
    plan_free(&plan);
    free(layouts);
    free(layouts_fallback);
    free(fonts_dir);
    free(icc_profile);
    return rc;
}
