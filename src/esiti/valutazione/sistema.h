/* sistema.h — the comune's Sistema di misurazione e valutazione della
 * performance (SMVP) as data, docs/formato.md §3 (schede-sistema/1): the
 * categories of staff with the components of their evaluation and the
 * behaviours they are voted on, the merit bands, and the rules that share
 * the productivity fund (premi).
 *
 * A comune with another SMVP writes another file: every weight, source,
 * scale, band, coefficient and premi rule below is data. */
#ifndef SCHEDE_SISTEMA_H
#define SCHEDE_SISTEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan_load.h"

#define SISTEMA_FORMAT "schede-sistema/1"

/* Where a component's value (0–100) comes from. */
typedef enum {
    FONTE_OBIETTIVI,          /* the person's objective score, as in persone.pdf */
    FONTE_OBIETTIVI_DIRETTI,  /* a dirigente: the results of the objectives they lead */
    FONTE_ENTE,               /* the simple mean of every objective valued that year */
    FONTE_COMPORTAMENTI,      /* the votes on the category's behaviours */
    FONTE_MANUALE             /* a value written in the valutazione */
} FonteComponente;

typedef struct {
    char *id, *nome;
    double peso;
    FonteComponente fonte;
} Componente;

typedef struct {
    char *id, *nome;
    double peso;
} Comportamento;

typedef struct {
    char *id, *nome;
    Componente *componenti;
    size_t n_componenti;
    Comportamento *comportamenti;
    size_t n_comportamenti;
    bool has_scala;
    double scala[2];          /* lowest and highest vote */
} Categoria;

typedef struct {
    double da;                /* lowest final score of the band */
    char *nome;
    bool has_coefficiente;
    double coefficiente;      /* for the "fascia" proportion */
} FasciaMerito;

/* The factors a premio is proportional to (premi.proporzioni). */
typedef enum { PROP_PUNTEGGIO, PROP_FASCIA, PROP_PARAMETRO, PROP_ORARIO, PROP_SERVIZIO, PROP_COUNT } Proporzione;

typedef struct {
    char *profilo;
    double valore;
} Parametro;

typedef struct {
    bool present;
    double fondo;             /* euro */
    char **categorie;         /* the categories that share the fund */
    size_t n_categorie;
    double soglia;            /* lowest final score with a premio */
    char *riferimento;        /* the contract clause, printed with the formula */
    Parametro *parametri;
    size_t n_parametri;
    bool has_maggiorazione;
    double maggiorazione_percentuale; /* of the mean premio */
    double maggiorazione_quota;       /* % of the eligible who get it */
    Proporzione proporzioni[PROP_COUNT];
    size_t n_proporzioni;
} RegolePremi;

typedef struct {
    char *file;
    Categoria *categorie;
    size_t n_categorie;
    FasciaMerito *fasce;      /* highest first */
    size_t n_fasce;
    RegolePremi premi;
} Sistema;

/* Reads a schede-sistema/1 file. Errors (the file cannot be used) and
 * warnings (weights that do not sum to 100, ...) name the file and the JSON
 * path. A loaded SMVP is sistema_free'd; after a failed load nothing is
 * left (sistema_free is harmless on it). */
LoadStatus sistema_load_file(const char *path, Sistema *out, DiagList *diags);
LoadStatus sistema_load_buffer(const char *file, const char *text, size_t len, Sistema *out, DiagList *diags);
void sistema_free(Sistema *s);

const Categoria *sistema_categoria(const Sistema *s, const char *id);
const Componente *categoria_componente(const Categoria *c, const char *id);
const Comportamento *categoria_comportamento(const Categoria *c, const char *id);
const Parametro *sistema_parametro(const Sistema *s, const char *profilo);
bool sistema_categoria_in_premi(const Sistema *s, const char *categoria);
bool sistema_usa_proporzione(const Sistema *s, Proporzione p);

/* The names as written in the file: "obiettivi_diretti", "parametro". */
const char *fonte_name(FonteComponente f);
const char *proporzione_name(Proporzione p);

#endif
