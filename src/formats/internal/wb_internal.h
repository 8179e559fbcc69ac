/* wb_internal.h — shared by the workbook readers (not for other modules). */
#ifndef SCHEDE_WB_INTERNAL_H
#define SCHEDE_WB_INTERNAL_H

#include <stdbool.h>

#include "wb_zip.h"
#include "workbook.h"

/* What the cells read so far take, against the file's budget
 * (WORKBOOK_EXPANSION_*) and WORKBOOK_MAX_CELLS; where it ran out. */
typedef struct {
    size_t limit, used; /* bytes */
    size_t cells;       /* non-empty cells */
    bool over;          /* past the budget */
    bool too_many;      /* past WORKBOOK_MAX_CELLS */
    bool stop;          /* either: the readers stop parsing */
    char *sheet;        /* where: the sheet's name (owned), row and column */
    int row, col;
} WbBudget;

/* Counts bytes more for the cell at row, col of sheet s; false (and the
 * place noted, the reading to stop) when they do not fit. */
bool wb_budget_take(WbBudget *b, const WbSheet *s, int row, int col, size_t bytes);

WbSheet *wb_add_sheet(Workbook *wb, const char *name, bool hidden);
/* Stores a cell (rows arrive in order); takes cell.text. False, the cell
 * not stored, past the budget or WORKBOOK_MAX_CELLS. */
bool wb_put(WbSheet *s, int row, int col, WbCell cell, WbBudget *b);

/* A NULL budget: only the sheets' names and visibility, no cell. False with
 * *error (new string) when unreadable, or false without one when the budget
 * ran out. */
bool wb_read_xlsx(WbZip *z, Workbook *out, WbBudget *b, char **error);
bool wb_read_ods(WbZip *z, Workbook *out, WbBudget *b, char **error);

#endif
