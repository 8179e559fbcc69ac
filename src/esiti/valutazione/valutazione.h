/* valutazione.h — each person's evaluation of the year under the comune's
 * SMVP (docs/formato.md §3): the value of every component, the final score, the
 * merit band; then (premi.h) the share of the productivity fund.
 *
 * Each part has one function, so that the sheets, the outputs and the tests
 * all use the same arithmetic:
 *   valutazione_componenti   the value of each component from its source;
 *   valutazione_punteggio    Σ(peso·valore)/Σ(peso) over the valued components;
 *   valutazione_fascia       the first band whose «da» the score reaches, as printed. */
#ifndef SCHEDE_VALUTAZIONE_H
#define SCHEDE_VALUTAZIONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "esiti.h"
#include "model.h"
#include "persone.h"
#include "sistema.h"
#include "valutazioni.h"

typedef struct {
    const Componente *componente;
    bool has_valore;
    double valore;         /* 0–100 */
    bool ridistribuito;    /* no value: its weight is shared by the others */
    double peso_effettivo; /* peso × Σ(all weights) / Σ(weights of the valued components); 0 when redistributed */
    double punti;          /* peso_effettivo × valore / Σ(all weights): the points add up to the score */
} ValoreComponente;

typedef struct {
    const Comportamento *comportamento;
    bool has_voto;
    double voto;
} VotoComportamento;

/* An objective a dirigente leads (obiettivi_diretti). */
typedef struct {
    const Obiettivo *obiettivo;
    bool has_percentuale;
    double percentuale;
    bool has_pesatura;
    double pesatura;
} ObiettivoDiretto;

typedef struct {
    const Valutazione *v;
    const Persona *persona;        /* registry person */
    const Categoria *categoria;
    const PersonaAnno *partecipazione; /* the person's rows of the year, or NULL */
    ValoreComponente *componenti;  /* in the category's order */
    size_t n_componenti;
    VotoComportamento *comportamenti;
    size_t n_comportamenti;
    ObiettivoDiretto *diretti;     /* when a component has fonte obiettivi_diretti */
    size_t n_diretti;
    bool diretti_ponderati;        /* mean weighted by pesatura (all valued ones have one) */
    bool diretti_per_peso;         /* mean weighted by the objectives' peso (docs/formato.md §7: all valued ones have one) */
    bool completa;
    char *mancanze;                /* what is missing, in words, when not complete */
    bool has_punteggio;
    double punteggio;
    int64_t punteggio_centesimi;   /* the score as printed, in hundredths */
    const FasciaMerito *fascia;    /* NULL: incomplete, or below every band */
    /* premi.c */
    bool nei_premi;                /* the category shares the fund */
    bool avente_diritto;
    char *motivo;                  /* why not, when nei_premi and not avente_diritto */
    double fattori[PROP_COUNT];    /* the proportions used, as printed */
    double quota;                  /* u, their product (orario and servizio as fractions), for display */
    bool has_premio;
    int64_t premio_centesimi, maggiorazione_centesimi, base_centesimi;
} ValutazionePersona;

typedef struct {
    bool present;
    int64_t fondo_centesimi, distribuito_centesimi;
    size_t aventi_diritto;
    size_t posti_maggiorazione;    /* k */
    size_t beneficiari_maggiorazione;
    int64_t maggiorazione_centesimi; /* M, per head, rounded to the cent */
    bool maggiorazione_condivisa;  /* a tie at the k-th place shared what was left of k × M */
    int64_t media_centesimi;       /* m = fondo / aventi diritto, rounded */
    int64_t base_centesimi;        /* B = fondo − Σ maggiorazioni, rounded */
    double somma_quote;            /* Σu, for display */
    size_t nelle_categorie;        /* evaluated persons of premi.categorie */
} TotaliPremi;

typedef struct {
    int anno;
    const Sistema *sistema;
    ValutazionePersona *persone;   /* sorted by area, then surname */
    size_t n, cap;
    bool has_ente;
    double ente;                   /* the simple mean of the objectives valued in the year */
    size_t valutati_ente;
    TotaliPremi premi;
} ValutazioniAnno;

/* Resolves every valutazione against the registry and the sistema, reports
 * errors (unknown person with the closest registry name, person evaluated
 * twice, unknown category, behaviour or component id, vote outside the
 * scale, profilo missing from premi.parametri, year mismatch) and warnings
 * (incomplete evaluations, registry people without one), then computes the
 * components, scores, bands and premi. esiti may be NULL (no results: the
 * components from objectives have no value). */
void valutazione_compute(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const Sistema *sistema,
                         const Valutazioni *valutazioni, int anno, ValutazioniAnno *out, DiagList *diags);
void valutazione_free(ValutazioniAnno *va);

/* The value of each component of p (p->componenti and, for the sources that
 * need them, p->comportamenti and p->diretti), marking the evaluation
 * incomplete where a vote or a value by hand is missing. */
void valutazione_componenti(ValutazionePersona *p, const Plan *plan, const Esiti *esiti, const ValutazioniAnno *va);

/* Σ(peso·valore)/Σ(peso) over the components with a value; sets each one's
 * effective weight and points. False when none has a value (or all weigh 0). */
bool valutazione_punteggio(ValoreComponente *c, size_t n, double *score);

/* The band of a score compared as printed (two decimals); NULL below every band. */
const FasciaMerito *valutazione_fascia(const Sistema *s, double score);

/* The score as printed, in hundredths: 89,996 → 9000. */
int64_t valutazione_centesimi(double score);

/* A valutazione in the one form the archive keeps (valutazione_norma.c),
 * for one that valutazione_compute accepted: the person by the registro's
 * name (not an id or an alias); of a CSV row's columns, the category's
 * behaviours as voti, its components given by hand as manuali, the others
 * dropped; no presa visione. */
void valutazione_normalizza(const Plan *plan, const Sistema *s, Valutazione *v);

/* The evaluation of a registry person, or NULL. */
const ValutazionePersona *valutazione_di(const ValutazioniAnno *va, const Persona *p);

/* The figures published without names (D.lgs. 33/2013 art. 20), for the
 * Relazione: evaluated persons per band and category, and the premi. */
typedef struct {
    size_t n_categorie;            /* = sistema->n_categorie */
    size_t *per_fascia;            /* [fascia × n_categorie + categoria]; row n_fasce: below every band */
    size_t *incomplete;            /* per categoria */
    size_t *valutate;              /* per categoria */
    size_t valutate_totale, incomplete_totale;
    size_t nella_fascia_alta;      /* complete evaluations in the first band */
    size_t con_punteggio;
    bool has_premi;                /* the sistema shares a fund and someone received a premio */
    int64_t fondo_centesimi, distribuito_centesimi;
    size_t con_premio, con_maggiorazione;
    int64_t media_centesimi, minimo_centesimi, massimo_centesimi;
} AggregatiValutazione;

void valutazione_aggregati(const ValutazioniAnno *va, AggregatiValutazione *out);
void valutazione_aggregati_free(AggregatiValutazione *a);

/* The final-score formula in words, for the sheets and the manual (docs/manuale.md). */
extern const char *const VALUTAZIONE_FORMULA;

#endif
