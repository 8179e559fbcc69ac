/* xlsx.c — Office Open XML spreadsheets (ECMA-376): the workbook's sheet
 * list and date system, the relationships to the sheet parts, the shared
 * strings, the styles' number formats (to tell a date cell from a number),
 * and each sheet's cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "wb_internal.h"
#include "wb_xml.h"

typedef struct {
    char *name, *rid;
    bool hidden;
} SheetRef;

typedef struct {
    SheetRef *sheets;
    size_t n;
    bool date1904;
} WorkbookPart;

static void wb_start(void *u, const char *name, const char **attrs)
{
    WorkbookPart *w = u;
    if (strcmp(name, "workbookPr") == 0) {
        const char *d = wb_xml_attr(attrs, "date1904");
        w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(name, "sheet") == 0) {
        const char *n = wb_xml_attr(attrs, "name"), *id = wb_xml_attr(attrs, "id"), *st = wb_xml_attr(attrs, "state");
        w->sheets = xrealloc(w->sheets, (w->n + 1) * sizeof *w->sheets);
        w->sheets[w->n++] = (SheetRef){xstrdup(n ? n : ""), xstrdup(id ? id : ""),
                                       st && (strcmp(st, "hidden") == 0 || strcmp(st, "veryHidden") == 0)};
    }
}

typedef struct {
    char **ids, **targets;
    size_t n;
} Rels;

static void rels_start(void *u, const char *name, const char **attrs)
{
    Rels *r = u;
    if (strcmp(name, "Relationship") != 0)
        return;
    const char *id = wb_xml_attr(attrs, "Id"), *t = wb_xml_attr(attrs, "Target");
    if (!id || !t)
        return;
    r->ids = xrealloc(r->ids, (r->n + 1) * sizeof *r->ids);
    r->targets = xrealloc(r->targets, (r->n + 1) * sizeof *r->targets);
    r->ids[r->n] = xstrdup(id);
    /* "worksheets/sheet1.xml" is relative to xl/; "/xl/worksheets/sheet1.xml" absolute */
    r->targets[r->n++] = t[0] == '/' ? xstrdup(t + 1) : xasprintf("xl/%s", t);
}

/* ---- shared strings ---- */

typedef struct {
    char **items;
    size_t n, cap;
    StrBuf cur;
    int in_t, in_phonetic;
} Shared;

static void ss_start(void *u, const char *name, const char **attrs)
{
    (void)attrs;
    Shared *s = u;
    if (strcmp(name, "si") == 0) {
        strbuf_free(&s->cur);
    } else if (strcmp(name, "rPh") == 0) {
        s->in_phonetic++;
    } else if (strcmp(name, "t") == 0) {
        s->in_t++;
    }
}

static void ss_end(void *u, const char *name)
{
    Shared *s = u;
    if (strcmp(name, "si") == 0) {
        s->items = xgrow(s->items, s->n, &s->cap, sizeof *s->items, 64);
        s->items[s->n++] = s->cur.data ? s->cur.data : xstrdup("");
        memset(&s->cur, 0, sizeof s->cur);
    } else if (strcmp(name, "rPh") == 0) {
        s->in_phonetic--;
    } else if (strcmp(name, "t") == 0) {
        s->in_t--;
    }
}

static void ss_text(void *u, const char *t, int len)
{
    Shared *s = u;
    if (s->in_t > 0 && s->in_phonetic == 0)
        strbuf_append(&s->cur, t, (size_t)len);
}

/* ---- styles: which cell formats are dates ---- */

typedef struct {
    int *custom_ids;
    bool *custom_is_date;
    size_t n_custom;
    bool *xf_date;   /* cellXfs index → date */
    bool *xf_percent; /* cellXfs index → percentage */
    bool *custom_is_percent;
    size_t n_xf, cap_xf, cap_percent;
    int in_cellxfs;
} Styles;

