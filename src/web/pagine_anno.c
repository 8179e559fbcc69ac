/* pagine_anno.c — the year as a whole: its raccolte of rilevazioni (the
 * year end and each monitoring), which the Segreteria opens and closes; its
 * Relazione and its valutazioni, which the OIV validates with a comment.
 * Shown on the home page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html_moduli.h"
#include "rotte.h"
#include "server.h"

static Stato year_state(Server *s, const char *oggetto)
{
    char key[16];
    snprintf(key, sizeof key, "%d", s->anno);
    Stato st = stato_di(s->a, oggetto, key);
    return st;
}

/* The OIV's form to validate the year's Relazione or valutazioni, with a comment. */
static void validation_form(Contesto *c, StrBuf *b, const char *what, const char *action, const char *label)
{
    char *id = xasprintf("commento-%s", what), *button = xasprintf("Valida %s", label);
    html_form(b, &(Form){.action = action, .csrf = c->sessione->csrf, .classe = "modulo"});
    html_campo(b, &(CampoForm){CAMPO_TESTO, "commento", "Commento dell'OIV", .id = id}, NULL);
    html_pulsante(b, button, NULL, NULL);
    html_form_fine(b);
    free(id);
    free(button);
}

/* The periods of collection with their state; the Segreteria's buttons to close, reopen, open a monitoring. */
static void periods(Contesto *c, StrBuf *b)
{
    bool admin = (c->capacita & CAP_RACCOLTE) != 0;
    Periodo *list;
    size_t n = periodi(c->s, &list);
    strbuf_puts(b, "<table class=\"elenco\"><caption>Raccolte delle rilevazioni</caption><thead><tr><th scope=\"col\">"
                   "Periodo</th><th scope=\"col\">Stato</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        char value[11], *name = periodo_nome(&list[i]);
        periodo_valore(&list[i], value);
        bool open = periodo_aperto(c->s, &list[i]);
        html_printf(b, "<tr><th scope=\"row\">%s</th><td><span class=\"stato-raccolta\" data-periodo=\"%s\">%s</span>", name,
                    value, open ? "aperta" : "chiusa");
        if (admin) {
            strbuf_puts(b, " ");
            html_form(b, &(Form){.action = "/raccolta", .csrf = c->sessione->csrf, .classe = "in-riga"});
            html_nascosto(b, "periodo", value);
            html_nascosto(b, "stato", open ? "chiusa" : "aperta");
            html_pulsante(b, open ? "Chiudi" : "Riapri", NULL, NULL);
            html_form_fine(b);
        }
        strbuf_puts(b, "</td></tr>\n");
        free(name);
    }
    strbuf_puts(b, "</tbody></table>\n");
    free(list);
    if (admin) {
        char *hint = xasprintf("gg/mm/aaaa, nel %d", c->s->anno);
        html_form(b, &(Form){.action = "/raccolta", .csrf = c->sessione->csrf, .classe = "modulo"});
        html_campo(b, &(CampoForm){CAMPO_TESTO, "nuovo", "Apri un monitoraggio alla data", hint}, NULL);
        html_pulsante(b, "Apri il monitoraggio", NULL, NULL);
        html_form_fine(b);
        free(hint);
    }
}

