#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- tables as built by documents ------------------------------------------------ */

typedef struct {
    TextRun *runs; /* texts owned */
    size_t n_runs;
    int colspan;
    CellStyle style;
    bool checkbox, checked;
    char *box_alt; /* owned: what the check box shows */
    bool marker;
    Color marker_color;
    bool repeat; /* printed again on each continuation of a split row */
} TCell;

typedef struct {
    TCell *cells;
    size_t n_cells, cap;
    double min_height;
    int link; /* target page, -1 for none */
    char *link_description; /* owned; NULL: the first cell's text */
    char *bookmark; /* owned; NULL for none */
    int bookmark_level;
} TRow;

struct LayoutTable {
    double *edges; /* n_cols + 1 fractions of the frame width, 0 … 1 */
    size_t n_cols;
    TRow *rows;
    size_t n_rows, cap;
    size_t header_rows;
};

LayoutTable *ltable_new(const double *proportions, size_t n_cols)
{
    LayoutTable *t = xcalloc(1, sizeof *t);
    t->n_cols = n_cols;
    t->edges = xcalloc(n_cols + 1, sizeof *t->edges);
    double total = 0;
    for (size_t i = 0; i < n_cols; i++)
        total += proportions[i] > 0 ? proportions[i] : 0;
    double acc = 0;
    for (size_t i = 0; i < n_cols; i++) {
        acc += proportions[i] > 0 ? proportions[i] : 0;
        t->edges[i + 1] = total > 0 ? acc / total : (double)(i + 1) / (double)n_cols;
    }
    return t;
}

void ltable_free(LayoutTable *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->rows[r].n_cells; c++) {
            TCell *cell = &t->rows[r].cells[c];
            for (size_t k = 0; k < cell->n_runs; k++)
                free((char *)cell->runs[k].text);
            free(cell->runs);
            free(cell->box_alt);
        }
        free(t->rows[r].cells);
        free(t->rows[r].bookmark);
        free(t->rows[r].link_description);
    }
    free(t->rows);
    free(t->edges);
    free(t);
}

void ltable_set_header_rows(LayoutTable *t, size_t n) { t->header_rows = n; }

void ltable_row(LayoutTable *t, double min_height)
{
    t->rows = xgrow(t->rows, t->n_rows, &t->cap, sizeof *t->rows, 8);
    t->rows[t->n_rows++] = (TRow){.min_height = min_height, .link = -1};
}

void ltable_row_link(LayoutTable *t, int target_page, const char *description)
{
    if (!t->n_rows)
        return;
    TRow *r = &t->rows[t->n_rows - 1];
    r->link = target_page;
    free(r->link_description);
    r->link_description = description ? xstrdup(description) : NULL;
}

void ltable_row_bookmark(LayoutTable *t, int level, const char *title)
{
    if (!t->n_rows)
        return;
    TRow *r = &t->rows[t->n_rows - 1];
    free(r->bookmark);
    r->bookmark = xstrdup(title ? title : "");
    r->bookmark_level = level;
}

static TCell *add_cell(LayoutTable *t, int colspan, const CellStyle *style)
{
    if (t->n_rows == 0)
        ltable_row(t, 0);
    TRow *r = &t->rows[t->n_rows - 1];
    r->cells = xgrow(r->cells, r->n_cells, &r->cap, sizeof *r->cells, 8);
    TCell *c = &r->cells[r->n_cells++];
    memset(c, 0, sizeof *c);
    c->colspan = colspan < 1 ? 1 : colspan;
    c->style = *style;
    return c;
}

void ltable_cell_runs(LayoutTable *t, const TextRun *runs, size_t n_runs, int colspan,
                      const CellStyle *style)
{
    TCell *c = add_cell(t, colspan, style);
    c->runs = xcalloc(n_runs ? n_runs : 1, sizeof *c->runs);
    for (size_t i = 0; i < n_runs; i++) {
        c->runs[i] = runs[i]; /* style, decoration, colour */
        c->runs[i].text = xstrdup(runs[i].text ? runs[i].text : "");
    }
    c->n_runs = n_runs;
}

void ltable_cell(LayoutTable *t, const char *utf8, int colspan, const CellStyle *style)
{
    TextRun run = {style->font, utf8 ? utf8 : ""};
    ltable_cell_runs(t, &run, 1, colspan, style);
}

void ltable_cell_repeat(LayoutTable *t)
{
    if (t->n_rows && t->rows[t->n_rows - 1].n_cells)
        t->rows[t->n_rows - 1].cells[t->rows[t->n_rows - 1].n_cells - 1].repeat = true;
}

void ltable_cell_checkbox(LayoutTable *t, bool checked, const char *box_alt, const char *utf8, int colspan,
                          const CellStyle *style)
{
    ltable_cell(t, utf8, colspan, style);
    TCell *c = &t->rows[t->n_rows - 1].cells[t->rows[t->n_rows - 1].n_cells - 1];
    c->checkbox = true;
    c->checked = checked;
    c->box_alt = box_alt ? xstrdup(box_alt) : NULL;
}

void ltable_cell_marker(LayoutTable *t, Color marker, const char *utf8, int colspan, const CellStyle *style)
{
    ltable_cell(t, utf8, colspan, style);
    TCell *c = &t->rows[t->n_rows - 1].cells[t->rows[t->n_rows - 1].n_cells - 1];
    c->marker = true;
    c->marker_color = marker;
}

