/* stampa_jobs.h — the documents of `schede stampa` as jobs: each renders
 * one document (and its CSV) with its own layout, fonts and PDF, in a
 * thread of its own; all of a run's files take their names together or
 * none does. Private to the command line. */
#ifndef SCHEDE_CLI_STAMPA_JOBS_H
#define SCHEDE_CLI_STAMPA_JOBS_H

#include <stdbool.h>
#include <stdio.h>

#include "esiti.h"
#include "model.h"
#include "raggiunto.h"
#include "valutazione.h"

/* One document to write. Documents are written in parallel, each with its
 * own layout, fonts and PDF; what each says goes to its own buffers, printed
 * in document order once all are done. Each file is first written under a
 * temporary name next to its own ("staged"); only when every document of
 * the run is complete do they all take their names, so that a failure in
 * one never leaves new and old documents of different runs side by side. */
typedef struct Job {
    int (*render)(struct Job *j); /* one of the stampa_* below */
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

/* The documents: each writes its PDF (and CSV) under out_dir, staged. */
int stampa_schede(Job *j);
int stampa_persone(Job *j);      /* persone.pdf and, with one_per_person, persone/NAME.pdf */
int stampa_relazione(Job *j);    /* relazione.pdf (PDF/A by default), relazione.csv with open_data */
int stampa_premi(Job *j);        /* premi.pdf and premi.csv (reserved) */
int stampa_monitoraggio(Job *j); /* monitoraggio.pdf (PDF/A by default), monitoraggio.csv with open_data */

/* Runs the jobs at once, prints what each said in order and commits their
 * files, all or none. Returns the exit code. */
int run_jobs(Job *jobs, size_t n);

#endif