void home_anno(Contesto *c, StrBuf *b)
{
    if (!(c->capacita & (CAP_OBIETTIVI | CAP_OBIETTIVI_PROPRI)))
        return;
    bool oiv = (c->capacita & CAP_VALIDAZIONE) != 0;
    Stato rel = year_state(c->s, "relazione");
    html_printf(b, "<section aria-labelledby=\"titolo-anno\"><h2 id=\"titolo-anno\">Anno %d</h2>\n", c->s->anno);
    periods(c, b);
    html_printf(b, "<p>Relazione sulla Performance: <strong id=\"stato-relazione\">%s</strong>", rel.stato ? rel.stato : "bozza");
    if (rel.chi)
        html_printf(b, " (%s, %s)", rel.chi, rel.quando);
    if (rel.nota)
        html_printf(b, " — «%s»", rel.nota);
    strbuf_puts(b, "</p>\n");
    if (oiv && !rel.stato)
        validation_form(c, b, "relazione", "/relazione", "la Relazione");
    Stato va = year_state(c->s, "valutazioni");
    html_printf(b, "<p>Valutazioni individuali: <strong id=\"stato-valutazioni\">%s</strong>", va.stato ? va.stato : "bozza");
    if (va.chi)
        html_printf(b, " (%s, %s)", va.chi, va.quando);
    if (va.nota)
        html_printf(b, " — «%s»", va.nota);
    strbuf_puts(b, "</p>\n");
    if (oiv && !va.stato)
        validation_form(c, b, "valutazioni", "/valutazioni/validazione", "le valutazioni");
    strbuf_puts(b, "</section>\n");
    stato_free(&rel);
    stato_free(&va);
}

/* Moves oggetto of key (NULL: the year) from one state to another, audited; back to the home page. */
static void change_state(Contesto *c, Risposta *out, const char *oggetto, const char *key, const char *from,
                         const char *to, const char *nota)
{
    char year[16], *error = NULL;
    snprintf(year, sizeof year, "%d", c->s->anno);
    if (!key)
        key = year;
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

/* Opens a monitoring at the date «nuovo» (gg/mm/aaaa, in the year), unless there is one. */
static void open_monitoring(Contesto *c, Risposta *out, const char *nuovo)
{
    Periodo p;
    if (!periodo_leggi(c->s, nuovo, &p) || !p.has_al) {
        char *msg = xasprintf("La data del monitoraggio non è valida: gg/mm/aaaa, nel %d.", c->s->anno);
        risposta_errore(c, out, 422, msg);
        free(msg);
        return;
    }
    Periodo *list;
    size_t n = periodi(c->s, &list);
    bool exists = false;
    for (size_t i = 0; i < n; i++)
        exists = exists || (list[i].has_al && date_compare(list[i].al, p.al) == 0);
    free(list);
    if (exists) {
        risposta_errore(c, out, 409, "C'è già un monitoraggio a questa data.");
        return;
    }
    char *key = periodo_chiave(c->s, &p);
    change_state(c, out, "raccolta", key, NULL, "aperta", NULL);
    free(key);
}

void post_raccolta(Contesto *c, Risposta *out)
{
    const char *nuovo = modulo_valore(&c->modulo, "nuovo");
    if (nuovo) {
        open_monitoring(c, out, nuovo);
        return;
    }
    const char *to = modulo_valore(&c->modulo, "stato");
    Periodo p;
    if (!to || (strcmp(to, "chiusa") != 0 && strcmp(to, "aperta") != 0) ||
        !periodo_leggi(c->s, modulo_valore(&c->modulo, "periodo"), &p)) {
        risposta_errore(c, out, 400, "Indicare il periodo e lo stato della raccolta, «aperta» o «chiusa».");
        return;
    }
    char *key = periodo_chiave(c->s, &p);
    Stato st = stato_di(c->s->a, "raccolta", key);
    bool open_now = !st.stato || strcmp(st.stato, "aperta") == 0;
    if (open_now == (strcmp(to, "aperta") == 0))
        risposta_errore(c, out, 409, "La raccolta è già in questo stato.");
    else
        change_state(c, out, "raccolta", key, st.stato, to, NULL);
    stato_free(&st);
    free(key);
}

static void validate(Contesto *c, Risposta *out, const char *oggetto)
{
    const char *commento = modulo_valore(&c->modulo, "commento");
    change_state(c, out, oggetto, NULL, NULL, "validata", commento && *commento ? commento : NULL);
}

void post_relazione(Contesto *c, Risposta *out)
{
    validate(c, out, "relazione");
}

void post_validazione_valutazioni(Contesto *c, Risposta *out)
{
    validate(c, out, "valutazioni");
}
