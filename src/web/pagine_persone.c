/* pagine_persone.c — one person's sheet: their participation in the
 * objectives of the year and the score it gives, the valutazione's state
 * (bozza → comunicata → presa visione) and the presa visione itself. */
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html_moduli.h"
#include "passi.h"
#include "persone.h"
#include "rotte.h"
#include "server.h"
#include "valutazione_html.h"

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
        html_printf(b, "<tr><th scope=\"row\" data-etichetta=\"Obiettivo\">%s</th><td data-etichetta=\"Azione\">%s</td>"
                       "<td data-etichetta=\"Partecipazione\">%s %%</td><td data-etichetta=\"Peso\">%s</td>"
                       "<td data-etichetta=\"Raggiunto\">%s</td><td data-etichetta=\"Contributo\">%s</td></tr>\n",
                    r->obiettivo->codice, n, q, w, s, k);
    }
    strbuf_puts(b, "</tbody></table>\n");
}

/* The route of each step of a valutazione (rotte.c). */
static const char *step_path(const Transizione *t)
{
    if (strcmp(t->azione, "comunica") == 0)
        return "/persone/%s/comunicazione";
    if (strcmp(t->azione, "presa-visione") == 0)
        return "/persone/%s/presa-visione";
    if (strcmp(t->azione, "presa-visione-cartacea") == 0)
        return "/persone/%s/presa-visione-cartacea";
    return "/persone/%s/riapertura";
}

/* The valutazione itself: for the person once it is communicated to her, for the offices always. */
static void evaluation(Contesto *c, StrBuf *b, const Persona *p, StatoFlusso now, Anno *y)
{
    if (contesto_e(c, p) && now == STATO_BOZZA) {
        html_printf(b, "<p>La valutazione del %d non ti è ancora stata comunicata.</p>\n", c->s->anno);
        return;
    }
    char *error = NULL;
    const ValutazionePersona *v = anno_valutazioni(c->s, y, &error) ? valutazione_di(&y->va, p) : NULL;
    if (v)
        html_valutazione(b, v);
    else
        html_printf(b, "<p>Nessuna valutazione del %d nell'archivio per questa persona.</p>\n", c->s->anno);
    free(error);
}

static void person_page(Contesto *c, Risposta *out, const Errori *errori)
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
    strbuf_free(&out->body);
    risposta_html(out, errori && errori->n ? 422 : 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {p->nome, NULL}};
    html_inizio(b, p->nome, c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_riepilogo(b, errori, "Il passo non è stato fatto");
    html_esito(b, c);
    html_printf(b, "<dl class=\"dati\"><dt>Area</dt><dd>%s</dd><dt>Anno</dt><dd>%d</dd><dt>Punteggio degli obiettivi</dt>"
                   "<dd id=\"punteggio-obiettivi\">", p->area ? p->area : "—", c->s->anno);
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
    StatoFlusso now = STATO_BOZZA;
    if (st.stato)
        stato_da_nome(st.stato, &now);
    strbuf_puts(b, "<section aria-labelledby=\"titolo-valutazione\"><h2 id=\"titolo-valutazione\">Valutazione</h2>"
                   "<p class=\"stato\">Stato: ");
    html_stato(b, "stato-valutazione", stato_nome(now), &st);
    strbuf_puts(b, "</p>\n");
    evaluation(c, b, p, now, &y);
    /* the steps of the table the user may make, each its form */
    Attore chi = passo_attore(c);
    for (size_t i = 0; i < N_TRANSIZIONI; i++) {
        const Transizione *t = &TRANSIZIONI[i];
        char *why = NULL;
        if (t->flusso == FLUSSO_VALUTAZIONE && t->da == now && transizione_permessa(t, &chi, &why)) {
            if (t->chi == CHI_PERSONA) /* the declaration she makes, before the button that makes it */
                html_element(b, "p", ATTRS({"class", "conferma"}), t->conferma);
            char *action = url_path(step_path(t), p->id), *id = xasprintf("motivo-%s", t->azione);
            html_passo(b, c, action, t, NULL, id, errori);
            free(id);
            free(action);
        }
        free(why);
    }
    strbuf_puts(b, "</section>\n");
    stato_free(&st);
    html_fine(b);
    persone_free(&pers);
    anno_free(&y);
}

void pagina_persona(Contesto *c, Risposta *out)
{
    person_page(c, out, NULL);
}

static void person_with_errors(Contesto *c, Risposta *out, const Errori *errori, const void *dati)
{
    (void)dati;
    person_page(c, out, errori);
}

/* A step of the person's valutazione of the year, as the table says (flusso.c). */
static void valutazione_step(Contesto *c, Risposta *out, const char *azione)
{
    char *key = chiave_valutazione(c->s, c->persona), *back = url_path("/persone/%s", c->persona->id),
         *id = xasprintf("motivo-%s", azione);
    Passo step = {
        .ctx = {.flusso = FLUSSO_VALUTAZIONE, .chiave = key, .anno = c->s->anno},
        .azione = azione,
        .ritorno = back,
        .id_motivo = id,
        .pagina = person_with_errors,
    };
    web_passo(c, out, &step);
    free(id);
    free(back);
    free(key);
}

void post_presa_visione(Contesto *c, Risposta *out)
{
    valutazione_step(c, out, "presa-visione");
}

void post_presa_visione_cartacea(Contesto *c, Risposta *out)
{
    valutazione_step(c, out, "presa-visione-cartacea");
}

void post_comunicazione(Contesto *c, Risposta *out)
{
    valutazione_step(c, out, "comunica");
}

void post_riapertura(Contesto *c, Risposta *out)
{
    valutazione_step(c, out, "riapri");
}
