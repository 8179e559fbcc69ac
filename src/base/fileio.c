#include "fileio.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

const char *file_write_reason(int err)
{
    switch (err) {
    case EACCES:
    case EPERM:
    case EROFS: return "permesso negato";
    case ENOENT: return "la cartella non esiste";
    case ENOSPC:
    case EDQUOT:
    case EFBIG: return "spazio su disco esaurito (o file oltre il limite consentito)";
    case EISDIR: return "è una cartella, non un file";
    default: return "errore di scrittura";
    }
}

struct FileOut {
    char *path, *tmp;
    FILE *f;
    int err; /* errno of the first failure, 0 if none */
};

FileOut *file_out_open(const char *path, const char **reason)
{
    char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        *reason = file_write_reason(errno);
        free(tmp);
        return NULL;
    }
    FileOut *out = xcalloc(1, sizeof *out);
    out->path = xstrdup(path);
    out->tmp = tmp;
    out->f = f;
    return out;
}

bool file_out_write(FileOut *out, const void *data, size_t len)
{
    if (out->err)
        return false;
    errno = 0;
    if (fwrite(data, 1, len, out->f) != len) {
        out->err = errno ? errno : EIO;
        return false;
    }
    return true;
}

static void file_out_free(FileOut *out)
{
    free(out->path);
    free(out->tmp);
    free(out);
}

void file_out_abort(FileOut *out)
{
    fclose(out->f);
    unlink(out->tmp);
    file_out_free(out);
}

int file_out_commit(FileOut *out, const char **reason)
{
    int err = out->err;
    /* Flushed and synced before the rename: a full disk shows up here, and
     * after a crash the name holds the old file or the whole new one. */
    if (!err && (fflush(out->f) != 0 || fsync(fileno(out->f)) != 0))
        err = errno ? errno : EIO;
    if (fclose(out->f) != 0 && !err)
        err = errno ? errno : EIO;
    if (!err && rename(out->tmp, out->path) != 0)
        err = errno;
    if (err) {
        unlink(out->tmp);
        *reason = file_write_reason(err);
    }
    file_out_free(out);
    return err ? -1 : 0;
}

int file_write_atomic(const char *path, const char *data, size_t len, const char **reason)
{
    FileOut *out = file_out_open(path, reason);
    if (!out)
        return -1;
    file_out_write(out, data, len);
    return file_out_commit(out, reason);
}

char *file_read_input(const char *path, size_t *len, DiagList *diags)
{
    const char *reason;
    char *text = file_read_all(path, len, &reason);
    if (!text)
        diag_add(diags, DIAG_ERROR, path, NULL, NULL, -1, "impossibile leggere il file: %s", reason);
    return text;
}

InputKind input_kind(const char *file, const char *text, size_t len, DiagList *diags)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    if (i == len) {
        diag_add(diags, DIAG_ERROR, file, NULL, NULL, -1, "il file è vuoto");
        return INPUT_EMPTY;
    }
    return text[i] == '{' ? INPUT_JSON : INPUT_CSV;
}

int file_make_folders(const char *path, const char **reason)
{
    char *copy = xstrdup(path);
    int rc = 0;
    /* each prefix ending before a '/', then the whole path */
    for (char *p = copy + 1;; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        char saved = *p;
        *p = '\0';
        struct stat st;
        if (stat(copy, &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                *reason = "non è una cartella";
                rc = -1;
            }
        } else if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            *reason = file_write_reason(errno);
            rc = -1;
        }
        *p = saved;
        if (rc || end)
            break;
    }
    free(copy);
    return rc;
}
