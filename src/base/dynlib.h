/* dynlib.h — a shared library opened with dlopen only by the command that
 * needs it (libpq for a PostgreSQL archive, libmicrohttpd for schede web),
 * so that every other command starts without its dependencies. */
#ifndef SCHEDE_DYNLIB_H
#define SCHEDE_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* A function to look up, and where its address goes. */
typedef struct {
    const char *name;
    void **slot;
} DynFunction;

/* Opens soname and fills every slot; false with *error (Italian): missing
 * (the sentence given, which names the Debian package) or too old (a
 * function absent, named after label). */
bool dynlib_load(const char *soname, const char *label, const char *missing, const DynFunction *fns, size_t n,
                 char **error);

#endif
