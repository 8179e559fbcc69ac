/* esiti.h — the results of a year: each action's % from its rilevazione and
 * rule, each objective's weighted %. An action without a rilevazione is
 * "non rilevato": it is never counted as 0 or 100. */
#ifndef SCHEDE_ESITI_H
#define SCHEDE_ESITI_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "graduazione.h"
#include "model.h"
#include "raggiunto.h"

typedef enum { STATO_NON_RILEVATO, STATO_RILEVATO, STATO_FORZATO } StatoAzione;

typedef struct {
    const Azione *azione;
    StatoAzione stato;
    double percentuale;        /* when rilevato or forzato */
    Rule regola;               /* the rule applied (fasce owned when read from text) */
    OrigineRegola origine;
    char *raggiunto;           /* the RAGGIUNTO column: given, or written by the program */
    char *dettaglio;           /* how the % was obtained */
    char *nota;                /* the office's note (required for forzato) */
} EsitoAzione;

/* docs/formato.md §7: an indicator's result in the year. */
typedef struct {
    const Indicatore *indicatore;
    int n;                     /* 1-based, as rilevazioni name it */
    bool has_target;           /* a target for the year: only then it counts */
    double target;
    StatoAzione stato;
    bool has_valore;
    double valore;
    double percentuale;        /* when rilevato or forzato */
    bool has_data;
    Date data;                 /* when the value was measured, when the rilevazione says */
    const Rilevazione *from;   /* the rilevazione that counts (the latest dated one), or NULL */
    char *dettaglio;           /* how the % was obtained */
    char *nota;
} EsitoIndicatore;

typedef struct {
    const Obiettivo *obiettivo;
    const Annualita *annualita; /* NULL when the objective has no actions that year */
    EsitoAzione *azioni;
    size_t n_azioni;
    bool has_percentuale;
    double percentuale;         /* Σ(peso × %) / Σ(peso) over reported weighted actions */
    size_t non_rilevate;
    size_t senza_peso;          /* reported but without a weight: not in the average */
    EsitoIndicatore *indicatori; /* one per indicator of the objective */
    size_t n_indicatori;
    bool da_indicatori;         /* no actions that year: the % is Σ(peso × %) / Σ(peso) of the
                                   indicators reported (with a target that year) */
    /* The indicators' own figure, whatever the objective's % comes from:
     * Σ(peso × %) / Σ(peso) over the indicators with a target that year
     * and a rilevazione (indicatore_peso: 1 each when none has a peso). */
    bool has_percentuale_indicatori;
    double percentuale_indicatori;
    size_t indicatori_con_target;    /* indicators with a target that year */
    size_t indicatori_non_rilevati;  /* of those, without a rilevazione */
} EsitoObiettivo;

typedef struct {
    int anno;
    bool has_al;                /* computed at a monitoring date: only what is known by then */
    Date al;
    EsitoObiettivo *obiettivi;  /* in plan order */
    size_t n;
} Esiti;

/* Computes the results of year anno. rilevazioni may be NULL (nothing
 * reported). Problems (unknown objective or action, two rilevazioni for one
 * action, a value of the wrong kind, an override without nota) are errors
 * located at the rilevazione.
 *
 * A completion date alone (docs/formato.md §2 and §4) is a rilevazione
 * whatever the rule: a ritardo rule turns it into a %; any other rule gets
 * no % from it, and the action stays non rilevata, with a warning at year
 * end (it is expected during the year: the % comes later).
 *
 * An indicator may have several dated values: the latest counts. */
void esiti_compute(const Plan *plan, const Rilevazioni *rilevazioni, int anno, Esiti *out, DiagList *diags);

/* The same at a monitoring date al (NULL: year end, as esiti_compute): a
 * date after al is not known yet, so a completion or a value dated after
 * it does not count. */
void esiti_compute_at(const Plan *plan, const Rilevazioni *rilevazioni, int anno, const Date *al, Esiti *out,
                      DiagList *diags);
void esiti_free(Esiti *e);

const EsitoObiettivo *esiti_for(const Esiti *e, const Obiettivo *o);

#endif
