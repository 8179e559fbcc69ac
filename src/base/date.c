#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int date_is_valid(int year, int month, int day)
{
    return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 &&
           day >= 1 && day <= date_days_in_month(year, month);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

DateStatus date_parse_iso(const char *s, Date *out)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return DATE_BAD_FORMAT;
    if (!date_is_valid(y, m, d))
        return DATE_IMPOSSIBLE;
    out->year = y;
    out->month = m;
    out->day = d;
    return DATE_OK;
}

long date_to_days(Date dt)
{
    /* Howard Hinnant's days_from_civil. */
    int y = dt.year - (dt.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned mp = (unsigned)(dt.month + (dt.month > 2 ? -3 : 9));
    unsigned doy = (153 * mp + 2) / 5 + (unsigned)dt.day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

int date_compare(Date a, Date b)
{
    long x = date_to_days(a), y = date_to_days(b);
    return (x > y) - (x < y);
}

/* Dates here are always valid (year 1900–2999), so 10 characters suffice;
 * the wider scratch buffer only keeps the compiler's range analysis quiet. */
void date_format_it(Date d, char buf[static 11])
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%02d/%02d/%04d", d.day, d.month, d.year);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
}

void date_format_iso(Date d, char buf[static 11])
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.year, d.month, d.day);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
}

static const char *const month_names[] = {
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
    "agosto", "settembre", "ottobre", "novembre", "dicembre"};

/* Reads 1–max digits at s; returns how many. */
static int read_number(const char *s, int max, int *value)
{
    int n = 0, v = 0;
    while (n < max && isdigit((unsigned char)s[n])) {
        v = v * 10 + (s[n] - '0');
        n++;
    }
    *value = v;
    return n;
}

static int normalise_year(int year, int ndigits)
{
    return ndigits == 2 ? 2000 + year : year;
}

/* Tries a numeric date at s ("31/12/2024"); returns bytes consumed or 0. */
static size_t numeric_date(const char *s, Date *out)
{
    int d, m, y;
    int nd = read_number(s, 2, &d);
    if (nd == 0)
        return 0;
    char sep = s[nd];
    if (sep != '/' && sep != '.' && sep != '-')
        return 0;
    const char *p = s + nd + 1;
    int nm = read_number(p, 2, &m);
    if (nm == 0 || p[nm] != sep)
        return 0;
    p += nm + 1;
    int ny = read_number(p, 4, &y);
    if ((ny != 2 && ny != 4) || isdigit((unsigned char)p[ny]))
        return 0;
    y = normalise_year(y, ny);
    if (!date_is_valid(y, m, d))
        return 0;
    *out = (Date){y, m, d};
    return (size_t)(p + ny - s);
}

/* Tries "31 dicembre 2024" at s; returns bytes consumed or 0. */
static size_t worded_date(const char *s, Date *out)
{
    int d, y;
    int nd = read_number(s, 2, &d);
    if (nd == 0 || s[nd] != ' ')
        return 0;
    const char *p = s + nd + 1;
    for (int m = 0; m < 12; m++) {
        size_t len = strlen(month_names[m]);
        if (strncasecmp(p, month_names[m], len) == 0 && p[len] == ' ') {
            const char *q = p + len + 1;
            int ny = read_number(q, 4, &y);
            if (ny != 4 || isdigit((unsigned char)q[ny]) || !date_is_valid(y, m + 1, d))
                return 0;
            *out = (Date){y, m + 1, d};
            return (size_t)(q + ny - s);
        }
    }
    return 0;
}

size_t date_find_in_text(const char *text, Date *out, size_t max)
{
    size_t found = 0;
    const char *p = text;
    while (*p && found < max) {
        /* A date starts at a digit not preceded by another digit. */
        if (isdigit((unsigned char)*p) && (p == text || !isdigit((unsigned char)p[-1]))) {
            Date d;
            size_t n = numeric_date(p, &d);
            if (n == 0)
                n = worded_date(p, &d);
            if (n > 0) {
                out[found++] = d;
                p += n;
                continue;
            }
        }
        p++;
    }
    return found;
}

time_t document_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

bool date_utc_to_local(const char *utc, struct tm *out)
{
    int y, mo, d, h, mi, se;
    char rest;
    if (!utc || sscanf(utc, "%d-%d-%dT%d:%d:%dZ%c", &y, &mo, &d, &h, &mi, &se, &rest) != 6 || !date_is_valid(y, mo, d) ||
        h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return false;
    time_t t = (time_t)date_to_days((Date){y, mo, d}) * 86400 + h * 3600 + mi * 60 + se;
    return localtime_r(&t, out) != NULL;
}

bool date_utc_local_day(const char *utc, Date *out)
{
    struct tm local;
    if (!date_utc_to_local(utc, &local))
        return false;
    *out = (Date){local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
    return true;
}

void date_utc_local_text(const char *utc, char buf[static 17])
{
    struct tm local;
    buf[0] = '\0';
    if (date_utc_to_local(utc, &local))
        strftime(buf, 17, "%d/%m/%Y %H:%M", &local);
}
