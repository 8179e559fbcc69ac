/* archivio.c — the archive's database: creating and opening it (with the
 * schema's versions), transactions, the registro and its chain, the checks
 * and the online copy. SQLite as the trusted stores use it: WAL,
 * synchronous=FULL, foreign keys on, BEGIN IMMEDIATE with a busy timeout,
 * statements prepared with bound values. */
#include "archivio.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


#include "archivio_db.h"
#include "pg_lib.h"
#include "text.h"

/* schema/sqlite.sql and schema/postgresql.sql, embedded by the build (schema/embed.cmake) */
extern const unsigned char SCHEMA_SQLITE[], SCHEMA_PG[];
#define SCHEMA(a) ((const char *)((a)->pg ? SCHEMA_PG : SCHEMA_SQLITE))

bool archivio_is_postgresql(const char *path)
{
    return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0;
}

void db_pg_remember(Archivio *a, const PGresult *r)
{
    const char *state = r ? PG->resultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    snprintf(a->pg_state, sizeof a->pg_state, "%s", state ? state : "");
    free(a->pg_message);
    const char *msg = r ? PG->resultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    a->pg_message = xstrdup(msg ? msg : a->conn ? PG->errorMessage(a->conn) : "");
}

/* How long a writer waits for another one to finish, in milliseconds
 * (SCHEDE_ARCHIVIO_ATTESA_MS changes it: the tests of a locked archive). */
#define BUSY_TIMEOUT_MS 10000

static int busy_timeout(void)
{
    const char *v = getenv("SCHEDE_ARCHIVIO_ATTESA_MS");
    char *end;
    long ms = v && *v ? strtol(v, &end, 10) : -1;
    return v && *v && !*end && ms >= 0 && ms <= 3600000 ? (int)ms : BUSY_TIMEOUT_MS;
}

static char *pg_error(Archivio *a, const char *what)
{
    const char *s = a->pg_state;
    const char *why = strcmp(s, "55P03") == 0 || strcmp(s, "40P01") == 0 || strcmp(s, "40001") == 0
                          ? "l'archivio è occupato da un'altra scrittura"
                      : strcmp(s, "53100") == 0 ? "spazio su disco esaurito"
                      : strcmp(s, "25006") == 0 ? "l'archivio è in sola lettura"
                      : strncmp(s, "23", 2) == 0 ? "un vincolo dell'archivio non è rispettato"
                      : strcmp(s, "42P01") == 0 ? "il database non è un archivio di schede"
                                                : NULL;
    if (why)
        return xasprintf("%s: %s: %s", a->path, what, why);
    return xasprintf("%s: %s: %s", a->path, what, a->pg_message && *a->pg_message ? a->pg_message : "errore");
}

char *db_error(Archivio *a, const char *what)
{
    if (a->pg)
        return pg_error(a, what);
    int code = sqlite3_extended_errcode(a->db) & 0xff;
    const char *why = code == SQLITE_BUSY || code == SQLITE_LOCKED ? "l'archivio è occupato da un'altra scrittura"
                      : code == SQLITE_FULL                        ? "spazio su disco esaurito"
                      : code == SQLITE_READONLY                    ? "l'archivio è in sola lettura"
                      : code == SQLITE_NOTADB                      ? "il file non è un archivio di schede (non è un database)"
                      : code == SQLITE_CORRUPT                     ? "l'archivio è danneggiato (schede archivio controlla)"
                      : code == SQLITE_IOERR                       ? "errore di lettura o scrittura del disco"
                      : code == SQLITE_CONSTRAINT                  ? "un vincolo dell'archivio non è rispettato"
                                                                   : NULL;
    if (why)
        return xasprintf("%s: %s: %s", a->path, what, why);
    return xasprintf("%s: %s: %s", a->path, what, sqlite3_errmsg(a->db));
}

char *json_string(const char *s)
{
    StrBuf b = {0};
    strbuf_json_string(&b, s);
    return b.data;
}

