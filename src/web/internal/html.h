/* html.h — every page's HTML: escaping by context (text and attribute
 * values; a URL's path segments and query values), small element helpers,
 * the frame of every page (head, skip link, header, breadcrumb, footer).
 * Forms, fields and their errors are html_moduli.h's. Private to src/web. */
#ifndef SCHEDE_WEB_HTML_H
#define SCHEDE_WEB_HTML_H

#include "diag.h"
#include "text.h"

#if defined(__GNUC__)
#define HTML_FORMAT(f, a) __attribute__((format(printf, f, a)))
#else
#define HTML_FORMAT(f, a)
#endif

/* Text as HTML, for element content and double-quoted attribute values
 * alike: & < > " ' escaped. NULL writes nothing. */
void html_text(StrBuf *b, const char *s);

/* strbuf_printf where every %s argument goes through html_text; the format
 * itself is trusted markup. Takes %s, %d, %zu, %ld and %%; any other
 * conversion is copied as it is (and its argument not read). */
void html_printf(StrBuf *b, const char *fmt, ...) HTML_FORMAT(2, 3);

/* A URL path on this site (a new string): fmt with every %s argument
 * percent-encoded as one path segment or query value (every byte but
 * A-Z a-z 0-9 - . _ ~), so that a codice with / ? # % or a space stays one
 * segment. Takes %s and %d. For a redirect's Location; html_url for a link. */
char *url_path(const char *fmt, ...) HTML_FORMAT(1, 2);
/* The same, written escaped as an attribute value. */
void html_url(StrBuf *b, const char *fmt, ...) HTML_FORMAT(2, 3);

/* An attribute: a NULL value leaves it out; "" writes a boolean attribute
 * (required, selected, novalidate…) as its name alone. Lists end with {NULL}. */
typedef struct {
    const char *nome, *valore;
} Attr;
#define ATTRS(...) ((const Attr[]){__VA_ARGS__, {NULL, NULL}})

/* <tag attrs…> */
void html_open(StrBuf *b, const char *tag, const Attr *attrs);
void html_close(StrBuf *b, const char *tag);
/* <tag attrs…>text</tag> */
void html_element(StrBuf *b, const char *tag, const Attr *attrs, const char *text);
/* <a href="href">text</a>: href already built (url_path), escaped here. */
void html_link(StrBuf *b, const char *href, const char *text);

/* One step of the breadcrumb: its label and link (NULL: the current page). */
typedef struct {
    const char *label, *href;
} Briciola;

/* The page up to its <main>: title, who is logged in (NULL: nobody) and
 * the form to log out with its csrf, the breadcrumb. */
void html_inizio(StrBuf *b, const char *titolo, const char *utente, const char *ruolo, const char *csrf,
                 const Briciola *briciole, size_t n_briciole);
void html_fine(StrBuf *b);

#endif
