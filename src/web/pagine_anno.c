/* pagine_anno.c — the year as a whole: its raccolta of rilevazioni, which
 * the Segreteria opens and closes, its Relazione and its valutazioni, which
 * the OIV validates with a comment. Shown on the home page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html.h"
#include "server.h"

static Stato year_state(Server *s, const char *oggetto)
{
    char key[16], *error = NULL;
    snprintf(key, sizeof key, "%d", s->anno);
    Stato st;
    archivio_stato(s->a, oggetto, key, &st, &error);
    free(error);
    return st;
}

bool raccolta_aperta(Server *s)
{
    Stato st = year_state(s, "raccolta");
    bool open = !st.stato || strcmp(st.stato, "aperta") == 0;
    stato_free(&st);
    return open;
}

/* The OIV's form to validate the year's Relazione or valutazioni, with a comment. */
static void validation_form(Contesto *c, StrBuf *b, const char *what, const char *action, const char *label)
{
    html_printf(b, "<form class=\"modulo\" method=\"post\" action=\"%s\">", action);
    html_csrf(b, c->sessione->csrf);
    html_printf(b, "<div class=\"campo\"><label for=\"commento-%s\">Commento dell'OIV</label><input id=\"commento-%s\" "
                   "name=\"commento\"></div><button type=\"submit\">Valida %s</button></form>\n", what, what, label);
}

void home_anno(Contesto *c, StrBuf *b)
{
    Ruolo r = c->sessione->ruolo;
    if (r == RUOLO_DIPENDENTE)
        return;
    Stato ra = year_state(c->s, "raccolta"), rel = year_state(c->s, "relazione");
    html_printf(b, "<section aria-labelledby=\"titolo-anno\"><h2 id=\"titolo-anno\">Anno %d</h2>\n"
                   "<p>Raccolta delle rilevazioni: <strong id=\"stato-raccolta\">%s</strong>",
                c->s->anno, ra.stato ? ra.stato : "aperta");
    if (ra.chi)
        html_printf(b, " (%s)", ra.chi);
    strbuf_puts(b, "</p>\n");
    if (r == RUOLO_AMMINISTRATORE) {
        bool open = !ra.stato || strcmp(ra.stato, "aperta") == 0;
        strbuf_puts(b, "<form method=\"post\" action=\"/raccolta\">");
        html_csrf(b, c->sessione->csrf);
        html_printf(b, "<input type=\"hidden\" name=\"stato\" value=\"%s\"><button type=\"submit\">%s</button></form>\n",
                    open ? "chiusa" : "aperta", open ? "Chiudi la raccolta" : "Riapri la raccolta");
    }
    html_printf(b, "<p>Relazione sulla Performance: <strong id=\"stato-relazione\">%s</strong>", rel.stato ? rel.stato : "bozza");
    if (rel.chi)
        html_printf(b, " (%s, %s)", rel.chi, rel.quando);
    if (rel.nota)
        html_printf(b, " — «%s»", rel.nota);
    strbuf_puts(b, "</p>\n");
    if (r == RUOLO_OIV && !rel.stato)
        validation_form(c, b, "relazione", "/relazione", "la Relazione");
    Stato va = year_state(c->s, "valutazioni");
    html_printf(b, "<p>Valutazioni individuali: <strong id=\"stato-valutazioni\">%s</strong>", va.stato ? va.stato : "bozza");
    if (va.chi)
        html_printf(b, " (%s, %s)", va.chi, va.quando);
    if (va.nota)
        html_printf(b, " — «%s»", va.nota);
    strbuf_puts(b, "</p>\n");
    if (r == RUOLO_OIV && !va.stato)
        validation_form(c, b, "valutazioni", "/valutazioni/validazione", "le valutazioni");
    strbuf_puts(b, "</section>\n");
    stato_free(&ra);
    stato_free(&rel);
    stato_free(&va);
}

static void change_year(Contesto *c, Risposta *out, const char *oggetto, const char *from, const char *to,
                        const char *nota)
{
    char key[16], *error = NULL;
    snprintf(key, sizeof key, "%d", c->s->anno);
    Autore chi = contesto_autore(c, nota);
    ArchivioEsito e = archivio_inizia(c->s->a, &error);
    if (e == ARCHIVIO_OK) {
        e = archivio_cambia_stato(c->s->a, oggetto, key, NULL, from, to, nota, &chi, &error);
        if (e == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else
            archivio_annulla(c->s->a);
    }
    if (e == ARCHIVIO_OK)
        risposta_redirect(out, "/");
    else
        risposta_errore(c, out, 409, error ? error : "Operazione non possibile nello stato attuale.");
    free(error);
}

void post_raccolta(Contesto *c, Risposta *out)
{
    if (c->sessione->ruolo != RUOLO_AMMINISTRATORE) {
        risposta_vietato(c, out, NULL, "La raccolta delle rilevazioni la apre e la chiude la Segreteria.");
        return;
    }
    const char *to = modulo_valore(&c->modulo, "stato");
    if (!to || (strcmp(to, "chiusa") != 0 && strcmp(to, "aperta") != 0)) {
        risposta_errore(c, out, 400, "Lo stato della raccolta è «aperta» o «chiusa».");
        return;
    }
    Stato st = year_state(c->s, "raccolta");
    char *from = st.stato ? xstrdup(st.stato) : NULL;
    stato_free(&st);
    bool open_now = !from || strcmp(from, "aperta") == 0;
    if (open_now == (strcmp(to, "aperta") == 0))
        risposta_errore(c, out, 409, "La raccolta è già in questo stato.");
    else
        change_year(c, out, "raccolta", from, to, NULL);
    free(from);
}

static void validate(Contesto *c, Risposta *out, const char *oggetto, const char *who)
{
    if (c->sessione->ruolo != RUOLO_OIV) {
        risposta_vietato(c, out, NULL, who);
        return;
    }
    const char *commento = modulo_valore(&c->modulo, "commento");
    change_year(c, out, oggetto, NULL, "validata", commento && *commento ? commento : NULL);
}

void post_relazione(Contesto *c, Risposta *out)
{
    validate(c, out, "relazione", "La Relazione la valida l'OIV.");
}

void post_validazione_valutazioni(Contesto *c, Risposta *out)
{
    validate(c, out, "valutazioni", "Le valutazioni le valida l'OIV.");
}
