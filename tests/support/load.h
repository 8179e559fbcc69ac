/* load.h — a test's input files, loaded the way the program loads them; a
 * file that does not load fails the test with its diagnostics in the log.
 * Paths are absolute (SCHEDE_SOURCE_DIR "/tests/fixtures/…"). */
#ifndef SCHEDE_TEST_LOAD_H
#define SCHEDE_TEST_LOAD_H

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include "diag.h"
#include "model.h"
#include "plan_load.h"
#include "raggiunto.h"

static inline void load_log(const DiagList *d)
{
    for (size_t i = 0; i < d->count; i++)
        cr_log_error("%s: %s", d->items[i].file, d->items[i].message);
}

/* The plan in path, which must load (warnings allowed). */
static inline void load_plan_ok(const char *path, Plan *plan)
{
    DiagList d;
    diag_list_init(&d);
    LoadStatus st = plan_load_file(path, plan, &d);
    if (st != LOAD_OK)
        load_log(&d);
    diag_list_free(&d);
    cr_assert_eq(st, LOAD_OK, "%s", path);
}

/* The rilevazioni in path, which must load. */
static inline void load_raggiunto_ok(const char *path, Codifica codifica, Rilevazioni *ril)
{
    DiagList d;
    diag_list_init(&d);
    LoadStatus st = raggiunto_load_file(path, codifica, ril, &d);
    if (st != LOAD_OK)
        load_log(&d);
    diag_list_free(&d);
    cr_assert_eq(st, LOAD_OK, "%s", path);
}

#endif
