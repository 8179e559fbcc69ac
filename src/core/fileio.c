#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"

static const char *reason_for(int err)
{
    switch (err) {
    case ENOENT: return "il file non esiste";
    case EACCES: return "permesso negato";
    case EISDIR: return "è una cartella, non un file";
    case ENOMEM: return "memoria insufficiente";
    case EFBIG:
    case EOVERFLOW: return "il file è troppo grande";
    default: return "errore di lettura";
    }
}

char *file_read_all(const char *path, size_t *len, const char **reason)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *reason = reason_for(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        *reason = reason_for(EISDIR);
        return NULL;
    }
    StrBuf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_append(&b, chunk, n);
    int failed = ferror(f);
    int err = errno;
    fclose(f);
    if (failed) {
        strbuf_free(&b);
        *reason = reason_for(err);
        return NULL;
    }
    if (!b.data)
        b.data = xstrdup("");
    *len = b.len;
    return b.data;
}
