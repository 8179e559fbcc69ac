/* statico.c — the style sheet (built into the program) and the fonts (from
 * the program's fonts/): a fixed list of names, nothing else, so a path
 * with .. or / never reaches the disk. */
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "server.h"

extern const unsigned char WEB_CSS[];

static const char *const FONTS[] = {"TitilliumWeb_400Regular.ttf", "TitilliumWeb_700Bold.ttf"};

static void not_found(Risposta *out)
{
    out->status = 404;
    out->content_type = "text/plain; charset=utf-8";
    strbuf_puts(&out->body, "non trovato\n");
}

void file_statico(const Server *s, Risposta *out, const char *nome)
{
    if (strcmp(nome, "schede.css") == 0) {
        out->status = 200;
        out->content_type = "text/css; charset=utf-8";
        out->bytes = (const char *)WEB_CSS;
        out->len = strlen((const char *)WEB_CSS);
        return;
    }
    const char *data = s->dati;
    for (size_t i = 0; data && i < sizeof FONTS / sizeof *FONTS; i++) {
        if (strncmp(nome, "fonts/", 6) != 0 || strcmp(nome + 6, FONTS[i]) != 0)
            continue;
        char *path = xasprintf("%s/fonts/%s", data, FONTS[i]);
        const char *reason;
        size_t len;
        char *bytes = file_read_all(path, &len, &reason);
        free(path);
        if (!bytes)
            break;
        out->status = 200;
        out->content_type = "font/ttf";
        out->owned_bytes = bytes;
        out->bytes = bytes;
        out->len = len;
        return;
    }
    not_found(out);
}
