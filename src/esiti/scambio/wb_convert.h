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

/* One entry per kind of input: a plan, rilevazioni or valutazioni from the
 * bytes of a file, whatever their format (JSON, CSV or a workbook, told
 * apart by content). What the commands and the web call. For a workbook,
 * the source map of the file goes to diags with its diagnostics
 * (diag_list_add_map): every message about it, those of the checks that
 * run later on the same list included, names its sheet and cell, and the
 * map is freed with the list. Nothing is kept anywhere else. */
LoadStatus input_plan_read(const char *file, const char *bytes, size_t len, Plan *plan, DiagList *diags);
LoadStatus input_raggiunto_read(const char *file, const char *bytes, size_t len, Codifica codifica, Rilevazioni *out,
                                DiagList *diags);
LoadStatus input_valutazioni_read(const char *file, const char *bytes, size_t len, Codifica codifica, Valutazioni *out,
                                  DiagList *diags);

/* The same from a file's path (read whole, then as above). */
LoadStatus input_plan_load(const char *path, Plan *plan, DiagList *diags);
LoadStatus input_raggiunto_load(const char *path, Codifica codifica, Rilevazioni *out, DiagList *diags);
LoadStatus input_valutazioni_load(const char *path, Codifica codifica, Valutazioni *out, DiagList *diags);

/* A workbook alone (tests and fuzzing). */
LoadStatus workbook_plan_load(const char *file, const char *data, size_t len, Plan *plan, DiagList *diags);
LoadStatus workbook_raggiunto_load(const char *file, const char *data, size_t len, Rilevazioni *out,
                                   DiagList *diags);
LoadStatus workbook_valutazioni_load(const char *file, const char *data, size_t len, Valutazioni *out,
                                     DiagList *diags);

#endif
