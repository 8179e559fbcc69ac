/* raggiunto.h — what the offices report at year end (docs/formato.md §2): one
 * rilevazione per action, from JSON (schede-raggiunto/1) or from the CSV a
 * spreadsheet exports. */
#ifndef SCHEDE_RAGGIUNTO_H
#define SCHEDE_RAGGIUNTO_H

#include <stdbool.h>
#include <stddef.h>

#include "csv.h"
#include "date.h"
#include "diag.h"
#include "plan_load.h"

#define RAGGIUNTO_FORMAT "schede-raggiunto/1"

typedef enum { VALORE_NESSUNO, VALORE_NUMERO, VALORE_SI_NO } ValoreKind;

typedef struct {
    char *obiettivo;  /* codice */
    int azione;
    int indicatore;   /* docs/formato.md §7: 1-based position in the objective's indicatori, instead of azione; 0: none */
    bool has_data;
    Date data;
    ValoreKind valore_kind;
    double valore;    /* VALORE_NUMERO */
    bool valore_si;   /* VALORE_SI_NO */
    bool has_percentuale;
    double percentuale;
    char *raggiunto;  /* text for the RAGGIUNTO column, or NULL */
    char *nota;
    /* monitoring during the year (docs/formato.md §4) */
    bool has_avanzamento;
    double avanzamento; /* 0–100, progress of an action not yet concluded */
    char *criticita, *proposta;
    /* where it was read, for messages: a CSV line, or a JSON path */
    int line;
    char *path;
    bool invalid; /* a field could not be read (already reported): not evaluated */
} Rilevazione;

typedef struct {
    char *file;
    bool has_anno;
    int anno;         /* from the JSON file */
    Rilevazione *items;
    size_t n;
} Rilevazioni;

/* Encoding of a CSV file: detected, or forced with --codifica. */
typedef enum { CODIFICA_AUTO, CODIFICA_UTF8, CODIFICA_WINDOWS_1252 } Codifica;

/* The CSV reader's encoding for --codifica. */
CsvEncoding codifica_csv(Codifica c);

/* Reads a JSON or CSV file, told apart by content. Errors name the file and
 * the JSON path or the CSV line. */
LoadStatus raggiunto_load_file(const char *path, Codifica codifica, Rilevazioni *out, DiagList *diags);
LoadStatus raggiunto_load_buffer(const char *file, const char *text, size_t len, Codifica codifica,
                                 Rilevazioni *out, DiagList *diags);
void raggiunto_free(Rilevazioni *r);

/* Whether the rilevazione reports a result (data, valore or percentuale).
 * One without a result that carries avanzamento, criticità or proposta
 * reports the progress of an action under way: the action is not yet
 * rilevata, without error; without those either it is an error, as before. */
bool raggiunto_has_result(const Rilevazione *r);

/* Adds a diagnostic located at the rilevazione (CSV line or JSON path).
 * The diagnostics of a rilevazioni file are listed in file order, so
 * objective is only kept for JSON files (CSV lines order them). */
void raggiunto_diag(DiagList *diags, DiagSeverity sev, const Rilevazioni *set, const Rilevazione *r,
                    int objective, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

#endif
