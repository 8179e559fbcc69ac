/* pg_lib.h — libpq, opened only when an archive is a postgresql:// address:
 * linked into every run, its twenty libraries (TLS, Kerberos, LDAP…) would
 * double the start-up of every command. The functions the archive uses,
 * looked up once with dlopen. Private to src/archivio. */
#ifndef SCHEDE_PG_LIB_H
#define SCHEDE_PG_LIB_H

#include <libpq-fe.h>

typedef struct {
    PGconn *(*connectdb)(const char *conninfo);
    ConnStatusType (*status)(const PGconn *conn);
    char *(*errorMessage)(const PGconn *conn);
    void (*finish)(PGconn *conn);
    PGresult *(*exec)(PGconn *conn, const char *query);
    PGresult *(*execParams)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                            const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                            int resultFormat);
    ExecStatusType (*resultStatus)(const PGresult *res);
    char *(*resultErrorField)(const PGresult *res, int fieldcode);
    void (*clear)(PGresult *res);
    char *(*cmdStatus)(PGresult *res);
    int (*ntuples)(const PGresult *res);
    int (*getisnull)(const PGresult *res, int tup_num, int field_num);
    char *(*getvalue)(const PGresult *res, int tup_num, int field_num);
    unsigned char *(*unescapeBytea)(const unsigned char *strtext, size_t *retbuflen);
    void (*freemem)(void *ptr);
} PgLib;

/* libpq, loaded at the first call; NULL with *error (Italian) when it is not installed. */
const PgLib *pg_lib(char **error);

/* The loaded library (after a successful pg_lib). */
extern const PgLib *PG;

#endif
