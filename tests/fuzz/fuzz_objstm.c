/* SPDX-License-Identifier: EUPL-1.2 */
/* The rewrite of a PDF with object streams (src/pdf/pdf_objstm.c), given
 * any bytes as libharu's file: refused, with the output untouched, or
 * rewritten, the same bytes both times; never a read past the input (an
 * exact copy of it is given). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_objstm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static PdfDeflater *d;
    if (!d && !(d = pdf_deflater_new()))
        abort();
    char *in = malloc(size ? size : 1);
    if (!in)
        abort();
    memcpy(in, data, size);
    StrBuf a = {0}, b = {0};
    const char *why = NULL;
    int ra = pdf_objstm_rewrite(in, size, d, &a, &why);
    int rb = pdf_objstm_rewrite(in, size, d, &b, &why);
    if (ra != rb || a.len != b.len || (a.len > 0 && memcmp(a.data, b.data, a.len) != 0))
        abort(); /* not reproducible */
    if (ra != 0 && (a.len != 0 || !why))
        abort(); /* refused, yet something written or no reason */
    strbuf_free(&a);
    strbuf_free(&b);
    free(in);
    return 0;
}
