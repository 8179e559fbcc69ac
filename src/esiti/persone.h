/* persone.h — the people of a plan and their results.
 *
 * A name in a risorse umane row is a registry person when it matches a
 * `nome` or an `alias` ignoring case, accents, repeated spaces, ' vs ’ and
 * punctuation around it (text_name_key); otherwise it is a person of its
 * own, keyed by that normalised spelling. Groups (`gruppo: true`) are not
 * people: they get no rows and no score. */
#ifndef SCHEDE_PERSONE_H
#define SCHEDE_PERSONE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "esiti.h"
#include "model.h"

typedef struct {
    const Obiettivo *obiettivo;
    const Azione *azione;         /* NULL when the row points at a missing action */
    int numero_azione;            /* 0: a row for the whole objective (intero_obiettivo) */
    bool intero_obiettivo;        /* the objective is measured by its indicators that year: w = 100 (the
                                     whole piano operativo of the year) and s = the objective's % */
    const Partecipante *partecipante;
    bool has_partecipazione;
    double partecipazione;        /* q, % */
    bool has_peso;
    double peso;                  /* w */
    bool rilevata;                /* the action has a % (rilevato or forzato) */
    double percentuale;           /* s */
    double contributo;            /* q·w·s / Σ(q·w) over the scored rows: they add up to the score */
    bool nel_punteggio;           /* counted in the score */
} RigaPersona;

typedef struct {
    const Obiettivo *obiettivo;
    bool has_punteggio;
    double punteggio;             /* the score restricted to this objective */
} SubtotalePersona;

typedef struct {
    const Persona *registro;      /* NULL: a name not in the registry */
    char *key;                    /* text_name_key of the name */
    char *nome;                   /* the registry nome, or the first spelling met */
    RigaPersona *righe;           /* of the year, in plan order */
    size_t n_righe;
    SubtotalePersona *subtotali;
    size_t n_subtotali;
    bool has_punteggio;
    double punteggio;
    size_t escluse;               /* rows not in the score (not reported, no %, no weight) */
    size_t fuori_valutazione;     /* rows of objectives kept out of individual evaluation (docs/formato.md §7):
                                     never in the score, not counted in escluse */
} PersonaAnno;

typedef struct {
    int anno;
    PersonaAnno *persone;         /* sorted by area, then surname */
    size_t n;
} PersoneAnno;

/* The registry person a name refers to, or NULL. */
const Persona *persone_match(const Plan *plan, const char *name);

/* The registry person with this id, or NULL. */
const Persona *persone_by_id(const Plan *plan, const char *id);

/* Like persone_match, and when that fails, comparing the names without a
 * leading title (Dott., Dott.ssa, Ing., Arch., Avv., Geom., Rag., Prof.):
 * "Dott.ssa Valentina Chiavacci" is the dirigente Valentina Chiavacci. */
const Persona *persone_match_untitled(const Plan *plan, const char *name);

/* A name's key without a leading title ("dott.ssa ", "avv. ", …): key is
 * a text_name_key; returns a pointer into it (key itself when it has none). */
const char *persone_senza_titolo(const char *key);

/* ---- one person under many spellings (persone_nomi.c) ---- */

/* The key of a name whatever its spelling: text_name_key, without a role
 * after a dash or a comma ("– Dirigente Area Tecnica"), without titles,
 * its words in order ("mario rossi"). A new string. */
char *persone_chiave_nome(const char *name);
/* Whether two names are one person's: "Mario Rossi" = "ROSSI MARIO" =
 * "Dott. Mario Rossi – Dirigente Area Tecnica". */
bool persone_stesso_nome(const char *a, const char *b);
/* The plan's own spelling of name, among its persons (the registro's nome,
 * an alias giving its nome) and then its objectives' dirigenti as written;
 * NULL when the plan has no such person. */
const char *persone_nome_nel_piano(const Plan *plan, const char *name);
/* The registry person a name is, under any of its spellings, or NULL. */
const Persona *persone_di_nome(const Plan *plan, const char *name);
/* Up to max (≤ 8) names of the plan close to name, closest first, for
 * "forse …?"; pointers into plan. Returns how many. */
size_t persone_nomi_vicini(const Plan *plan, const char *name, const char **out, size_t max);

/* The registry person whose name is within a typo of name (titles aside),
 * for "forse …?" suggestions; NULL when none is close. */
const Persona *persone_closest(const Plan *plan, const char *name);

/* Warnings about people: names matched nowhere (with the closest registry
 * name when one is close), registry people in no action of year anno,
 * registry people never named in the plan. */
void persone_check(const Plan *plan, int anno, const char *file, DiagList *diags);

/* The people of year anno with their rows and scores; esiti may be NULL
 * (no results yet: no scores). */
void persone_compute(const Plan *plan, const Esiti *esiti, int anno, PersoneAnno *out);
void persone_free(PersoneAnno *p);

/* The score formula, in one place: Σ(q·w·s) / Σ(q·w) over the rows that
 * are counted. Sets the rows' contributions; returns false when no row
 * counts (no score). */
bool persone_punteggio(RigaPersona *righe, size_t n, double *punteggio);

/* The formula in words, for the sheets and the manual (docs/manuale.md). */
extern const char *const PERSONE_FORMULA;

/* A file-name-safe slug: "D'Agostino Maria Grazia" → "dagostino-maria-grazia". */
char *persone_slug(const char *name);

#endif