/* ---- the engine -------------------------------------------------------------------- */

struct Layout {
    PageSpec spec;
    FontSet *fonts;
    DisplayDoc doc;
    size_t page;        /* index of the current page; valid when doc.n_pages > 0 */
    double y;           /* cursor, from the page top */
    bool fresh;         /* nothing but repeated headers on the current page */
    char *header[3];
    int section;
    int open[16];       /* structure elements opened with layout_begin, innermost last */
    int depth;
};

static double frame_top(const Layout *l) { return l->spec.margin_top; }
static double frame_bottom(const Layout *l) { return l->spec.height - l->spec.margin_bottom; }
static double frame_left(const Layout *l) { return l->spec.margin_left; }
static double frame_width(const Layout *l) { return l->spec.width - l->spec.margin_left - l->spec.margin_right; }

Layout *layout_new(const PageSpec *spec, FontSet *fonts)
{
    Layout *l = xcalloc(1, sizeof *l);
    l->spec = *spec;
    l->fonts = fonts;
    display_init(&l->doc, spec->width, spec->height);
    return l;
}

void layout_free(Layout *l)
{
    if (!l)
        return;
    display_free(&l->doc);
    for (int i = 0; i < 3; i++)
        free(l->header[i]);
    free(l);
}

DisplayDoc *layout_pages(Layout *l) { return &l->doc; }

void layout_take_pages(Layout *l, DisplayDoc *into)
{
    *into = l->doc;
    display_init(&l->doc, l->spec.width, l->spec.height);
}

static DisplayPage *current(Layout *l) { return &l->doc.pages[l->page]; }

/* The current page, with the operations added from now on tagged as tag. */
static DisplayPage *page_as(Layout *l, int tag)
{
    DisplayPage *p = current(l);
    p->tag = tag;
    return p;
}

static void start_page(Layout *l)
{
    display_add_page(&l->doc);
    l->page = l->doc.n_pages - 1;
    for (int i = 0; i < 3; i++)
        current(l)->header[i] = l->header[i] ? xstrdup(l->header[i]) : NULL;
    current(l)->section = l->section;
    l->y = frame_top(l);
    l->fresh = true;
}

void layout_set_section(Layout *l, int section) { l->section = section; }

void layout_append_pages(Layout *l, DisplayDoc *pages)
{
    if (pages->n_pages == 0)
        return;
    display_append(&l->doc, pages);
    l->page = l->doc.n_pages - 1;
    l->y = frame_bottom(l); /* what follows starts on a new page */
    l->fresh = false;
}

static void ensure_page(Layout *l)
{
    if (l->doc.n_pages == 0)
        start_page(l);
}

void layout_set_header(Layout *l, const char *left, const char *centre, const char *right)
{
    const char *v[3] = {left, centre, right};
    for (int i = 0; i < 3; i++) {
        free(l->header[i]);
        l->header[i] = v[i] ? xstrdup(v[i]) : NULL;
    }
}

static bool page_is_empty(Layout *l)
{
    return l->doc.n_pages > 0 && current(l)->n_ops == 0 && l->y == frame_top(l);
}

void layout_new_page(Layout *l)
{
    if (page_is_empty(l)) {
        /* Reuse it, with the headers and section now in force. */
        for (int i = 0; i < 3; i++) {
            free(current(l)->header[i]);
            current(l)->header[i] = l->header[i] ? xstrdup(l->header[i]) : NULL;
        }
        current(l)->section = l->section;
        return;
    }
    start_page(l);
}

size_t layout_page_index(Layout *l)
{
    ensure_page(l);
    return l->page;
}

void layout_bookmark(Layout *l, int level, const char *title)
{
    ensure_page(l);
    display_bookmark(current(l), level, title, l->y);
}

void layout_space(Layout *l, double points)
{
    ensure_page(l);
    l->y += points;
    l->fresh = false; /* the room is used: a new page would give more */
}

void layout_need(Layout *l, double points)
{
    ensure_page(l);
    if (l->y + points > frame_bottom(l) + 1e-6 && !l->fresh)
        start_page(l);
}

/* ---- logical structure ---------------------------------------------------------------- */

#define MAX_OPEN ((int)(sizeof ((Layout *)0)->open / sizeof ((Layout *)0)->open[0]))

static int open_element(const Layout *l)
{
    int depth = l->depth < MAX_OPEN ? l->depth : MAX_OPEN;
    return depth > 0 ? l->open[depth - 1] : -1;
}

int layout_begin(Layout *l, StructRole role, const char *alt)
{
    int node = display_node(&l->doc, role, open_element(l), alt);
    if (l->depth < MAX_OPEN)
        l->open[l->depth] = node;
    l->depth++; /* deeper than the stack: content goes to the deepest element kept */
    return node;
}

void layout_end(Layout *l)
{
    if (l->depth > 0)
        l->depth--;
}

/* Elements that hold text themselves (the others group elements). */
static bool holds_text(StructRole r)
{
    return r != ROLE_SECT && r != ROLE_TABLE && r != ROLE_TR && r != ROLE_L;
}

