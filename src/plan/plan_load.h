/* plan_load.h — reading a schede-piano/1 file into the model.
 *
 * Structural problems (syntax, missing required keys, wrong types, a codice
 * used twice, impossible dates, broken rules, ...) are errors; unknown keys
 * are warnings. Everything found is added to diags: loading goes on after
 * an error so that one run reports them all. plan_check() adds the
 * warnings about the plan's meaning. */
#ifndef SCHEDE_PLAN_LOAD_H
#define SCHEDE_PLAN_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* file names the input in messages; text[len] must be a NUL. On LOAD_DATA_ERROR the plan holds what
 * could be read; plan_free() it in every case. */
LoadStatus plan_load_buffer(const char *file, const char *text, size_t len,
                            Plan *plan, DiagList *diags);
LoadStatus plan_load_file(const char *path, Plan *plan, DiagList *diags);

#endif
