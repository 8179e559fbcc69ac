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

bool wb_put(WbSheet *s, int row, int col, WbCell cell, size_t *cells)
{
    if (cell.kind == WB_EMPTY || row < 1 || col < 1 || row > WORKBOOK_MAX_ROWS || col > WORKBOOK_MAX_COLUMNS) {
        free(cell.text);
        return true;
    }
    if (++*cells > WORKBOOK_MAX_CELLS) {
        free(cell.text);
        return false;
    }
    WbRow *r = s->n_rows ? &s->rows[s->n_rows - 1] : NULL;
    if (!r || r->row != row) {
        s->rows = xrealloc(s->rows, (s->n_rows + 1) * sizeof *s->rows);
        r = &s->rows[s->n_rows++];
        memset(r, 0, sizeof *r);
        r->row = row;
    }
    if ((size_t)col > r->n) {
        r->cells = xrealloc(r->cells, (size_t)col * sizeof *r->cells);
        memset(r->cells + r->n, 0, ((size_t)col - r->n) * sizeof *r->cells);
        r->n = (size_t)col;
    }
    free(r->cells[col - 1].text);
    r->cells[col - 1] = cell;
    return true;
}

/* ---- reading -------------------------------------------------------------------------- */

LoadStatus workbook_read(const char *file, const char *data, size_t len, Workbook *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->file = xstrdup(file);
    const char *why = NULL;
    WbZip *z = wb_zip_open(data, len, &why);
    if (!z) {
        diag_add(diags, DIAG_ERROR, file, NULL, NULL, -1, "foglio di calcolo non leggibile: %s", why);
        return LOAD_DATA_ERROR;
    }
    char *error = NULL;
    size_t mlen;
    char *mime = wb_zip_has(z, "mimetype") ? wb_zip_read(z, "mimetype", &mlen, &why) : NULL;
    bool ok;
    if (mime && strncmp(mime, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0) {
        out->format = WORKBOOK_ODS;
        ok = wb_read_ods(z, out, &error);
    } else if (wb_zip_has(z, "xl/workbook.xml")) {
        out->format = WORKBOOK_XLSX;
        ok = wb_read_xlsx(z, out, &error);
    } else {
        ok = false;
        error = xstrdup(mime ? "è un documento OpenDocument ma non un foglio di calcolo (.ods)"
                             : "è un archivio zip ma non un foglio di calcolo .xlsx o .ods");
    }
    free(mime);
    wb_zip_close(z);
    if (!ok) {
        diag_add(diags, DIAG_ERROR, file, NULL, NULL, -1, "foglio di calcolo non leggibile: %s", error);
        free(error);
        return LOAD_DATA_ERROR;
    }
    return LOAD_OK;
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
