/* pdf_render.h — draws a DisplayDoc as a PDF file with libharu.
 *
 * The only module that knows libharu. Fonts are embedded from the FontSet's
 * files (each loaded once, only if used); text is written in UTF-8; every
 * libharu status is checked. The file is written through a temporary file
 * renamed at the end (file_write_atomic): a failure leaves no file behind
 * and an existing one untouched.
 *
 * Every PDF is tagged (the DisplayDoc's structure, pdf_tags.h) and carries
 * XMP metadata; with PdfInfo.pdfa it is also PDF/A-1b (pdf_archive.h). */
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

typedef struct PdfWriter PdfWriter;

/* Starts a PDF document and, in a background thread, embeds the regular
 * and bold fonts (every document uses them; libharu's set-up of a font is
 * its slowest step). The caller meanwhile lays out the pages. The writer
 * is touched by one thread at a time: pdf_writer_finish joins first. */
PdfWriter *pdf_writer_start(const FontSet *fonts);

/* Draws the document, writes it to path (replacing it only when complete)
 * and frees the writer. Each page's drawing operations are released once
 * drawn, so that the laid-out pages and libharu's copy are not both held in
 * full. Returns 0 on success; on failure returns -1 and sets *error to a new
 * Italian message ("impossibile scrivere il file: spazio su disco esaurito"). */
int pdf_writer_finish(PdfWriter *w, DisplayDoc *doc, const PdfInfo *info, const char *path, char **error);

/* Both steps at once. */
int pdf_render(DisplayDoc *doc, const FontSet *fonts, const PdfInfo *info, const char *path, char **error);

#endif
