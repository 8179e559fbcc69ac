/* The layout engine alone, on the real fonts: line breaking, tables,
 * pagination and furniture, read back from the display list. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fonts.h"
#include "layout.h"
#include "text.h"

static FontSet fonts;

static void load_fonts(void) { test_fonts_load(&fonts); }

static void free_fonts(void) { fontset_free(&fonts); }

TestSuite(text, .init = load_fonts, .fini = free_fonts);
TestSuite(table, .init = load_fonts, .fini = free_fonts);

/* Titillium Web Regular advances (hmtx / 1000 em): a 501, space 220. */
#define A10 5.01  /* 'a' at 10 pt */
#define SP10 2.20 /* ' ' at 10 pt */
/* Display operations store floats: compare them to a thousandth of a point. */
#define OP_EPS 1e-3

static char *line_text(const TextRun *runs, const TextLine *line)
{
    StrBuf b = {0};
    for (size_t f = 0; f < line->n_frags; f++)
        strbuf_append(&b, runs[line->frags[f].run].text + line->frags[f].start, line->frags[f].len);
    return b.data ? b.data : xstrdup("");
}

static TextLines brk(const char *s, double width, TextRun *run)
{
    *run = (TextRun){STYLE_REGULAR, s};
    return text_break(&fonts, run, 1, 10, width);
}

Test(text, metrics_match_the_font_tables)
{
    cr_assert_float_eq(fontset_advance(&fonts, STYLE_REGULAR, 'a', 10), A10, 1e-9);
    cr_assert_float_eq(text_width(&fonts, STYLE_REGULAR, "aa a", 10), 3 * A10 + SP10, 1e-9);
}

Test(text, breaks_at_spaces_and_trailing_space_takes_no_room)
{
    TextRun run;
    /* "aaaa aaaa": each word 20.04 pt; 25 pt holds one word and its space. */
    TextLines tl = brk("aaaa aaaa", 25, &run);
    cr_assert_eq(tl.n_lines, 2);
    cr_assert_float_eq(tl.lines[0].width, 4 * A10, 1e-9);
    cr_assert_float_eq(tl.lines[1].width, 4 * A10, 1e-9);
    char *l1 = line_text(&run, &tl.lines[1]);
    cr_assert_str_eq(l1, "aaaa");
    free(l1);
    text_lines_free(&tl);
    /* exactly wide enough for both words: one line */
    tl = brk("aaaa aaaa", 8 * A10 + SP10, &run);
    cr_assert_eq(tl.n_lines, 1);
    text_lines_free(&tl);
}

/* A no-break space glues a figure to its unit: "20 giorni" moves whole. */
Test(text, a_no_break_space_is_not_a_break)
{
    TextRun run;
    TextLines tl = brk("valore 20\u00A0giorni", text_width(&fonts, STYLE_REGULAR, "valore 20 gio", 10), &run);
    cr_assert_eq(tl.n_lines, 2);
    char *a = line_text(&run, &tl.lines[0]), *b = line_text(&run, &tl.lines[1]);
    cr_assert_str_eq(a, "valore");
    cr_assert_str_eq(b, "20\u00A0giorni");
    cr_assert_float_eq(tl.lines[1].width, text_width(&fonts, STYLE_REGULAR, "20 giorni", 10), 1e-9,
                       "as wide as a space");
    free(a);
    free(b);
    text_lines_free(&tl);
}

Test(text, breaks_after_hyphen_and_slash_but_not_inside_numbers)
{
    TextRun run;
    TextLines tl = brk("socio-sanitari", text_width(&fonts, STYLE_REGULAR, "socio-sanit", 10), &run);
    cr_assert_eq(tl.n_lines, 2);
    char *a = line_text(&run, &tl.lines[0]), *b = line_text(&run, &tl.lines[1]);
    cr_assert_str_eq(a, "socio-");
    cr_assert_str_eq(b, "sanitari");
    free(a);
    free(b);
    text_lines_free(&tl);
    /* a date is one word: it moves whole to the next line */
    tl = brk("entro il 31/12/2024", text_width(&fonts, STYLE_REGULAR, "entro il 31/12/", 10), &run);
    cr_assert_eq(tl.n_lines, 2);
    b = line_text(&run, &tl.lines[1]);
    cr_assert_str_eq(b, "31/12/2024");
    free(b);
    text_lines_free(&tl);
}

