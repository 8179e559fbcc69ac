/* model.h — the plan of obiettivi gestionali, as docs/formato.md §1 describes it.
 *
 * Plain data: the loader fills it, the checks, rules and documents read it.
 * Every string is valid UTF-8, owned by the struct, and NULL when the input
 * left an optional field out (printed as an empty cell, as on the paper
 * form). Lists are (pointer, count) pairs. */
#ifndef SCHEDE_MODEL_H
#define SCHEDE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

#define PLAN_FORMAT "schede-piano/1"
#define MAX_ANNUALITA 3

/* A person of the registry (persone). */
typedef struct {
    char *id, *nome, *matricola, *area;
    char **alias;
    size_t n_alias;
} Persona;

typedef enum {
    RULE_NONE,          /* no regola given: inferred from graduazione later */
    RULE_RITARDO,       /* days late after scadenza */
    RULE_SOGLIE,        /* a measured value against thresholds */
    RULE_PROPORZIONALE, /* valore / obiettivo */
    RULE_SI_NO,         /* done or not */
    RULE_MANUALE        /* the rilevazione gives the % */
} RuleType;

typedef enum { VERSO_CRESCENTE, VERSO_DECRESCENTE } RuleDirection;

/* One band. For ritardo, limit is "giorni"; for soglie crescente "da",
 * decrescente "fino_a". */
typedef struct {
    double limit;
    double percentuale;
} RuleBand;
/* Bands written as "oltre N giorni" have no upper limit: giorni ≥ this. */
#define RULE_OPEN_DAYS 9999

typedef struct {
    RuleType tipo;
    RuleBand *fasce;
    size_t n_fasce;
    bool giorni_lavorativi;     /* ritardo */
    RuleDirection verso;        /* soglie */
    double obiettivo;           /* proporzionale */
} Rule;

typedef struct {
    int n;
    double peso;
    bool has_peso;
    char *azione, *tempi, *indicatore, *atteso, *graduazione;
    Date scadenza;
    bool has_scadenza;
    Date inizio;        /* when the action starts (monitoring); 1 January of its year when absent */
    bool has_inizio;
    Rule regola;
} Azione;

typedef struct {
    int anno;
    Azione *azioni;
    size_t n_azioni;
} Annualita;

typedef struct {
    char *nome;
    double percentuale;
    bool has_percentuale;
    bool gruppo;
} Partecipante;

typedef struct {
    int azione;
    int anno;           /* the first annualità's year when the input omits it */
    char *descrizione, *responsabile;
    Partecipante *personale;
    size_t n_personale;
} Risorsa;

typedef struct {
    int anno;
    double importo;
} Stanziamento;

typedef struct {
    char *capitolo, *descrizione, *note;
    Stanziamento *stanziamenti;
    size_t n_stanziamenti;
} Capitolo;

typedef struct {
    char *missione, *programma;
} VoceBilancio;

typedef struct {
    bool present;
    double rilevanza, innovativita, complessita, beneficio;
} Pesatura;

typedef enum { TIPO_COMUNE, TIPO_INDIVIDUALE } TipoObiettivo;

/* docs/formato.md §7: what other comuni's forms carry. */

/* A link up the chain of plans ("Obiettivo strategico" OS-1.2 …). */
typedef struct {
    char *livello, *codice, *testo;
} Collegamento;

/* A label/value field of a comune's own form. */
typedef struct {
    char *etichetta, *valore;
} Campo;

typedef struct {
    int anno;
    double target;
} TargetAnno;

/* An indicator of the objective, with a target per year. Its % of a year
 * is its regola applied to the value reported, or by default from verso
 * (crescente: valore / target; decrescente: target / valore; capped at
 * 100). */
typedef struct {
    char *nome, *tipo, *unita, *fonte, *formula;
    RuleDirection verso;  /* crescente when absent */
    double peso;
    bool has_peso;
    bool has_baseline;
    int baseline_anno;
    double baseline_valore;
    TargetAnno *valori;   /* in the order given */
    size_t n_valori;
    Rule regola;          /* RULE_NONE: the default of verso */
} Indicatore;

typedef struct {
    char *codice;
    int triennio[2];            /* the plan's when the input omits it */
    TipoObiettivo tipo;
    char *nota_tipo;
    VoceBilancio *bilancio;
    size_t n_bilancio;
    char *linea_mandato, *dup_strategica, *dup_operativa;
    char *dirigente, *posizione_organizzativa, *referenti;
    char *descrizione, *baseline, *target, *stakeholder, *accessibilita;
    char *unita_responsabile;
    char **altre_unita;
    size_t n_altre_unita;
    Annualita *annualita;
    size_t n_annualita;
    Risorsa *risorse_umane;
    size_t n_risorse_umane;
    Capitolo *finanziaria;
    size_t n_finanziaria;
    Pesatura pesatura;
    /* §7, all optional */
    char *tipologia;
    double peso;
    bool has_peso;
    Collegamento *collegamenti;
    size_t n_collegamenti;
    Campo *campi;
    size_t n_campi;
    bool valutazione_individuale; /* true unless the plan says false */
    Indicatore *indicatori;
    size_t n_indicatori;
} Obiettivo;

/* Which version of the plan this is (docs/formato.md §5): printed on the covers,
 * and how `confronta` names the two versions. */
typedef struct {
    bool present;
    bool has_data;
    Date data;
    char *atto, *descrizione;
} Versione;

typedef struct {
    char *ente;
    int triennio[2];
    Versione versione;
    Persona *persone;
    size_t n_persone;
    Obiettivo *obiettivi;
    size_t n_obiettivi;
} Plan;

void plan_free(Plan *plan);

/* Lookups; NULL when absent. */
const Annualita *obiettivo_annualita(const Obiettivo *o, int anno);
/* The objective with this codice, or NULL. */
const Obiettivo *plan_obiettivo(const Plan *plan, const char *codice);
const Azione *annualita_azione(const Annualita *a, int n);
/* The indicator's target for a year; false when it has none. */
bool indicatore_target(const Indicatore *ind, int anno, double *target);
/* Whether the objective is one of the year's: it has actions that year,
 * or none but an indicator with a target for it (docs/formato.md §7: then it is
 * scored from its indicators). */
bool obiettivo_del_anno(const Obiettivo *o, int anno);
/* Whether the objective's % of the year comes from its indicators: it has
 * indicators and no actions that year (docs/formato.md §7). Then a risorse
 * umane row of that year without «azione» is for the whole objective. */
bool obiettivo_da_indicatori(const Obiettivo *o, int anno);
double pesatura_totale(const Pesatura *p);

const char *rule_type_name(RuleType t);

#endif
