/* pdf_syntax.h — the small pieces of PDF syntax the program writes itself
 * (content streams, font tables, structure elements), without printf:
 * hundreds of thousands of numbers are written for a large plan; and the
 * streams it compresses itself.
 *
 * Why compress here: libharu deflates each stream with zlib at save time,
 * reading it back through its memory stream a byte at a time; libdeflate
 * compresses a whole buffer in one call, faster and a little smaller, and
 * the stream object receives the compressed bytes only. */
#ifndef SCHEDE_PDF_SYNTAX_H
#define SCHEDE_PDF_SYNTAX_H

#include <hpdf.h>
#include <stddef.h>

#include "text.h"

/* Decimal digits of v. */
void pdf_put_uint(StrBuf *b, size_t v);
/* v rounded to `decimals` places (0–4), trailing zeros dropped: 12.5,
 * -3, 0.125. */
void pdf_put_number(StrBuf *b, double v, int decimals);
/* v hundredths: 12345 → 123.45, -50 → -0.5, 700 → 7. */
void pdf_put_centi(StrBuf *b, long long v);
/* v as four uppercase hex digits. */
void pdf_put_hex4(StrBuf *b, unsigned v);

/* Compresses with libdeflate, one compressor per document (it is not
 * shared between threads). */
typedef struct PdfDeflater PdfDeflater;
PdfDeflater *pdf_deflater_new(void);
void pdf_deflater_free(PdfDeflater *d);

/* data compressed (zlib format, for /FlateDecode): *out_len bytes in a
 * buffer of the deflater's, valid until its next use; NULL on failure. */
const unsigned char *pdf_deflate(PdfDeflater *d, const void *data, size_t len, size_t *out_len);

/* Puts data, compressed, into the stream object `stream` (a libharu stream
 * dictionary whose stream is still empty) and marks it /FlateDecode. */
HPDF_STATUS pdf_stream_set_flate(HPDF_Dict stream, PdfDeflater *d, const void *data, size_t len);
/* A new indirect stream object holding data, compressed; NULL on failure. */
HPDF_Dict pdf_flate_stream_new(HPDF_Doc pdf, PdfDeflater *d, const void *data, size_t len);

#endif
