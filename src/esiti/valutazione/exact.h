/* exact.h — whole numbers of up to 256 bits, for sharing money exactly.
 *
 * The productivity fund is shared in proportion to products of scores,
 * parameters and percentages; done in floating point, a cent could go to
 * one person or another depending on rounding noise. The premi are
 * therefore computed as exact fractions of whole numbers (every input is a
 * decimal with a fixed number of places, see premi.c) and rounded to the
 * cent once, at the end. 256 bits hold every product premi.c forms within
 * its documented limits; an overflow is reported, never wrapped. */
#ifndef SCHEDE_EXACT_H
#define SCHEDE_EXACT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint64_t w[4]; /* least significant first */
} Exact;

Exact exact_from(uint64_t v);
bool exact_is_zero(Exact a);
int exact_cmp(Exact a, Exact b);
/* a + b, a · b: false on overflow (the result is then unspecified). */
bool exact_add(Exact a, Exact b, Exact *out);
bool exact_mul(Exact a, Exact b, Exact *out);
/* a − b with a ≥ b. */
Exact exact_sub(Exact a, Exact b);
/* Quotient and remainder of a / b, b ≠ 0. */
void exact_divmod(Exact a, Exact b, Exact *quot, Exact *rem);
/* The value when it fits in 64 bits. */
bool exact_to_u64(Exact a, uint64_t *out);

#endif
