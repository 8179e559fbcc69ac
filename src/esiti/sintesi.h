/* sintesi.h — the figures of the Relazione sulla Performance: how many
 * objectives of the year have a result, their simple and weighted means,
 * how they fall into the esito bands, the same by dirigente, unità, linea
 * di mandato and missione, and the people's scores in the same bands.
 *
 * Only objectives of the year count: with actions in it, or without
 * actions but with an indicator targeted for it (docs/formato.md §7). An objective "valutato"
 * has a % (esiti); the others are "non ancora valutati" and enter no mean
 * and no band. Bands are given by their lower limits, highest first
 * (90, 60, 0): a value belongs to the first band whose limit it reaches,
 * compared as printed, i.e. rounded to two decimals, so that 89,996 —
 * printed "90,00 %" — is in the 90 band, as the reader would expect. */
#ifndef SCHEDE_SINTESI_H
#define SCHEDE_SINTESI_H

#include <stdbool.h>
#include <stddef.h>

#include "esiti.h"
#include "model.h"
#include "persone.h"

#define SINTESI_MAX_FASCE 8

typedef struct {
    size_t obiettivi;                     /* of the year */
    size_t valutati;                      /* with a % */
    bool has_media;
    double media;                         /* simple mean of the valutati; for a group, by the
                                             objectives' peso when each valutato has one */
    bool per_peso;                        /* media is weighted by peso (groups only) */
    size_t per_fascia[SINTESI_MAX_FASCE];  /* valutati in each band */
} Aggregato;

typedef struct {
    char *key;       /* grouping key: case, accents and punctuation ignored */
    char *nome;      /* the most frequent spelling; NULL: not given in the plan */
    Aggregato agg;
} Gruppo;

typedef struct {
    Gruppo *gruppi;  /* sorted by name; "not given" last */
    size_t n;
} Raggruppamento;

typedef enum { GRUPPO_DIRIGENTE, GRUPPO_UNITA, GRUPPO_LINEA_MANDATO, GRUPPO_MISSIONE, GRUPPO_COUNT } TipoGruppo;

typedef struct {
    int anno;
    double limiti[SINTESI_MAX_FASCE];
    size_t n_fasce;
    Aggregato totale;
    /* Σ(pesatura × %) / Σ(pesatura) over the valutati with a pesatura; or,
     * when every valutato has an objective peso (docs/formato.md §7), Σ(peso × %) /
     * Σ(peso) over them all (per_peso). */
    bool has_media_ponderata;
    double media_ponderata;
    size_t con_pesatura;                  /* valutati in the weighted mean */
    bool per_peso;
    Raggruppamento gruppi[GRUPPO_COUNT];
    size_t azioni, azioni_rilevate;
    size_t indicatori, indicatori_rilevati; /* targeted that year, of objectives without actions */
    size_t scostamenti;                   /* actions below 100 % or not reported, and indicators
                                             as sintesi_indicatore_scostamento says */
    size_t persone, persone_valutate;     /* people of the year; those with a score */
    size_t persone_per_fascia[SINTESI_MAX_FASCE];
} Sintesi;

/* limiti: lower limits, strictly decreasing, n ≤ SINTESI_MAX_FASCE (the
 * layout file checks this); a value below the last limit falls into the
 * last band. persone may be NULL. */
void sintesi_compute(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const double *limiti,
                     size_t n_fasce, Sintesi *out);
void sintesi_free(Sintesi *s);

/* The band of a value (0-based), compared at two decimals. */
size_t sintesi_fascia(const double *limiti, size_t n_fasce, double value);

/* An objective's missione as a group: "01 – Servizi istituzionali, generali
 * e di gestione" when the text starts with a missione number of the
 * budget schema (D.lgs. 118/2011: "n. 1 …", "01 – …", "1"), else the text.
 * New strings; key is the grouping key. */
void sintesi_missione(const char *text, char **key, char **nome);

/* Whether an action result is a scostamento: not reported, or below 100 %. */
bool sintesi_is_scostamento(const EsitoAzione *e);

/* Whether an indicator's result is a scostamento: it has a target in the
 * year and is below 100 %, or is not reported where it makes the
 * objective's % (no actions in the year). */
bool sintesi_indicatore_scostamento(const EsitoObiettivo *eo, const EsitoIndicatore *e);

#endif