static StructRole paragraph_role(const CellStyle *s)
{
    return s->role == TEXT_TITLE ? ROLE_H1 : s->role == TEXT_SUBTITLE ? ROLE_H2 : ROLE_P;
}

/* The element a paragraph's text belongs to. */
static int paragraph_element(Layout *l, const CellStyle *s)
{
    int open = open_element(l);
    if (open >= 0 && holds_text((StructRole)l->doc.nodes[open].role))
        return open;
    return display_node(&l->doc, paragraph_role(s), open, NULL);
}

static double line_height(const CellStyle *s) { return s->size * s->leading; }

/* Distance from the top of a line box to the baseline: the em box centred
 * in the line, with the baseline at 78 % of the em (Latin faces). */
static double baseline_offset(const CellStyle *s) { return (line_height(s) - s->size) / 2 + 0.78 * s->size; }

static void draw_line_text(Layout *l, const TextLine *line, const TextRun *runs, const CellStyle *s,
                           double x, double width, double top, int tag)
{
    DisplayPage *p = page_as(l, tag);
    double dx = 0;
    if (s->align == ALIGN_RIGHT)
        dx = width - line->width;
    else if (s->align == ALIGN_CENTER)
        dx = (width - line->width) / 2;
    if (dx < 0)
        dx = 0;
    double baseline = top + baseline_offset(s);
    for (size_t f = 0; f < line->n_frags; f++) {
        const LineFragment *fr = &line->frags[f];
        const char *text = runs[fr->run].text + fr->start;
        size_t len = fr->len;
        /* The space a line was broken at is drawn at its end (invisible):
         * text extraction and screen readers then keep the two words apart. */
        if (f + 1 == line->n_frags && text[len] == ' ')
            len++;
        const TextRun *run = &runs[fr->run];
        display_text(p, x + dx + fr->x, baseline, fr->font, s->size, run->has_color ? run->color : s->color, text, len,
                     fr->width);
        if (run->decoration != DECO_NONE) {
            /* a line through or under the words; the text says the same in words, so it is decoration */
            double y = run->decoration == DECO_STRIKE ? baseline - s->size * 0.28 : baseline + s->size * 0.12;
            DisplayPage *q = page_as(l, TAG_ARTIFACT);
            display_line(q, x + dx + fr->x, y, x + dx + fr->x + fr->width, y, s->size * 0.06,
                         run->has_color ? run->color : s->color);
            p = page_as(l, tag);
        }
    }
}

void layout_paragraph(Layout *l, const TextRun *runs, size_t n_runs, const CellStyle *style)
{
    ensure_page(l);
    TextLines tl = text_break(l->fonts, runs, n_runs, style->size, frame_width(l));
    int element = paragraph_element(l, style);
    double lh = line_height(style);
    for (size_t i = 0; i < tl.n_lines; i++) {
        if (l->y + lh > frame_bottom(l) && !l->fresh)
            start_page(l);
        draw_line_text(l, &tl.lines[i], runs, style, frame_left(l), frame_width(l), l->y, element);
        l->y += lh;
        l->fresh = false;
    }
    text_lines_free(&tl);
}

/* ---- table layout ---------------------------------------------------------------------- */

typedef struct {
    TextLines lines;
    double lh;
    double x, w;        /* cell box */
    double text_x, text_w;
    int element;        /* structure element of the text */
    int box_element;    /* of the check box */
} CellBox;

typedef struct {
    CellBox *cells;
    size_t n;
    double height; /* natural */
    int link_element;
} RowBox;

static double checkbox_size(const CellStyle *s) { return s->size * 0.95; }

static RowBox measure_row(Layout *l, const LayoutTable *t, const TRow *r)
{
    RowBox rb = {xcalloc(r->n_cells ? r->n_cells : 1, sizeof *rb.cells), r->n_cells, 0, TAG_ARTIFACT};
    double pad = l->spec.padding;
    double left = frame_left(l), fw = frame_width(l);
    size_t col = 0;
    for (size_t c = 0; c < r->n_cells; c++) {
        const TCell *cell = &r->cells[c];
        size_t end = col + (size_t)cell->colspan;
        if (end > t->n_cols)
            end = t->n_cols;
        CellBox *b = &rb.cells[c];
        b->x = left + t->edges[col] * fw;
        b->w = left + t->edges[end] * fw - b->x;
        b->text_x = b->x + pad;
        b->text_w = b->w - 2 * pad;
        if (cell->checkbox || cell->marker) {
            double box = checkbox_size(&cell->style);
            b->text_x += box + cell->style.size * 0.4;
            b->text_w -= box + cell->style.size * 0.4;
        }
        if (b->text_w < 1)
            b->text_w = 1;
        b->lh = line_height(&cell->style);
        b->lines = text_break(l->fonts, cell->runs, cell->n_runs, cell->style.size, b->text_w);
        double h = (double)b->lines.n_lines * b->lh + 2 * pad;
        if ((cell->checkbox || cell->marker) && b->lines.n_lines == 0)
            h = b->lh + 2 * pad;
        if (h > rb.height)
            rb.height = h;
        col = end;
    }
    if (rb.height < r->min_height)
        rb.height = r->min_height;
    return rb;
}

static void free_row_box(RowBox *rb)
{
    for (size_t c = 0; c < rb->n; c++)
        text_lines_free(&rb->cells[c].lines);
    free(rb->cells);
}

