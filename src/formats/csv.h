/* csv.h — reading the CSV a spreadsheet exports: UTF-8 (with or without
 * BOM) or Windows-1252, separator ';' or ',' detected from the header,
 * quoted fields with separators, quotes and line breaks inside (RFC 4180).
 * Every record keeps the line it starts on, for messages. */
#ifndef SCHEDE_CSV_H
#define SCHEDE_CSV_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_WINDOWS_1252 } CsvEncoding;

typedef struct {
    char **fields; /* UTF-8, owned */
    size_t n;
    int line;      /* where the record starts, 1-based */
} CsvRecord;

typedef struct {
    CsvRecord *records; /* the header is records[0] */
    size_t n;
    char separator;
    CsvEncoding encoding; /* the one used */
} CsvTable;

/* Parses text[0..len). On failure returns false with *error (new string)
 * and *error_line. */
bool csv_parse(const char *text, size_t len, CsvEncoding encoding, CsvTable *out, char **error, int *error_line);
void csv_free(CsvTable *t);

#endif
