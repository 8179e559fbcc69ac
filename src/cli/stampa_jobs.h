/* stampa_jobs.h — the documents of `schede stampa` as jobs: each makes one
 * document of the catalogue through the engine (motore.h), in a thread of
 * its own; all of a run's files take their names together or none does.
 * Private to the command line. */
#ifndef SCHEDE_CLI_STAMPA_JOBS_H
#define SCHEDE_CLI_STAMPA_JOBS_H

#include <stdbool.h>

#include "catalogo.h"
#include "diag.h"
#include "motore.h"

/* One document to write. Each file is first written under a temporary name
 * next to its own ("staged"); only when every document of the run is
 * complete do they all take their names, so that a failure in one never
 * leaves new and old documents of different runs side by side. */
typedef struct {
    const Documento *documento;
    DocInputs in;
    const Moduli *moduli;
    OpzioniStampa opzioni;
    const char *out_dir;
    /* filled by the run */
    Fatto fatto;
    DiagList diags;
    char **staged, **finals; /* temporary names and the names they take */
    size_t n_staged;
    bool ok;
} Job;

/* Runs the jobs at once, prints what each made or found wrong in order and
 * commits their files, all or none. Returns the exit code. */
int run_jobs(Job *jobs, size_t n);

#endif