/* A legend marker is decoration (the text says the same); a check box is
 * a figure with its alt text. */
static void draw_checkbox(Layout *l, const TCell *cell, const CellBox *b, double top, int tag)
{
    const CellStyle *s = &cell->style;
    double box = checkbox_size(s);
    double x = b->x + l->spec.padding;
    double y = top + (b->lh - box) / 2;
    if (cell->marker) {
        display_rect(page_as(l, TAG_ARTIFACT), x, y, box, box, &cell->marker_color, &cell->marker_color, 0.6);
        return;
    }
    DisplayPage *p = page_as(l, tag);
    Color white = {1, 1, 1};
    display_rect(p, x, y, box, box, &white, &s->color, 0.6);
    if (cell->checked) {
        double in = box * 0.18;
        display_line(p, x + in, y + in, x + box - in, y + box - in, 0.9, s->color);
        display_line(p, x + in, y + box - in, x + box - in, y + in, 0.9, s->color);
    }
}

/* Draws lines [first[c], first[c] + count[c]) of each cell in a box of
 * height h at y. whole: the row is drawn in one piece (vertical centring).
 * again[c]: the cell's text is printed again (a repeated heading or label),
 * which a reader must not read twice: an artifact. */
static void draw_row(Layout *l, const TRow *r, const RowBox *rb, const size_t *first, const size_t *count,
                     const bool *again, double y, double h, bool whole)
{
    DisplayPage *p = page_as(l, TAG_ARTIFACT);
    double pad = l->spec.padding;
    /* All boxes first, then all text: fewer colour and text-mode switches. */
    for (size_t c = 0; c < rb->n; c++)
        display_rect(p, rb->cells[c].x, y, rb->cells[c].w, h,
                     r->cells[c].style.has_fill ? &r->cells[c].style.fill : NULL, &l->spec.border_color,
                     l->spec.border_width);
    for (size_t c = 0; c < rb->n; c++) {
        const TCell *cell = &r->cells[c];
        const CellBox *b = &rb->cells[c];
        double top = y + pad;
        if (whole && cell->style.valign == VALIGN_MIDDLE) {
            double used = (double)((cell->checkbox || cell->marker) && count[c] == 0 ? 1 : count[c]) * b->lh;
            top = y + (h - used) / 2;
        }
        int tag = again[c] ? TAG_PAGINATION : b->element;
        if ((cell->checkbox || cell->marker) && first[c] == 0)
            draw_checkbox(l, cell, b, top, again[c] ? TAG_PAGINATION : b->box_element);
        for (size_t k = 0; k < count[c]; k++)
            draw_line_text(l, &b->lines.lines[first[c] + k], cell->runs, &cell->style, b->text_x,
                           b->text_w, top + (double)k * b->lh, tag);
    }
    if (r->link >= 0 && rb->n > 0 && !again[0])
        display_link(page_as(l, rb->link_element), rb->cells[0].x, y,
                     rb->cells[rb->n - 1].x + rb->cells[rb->n - 1].w - rb->cells[0].x, h, r->link);
}

/* again: a header row repeated after a page break. */
static void draw_whole_row(Layout *l, const TRow *r, const RowBox *rb, bool again)
{
    size_t *first = xcalloc(rb->n ? rb->n : 1, sizeof *first);
    size_t *count = xcalloc(rb->n ? rb->n : 1, sizeof *count);
    bool *repeated = xcalloc(rb->n ? rb->n : 1, sizeof *repeated);
    for (size_t c = 0; c < rb->n; c++) {
        count[c] = rb->cells[c].lines.n_lines;
        repeated[c] = again;
    }
    if (r->bookmark && !again)
        display_bookmark(current(l), r->bookmark_level, r->bookmark, l->y);
    draw_row(l, r, rb, first, count, repeated, l->y, rb->height, true);
    l->y += rb->height;
    free(first);
    free(count);
    free(repeated);
}

typedef struct {
    const LayoutTable *t;
    RowBox *boxes;
    double header_height;
} TableRun;

static void draw_headers(Layout *l, const TableRun *tr, bool again)
{
    for (size_t i = 0; i < tr->t->header_rows && i < tr->t->n_rows; i++)
        draw_whole_row(l, &tr->t->rows[i], &tr->boxes[i], again);
}

static void next_page_with_headers(Layout *l, const TableRun *tr)
{
    start_page(l);
    draw_headers(l, tr, true);
    l->fresh = true;
}