Test(text, breaks_inside_a_word_only_when_it_alone_is_too_wide)
{
    TextRun run;
    /* 10 a's = 50.1 pt in 21 pt: 4 a's (20.04) per line, 4+4+2, nothing lost. */
    TextLines tl = brk("aaaaaaaaaa", 21, &run);
    cr_assert_eq(tl.n_lines, 3);
    size_t bytes = 0;
    for (size_t i = 0; i < tl.n_lines; i++) {
        cr_assert_leq(tl.lines[i].width, 21 + 1e-9);
        for (size_t f = 0; f < tl.lines[i].n_frags; f++)
            bytes += tl.lines[i].frags[f].len;
    }
    cr_assert_eq(bytes, 10);
    cr_assert_float_eq(tl.lines[2].width, 2 * A10, 1e-9);
    text_lines_free(&tl);
    /* narrower than one character: still one character per line */
    tl = brk("aaa", 1, &run);
    cr_assert_eq(tl.n_lines, 3);
    text_lines_free(&tl);
}

Test(text, paragraph_breaks_are_kept)
{
    TextRun run;
    TextLines tl = brk("uno\n\ndue", 500, &run);
    cr_assert_eq(tl.n_lines, 3);
    cr_assert_eq(tl.lines[1].n_frags, 0, "the empty paragraph is an empty line");
    text_lines_free(&tl);
    tl = brk("", 500, &run);
    cr_assert_eq(tl.n_lines, 0);
    text_lines_free(&tl);
}

Test(text, style_runs_and_fallback_font)
{
    TextRun runs[] = {{STYLE_BOLD, "Peso: "}, {STYLE_REGULAR, "50 \xE2\x98\x90"}}; /* ☐ U+2610 */
    TextLines tl = text_break(&fonts, runs, 2, 10, 500);
    cr_assert_eq(tl.n_lines, 1);
    const TextLine *l = &tl.lines[0];
    cr_assert_eq(l->n_frags, 3, "bold, regular, fallback");
    cr_assert_eq(l->frags[0].font, STYLE_BOLD);
    cr_assert_eq(l->frags[1].font, STYLE_REGULAR);
    cr_assert_eq(l->frags[2].font, FONT_FALLBACK, "Titillium has no U+2610");
    cr_assert(fonts.used[FONT_FALLBACK]);
    cr_assert(fontset_covers(&fonts, 0x2610));
    cr_assert_not(fontset_covers(&fonts, 0x1F600), "no font prints an emoji above the BMP");
    text_lines_free(&tl);
}

/* ---- tables and pages ----------------------------------------------------------------- */

static CellStyle plain_style(void) { return (CellStyle){STYLE_REGULAR, 6, 1.2, ALIGN_LEFT, VALIGN_TOP, {0, 0, 0}, false, {0, 0, 0}, TEXT_BODY}; }

static PageSpec spec_small(void)
{
    /* A 300 × 200 pt page, 20 pt margins: frame 260 × 160. */
    PageSpec s = {300, 200, 20, 20, 20, 20, 0.5, {0, 0, 0}, 2, 5, 0, plain_style()};
    return s;
}

static CellStyle plain(void) { return (CellStyle){STYLE_REGULAR, 10, 1.2, ALIGN_LEFT, VALIGN_TOP, {0, 0, 0}, false, {0, 0, 0}, TEXT_BODY}; }

static size_t count_text(const DisplayPage *p, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_ops; i++)
        if (p->ops[i].kind == OP_TEXT && strstr(p->ops[i].text, needle))
            n++;
    return n;
}

static const DisplayOp *first_text(const DisplayPage *p)
{
    for (size_t i = 0; i < p->n_ops; i++)
        if (p->ops[i].kind == OP_TEXT)
            return &p->ops[i];
    return NULL;
}

Test(table, column_widths_and_spans)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    double props[] = {1, 2, 1};
    LayoutTable *t = ltable_new(props, 3);
    CellStyle st = plain();
    ltable_row(t, 0);
    ltable_cell(t, "a", 1, &st);
    ltable_cell(t, "b", 2, &st);
    layout_table(l, t);
    const DisplayPage *p = &layout_pages(l)->pages[0];
    /* frame 260 wide: columns 65, 130, 65; the span covers 195 */
    double widths[2];
    size_t k = 0;
    for (size_t i = 0; i < p->n_ops && k < 2; i++)
        if (p->ops[i].kind == OP_RECT)
            widths[k++] = p->ops[i].w;
    cr_assert_eq(k, 2);
    cr_assert_float_eq(widths[0], 65, OP_EPS);
    cr_assert_float_eq(widths[1], 195, OP_EPS);
    /* text starts at the cell's left edge plus padding: 20 + 2 and 20 + 65 + 2 */
    cr_assert_float_eq(first_text(p)->x, 22, OP_EPS);
    ltable_free(t);
    layout_free(l);
}

