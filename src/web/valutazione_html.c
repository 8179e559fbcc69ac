/* SPDX-License-Identifier: EUPL-1.2 */
/* valutazione_html.c — a person's valutazione on her page (valutazione_html.h). */
#include "valutazione_html.h"

#include <inttypes.h>
#include <stdio.h>

#include "text.h"

void format_centesimi(char *buf, size_t size, int64_t cents)
{
    snprintf(buf, size, "%s%" PRId64 ",%02" PRId64, cents < 0 ? "-" : "", (cents < 0 ? -cents : cents) / 100,
             (cents < 0 ? -cents : cents) % 100);
}

static void date_text(char out[11], bool has, Date d)
{
    if (has)
        date_format_it(d, out);
    else
        snprintf(out, 11, "—");
}

static void components(StrBuf *b, const ValutazionePersona *v)
{
    strbuf_puts(b, "<table class=\"elenco\"><caption>Le componenti della valutazione</caption>\n<thead><tr>"
                   "<th scope=\"col\">Componente</th><th scope=\"col\">Peso</th><th scope=\"col\">Valore</th>"
                   "<th scope=\"col\">Punti</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < v->n_componenti; i++) {
        const ValoreComponente *c = &v->componenti[i];
        char peso[32], valore[48] = "—", punti[32] = "—";
        text_format_number(peso, sizeof peso, c->componente->peso);
        if (c->has_valore) {
            text_format_number(valore, sizeof valore, c->valore);
            text_format_number(punti, sizeof punti, c->punti);
        } else if (c->ridistribuito) {
            snprintf(valore, sizeof valore, "senza valore: peso ridistribuito");
        }
        html_printf(b, "<tr><th scope=\"row\" data-etichetta=\"Componente\">%s</th><td data-etichetta=\"Peso\">%s</td>"
                       "<td data-etichetta=\"Valore\">%s</td><td data-etichetta=\"Punti\">%s</td></tr>\n",
                    c->componente->nome, peso, valore, punti);
    }
    strbuf_puts(b, "</tbody></table>\n");
}

static void behaviours(StrBuf *b, const ValutazionePersona *v)
{
    if (!v->n_comportamenti)
        return;
    char lo[32], hi[32];
    text_format_number(lo, sizeof lo, v->categoria->scala[0]);
    text_format_number(hi, sizeof hi, v->categoria->scala[1]);
    html_printf(b, "<table class=\"elenco\"><caption>I comportamenti (voti da %s a %s)</caption>\n<thead><tr>"
                   "<th scope=\"col\">Comportamento</th><th scope=\"col\">Peso</th><th scope=\"col\">Voto</th></tr>"
                   "</thead>\n<tbody>\n", lo, hi);
    for (size_t i = 0; i < v->n_comportamenti; i++) {
        const VotoComportamento *c = &v->comportamenti[i];
        char peso[32], voto[32] = "mancante";
        text_format_number(peso, sizeof peso, c->comportamento->peso);
        if (c->has_voto)
            text_format_number(voto, sizeof voto, c->voto);
        html_printf(b, "<tr><th scope=\"row\" data-etichetta=\"Comportamento\">%s</th><td data-etichetta=\"Peso\">%s"
                       "</td><td data-etichetta=\"Voto\">%s</td></tr>\n",
                    c->comportamento->nome, peso, voto);
    }
    strbuf_puts(b, "</tbody></table>\n");
}

static void text_block(StrBuf *b, const char *title, const char *text)
{
    if (text && *text)
        html_printf(b, "<h3>%s</h3>\n<p class=\"testo\">%s</p>\n", title, text);
}

void html_valutazione(StrBuf *b, const ValutazionePersona *v)
{
    const Valutazione *x = v->v;
    char data[11], colloquio[11], score[32] = "nessuno";
    date_text(data, x->has_data, x->data);
    date_text(colloquio, x->has_colloquio, x->colloquio);
    if (v->has_punteggio)
        format_centesimi(score, sizeof score, v->punteggio_centesimi);
    else if (!v->completa)
        snprintf(score, sizeof score, "non calcolato");
    html_printf(b, "<dl class=\"dati\"><dt>Categoria</dt><dd>%s</dd><dt>Valutatore</dt><dd>%s</dd>"
                   "<dt>Data della valutazione</dt><dd>%s</dd><dt>Colloquio</dt><dd>%s</dd>"
                   "<dt>Punteggio finale</dt><dd id=\"punteggio\">%s</dd><dt>Fascia di merito</dt><dd id=\"fascia\">%s"
                   "</dd></dl>\n",
                v->categoria->nome ? v->categoria->nome : v->categoria->id, x->valutatore ? x->valutatore : "—", data,
                colloquio, score, v->fascia ? v->fascia->nome : "—");
    if (!v->completa)
        html_printf(b, "<p class=\"avviso\">Valutazione incompleta: manca %s. Punteggio finale e fascia si calcolano "
                       "quando è completa.</p>\n", v->mancanze ? v->mancanze : "qualcosa");
    components(b, v);
    behaviours(b, v);
    text_block(b, "Commento del valutatore", x->commento);
    text_block(b, "Osservazioni della persona", x->osservazioni);
    text_block(b, "Giudizio", x->giudizio);
}
