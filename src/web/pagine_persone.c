/* pagine_persone.c — one person's sheet: their participation in the
 * objectives of the year and the score it gives, the valutazione's state
 * (bozza → comunicata → presa visione) and the presa visione itself. */
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html.h"
#include "persone.h"
#include "server.h"

/* Whether the user is this person. */
static bool is_self(const Contesto *c, const Persona *p)
{
    const char *me = c->sessione->persona;
    return me && persone_match_untitled(&c->s->plan, me) == p;
}

/* Everybody may see their own sheet; the ufficio personale, the OIV and the Segreteria every sheet. */
static bool may_see(const Contesto *c, const Persona *p)
{
    Ruolo r = c->sessione->ruolo;
    return r == RUOLO_AMMINISTRATORE || r == RUOLO_PERSONALE || r == RUOLO_OIV || is_self(c, p);
}

static const Persona *person_for(Contesto *c, Risposta *out, const char *id)
{
    const Persona *p = persone_by_id(&c->s->plan, id);
    if (!p) {
        risposta_errore(c, out, 404, "Nel piano non c'è una persona con questo identificativo.");
        return NULL;
    }
    if (!may_see(c, p)) {
        risposta_vietato(c, out, NULL, "Si può vedere soltanto la propria scheda.");
        return NULL;
    }
    return p;
}

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

void pagina_persona(Contesto *c, Risposta *out, const char *id)
{
    const Persona *p = person_for(c, out, id);
    if (!p)
        return;
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
    html_printf(b, "%s</dd></dl>\n<p><a href=\"/persone/%s/scheda.pdf\">Scarica la scheda (PDF)</a></p>\n", score, p->id);
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
    if (communicated && is_self(c, p)) {
        html_printf(b, "<form method=\"post\" action=\"/persone/%s/presa-visione\">", p->id);
        html_csrf(b, c->sessione->csrf);
        strbuf_puts(b, "<button type=\"submit\">Prendo visione della mia scheda</button></form>\n");
    }
    if (!st.stato && (c->sessione->ruolo == RUOLO_PERSONALE || c->sessione->ruolo == RUOLO_AMMINISTRATORE)) {
        html_printf(b, "<form method=\"post\" action=\"/persone/%s/comunicazione\">", p->id);
        html_csrf(b, c->sessione->csrf);
        strbuf_puts(b, "<button type=\"submit\">Comunica la valutazione</button></form>\n");
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
        char *loc = xasprintf("/persone/%s", p->id);
        risposta_redirect(out, loc);
        free(loc);
    } else {
        risposta_errore(c, out, 409, error ? error : "Operazione non possibile nello stato attuale.");
    }
    free(error);
}

void pagina_persona_pdf(Contesto *c, Risposta *out, const char *id)
{
    const Persona *p = person_for(c, out, id);
    if (!p)
        return;
    char *error = NULL;
    if (!documento_persone(c->s, p, out, &error))
        risposta_errore(c, out, 404, error ? error : "La scheda non è stata prodotta.");
    free(error);
}

void post_presa_visione(Contesto *c, Risposta *out, const char *id)
{
    const Persona *p = person_for(c, out, id);
    if (!p)
        return;
    if (!is_self(c, p)) {
        risposta_vietato(c, out, NULL, "La presa visione la dà soltanto la persona valutata.");
        return;
    }
    change_state(c, out, p, "comunicata", "presa visione");
}

void post_comunicazione(Contesto *c, Risposta *out, const char *id)
{
    const Persona *p = person_for(c, out, id);
    if (!p)
        return;
    if (c->sessione->ruolo != RUOLO_PERSONALE && c->sessione->ruolo != RUOLO_AMMINISTRATORE) {
        risposta_vietato(c, out, NULL, "La valutazione la comunica l'ufficio personale.");
        return;
    }
    change_state(c, out, p, NULL, "comunicata");
}
