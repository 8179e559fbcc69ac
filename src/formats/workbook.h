/* workbook.h — the cells of a spreadsheet workbook (.xlsx or .ods), read
 * with Debian's libzip and expat: one model for both formats, which the
 * converters turn into plans, rilevazioni and valutazioni (docs/formato.md §6).
 *
 * A cell is text, a number, a boolean or a date (a date cell: an xlsx serial
 * number with a date format, in the 1900 or 1904 system, or an ods
 * office:date-value); formulas count by their cached value; merged cells
 * are empty but for the first. Rows and columns are 1-based, as in A1. */
#ifndef SCHEDE_WORKBOOK_H
#define SCHEDE_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"

typedef enum { WB_EMPTY, WB_TEXT, WB_NUMBER, WB_BOOL, WB_DATE } WbKind;

typedef struct {
    WbKind kind;
    char *text;      /* WB_TEXT: UTF-8, line breaks as \n */
    double number;   /* WB_NUMBER */
    bool percent;    /* WB_NUMBER shown as a percentage: 0,85 is "85 %" */
    bool boolean;    /* WB_BOOL */
    Date date;       /* WB_DATE (the time of day, if any, is dropped) */
} WbCell;

typedef struct {
    int row;         /* 1-based */
    WbCell *cells;   /* column c (1-based) is cells[c - 1] */
    size_t n;
    size_t cap;      /* cells allocated (the reader's) */
} WbRow;

typedef struct {
    char *name;
    bool hidden;
    WbRow *rows;     /* non-empty rows, in order */
    size_t n_rows;
    size_t cap_rows; /* rows allocated (the reader's) */
} WbSheet;

typedef enum { WORKBOOK_XLSX, WORKBOOK_ODS } WorkbookFormat;

typedef struct {
    char *file;
    WorkbookFormat format;
    WbSheet *sheets;
    size_t n;
} Workbook;

/* Limits against zip bombs and runaway files. */
#define WORKBOOK_MAX_ENTRIES 10000
#define WORKBOOK_MAX_ENTRY_BYTES (64u * 1024 * 1024)
#define WORKBOOK_MAX_TOTAL_BYTES (256u * 1024 * 1024)
#define WORKBOOK_MAX_CELLS 5000000
/* Limits against spreadsheet bombs: a few KB that expand, once read, to
 * gigabytes (a long text repeated over 1,000 columns or a million rows, a
 * large shared string referenced by every cell, a cell in column XFD on
 * every row). What the cells take is counted as they are read: every cell
 * held in a row's array (the empty ones before a filled one included, and
 * every copy of a repeated cell or row), the text copied into each (a shared
 * string at every reference), the rows' arrays. The budget is
 * WORKBOOK_EXPANSION_FACTOR times the file's size, never less than
 * WORKBOOK_EXPANSION_MIN_BYTES (no small workbook is refused) nor more than
 * WORKBOOK_EXPANSION_MAX_BYTES; past it the read stops at that cell and
 * fails, naming the sheet and the cell (docs/formato.md §6). Empty cells
 * and rows that only end a row or a sheet (LibreOffice's trailing
 * number-columns-repeated) are not held, and cost nothing. */
#define WORKBOOK_EXPANSION_FACTOR 64
#define WORKBOOK_EXPANSION_MIN_BYTES (8u * 1024 * 1024)
#define WORKBOOK_EXPANSION_MAX_BYTES (256u * 1024 * 1024)
/* The sheet size of Excel and LibreOffice: cells beyond are dropped. */
#define WORKBOOK_MAX_COLUMNS 16384
#define WORKBOOK_MAX_ROWS 1048576

/* Whether the bytes are a zip archive (both formats are). */
bool workbook_detect(const char *data, size_t len);

/* The budget of a file of len bytes (WORKBOOK_EXPANSION_*). */
size_t workbook_budget(size_t len);

/* Reads an .xlsx or .ods told apart by content: by its parts (a mimetype
 * of an OpenDocument spreadsheet, or xl/workbook.xml) before any sheet is
 * parsed. Errors (not a workbook, damaged, over the limits) name the file,
 * and the sheet and cell when a sheet expands past its budget; returns
 * LOAD_DATA_ERROR then, with *out emptied (all its memory given back). */
LoadStatus workbook_read(const char *file, const char *data, size_t len, Workbook *out, DiagList *diags);
/* As workbook_read, but only the sheets' names and whether they are
 * hidden, without a cell (no row is read): what kind of file it is. */
LoadStatus workbook_read_sheet_names(const char *file, const char *data, size_t len, Workbook *out,
                                     DiagList *diags);
void workbook_free(Workbook *wb);

/* The sheet named name, ignoring case and accents; NULL when absent. */
const WbSheet *workbook_sheet(const Workbook *wb, const char *name);
/* The cell at column col (1-based) of a row, or NULL when empty/absent. */
const WbCell *wb_cell(const WbRow *row, int col);
/* "D4" */
void wb_cell_ref(char *buf, size_t size, int row, int col);

/* A date serial number of a 1900- or 1904-system workbook. */
bool wb_serial_to_date(double serial, bool date1904, Date *out);

#endif
