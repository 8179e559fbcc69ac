/* plan_check.h — the warnings about a plan's meaning: what a Segretario
 * generale needs to hear before the Giunta adopts it. The plan is usable;
 * these point at what is probably a mistake (weights not summing to 100,
 * participation not summing to 100, a deadline that contradicts the text). */
#ifndef SCHEDE_PLAN_CHECK_H
#define SCHEDE_PLAN_CHECK_H

#include "diag.h"
#include "model.h"

/* file names the plan in messages. Adds warnings only. */
void plan_check(const Plan *plan, const char *file, DiagList *diags);

#endif
