/* valutazioni.h — the evaluations of a year, docs/formato.md §3
 * (schede-valutazioni/1): one per person, with the category, the profilo
 * and the share of the year worked, the votes on behaviours, the values
 * given by hand, the evaluator and the texts of the sheet. From JSON, or
 * from the CSV a spreadsheet exports (the dialects of the rilevazioni).
 *
 * Loading reads the file alone; valutazione.c resolves persons, categories
 * and ids against the plan's registry and the sistema. */
#ifndef SCHEDE_VALUTAZIONI_H
#define SCHEDE_VALUTAZIONI_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "plan_load.h"
#include "raggiunto.h"

#define VALUTAZIONI_FORMAT "schede-valutazioni/1"

/* A vote or a value by hand, under the id of its behaviour or component. */
typedef struct {
    char *id;
    bool has_valore;  /* false: left empty (a missing vote) */
    double valore;
} Voce;

typedef struct {
    char *persona;    /* as written: a registry id or a name */
    char *categoria, *profilo;
    double orario;    /* % of full time, default 100 */
    double servizio;  /* % of the year in service, default 100 */
    Voce *voti;       /* JSON: "voti"; CSV: every column that is not a field of its own */
    size_t n_voti;
    Voce *manuali;    /* JSON: "manuali" (CSV: among voti, told apart by the category) */
    size_t n_manuali;
    char *valutatore, *commento, *osservazioni, *giudizio, *escluso_premio;
    bool has_data, has_colloquio, has_presa_visione;
    Date data, colloquio, presa_visione;
    int line;         /* CSV line, or 0 */
    char *path;       /* JSON path, or NULL */
    bool invalid;     /* a field could not be read (already reported) */
} Valutazione;

typedef struct {
    char *file;
    bool csv;
    int header_line;  /* CSV */
    bool has_anno;
    int anno;
    Valutazione *items;
    size_t n, cap;
} Valutazioni;

/* JSON or CSV told apart by content, like the rilevazioni. */
LoadStatus valutazioni_load_file(const char *path, Codifica codifica, Valutazioni *out, DiagList *diags);
LoadStatus valutazioni_load_buffer(const char *file, const char *text, size_t len, Codifica codifica,
                                   Valutazioni *out, DiagList *diags);
void valutazioni_free(Valutazioni *v);

/* A diagnostic at a valutazione: "file:LINE: persona: msg" for CSV, the JSON
 * path otherwise, with key (and subkey: "voti", "B2") appended when not NULL. */
void valutazioni_diag(DiagList *diags, DiagSeverity sev, const Valutazioni *set, const Valutazione *v,
                      const char *key, const char *subkey, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

const Voce *valutazione_voce(const Voce *list, size_t n, const char *id);

#endif
