/* pdf_archive.h — what libharu 2.3.0 leaves out of a PDF meant to be kept
 * and read by anyone: document metadata (Info and XMP, consistent), a
 * correct ToUnicode CMap per font, and for PDF/A-1b (ISO 19005-1, level B)
 * the CIDSet of every subset font, the sRGB output intent and the pdfaid
 * identification. Everything is built with libharu's object API after the
 * pages are drawn and before the file is saved. */
#ifndef SCHEDE_PDF_ARCHIVE_H
#define SCHEDE_PDF_ARCHIVE_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "ttf.h"

typedef struct {
    const char *title, *author, *subject, *creator, *producer, *lang;
    time_t created;
    bool pdfa;
} PdfMetadata;

/* Finishes a font loaded with UTF-8 encoding once all text is drawn:
 * every component of the composite glyphs used joins the subset (program:
 * the same font file's metrics), the subset is fixed, its FontDescriptor
 * written and (pdfa) a CIDSet added; the ToUnicode CMap is replaced by one
 * that maps every code of the subset to its character. */
HPDF_STATUS pdf_archive_font(HPDF_Doc pdf, HPDF_Font font, const TtfFont *program, bool pdfa);

/* Info dictionary (text strings in UTF-16) and the XMP metadata stream with
 * the same values, XML-escaped; the pdfaid schema when pdfa. The file
 * identifier (trailer /ID) is derived from the metadata and the page count,
 * so that a document rebuilt from the same input gets the same one. */
HPDF_STATUS pdf_archive_metadata(HPDF_Doc pdf, const PdfMetadata *m, size_t n_pages);

/* The PDF/A output intent (GTS_PDFA1) with this ICC profile. */
HPDF_STATUS pdf_archive_output_intent(HPDF_Doc pdf, const unsigned char *icc, size_t len);

/* XML-escaped copy of text for XMP (new string): & < > " ' as entities,
 * control characters XML 1.0 does not allow as spaces. */
char *pdf_xml_escape(const char *text);

#endif
