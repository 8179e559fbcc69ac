/* pdf_render.h — draws a DisplayDoc as a PDF file with libharu.
 *
 * The only module that knows libharu. Fonts are embedded from the FontSet's
 * files (each loaded once, only if used); text is written in UTF-8; every
 * libharu status is checked, and a failure leaves no file behind. */
#ifndef SCHEDE_PDF_RENDER_H
#define SCHEDE_PDF_RENDER_H

#include <time.h>

#include "display.h"
#include "fontset.h"

typedef struct {
    const char *title, *author, *subject, *creator;
    time_t created; /* the document's CreationDate */
} PdfInfo;

/* Writes the document to path (overwriting it). Returns 0 on success; on
 * failure returns -1, sets *error to a new Italian message, and removes
 * whatever was written at path. */
int pdf_render(const DisplayDoc *doc, const FontSet *fonts, const PdfInfo *info, const char *path,
               char **error);

#endif
