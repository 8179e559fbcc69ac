/* SPDX-License-Identifier: EUPL-1.2 */
/* pagine_persone_elenco.c — GET /persone: the persons of the plan with their
 * valutazione of the year (its state, the final score and band), for the
 * Segreteria, the ufficio personale and the OIV; filtered by state
 * (?stato=bozza, comunicata, presa visione; senza: without one) and by text
 * (?q=). */
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "elenco_persone.h"
#include "html_moduli.h"
#include "valutazione_html.h"

size_t elenco_persone(Contesto *c, VocePersona **out)
{
    const Plan *plan = &c->s->plan;
    *out = xcalloc(plan->n_persone + 1, sizeof **out);
    char **nomi;
    size_t n_nomi = archivio_persone_valutate(c->s->a, c->s->anno, &nomi);
    char *prefix = archivio_chiave_valutazione(c->s->anno, "");
    char **keys;
    Stato *st;
    size_t n_st = archivio_stati(c->s->a, "valutazione", prefix, &keys, &st);
    for (size_t i = 0; i < plan->n_persone; i++) {
        const Persona *p = &plan->persone[i];
        VocePersona *v = &(*out)[i];
        v->persona = p;
        v->stato = flusso_iniziale(FLUSSO_VALUTAZIONE);
        for (size_t k = 0; k < n_nomi && !v->valutata; k++)
            v->valutata = p->nome && strcmp(nomi[k], p->nome) == 0;
        for (size_t k = 0; k < n_st; k++)
            if (p->nome && strcmp(keys[k] + strlen(prefix), p->nome) == 0 && st[k].stato) {
                stato_da_nome(st[k].stato, &v->stato);
                break;
            }
    }
    for (size_t k = 0; k < n_nomi; k++)
        free(nomi[k]);
    free(nomi);
    for (size_t k = 0; k < n_st; k++) {
        free(keys[k]);
        stato_free(&st[k]);
    }
    free(keys);
    free(st);
    free(prefix);
    return plan->n_persone;
}

void persone_per_stato(Contesto *c, size_t per_stato[N_STATI], size_t *senza)
{
    VocePersona *v;
    size_t n = elenco_persone(c, &v);
    *senza = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].valutata)
            per_stato[v[i].stato]++;
        else
            (*senza)++;
    }
    free(v);
}

void pagina_persone(Contesto *c, Risposta *out)
{
    Modulo q;
    if (!modulo_urlencoded(c->r->query, strlen(c->r->query), &q)) {
        risposta_errore(c, out, 400, "L'indirizzo della ricerca non è leggibile.");
        return;
    }
    const char *testo = modulo_valore(&q, "q"), *filtro = modulo_valore(&q, "stato");
    StatoFlusso wanted;
    bool by_state = filtro && *filtro && strcmp(filtro, "senza") != 0 && stato_da_nome(filtro, &wanted);
    bool without = filtro && strcmp(filtro, "senza") == 0;
    Anno y;
    anno_carica(c->s, &y);
    char *error = NULL;
    bool has_va = anno_valutazioni(c->s, &y, &error);
    free(error);
    VocePersona *v;
    size_t n = elenco_persone(c, &v);
    risposta_html(out, 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Persone", NULL}};
    html_inizio(b, "Persone", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_form(b, &(Form){.action = "/persone", .classe = "filtro", .ruolo = "search"});
    const char *scelte[] = {"", "bozza", "comunicata", "presa visione", "senza"};
    const char *etichette[] = {"tutte", "in bozza", "comunicate", "con presa visione", "senza valutazione"};
    html_campo(b, &(CampoForm){CAMPO_TESTO, "q", "Cerca per nome o area", .valore = testo}, NULL);
    html_campo(b, &(CampoForm){CAMPO_SCELTA, "stato", "Valutazione", .valore = filtro, .scelte = scelte,
                               .etichette = etichette, .n_scelte = 5}, NULL);
    html_pulsante(b, "Filtra", NULL, NULL);
    html_form_fine(b);
    html_printf(b, "<table class=\"elenco\"><caption>Persone del piano e valutazione del %d</caption>\n<thead><tr>"
                   "<th scope=\"col\">Persona</th><th scope=\"col\">Area</th><th scope=\"col\">Valutazione</th>"
                   "<th scope=\"col\">Punteggio finale</th><th scope=\"col\">Fascia</th></tr></thead>\n<tbody>\n",
                c->s->anno);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const Persona *p = v[i].persona;
        if ((by_state && (!v[i].valutata || v[i].stato != wanted)) || (without && v[i].valutata) ||
            !(text_cerca(p->nome, testo) || text_cerca(p->area, testo)) || !p->id)
            continue;
        const ValutazionePersona *vp = has_va ? valutazione_di(&y.va, p) : NULL;
        char score[32] = "—";
        if (vp && vp->has_punteggio)
            format_centesimi(score, sizeof score, vp->punteggio_centesimi);
        else if (vp && !vp->completa)
            snprintf(score, sizeof score, "incompleta");
        char *href = url_path("/persone/%s", p->id);
        strbuf_puts(b, "<tr><th scope=\"row\" data-etichetta=\"Persona\">");
        html_link(b, href, p->nome);
        html_printf(b, "</th><td data-etichetta=\"Area\">%s</td><td data-etichetta=\"Valutazione\">%s</td>"
                       "<td data-etichetta=\"Punteggio finale\">%s</td><td data-etichetta=\"Fascia\">%s</td></tr>\n",
                    p->area ? p->area : "—", v[i].valutata ? stato_nome(v[i].stato) : "nessuna", score,
                    vp && vp->fascia ? vp->fascia->nome : "—");
        free(href);
        shown++;
    }
    html_printf(b, "</tbody></table>\n<p>%zu %s.</p>\n", shown, shown == 1 ? "persona" : "persone");
    html_fine(b);
    free(v);
    anno_free(&y);
    modulo_free(&q);
}