Test(table, row_height_is_lines_times_leading_plus_padding_or_minimum)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    double props[] = {1};
    LayoutTable *t = ltable_new(props, 1);
    CellStyle st = plain();
    ltable_row(t, 0);
    ltable_cell(t, "uno\ndue", 1, &st); /* 2 lines × 12 + 2 × 2 = 28 */
    ltable_row(t, 40);
    ltable_cell(t, "", 1, &st);        /* empty, minimum 40 */
    layout_table(l, t);
    const DisplayPage *p = &layout_pages(l)->pages[0];
    cr_assert_float_eq(p->ops[0].h, 28, OP_EPS);
    const DisplayOp *second = NULL;
    for (size_t i = 1; i < p->n_ops; i++)
        if (p->ops[i].kind == OP_RECT)
            second = &p->ops[i];
    cr_assert_float_eq(second->y, 20 + 28, OP_EPS);
    cr_assert_float_eq(second->h, 40, OP_EPS);
    ltable_free(t);
    layout_free(l);
}

static LayoutTable *numbered_table(size_t rows, size_t header_rows, const CellStyle *st)
{
    double props[] = {1, 3};
    LayoutTable *t = ltable_new(props, 2);
    ltable_set_header_rows(t, header_rows);
    for (size_t h = 0; h < header_rows; h++) {
        ltable_row(t, 0);
        ltable_cell(t, "N.", 1, st);
        ltable_cell(t, "AZIONE", 1, st);
    }
    for (size_t i = 0; i < rows; i++) {
        char n[32];
        snprintf(n, sizeof n, "riga%zu", i + 1);
        ltable_row(t, 0);
        ltable_cell(t, n, 1, st);
        ltable_cell(t, "testo", 1, st);
    }
    return t;
}

/* "paragrafo 1\nparagrafo 2\n…": n lines of one cell. */
static StrBuf numbered_lines(int n)
{
    StrBuf b = {0};
    for (int i = 1; i <= n; i++)
        strbuf_printf(&b, "%sparagrafo %d", i > 1 ? "\n" : "", i);
    return b;
}

Test(table, header_repeats_after_every_page_break_and_no_row_is_lost)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain();
    /* rows of 16 pt; frame 160 pt: header + 9 rows per page */
    LayoutTable *t = numbered_table(30, 1, &st);
    layout_table(l, t);
    DisplayDoc *d = layout_pages(l);
    cr_assert_eq(d->n_pages, 4, "30 rows, 9 per page");
    size_t rows = 0;
    for (size_t i = 0; i < d->n_pages; i++) {
        const DisplayOp *first = first_text(&d->pages[i]);
        cr_assert_str_eq(first->text, "N.", "page %zu starts with the header", i + 1);
        cr_assert_eq(count_text(&d->pages[i], "AZIONE"), 1);
        rows += count_text(&d->pages[i], "riga");
        for (size_t k = 0; k < d->pages[i].n_ops; k++)
            if (d->pages[i].ops[k].kind == OP_RECT)
                cr_assert_leq(d->pages[i].ops[k].y + d->pages[i].ops[k].h, 180 + 1e-6, "inside the frame");
    }
    cr_assert_eq(rows, 30);
    ltable_free(t);
    layout_free(l);
}

Test(table, header_never_stays_alone_at_the_bottom)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain();
    layout_space(l, 150); /* 10 pt left: room for the header (16) alone? no, not even */
    layout_space(l, -12); /* 22 pt left: the header fits, header + first row (32) does not */
    LayoutTable *t = numbered_table(2, 1, &st);
    layout_table(l, t);
    DisplayDoc *d = layout_pages(l);
    cr_assert_eq(d->n_pages, 2);
    cr_assert_eq(count_text(&d->pages[0], "N."), 0, "nothing is left on the first page");
    cr_assert_str_eq(first_text(&d->pages[1])->text, "N.");
    ltable_free(t);
    layout_free(l);
}