/* A body row taller than the room left: split it line by line across pages. */
static void split_row(Layout *l, const TableRun *tr, const TRow *r, const RowBox *rb)
{
    double pad = l->spec.padding;
    size_t *first = xcalloc(rb->n ? rb->n : 1, sizeof *first);
    size_t *count = xcalloc(rb->n ? rb->n : 1, sizeof *count);
    bool *again = xcalloc(rb->n ? rb->n : 1, sizeof *again);
    bool started = false;
    for (;;) {
        double avail = frame_bottom(l) - l->y - 2 * pad;
        bool any_fits = false, any_left = false;
        for (size_t c = 0; c < rb->n; c++) {
            size_t left = rb->cells[c].lines.n_lines - first[c];
            if (left == 0)
                continue;
            any_left = true;
            if (rb->cells[c].lh <= avail)
                any_fits = true;
        }
        if (!any_left && started)
            break;
        if (!any_fits && !l->fresh && any_left) {
            next_page_with_headers(l, tr);
            continue;
        }
        double part = 0;
        bool done = true;
        for (size_t c = 0; c < rb->n; c++) {
            if (started && r->cells[c].repeat && first[c] >= rb->cells[c].lines.n_lines) {
                first[c] = 0; /* a label shows again on the continuation */
                again[c] = true;
            }
            size_t left = rb->cells[c].lines.n_lines - first[c];
            double fit = floor(avail / rb->cells[c].lh + 1e-9);
            size_t k = fit > 0 ? (size_t)fit : 0; /* no room at all: avail may be negative */
            if (k == 0 && l->fresh && left > 0)
                k = 1; /* a line taller than the page: print it rather than loop */
            count[c] = k < left ? k : left;
            if (count[c] < left)
                done = false;
            double used = (double)count[c] * rb->cells[c].lh + 2 * pad;
            if (used > part)
                part = used;
        }
        if (!done)
            part = frame_bottom(l) - l->y; /* fill the page down to the bottom */
        else if (!started && part < rb->height)
            part = rb->height;
        if (part > frame_bottom(l) - l->y && !(l->fresh && part > frame_bottom(l) - frame_top(l)))
            part = frame_bottom(l) - l->y; /* a minimum height taller than the room left */
        if (!started && r->bookmark)
            display_bookmark(current(l), r->bookmark_level, r->bookmark, l->y);
        draw_row(l, r, rb, first, count, again, l->y, part, false);
        l->y += part;
        l->fresh = false;
        started = true;
        for (size_t c = 0; c < rb->n; c++)
            first[c] += count[c];
        if (done)
            break;
        next_page_with_headers(l, tr);
    }
    free(first);
    free(count);
    free(again);
}

/* Lines of a split row that must fit where it starts. */
#define MIN_LINES_BEFORE_BREAK 3

static bool is_tall(const Layout *l, const RowBox *rb)
{
    return l->spec.split_tall_rows > 0 && rb->height > l->spec.split_tall_rows * (frame_bottom(l) - frame_top(l));
}

/* Height of the first MIN_LINES_BEFORE_BREAK lines of a row (or all of it). */
static double first_lines_height(const Layout *l, const RowBox *rb)
{
    double h = 0;
    for (size_t c = 0; c < rb->n; c++) {
        size_t n = rb->cells[c].lines.n_lines < MIN_LINES_BEFORE_BREAK ? rb->cells[c].lines.n_lines
                                                                       : MIN_LINES_BEFORE_BREAK;
        double ch = (double)n * rb->cells[c].lh;
        if (ch > h)
            h = ch;
    }
    h += 2 * l->spec.padding;
    return h < rb->height ? h : rb->height;
}

/* The concatenated text of a cell (a link's description). */
static char *cell_text(const TCell *cell)
{
    StrBuf b = {0};
    for (size_t k = 0; k < cell->n_runs; k++)
        strbuf_puts(&b, cell->runs[k].text);
    return b.data ? b.data : xstrdup("");
}

/* A body row with no text and no check box: the blank lines of a form,
 * drawn for hand-writing, which say nothing to a reader. */
static bool blank_row(const TRow *r)
{
    for (size_t c = 0; c < r->n_cells; c++) {
        if (r->cells[c].checkbox)
            return false;
        for (size_t k = 0; k < r->cells[c].n_runs; k++)
            if (r->cells[c].runs[k].text[strspn(r->cells[c].runs[k].text, " \n")])
                return false;
    }
    return true;
}

/* Table → TR → TH/TD, created in reading order before anything is drawn;
 * blank body rows stay out of the structure (artifacts). */
static void tag_table(Layout *l, const LayoutTable *t, RowBox *boxes)
{
    DisplayDoc *d = &l->doc;
    int table = display_node(d, ROLE_TABLE, open_element(l), NULL);
    for (size_t i = 0; i < t->n_rows; i++) {
        boxes[i].link_element = TAG_ARTIFACT;
        if (i >= t->header_rows && blank_row(&t->rows[i]) && t->rows[i].link < 0) {
            for (size_t c = 0; c < t->rows[i].n_cells; c++)
                boxes[i].cells[c].element = boxes[i].cells[c].box_element = TAG_ARTIFACT;
            continue;
        }
        int tr = display_node(d, ROLE_TR, table, NULL);
        for (size_t c = 0; c < t->rows[i].n_cells; c++) {
            const TCell *cell = &t->rows[i].cells[c];
            TextRole role = cell->style.role;
            bool column_head = i < t->header_rows || role == TEXT_COLUMN_HEADING;
            bool head = column_head || role == TEXT_ROW_HEADING;
            int node = display_node(d, head ? ROLE_TH : ROLE_TD, tr, NULL);
            d->nodes[node].scope = column_head ? SCOPE_COLUMN : head ? SCOPE_ROW : SCOPE_NONE;
            d->nodes[node].colspan = cell->colspan;
            CellBox *b = &boxes[i].cells[c];
            b->box_element = TAG_ARTIFACT;
            if (cell->checkbox)
                b->box_element = display_node(d, ROLE_FIGURE, node, cell->box_alt);
            if (role == TEXT_TITLE || role == TEXT_SUBTITLE)
                node = display_node(d, paragraph_role(&cell->style), node, NULL);
            if (c == 0 && t->rows[i].link >= 0) {
                char *text = t->rows[i].link_description ? xstrdup(t->rows[i].link_description) : cell_text(cell);
                node = display_node(d, ROLE_LINK, node, text);
                boxes[i].link_element = node;
                free(text);
            }
            b->element = node;
        }
    }
}

