/* doc_front.h — the front matter of the documents with numbered sections
 * (Relazione, monitoraggio, variazioni): a table of contents collected while the body
 * is laid out, a cover, and a linked index whose page numbers are known
 * only once the cover and the index itself have been counted (two passes).
 *
 * The layout file of such a document provides the styles "copertina_titolo",
 * "copertina_testo", "copertina_nota", "titolo_sezione", "intestazione",
 * "etichetta", "testo", "numero", the column set "indice" (2 columns) and
 * the labels "indice_titolo", "indice_sezione", "indice_pagina". */
#ifndef SCHEDE_DOC_FRONT_H
#define SCHEDE_DOC_FRONT_H

#include <stddef.h>
#include <time.h>

#include "display.h"
#include "layout.h"
#include "layout_file.h"

typedef struct {
    int level;   /* 0 section, 1 subsection */
    char *title;
    size_t page; /* 0-based, in the body */
} TocEntry;

typedef struct {
    TocEntry *items;
    size_t n;
} Toc;

/* Records title at the body's current page. */
void toc_add(Toc *toc, Layout *body, int level, const char *title);
void toc_free(Toc *toc);

/* A numbered section from a new page: "{numero}. {titolo}" (label
 * "sezione_numero") in the "titolo_sezione" style, in the page header (ente,
 * centre, title), a bookmark and an index entry; its content is one Sect of
 * the structure, which the caller closes with layout_end. Returns the title. */
char *doc_section(Layout *l, const LayoutSpec *spec, Toc *toc, int number, const char *title_text, const char *ente,
                  const char *centre);

/* A subsection title ("titolo_sottosezione"), kept with what follows it
 * ("spazio_sotto_titolo" points), with a bookmark and an index entry. */
void doc_subsection(Layout *l, const LayoutSpec *spec, Toc *toc, const char *title);

/* How a document fills in the placeholders of its labels, with one more
 * placeholder {name} = value (name NULL: none). */
typedef char *(*DocExpander)(const void *ctx, const char *tpl, const char *name, const char *value);

/* The number of section in the layout's "sezioni" as "{numero}. {titolo}"
 * (label "sezione_numero", titolo the label title_key), or NULL when the
 * layout does not have that section. */
char *doc_section_number_title(const LayoutSpec *spec, const char *section, const char *title_key);

/* The whole document: cover and index, then the body's pages (body is
 * freed), with the page furniture. The cover's title lines are the labels
 * "copertina_titolo" and "copertina_anno", then "copertina_sottotitolo" and
 * "copertina_data" ({data}: the date of when); the index pages' header centre
 * is "intestazione_centro", the footer "pie_di_pagina" with the layout's
 * "numero_pagina". Every label is filled in by expand. The index links to
 * the body pages. */
DisplayDoc doc_with_front_matter(const LayoutSpec *spec, FontSet *fonts, const char *ente, time_t when,
                                 const Toc *toc, Layout *body, DocExpander expand, const void *ctx);

#endif
