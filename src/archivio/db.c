/* db.c — the archive's statements (db.h) on its two engines: SQLite, where
 * a DbStmt wraps the sqlite3_stmt, and PostgreSQL (libpq), where it keeps
 * the SQL with ? turned into $1, $2…, the values bound as text (blobs in
 * binary), and the result of the one execution that db_step starts. */
#include "db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio_db.h"
#include "pg_lib.h"
#include "text.h"

#define MAX_PARAMS 16

struct DbStmt {
    Archivio *a;
    sqlite3_stmt *lite;
    /* PostgreSQL */
    char *sql;
    int n_params;
    char *values[MAX_PARAMS];
    int lengths[MAX_PARAMS], formats[MAX_PARAMS];
    PGresult *res;
    int row, rows;
    bool executed;
    unsigned char *blob; /* the last blob column read, unescaped */
};

/* "… WHERE a = ? AND b = ?" → "… WHERE a = $1 AND b = $2" (no ? inside quotes). */
static char *numbered(const char *sql, int *n)
{
    StrBuf b = {0};
    bool quoted = false;
    *n = 0;
    for (const char *p = sql; *p; p++) {
        if (*p == '\'')
            quoted = !quoted;
        if (*p == '?' && !quoted)
            strbuf_printf(&b, "$%d", ++*n);
        else
            strbuf_append(&b, p, 1);
    }
    return b.data ? b.data : xstrdup("");
}

DbStmt *db_prepare(Archivio *a, const char *sql, char **error)
{
    DbStmt *s = xcalloc(1, sizeof *s);
    s->a = a;
    if (!a->pg) {
        if (sqlite3_prepare_v2(a->db, sql, -1, &s->lite, NULL) != SQLITE_OK) {
            if (error)
                *error = db_error(a, "lettura");
            free(s);
            return NULL;
        }
        return s;
    }
    s->sql = numbered(sql, &s->n_params);
    if (s->n_params > MAX_PARAMS) {
        if (error)
            *error = xasprintf("%s: troppi parametri in una richiesta", a->path);
        free(s->sql);
        free(s);
        return NULL;
    }
    return s;
}

static void clear_result(DbStmt *s)
{
    PG->clear(s->res);
    s->res = NULL;
    PG->freemem(s->blob);
    s->blob = NULL;
    s->executed = false;
    s->row = -1;
    s->rows = 0;
}

int db_step(DbStmt *s)
{
    if (s->lite) {
        int rc = sqlite3_step(s->lite);
        return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : rc;
    }
    PG->freemem(s->blob);
    s->blob = NULL;
    if (!s->executed) {
        s->executed = true;
        s->res = PG->execParams(s->a->conn, s->sql, s->n_params, NULL, (const char *const *)s->values, s->lengths,
                              s->formats, 0);
        ExecStatusType st = PG->resultStatus(s->res);
        db_pg_remember(s->a, s->res);
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
            return 1; /* the error: db_error */
        s->rows = st == PGRES_TUPLES_OK ? PG->ntuples(s->res) : 0;
        s->row = -1;
    }
    if (++s->row < s->rows)
        return DB_ROW;
    return DB_DONE;
}

void db_reset(DbStmt *s)
{
    if (s->lite)
        sqlite3_reset(s->lite);
    else
        clear_result(s);
}

void db_finalize(DbStmt *s)
{
    if (!s)
        return;
    if (s->lite) {
        sqlite3_finalize(s->lite);
    } else {
        clear_result(s);
        for (int i = 0; i < MAX_PARAMS; i++)
            free(s->values[i]);
        free(s->sql);
    }
    free(s);
}

/* A PostgreSQL value, as text (or binary for a blob); NULL: null. */
static void pg_bind(DbStmt *s, int i, char *value, int length, int format)
{
    if (i < 1 || i > MAX_PARAMS) {
        free(value);
        return;
    }
    free(s->values[i - 1]);
    s->values[i - 1] = value;
    s->lengths[i - 1] = length;
    s->formats[i - 1] = format;
    if (s->executed)
        clear_result(s);
}

