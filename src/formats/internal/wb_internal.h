/* wb_internal.h — shared by the workbook readers (not for other modules). */
#ifndef SCHEDE_WB_INTERNAL_H
#define SCHEDE_WB_INTERNAL_H

#include <stdbool.h>

#include "wb_zip.h"
#include "workbook.h"

WbSheet *wb_add_sheet(Workbook *wb, const char *name, bool hidden);
/* Stores a cell (rows arrive in order); takes cell.text. False past WORKBOOK_MAX_CELLS. */
bool wb_put(WbSheet *s, int row, int col, WbCell cell, size_t *cells);

bool wb_read_xlsx(WbZip *z, Workbook *out, char **error);
bool wb_read_ods(WbZip *z, Workbook *out, char **error);

#endif