static bool builtin_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* A format code shows a date when, outside quotes and [..], it has a d or a y
 * ("dd/mm/yyyy", "d-mmm-yy"); "0.00%" and "h:mm" do not. */
static bool code_is_date(const char *code)
{
    bool quote = false, bracket = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quote = !quote;
        else if (!quote && *p == '[')
            bracket = true;
        else if (!quote && *p == ']')
            bracket = false;
        else if (!quote && !bracket && *p == '\\')
            p += p[1] ? 1 : 0;
        else if (!quote && !bracket && (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y'))
            return true;
    }
    return false;
}

static void st_start(void *u, const char *name, const char **attrs)
{
    Styles *s = u;
    if (strcmp(name, "numFmt") == 0) {
        const char *id = wb_xml_attr(attrs, "numFmtId"), *code = wb_xml_attr(attrs, "formatCode");
        if (!id || !code)
            return;
        s->custom_ids = xrealloc(s->custom_ids, (s->n_custom + 1) * sizeof *s->custom_ids);
        s->custom_is_date = xrealloc(s->custom_is_date, (s->n_custom + 1) * sizeof *s->custom_is_date);
        s->custom_ids[s->n_custom] = atoi(id);
        s->custom_is_percent = xrealloc(s->custom_is_percent, (s->n_custom + 1) * sizeof *s->custom_is_percent);
        s->custom_is_percent[s->n_custom] = strchr(code, '%') != NULL;
        s->custom_is_date[s->n_custom++] = code_is_date(code);
    } else if (strcmp(name, "cellXfs") == 0) {
        s->in_cellxfs = 1;
    } else if (strcmp(name, "xf") == 0 && s->in_cellxfs) {
        const char *id = wb_xml_attr(attrs, "numFmtId");
        int fmt = id ? atoi(id) : 0;
        bool date = builtin_date(fmt), percent = fmt == 9 || fmt == 10;
        for (size_t i = 0; i < s->n_custom; i++)
            if (s->custom_ids[i] == fmt) {
                date = s->custom_is_date[i];
                percent = s->custom_is_percent[i];
            }
        s->xf_date = xgrow(s->xf_date, s->n_xf, &s->cap_xf, sizeof *s->xf_date, 64);
        s->xf_percent = xgrow(s->xf_percent, s->n_xf, &s->cap_percent, sizeof *s->xf_percent, 64);
        s->xf_percent[s->n_xf] = percent;
        s->xf_date[s->n_xf++] = date;
    }
}

static void st_end(void *u, const char *name)
{
    Styles *s = u;
    if (strcmp(name, "cellXfs") == 0)
        s->in_cellxfs = 0;
}

/* ---- a sheet ---- */

typedef struct {
    WbSheet *sheet;
    const Shared *shared;
    const Styles *styles;
    bool date1904;
    int row, col;           /* current */
    char type[16];
    int style;
    StrBuf value, inline_text;
    int in_v, in_is_t, in_c;
    WbBudget *budget;
} SheetParse;

/* "D4" → column 4 (and row 4). */
static void parse_ref(const char *r, int *row, int *col)
{
    long c = 0;
    while (*r >= 'A' && *r <= 'Z') {
        c = c * 26 + (*r++ - 'A' + 1);
        if (c > WORKBOOK_MAX_COLUMNS)
            c = WORKBOOK_MAX_COLUMNS + 1; /* past the last column: dropped */
    }
    *col = (int)c;
    long n = strtol(r, NULL, 10);
    *row = n < 0 ? 0 : n > WORKBOOK_MAX_ROWS ? WORKBOOK_MAX_ROWS + 1 : (int)n;
}

static void sh_start(void *u, const char *name, const char **attrs)
{
    SheetParse *p = u;
    if (strcmp(name, "row") == 0) {
        const char *r = wb_xml_attr(attrs, "r");
        long n = r ? strtol(r, NULL, 10) : (long)p->row + 1;
        p->row = n < 0 ? 0 : n > WORKBOOK_MAX_ROWS ? WORKBOOK_MAX_ROWS + 1 : (int)n;
        p->col = 0;
    } else if (strcmp(name, "c") == 0) {
        const char *r = wb_xml_attr(attrs, "r"), *t = wb_xml_attr(attrs, "t"), *s = wb_xml_attr(attrs, "s");
        if (r) {
            int row;
            parse_ref(r, &row, &p->col);
            if (row > 0)
                p->row = row;
        } else if (p->col <= WORKBOOK_MAX_COLUMNS) {
            p->col++;
        }
        snprintf(p->type, sizeof p->type, "%s", t ? t : "n");
        p->style = s ? atoi(s) : 0;
        strbuf_free(&p->value);
        strbuf_free(&p->inline_text);
        p->in_c = 1;
    } else if (strcmp(name, "v") == 0 && p->in_c) {
        p->in_v = 1;
    } else if (strcmp(name, "t") == 0 && p->in_c) {
        p->in_is_t = 1;
    }
}

static void sh_text(void *u, const char *s, int len)
{
    SheetParse *p = u;
    if (p->in_v)
        strbuf_append(&p->value, s, (size_t)len);
    else if (p->in_is_t)
        strbuf_append(&p->inline_text, s, (size_t)len);
}

static void sh_end(void *u, const char *name)
{
    SheetParse *p = u;
    if (strcmp(name, "v") == 0) {
        p->in_v = 0;
        return;
    }
    if (strcmp(name, "t") == 0) {
        p->in_is_t = 0;
        return;
    }
    if (strcmp(name, "c") != 0)
        return;
    p->in_c = 0;
    WbCell cell = {0};
    const char *v = p->value.data ? p->value.data : "";
    if (strcmp(p->type, "s") == 0) {
        char *end;
        long i = strtol(v, &end, 10);
        if (*v && !*end && i >= 0 && (size_t)i < p->shared->n)
            cell = (WbCell){.kind = WB_TEXT, .text = xstrdup(p->shared->items[i])};
    } else if (strcmp(p->type, "inlineStr") == 0) {
        cell = (WbCell){.kind = WB_TEXT, .text = xstrdup(p->inline_text.data ? p->inline_text.data : "")};
    } else if (strcmp(p->type, "str") == 0 || strcmp(p->type, "e") == 0) {
        if (*v)
            cell = (WbCell){.kind = WB_TEXT, .text = xstrdup(v)};
    } else if (strcmp(p->type, "b") == 0) {
        if (*v)
            cell = (WbCell){.kind = WB_BOOL, .boolean = strcmp(v, "1") == 0 || strcmp(v, "true") == 0};
    } else if (strcmp(p->type, "d") == 0) {
        Date d;
        char day[11];
        snprintf(day, sizeof day, "%.10s", v);
        if (date_parse_iso(day, &d) == DATE_OK)
            cell = (WbCell){.kind = WB_DATE, .date = d};
        else if (*v)
            cell = (WbCell){.kind = WB_TEXT, .text = xstrdup(v)};
    } else if (*v) {
        char *end;
        double x = strtod(v, &end); /* the program keeps the C locale: '.' is the decimal point */
        bool date = p->style >= 0 && (size_t)p->style < p->styles->n_xf && p->styles->xf_date[p->style];
        Date d;
        if (*end)
            cell = (WbCell){.kind = WB_TEXT, .text = xstrdup(v)};
        else if (date && wb_serial_to_date(x, p->date1904, &d))
            cell = (WbCell){.kind = WB_DATE, .date = d};
        else
            cell = (WbCell){.kind = WB_NUMBER, .number = x,
                            .percent = p->style >= 0 && (size_t)p->style < p->styles->n_xf &&
                                       p->styles->xf_percent[p->style]};
    }
    wb_put(p->sheet, p->row, p->col, cell, p->budget);
}

static void free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

bool wb_read_xlsx(WbZip *z, Workbook *out, WbBudget *b, char **error)
{
    const char *why = NULL;
    size_t len;
    bool ok = true;
    char *text = wb_zip_read(z, "xl/workbook.xml", &len, &why);
    if (!text) {
        *error = xstrdup(why);
        return false;
    }
    WorkbookPart w = {0};
    WbXml h = {wb_start, NULL, NULL, &w};
    ok = wb_xml_parse(text, len, &h, error);
    free(text);
    if (ok && !b) { /* only the sheets' names */
        for (size_t i = 0; i < w.n; i++)
            wb_add_sheet(out, w.sheets[i].name, w.sheets[i].hidden);
    }
    Rels rels = {0};
    if (ok && b && (text = wb_zip_read(z, "xl/_rels/workbook.xml.rels", &len, &why)) != NULL) {
        WbXml hr = {rels_start, NULL, NULL, &rels};
        ok = wb_xml_parse(text, len, &hr, error);
        free(text);
    } else if (ok && b) {
        *error = xstrdup("manca l'elenco delle parti (xl/_rels/workbook.xml.rels)");
        ok = false;
    }
    Shared shared = {0};
    if (ok && b && wb_zip_has(z, "xl/sharedStrings.xml")) {
        text = wb_zip_read(z, "xl/sharedStrings.xml", &len, &why);
        WbXml hs = {ss_start, ss_end, ss_text, &shared};
        ok = text ? wb_xml_parse(text, len, &hs, error) : (*error = xstrdup(why), false);
        free(text);
        strbuf_free(&shared.cur);
    }
    Styles styles = {0};
    if (ok && b && wb_zip_has(z, "xl/styles.xml")) {
        text = wb_zip_read(z, "xl/styles.xml", &len, &why);
        WbXml hs = {st_start, st_end, NULL, &styles};
        ok = text ? wb_xml_parse(text, len, &hs, error) : (*error = xstrdup(why), false);
        free(text);
    }
    for (size_t i = 0; ok && b && i < w.n; i++) {
        const char *target = NULL;
        for (size_t k = 0; k < rels.n; k++)
            if (strcmp(rels.ids[k], w.sheets[i].rid) == 0)
                target = rels.targets[k];
        if (!target) {
            *error = xasprintf("il foglio «%s» non ha una parte nell'archivio", w.sheets[i].name);
            ok = false;
            break;
        }
        text = wb_zip_read(z, target, &len, &why);
        if (!text) {
            *error = xasprintf("foglio «%s»: %s", w.sheets[i].name, why);
            ok = false;
            break;
        }
        SheetParse p = {0};
        p.sheet = wb_add_sheet(out, w.sheets[i].name, w.sheets[i].hidden);
        p.shared = &shared;
        p.styles = &styles;
        p.date1904 = w.date1904;
        p.budget = b;
        WbXml hs = {sh_start, sh_end, sh_text, &p, &b->stop};
        char *err = NULL;
        ok = wb_xml_parse(text, len, &hs, &err);
        if (!ok) {
            *error = xasprintf("foglio «%s»: %s", w.sheets[i].name, err);
            free(err);
        } else if (b->stop) {
            ok = false; /* the budget says where */
        }
        strbuf_free(&p.value);
        strbuf_free(&p.inline_text);
        free(text);
    }
    for (size_t i = 0; i < w.n; i++) {
        free(w.sheets[i].name);
        free(w.sheets[i].rid);
    }
    free(w.sheets);
    free_list(rels.ids, rels.n);
    free_list(rels.targets, rels.n);
    free_list(shared.items, shared.n);
    free(styles.custom_ids);
    free(styles.custom_is_date);
    free(styles.xf_date);
    free(styles.xf_percent);
    free(styles.custom_is_percent);
    return ok;
}
