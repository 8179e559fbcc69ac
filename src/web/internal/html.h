/* html.h — every page's HTML: the one escaping function all text goes
 * through, and the frame (head, skip link, header, breadcrumb, footer).
 * Private to src/web. */
#ifndef SCHEDE_WEB_HTML_H
#define SCHEDE_WEB_HTML_H

#include "text.h"

/* Text as HTML (element content and quoted attribute values alike): & < > " ' escaped. */
void html_text(StrBuf *b, const char *s);
/* strbuf_printf where every %s argument is escaped by html_text; the format itself is trusted markup. */
void html_printf(StrBuf *b, const char *fmt, ...);

/* One step of the breadcrumb: its label and link (NULL: the current page). */
typedef struct {
    const char *label, *href;
} Briciola;

/* The page up to its <main>: title, who is logged in (NULL: nobody) and
 * the form to log out with its csrf, the breadcrumb. */
void html_inizio(StrBuf *b, const char *titolo, const char *utente, const char *ruolo, const char *csrf,
                 const Briciola *briciole, size_t n_briciole);
void html_fine(StrBuf *b);

/* The errors of a file as `schede verifica` prints them, one per line (to show in a <pre>). */
#include "diag.h"
char *web_diags_text(const DiagList *d);

/* A hidden csrf field. */
void html_csrf(StrBuf *b, const char *csrf);

#endif
