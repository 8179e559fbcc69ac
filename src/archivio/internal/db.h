/* db.h — the statements the archive runs, over its engine: prepared once
 * with ? placeholders, values bound, rows stepped through. Today SQLite
 * (db.c); the interface is what a second engine (PostgreSQL) implements,
 * so that archivio*.c never name one. Private to src/archivio. */
#ifndef SCHEDE_ARCHIVIO_STMT_H
#define SCHEDE_ARCHIVIO_STMT_H

#include <stdbool.h>
#include <stddef.h>

struct Archivio;
typedef struct DbStmt DbStmt;

enum { DB_ROW = 100, DB_DONE = 101 }; /* what db_step returns; anything else is an error (db_error) */

/* A prepared statement, or NULL with *error set (when error is not NULL). */
DbStmt *db_prepare(struct Archivio *a, const char *sql, char **error);
int db_step(DbStmt *s);
void db_reset(DbStmt *s); /* to run again; the bound values stay */
void db_finalize(DbStmt *s);

/* 1-based, as the ? they fill. Text and blobs are copied. */
void db_bind_int(DbStmt *s, int i, int v);
void db_bind_int64(DbStmt *s, int i, long long v);
void db_bind_double(DbStmt *s, int i, double v);
void db_bind_null(DbStmt *s, int i);
void db_bind_text(DbStmt *s, int i, const char *v); /* NULL: null */
void db_bind_blob(DbStmt *s, int i, const void *bytes, size_t len);

/* 0-based columns of the current row; text and blobs live until the next step. */
const char *db_col_text(DbStmt *s, int i); /* NULL when null */
char *db_col_dup(DbStmt *s, int i);        /* a copy, or NULL */
int db_col_int(DbStmt *s, int i);
long long db_col_int64(DbStmt *s, int i);
double db_col_double(DbStmt *s, int i);
bool db_col_null(DbStmt *s, int i);
const void *db_col_blob(DbStmt *s, int i, size_t *len);

/* Statements without rows, one after the other. */
bool db_exec(struct Archivio *a, const char *sql, const char *what, char **error);

#endif