Test(table, row_taller_than_a_page_is_split_never_clipped)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain();
    StrBuf b = numbered_lines(40);
    LayoutTable *t = numbered_table(0, 1, &st);
    ltable_row(t, 0);
    ltable_cell(t, "1", 1, &st);
    ltable_cell(t, b.data, 1, &st); /* 40 lines × 12 pt = 480 pt, three pages of 160 */
    layout_table(l, t);
    DisplayDoc *d = layout_pages(l);
    cr_assert_geq(d->n_pages, 4);
    size_t lines = 0;
    for (size_t i = 0; i < d->n_pages; i++) {
        cr_assert_str_eq(first_text(&d->pages[i])->text, "N.", "the header repeats on page %zu", i + 1);
        lines += count_text(&d->pages[i], "paragrafo");
        for (size_t k = 0; k < d->pages[i].n_ops; k++) {
            const DisplayOp *op = &d->pages[i].ops[k];
            if (op->kind == OP_TEXT)
                cr_assert_leq(op->y, 180, "baseline inside the frame");
        }
    }
    cr_assert_eq(lines, 40, "every line printed once");
    /* the lines keep their order across pages */
    int last = 0;
    for (size_t i = 0; i < d->n_pages; i++)
        for (size_t k = 0; k < d->pages[i].n_ops; k++) {
            int n;
            if (d->pages[i].ops[k].kind == OP_TEXT && sscanf(d->pages[i].ops[k].text, "paragrafo %d", &n) == 1) {
                cr_assert_eq(n, last + 1);
                last = n;
            }
        }
    strbuf_free(&b);
    ltable_free(t);
    layout_free(l);
}

Test(table, alignment_right_and_centre)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    double props[] = {1};
    LayoutTable *t = ltable_new(props, 1);
    CellStyle right = plain(), centre = plain();
    right.align = ALIGN_RIGHT;
    centre.align = ALIGN_CENTER;
    ltable_row(t, 0);
    ltable_cell(t, "aa", 1, &right);
    ltable_row(t, 0);
    ltable_cell(t, "aa", 1, &centre);
    layout_table(l, t);
    const DisplayPage *p = &layout_pages(l)->pages[0];
    const DisplayOp *texts[2];
    size_t k = 0;
    for (size_t i = 0; i < p->n_ops; i++)
        if (p->ops[i].kind == OP_TEXT)
            texts[k++] = &p->ops[i];
    /* content box: x 22 … 278 (256 wide); "aa" is 10.02 */
    cr_assert_float_eq(texts[0]->x, 278 - 2 * A10, OP_EPS);
    cr_assert_float_eq(texts[1]->x, 22 + (256 - 2 * A10) / 2, OP_EPS);
    ltable_free(t);
    layout_free(l);
}

Test(table, furniture_numbers_pages)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    layout_set_header(l, "Comune di Prova", NULL, "A-01");
    CellStyle st = plain();
    LayoutTable *t = numbered_table(12, 1, &st);
    layout_table(l, t);
    DisplayDoc doc;
    layout_take_pages(l, &doc);
    layout_furniture(&doc, &fonts, &s, "Piede", "Pag. {pagina} di {pagine}");
    cr_assert_eq(doc.n_pages, 2);
    cr_assert_eq(count_text(&doc.pages[0], "Pag. 1 di 2"), 1);
    cr_assert_eq(count_text(&doc.pages[1], "Pag. 2 di 2"), 1);
    cr_assert_eq(count_text(&doc.pages[1], "Comune di Prova"), 1, "the header repeats");
    cr_assert_eq(count_text(&doc.pages[1], "A-01"), 1);
    display_free(&doc);
    ltable_free(t);
    layout_free(l);
}

/* A 10-line row (124 pt) after 100 pt of the 160 pt frame: 60 pt left. */
static DisplayDoc tall_row_after_space(double split_tall_rows)
{
    PageSpec s = spec_small();
    s.split_tall_rows = split_tall_rows;
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain();
    layout_space(l, 100);
    double props[] = {1};
    LayoutTable *t = ltable_new(props, 1);
    ltable_row(t, 0);
    ltable_cell(t, "r1\nr2\nr3\nr4\nr5\nr6\nr7\nr8\nr9\nr10", 1, &st);
    layout_table(l, t);
    DisplayDoc d;
    layout_take_pages(l, &d);
    ltable_free(t);
    layout_free(l);
    return d;
}

Test(table, tall_row_starts_where_three_lines_fit_when_allowed)
{
    /* 124 pt > 0.4 × 160: tall; 3 lines (40 pt) fit in the 60 pt left. */
    DisplayDoc d = tall_row_after_space(0.4);
    cr_assert_eq(d.n_pages, 2);
    cr_assert_eq(count_text(&d.pages[0], "r"), 4, "r1–r4 fill the first page (4 × 12 + 4 ≤ 60)");
    cr_assert_eq(count_text(&d.pages[1], "r"), 6);
    display_free(&d);
    /* not allowed: the row moves whole to the next page */
    d = tall_row_after_space(0);
    cr_assert_eq(d.n_pages, 2);
    cr_assert_eq(count_text(&d.pages[0], "r"), 0);
    cr_assert_eq(count_text(&d.pages[1], "r"), 10);
    display_free(&d);
}

