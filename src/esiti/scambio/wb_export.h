/* wb_export.h — workbooks written with libxlsxwriter (docs/formato.md §6): the
 * plan as the sheets a comune edits, and the templates the offices fill in
 * (rilevazioni, valutazioni) with the context columns locked and the input
 * columns validated. Each file is written under a temporary name and renamed
 * when complete. */
#ifndef SCHEDE_WB_EXPORT_H
#define SCHEDE_WB_EXPORT_H

#include <stdbool.h>

#include "model.h"
#include "sistema.h"

/* Each returns 0, or -1 with *error (a new Italian string). */
int workbook_export_plan(const Plan *plan, const char *path, char **error);

/* The Rilevazioni sheet: a row per action of year anno (only the objectives
 * whose dirigente is dirigente, when not NULL), with the monitoring columns
 * (avanzamento, criticità, proposta) when monitoring. */
int workbook_export_rilevazioni(const Plan *plan, int anno, const char *dirigente, bool monitoring, const char *path,
                                char **error);

/* The Valutazioni sheet: a row per registry person, a column per behaviour
 * and per value given by hand of every category. */
int workbook_export_valutazioni(const Plan *plan, const Sistema *sistema, int anno, const char *path, char **error);

#endif
