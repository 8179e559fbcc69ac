/* pdf_fonts.h — the TrueType fonts of a PDF, written by the program: a
 * Type0 font with Identity-H encoding over a CIDFontType2 whose CIDs are
 * the characters' Unicode values (Basic Multilingual Plane), and only what
 * the document uses: the subset program, the widths, the CIDToGIDMap, the
 * ToUnicode CMap and (PDF/A) the CIDSet list the characters shown, and
 * every other CID maps to glyph 0.
 *
 * Why not libharu's fonts: preparing one costs a search of the font's cmap
 * for each of the 65,536 codes (tens of millions of instructions before
 * the first page), and showing text a second search per character; here
 * glyph ids come from the cmap ttf.c has already read, and the tables are
 * built from the characters used. */
#ifndef SCHEDE_PDF_FONTS_H
#define SCHEDE_PDF_FONTS_H

#include <hpdf.h>
#include <stdbool.h>

#include "pdf_syntax.h"
#include "ttf.h"

typedef struct PdfFont PdfFont;

/* A font of the document whose program is the file at path and whose
 * character map and composites are metrics' (read from the same file).
 * Its Type0 font object exists from now on, for the pages to name. */
PdfFont *pdf_font_new(HPDF_Doc pdf, const char *path, const TtfFont *metrics);
HPDF_Dict pdf_font_object(const PdfFont *f);

/* Appends utf8 to a content stream as a string of two-byte codes (a hex
 * string), recording the characters used. */
void pdf_font_show(PdfFont *f, StrBuf *content, const char *utf8);

/* Writes the rest of the font from the characters shown. Returns 0, or -1
 * with *error (Italian). */
int pdf_font_finish(PdfFont *f, PdfDeflater *d, bool pdfa, char **error);

void pdf_font_free(PdfFont *f);

#endif
