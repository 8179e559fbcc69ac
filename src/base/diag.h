/* diag.h — the list of errors and warnings found in an input file.
 *
 * Every problem the tool finds in the user's data becomes one Diag: its
 * severity, the file, where in the file (line and column for syntax, a JSON
 * path such as $.obiettivi[3].annualita[0].azioni[1].peso for meaning), the
 * objective's codice when known, and an Italian message. Nothing is printed
 * while loading: the command decides how to show the list. */
#ifndef SCHEDE_DIAG_H
#define SCHEDE_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

typedef struct {
    DiagSeverity severity;
    char *file;     /* as the user named it */
    int line;       /* 1-based; 0 when the place is a JSON path */
    int column;     /* 1-based, in characters; 0 when unknown */
    char *path;     /* JSON path, or NULL */
    char *codice;   /* the objective's codice, or NULL */
    int objective;  /* index in the plan, -1 for the plan as a whole; orders the report */
    char *message;
    char *campo;    /* the field of the record it is about ("nota"), for a form to show it there; NULL */
} Diag;

/* Where the values of a file read as another document came from: a
 * workbook is read as the JSON document it stands for (esiti/scambio), and
 * each JSON path of that document has its sheet and cell ("Azioni!D4", or
 * "Azioni, riga 4" for a whole row). */
typedef struct {
    char *path, *where;
} SourcePlace;

typedef struct {
    char *file; /* as the user named it, as in Diag.file */
    SourcePlace *places;
    size_t n;
} SourceMap;

typedef struct {
    Diag *items;
    size_t count, capacity;
    size_t errors, warnings;
    /* The source maps of the files loaded into this list (diag_list_add_map):
     * owned by the list, freed with it. */
    SourceMap *maps;
    size_t n_maps;
} DiagList;

void diag_list_init(DiagList *list);
/* Frees the diagnostics and the source maps. */
void diag_list_free(DiagList *list);

/* Gives the list the source map of a file loaded into it (the map is taken
 * and *map emptied). Every diagnostic about that file that names a JSON
 * path, whether already in the list or added later (the checks that run
 * after loading name JSON paths too), names instead the place the value came
 * from: the longest path of the map that is the diagnostic's or contains it. */
void diag_list_add_map(DiagList *list, SourceMap *map);
void source_map_free(SourceMap *map);

/* Names the field the last diagnostic added is about (Diag.campo). */
void diag_set_campo(DiagList *list, const char *campo);

/* Moves src's diagnostics and source maps to the end of dst; src is left empty. */
void diag_list_move(DiagList *dst, DiagList *src);

/* Adds one diagnostic; the strings are copied. fmt is printf-style. */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
void diag_add(DiagList *list, DiagSeverity sev, const char *file,
              const char *path, const char *codice, int objective,
              const char *fmt, ...);

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
void diag_add_at(DiagList *list, DiagSeverity sev, const char *file,
                 int line, int column, const char *fmt, ...);

/* Stable sort: plan-wide first, then by objective in plan order; within
 * one file, diagnostics with line numbers in line order. */
void diag_list_sort(DiagList *list);

/* One line: "errore: FILE:LINE:COL: msg" or "avviso: FILE: CODICE: PATH: msg". */
void diag_print(FILE *out, const Diag *d);

/* What a loader of any file reports besides its diagnostics. */
typedef enum {
    LOAD_OK = 0,          /* usable; diags may hold warnings */
    LOAD_DATA_ERROR = 1,  /* the data has errors (exit code 1) */
    LOAD_IO_ERROR = 2     /* the file could not be read (exit code 2) */
} LoadStatus;

/* Prints one error that is not in a list, as diag_print would: "errore:
 * FILE: msg" ("errore: msg" when file is NULL). For what goes wrong with a
 * file the command itself reads or writes (a font, a folder, a disk full). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void diag_report(FILE *out, const char *file, const char *fmt, ...);

/* The exit code a command reports for this list: 1 when it holds an error
 * (the data cannot be used), 0 otherwise (warnings only). */
int diag_exit_code(const DiagList *list);

/* The first diagnostic whose message contains needle (for tests and callers). */
const Diag *diag_find(const DiagList *list, const char *needle);

#endif
