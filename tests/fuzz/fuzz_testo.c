/* The layout engine's text breaker, and a table and a paragraph flowed on a
 * small page: two bytes choose the font size and the width (and the styles'
 * roles and how deep the paragraph sits in nested elements), the rest is the
 * text (skipped unless UTF-8, as every text the engine gets is validated).
 * The logical structure is checked: every operation tagged with an element
 * that exists or as an artifact, every element after its parent. */
#include "fuzz_common.h"
#include "layout.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FontSet fonts;

static void load_fonts(void)
{
    static int loaded;
    if (loaded)
        return;
    const char *paths[FONT_COUNT] = {
        FUZZ_FONTS "/TitilliumWeb_400Regular.ttf",        FUZZ_FONTS "/TitilliumWeb_700Bold.ttf",
        FUZZ_FONTS "/TitilliumWeb_400Regular_Italic.ttf", FUZZ_FONTS "/TitilliumWeb_700Bold_Italic.ttf",
        FUZZ_FONTS "/DejaVuSans.ttf",
    };
    const char *bad, *why;
    if (!fontset_load(&fonts, paths, &bad, &why))
        abort();
    loaded = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_fonts();
    if (size < 2)
        return 0;
    double font_size = 2 + data[0] % 40;
    double width = 1 + data[1] * 3;
    TextRole role = (TextRole)(data[0] / 40 % 5), cell_role = (TextRole)(data[1] % 5);
    int depth = data[1] % 20; /* beyond the engine's 16 open elements too */
    data += 2;
    size -= 2;
    size_t bad;
    if (!utf8_validate((const char *)data, size, &bad) || memchr(data, 0, size))
        return 0;
    char *text = fuzz_text(data, size);
    /* Two runs (bold, regular): the text cut in two at a character boundary. */
    size_t half = size / 2;
    while (half > 0 && ((unsigned char)text[half] & 0xC0) == 0x80)
        half--;
    char *second = strdup(text + half);
    text[half] = '\0';
    TextRun runs[2] = {{STYLE_BOLD, text}, {STYLE_REGULAR, second}};
    TextLines tl = text_break(&fonts, runs, 2, font_size, width);
    text_lines_free(&tl);

    PageSpec spec = {200, 160, 20, 20, 15, 15, 0.5, {0, 0, 0}, 2, 4, 0.4, {0}};
    spec.furniture = (CellStyle){STYLE_REGULAR, 6, 1.2, ALIGN_LEFT, VALIGN_TOP, {0, 0, 0}, false, {0, 0, 0}, TEXT_BODY};
    CellStyle st = {STYLE_REGULAR, font_size, 1.2, ALIGN_LEFT, VALIGN_TOP, {0, 0, 0}, false, {0, 0, 0}, role};
    CellStyle cell = st;
    cell.role = cell_role;
    Layout *l = layout_new(&spec, &fonts);
    for (int i = 0; i < depth; i++)
        layout_begin(l, i % 3 == 0 ? ROLE_L : i % 3 == 1 ? ROLE_LI : ROLE_LBODY, NULL);
    layout_paragraph(l, runs, 2, &st);
    for (int i = 0; i < depth; i++)
        layout_end(l);
    static const double cols[] = {1, 3, 2};
    LayoutTable *t = ltable_new(cols, 3);
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, "N.", 1, &st);
    ltable_cell(t, second, 2, &st);
    ltable_row(t, 0);
    ltable_cell(t, text, 1, &cell);
    ltable_cell_repeat(t);
    ltable_cell_runs(t, runs, 2, 1, &st);
    ltable_cell(t, second, 1, &st);
    ltable_row(t, 0);
    ltable_row_link(t, 0, NULL);
    ltable_cell_checkbox(t, size % 2, text, second, 2, &cell);
    ltable_cell(t, "", 1, &st);
    layout_table(l, t);
    ltable_free(t);
    DisplayDoc doc;
    layout_take_pages(l, &doc);
    layout_free(l);
    layout_furniture(&doc, &fonts, &spec, text, "Pag. {pagina} di {pagine}");
    for (size_t i = 0; i < doc.n_nodes; i++)
        if (doc.nodes[i].parent >= (int)i || doc.nodes[i].parent < -1)
            abort(); /* a parent after its child: the PDF tree would not follow the reading order */
    for (size_t i = 0; i < doc.n_pages; i++)
        for (size_t k = 0; k < doc.pages[i].n_ops; k++) {
            int tag = doc.pages[i].ops[k].tag;
            if (tag < TAG_PAGINATION || tag >= (int)doc.n_nodes)
                abort(); /* an operation tagged with no element */
        }
    display_free(&doc);
    free(second);
    free(text);
    return 0;
}
