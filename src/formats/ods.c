/* ods.c — OpenDocument spreadsheets (LibreOffice Calc): content.xml's tables,
 * rows and cells, with their repeat counts, value types, paragraphs (joined
 * by line breaks) and the automatic styles that hide a table. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "wb_internal.h"
#include "wb_xml.h"

typedef struct {
    /* table styles with table:display="false" */
    char **hidden_styles;
    size_t n_hidden;
    char *style_name;   /* the style:style being read */
    bool style_is_table;
    /* the table being read */
    WbSheet *sheet;
    Workbook *wb;
    int row;            /* last row number used */
    int row_repeat;
    int col;
    bool row_has_cells;
    /* the cell being read */
    int in_cell, cell_repeat, text_depth, paragraphs;
    WbCell cell;
    StrBuf text;
    WbBudget *budget;   /* NULL: only the tables' names */
} Ods;

static bool style_hidden(const Ods *o, const char *name)
{
    for (size_t i = 0; name && i < o->n_hidden; i++)
        if (strcmp(o->hidden_styles[i], name) == 0)
            return true;
    return false;
}

/* A repeat count: at least 1; huge counts only matter for empty cells and rows. */
static int repeat_of(const char **attrs, const char *name)
{
    const char *r = wb_xml_attr(attrs, name);
    long n = r ? strtol(r, NULL, 10) : 1;
    return n < 1 ? 1 : n > 1048576 ? 1048576 : (int)n;
}

/* Whether the text of the cell being read may grow by n bytes within the budget. */
static bool room_for_text(Ods *o, size_t n)
{
    WbBudget *b = o->budget;
    if (b->stop)
        return false;
    if (o->text.len + n <= b->limit - b->used)
        return true;
    return wb_budget_take(b, o->sheet, o->row, o->col + 1, o->text.len + n);
}

static void start(void *u, const char *name, const char **attrs)
{
    Ods *o = u;
    if (strcmp(name, "style") == 0) {
        const char *n = wb_xml_attr(attrs, "name"), *f = wb_xml_attr(attrs, "family");
        free(o->style_name);
        o->style_name = n ? xstrdup(n) : NULL;
        o->style_is_table = f && strcmp(f, "table") == 0;
    } else if (strcmp(name, "table-properties") == 0 && o->style_is_table && o->style_name) {
        const char *d = wb_xml_attr(attrs, "display");
        if (d && strcmp(d, "false") == 0) {
            o->hidden_styles = xrealloc(o->hidden_styles, (o->n_hidden + 1) * sizeof *o->hidden_styles);
            o->hidden_styles[o->n_hidden++] = xstrdup(o->style_name);
        }
    } else if (strcmp(name, "table") == 0 && !o->sheet) {
        o->sheet = wb_add_sheet(o->wb, wb_xml_attr(attrs, "name"), style_hidden(o, wb_xml_attr(attrs, "style-name")));
        o->row = 0;
    } else if (!o->budget) {
        return; /* only the tables' names */
    } else if (strcmp(name, "table-row") == 0 && o->sheet) {
        o->row_repeat = repeat_of(attrs, "number-rows-repeated");
        if (o->row <= WORKBOOK_MAX_ROWS)
            o->row++;
        o->col = 0;
        o->row_has_cells = false;
    } else if ((strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) && o->sheet) {
        o->in_cell = 1;
        o->cell_repeat = repeat_of(attrs, "number-columns-repeated");
        o->paragraphs = 0;
        strbuf_free(&o->text);
        memset(&o->cell, 0, sizeof o->cell);
        if (strcmp(name, "covered-table-cell") == 0)
            return; /* merged: only the first cell has the value */
        const char *type = wb_xml_attr(attrs, "value-type");
        if (!type)
            return;
        if (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 || strcmp(type, "currency") == 0) {
            const char *v = wb_xml_attr(attrs, "value");
            if (v) {
                char *end;
                double x = strtod(v, &end);
                if (!*end)
                    o->cell = (WbCell){.kind = WB_NUMBER, .number = x, .percent = strcmp(type, "percentage") == 0};
            }
        } else if (strcmp(type, "boolean") == 0) {
            const char *v = wb_xml_attr(attrs, "boolean-value");
            o->cell = (WbCell){.kind = WB_BOOL, .boolean = v && strcmp(v, "true") == 0};
        } else if (strcmp(type, "date") == 0) {
            const char *v = wb_xml_attr(attrs, "date-value");
            char day[11];
            Date d;
            if (v && strlen(v) >= 10) {
                memcpy(day, v, 10);
                day[10] = '\0';
                if (date_parse_iso(day, &d) == DATE_OK)
                    o->cell = (WbCell){.kind = WB_DATE, .date = d};
            }
        }
        /* string, time and anything else: the displayed text */
    } else if (o->in_cell && strcmp(name, "p") == 0) {
        if (o->paragraphs++ > 0)
            strbuf_append(&o->text, "\n", 1);
        o->text_depth++;
    } else if (o->in_cell && strcmp(name, "s") == 0) {
        int n = repeat_of(attrs, "c");
        n = n > 1000 ? 1000 : n;
        /* a few bytes that are a thousand spaces: the text being read counts too */
        if (!room_for_text(o, (size_t)n))
            return;
        for (int i = 0; i < n; i++)
            strbuf_append(&o->text, " ", 1);
    } else if (o->in_cell && strcmp(name, "line-break") == 0) {
        strbuf_append(&o->text, "\n", 1);
    } else if (o->in_cell && strcmp(name, "tab") == 0) {
        strbuf_append(&o->text, "\t", 1);
    } else if (o->in_cell && strcmp(name, "annotation") == 0) {
        o->text_depth = -1000; /* a comment is not the cell's text */
    }
}

