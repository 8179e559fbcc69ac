/* fileio.h — reading a whole input file and writing a whole output file,
 * with an Italian reason on failure. */
#ifndef SCHEDE_FILEIO_H
#define SCHEDE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Reads path into a new NUL-terminated buffer. On failure returns NULL and
 * *reason is a static Italian phrase ("il file non esiste", ...). */
char *file_read_all(const char *path, size_t *len, const char **reason);

/* file_read_all for a loader: on failure adds the error "impossibile
 * leggere il file: <reason>" for path to diags and returns NULL. */
char *file_read_input(const char *path, size_t *len, DiagList *diags);

/* Why writing failed, in Italian, for an errno value. */
const char *file_write_reason(int err);

/* Creates the folder path and any missing parent (like mkdir -p); a folder
 * already there is fine. Returns 0, or -1 with *reason ("non è una cartella"
 * when a file stands in the way). */
int file_make_folders(const char *path, const char **reason);

/* Writes len bytes to path through a temporary file in the same folder,
 * renamed over path only when complete: path is either the old file or the
 * whole new one, never half written. Returns 0, or -1 with *reason. */
int file_write_atomic(const char *path, const char *data, size_t len, const char **reason);

/* The same, written a piece at a time: open, write, then commit (renames
 * over path; 0, or -1 with *reason, which covers a write that failed on
 * the way) or abort (removes the temporary file). Both free the FileOut. */
typedef struct FileOut FileOut;
FileOut *file_out_open(const char *path, const char **reason);
bool file_out_write(FileOut *out, const void *data, size_t len);
int file_out_commit(FileOut *out, const char **reason);
void file_out_abort(FileOut *out);

typedef enum { INPUT_EMPTY, INPUT_JSON, INPUT_CSV } InputKind;

/* What a data file (rilevazioni, valutazioni) holds, told apart by content:
 * after an optional UTF-8 BOM and blanks, JSON starts with an object and
 * anything else is CSV. Nothing but a BOM and blanks is INPUT_EMPTY, and the
 * error "il file è vuoto" is added for file. */
InputKind input_kind(const char *file, const char *text, size_t len, DiagList *diags);

#endif
