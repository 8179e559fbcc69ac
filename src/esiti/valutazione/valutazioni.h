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
    bool parziale;    /* an upload merged into the archive's: the persons it does not name are not missing */
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

/* For a reader that builds a set (the archive): a new valutazione at the
 * end of set, empty but for orario and servizio (100); a vote appended. */
Valutazione *valutazioni_nuova(Valutazioni *set);
void valutazione_aggiungi_voce(Voce **list, size_t *n, const char *id, bool has, double value);

/* ---- valutazioni_scrivi.c ------------------------------------------------------------------ */

/* A field of a valutazione: its name in the archive's registro ("categoria",
 * "voti.B2", "manuali.M1"), its label for people ("voto B2"), its value as
 * JSON ("3", "null") and as people read it ("3", "87,5", "12/03/2025", "—"). */
typedef struct {
    char *nome, *etichetta, *json, *testo;
} CampoValutazione;
/* Every field of v, in the order of the form; free with valutazione_campi_free. */
size_t valutazione_campi(const Valutazione *v, CampoValutazione **out);
void valutazione_campi_free(CampoValutazione *c, size_t n);

/* dst becomes a copy of src, with strings of its own (freed with its set). */
void valutazione_copia(Valutazione *dst, const Valutazione *src);

/* The set as a schede-valutazioni/1 file (a new string), without the
 * presa visione: only the person's own step is one. */
char *valutazioni_in_json(const Valutazioni *set);

#endif
