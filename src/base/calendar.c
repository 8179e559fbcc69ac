#include "calendar.h"

Date calendar_easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return (Date){y, month, day};
}

int calendar_weekday(Date d)
{
    /* 1970-01-01 was a Thursday (3). */
    long days = date_to_days(d);
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

bool calendar_is_holiday(Date d)
{
    static const int fixed[][2] = {{1, 1}, {1, 6}, {4, 25}, {5, 1}, {6, 2}, {8, 15},
                                   {11, 1}, {12, 8}, {12, 25}, {12, 26}};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (d.month == fixed[i][0] && d.day == fixed[i][1])
            return true;
    long easter_monday = date_to_days(calendar_easter(d.year)) + 1;
    return date_to_days(d) == easter_monday;
}

bool calendar_is_working_day(Date d) { return calendar_weekday(d) < 5 && !calendar_is_holiday(d); }

static Date from_days(long z)
{
    /* Howard Hinnant's civil_from_days. */
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned day = doy - (153 * mp + 2) / 5 + 1;
    unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return (Date){(int)(y + (month <= 2)), (int)month, (int)day};
}

long calendar_working_days_between(Date from, Date to)
{
    long a = date_to_days(from), b = date_to_days(to);
    int sign = 1;
    if (b < a) {
        long t = a;
        a = b;
        b = t;
        sign = -1;
    }
    long n = 0;
    for (long z = a + 1; z <= b; z++)
        n += calendar_is_working_day(from_days(z));
    return sign * n;
}
