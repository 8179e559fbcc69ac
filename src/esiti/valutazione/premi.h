/* premi.h — sharing the productivity fund by the evaluations (docs/formato.md §3,
 * "Premi", in the manner of art. 81 CCNL Funzioni Locali 16/11/2022).
 *
 * For the persons of premi.categorie:
 *   1. eligible: complete evaluation, final score (as printed) ≥ soglia, no
 *      escluso_premio, and a share u > 0; the others get 0, with the reason;
 *   2. u = the product of the proportions chosen: punteggio, fascia
 *      (coefficiente), parametro (of the profilo), orario/100, servizio/100;
 *   3. m = fondo / |E|, M = m × percentuale / 100;
 *   4. k = max(1, ⌊|E| × quota / 100⌋): the k best scores get M each; a tie
 *      at the k-th place shares equally what is left of k × M;
 *   5. B = fondo − Σ maggiorazioni; premio = B × u / Σu + maggiorazione;
 *   6. rounded to the cent so that the premi add up to the fondo exactly:
 *      each rounded down, then one cent each to the largest remainders (ties:
 *      higher final score, then name).
 *
 * Everything is computed exactly, as fractions of whole numbers (exact.h):
 * scores in hundredths, orario and servizio in hundredths of a percent,
 * parametri and coefficienti in ten-thousandths, amounts in cents. Limits:
 * 100,000 persons, a fund of 100 million euro. */
#ifndef SCHEDE_PREMI_H
#define SCHEDE_PREMI_H

#include "valutazione.h"

/* Fills the premi fields of every person of va and va->premi. Does nothing
 * when the sistema has no premi. */
void premi_compute(const Sistema *s, ValutazioniAnno *va);

/* The formula in words, with the sistema's own numbers and reference. New string. */
char *premi_formula(const Sistema *s);

#endif
