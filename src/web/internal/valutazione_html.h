/* SPDX-License-Identifier: EUPL-1.2 */
/* valutazione_html.h — a person's valutazione as her page shows it: what
 * the PDF sheet prints (the components with weight, value and points, the
 * votes on behaviours, the final score and band, the evaluator, the dates
 * and the texts), for the person before her presa visione and for the
 * offices. Private to src/web. */
#ifndef SCHEDE_WEB_VALUTAZIONE_HTML_H
#define SCHEDE_WEB_VALUTAZIONE_HTML_H

#include "html.h"
#include "valutazione.h"

/* "84,97": a score kept in hundredths, as the sheets print it. */
void format_centesimi(char *buf, size_t size, int64_t cents);

void html_valutazione(StrBuf *b, const ValutazionePersona *v);

#endif
