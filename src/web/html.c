/* html.c — the escaping of every text and the frame of every page (html.h).
 * Style after the Designers Italia guidelines: a header with the
 * ente's name, a breadcrumb, labels above fields, visible focus; the CSS is
 * static/schede.css, served by the program. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "html.h"

void html_text(StrBuf *b, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&': strbuf_puts(b, "&amp;"); break;
        case '<': strbuf_puts(b, "&lt;"); break;
        case '>': strbuf_puts(b, "&gt;"); break;
        case '"': strbuf_puts(b, "&quot;"); break;
        case '\'': strbuf_puts(b, "&#39;"); break;
        default: strbuf_append(b, p, 1);
        }
    }
}

void html_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            strbuf_append(b, p, n);
            p += n - 1;
            continue;
        }
        p++;
        switch (*p) {
        case 's': html_text(b, va_arg(ap, const char *)); break;
        case 'd': strbuf_printf(b, "%d", va_arg(ap, int)); break;
        case 'z': /* %zu */
            p++;
            strbuf_printf(b, "%zu", va_arg(ap, size_t));
            break;
        case '%': strbuf_puts(b, "%"); break;
        default: strbuf_append(b, p - 1, 2);
        }
    }
    va_end(ap);
}

void html_csrf(StrBuf *b, const char *csrf)
{
    html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", csrf ? csrf : "");
}

void html_inizio(StrBuf *b, const char *titolo, const char *utente, const char *ruolo, const char *csrf,
                 const Briciola *briciole, size_t n_briciole)
{
    html_printf(b,
                "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>%s — schede</title>\n<link rel=\"stylesheet\" href=\"/static/schede.css\">\n</head>\n<body>\n"
                "<a class=\"salta\" href=\"#contenuto\">Vai al contenuto</a>\n"
                "<header class=\"testata\"><div class=\"riga\"><a class=\"marchio\" href=\"/\">schede</a>"
                "<span class=\"sottotitolo\">Ciclo della performance</span>",
                titolo);
    if (utente) {
        html_printf(b, "<form class=\"uscita\" method=\"post\" action=\"/uscita\"><span>%s (%s)</span>", utente, ruolo);
        html_csrf(b, csrf);
        strbuf_puts(b, "<button type=\"submit\">Esci</button></form>");
    }
    strbuf_puts(b, "</div></header>\n");
    if (n_briciole) {
        strbuf_puts(b, "<nav class=\"briciole\" aria-label=\"Percorso\"><ol>");
        for (size_t i = 0; i < n_briciole; i++) {
            if (briciole[i].href)
                html_printf(b, "<li><a href=\"%s\">%s</a></li>", briciole[i].href, briciole[i].label);
            else
                html_printf(b, "<li aria-current=\"page\">%s</li>", briciole[i].label);
        }
        strbuf_puts(b, "</ol></nav>\n");
    }
    html_printf(b, "<main id=\"contenuto\" tabindex=\"-1\">\n<h1>%s</h1>\n", titolo);
}

void html_fine(StrBuf *b)
{
    strbuf_puts(b, "</main>\n<footer class=\"piede\"><p>schede — documenti del ciclo della performance</p></footer>\n"
                   "</body>\n</html>\n");
}

char *web_diags_text(const DiagList *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return xstrdup("errore");
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == DIAG_ERROR)
            diag_print(f, &d->items[i]);
    fclose(f);
    return text;
}