/* ---- logical structure (tags) ----------------------------------------------------------- */

TestSuite(tags, .init = load_fonts, .fini = free_fonts);

static const StructNode *node_of(const DisplayDoc *d, const DisplayOp *op)
{
    cr_assert(op->tag >= 0 && (size_t)op->tag < d->n_nodes, "op «%s» has tag %d", op->text ? op->text : "", op->tag);
    return &d->nodes[op->tag];
}

/* The text op whose text starts with s, on page i (NULL if none). */
static const DisplayOp *text_op(const DisplayDoc *d, size_t page, const char *s)
{
    for (size_t k = 0; k < d->pages[page].n_ops; k++) {
        const DisplayOp *op = &d->pages[page].ops[k];
        if (op->kind == OP_TEXT && strncmp(op->text, s, strlen(s)) == 0)
            return op;
    }
    return NULL;
}

Test(tags, paragraphs_titles_and_lists)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle body = plain(), title = plain();
    title.role = TEXT_TITLE;
    TextRun t = {STYLE_BOLD, "Titolo"}, p = {STYLE_REGULAR, "Un paragrafo"}, i1 = {STYLE_REGULAR, "primo"},
            i2 = {STYLE_REGULAR, "secondo"};
    layout_paragraph(l, &t, 1, &title);
    layout_paragraph(l, &p, 1, &body);
    layout_begin(l, ROLE_L, NULL);
    const TextRun *items[] = {&i1, &i2};
    for (int k = 0; k < 2; k++) {
        layout_begin(l, ROLE_LI, NULL);
        layout_begin(l, ROLE_LBODY, NULL);
        layout_paragraph(l, items[k], 1, &body);
        layout_end(l);
        layout_end(l);
    }
    layout_end(l);
    layout_paragraph(l, &p, 1, &body);
    DisplayDoc *d = layout_pages(l);
    /* H1, P, L (LI (LBody), LI (LBody)), P: 8 elements, in reading order */
    cr_assert_eq(d->n_nodes, 8);
    static const StructRole roles[] = {ROLE_H1, ROLE_P, ROLE_L, ROLE_LI, ROLE_LBODY, ROLE_LI, ROLE_LBODY, ROLE_P};
    static const int parents[] = {-1, -1, -1, 2, 3, 2, 5, -1};
    for (size_t k = 0; k < 8; k++) {
        cr_assert_eq(d->nodes[k].role, roles[k], "element %zu is %s", k, display_role_name(d->nodes[k].role));
        cr_assert_eq(d->nodes[k].parent, parents[k], "parent of element %zu", k);
    }
    cr_assert_eq(text_op(d, 0, "Un paragrafo")->tag, 1);
    cr_assert_eq(text_op(d, 0, "Titolo")->tag, 0);
    cr_assert_eq(text_op(d, 0, "primo")->tag, 4, "an item's text belongs to its LBody, no P of its own");
    cr_assert_eq(text_op(d, 0, "secondo")->tag, 6);
    layout_free(l);
}

/* 30 rows over 4 pages: the header row is TH (column) once, its repeats
 * are pagination artifacts; a row heading is TH (row); borders are
 * artifacts; a span is recorded. */