void layout_table(Layout *l, const LayoutTable *t)
{
    ensure_page(l);
    TableRun tr = {t, xcalloc(t->n_rows ? t->n_rows : 1, sizeof *tr.boxes), 0};
    for (size_t i = 0; i < t->n_rows; i++)
        tr.boxes[i] = measure_row(l, t, &t->rows[i]);
    tag_table(l, t, tr.boxes);
    size_t hr = t->header_rows < t->n_rows ? t->header_rows : t->n_rows;
    for (size_t i = 0; i < hr; i++)
        tr.header_height += tr.boxes[i].height;
    double body_room = frame_bottom(l) - frame_top(l) - tr.header_height;

    /* The header never stays alone: it needs the start of the first body row
     * (all of it, or the first lines of a row that may be split). */
    if (hr > 0) {
        double need = tr.header_height;
        if (hr < t->n_rows) {
            const RowBox *first = &tr.boxes[hr];
            bool splits = first->height > body_room || is_tall(l, first);
            need += splits ? first_lines_height(l, first) : first->height;
        }
        if (l->y + need > frame_bottom(l) + 1e-6 && !l->fresh)
            start_page(l);
        draw_headers(l, &tr, false);
    }
    for (size_t i = hr; i < t->n_rows; i++) {
        const RowBox *rb = &tr.boxes[i];
        if (l->y + rb->height <= frame_bottom(l) + 1e-6) {
            draw_whole_row(l, &t->rows[i], rb, false);
        } else if (rb->height <= body_room + 1e-6 && !l->fresh &&
                   !(is_tall(l, rb) && l->y + first_lines_height(l, rb) <= frame_bottom(l))) {
            next_page_with_headers(l, &tr);
            draw_whole_row(l, &t->rows[i], rb, false);
        } else {
            split_row(l, &tr, &t->rows[i], rb);
            continue;
        }
        l->fresh = false;
    }
    l->y += l->spec.table_gap;
    for (size_t i = 0; i < t->n_rows; i++)
        free_row_box(&tr.boxes[i]);
    free(tr.boxes);
}

/* ---- charts ------------------------------------------------------------------------------ */

/* Width of a one-line text in a style. */
static double one_line_width(FontSet *fonts, const CellStyle *s, const char *text)
{
    if (!text || !*text)
        return 0;
    TextRun run = {s->font, text};
    TextLines tl = text_break(fonts, &run, 1, s->size, 1e9);
    double w = 0;
    for (size_t i = 0; i < tl.n_lines; i++)
        if (tl.lines[i].width > w)
            w = tl.lines[i].width;
    text_lines_free(&tl);
    return w;
}

static void chart_label(Layout *l, const CellStyle *s, const char *text, double x, double middle, HAlign align,
                        int tag)
{
    if (!text || !*text)
        return;
    TextRun run = {s->font, text};
    TextLines tl = text_break(l->fonts, &run, 1, s->size, 1e9);
    if (tl.n_lines > 0) {
        CellStyle one = *s;
        one.align = align;
        double w = tl.lines[0].width;
        double left = align == ALIGN_RIGHT ? x - w : x;
        draw_line_text(l, &tl.lines[0], &run, &one, left, w, middle - line_height(s) / 2, tag);
    }
    text_lines_free(&tl);
}

static double clamp_value(double v, double max)
{
    if (!(v > 0))
        return 0;
    return v > max ? max : v;
}

void layout_bar_chart(Layout *l, const BarChart *ch)
{
    ensure_page(l);
    if (l->y + ch->height > frame_bottom(l) + 1e-6 && !l->fresh)
        start_page(l);
    const CellStyle *s = &ch->text;
    double gap = s->size * 0.6;
    double left_w = 0, right_w = 0;
    for (size_t i = 0; i < ch->n_ticks; i++) {
        double w = one_line_width(l->fonts, s, ch->ticks[i].label);
        left_w = w > left_w ? w : left_w;
    }
    for (size_t i = 0; i < ch->n_lines; i++) {
        double w = one_line_width(l->fonts, s, ch->lines[i].label);
        right_w = w > right_w ? w : right_w;
    }
    double x0 = frame_left(l) + (left_w > 0 ? left_w + gap : 0);
    double x1 = frame_left(l) + frame_width(l) - (right_w > 0 ? right_w + gap : 0);
    double top = l->y + line_height(s) / 2;             /* room for the top tick's label */
    double bottom = l->y + ch->height - line_height(s) / 2;
    double max = ch->max > 0 ? ch->max : 1;
    double plot_h = bottom - top;
    int figure = display_node(&l->doc, ROLE_FIGURE, open_element(l), ch->alt);
    DisplayPage *p = page_as(l, figure);
#define CHART_Y(v) (bottom - clamp_value((v), max) / max * plot_h)
    for (size_t i = 0; i < ch->n_ticks; i++) {
        double y = CHART_Y(ch->ticks[i].value);
        display_line(p, x0, y, x1, y, 0.3, ch->grid);
        chart_label(l, s, ch->ticks[i].label, x0 - gap, y, ALIGN_RIGHT, figure);
    }
    if (ch->n_bars > 0) {
        double slot = (x1 - x0) / (double)ch->n_bars;
        double space = slot * 0.2 > 3 ? 3 : slot * 0.2;
        if (slot - space < 0.5)
            space = 0; /* many bars: touching is better than vanishing */
        for (size_t i = 0; i < ch->n_bars; i++) {
            double h = clamp_value(ch->bars[i].value, max) / max * plot_h;
            if (h <= 0)
                continue;
            display_rect(p, x0 + (double)i * slot + space / 2, bottom - h, slot - space, h, &ch->bars[i].color,
                         NULL, 0);
        }
    }
    for (size_t i = 0; i < ch->n_lines; i++) {
        double y = CHART_Y(ch->lines[i].value);
        display_line(p, x0, y, x1, y, 0.9, ch->lines[i].color);
        chart_label(l, s, ch->lines[i].label, x1 + gap, y, ALIGN_LEFT, figure);
    }
#undef CHART_Y
    display_line(p, x0, top, x0, bottom, 0.6, ch->axis);
    display_line(p, x0, bottom, x1, bottom, 0.6, ch->axis);
    l->y += ch->height + l->spec.table_gap;
    l->fresh = false;
}

