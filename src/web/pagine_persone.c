/* pagine_persone.c — one person's sheet: their participation in the
 * objectives of the year and the score it gives, the valutazione's state
 * (bozza → comunicata → presa visione) and the presa visione itself. */
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html_moduli.h"
#include "persone.h"
#include "rotte.h"
#include "server.h"

static void rows_table(StrBuf *b, const PersonaAnno *pa)
{
    strbuf_puts(b, "<table class=\"elenco\"><caption>Partecipazione agli obiettivi</caption>\n<thead><tr>"
                   "<th scope=\"col\">Obiettivo</th><th scope=\"col\">Azione</th><th scope=\"col\">Partecipazione</th>"
                   "<th scope=\"col\">Peso</th><th scope=\"col\">Raggiunto</th><th scope=\"col\">Contributo</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < pa->n_righe; i++) {
        const RigaPersona *r = &pa->righe[i];
        char q[32] = "—", w[32] = "—", s[32] = "non rilevato", k[32] = "—", n[16] = "intero obiettivo";
        if (r->has_partecipazione)
            text_format_number(q, sizeof q, r->partecipazione);
        if (r->has_peso)
            text_format_number(w, sizeof w, r->peso);
        if (r->rilevata)
            text_format_number(s, sizeof s, r->percentuale), strcat(s, " %");
        if (r->nel_punteggio)
            text_format_number(k, sizeof k, r->contributo);
        if (!r->intero_obiettivo)
            snprintf(n, sizeof n, "%d", r->numero_azione);
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s %%</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                    r->obiettivo->codice, n, q, w, s, k);
    }
    strbuf_puts(b, "</tbody></table>\n");
}

void pagina_persona(Contesto *c, Risposta *out)
{
    const Persona *p = c->persona;
    Anno y;
    anno_carica(c->s, &y);
    PersoneAnno pers;
    persone_compute(&c->s->plan, &y.esiti, c->s->anno, &pers);
    const PersonaAnno *pa = NULL;
    for (size_t i = 0; i < pers.n && !pa; i++)
        if (pers.persone[i].registro == p)
            pa = &pers.persone[i];
    risposta_html(out, 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {p->nome, NULL}};
    html_inizio(b, p->nome, c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_printf(b, "<dl class=\"dati\"><dt>Area</dt><dd>%s</dd><dt>Anno</dt><dd>%d</dd><dt>Punteggio degli obiettivi</dt>"
                   "<dd id=\"punteggio\">", p->area ? p->area : "—", c->s->anno);
    char score[32] = "non calcolabile";
    if (pa && pa->has_punteggio)
        text_format_number(score, sizeof score, pa->punteggio);
    char *pdf = url_path("/persone/%s/scheda.pdf", p->id);
    html_printf(b, "%s</dd></dl>\n<p>", score);
    html_link(b, pdf, "Scarica la scheda (PDF)");
    strbuf_puts(b, "</p>\n");
    free(pdf);
    if (pa)
        rows_table(b, pa);
    else
        strbuf_puts(b, "<p>Nessuna partecipazione agli obiettivi dell'anno.</p>\n");
    char *key = chiave_valutazione(c->s, p);
    Stato st = stato_di(c->s->a, "valutazione", key);
    free(key);
    html_printf(b, "<section aria-labelledby=\"titolo-valutazione\"><h2 id=\"titolo-valutazione\">Valutazione</h2>"
                   "<p class=\"stato\">Stato: <strong id=\"stato-valutazione\">%s</strong>", st.stato ? st.stato : "bozza");
    if (st.quando)
        html_printf(b, " — %s, %s", st.chi, st.quando);
    strbuf_puts(b, "</p>\n");
    bool communicated = st.stato && strcmp(st.stato, "comunicata") == 0;
    if (communicated && contesto_e(c, p)) {
        char *action = url_path("/persone/%s/presa-visione", p->id);
        html_form(b, &(Form){.action = action, .csrf = c->sessione->csrf});
        html_pulsante(b, "Prendo visione della mia scheda", NULL, NULL);
        html_form_fine(b);
        free(action);
    }
    if (!st.stato && (c->capacita & CAP_VALUTAZIONI)) {
        char *action = url_path("/persone/%s/comunicazione", p->id);
        html_form(b, &(Form){.action = action, .csrf = c->sessione->csrf});
        html_pulsante(b, "Comunica la valutazione", NULL, NULL);
        html_form_fine(b);
        free(action);
    }
    strbuf_puts(b, "</section>\n");
    stato_free(&st);
    html_fine(b);
    persone_free(&pers);
    anno_free(&y);
}

static void change_state(Contesto *c, Risposta *out, const Persona *p, const char *from, const char *to)
{
    char *key = chiave_valutazione(c->s, p), *error = NULL;
    Autore chi = contesto_autore(c, NULL);
    ArchivioEsito e = archivio_inizia(c->s->a, &error);
    if (e == ARCHIVIO_OK) {
        e = archivio_cambia_stato(c->s->a, "valutazione", key, NULL, from, to, NULL, &chi, &error);
        if (e == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else
            archivio_annulla(c->s->a);
    }
    free(key);
    if (e == ARCHIVIO_OK) {
        char *loc = url_path("/persone/%s", p->id);
        risposta_redirect(out, loc);
        free(loc);
    } else {
        risposta_errore(c, out, 409, error ? error : "Operazione non possibile nello stato attuale.");
    }
    free(error);
}

void post_presa_visione(Contesto *c, Risposta *out)
{
    change_state(c, out, c->persona, "comunicata", "presa visione");
}

void post_comunicazione(Contesto *c, Risposta *out)
{
    change_state(c, out, c->persona, NULL, "comunicata");
}
