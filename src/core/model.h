/* model.h — the plan of obiettivi gestionali, as FORMAT.md §1 describes it.
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
} Obiettivo;

/* Which version of the plan this is (FORMAT.md §5): printed on the covers,
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
const Azione *annualita_azione(const Annualita *a, int n);
double pesatura_totale(const Pesatura *p);

const char *rule_type_name(RuleType t);

#endif
