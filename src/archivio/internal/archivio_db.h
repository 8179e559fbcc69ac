/* archivio_db.h — what the archive's modules share: the open database, the
 * ente, statements prepared once, the registro's appending. Private to
 * src/archivio. */
#ifndef SCHEDE_ARCHIVIO_DB_H
#define SCHEDE_ARCHIVIO_DB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "archivio.h"
#include "db.h"
#include "plan_load.h"

/* The schema version this program writes (schema/sqlite.sql). */
#define ARCHIVIO_SCHEMA 4

struct pg_conn;
struct pg_result;

struct Archivio {
    bool pg;               /* PostgreSQL (a postgresql:// address), else SQLite */
    sqlite3 *db;
    struct pg_conn *conn;
    char pg_state[6];      /* the SQLSTATE of the last PostgreSQL error */
    char *pg_message;
    char *path;
    long ente;
    bool in_transaction;
    char ultimo_hash[65]; /* the registro's last hash, read at archivio_inizia */
    char quando[32];      /* the time of the change in progress, UTC */
};

/* Keeps the SQLSTATE and message of a PostgreSQL result, for db_error. */
void db_pg_remember(Archivio *a, const struct pg_result *r);

/* The engine's error of what failed last, as a sentence: locked, disk full, read-only… */
char *db_error(Archivio *a, const char *what);

/* Appends one row to the registro, chained to the previous one. Inside a
 * transaction only. prima and dopo are JSON (or NULL). */
bool registro_aggiungi(Archivio *a, const Autore *chi, const char *operazione, const char *tabella,
                       const char *chiave, const char *obiettivo, const char *campo, const char *prima,
                       const char *dopo, char **error);

/* The hash a registro row must carry, from the previous hash and its fields. */
void registro_hash(const char *prev, const char *const fields[11], char out[65]);

/* A blob column of the current row into out->bytes (a copy, NUL-terminated) and out->len. */
void archivio_col_bytes(DbStmt *s, int col, ArchivioFile *out);

/* The SHA-256 of bytes, as 64 hex digits. */
void archivio_sha256_hex(const char *bytes, size_t len, char out[65]);

/* Schema version 4: the valutazioni kept as whole files become rows, one per
 * person (archivio_valutazioni.c), for every ente of the database. */
bool archivio_migra_valutazioni(Archivio *a, char **error);

/* A string as a JSON string ("…" with escapes); NULL as JSON null. */
char *json_string(const char *s);

/* A stored plan read back: the loader its bytes want (JSON or workbook). */
LoadStatus archivio_load_plan_bytes(const char *file, const char *bytes, size_t len, Plan *plan, DiagList *diags);

/* A rilevazione's stored fields, in this order from a SELECT's column first. */
#define RILEVAZIONE_COLUMNS "data, valore_tipo, valore, percentuale, raggiunto, nota, avanzamento, criticita, proposta"
void archivio_row_to_rilevazione(DbStmt *s, int first, Rilevazione *r);

/* The registro's key of a rilevazione: "2024 SG-01 azione 2", "2024 al
 * 2024-06-30 SG-01 azione 2", "2025 I-01 indicatore 1 2025-03-31". */
char *archivio_chiave_rilevazione(int anno, const char *al, const char *obiettivo, int azione, int indicatore,
                                  const char *chiave_data);

#endif
