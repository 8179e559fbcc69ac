/* date.h — calendar dates: ISO parsing, validity, day arithmetic, and
 * finding the dates a person wrote in free text ("Entro il 31/07/2024"). */
#ifndef SCHEDE_DATE_H
#define SCHEDE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef struct {
    int year, month, day;
} Date;

typedef enum {
    DATE_OK,
    DATE_BAD_FORMAT,  /* not YYYY-MM-DD */
    DATE_IMPOSSIBLE   /* well formed, but no such day (2024-02-30) */
} DateStatus;

DateStatus date_parse_iso(const char *s, Date *out);
int date_is_valid(int year, int month, int day);
int date_days_in_month(int year, int month);

/* Days since 1970-01-01 (proleptic Gregorian); differences give day counts. */
long date_to_days(Date d);
int date_compare(Date a, Date b);

/* Writes "31/12/2024" (11 bytes with the NUL). */
void date_format_it(Date d, char buf[static 11]);
/* Writes "2024-12-31". */
void date_format_iso(Date d, char buf[static 11]);

/* Finds dates written in Italian free text: 31/12/2024, 31/12/24, 31.12.2024,
 * 31-12-2024, "31 dicembre 2024". Two-digit years are 20yy. Impossible dates
 * are skipped. Stores up to max dates in out, returns how many were found. */
size_t date_find_in_text(const char *text, Date *out, size_t max);

/* The date written into documents and workbooks: SOURCE_DATE_EPOCH when
 * set (reproducible output, as reproducible-builds.org defines it), else now. */
time_t document_time(void);

/* A time the archive wrote ("2025-07-12T08:14:00Z", UTC) where the ente is
 * (the local time zone); false when it is not one. */
bool date_utc_to_local(const char *utc, struct tm *out);
/* Its day, where the ente is. */
bool date_utc_local_day(const char *utc, Date *out);
/* "08/12/2026 10:14", where the ente is, as the offices write it; "" when utc is not a time. */
void date_utc_local_text(const char *utc, char buf[static 17]);

#endif
