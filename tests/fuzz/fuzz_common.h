/* fuzz_common.h — shared by the libFuzzer harnesses: the input as a
 * NUL-terminated string, and the fixture plan the results are read against. */
#ifndef SCHEDE_FUZZ_COMMON_H
#define SCHEDE_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "plan_load.h"

/* The loaders and the text functions take NUL-terminated text. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t)
        abort();
    memcpy(t, data, size);
    t[size] = '\0';
    return t;
}

/* Removes the scratch folder of a harness's archive, a.db with its WAL files. */
static inline void fuzz_remove_archive_dir(const char *dir)
{
    const char *files[] = {"a.db", "a.db-wal", "a.db-shm"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(dir) + strlen(files[i]) + 2;
        char *f = malloc(n);
        if (!f)
            abort();
        snprintf(f, n, "%s/%s", dir, files[i]);
        unlink(f);
        free(f);
    }
    rmdir(dir);
}

/* A plan with every rule type, loaded once (FUZZ_PLAN is set by CMake). */
static inline const Plan *fuzz_plan(void)
{
    static Plan plan;
    static int loaded;
    if (!loaded) {
        DiagList d;
        diag_list_init(&d);
        if (plan_load_file(FUZZ_PLAN, &plan, &d) != LOAD_OK)
            abort();
        diag_list_free(&d);
        loaded = 1;
    }
    return &plan;
}

#endif