Test(tags, tables_rows_cells_and_repeated_headers)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain(), head = plain();
    head.role = TEXT_ROW_HEADING;
    LayoutTable *t = numbered_table(30, 1, &st);
    ltable_row(t, 0);
    ltable_cell(t, "Totale", 1, &head);
    ltable_cell(t, "somma", 1, &st);
    ltable_row(t, 0);
    ltable_cell(t, "nota su due colonne", 2, &st);
    layout_table(l, t);
    DisplayDoc *d = layout_pages(l);
    cr_assert_eq(d->n_pages, 4);
    /* Table + 33 TR + 65 cells */
    size_t count[ROLE_COUNT] = {0};
    for (size_t k = 0; k < d->n_nodes; k++)
        count[d->nodes[k].role]++;
    cr_assert_eq(count[ROLE_TABLE], 1);
    cr_assert_eq(count[ROLE_TR], 33);
    cr_assert_eq(count[ROLE_TH], 3, "two column headings and one row heading");
    cr_assert_eq(count[ROLE_TD], 62);
    const StructNode *n = node_of(d, text_op(d, 0, "N."));
    cr_assert_eq(n->role, ROLE_TH);
    cr_assert_eq(n->scope, SCOPE_COLUMN);
    cr_assert_eq(d->nodes[n->parent].role, ROLE_TR);
    cr_assert_eq(d->nodes[d->nodes[n->parent].parent].role, ROLE_TABLE);
    for (size_t i = 1; i < d->n_pages; i++) {
        cr_assert_eq(text_op(d, i, "N.")->tag, TAG_PAGINATION, "the repeated heading on page %zu", i + 1);
        cr_assert_eq(text_op(d, i, "AZIONE")->tag, TAG_PAGINATION);
    }
    n = node_of(d, text_op(d, 3, "Totale"));
    cr_assert_eq(n->role, ROLE_TH);
    cr_assert_eq(n->scope, SCOPE_ROW);
    n = node_of(d, text_op(d, 3, "nota"));
    cr_assert_eq(n->role, ROLE_TD);
    cr_assert_eq(n->colspan, 2);
    /* rows in order: riga1 … riga30 in TRs of increasing index */
    int last = -1;
    for (size_t i = 0; i < d->n_pages; i++)
        for (size_t k = 0; k < d->pages[i].n_ops; k++) {
            const DisplayOp *op = &d->pages[i].ops[k];
            if (op->kind == OP_RECT || op->kind == OP_LINE)
                cr_assert_eq(op->tag, TAG_ARTIFACT, "borders are decoration");
            if (op->kind == OP_TEXT && strncmp(op->text, "riga", 4) == 0) {
                int tr = node_of(d, op)->parent;
                cr_assert_gt(tr, last);
                last = tr;
            }
        }
    ltable_free(t);
    layout_free(l);
}

/* The blank lines of a form (rows with no text at all) are decoration, not
 * table rows; a row with one empty cell among others stays a row. */
Test(tags, blank_rows_are_not_in_the_structure)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain();
    LayoutTable *t = numbered_table(1, 1, &st);
    ltable_row(t, 0);
    ltable_cell(t, "", 1, &st);
    ltable_cell(t, " ", 1, &st);
    ltable_row(t, 0);
    ltable_cell(t, "", 1, &st);
    ltable_cell(t, "dato", 1, &st);
    layout_table(l, t);
    DisplayDoc *d = layout_pages(l);
    size_t rows = 0, cells = 0;
    for (size_t k = 0; k < d->n_nodes; k++) {
        rows += d->nodes[k].role == ROLE_TR;
        cells += d->nodes[k].role == ROLE_TD || d->nodes[k].role == ROLE_TH;
    }
    cr_assert_eq(rows, 3, "header, riga1, the row with «dato»: the blank row is left out");
    cr_assert_eq(cells, 6);
    for (size_t k = 0; k < d->pages[0].n_ops; k++)
        if (d->pages[0].ops[k].kind == OP_TEXT && strcmp(d->pages[0].ops[k].text, " ") == 0)
            cr_assert_eq(d->pages[0].ops[k].tag, TAG_ARTIFACT);
    ltable_free(t);
    layout_free(l);
}

/* A row split over pages: one TD whose text continues; the label printed
 * again on the continuation is an artifact. */
Test(tags, split_row_keeps_one_cell_and_the_repeated_label_is_an_artifact)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain();
    StrBuf b = numbered_lines(20);
    double props[] = {1, 3};
    LayoutTable *t = ltable_new(props, 2);
    ltable_row(t, 0);
    ltable_cell(t, "Etichetta", 1, &st);
    ltable_cell_repeat(t);
    ltable_cell(t, b.data, 1, &st);
    layout_table(l, t);
    DisplayDoc *d = layout_pages(l);
    cr_assert_geq(d->n_pages, 2);
    int label = text_op(d, 0, "Etichetta")->tag, cell = text_op(d, 0, "paragrafo 1")->tag;
    cr_assert_eq(d->nodes[label].role, ROLE_TD);
    cr_assert_eq(text_op(d, 1, "Etichetta")->tag, TAG_PAGINATION);
    cr_assert_eq(text_op(d, 1, "paragrafo")->tag, cell, "the same cell continues");
    strbuf_free(&b);
    ltable_free(t);
    layout_free(l);
}

