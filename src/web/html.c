/* html.c — escaping by context, elements and the frame of every page
 * (html.h). Style after the Designers Italia guidelines: a header with the
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
    const char *run = s;
    for (const char *p = s; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '&': esc = "&amp;"; break;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = "&#39;"; break;
        default: continue;
        }
        strbuf_append(b, run, (size_t)(p - run));
        strbuf_puts(b, esc);
        run = p + 1;
    }
    strbuf_puts(b, run);
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
        case 'l': /* %ld */
            p++;
            strbuf_printf(b, "%ld", va_arg(ap, long));
            break;
        case '%': strbuf_puts(b, "%"); break;
        default: strbuf_append(b, p - 1, 2);
        }
    }
    va_end(ap);
}

/* ---- URLs ---------------------------------------------------------------------------------- */

static void percent_encode(StrBuf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        bool plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
                     *p == '.' || *p == '_' || *p == '~';
        if (plain) {
            strbuf_append(b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            strbuf_append(b, e, 3);
        }
    }
}

static void format_url(StrBuf *b, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            percent_encode(b, va_arg(ap, const char *));
            p++;
        } else if (p[0] == '%' && p[1] == 'd') {
            strbuf_printf(b, "%d", va_arg(ap, int));
            p++;
        } else {
            strbuf_append(b, p, 1);
        }
    }
    strbuf_puts(b, "");
}

char *url_path(const char *fmt, ...)
{
    StrBuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    format_url(&b, fmt, ap);
    va_end(ap);
    return b.data;
}

void html_url(StrBuf *b, const char *fmt, ...)
{
    StrBuf u = {0};
    va_list ap;
    va_start(ap, fmt);
    format_url(&u, fmt, ap);
    va_end(ap);
    html_text(b, u.data);
    strbuf_free(&u);
}

/* ---- elements ------------------------------------------------------------------------------ */

/* The attributes that stand alone when set (their value ""). */
static bool is_boolean(const char *nome)
{
    static const char *const names[] = {"required", "selected", "novalidate", "disabled", "checked", "hidden"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(nome, names[i]) == 0)
            return true;
    return false;
}

void html_open(StrBuf *b, const char *tag, const Attr *attrs)
{
    strbuf_puts(b, "<");
    strbuf_puts(b, tag);
    for (const Attr *a = attrs; a && a->nome; a++) {
        if (!a->valore)
            continue;
        strbuf_puts(b, " ");
        strbuf_puts(b, a->nome);
        if (*a->valore || !is_boolean(a->nome)) {
            strbuf_puts(b, "=\"");
            html_text(b, a->valore);
            strbuf_puts(b, "\"");
        }
    }
    strbuf_puts(b, ">");
}

void html_close(StrBuf *b, const char *tag)
{
    strbuf_puts(b, "</");
    strbuf_puts(b, tag);
    strbuf_puts(b, ">");
}

void html_element(StrBuf *b, const char *tag, const Attr *attrs, const char *text)
{
    html_open(b, tag, attrs);
    html_text(b, text);
    html_close(b, tag);
}

void html_link(StrBuf *b, const char *href, const char *text)
{
    html_element(b, "a", ATTRS({"href", href}), text);
}

/* ---- the frame ----------------------------------------------------------------------------- */

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
        html_open(b, "input", ATTRS({"type", "hidden"}, {"name", "csrf"}, {"value", csrf ? csrf : ""}));
        strbuf_puts(b, "<button type=\"submit\">Esci</button></form>");
    }
    strbuf_puts(b, "</div></header>\n");
    if (n_briciole) {
        strbuf_puts(b, "<nav class=\"briciole\" aria-label=\"Percorso\"><ol>");
        for (size_t i = 0; i < n_briciole; i++) {
            strbuf_puts(b, "<li");
            if (briciole[i].href) {
                strbuf_puts(b, ">");
                html_link(b, briciole[i].href, briciole[i].label);
            } else {
                html_printf(b, " aria-current=\"page\">%s", briciole[i].label);
            }
            strbuf_puts(b, "</li>");
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
