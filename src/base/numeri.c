/* SPDX-License-Identifier: EUPL-1.2 */
/* numeri.c — the strict number reader (numeri.h). */
#include "numeri.h"

#include <limits.h>
#include <stddef.h>

bool numero_intero(const char *s, long min, long max, long *out)
{
    if (!s)
        return false;
    bool negative = *s == '-' && min < 0;
    const char *p = s + negative;
    if (!*p)
        return false;
    long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        int digit = *p - '0';
        if (v > (LONG_MAX - digit) / 10)
            return false; /* overflow: refused, never wrapped */
        v = v * 10 + digit;
    }
    if (negative)
        v = -v;
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool numero_decimale(const char *s, double min, double max, double *out)
{
    if (!s)
        return false;
    bool negative = *s == '-' && min < 0;
    const char *p = s + negative;
    long long mantissa = 0;
    int digits = 0, significant = 0, decimals = 0;
    bool separator = false;
    for (; *p; p++) {
        if (*p == ',' || *p == '.') {
            if (separator || digits == 0)
                return false; /* "1,2,3", ",5" */
            separator = true;
            continue;
        }
        if (*p < '0' || *p > '9')
            return false;
        digits++;
        if (significant || *p != '0')
            significant++;
        if (significant > 15)
            return false; /* more than a double keeps exactly */
        mantissa = mantissa * 10 + (*p - '0');
        decimals += separator;
    }
    if (digits == 0 || (separator && decimals == 0))
        return false; /* "", "5," */
    if (decimals > 15)
        return false;
    /* one division of two exact values: the nearest double to what was typed */
    double scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    double v = (double)mantissa / scale;
    if (negative)
        v = -v;
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}
