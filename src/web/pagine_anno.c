/* pagine_anno.c — the year as a whole: its raccolte of rilevazioni (the
 * year end and each monitoring), which the Segreteria opens and closes; its
 * Relazione and its valutazioni, which the OIV validates with a comment.
 * Shown on the home page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "csv_values.h"
#include "html_moduli.h"
#include "passi.h"
#include "rotte.h"
#include "server.h"

static Stato year_state(Server *s, const char *oggetto)
{
    char key[16];
    snprintf(key, sizeof key, "%d", s->anno);
    Stato st = stato_di(s->a, oggetto, key);
    return st;
}

/* The state of an object of the year as the table names it (its first state without a row). */
static StatoFlusso state_of(const Stato *st, Flusso f)
{
    StatoFlusso s = flusso_iniziale(f);
    if (st->stato)
        stato_da_nome(st->stato, &s);
    return s;
}

/* The Segreteria's form of a raccolta's deadline: a date (gg/mm/aaaa), empty for none. */
static void term_form(Contesto *c, StrBuf *b, const char *value, const Errori *errori)
{
    char *id = xasprintf("termine-%s", *value ? value : "fine-anno");
    html_form(b, &(Form){.action = "/raccolta", .csrf = c->sessione->csrf, .classe = "modulo"});
    html_nascosto(b, "periodo", value);
    const char *typed = errori_di(errori, "termine") ? modulo_valore(&c->modulo, "termine") : NULL;
    html_campo(b, &(CampoForm){CAMPO_TESTO, "termine", "Nuovo termine", "gg/mm/aaaa; vuoto: nessun termine",
                               .valore = typed, .id = id}, errori);
    html_pulsante(b, "Salva il termine", NULL, NULL);
    html_form_fine(b);
    free(id);
}

/* The periods of collection with their state and the steps the user may make on each (the Segreteria closes
 * and reopens); the form that opens a monitoring. */
static void periods(Contesto *c, StrBuf *b, const Errori *errori)
{
    Periodo *list;
    size_t n = periodi(c->s, &list);
    strbuf_puts(b, "<table class=\"elenco\"><caption>Raccolte delle rilevazioni</caption><thead><tr><th scope=\"col\">"
                   "Periodo</th><th scope=\"col\">Termine per le rilevazioni</th><th scope=\"col\">Stato</th></tr></thead>"
                   "<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        char value[11], *name = periodo_nome(&list[i]), *key = periodo_chiave(c->s, &list[i]);
        periodo_valore(&list[i], value);
        Stato st = stato_di(c->s->a, "raccolta", key);
        StatoFlusso now = state_of(&st, FLUSSO_RACCOLTA);
        Date termine;
        char due[11] = "nessuno";
        if (archivio_termine(c->s->a, c->s->anno, list[i].has_al ? &list[i].al : NULL, &termine))
            date_format_it(termine, due);
        html_printf(b, "<tr><th scope=\"row\" data-etichetta=\"Periodo\">%s</th><td data-etichetta=\"Termine\">"
                       "<span class=\"termine-raccolta\" data-periodo=\"%s\">%s</span>",
                    name, value, due);
        if (c->capacita & CAP_RACCOLTE)
            term_form(c, b, value, errori);
        html_printf(b, "</td><td data-etichetta=\"Stato\"><span class=\"stato-raccolta\" data-periodo=\"%s\">%s</span>",
                    value, stato_nome(now));
        char *id = xasprintf("motivo-raccolta-%s", *value ? value : "fine-anno");
        const char *hidden[] = {"periodo", value, NULL};
        html_passi(b, c, FLUSSO_RACCOLTA, now, "/raccolta", hidden, id, errori);
        strbuf_puts(b, "</td></tr>\n");
        free(id);
        stato_free(&st);
        free(key);
        free(name);
    }
    strbuf_puts(b, "</tbody></table>\n");
    free(list);
    if (c->capacita & CAP_RACCOLTE) {
        char *hint = xasprintf("gg/mm/aaaa, nel %d", c->s->anno);
        html_form(b, &(Form){.action = "/raccolta", .csrf = c->sessione->csrf, .classe = "modulo"});
        html_campo(b, &(CampoForm){CAMPO_TESTO, "nuovo", "Apri un monitoraggio alla data", hint,
                                   .valore = errori_di(errori, "nuovo") ? modulo_valore(&c->modulo, "nuovo") : NULL},
                   errori);
        html_pulsante(b, "Apri il monitoraggio", NULL, NULL);
        html_form_fine(b);
        free(hint);
    }
}

