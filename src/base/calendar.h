/* calendar.h — Italian working days: Monday to Friday, except the national
 * holidays (1/1, 6/1, Easter Monday, 25/4, 1/5, 2/6, 15/8, 1/11, 8/12,
 * 25/12, 26/12), for any year. */
#ifndef SCHEDE_CALENDAR_H
#define SCHEDE_CALENDAR_H

#include <stdbool.h>

#include "date.h"

/* Easter Sunday of a Gregorian year (anonymous Gregorian algorithm). */
Date calendar_easter(int year);
/* 0 = Monday … 6 = Sunday. */
int calendar_weekday(Date d);
bool calendar_is_holiday(Date d);
bool calendar_is_working_day(Date d);
/* Working days in (from, to]: how many working days late `to` is when the
 * deadline is `from`; negative when `to` is before `from`. */
long calendar_working_days_between(Date from, Date to);

#endif
