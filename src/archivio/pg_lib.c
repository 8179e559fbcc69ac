/* pg_lib.c — libpq through dlopen (pg_lib.h). */
#include "pg_lib.h"

#include <dlfcn.h>
#include <stddef.h>

#include "text.h"

static PgLib lib;
const PgLib *PG;

const PgLib *pg_lib(char **error)
{
    if (PG)
        return PG;
    void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        *error = xstrdup("per un archivio PostgreSQL serve libpq (il pacchetto Debian libpq5), che non è installata");
        return NULL;
    }
    struct {
        const char *name;
        void **slot;
    } fns[] = {
        {"PQconnectdb", (void **)&lib.connectdb},     {"PQstatus", (void **)&lib.status},
        {"PQerrorMessage", (void **)&lib.errorMessage}, {"PQfinish", (void **)&lib.finish},
        {"PQexec", (void **)&lib.exec},               {"PQexecParams", (void **)&lib.execParams},
        {"PQresultStatus", (void **)&lib.resultStatus}, {"PQresultErrorField", (void **)&lib.resultErrorField},
        {"PQclear", (void **)&lib.clear},             {"PQcmdStatus", (void **)&lib.cmdStatus},
        {"PQntuples", (void **)&lib.ntuples},         {"PQgetisnull", (void **)&lib.getisnull},
        {"PQgetvalue", (void **)&lib.getvalue},       {"PQunescapeBytea", (void **)&lib.unescapeBytea},
        {"PQfreemem", (void **)&lib.freemem},
    };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
        /* dlsym returns an object pointer; POSIX guarantees it converts to a function pointer */
        *fns[i].slot = dlsym(h, fns[i].name);
        if (!*fns[i].slot) {
            *error = xasprintf("libpq non ha la funzione %s: una versione troppo vecchia?", fns[i].name);
            dlclose(h);
            return NULL;
        }
    }
    PG = &lib;
    return PG;
}
