/* wb_convert.h — workbooks as the program's inputs (docs/formato.md §6): each
 * converter builds the JSON document the workbook stands for (a plan,
 * rilevazioni, valutazioni) and hands it to the JSON loader, so a workbook
 * goes through exactly the same checks; the loader's messages, which name
 * JSON paths, are then moved to the sheet and cell the value came from
 * ("piano.xlsx: Azioni!D4: …"). Values that are not what their column
 * wants (a "venti" where a number goes) are reported at their cell. */
#ifndef SCHEDE_WB_CONVERT_H
#define SCHEDE_WB_CONVERT_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "plan_load.h"
#include "raggiunto.h"
#include "valutazioni.h"

/* The loaders for a file that may be JSON, CSV or a workbook (told apart by
 * content): what the commands call. */
LoadStatus input_plan_load(const char *path, Plan *plan, DiagList *diags);
LoadStatus input_raggiunto_load(const char *path, Codifica codifica, Rilevazioni *out, DiagList *diags);
LoadStatus input_valutazioni_load(const char *path, Codifica codifica, Valutazioni *out, DiagList *diags);

/* The checks that run after loading (plan_check, esiti, valutazioni) name
 * JSON paths too: this moves every diagnostic about a workbook read so far
 * to its sheet and cell. Call it before printing; workbook_forget frees
 * what it remembers (at exit). */
void workbook_relocate(DiagList *diags);
void workbook_forget(void);

/* The same from bytes (tests and fuzzing). */
LoadStatus workbook_plan_load(const char *file, const char *data, size_t len, Plan *plan, DiagList *diags);
LoadStatus workbook_raggiunto_load(const char *file, const char *data, size_t len, Rilevazioni *out,
                                   DiagList *diags);
LoadStatus workbook_valutazioni_load(const char *file, const char *data, size_t len, Valutazioni *out,
                                     DiagList *diags);

#endif