Test(tags, check_boxes_links_charts_and_furniture)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    layout_set_header(l, "Ente", NULL, NULL);
    CellStyle st = plain();
    double props[] = {1, 1};
    LayoutTable *t = ltable_new(props, 2);
    ltable_row(t, 0);
    ltable_cell_checkbox(t, true, "casella barrata", "COMUNE", 1, &st);
    ltable_cell_marker(t, (Color){1, 0, 0}, "rosso", 1, &st);
    ltable_row(t, 0);
    ltable_row_link(t, 0, "Sezione uno, pagina 1");
    ltable_cell(t, "Sezione uno", 1, &st);
    ltable_cell(t, "3", 1, &st);
    ltable_row(t, 0);
    ltable_row_link(t, 0, NULL);
    ltable_cell(t, "Sezione due", 1, &st);
    ltable_cell(t, "4", 1, &st);
    layout_table(l, t);
    ChartBar bars[] = {{80, {0, 0, 1}}};
    BarChart ch = {bars, 1, NULL, 0, NULL, 0, 100, 60, st, st.color, st.color, "una barra all'80 per cento"};
    layout_bar_chart(l, &ch);
    DisplayDoc doc;
    layout_take_pages(l, &doc);
    layout_furniture(&doc, &fonts, &s, "Piede", "Pag. {pagina} di {pagine}");
    const DisplayPage *p = &doc.pages[0];
    size_t figures = 0, links = 0;
    for (size_t k = 0; k < p->n_ops; k++) {
        const DisplayOp *op = &p->ops[k];
        if (op->tag >= 0 && doc.nodes[op->tag].role == ROLE_FIGURE) {
            const StructNode *f = &doc.nodes[op->tag];
            if (strcmp(f->alt, "casella barrata") == 0) {
                cr_assert(op->kind == OP_RECT || op->kind == OP_LINE);
                cr_assert_eq(doc.nodes[f->parent].role, ROLE_TD, "the box is inside its cell");
            } else {
                cr_assert_str_eq(f->alt, "una barra all'80 per cento");
                cr_assert_eq(f->parent, -1);
            }
            figures++;
        }
        if (op->kind == OP_LINK) {
            const StructNode *n = node_of(&doc, op);
            cr_assert_eq(n->role, ROLE_LINK);
            /* where it leads, as given; without a description, its text */
            cr_assert_str_eq(n->alt, links == 0 ? "Sezione uno, pagina 1" : "Sezione due");
            links++;
        }
        if (op->kind == OP_RECT && op->fill && op->color.r == 1 && op->color.g == 0)
            cr_assert_eq(op->tag, TAG_ARTIFACT, "a legend marker is decoration");
    }
    cr_assert_eq(links, 2);
    cr_assert_geq(figures, 3, "box, tick lines, bar");
    cr_assert_eq(node_of(&doc, text_op(&doc, 0, "Sezione uno"))->role, ROLE_LINK);
    cr_assert_eq(text_op(&doc, 0, "Ente")->tag, TAG_PAGINATION);
    cr_assert_eq(text_op(&doc, 0, "Pag. 1 di 1")->tag, TAG_PAGINATION);
    display_free(&doc);
    ltable_free(t);
    layout_free(l);
}

Test(tags, appending_documents_renumbers_elements)
{
    PageSpec s = spec_small();
    CellStyle st = plain();
    TextRun a = {STYLE_REGULAR, "primo"}, b = {STYLE_REGULAR, "secondo"};
    Layout *one = layout_new(&s, &fonts), *two = layout_new(&s, &fonts);
    layout_paragraph(one, &a, 1, &st);
    LayoutTable *t = numbered_table(1, 1, &st);
    layout_table(two, t);
    layout_paragraph(two, &b, 1, &st);
    DisplayDoc d, rest;
    layout_take_pages(one, &d);
    layout_take_pages(two, &rest);
    size_t first = d.n_nodes;
    display_append(&d, &rest);
    cr_assert_eq(d.n_pages, 2);
    cr_assert_eq(d.n_nodes, first + 1 + 2 + 4 + 1, "P + Table, 2 TR, 4 cells, P");
    const DisplayOp *op = text_op(&d, 1, "secondo");
    cr_assert_eq(node_of(&d, op)->role, ROLE_P);
    const StructNode *cell = node_of(&d, text_op(&d, 1, "riga1"));
    cr_assert_eq(d.nodes[cell->parent].role, ROLE_TR);
    cr_assert_eq(d.nodes[d.nodes[cell->parent].parent].role, ROLE_TABLE);
    cr_assert_eq(d.nodes[d.nodes[cell->parent].parent].parent, -1);
    cr_assert_eq(rest.n_nodes, 0);
    display_free(&d);
    display_free(&rest);
    ltable_free(t);
    layout_free(one);
    layout_free(two);
}

/* A timeline on the small page (frame 260 × 160 at 20, 20): label column
 * 25 % (65 pt), state column 15 % (39 pt), so the axis runs from x 85 to
 * 241 (156 pt, 13 pt a month). Headings 6 × 1.2 + 4 = 11.2 pt, rows 12 pt,
 * room kept for the date label below (11.2 pt): rows start at y 31.2 and
 * fit while y + 12 + 11.2 ≤ 180, i.e. 11 rows a page. Ten items, a group,
 * ten items: the group would be the 11th row of page 1, alone at the foot,
 * so it opens page 2 instead. */
