/* pdf_tags.h — the logical structure of a DisplayDoc written as a tagged PDF.
 *
 * The renderer calls pdf_tags_mark() before each drawing operation with the
 * operation's tag: the content is wrapped in marked-content sequences
 * (BDC/EMC with an MCID for structure elements, /Artifact for the rest).
 * pdf_tags_finish() then builds the structure tree (StructTreeRoot with a
 * Document element, StructElems with their MCRs and OBJRs, the ParentTree)
 * and the catalog entries of a tagged PDF (MarkInfo, Lang). libharu has no
 * API for any of this: it is built with its object API. */
#ifndef SCHEDE_PDF_TAGS_H
#define SCHEDE_PDF_TAGS_H

#include <hpdf.h>
#include <stddef.h>

#include "display.h"
#include "text.h"

typedef struct PdfTags PdfTags;

/* nodes: the document's structure elements (kept by the caller until
 * pdf_tags_finish); pages: the document's pages, all added already. */
PdfTags *pdf_tags_new(HPDF_Doc pdf, const StructNode *nodes, size_t n_nodes, HPDF_Page *pages, size_t n_pages);
void pdf_tags_free(PdfTags *t);

/* Starts page i, whose content stream is being written to content:
 * nothing is marked yet. */
void pdf_tags_begin_page(PdfTags *t, size_t i, StrBuf *content);
/* The content drawn from now on belongs to tag (a node or TAG_*). Must be
 * called outside text objects and paths. */
void pdf_tags_mark(PdfTags *t, int tag);
/* Closes the page's open sequence. */
void pdf_tags_end_page(PdfTags *t);
/* A link annotation of the current page that belongs to the element tag. */
void pdf_tags_annotation(PdfTags *t, HPDF_Annotation annot, int tag);

/* Builds the structure tree; lang: the document's language ("it-IT").
 * The elements are written from t's data while libharu saves the file:
 * free t (and the nodes) only after HPDF_SaveToStream, and detach it
 * before HPDF_Free. */
HPDF_STATUS pdf_tags_finish(PdfTags *t, const char *lang);

/* Takes the structure elements' objects out of libharu's document once it
 * is saved (they are not libharu's to free): call before HPDF_Free. */
void pdf_tags_detach(PdfTags *t);

/* A PDF text string (UTF-16BE with its byte-order mark) from UTF-8. */
HPDF_Binary pdf_text_string(HPDF_MMgr mmgr, const char *utf8);

#endif
