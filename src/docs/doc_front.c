#include "doc_front.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_common.h"
#include "text.h"

void toc_add(Toc *toc, Layout *body, int level, const char *title)
{
    toc->items = xrealloc(toc->items, (toc->n + 1) * sizeof *toc->items);
    toc->items[toc->n++] = (TocEntry){level, xstrdup(title), layout_page_index(body)};
}

void toc_free(Toc *toc)
{
    for (size_t i = 0; i < toc->n; i++)
        free(toc->items[i].title);
    free(toc->items);
    toc->items = NULL;
    toc->n = 0;
}

static void paragraph(Layout *l, const LayoutSpec *spec, const char *text, const char *style_name)
{
    const CellStyle *s = spec_style(spec, style_name);
    TextRun run = {s->font, text};
    layout_paragraph(l, &run, 1, s);
}

char *doc_section(Layout *l, const LayoutSpec *spec, Toc *toc, int number, const char *title_text, const char *ente,
                  const char *centre)
{
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    const char *names[] = {"numero", "titolo", NULL};
    const char *values[] = {num, title_text};
    char *title = doc_expand(spec_label(spec, "sezione_numero"), names, values);
    layout_set_header(l, ente, centre, title);
    layout_new_page(l);
    layout_bookmark(l, 0, title);
    layout_begin(l, ROLE_SECT, title);
    toc_add(toc, l, 0, title);
    paragraph(l, spec, title, "titolo_sezione");
    return title;
}

void doc_subsection(Layout *l, const LayoutSpec *spec, Toc *toc, const char *title)
{
    layout_need(l, spec_number(spec, "spazio_sotto_titolo"));
    layout_bookmark(l, 1, title);
    toc_add(toc, l, 1, title);
    paragraph(l, spec, title, "titolo_sottosezione");
}

typedef struct {
    const char *ente;
    const char *const *titles; /* lines in the cover title style */
    size_t n_titles;
    const char *subtitle;
    const char *date_line;
    const char *index_centre;  /* the index pages' header centre */
} FrontMatter;

static void build_cover(Layout *l, const LayoutSpec *spec, const FrontMatter *fm)
{
    layout_set_header(l, NULL, NULL, NULL);
    layout_new_page(l);
    const PageSpec *p = &spec->page;
    layout_space(l, (p->height - p->margin_top - p->margin_bottom) * 0.28);
    paragraph(l, spec, fm->ente ? fm->ente : "", "copertina_testo");
    layout_space(l, 6);
    for (size_t i = 0; i < fm->n_titles; i++)
        paragraph(l, spec, fm->titles[i], "copertina_titolo");
    layout_space(l, 8);
    paragraph(l, spec, fm->subtitle ? fm->subtitle : "", "copertina_testo");
    layout_space(l, 24);
    paragraph(l, spec, fm->date_line ? fm->date_line : "", "copertina_nota");
}

/* pages_before: front matter pages (0 in the counting pass: numbers are
 * then wrong but take the same room). */
static void build_index(Layout *l, const LayoutSpec *spec, const FrontMatter *fm, const Toc *toc,
                        size_t pages_before)
{
    const char *title = spec_label(spec, "indice_titolo");
    layout_set_header(l, fm->ente, fm->index_centre, title);
    layout_new_page(l);
    layout_bookmark(l, 0, title);
    paragraph(l, spec, title, "titolo_sezione");
    layout_space(l, 4);
    LayoutTable *t = doc_table(spec, "indice");
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    ltable_cell(t, spec_label(spec, "indice_sezione"), 1, spec_style(spec, "intestazione"));
    ltable_cell(t, spec_label(spec, "indice_pagina"), 1, spec_style(spec, "intestazione"));
    for (size_t i = 0; i < toc->n; i++) {
        const TocEntry *e = &toc->items[i];
        char page[32];
        snprintf(page, sizeof page, "%zu", e->page + pages_before + 1);
        char *text = e->level > 0 ? xasprintf("\u2003%s", e->title) : xstrdup(e->title);
        ltable_row(t, 0);
        char *where = xasprintf("%s, pagina %s", e->title, page); /* the link's description (PDF/UA) */
        ltable_row_link(t, (int)(e->page + pages_before), where);
        free(where);
        ltable_cell(t, text, 1, spec_style(spec, e->level > 0 ? "testo" : "etichetta"));
        ltable_cell(t, page, 1, spec_style(spec, "numero"));
        free(text);
    }
    layout_table(l, t);
    ltable_free(t);
}

static DisplayDoc front_and_body(const LayoutSpec *spec, FontSet *fonts, const FrontMatter *fm, const Toc *toc,
                                 Layout *body, const char *footer_left)
{
    /* Once to count the front pages, then with the numbers. */
    Layout *front = layout_new(&spec->page, fonts);
    build_cover(front, spec, fm);
    build_index(front, spec, fm, toc, 0);
    size_t front_pages = layout_pages(front)->n_pages;
    layout_free(front);
    front = layout_new(&spec->page, fonts);
    build_cover(front, spec, fm);
    build_index(front, spec, fm, toc, front_pages);
    DisplayDoc doc, rest;
    layout_take_pages(front, &doc);
    layout_take_pages(body, &rest);
    display_append(&doc, &rest);
    layout_free(front);
    layout_free(body);
    layout_furniture(&doc, fonts, &spec->page, footer_left, spec_label(spec, "numero_pagina"));
    return doc;
}

char *doc_section_number_title(const LayoutSpec *spec, const char *section, const char *title_key)
{
    for (size_t i = 0; i < spec->n_sections; i++)
        if (strcmp(spec->sections[i], section) == 0) {
            char num[32];
            snprintf(num, sizeof num, "%zu", i + 1);
            return doc_expand(spec_label(spec, "sezione_numero"), (const char *const[]){"numero", "titolo", NULL},
                              (const char *const[]){num, spec_label(spec, title_key)});
        }
    return NULL;
}

DisplayDoc doc_with_front_matter(const LayoutSpec *spec, FontSet *fonts, const char *ente, time_t when,
                                 const Toc *toc, Layout *body, DocExpander expand, const void *ctx)
{
    char *title = expand(ctx, spec_label(spec, "copertina_titolo"), NULL, NULL);
    char *year = expand(ctx, spec_label(spec, "copertina_anno"), NULL, NULL);
    char *sub = expand(ctx, spec_label(spec, "copertina_sottotitolo"), NULL, NULL);
    char date[16];
    doc_date(date, sizeof date, when);
    char *date_line = expand(ctx, spec_label(spec, "copertina_data"), "data", date);
    char *centre = expand(ctx, spec_label(spec, "intestazione_centro"), NULL, NULL);
    char *footer = expand(ctx, spec_label(spec, "pie_di_pagina"), NULL, NULL);
    const char *titles[] = {title, year};
    FrontMatter fm = {ente, titles, 2, sub, date_line, centre};
    DisplayDoc doc = front_and_body(spec, fonts, &fm, toc, body, footer);
    free(footer);
    free(centre);
    free(date_line);
    free(sub);
    free(year);
    free(title);
    return doc;
}