/* ---- timeline ------------------------------------------------------------------------------ */

/* The headings of a timeline part at the cursor; returns the plot's top. */
static double gantt_head(Layout *l, const GanttChart *g, int figure, double x0, double x1, double axis_w)
{
    DisplayPage *p = page_as(l, figure);
    double h = line_height(&g->heading) + 4, top = l->y, mid = top + h / 2;
    if (g->heading.has_fill)
        display_rect(p, frame_left(l), top, frame_width(l), h, &g->heading.fill, NULL, 0);
    double col = axis_w / (double)(g->n_columns ? g->n_columns : 1);
    for (size_t i = 0; i < g->n_columns; i++)
        chart_label(l, &g->heading, g->columns[i], x0 + col * ((double)i + 0.5) - one_line_width(l->fonts, &g->heading, g->columns[i]) / 2, mid, ALIGN_LEFT, figure);
    chart_label(l, &g->heading, g->right_heading, x1 + 3, mid, ALIGN_LEFT, figure);
    return top + h;
}

/* Closes a page's part: grid columns, the marked line, the frame. */
static void gantt_close(Layout *l, const GanttChart *g, int figure, double top, double bottom, double x0, double x1,
                        double axis_w)
{
    DisplayPage *p = page_as(l, figure);
    double col = axis_w / (double)(g->n_columns ? g->n_columns : 1);
    for (size_t i = 0; i <= g->n_columns; i++)
        display_line(p, x0 + col * (double)i, top, x0 + col * (double)i, bottom, 0.3, g->grid);
    if (g->has_line && g->line >= 0 && g->line <= 1) {
        double x = x0 + g->line * axis_w;
        display_line(p, x, top - 2, x, bottom, 1.1, g->line_color);
        CellStyle s = g->text;
        s.color = g->line_color;
        chart_label(l, &s, g->line_label, x + 2, bottom + line_height(&s) / 2 + 1, ALIGN_LEFT, figure);
    }
    display_line(p, frame_left(l), bottom, frame_left(l) + frame_width(l), bottom, 0.5, g->grid);
    (void)x1;
}

void layout_gantt(Layout *l, const GanttChart *g)
{
    ensure_page(l);
    double label_w = frame_width(l) * g->label_share, right_w = frame_width(l) * g->right_share;
    double x0 = frame_left(l) + label_w, x1 = frame_left(l) + frame_width(l) - right_w, axis_w = x1 - x0;
    double head_h = line_height(&g->heading) + 4, foot_h = line_height(&g->text) + 4;
    double row_h = g->row_height > line_height(&g->text) ? g->row_height : line_height(&g->text) + 2;
    if (l->y + head_h + row_h + foot_h > frame_bottom(l) + 1e-6 && !l->fresh)
        start_page(l);
    int part = 0;
    int figure = display_node(&l->doc, ROLE_FIGURE, open_element(l), g->alt);
    double top = gantt_head(l, g, figure, x0, x1, axis_w), y = top;
    for (size_t i = 0; i < g->n_rows; i++) {
        /* a group heading never stays alone at the foot of a page */
        double need = g->rows[i].group && i + 1 < g->n_rows ? 2 * row_h : row_h;
        if (y + need + foot_h > frame_bottom(l) + 1e-6 && y > top) {
            gantt_close(l, g, figure, top, y, x0, x1, axis_w);
            start_page(l);
            part++;
            char *alt = xasprintf("%s%s", g->alt ? g->alt : "", g->alt_continued ? g->alt_continued : "");
            figure = display_node(&l->doc, ROLE_FIGURE, open_element(l), alt);
            free(alt);
            top = gantt_head(l, g, figure, x0, x1, axis_w);
            y = top;
        }
        const GanttRow *r = &g->rows[i];
        DisplayPage *p = page_as(l, figure);
        double mid = y + row_h / 2;
        if (r->group) {
            if (g->group.has_fill)
                display_rect(p, frame_left(l), y, frame_width(l), row_h, &g->group.fill, NULL, 0);
            chart_label(l, &g->group, r->label, frame_left(l) + 2, mid, ALIGN_LEFT, figure);
        } else {
            chart_label(l, &g->text, r->label, frame_left(l) + 2, mid, ALIGN_LEFT, figure);
            if (r->has_bar) {
                double a = r->from < 0 ? 0 : r->from > 1 ? 1 : r->from;
                double b = r->to < a ? a : r->to > 1 ? 1 : r->to;
                double w = (b - a) * axis_w < 1.5 ? 1.5 : (b - a) * axis_w;
                p = page_as(l, figure);
                display_rect(p, x0 + a * axis_w, y + row_h * 0.22, w, row_h * 0.56, &r->color, NULL, 0);
            }
            if (r->has_mark && r->mark >= 0 && r->mark <= 1) {
                double x = x0 + r->mark * axis_w, side = row_h * 0.5;
                p = page_as(l, figure);
                display_rect(p, x - side / 2, mid - side / 2, side, side, &g->mark_color, NULL, 0);
            }
            chart_label(l, &g->text, r->right, x1 + 3, mid, ALIGN_LEFT, figure);
        }
        p = page_as(l, figure);
        display_line(p, frame_left(l), y + row_h, frame_left(l) + frame_width(l), y + row_h, 0.2, g->grid);
        y += row_h;
    }
    gantt_close(l, g, figure, top, y, x0, x1, axis_w);
    l->y = y + foot_h + l->spec.table_gap;
    l->fresh = false;
    (void)part;
}