/* The Relazione or the valutazioni of the year: the state, who and when, the OIV's comment; the OIV's step. */
static void year_object(Contesto *c, StrBuf *b, Flusso f, const char *label, const char *id, const char *action,
                        const Errori *errori)
{
    Stato st = year_state(c->s, flusso_nome(f));
    StatoFlusso now = state_of(&st, f);
    char *id_stato = xasprintf("stato-%s", flusso_nome(f));
    html_printf(b, "<p>%s: ", label);
    html_stato(b, id_stato, stato_nome(now), &st);
    strbuf_puts(b, "</p>\n");
    free(id_stato);
    html_passi(b, c, f, now, action, NULL, id, errori);
    stato_free(&st);
}

void home_anno(Contesto *c, StrBuf *b, const Errori *errori)
{
    if (!(c->capacita & (CAP_OBIETTIVI | CAP_OBIETTIVI_PROPRI)))
        return;
    html_printf(b, "<section aria-labelledby=\"titolo-anno\"><h2 id=\"titolo-anno\">Anno %d</h2>\n", c->s->anno);
    periods(c, b, errori);
    year_object(c, b, FLUSSO_RELAZIONE, "Relazione sulla Performance", "motivo-relazione", "/relazione", errori);
    year_object(c, b, FLUSSO_VALUTAZIONI, "Valutazioni individuali", "motivo-valutazioni", "/valutazioni/validazione",
                errori);
    strbuf_puts(b, "</section>\n");
}

/* A step on the year or one of its raccolte, from the home page. */
static void year_step(Contesto *c, Risposta *out, Flusso f, const char *key, const char *azione, const char *id)
{
    Passo step = {
        .ctx = {.flusso = f, .chiave = key, .anno = c->s->anno},
        .azione = azione,
        .ritorno = "/",
        .id_motivo = id,
        .pagina = home_con_errori,
    };
    web_passo(c, out, &step);
}

