/* pdf_render.h — draws a DisplayDoc as a PDF file with libharu.
 *
 * The only module (with the rest of src/pdf) that knows libharu. libharu
 * holds the document's objects and writes the file; the page content
 * streams and the fonts (pdf_fonts.h) are written by the program itself,
 * compressed with libdeflate (pdf_syntax.h). Fonts are embedded from the
 * FontSet's files, each only if used, as subsets; every libharu status is
 * checked. The file is written through a temporary file renamed at the end
 * (file_out_open): a failure leaves no file behind and an existing one
 * untouched.
 *
 * Every PDF is tagged (the DisplayDoc's structure, pdf_tags.h) and carries
 * XMP metadata; with PdfInfo.pdfa it is also PDF/A-1b (pdf_archive.h).
 * Without it the file is PDF 1.5, its dictionaries in object streams and
 * its cross-reference table a stream (pdf_objstm.h): a third of the size. */
#ifndef SCHEDE_PDF_RENDER_H
#define SCHEDE_PDF_RENDER_H

#include <stdbool.h>
#include <time.h>

#include "display.h"
#include "fontset.h"

typedef struct {
    const char *title, *author, *subject, *creator;
    time_t created;          /* the document's CreationDate */
    bool pdfa;               /* PDF/A-1b (see pdf_archive.h) */
    const char *icc_profile; /* the sRGB profile file: needed for PDF/A */
    const char *lang;        /* NULL: "it-IT" */
} PdfInfo;

/* Draws the document and writes it to path (replacing it only when
 * complete). Each page's drawing operations are released once drawn, so
 * that the laid-out pages and the PDF's copy are not both held in full.
 * Returns 0 on success; on failure returns -1 and sets *error to a new
 * Italian message ("impossibile scrivere il file: spazio su disco esaurito"). */
int pdf_render(DisplayDoc *doc, const FontSet *fonts, const PdfInfo *info, const char *path, char **error);

/* Where a PDF goes: a file (path, as pdf_render writes it), or memory (path
 * NULL: *bytes, a new buffer of *len bytes, set on success only). */
typedef struct {
    const char *path;
    char **bytes;
    size_t *len;
} PdfSink;
int pdf_render_to(DisplayDoc *doc, const FontSet *fonts, const PdfInfo *info, PdfSink sink, char **error);

#endif