static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The connection's settings: every open, reader or writer. */
static bool configure(Archivio *a, char **error)
{
    if (a->pg) {
        char *sql = xasprintf("SET lock_timeout = %d; SET client_min_messages = warning;", busy_timeout());
        bool ok = db_exec(a, sql, "apertura", error);
        free(sql);
        return ok;
    }
    sqlite3_busy_timeout(a->db, busy_timeout());
    /* The last connection to close copies the WAL into the file (SQLite's default, kept): an archive
       nobody is using is then one file, which a plain copy saves whole. */
    return db_exec(a, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;", "apertura", error);
}

static int user_version(Archivio *a)
{
    DbStmt *s = db_prepare(a, a->pg ? "SELECT versione FROM schema_versione" : "PRAGMA user_version", NULL);
    int v = -1;
    if (s && db_step(s) == DB_ROW)
        v = db_col_int(s, 0);
    db_finalize(s);
    return v;
}

/* Applies the schema's sections after version from, up to ARCHIVIO_SCHEMA. */
static bool migrate(Archivio *a, int from, char **error)
{
    char marker[32];
    for (int v = from + 1; v <= ARCHIVIO_SCHEMA; v++) {
        snprintf(marker, sizeof marker, "-- @versione %d\n", v);
        const char *start = strstr(SCHEMA(a), marker);
        if (!start) {
            *error = xasprintf("%s: lo schema della versione %d manca nel programma", a->path, v);
            return false;
        }
        start += strlen(marker);
        snprintf(marker, sizeof marker, "-- @versione %d\n", v + 1);
        const char *end = strstr(start, marker);
        char *section = end ? xstrndup(start, (size_t)(end - start)) : xstrdup(start);
        char *sql = a->pg ? xasprintf("%s\nUPDATE schema_versione SET versione = %d;", section, v)
                          : xasprintf("%s\nPRAGMA user_version = %d;", section, v);
        bool ok = db_exec(a, sql, "aggiornamento dello schema", error);
        free(sql);
        free(section);
        if (ok && v == 4) /* what SQL alone cannot do: files read into rows */
            ok = archivio_migra_valutazioni(a, error);
        if (!ok)
            return false;
    }
    return true;
}

static Archivio *archivio_new(const char *path)
{
    Archivio *a = xcalloc(1, sizeof *a);
    a->path = xstrdup(path);
    a->pg = archivio_is_postgresql(path);
    return a;
}

/* A PostgreSQL archive: its server, at the address. */
static bool pg_connect(Archivio *a, char **error)
{
    char *why = NULL;
    if (!pg_lib(&why)) {
        *error = xasprintf("%s: %s", a->path, why);
        free(why);
        return false;
    }
    a->conn = PG->connectdb(a->path);
    if (PG->status(a->conn) != CONNECTION_OK) {
        const char *m = PG->errorMessage(a->conn);
        *error = xasprintf("%s: impossibile collegarsi all'archivio: %.*s", a->path, (int)strcspn(m, "\n"), m);
        return false;
    }
    return true;
}

/* The schema's version in a PostgreSQL database: 0 when it has none yet
 * (asked without an error, which would end the transaction). */
static int pg_schema_version(Archivio *a)
{
    DbStmt *s = db_prepare(a, "SELECT to_regclass('schema_versione') IS NOT NULL", NULL);
    bool has = s && db_step(s) == DB_ROW && strcmp(db_col_text(s, 0), "t") == 0;
    db_finalize(s);
    return has ? user_version(a) : 0;
}

/* Writers one at a time: the registro's chain is appended in order. */
static const char *begin_sql(const Archivio *a)
{
    return a->pg ? "BEGIN; LOCK TABLE registro IN SHARE ROW EXCLUSIVE MODE" : "BEGIN IMMEDIATE";
}

void archivio_chiudi(Archivio *a)
{
    if (!a)
        return;
    if (a->in_transaction)
        archivio_annulla(a);
    sqlite3_close_v2(a->db);
    if (a->conn)
        PG->finish(a->conn);
    free(a->pg_message);
    free(a->path);
    free(a);
}

const char *archivio_path(const Archivio *a) { return a->path; }

char *archivio_profilo(Archivio *a)
{
    DbStmt *s = db_prepare(a, "SELECT profilo FROM enti WHERE id = ?", NULL);
    char *profilo = NULL;
    if (s) {
        db_bind_int64(s, 1, a->ente);
        if (db_step(s) == DB_ROW)
            profilo = db_col_dup(s, 0);
        db_finalize(s);
    }
    return profilo ? profilo : xstrdup(ARCHIVIO_PROFILO_PREDEFINITO);
}

ArchivioEsito archivio_cambia_profilo(Archivio *a, const char *profilo, const Autore *chi, bool *cambiato, char **error)
{
    char *prima = archivio_profilo(a);
    *cambiato = strcmp(prima, profilo) != 0;
    ArchivioEsito rc = ARCHIVIO_OK;
    if (*cambiato) {
        DbStmt *s = db_prepare(a, "UPDATE enti SET profilo = ? WHERE id = ?", error);
        rc = ARCHIVIO_NON_USABILE;
        if (s) {
            db_bind_text(s, 1, profilo);
            db_bind_int64(s, 2, a->ente);
            if (db_step(s) == DB_DONE) {
                char *before = json_string(prima), *after = json_string(profilo);
                if (registro_aggiungi(a, chi, "profilo", "enti", "ente", NULL, "profilo", before, after, error))
                    rc = ARCHIVIO_OK;
                free(before);
                free(after);
            } else {
                *error = db_error(a, "scrittura del profilo");
            }
            db_finalize(s);
        }
    }
    free(prima);
    return rc;
}

/* Opens (SQLite: creates) the database of a new archive; for PostgreSQL the
 * database exists and may hold other enti. */
static Archivio *create_database(const char *path, char **error)
{
    Archivio *a = archivio_new(path);
    if (a->pg) {
        if (!pg_connect(a, error) || !configure(a, error)) {
            archivio_chiudi(a);
            return NULL;
        }
        return a;
    }
    struct stat st;
    if (stat(path, &st) == 0) {
        *error = xasprintf("%s: il file esiste già: un archivio nuovo si crea in un file nuovo", path);
        archivio_chiudi(a);
        return NULL;
    }
    if (sqlite3_open_v2(path, &a->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        *error = xasprintf("%s: impossibile creare l'archivio: %s", path, sqlite3_errmsg(a->db));
        archivio_chiudi(a);
        unlink(path);
        return NULL;
    }
    if (!configure(a, error) || !db_exec(a, "PRAGMA journal_mode = WAL;", "creazione", error)) {
        archivio_chiudi(a);
        unlink(path);
        return NULL;
    }
    return a;
}

/* The ente's row, and the first row of its registro. */
static ArchivioEsito insert_ente(Archivio *a, const char *ente, const char *profilo, const Autore *chi, char **error)
{
    DbStmt *s = db_prepare(a, "SELECT 1 FROM enti WHERE nome = ?", error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_text(s, 1, ente);
    bool exists = db_step(s) == DB_ROW;
    db_finalize(s);
    if (exists) {
        *error = xasprintf("%s: l'ente «%s» ha già il suo archivio qui", a->path, ente);
        return ARCHIVIO_NON_USABILE;
    }
    s = db_prepare(a, "INSERT INTO enti (nome, creato, profilo) VALUES (?, ?, ?) RETURNING id", error);
    if (!s)
        return ARCHIVIO_NON_USABILE;
    db_bind_text(s, 1, ente);
    db_bind_text(s, 2, a->quando);
    db_bind_text(s, 3, profilo);
    ArchivioEsito rc = ARCHIVIO_NON_USABILE;
    if (db_step(s) == DB_ROW) {
        a->ente = (long)db_col_int64(s, 0);
        db_reset(s); /* a RETURNING statement left on its row would keep the COMMIT from happening */
        char *dopo = json_string(ente), *profile = json_string(profilo);
        if (registro_aggiungi(a, chi, "crea archivio", "enti", "ente", NULL, "nome", NULL, dopo, error) &&
            registro_aggiungi(a, chi, "crea archivio", "enti", "ente", NULL, "profilo", NULL, profile, error))
            rc = ARCHIVIO_OK;
        free(dopo);
        free(profile);
    } else {
        *error = db_error(a, "creazione");
    }
    db_finalize(s);
    return rc;
}

ArchivioEsito archivio_crea(const char *path, const char *ente, const char *profilo, const Autore *chi, char **error)
{
    if (sodium_init() < 0) {
        *error = xstrdup("libsodium non si inizializza");
        return ARCHIVIO_NON_USABILE;
    }
    Archivio *a = create_database(path, error);
    if (!a)
        return ARCHIVIO_NON_USABILE;
    ArchivioEsito rc = ARCHIVIO_NON_USABILE;
    if (db_exec(a, a->pg ? "BEGIN" : "BEGIN IMMEDIATE", "creazione", error)) {
        a->in_transaction = true;
        now_utc(a->quando);
        memset(a->ultimo_hash, '0', 64);
        a->ultimo_hash[64] = '\0';
        /* PostgreSQL: the schema may be there already, for other enti */
        int v = a->pg ? pg_schema_version(a) : 0;
        if (v > 0 && !db_exec(a, "LOCK TABLE registro IN SHARE ROW EXCLUSIVE MODE", "creazione", error))
            v = -1;
        if (v < 0)
            rc = ARCHIVIO_NON_USABILE;
        else if (v > ARCHIVIO_SCHEMA)
            *error = xasprintf("%s: l'archivio è della versione %d, più recente di questo programma", path, v);
        else if (migrate(a, v, error) && (rc = insert_ente(a, ente, profilo, chi, error)) == ARCHIVIO_OK)
            rc = archivio_conferma(a, error);
        else
            rc = ARCHIVIO_NON_USABILE;
    }
    bool pg = a->pg;
    archivio_chiudi(a);
    if (rc != ARCHIVIO_OK && !pg)
        unlink(path); /* nothing half made */
    return rc;
}

Archivio *archivio_apri(const char *path, bool scrivi, ArchivioEsito *esito, char **error)
{
    *esito = ARCHIVIO_NON_USABILE;
    if (sodium_init() < 0) {
        *error = xstrdup("libsodium non si inizializza");
        return NULL;
    }
    Archivio *a = archivio_new(path);
    struct stat st;
    if (!a->pg && stat(path, &st) != 0) {
        *error = xasprintf("%s: archivio non trovato (si crea con: schede archivio crea %s)", path, path);
        archivio_chiudi(a);
        return NULL;
    }
    /* one connection per Archivio, used by one thread: SQLite's own mutexes are not needed */
    int flags = (scrivi ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
    if (a->pg ? !pg_connect(a, error) : sqlite3_open_v2(path, &a->db, flags, NULL) != SQLITE_OK) {
        if (!a->pg)
            *error = xasprintf("%s: impossibile aprire l'archivio: %s", path, sqlite3_errmsg(a->db));
        archivio_chiudi(a);
        return NULL;
    }
    if (!configure(a, error)) {
        archivio_chiudi(a);
        return NULL;
    }
    int v = a->pg ? pg_schema_version(a) : user_version(a);
    /* which ente: the only one, or (PostgreSQL, many enti) the one SCHEDE_ENTE names */
    const char *nome = a->pg ? getenv("SCHEDE_ENTE") : NULL;
    DbStmt *s = v > 0 ? db_prepare(a, nome && *nome ? "SELECT id FROM enti WHERE nome = ?" : "SELECT id FROM enti ORDER BY id "
                                                                                           "LIMIT 2", NULL)
                      : NULL;
    if (s && nome && *nome)
        db_bind_text(s, 1, nome);
    if (v <= 0 || !s || db_step(s) != DB_ROW) {
        *error = v <= 0 || !s ? xasprintf("%s: il file non è un archivio di schede", path)
                 : nome && *nome ? xasprintf("%s: l'archivio non ha l'ente «%s» (SCHEDE_ENTE)", path, nome)
                                 : xasprintf("%s: il file non è un archivio di schede (nessun ente)", path);
        db_finalize(s);
        archivio_chiudi(a);
        return NULL;
    }
    a->ente = (long)db_col_int64(s, 0);
    if (!(nome && *nome) && db_step(s) == DB_ROW) {
        *error = xasprintf("%s: l'archivio ha più enti: indicare quale con la variabile SCHEDE_ENTE", path);
        db_finalize(s);
        archivio_chiudi(a);
        return NULL;
    }
    db_finalize(s);
    if (v > ARCHIVIO_SCHEMA) {
        *error = xasprintf("%s: l'archivio è della versione %d, più recente di questo programma (che conosce fino "
                           "alla %d): aggiornare schede", path, v, ARCHIVIO_SCHEMA);
        archivio_chiudi(a);
        return NULL;
    }
    if (v < ARCHIVIO_SCHEMA) {
        if (!scrivi) {
            *error = xasprintf("%s: l'archivio è della versione %d: si aggiorna alla prima scrittura (schede archivio "
                               "importa)", path, v);
            archivio_chiudi(a);
            return NULL;
        }
        if (!db_exec(a, a->pg ? "BEGIN" : "BEGIN IMMEDIATE", "aggiornamento dello schema", error) || !migrate(a, v, error) ||
            !db_exec(a, "COMMIT", "aggiornamento dello schema", error)) {
            db_exec(a, "ROLLBACK", "aggiornamento dello schema", NULL);
            archivio_chiudi(a);
            return NULL;
        }
    }
    *esito = ARCHIVIO_OK;
    return a;
}

static bool last_hash(Archivio *a, char out[65], char **error)
{
    DbStmt *s = db_prepare(a, "SELECT hash FROM registro WHERE ente = ? ORDER BY id DESC LIMIT 1", error);
    if (!s)
        return false;
    db_bind_int64(s, 1, a->ente);
    int rc = db_step(s);
    if (rc == DB_ROW)
        snprintf(out, 65, "%s", db_col_text(s, 0));
    else
        memset(out, '0', 64), out[64] = '\0';
    db_finalize(s);
    if (rc != DB_ROW && rc != DB_DONE) {
        *error = db_error(a, "lettura del registro");
        return false;
    }
    return true;
}

ArchivioEsito archivio_inizia(Archivio *a, char **error)
{
    if (!db_exec(a, begin_sql(a), "scrittura", error))
        return ARCHIVIO_NON_USABILE;
    a->in_transaction = true;
    now_utc(a->quando);
    if (!last_hash(a, a->ultimo_hash, error)) {
        archivio_annulla(a);
        return ARCHIVIO_NON_USABILE;
    }
    return ARCHIVIO_OK;
}

ArchivioEsito archivio_conferma(Archivio *a, char **error)
{
    if (a->pg) {
        /* PostgreSQL answers a COMMIT of a transaction that an error ended with "ROLLBACK", not an error */
        PGresult *r = PG->exec(a->conn, "COMMIT");
        bool ok = PG->resultStatus(r) == PGRES_COMMAND_OK && strcmp(PG->cmdStatus(r), "COMMIT") == 0;
        db_pg_remember(a, r);
        PG->clear(r);
        a->in_transaction = false;
        if (!ok) {
            *error = xasprintf("%s: scrittura non riuscita: nulla è cambiato (%s)", a->path,
                               a->pg_message && *a->pg_message ? a->pg_message : "transazione annullata");
            return ARCHIVIO_NON_USABILE;
        }
        return ARCHIVIO_OK;
    }
    if (!db_exec(a, "COMMIT", "scrittura", error)) {
        archivio_annulla(a);
        return ARCHIVIO_NON_USABILE;
    }
    a->in_transaction = false;
    return ARCHIVIO_OK;
}

void archivio_annulla(Archivio *a)
{
    db_exec(a, "ROLLBACK", "annullamento", NULL);
    a->in_transaction = false;
}

void registro_hash(const char *prev, const char *const fields[11], char out[65])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prev, strlen(prev));
    for (int i = 0; i < 11; i++) {
        /* a unit separator before each field, a record separator for NULL */
        const unsigned char sep = fields[i] ? 0x1f : 0x1e;
        crypto_hash_sha256_update(&st, &sep, 1);
        if (fields[i])
            crypto_hash_sha256_update(&st, (const unsigned char *)fields[i], strlen(fields[i]));
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, 65, h, sizeof h);
}

bool registro_aggiungi(Archivio *a, const Autore *chi, const char *operazione, const char *tabella,
                       const char *chiave, const char *obiettivo, const char *campo, const char *prima,
                       const char *dopo, char **error)
{
    char ente[24];
    snprintf(ente, sizeof ente, "%ld", a->ente);
    const char *fields[11] = {ente,     a->quando, chi->autore, operazione, tabella,    chiave,
                              obiettivo, campo,    prima,       dopo,       chi->motivo};
    char hash[65];
    registro_hash(a->ultimo_hash, fields, hash);
    DbStmt *s = db_prepare(a,
                                 "INSERT INTO registro (ente, quando, chi, operazione, tabella, chiave, obiettivo, "
                                 "campo, prima, dopo, motivo, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
    if (!s)
        return false;
    db_bind_int64(s, 1, a->ente);
    for (int i = 1; i < 11; i++)
        db_bind_text(s, i + 1, fields[i]);
    db_bind_text(s, 12, hash);
    bool ok = db_step(s) == DB_DONE;
    if (!ok)
        *error = db_error(a, "scrittura del registro");
    else
        memcpy(a->ultimo_hash, hash, sizeof hash);
    db_finalize(s);
    return ok;
}

/* ---- checks, copy, history ---------------------------------------------------------------- */

static void add_problem(char ***list, size_t *n, char *p)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = p;
}

/* The registro's chain, per ente: every row's hash from the previous one;
 * in SQLite also ids without gaps (AUTOINCREMENT never reuses one, so a gap
 * is a row removed; a PostgreSQL sequence skips the ids of a rollback). */
static void check_chain(Archivio *a, char ***list, size_t *n)
{
    DbStmt *s = db_prepare(a,
                                 "SELECT id, ente, quando, chi, operazione, tabella, chiave, obiettivo, campo, prima, "
                                 "dopo, motivo, hash FROM registro WHERE ente = ? ORDER BY id",
                                 NULL);
    if (!s) {
        add_problem(list, n, db_error(a, "lettura del registro"));
        return;
    }
    db_bind_int64(s, 1, a->ente);
    char prev[65];
    memset(prev, '0', 64);
    prev[64] = '\0';
    long expected = 1;
    while (db_step(s) == DB_ROW) {
        long id = (long)db_col_int64(s, 0);
        if (!a->pg && id != expected)
            add_problem(list, n, xasprintf("registro: mancano le righe da %ld a %ld", expected, id - 1));
        expected = id + 1;
        const char *fields[11];
        for (int i = 0; i < 11; i++)
            fields[i] = db_col_text(s, i + 1);
        char hash[65];
        registro_hash(prev, fields, hash);
        const char *stored = db_col_text(s, 12);
        if (!stored || strcmp(stored, hash) != 0)
            add_problem(list, n, xasprintf("registro: la riga %ld è stata modificata fuori dal programma", id));
        snprintf(prev, sizeof prev, "%s", stored ? stored : "");
    }
    db_finalize(s);
}

/* Every version and every rilevazione has its rows in the registro. */
static void check_recorded(Archivio *a, char ***list, size_t *n)
{
    DbStmt *s = db_prepare(a, "SELECT numero FROM versioni WHERE ente = ? AND NOT EXISTS (SELECT 1 FROM registro "
                              "WHERE registro.ente = versioni.ente AND tabella = 'versioni' AND chiave = 'versione ' || "
                              "versioni.numero)", NULL);
    if (s)
        db_bind_int64(s, 1, a->ente);
    while (s && db_step(s) == DB_ROW)
        add_problem(list, n, xasprintf("la versione %d del piano non ha la sua riga nel registro",
                                       db_col_int(s, 0)));
    db_finalize(s);
    s = db_prepare(a, "SELECT c.anno, c.al, r.obiettivo, r.azione, r.indicatore, r.chiave_data FROM rilevazioni r "
                      "JOIN raccolte c ON c.id = r.raccolta WHERE c.ente = ?", NULL);
    DbStmt *q = db_prepare(a, "SELECT 1 FROM registro WHERE ente = ? AND tabella = 'rilevazioni' AND chiave = ? LIMIT 1",
                           NULL);
    if (s)
        db_bind_int64(s, 1, a->ente);
    if (q)
        db_bind_int64(q, 1, a->ente);
    while (s && q && db_step(s) == DB_ROW) {
        char *chiave = archivio_chiave_rilevazione(db_col_int(s, 0), db_col_text(s, 1),
                                                   db_col_text(s, 2), db_col_int(s, 3),
                                                   db_col_int(s, 4), db_col_text(s, 5));
        db_bind_text(q, 2, chiave);
        if (db_step(q) != DB_ROW)
            add_problem(list, n, xasprintf("la rilevazione «%s» non ha la sua riga nel registro", chiave));
        db_reset(q);
        free(chiave);
    }
    db_finalize(q);
    db_finalize(s);
}

size_t archivio_controlla(Archivio *a, char ***problemi)
{
    *problemi = NULL;
    size_t n = 0;
    /* SQLite's own checks of the file; PostgreSQL keeps its pages and foreign keys itself */
    DbStmt *s = a->pg ? NULL : db_prepare(a, "PRAGMA integrity_check", NULL);
    while (s && db_step(s) == DB_ROW) {
        const char *r = db_col_text(s, 0);
        if (r && strcmp(r, "ok") != 0)
            add_problem(problemi, &n, xasprintf("integrità: %s", r));
    }
    db_finalize(s);
    s = a->pg ? NULL : db_prepare(a, "PRAGMA foreign_key_check", NULL);
    while (s && db_step(s) == DB_ROW)
        add_problem(problemi, &n,
                    xasprintf("riferimento mancante: una riga di %s (rowid %lld) rimanda a %s che non c'è",
                              db_col_text(s, 0), (long long)db_col_int64(s, 1),
                              db_col_text(s, 2)));
    db_finalize(s);
    check_chain(a, problemi, &n);
    check_recorded(a, problemi, &n);
    return n;
}

ArchivioEsito archivio_copia(Archivio *a, const char *copia, char **error)
{
    if (a->pg) {
        *error = xasprintf("%s: un archivio PostgreSQL si copia con gli strumenti del server (pg_dump; docs/archivio.md)",
                           a->path);
        return ARCHIVIO_NON_USABILE;
    }
    struct stat st;
    if (stat(copia, &st) == 0) {
        *error = xasprintf("%s: il file esiste già: la copia si scrive in un file nuovo", copia);
        return ARCHIVIO_NON_USABILE;
    }
    char *part = xasprintf("%s.%ld.part", copia, (long)getpid());
    sqlite3 *dest = NULL;
    ArchivioEsito rc = ARCHIVIO_NON_USABILE;
    if (sqlite3_open_v2(part, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        *error = xasprintf("%s: impossibile scrivere la copia: %s", copia, sqlite3_errmsg(dest));
    } else {
        /* step by step, so that writers are not kept waiting for the whole copy */
        sqlite3_backup *b = sqlite3_backup_init(dest, "main", a->db, "main");
        int step = SQLITE_OK;
        while (b && (step = sqlite3_backup_step(b, 64)) == SQLITE_OK)
            sqlite3_sleep(1);
        int fin = b ? sqlite3_backup_finish(b) : SQLITE_ERROR;
        if (step == SQLITE_DONE && fin == SQLITE_OK &&
            sqlite3_exec(dest, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL) == SQLITE_OK)
            rc = ARCHIVIO_OK;
        else
            *error = xasprintf("%s: copia non riuscita: %s", copia, sqlite3_errmsg(dest));
    }
    sqlite3_close_v2(dest);
    if (rc == ARCHIVIO_OK && rename(part, copia) != 0) {
        *error = xasprintf("%s: impossibile scrivere la copia: %s", copia, strerror(errno));
        rc = ARCHIVIO_NON_USABILE;
    }
    if (rc != ARCHIVIO_OK)
        unlink(part);
    char *wal = xasprintf("%s-wal", part), *shm = xasprintf("%s-shm", part);
    unlink(wal);
    unlink(shm);
    free(wal);
    free(shm);
    free(part);
    return rc;
}

size_t archivio_storia(Archivio *a, const char *codice, void (*visit)(const VoceRegistro *v, void *user), void *user)
{
    return archivio_storia_di(a, codice, STORIA_TUTTO, visit, user);
}

size_t archivio_storia_di(Archivio *a, const char *codice, FiltroStoria filtro,
                          void (*visit)(const VoceRegistro *v, void *user), void *user)
{
    const char *which = filtro == STORIA_MODIFICHE ? " AND tabella <> 'accessi'"
                        : filtro == STORIA_ACCESSI ? " AND tabella = 'accessi'"
                                                   : "";
    /* +ente: the whole registro is read by its ids, newest first, not through the (ente, id) index and back to
       each row */
    char *sql = xasprintf("SELECT id, quando, chi, operazione, tabella, chiave, obiettivo, campo, prima, dopo, motivo "
                          "FROM registro WHERE %s%s ORDER BY id DESC",
                          codice ? "ente = ? AND obiettivo = ?" : "+ente = ?", which);
    DbStmt *s = db_prepare(a, sql, NULL);
    free(sql);
    if (!s)
        return 0;
    db_bind_int64(s, 1, a->ente);
    if (codice)
        db_bind_text(s, 2, codice);
    size_t n = 0;
    while (db_step(s) == DB_ROW) {
        VoceRegistro v = {.id = (long)db_col_int64(s, 0)};
        const char **f[] = {&v.quando, &v.chi, &v.operazione, &v.tabella, &v.chiave, &v.obiettivo, &v.campo,
                            &v.prima, &v.dopo, &v.motivo};
        for (int i = 0; i < 10; i++)
            *f[i] = db_col_text(s, i + 1);
        visit(&v, user);
        n++;
    }
    db_finalize(s);
    return n;
}