/* ---- page furniture ---------------------------------------------------------------- */

static void furniture_text(DisplayPage *p, FontSet *fonts, const CellStyle *s, const char *text,
                           double x, double baseline, HAlign align)
{
    if (!text || !*text)
        return;
    TextRun run = {s->font, text};
    TextLines tl = text_break(fonts, &run, 1, s->size, 1e9);
    if (tl.n_lines > 0) {
        const TextLine *line = &tl.lines[0];
        double start = align == ALIGN_RIGHT ? x - line->width : align == ALIGN_CENTER ? x - line->width / 2 : x;
        for (size_t f = 0; f < line->n_frags; f++) {
            const LineFragment *fr = &line->frags[f];
            display_text(p, start + fr->x, baseline, fr->font, s->size, s->color, text + fr->start, fr->len,
                         fr->width);
        }
    }
    text_lines_free(&tl);
}

/* Replaces {name} in tpl with the numbers; new string. */
static char *page_text(const char *tpl, size_t pagina, size_t pagine, size_t foglio, size_t fogli)
{
    static const char *const names[] = {"{pagina}", "{pagine}", "{foglio}", "{fogli}"};
    size_t values[] = {pagina, pagine, foglio, fogli};
    StrBuf b = {0};
    for (const char *p = tpl; *p;) {
        bool hit = false;
        for (int i = 0; i < 4 && !hit; i++) {
            size_t n = strlen(names[i]);
            if (strncmp(p, names[i], n) == 0) {
                char num[32];
                snprintf(num, sizeof num, "%zu", values[i]);
                strbuf_puts(&b, num);
                p += n;
                hit = true;
            }
        }
        if (!hit)
            strbuf_append(&b, p++, 1);
    }
    return b.data ? b.data : xstrdup("");
}

void layout_furniture(DisplayDoc *doc, FontSet *fonts, const PageSpec *spec, const char *footer_left,
                      const char *page_label)
{
    const CellStyle *s = &spec->furniture;
    double left = spec->margin_left, right = spec->width - spec->margin_right;
    double head_base = spec->margin_top - s->size * 0.9;
    double foot_base = spec->height - spec->margin_bottom + s->size * 1.9;
    for (size_t i = 0; i < doc->n_pages; i++) {
        DisplayPage *p = &doc->pages[i];
        p->tag = TAG_PAGINATION;
        if (p->header[0] || p->header[1] || p->header[2]) {
            furniture_text(p, fonts, s, p->header[0], left, head_base, ALIGN_LEFT);
            furniture_text(p, fonts, s, p->header[1], (left + right) / 2, head_base, ALIGN_CENTER);
            furniture_text(p, fonts, s, p->header[2], right, head_base, ALIGN_RIGHT);
            display_line(p, left, head_base + s->size * 0.45, right, head_base + s->size * 0.45, 0.4, s->color);
        }
        display_line(p, left, foot_base - s->size * 1.2, right, foot_base - s->size * 1.2, 0.4, s->color);
        furniture_text(p, fonts, s, footer_left, left, foot_base, ALIGN_LEFT);
        /* The page's position within its section (sections are contiguous). */
        size_t first = i, last = i;
        if (p->section != 0) {
            while (first > 0 && doc->pages[first - 1].section == p->section)
                first--;
            while (last + 1 < doc->n_pages && doc->pages[last + 1].section == p->section)
                last++;
        } else {
            first = 0;
            last = doc->n_pages - 1;
        }
        char *label = page_text(page_label, i - first + 1, last - first + 1, i + 1, doc->n_pages);
        furniture_text(p, fonts, s, label, right, foot_base, ALIGN_RIGHT);
        free(label);
    }
}
