/* stampa_jobs.c — the documents of `schede stampa`, one job each, written
 * in parallel and committed together (stampa_jobs.h). */
#include "stampa_jobs.h"

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
#include "valutazione_input.h"
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
#include "inputs.h"
#include "scheda.h"
#include "text.h"
#include "valutazione_output.h"

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
        cli_print_diags(&diags, j->err, true);
        diag_list_free(&diags);
        return EXIT_DATA;
    }
    diag_list_free(&diags);
    const char *bad_path = NULL, *reason = NULL;
    if (!fontset_load(fonts, (const char *const *)spec->font_paths, &bad_path, &reason)) {
        diag_report(j->err, bad_path, "carattere non utilizzabile: %s", reason);
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
        diag_report(j->err, path, "%s", error);
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
        diag_report(j->err, path, "impossibile scrivere il file: %s", reason);
        rc = EXIT_DATA;
    } else {
        fprintf(j->out, "scritto %s%s\n", path, what);
    }
    free(path);
    free(csv);
    return rc;
}

int stampa_schede(Job *j)
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

int stampa_persone(Job *j)
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
                diag_report(j->err, dir, "impossibile creare la cartella: %s", file_write_reason(errno));
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

int stampa_relazione(Job *j)
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

int stampa_premi(Job *j)
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

int stampa_monitoraggio(Job *j)
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
        out_of_memory(); /* exit code 3, as every allocation */
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
                diag_report(stderr, jobs[i].finals[k], "impossibile scrivere il file: %s",
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
int run_jobs(Job *jobs, size_t n)
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
