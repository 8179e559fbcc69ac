#include "wb_zip.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "text.h"
#include "workbook.h"

struct WbZip {
    zip_t *zip;
    size_t total;   /* bytes read so far */
};

WbZip *wb_zip_open(const char *data, size_t len, const char **why)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    if (!src) {
        zip_error_fini(&err);
        *why = "memoria insufficiente";
        return NULL;
    }
    zip_t *zip = zip_open_from_source(src, ZIP_RDONLY, &err);
    zip_error_fini(&err);
    if (!zip) {
        zip_source_free(src);
        *why = "non è un archivio zip leggibile (file danneggiato?)";
        return NULL;
    }
    if (zip_get_num_entries(zip, 0) > WORKBOOK_MAX_ENTRIES) {
        zip_close(zip);
        *why = "l'archivio contiene troppi file per essere un foglio di calcolo";
        return NULL;
    }
    WbZip *z = xcalloc(1, sizeof *z);
    z->zip = zip;
    return z;
}

void wb_zip_close(WbZip *z)
{
    if (!z)
        return;
    zip_discard(z->zip);
    free(z);
}

int wb_zip_has(WbZip *z, const char *name) { return zip_name_locate(z->zip, name, 0) >= 0; }

char *wb_zip_read(WbZip *z, const char *name, size_t *len, const char **why)
{
    zip_int64_t idx = zip_name_locate(z->zip, name, 0);
    if (idx < 0) {
        *why = "manca una parte del foglio di calcolo";
        return NULL;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        *why = "archivio danneggiato";
        return NULL;
    }
    /* The declared size is only a promise: reading stops at the limit whatever it says. */
    if (st.size > WORKBOOK_MAX_ENTRY_BYTES || z->total + st.size > WORKBOOK_MAX_TOTAL_BYTES) {
        *why = "una parte del foglio di calcolo è troppo grande (oltre 64 MB, o 256 MB in tutto): archivio sospetto";
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(z->zip, (zip_uint64_t)idx, 0);
    if (!f) {
        *why = "archivio danneggiato o cifrato";
        return NULL;
    }
    size_t cap = (size_t)st.size + 1;
    char *buf = xmalloc(cap + 1);
    size_t n = 0;
    for (;;) {
        zip_int64_t got = zip_fread(f, buf + n, cap - n);
        if (got < 0) {
            zip_fclose(f);
            free(buf);
            *why = "archivio danneggiato";
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) { /* more than declared */
            zip_fclose(f);
            free(buf);
            *why = "una parte del foglio di calcolo è più grande di quanto dichiara: archivio sospetto";
            return NULL;
        }
    }
    zip_fclose(f);
    buf[n] = '\0';
    z->total += n;
    *len = n;
    return buf;
}
