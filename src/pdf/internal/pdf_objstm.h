/* SPDX-License-Identifier: EUPL-1.2 */
/* pdf_objstm.h — a complete PDF, as libharu writes it (one classic
 * cross-reference table, every object a plain indirect object), rewritten
 * as PDF 1.5 with compressed object streams and a cross-reference stream
 * (ISO 32000-1 §7.5.7, §7.5.8).
 *
 * libharu 2.3.0 writes neither. A tagged PDF is mostly small dictionaries
 * (the structure tree's elements, the lengths of streams), written
 * uncompressed: put together in /ObjStm streams and deflated, the Sarzana
 * schede take a third of the space.
 *
 * Objects are found from the cross-reference table's offsets, not by
 * scanning the file. Every non-stream object of generation 0 goes into an
 * object stream, in object-number order, OBJSTM_MAX to a stream; streams
 * (and any object of another generation) stay as they are, byte for byte.
 * The trailer's /Root, /Info and /ID move into the cross-reference
 * stream's dictionary. Object numbers do not change: the object streams
 * and the cross-reference stream take the next free numbers. The output is
 * a function of the input alone (the same bytes give the same file).
 *
 * Not for PDF/A-1 (ISO 19005-1 §6.1.4 forbids both), nor for an encrypted
 * file (its strings would have to be decrypted first): such input is
 * refused. */
#ifndef SCHEDE_PDF_OBJSTM_H
#define SCHEDE_PDF_OBJSTM_H

#include <stddef.h>

#include "pdf_syntax.h"
#include "text.h"

/* Appends the rewritten file to out. Returns 0; on input it does not
 * understand, -1 with *reason set to a static Italian phrase ("tabella dei
 * riferimenti illeggibile") and out as it was. */
int pdf_objstm_rewrite(const char *in, size_t len, PdfDeflater *d, StrBuf *out, const char **reason);

#endif
