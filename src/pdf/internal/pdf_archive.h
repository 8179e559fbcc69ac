/* pdf_archive.h — what libharu 2.3.0 leaves out of a PDF meant to be kept
 * and read by anyone: document metadata (Info and XMP, consistent), and
 * for PDF/A-1b (ISO 19005-1, level B) the sRGB output intent and the
 * pdfaid identification (the fonts' part, ToUnicode and CIDSet, is in
 * pdf_fonts.c). Everything is built with libharu's object API after the
 * pages are drawn and before the file is saved. */
#ifndef SCHEDE_PDF_ARCHIVE_H
#define SCHEDE_PDF_ARCHIVE_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef struct {
    const char *title, *author, *subject, *creator, *producer, *lang;
    time_t created;
    bool pdfa;
} PdfMetadata;

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