/* Opens a monitoring at the date «nuovo» (gg/mm/aaaa, in the year), unless there is one: checked, confirmed, opened. */
static void open_monitoring(Contesto *c, Risposta *out, const char *nuovo)
{
    Errori err = {0};
    Date al;
    DateStatus ds = csv_parse_date(nuovo, &al);
    char *why = NULL;
    if (ds != DATE_OK) {
        why = csv_date_problem(nuovo, ds);
    } else if (al.year != c->s->anno) {
        why = xasprintf("il monitoraggio è una data del %d, l'anno delle rilevazioni", c->s->anno);
    } else {
        Periodo *list;
        size_t n = periodi(c->s, &list);
        for (size_t i = 0; i < n && !why; i++)
            if (list[i].has_al && date_compare(list[i].al, al) == 0)
                why = xstrdup("c'è già un monitoraggio a questa data");
        free(list);
    }
    if (why) {
        errori_add(&err, "nuovo", "Il monitoraggio non è stato aperto: %s.", why);
        free(why);
        home_con_errori(c, out, &err, NULL);
        out->status = 422;
        errori_free(&err);
        return;
    }
    char it[11];
    date_format_it(al, it);
    const char *conferma = modulo_valore(&c->modulo, "conferma");
    if (!conferma || strcmp(conferma, "1") != 0) {
        risposta_html(out, 200);
        StrBuf *b = &out->body;
        Briciola path[] = {{"Inizio", "/"}, {"Conferma", NULL}};
        html_inizio(b, "Apri il monitoraggio", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf,
                    path, 2);
        html_printf(b, "<p class=\"conferma\">Si apre la raccolta delle rilevazioni del monitoraggio al %s: i dirigenti "
                       "potranno inserire lo stato delle loro azioni a quella data, e il monitoraggio.pdf la riporterà. "
                       "La Segreteria la chiude quando la raccolta è finita.</p>\n", it);
        html_form(b, &(Form){.action = "/raccolta", .csrf = c->sessione->csrf, .classe = "modulo"});
        html_nascosto(b, "nuovo", nuovo);
        html_nascosto(b, "conferma", "1");
        html_pulsante(b, "Conferma: apri il monitoraggio", NULL, NULL);
        html_form_fine(b);
        strbuf_puts(b, "<p><a href=\"/\">Annulla e torna indietro</a></p>\n");
        html_fine(b);
        return;
    }
    char *key = flusso_chiave_raccolta(c->s->anno, &al), *error = NULL;
    Autore chi = contesto_autore(c, NULL);
    ArchivioEsito e = archivio_inizia(c->s->a, &error);
    if (e == ARCHIVIO_OK) {
        e = archivio_cambia_stato(c->s->a, "raccolta", key, NULL, NULL, stato_nome(STATO_APERTA), NULL, &chi, &error);
        if (e == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else
            archivio_annulla(c->s->a);
    }
    if (e == ARCHIVIO_OK)
        risposta_redirect(out, "/");
    else
        risposta_errore(c, out, 409, error ? error : "Il monitoraggio non è stato aperto.");
    free(error);
    free(key);
}

/* The deadline of raccolta p: a date of the office's formats, or none; a change, not a step (no confirmation: it is
   changed again as easily), with its row in the registro. */
static void set_term(Contesto *c, Risposta *out, const Periodo *p, const char *testo)
{
    char value[11];
    periodo_valore(p, value);
    char *id = xasprintf("termine-%s", *value ? value : "fine-anno");
    Date termine;
    bool none = !*testo;
    DateStatus ds = none ? DATE_OK : csv_parse_date(testo, &termine);
    Errori err = {0};
    if (!none && ds != DATE_OK) {
        char *why = csv_date_problem(testo, ds);
        errori_add_id(&err, "termine", id, "Il termine non è stato salvato: %s.", why);
        free(why);
    } else if (!none && (termine.year < c->s->anno || termine.year > c->s->anno + 1)) {
        errori_add_id(&err, "termine", id, "Il termine non è stato salvato: il %02d/%02d/%d non è del %d né del %d.",
                      termine.day, termine.month, termine.year, c->s->anno, c->s->anno + 1);
    }
    char *error = NULL;
    if (!err.n) {
        Autore chi = contesto_autore(c, NULL);
        ArchivioEsito e = archivio_inizia(c->s->a, &error);
        if (e == ARCHIVIO_OK && (e = archivio_cambia_termine(c->s->a, c->s->anno, p->has_al ? &p->al : NULL,
                                                              none ? NULL : &termine, &chi, &error)) == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else
            archivio_annulla(c->s->a);
        if (e != ARCHIVIO_OK)
            errori_add_id(&err, "termine", id, "%s", error ? error : "Il termine non è stato salvato.");
    }
    if (err.n) {
        home_con_errori(c, out, &err, NULL);
    } else {
        risposta_redirect(out, "/?salvato=termine");
    }
    errori_free(&err);
    free(error);
    free(id);
}

void post_raccolta(Contesto *c, Risposta *out)
{
    const char *nuovo = modulo_valore(&c->modulo, "nuovo");
    if (nuovo) {
        open_monitoring(c, out, nuovo);
        return;
    }
    Periodo p;
    if (!periodo_leggi(c->s, modulo_valore(&c->modulo, "periodo"), &p)) {
        risposta_errore(c, out, 400, "Il periodo non è valido: la fine dell'anno (vuoto) o la data di un monitoraggio "
                                     "dell'anno, come aaaa-mm-gg.");
        return;
    }
    const char *termine = modulo_valore(&c->modulo, "termine");
    if (termine) {
        set_term(c, out, &p, termine);
        return;
    }
    char value[11], *key = periodo_chiave(c->s, &p), *id;
    periodo_valore(&p, value);
    id = xasprintf("motivo-raccolta-%s", *value ? value : "fine-anno");
    year_step(c, out, FLUSSO_RACCOLTA, key, modulo_valore(&c->modulo, "azione"), id);
    free(id);
    free(key);
}

void post_relazione(Contesto *c, Risposta *out)
{
    char key[16];
    snprintf(key, sizeof key, "%d", c->s->anno);
    year_step(c, out, FLUSSO_RELAZIONE, key, "valida", "motivo-relazione");
}

void post_validazione_valutazioni(Contesto *c, Risposta *out)
{
    char key[16];
    snprintf(key, sizeof key, "%d", c->s->anno);
    year_step(c, out, FLUSSO_VALUTAZIONI, key, "valida", "motivo-valutazioni");
}
