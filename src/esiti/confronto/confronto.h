/* confronto.h — what changed between two versions of a plan (docs/formato.md §5),
 * for the Giunta's deliberation: objectives added, removed and modified,
 * matched by codice; within an objective every field of the form, the
 * actions matched by (anno, n), the risorse umane rows by (anno, azione)
 * and their people by name, the finanziaria and the pesatura. Each change
 * names its field in words ("annualità 2025, azione 2: peso"). */
#ifndef SCHEDE_CONFRONTO_H
#define SCHEDE_CONFRONTO_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

typedef struct {
    char *campo;   /* in words */
    char *prima;   /* NULL: absent before */
    char *dopo;    /* NULL: absent after */
    bool testo;    /* a long text: shown with a word-level difference */
} Modifica;

typedef struct {
    int anno;
    double prima, dopo; /* the sums of the weights of the annualità */
} PesiAnno;

typedef struct {
    const Obiettivo *vecchio, *nuovo;
    Modifica *campi;
    size_t n;
    PesiAnno *pesi;     /* the annualità whose weights changed */
    size_t n_pesi;
} ObiettivoModificato;

typedef struct {
    const Plan *vecchio, *nuovo;
    const Obiettivo **aggiunti;
    size_t n_aggiunti;
    const Obiettivo **eliminati;
    size_t n_eliminati;
    ObiettivoModificato *modificati;
    size_t n_modificati;
} Confronto;

/* Compares; warnings where a match is doubtful (an objective removed and
 * one added with a very similar description: a changed codice?; an action
 * renumbered: the same text under another n) go to diags, about file_nuovo. */
void confronto_compute(const Plan *vecchio, const Plan *nuovo, const char *file_nuovo, Confronto *out,
                       DiagList *diags);
void confronto_free(Confronto *c);
bool confronto_vuoto(const Confronto *c);

/* {"aggiunti": [codice…], "eliminati": [codice…], "modificati": [{"codice",
 * "campi": [{"campo", "prima", "dopo"}], "pesi": [{"anno", "prima", "dopo"}]}]}. New string. */
char *confronto_to_json(const Confronto *c);

/* How similar two texts are, 0–1: the share of words they have in common. */
double confronto_somiglianza(const char *a, const char *b);

#endif