Test(table, timeline_rows_bars_marks_and_pages)
{
    PageSpec s = spec_small();
    Layout *l = layout_new(&s, &fonts);
    CellStyle st = plain_style();
    static const char *const months[] = {"gen", "feb", "mar", "apr", "mag", "giu",
                                         "lug", "ago", "set", "ott", "nov", "dic"};
    GanttRow rows[21];
    char labels[21][32];
    for (int i = 0; i < 21; i++) {
        snprintf(labels[i], sizeof labels[i], i == 10 ? "GRUPPO" : "riga %d", i);
        rows[i] = (GanttRow){.label = labels[i], .group = i == 10, .has_bar = i != 10, .from = 0.25, .to = 0.5,
                             .color = {0, 0.5, 0}, .has_mark = i == 0, .mark = 0.5, .right = "in corso"};
    }
    GanttChart g = {.rows = rows, .n_rows = 21, .columns = months, .n_columns = 12, .right_heading = "Stato",
                    .label_share = 0.25, .right_share = 0.15, .row_height = 12, .has_line = true, .line = 0.75,
                    .line_label = "30/09", .text = st, .group = st, .heading = st, .grid = {0.8, 0.8, 0.8},
                    .line_color = {1, 0, 0}, .mark_color = {0, 0, 0}, .alt = "cronoprogramma",
                    .alt_continued = " (segue)"};
    layout_gantt(l, &g);
    DisplayDoc doc;
    layout_take_pages(l, &doc);
    cr_assert_eq(doc.n_pages, 2);
    for (size_t p = 0; p < 2; p++) {
        cr_assert_eq(count_text(&doc.pages[p], "gen"), 1, "the months on page %zu", p + 1);
        cr_assert_eq(count_text(&doc.pages[p], "Stato"), 1);
        cr_assert_eq(count_text(&doc.pages[p], "30/09"), 1, "the date line's label on page %zu", p + 1);
    }
    cr_assert_eq(count_text(&doc.pages[0], "riga"), 10);
    cr_assert_eq(count_text(&doc.pages[0], "GRUPPO"), 0, "the group does not stay alone at the foot");
    cr_assert_eq(count_text(&doc.pages[1], "GRUPPO"), 1);
    cr_assert_eq(count_text(&doc.pages[1], "riga"), 10);
    /* one Figure per page, the second "segue"; every op of the chart inside it */
    size_t figures = 0;
    for (size_t n = 0; n < doc.n_nodes; n++)
        if (doc.nodes[n].role == ROLE_FIGURE) {
            cr_assert_str_eq(doc.nodes[n].alt, figures == 0 ? "cronoprogramma" : "cronoprogramma (segue)");
            figures++;
        }
    cr_assert_eq(figures, 2);
    size_t bars = 0, marks = 0, date_lines = 0;
    for (size_t p = 0; p < 2; p++)
        for (size_t k = 0; k < doc.pages[p].n_ops; k++) {
            const DisplayOp *op = &doc.pages[p].ops[k];
            cr_assert(op->tag >= 0 && doc.nodes[op->tag].role == ROLE_FIGURE, "an op outside the figure");
            if (op->kind == OP_RECT && op->color.g == 0.5) {
                cr_assert_float_eq(op->x, 85 + 0.25 * 156, OP_EPS, "bar start");
                cr_assert_float_eq(op->w, 0.25 * 156, OP_EPS, "bar length");
                cr_assert_float_eq(op->h, 12 * 0.56, OP_EPS);
                if (p == 0 && bars == 0)
                    cr_assert_float_eq(op->y, 31.2 + 12 * 0.22, OP_EPS, "the first row under the headings");
                bars++;
            }
            if (op->kind == OP_RECT && op->color.r == 0 && op->color.g == 0 && op->color.b == 0 && op->fill) {
                cr_assert_float_eq(op->x, 85 + 0.5 * 156 - 3, OP_EPS, "the mark, 6 pt wide, centred at 0.5");
                marks++;
            }
            if (op->kind == OP_LINE && op->color.r == 1 && op->w == 0) {
                cr_assert_float_eq(op->x, 85 + 0.75 * 156, OP_EPS, "the date line");
                date_lines++;
            }
        }
    cr_assert_eq(bars, 20);
    cr_assert_eq(marks, 1);
    cr_assert_eq(date_lines, 2);
    display_free(&doc);
    layout_free(l);
}
