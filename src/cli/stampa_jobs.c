/* stampa_jobs.c — the documents of `schede stampa`, one job each, made in
 * parallel by the engine and committed together (stampa_jobs.h). */
#include "stampa_jobs.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "fileio.h"
#include "inputs.h"
#include "text.h"

/* The temporary name of path, recorded for the commit (Destinazione.provvisorio). */
static char *stage(void *user, const char *path)
{
    Job *j = user;
    char *part = xasprintf("%s.%ld.part", path, (long)getpid());
    j->staged = xrealloc(j->staged, (j->n_staged + 1) * sizeof *j->staged);
    j->finals = xrealloc(j->finals, (j->n_staged + 1) * sizeof *j->finals);
    j->staged[j->n_staged] = xstrdup(part);
    j->finals[j->n_staged++] = xstrdup(path);
    return part;
}

static void *run_job(void *arg)
{
    Job *j = arg;
    diag_list_init(&j->diags);
    Destinazione dest = {j->out_dir, stage, j};
    j->ok = motore_stampa(j->documento, &j->in, j->moduli, &j->opzioni, &dest, &j->fatto, &j->diags);
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

/* What a job made, as stampa says it. */
static void print_made(const Job *j)
{
    const Documento *d = j->documento;
    if (j->fatto.manca) {
        /* on the command line, the option that gives what it lacks */
        static const char *const HINTS[N_DOCUMENTI] = {[DOCUMENTO_RELAZIONE] = "--raggiunto FILE",
                                                        [DOCUMENTO_MONITORAGGIO] = "--al DATA"};
        printf("%s.pdf non scritto: %s%s%s%s\n", d->nome, j->fatto.manca, HINTS[d->id] ? " (" : "",
               HINTS[d->id] ? HINTS[d->id] : "", HINTS[d->id] ? ")" : "");
        return;
    }
    for (size_t i = 0; i < j->fatto.n; i++) {
        const FileFatto *f = &j->fatto.files[i];
        if (f->pdf)
            printf("scritto %s (%zu %s)\n", f->path, f->pagine, f->pagine == 1 ? "pagina" : "pagine");
        else
            printf("scritto %s%s\n", f->path, d->csv_sempre ? "" : " (dati aperti)");
    }
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
        if (rc == 0 && !jobs[i].ok)
            rc = EXIT_DATA;
    }
    for (size_t i = 0; i < n; i++)
        cli_print_diags(&jobs[i].diags, stderr, true);
    rc = commit(jobs, n, rc);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0)
            print_made(&jobs[i]);
        fatto_free(&jobs[i].fatto);
        diag_list_free(&jobs[i].diags);
        free(jobs[i].staged);
        free(jobs[i].finals);
    }
    if (rc != 0)
        fputs("nessun documento scritto: i documenti si scrivono tutti insieme o nessuno\n", stderr);
    free(started);
    free(threads);
    return rc;
}
