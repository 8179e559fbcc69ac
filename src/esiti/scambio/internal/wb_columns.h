/* wb_columns.h — the sheets of a plan's workbook and their columns, once:
 * the export writes them (names as headers, widths), the reader finds them
 * by name (docs/formato.md §6). Private to scambio. */
#ifndef SCHEDE_WB_COLUMNS_H
#define SCHEDE_WB_COLUMNS_H

#include <stddef.h>

typedef struct {
    const char *name; /* the header as written, and as read (column_key) */
    double width;     /* in characters, for the export; 0 for tables only read */
} WbColumn;

typedef struct {
    const char *sheet;
    const WbColumn *cols;
    size_t n;
} WbTable;

/* The plan: written by esporta, read back by every command. */
extern const WbTable WB_PIANO, WB_PERSONE, WB_OBIETTIVI, WB_BILANCIO, WB_AZIONI, WB_RISORSE, WB_FINANZIARIA,
    WB_INDICATORI, WB_COLLEGAMENTI, WB_CAMPI;
/* What the offices fill in, as the reader knows the columns. The templates
 * (modello-raggiunto, modello-valutazioni) choose theirs in wb_export.c,
 * by the same names; only the sheet name is taken from here. */
extern const WbTable WB_RILEVAZIONI, WB_VALUTAZIONI;

#endif
