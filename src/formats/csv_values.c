#include "csv_values.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

bool csv_load_table(const char *file, const char *text, size_t len, CsvEncoding encoding, CsvTable *out,
                    DiagList *diags)
{
    char *error;
    int line;
    memset(out, 0, sizeof *out);
    if (!csv_parse(text, len, encoding, out, &error, &line)) {
        diag_add_at(diags, DIAG_ERROR, file, line, 0, "%s", error);
        free(error);
        return false;
    }
    if (out->n == 0) {
        diag_add(diags, DIAG_ERROR, file, NULL, NULL, -1, "il file è vuoto");
        csv_free(out);
        return false;
    }
    return true;
}

bool csv_record_blank(const CsvRecord *rec)
{
    for (size_t k = 0; k < rec->n; k++)
        for (const char *c = rec->fields[k]; *c; c++)
            if (*c != ' ' && *c != '\t')
                return false;
    return true;
}

char *csv_trim(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return xstrndup(s, n);
}

/* "1.234,5", "1,234.5", "1234,5", "85%", "1 200" → number. A single dot
 * followed by three digits ("1.500") is read as thousands, the Italian way;
 * *thousands_guess says so, for a warning. */
bool csv_parse_number(const char *in, double *out, bool *thousands_guess)
{
    char buf[64];
    size_t n = 0;
    *thousands_guess = false;
    for (const char *p = in; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '%' || c == '\'')
            continue;
        if (c == 0xC2 && (unsigned char)p[1] == 0xA0) { p++; continue; }              /* no-break space */
        if (c == 0xE2 && (unsigned char)p[1] == 0x82 && (unsigned char)p[2] == 0xAC) { p += 2; continue; } /* € */
        if (n + 1 >= sizeof buf)
            return false;
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    if (n == 0)
        return false;
    char *dot = strrchr(buf, '.'), *comma = strrchr(buf, ',');
    size_t dots = 0, commas = 0;
    for (char *p = buf; *p; p++) {
        dots += *p == '.';
        commas += *p == ',';
    }
    char decimal = '\0';
    if (dots && commas)
        decimal = dot > comma ? '.' : ',';
    else if (commas == 1)
        decimal = ',';
    else if (dots == 1) {
        if (strlen(dot + 1) == 3 && dot - buf <= 3 && dot != buf) {
            *thousands_guess = true;
        } else {
            decimal = '.';
        }
    }
    char clean[64];
    size_t k = 0;
    for (char *p = buf; *p; p++) {
        if (*p == '.' || *p == ',') {
            if (*p == decimal)
                clean[k++] = '.';
            continue;
        }
        if (!isdigit((unsigned char)*p) && !(*p == '-' && p == buf) && !(*p == '+' && p == buf))
            return false;
        clean[k++] = *p;
    }
    clean[k] = '\0';
    if (k == 0 || (k == 1 && !isdigit((unsigned char)clean[0])))
        return false;
    /* The C library's strtod follows the locale: read the digits ourselves. */
    double v = 0, scale = 0;
    int sign = 1;
    for (char *p = clean; *p; p++) {
        if (*p == '-') sign = -1;
        else if (*p == '+') continue;
        else if (*p == '.') scale = 1;
        else if (scale > 0) { scale /= 10; v += (*p - '0') * scale; }
        else v = v * 10 + (*p - '0');
    }
    *out = sign * v;
    return isfinite(*out);
}

/* si/sì/no/vero/falso/x/true/false; *ok false when it is none of them. */
bool csv_parse_bool(const char *s, bool *ok)
{
    char *k = text_name_key(s); /* lower case, no accents */
    static const char *const yes[] = {"si", "vero", "x", "true", "s", NULL};
    static const char *const no[] = {"no", "falso", "false", "n", NULL};
    bool v = false;
    *ok = false;
    for (size_t i = 0; yes[i]; i++)
        if (strcmp(k, yes[i]) == 0)
            *ok = v = true;
    for (size_t i = 0; no[i]; i++)
        if (strcmp(k, no[i]) == 0) {
            *ok = true;
            v = false;
        }
    free(k);
    return v;
}

/* dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd. */
DateStatus csv_parse_date(const char *s, Date *out)
{
    if (strlen(s) == 10 && s[4] == '-')
        return date_parse_iso(s, out);
    int d, m, y, n = 0;
    char sep1, sep2;
    if (sscanf(s, "%2d%c%2d%c%4d%n", &d, &sep1, &m, &sep2, &y, &n) != 5 || s[n] != '\0' || sep1 != sep2 ||
        (sep1 != '/' && sep1 != '-' && sep1 != '.'))
        return DATE_BAD_FORMAT;
    const char *year = strrchr(s, sep1) + 1;
    size_t ylen = strlen(year);
    if (ylen == 2)
        y += 2000;
    else if (ylen != 4)
        return DATE_BAD_FORMAT;
    if (!date_is_valid(y, m, d))
        return DATE_IMPOSSIBLE;
    *out = (Date){y, m, d};
    return DATE_OK;
}

char *csv_date_problem(const char *text, DateStatus st)
{
    if (st == DATE_IMPOSSIBLE)
        return xasprintf("il %s non esiste nel calendario", text);
    return xasprintf("«%s» non è una data: scriverla come gg/mm/aaaa (per esempio 30/06/2025)", text);
}

bool csv_sembra_formula(const char *s)
{
    if (!s || !strchr("=+-@\t\r", *s) || !*s)
        return false;
    /* a number ("-12,50") is no formula, and stays a number */
    const char *p = s + (*s == '-');
    size_t digits = strspn(p, "0123456789");
    if (digits && (p[digits] == '\0' ||
                   ((p[digits] == ',' || p[digits] == '.') && p[digits + 1] &&
                    strspn(p + digits + 1, "0123456789") == strlen(p + digits + 1))))
        return false;
    return true;
}

/* A CSV field: quoted when it holds ; " or a line break; a cell a spreadsheet would take for a formula
 * (=, +, -, @, tab, CR at its start) begins with ' instead (OWASP, CSV injection). */
void csv_put_field(StrBuf *b, const char *s, bool last)
{
    s = s ? s : "";
    bool formula = csv_sembra_formula(s);
    if (formula || strpbrk(s, ";\"\n\r")) {
        strbuf_puts(b, formula ? "\"'" : "\"");
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                strbuf_puts(b, "\"");
            strbuf_append(b, p, 1);
        }
        strbuf_puts(b, "\"");
    } else {
        strbuf_puts(b, s);
    }
    strbuf_puts(b, last ? "\r\n" : ";");
}

/* 81.5 → "81,50": two decimals, decimal comma, no % sign (a number column). */
void csv_format_decimal(char *buf, size_t size, double v)
{
    double r = round(v * 100.0);
    int neg = r < 0;
    unsigned long long c = (unsigned long long)(neg ? -r : r);
    snprintf(buf, size, "%s%llu,%02llu", neg ? "-" : "", c / 100, c % 100);
}


void csv_format_value(char *buf, size_t size, double v)
{
    if (!(fabs(v) < 9e12)) { /* beyond what millionths hold exactly (and NaN): whole units */
        snprintf(buf, size, "%.0f", v);
        return;
    }
    double r = round(v * 1e6);
    int neg = r < 0;
    unsigned long long m = (unsigned long long)(neg ? -r : r);
    unsigned long long whole = m / 1000000, frac = m % 1000000;
    if (frac == 0) {
        snprintf(buf, size, "%s%llu", neg ? "-" : "", whole);
        return;
    }
    char digits[8];
    snprintf(digits, sizeof digits, "%06llu", frac);
    for (int i = 5; i > 0 && digits[i] == '0'; i--)
        digits[i] = '\0';
    snprintf(buf, size, "%s%llu,%s", neg ? "-" : "", whole, digits);
}
