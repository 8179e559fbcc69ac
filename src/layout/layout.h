/* layout.h — the layout engine: paragraphs and tables flowed onto pages.
 *
 * Knows pages, text, tables and nothing of objectives. A document builds
 * tables (column proportions, spans, styles, minimum row heights, header
 * rows that repeat after a page break) and hands them to the engine, which
 * measures every line with the real font metrics and paginates:
 *  - a row that does not fit moves to the next page;
 *  - a row taller than a page is split across pages, never clipped; so is a
 *    tall row (spec->split_tall_rows) when three of its lines fit where it
 *    would start, rather than leave most of a page empty;
 *  - a table's header rows repeat after a page break and never stay alone
 *    at the bottom of a page.
 * The result is a DisplayDoc; layout_furniture() then adds the page header
 * and the "Pag. X di Y" footer once the page count is known.
 *
 * Everything laid out is also tagged with its place in the document's
 * logical structure (display.h): paragraphs and titles, tables with rows,
 * heading and data cells, figures, links; rules, fills, repeated headings
 * and page furniture are artifacts. */
#ifndef SCHEDE_LAYOUT_H
#define SCHEDE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "display.h"
#include "fontset.h"
#include "textlayout.h"

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } HAlign;
typedef enum { VALIGN_TOP, VALIGN_MIDDLE } VAlign;

/* What the text of a style is in the document's logical structure (the
 * tags of an accessible PDF): body text, a title (level 1) or subtitle
 * (level 2), or the heading of a table's column or row. */
typedef enum { TEXT_BODY, TEXT_TITLE, TEXT_SUBTITLE, TEXT_COLUMN_HEADING, TEXT_ROW_HEADING } TextRole;

typedef struct {
    FontStyle font;
    double size;     /* points */
    double leading;  /* line height as a multiple of size */
    HAlign align;
    VAlign valign;
    Color color;     /* text */
    bool has_fill;
    Color fill;      /* cell background */
    TextRole role;   /* TEXT_BODY unless told */
} CellStyle;

typedef struct {
    double width, height;                        /* page, points */
    double margin_top, margin_bottom, margin_left, margin_right;
    double border_width;                         /* table rules */
    Color border_color;
    double padding;                              /* inside cells */
    double table_gap;                            /* space after a table */
    double split_tall_rows;                      /* a row taller than this share of the frame may
                                                    start at the bottom of a page and continue on
                                                    the next (0 = rows move whole unless taller
                                                    than a page) */
    CellStyle furniture;                         /* header and footer text */
} PageSpec;

typedef struct Layout Layout;

Layout *layout_new(const PageSpec *spec, FontSet *fonts);
void layout_free(Layout *l);

/* The pages laid out so far; the caller may take them over with
 * layout_take_pages (the layout is then empty). */
DisplayDoc *layout_pages(Layout *l);
void layout_take_pages(Layout *l, DisplayDoc *into);

/* Header texts for the pages started from now on (NULL for none). */
void layout_set_header(Layout *l, const char *left, const char *centre, const char *right);
/* Pages started from now on belong to this section (0 = none): the footer
 * can count the pages of each section, e.g. of each person's sheet. */
void layout_set_section(Layout *l, int section);
/* Appends pages laid out elsewhere (with the same fonts) after the current
 * one; their structure elements join the document's. What follows starts
 * on a new page. pages is left empty. */
void layout_append_pages(Layout *l, DisplayDoc *pages);
/* Starts a new page unless the current one is still empty. */
void layout_new_page(Layout *l);
/* 0-based index of the current page (starting one if there is none). */
size_t layout_page_index(Layout *l);
void layout_bookmark(Layout *l, int level, const char *title);
void layout_space(Layout *l, double points);
/* Starts a new page unless `points` of room are left: a heading calls it so
 * that it never stays alone at the bottom of a page. */
void layout_need(Layout *l, double points);
/* A paragraph across the frame's width; breaks across pages line by line.
 * It is a P element, or H1/H2 when the style's role is a title, unless the
 * innermost open element (layout_begin) is one that holds text itself. */
void layout_paragraph(Layout *l, const TextRun *runs, size_t n_runs, const CellStyle *style);

/* ---- logical structure ----
 * Tables, paragraphs, charts and page furniture tag themselves; a document
 * opens elements only to group content: a list (ROLE_L → ROLE_LI →
 * ROLE_LBODY around paragraphs) or a section. Returns the element's index;
 * alt is its alternate text (may be NULL). */
int layout_begin(Layout *l, StructRole role, const char *alt);
void layout_end(Layout *l);

/* ---- tables ---- */
typedef struct LayoutTable LayoutTable;

