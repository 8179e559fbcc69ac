/* db.c — the archive's statements on SQLite (db.h). A DbStmt is the
 * sqlite3_stmt itself: the interface costs nothing here. */
#include "db.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "archivio_db.h"
#include "text.h"

static sqlite3_stmt *S(DbStmt *s) { return (sqlite3_stmt *)s; }

DbStmt *db_prepare(Archivio *a, const char *sql, char **error)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(a->db, sql, -1, &s, NULL) != SQLITE_OK) {
        if (error)
            *error = db_error(a, "lettura");
        return NULL;
    }
    return (DbStmt *)s;
}

int db_step(DbStmt *s)
{
    int rc = sqlite3_step(S(s));
    return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : rc;
}

void db_reset(DbStmt *s) { sqlite3_reset(S(s)); }
void db_finalize(DbStmt *s) { sqlite3_finalize(S(s)); }

void db_bind_int(DbStmt *s, int i, int v) { sqlite3_bind_int(S(s), i, v); }
void db_bind_int64(DbStmt *s, int i, long long v) { sqlite3_bind_int64(S(s), i, v); }
void db_bind_double(DbStmt *s, int i, double v) { sqlite3_bind_double(S(s), i, v); }
void db_bind_null(DbStmt *s, int i) { sqlite3_bind_null(S(s), i); }

void db_bind_text(DbStmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(S(s), i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(S(s), i);
}

void db_bind_blob(DbStmt *s, int i, const void *bytes, size_t len)
{
    sqlite3_bind_blob64(S(s), i, bytes, (sqlite3_uint64)len, SQLITE_TRANSIENT);
}

const char *db_col_text(DbStmt *s, int i) { return (const char *)sqlite3_column_text(S(s), i); }

char *db_col_dup(DbStmt *s, int i)
{
    const char *t = db_col_text(s, i);
    return t ? xstrdup(t) : NULL;
}

int db_col_int(DbStmt *s, int i) { return sqlite3_column_int(S(s), i); }
long long db_col_int64(DbStmt *s, int i) { return sqlite3_column_int64(S(s), i); }
double db_col_double(DbStmt *s, int i) { return sqlite3_column_double(S(s), i); }
bool db_col_null(DbStmt *s, int i) { return sqlite3_column_type(S(s), i) == SQLITE_NULL; }

const void *db_col_blob(DbStmt *s, int i, size_t *len)
{
    const void *p = sqlite3_column_blob(S(s), i);
    *len = (size_t)sqlite3_column_bytes(S(s), i);
    return p;
}

bool db_exec(Archivio *a, const char *sql, const char *what, char **error)
{
    if (sqlite3_exec(a->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        if (error)
            *error = db_error(a, what);
        return false;
    }
    return true;
}