void db_bind_int(DbStmt *s, int i, int v) { db_bind_int64(s, i, v); }

void db_bind_int64(DbStmt *s, int i, long long v)
{
    if (s->lite)
        sqlite3_bind_int64(s->lite, i, v);
    else
        pg_bind(s, i, xasprintf("%lld", v), 0, 0);
}

void db_bind_double(DbStmt *s, int i, double v)
{
    if (s->lite)
        sqlite3_bind_double(s->lite, i, v);
    else
        pg_bind(s, i, xasprintf("%.17g", v), 0, 0); /* read back to the same double */
}

void db_bind_null(DbStmt *s, int i)
{
    if (s->lite)
        sqlite3_bind_null(s->lite, i);
    else
        pg_bind(s, i, NULL, 0, 0);
}

void db_bind_text(DbStmt *s, int i, const char *v)
{
    if (!v)
        db_bind_null(s, i);
    else if (s->lite)
        sqlite3_bind_text(s->lite, i, v, -1, SQLITE_TRANSIENT);
    else
        pg_bind(s, i, xstrdup(v), 0, 0);
}

void db_bind_blob(DbStmt *s, int i, const void *bytes, size_t len)
{
    if (s->lite) {
        sqlite3_bind_blob64(s->lite, i, bytes, (sqlite3_uint64)len, SQLITE_TRANSIENT);
        return;
    }
    char *copy = xmalloc(len + 1);
    memcpy(copy, bytes, len);
    pg_bind(s, i, copy, (int)len, 1);
}

bool db_col_null(DbStmt *s, int i)
{
    if (s->lite)
        return sqlite3_column_type(s->lite, i) == SQLITE_NULL;
    return PG->getisnull(s->res, s->row, i);
}

const char *db_col_text(DbStmt *s, int i)
{
    if (s->lite)
        return (const char *)sqlite3_column_text(s->lite, i);
    return PG->getisnull(s->res, s->row, i) ? NULL : PG->getvalue(s->res, s->row, i);
}

char *db_col_dup(DbStmt *s, int i)
{
    const char *t = db_col_text(s, i);
    return t ? xstrdup(t) : NULL;
}

long long db_col_int64(DbStmt *s, int i)
{
    if (s->lite)
        return sqlite3_column_int64(s->lite, i);
    const char *t = db_col_text(s, i);
    return t ? strtoll(t, NULL, 10) : 0;
}

int db_col_int(DbStmt *s, int i) { return (int)db_col_int64(s, i); }

double db_col_double(DbStmt *s, int i)
{
    if (s->lite)
        return sqlite3_column_double(s->lite, i);
    const char *t = db_col_text(s, i);
    return t ? strtod(t, NULL) : 0;
}

const void *db_col_blob(DbStmt *s, int i, size_t *len)
{
    if (s->lite) {
        const void *p = sqlite3_column_blob(s->lite, i);
        *len = (size_t)sqlite3_column_bytes(s->lite, i);
        return p;
    }
    PG->freemem(s->blob);
    s->blob = NULL;
    *len = 0;
    const char *t = db_col_text(s, i);
    if (!t)
        return NULL;
    s->blob = PG->unescapeBytea((const unsigned char *)t, len); /* bytea comes as text: \x… */
    if (!s->blob)
        out_of_memory();
    return s->blob;
}

bool db_exec(Archivio *a, const char *sql, const char *what, char **error)
{
    if (!a->pg) {
        if (sqlite3_exec(a->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            if (error)
                *error = db_error(a, what);
            return false;
        }
        return true;
    }
    PGresult *r = PG->exec(a->conn, sql);
    ExecStatusType st = PG->resultStatus(r);
    db_pg_remember(a, r);
    PG->clear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        if (error)
            *error = db_error(a, what);
        return false;
    }
    return true;
}
