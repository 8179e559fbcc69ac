#include "workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "wb_internal.h"
#include "wb_zip.h"

bool workbook_detect(const char *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

void wb_cell_ref(char *buf, size_t size, int row, int col)
{
    char letters[8];
    int n = 0;
    for (int c = col; c > 0 && n < 7; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    char rev[8];
    for (int i = 0; i < n; i++)
        rev[i] = letters[n - 1 - i];
    rev[n] = '\0';
    snprintf(buf, size, "%s%d", rev, row);
}

bool wb_serial_to_date(double serial, bool date1904, Date *out)
{
    if (!(serial >= 0 && serial < 2958466)) /* up to 9999-12-31 */
        return false;
    long days = (long)floor(serial);
    /* 1900 system: day 1 is 1900-01-01, and Excel counts a 29/02/1900 that
     * never was (day 60): serials from 61 on are one day ahead. */
    long base = date1904 ? date_to_days((Date){1904, 1, 1}) : date_to_days((Date){1899, 12, 31});
    if (!date1904 && days == 60)
        days = 59; /* the phantom 29 February: read as 28 February */
    else if (!date1904 && days > 60)
        days -= 1;
    long d = base + days;
    /* back to a calendar date */
    Date guess = {1970, 1, 1};
    long y = 1970 + (long)floor((double)d / 365.2425);
    guess.year = (int)y;
    while (date_to_days((Date){guess.year, 1, 1}) > d)
        guess.year--;
    while (date_to_days((Date){guess.year + 1, 1, 1}) <= d)
        guess.year++;
    guess.month = 1;
    while (guess.month < 12 && date_to_days((Date){guess.year, guess.month + 1, 1}) <= d)
        guess.month++;
    guess.day = (int)(d - date_to_days((Date){guess.year, guess.month, 1})) + 1;
    *out = guess;
    return true;
}

/* ---- building sheets ------------------------------------------------------------------- */

WbSheet *wb_add_sheet(Workbook *wb, const char *name, bool hidden)
{
    wb->sheets = xrealloc(wb->sheets, (wb->n + 1) * sizeof *wb->sheets);
    WbSheet *s = &wb->sheets[wb->n++];
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name ? name : "");
    s->hidden = hidden;
    return s;
}

/* What malloc adds to each block, counted with a cell's text. */
#define ALLOC_OVERHEAD 16

size_t workbook_budget(size_t len)
{
    size_t b = len > WORKBOOK_EXPANSION_MAX_BYTES / WORKBOOK_EXPANSION_FACTOR ? WORKBOOK_EXPANSION_MAX_BYTES
                                                                             : len * WORKBOOK_EXPANSION_FACTOR;
    return b < WORKBOOK_EXPANSION_MIN_BYTES ? WORKBOOK_EXPANSION_MIN_BYTES : b;
}

static void note_place(WbBudget *b, const WbSheet *s, int row, int col)
{
    b->stop = true;
    free(b->sheet);
    b->sheet = xstrdup(s->name);
    b->row = row;
    b->col = col;
}

bool wb_budget_take(WbBudget *b, const WbSheet *s, int row, int col, size_t bytes)
{
    if (b->stop)
        return false;
    if (bytes > b->limit - b->used) {
        b->over = true;
        note_place(b, s, row, col);
        return false;
    }
    b->used += bytes;
    return true;
}

bool wb_put(WbSheet *s, int row, int col, WbCell cell, WbBudget *b)
{
    if (cell.kind == WB_EMPTY || row < 1 || col < 1 || row > WORKBOOK_MAX_ROWS || col > WORKBOOK_MAX_COLUMNS) {
        free(cell.text);
        return true;
    }
    if (b->stop) {
        free(cell.text);
        return false;
    }
    if (b->cells + 1 > WORKBOOK_MAX_CELLS) {
        b->too_many = true;
        note_place(b, s, row, col);
        free(cell.text);
        return false;
    }
    /* what this cell adds: its text, a new row's slot, the slots up to its column */
    WbRow *r = s->n_rows ? &s->rows[s->n_rows - 1] : NULL;
    bool new_row = !r || r->row != row;
    size_t rows_cap = s->cap_rows;
    if (new_row && s->n_rows == rows_cap)
        rows_cap = rows_cap ? rows_cap * 2 : 16;
    size_t have = new_row ? 0 : r->cap, cap = have;
    if ((size_t)col > have)
        cap = have && have * 2 >= (size_t)col ? (have * 2 > WORKBOOK_MAX_COLUMNS ? WORKBOOK_MAX_COLUMNS : have * 2)
                                              : (size_t)col;
    size_t cost = (cell.text ? strlen(cell.text) + 1 + ALLOC_OVERHEAD : 0) +
                  (rows_cap - s->cap_rows) * sizeof *s->rows + (cap - have) * sizeof(WbCell) +
                  (cap > have && !have ? ALLOC_OVERHEAD : 0);
    if (!wb_budget_take(b, s, row, col, cost)) {
        free(cell.text);
        return false;
    }
    b->cells++;
    if (rows_cap != s->cap_rows) {
        s->rows = xrealloc(s->rows, rows_cap * sizeof *s->rows);
        s->cap_rows = rows_cap;
    }
    if (new_row) {
        r = &s->rows[s->n_rows++];
        memset(r, 0, sizeof *r);
        r->row = row;
    }
    if (cap > r->cap) {
        r->cells = xrealloc(r->cells, cap * sizeof *r->cells);
        r->cap = cap;
    }
    if ((size_t)col > r->n) {
        memset(r->cells + r->n, 0, ((size_t)col - r->n) * sizeof *r->cells);
        r->n = (size_t)col;
    }
    free(r->cells[col - 1].text);
    r->cells[col - 1] = cell;
    return true;
}

/* ---- reading -------------------------------------------------------------------------- */

/* "12 MB", "3 KB": sizes in messages, rounded down (they follow «più di»). */
static char *size_text(size_t n)
{
    return n >= 1024 * 1024 ? xasprintf("%zu MB", n / (1024 * 1024)) : xasprintf("%zu KB", n / 1024);
}

/* The reason a budget ran out, at its sheet and cell. */
static void budget_error(const char *file, const WbBudget *b, size_t len, DiagList *diags)
{
    char cell[24];
    wb_cell_ref(cell, sizeof cell, b->row, b->col);
    char *where = xasprintf("%s!%s", b->sheet, cell);
    if (b->too_many) {
        diag_add(diags, DIAG_ERROR, file, where, NULL, -1,
                 "foglio di calcolo non leggibile: il foglio «%s» ha troppe celle (oltre %d milioni) alla cella %s",
                 b->sheet, WORKBOOK_MAX_CELLS / 1000000, cell);
    } else {
        char *limit = size_text(b->limit), *size = size_text(len < 1024 ? 1024 : len + 512);
        diag_add(diags, DIAG_ERROR, file, where, NULL, -1,
                 "il foglio «%s» si espande oltre il limite alla cella %s: le sue celle occuperebbero in memoria più "
                 "di %s, da un file di %s (il limite è %d volte la dimensione del file, almeno %u e al più %u MB): "
                 "foglio di calcolo sospetto, non letto",
                 b->sheet, cell, limit, size, WORKBOOK_EXPANSION_FACTOR,
                 WORKBOOK_EXPANSION_MIN_BYTES / (1024 * 1024), WORKBOOK_EXPANSION_MAX_BYTES / (1024 * 1024));
        free(limit);
        free(size);
    }
    free(where);
}

/* names_only: the sheets' names and visibility, no cell. */
static LoadStatus read_workbook(const char *file, const char *data, size_t len, Workbook *out, DiagList *diags,
                                bool names_only)
{
    memset(out, 0, sizeof *out);
    const char *why = NULL;
    WbZip *z = wb_zip_open(data, len, &why);
    if (!z) {
        diag_add(diags, DIAG_ERROR, file, NULL, NULL, -1, "foglio di calcolo non leggibile: %s", why);
        return LOAD_DATA_ERROR;
    }
    char *error = NULL;
    WbBudget budget = {.limit = workbook_budget(len)};
    WbBudget *b = names_only ? NULL : &budget;
    /* the kind from the archive's parts, before any sheet is parsed */
    size_t mlen;
    char *mime = wb_zip_has(z, "mimetype") ? wb_zip_read(z, "mimetype", &mlen, &why) : NULL;
    bool ok;
    if (mime && strncmp(mime, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0) {
        out->format = WORKBOOK_ODS;
        ok = wb_read_ods(z, out, b, &error);
    } else if (wb_zip_has(z, "xl/workbook.xml")) {
        out->format = WORKBOOK_XLSX;
        ok = wb_read_xlsx(z, out, b, &error);
    } else {
        ok = false;
        error = xstrdup(mime ? "è un documento OpenDocument ma non un foglio di calcolo (.ods)"
                             : "è un archivio zip ma non un foglio di calcolo .xlsx o .ods");
    }
    free(mime);
    wb_zip_close(z);
    if (ok && budget.stop)
        ok = false;
    if (!ok) {
        if (budget.stop)
            budget_error(file, &budget, len, diags);
        else if (error)
            diag_add(diags, DIAG_ERROR, file, NULL, NULL, -1, "foglio di calcolo non leggibile: %s", error);
        else
            diag_add(diags, DIAG_ERROR, file, NULL, NULL, -1, "foglio di calcolo non leggibile");
        free(error);
        free(budget.sheet);
        workbook_free(out);
        return LOAD_DATA_ERROR;
    }
    free(budget.sheet);
    out->file = xstrdup(file);
    return LOAD_OK;
}

LoadStatus workbook_read(const char *file, const char *data, size_t len, Workbook *out, DiagList *diags)
{
    return read_workbook(file, data, len, out, diags, false);
}

LoadStatus workbook_read_sheet_names(const char *file, const char *data, size_t len, Workbook *out, DiagList *diags)
{
    return read_workbook(file, data, len, out, diags, true);
}

void workbook_free(Workbook *wb)
{
    for (size_t i = 0; i < wb->n; i++) {
        WbSheet *s = &wb->sheets[i];
        for (size_t r = 0; r < s->n_rows; r++) {
            for (size_t c = 0; c < s->rows[r].n; c++)
                free(s->rows[r].cells[c].text);
            free(s->rows[r].cells);
        }
        free(s->rows);
        free(s->name);
    }
    free(wb->sheets);
    free(wb->file);
    memset(wb, 0, sizeof *wb);
}

const WbSheet *workbook_sheet(const Workbook *wb, const char *name)
{
    char *want = text_name_key(name);
    const WbSheet *hit = NULL;
    for (size_t i = 0; i < wb->n && !hit; i++) {
        char *k = text_name_key(wb->sheets[i].name);
        if (strcmp(k, want) == 0)
            hit = &wb->sheets[i];
        free(k);
    }
    free(want);
    return hit;
}

const WbCell *wb_cell(const WbRow *row, int col)
{
    if (!row || col < 1 || (size_t)col > row->n || row->cells[col - 1].kind == WB_EMPTY)
        return NULL;
    return &row->cells[col - 1];
}