/* proportions: relative column widths (any positive numbers). */
LayoutTable *ltable_new(const double *proportions, size_t n_cols);
void ltable_free(LayoutTable *t);
/* The first n rows are the header: repeated after every page break. */
void ltable_set_header_rows(LayoutTable *t, size_t n);
/* Starts a row; cells are added left to right and must fill the columns. */
void ltable_row(LayoutTable *t, double min_height);
/* Makes the current row a link to a page of the final document;
 * description says where it leads ("Scheda SG-01 – …, pagina 4"), for the
 * link's alternate text and its annotation's /Contents (PDF/UA). */
void ltable_row_link(LayoutTable *t, int target_page, const char *description);
/* Adds a bookmark pointing at the current row where it is drawn. */
void ltable_row_bookmark(LayoutTable *t, int level, const char *title);
void ltable_cell(LayoutTable *t, const char *utf8, int colspan, const CellStyle *style);
void ltable_cell_runs(LayoutTable *t, const TextRun *runs, size_t n_runs, int colspan,
                      const CellStyle *style);
/* Prints the current row's last cell again on every continuation of the row
 * when the row is split across pages (for labels: "what is this text?"). */
void ltable_cell_repeat(LayoutTable *t);
/* A cell with a drawn check box (ticked or not) before its text; box_alt
 * says what the box shows to who cannot see it ("casella selezionata"). */
void ltable_cell_checkbox(LayoutTable *t, bool checked, const char *box_alt, const char *utf8, int colspan,
                          const CellStyle *style);
/* A cell with a small square of the given colour before its text (a legend
 * key: the text says the same, the colour only helps the eye). */
void ltable_cell_marker(LayoutTable *t, Color marker, const char *utf8, int colspan, const CellStyle *style);

void layout_table(Layout *l, const LayoutTable *t);

/* ---- charts ---- */
typedef struct {
    double value;
    Color color;
} ChartBar;

typedef struct {
    double value;       /* on the value axis */
    const char *label;  /* printed at the right of the plot; may be NULL */
    Color color;
} ChartLine;

typedef struct {
    double value;
    const char *label;  /* printed at the left of the plot */
} ChartTick;

/* A vertical bar chart across the frame's width: one bar per value, left to
 * right in the order given, from 0 at the bottom to max at the top (values
 * above max are drawn up to max, below 0 as 0); ticks are light grid lines
 * with their labels, lines are reference lines (e.g. limits) drawn over the
 * bars. The chart is kept on one page: it starts a new page if it does not
 * fit in the room left. */
typedef struct {
    const ChartBar *bars;
    size_t n_bars;
    const ChartLine *lines;
    size_t n_lines;
    const ChartTick *ticks;
    size_t n_ticks;
    double max;
    double height;      /* points, labels included */
    CellStyle text;     /* labels */
    Color axis, grid;
    const char *alt;    /* what the chart shows, in words, for who cannot see it */
} BarChart;

void layout_bar_chart(Layout *l, const BarChart *chart);

/* A timeline (Gantt) chart across the frame's width: a label column, the
 * axis divided into equal columns (e.g. the months) with their headings, and
 * a text column at the right (e.g. each bar's state in words, so that colour
 * is never the only sign). One row per item: a bar from `from` to `to`
 * (fractions 0–1 of the axis), an optional mark, the right-hand text; group
 * rows carry only their label, in the group style. A vertical line marks a
 * position (e.g. a date) on every page. Rows continue over pages with the
 * headings repeated; each page's part is one Figure whose alternate text is
 * alt (on continuations followed by alt_continued). */
typedef struct {
    const char *label;
    bool group;
    bool has_bar;
    double from, to;
    Color color;
    bool has_mark;
    double mark;
    const char *right;
} GanttRow;

typedef struct {
    const GanttRow *rows;
    size_t n_rows;
    const char *const *columns;   /* axis headings */
    size_t n_columns;
    const char *right_heading;
    double label_share, right_share; /* of the frame width */
    double row_height;
    bool has_line;
    double line;
    const char *line_label;
    CellStyle text, group, heading;
    Color grid, line_color, mark_color;
    const char *alt, *alt_continued;
} GanttChart;

void layout_gantt(Layout *l, const GanttChart *chart);

/* Draws every page's header (the texts set with layout_set_header) and the
 * footer, as pagination artifacts: footer_left at the left, page_label at the right, where
 * {pagina} / {pagine} count the pages of the page's section (of the whole
 * document when there are no sections) and {foglio} / {fogli} those of
 * the document: "Pag. {pagina} di {pagine}". */
void layout_furniture(DisplayDoc *doc, FontSet *fonts, const PageSpec *spec, const char *footer_left,
                      const char *page_label);

#endif
