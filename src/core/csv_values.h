/* csv_values.h — the values of a CSV cell as offices write them in a
 * spreadsheet: Italian numbers, dates and yes/no. Shared by every CSV input
 * (rilevazioni, valutazioni). Independent of the process locale. */
#ifndef SCHEDE_CSV_VALUES_H
#define SCHEDE_CSV_VALUES_H

#include <stdbool.h>

#include <stddef.h>

#include "date.h"
#include "text.h"

/* The cell without spaces and tabs at its ends. New string. */
char *csv_trim(const char *s);

/* "1.234,5", "1,234.5", "1234,5", "85%", "1 200", "€ 10" → number. A single
 * dot followed by three digits ("1.500") is read as thousands, the Italian
 * way; *thousands_guess says so, for a warning. */
bool csv_parse_number(const char *in, double *out, bool *thousands_guess);

/* si/sì/no/vero/falso/x/true/false; *ok false when it is none of them. */
bool csv_parse_bool(const char *s, bool *ok);

/* dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd. */
DateStatus csv_parse_date(const char *s, Date *out);

/* Writing: a field followed by ';' (or CRLF when last), quoted when it
 * holds ; " or a line break. */
void csv_put_field(StrBuf *b, const char *s, bool last);

/* 81.5 → "81,50": two decimals, decimal comma, no % sign (a number column). */
void csv_format_decimal(char *buf, size_t size, double v);

#endif