static void text(void *u, const char *s, int len)
{
    Ods *o = u;
    if (o->in_cell && o->text_depth > 0 && room_for_text(o, (size_t)len))
        strbuf_append(&o->text, s, (size_t)len);
}

static void end(void *u, const char *name)
{
    Ods *o = u;
    if (strcmp(name, "p") == 0 && o->in_cell) {
        o->text_depth--;
    } else if (strcmp(name, "annotation") == 0 && o->in_cell) {
        o->text_depth = 0;
    } else if ((strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) && o->in_cell) {
        o->in_cell = 0;
        if (o->cell.kind == WB_EMPTY && o->text.len > 0)
            o->cell = (WbCell){.kind = WB_TEXT, .text = xstrdup(o->text.data)};
        if (o->cell.kind == WB_EMPTY) {
            /* empty cells, often repeated to the sheet's end */
            o->col = o->col + o->cell_repeat > WORKBOOK_MAX_COLUMNS ? WORKBOOK_MAX_COLUMNS + 1 : o->col + o->cell_repeat;
        } else {
            for (int i = 0; i < o->cell_repeat && !o->budget->stop && o->col < WORKBOOK_MAX_COLUMNS; i++) {
                WbCell c = o->cell;
                c.text = o->cell.text ? xstrdup(o->cell.text) : NULL;
                wb_put(o->sheet, o->row, ++o->col, c, o->budget);
            }
            o->row_has_cells = true;
            free(o->cell.text);
        }
        memset(&o->cell, 0, sizeof o->cell);
    } else if (!o->budget) {
        return; /* only the tables' names */
    } else if (strcmp(name, "table-row") == 0 && o->sheet) {
        /* a repeated row with values is that many rows; repeated empty rows just advance */
        if (o->budget && o->row_has_cells && o->row_repeat > 1 && o->sheet->n_rows > 0) {
            size_t li = o->sheet->n_rows - 1, n = o->sheet->rows[li].n;
            for (int k = 1; k < o->row_repeat && !o->budget->stop && o->row + k <= WORKBOOK_MAX_ROWS; k++)
                for (size_t c = 0; c < n && !o->budget->stop; c++) {
                    WbCell cell = o->sheet->rows[li].cells[c]; /* re-read: wb_put may move the rows */
                    if (cell.kind == WB_EMPTY)
                        continue;
                    cell.text = cell.text ? xstrdup(cell.text) : NULL;
                    wb_put(o->sheet, o->row + k, (int)c + 1, cell, o->budget);
                }
        }
        o->row = o->row + o->row_repeat - 1 > WORKBOOK_MAX_ROWS ? WORKBOOK_MAX_ROWS + 1 : o->row + o->row_repeat - 1;
    } else if (strcmp(name, "table") == 0) {
        o->sheet = NULL;
    } else if (strcmp(name, "style") == 0) {
        free(o->style_name);
        o->style_name = NULL;
        o->style_is_table = false;
    }
}

bool wb_read_ods(WbZip *z, Workbook *out, WbBudget *b, char **error)
{
    const char *why;
    size_t len;
    char *text_xml = wb_zip_read(z, "content.xml", &len, &why);
    if (!text_xml) {
        *error = xstrdup(why);
        return false;
    }
    Ods o = {0};
    o.wb = out;
    o.budget = b;
    WbXml h = {start, end, text, &o, b ? &b->stop : NULL};
    bool ok = wb_xml_parse(text_xml, len, &h, error) && !(b && b->stop);
    free(text_xml);
    free(o.cell.text);
    strbuf_free(&o.text);
    free(o.style_name);
    for (size_t i = 0; i < o.n_hidden; i++)
        free(o.hidden_styles[i]);
    free(o.hidden_styles);
    return ok;
}
