/* csv_values.h — the values of a CSV cell as offices write them in a
 * spreadsheet: Italian numbers, dates and yes/no. Shared by every CSV input
 * (rilevazioni, valutazioni). Independent of the process locale. */
#ifndef SCHEDE_CSV_VALUES_H
#define SCHEDE_CSV_VALUES_H

#include <stdbool.h>

#include <stddef.h>

#include "csv.h"
#include "date.h"
#include "diag.h"
#include "text.h"

/* A whole CSV file read as a table with its header (csv_parse): a syntax
 * error (with its line) or an empty file is added to diags as an error and
 * false returned; out is then empty. */
bool csv_load_table(const char *file, const char *text, size_t len, CsvEncoding encoding, CsvTable *out,
                    DiagList *diags);

/* Whether every field of the record is empty or blank (a row to skip). */
bool csv_record_blank(const CsvRecord *rec);

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
/* What is wrong with a date typed as text, for the person who typed it (a new
 * string): "il 31/06/2025 non esiste nel calendario", or how to write one. */
char *csv_date_problem(const char *text, DateStatus st);

/* Writing: a field followed by ';' (or CRLF when last), quoted when it
 * holds ; " or a line break. */
void csv_put_field(StrBuf *b, const char *s, bool last);
/* Whether a spreadsheet would read the cell s as a formula (it begins with =, +, -, @, tab or CR, and is not a
 * plain number): every CSV the program writes prefixes such a cell with ' (OWASP). */
bool csv_sembra_formula(const char *s);

/* 81.5 → "81,50": two decimals, decimal comma, no % sign (a number column). */
void csv_format_decimal(char *buf, size_t size, double v);

/* 12.345 → "12,345", 30 → "30": a measured value as given, to the millionth,
 * decimal comma, no thousands separator, whatever the locale. */
void csv_format_value(char *buf, size_t size, double v);

#endif
