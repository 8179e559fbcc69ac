/* pg_lib.c — libpq through dlopen (pg_lib.h). */
#include "pg_lib.h"

#include <stddef.h>

#include "dynlib.h"

static PgLib lib;
const PgLib *PG;

const PgLib *pg_lib(char **error)
{
    if (PG)
        return PG;
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
                     fns, sizeof fns / sizeof *fns, error))
        return NULL;
    PG = &lib;
    return PG;
}
