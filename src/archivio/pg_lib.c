/* pg_lib.c — libpq through dlopen (pg_lib.h). */
#include "pg_lib.h"

#include <pthread.h>
#include <stddef.h>

#include "dynlib.h"

/* The library's functions, found once for the process: a shared library is
 * loaded into the process, not into a request, so this is the one table kept
 * between calls; the mutex makes its first filling safe from any thread. */
static PgLib lib;
static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER;
const PgLib *PG;

const PgLib *pg_lib(char **error)
{
    pthread_mutex_lock(&loading);
    if (PG) {
        pthread_mutex_unlock(&loading);
        return PG;
    }
    const DynFunction fns[] = {
        {"PQconnectdb", (void **)&lib.connectdb},     {"PQstatus", (void **)&lib.status},
        {"PQerrorMessage", (void **)&lib.errorMessage}, {"PQfinish", (void **)&lib.finish},
        {"PQexec", (void **)&lib.exec},               {"PQexecParams", (void **)&lib.execParams},
        {"PQresultStatus", (void **)&lib.resultStatus}, {"PQresultErrorField", (void **)&lib.resultErrorField},
        {"PQclear", (void **)&lib.clear},             {"PQcmdStatus", (void **)&lib.cmdStatus},
        {"PQntuples", (void **)&lib.ntuples},         {"PQgetisnull", (void **)&lib.getisnull},
        {"PQgetvalue", (void **)&lib.getvalue},       {"PQunescapeBytea", (void **)&lib.unescapeBytea},
        {"PQfreemem", (void **)&lib.freemem},
    };
    if (!dynlib_load("libpq.so.5", "libpq",
                     "per un archivio PostgreSQL serve libpq (il pacchetto Debian libpq5), che non è installata",
                     fns, sizeof fns / sizeof *fns, error)) {
        pthread_mutex_unlock(&loading);
        return NULL;
    }
    PG = &lib;
    pthread_mutex_unlock(&loading);
    return PG;
}
