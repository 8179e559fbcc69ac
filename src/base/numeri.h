/* SPDX-License-Identifier: EUPL-1.2 */
/* numeri.h — one strict reader for the numbers people type in forms: an
 * integer is digits only; a decimal is digits with at most one decimal
 * separator, comma or point ("62,5", "62.5"); a minus sign only where the
 * range allows negatives. Nothing else: no spaces, no "+", no hex ("0x10"),
 * no exponent ("1e2"), no thousands separators; too many digits for the
 * range are refused, never wrapped ("4294967297" is not 1). Independent of
 * the locale. */
#ifndef SCHEDE_NUMERI_H
#define SCHEDE_NUMERI_H

#include <stdbool.h>

/* s as an integer in [min, max]; false when it is not one, or out of range. */
bool numero_intero(const char *s, long min, long max, long *out);
/* s as a decimal in [min, max] (at most 15 significant digits); false when it is not one, or out of range. */
bool numero_decimale(const char *s, double min, double max, double *out);

#endif
