/* pagine_obiettivi.c — the objectives: the list, one objective's page
 * (its actions of the year with the % the rules give, the form of a
 * rilevazione, the workflow, its history), and what is posted there. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html.h"
#include "server.h"

/* Who may see the objective: all but the dipendente; a dirigente only their own. */
static bool may_see(const Contesto *c, const Obiettivo *o)
{
    switch (c->sessione->ruolo) {
    case RUOLO_DIPENDENTE: return false;
    case RUOLO_DIRIGENTE: return contesto_dirigente_di(c, o);
    default: return true;
    }
}

static void percent(StrBuf *b, bool has, double v)
{
    char buf[32];
    if (!has) {
        strbuf_puts(b, "non rilevato");
        return;
    }
    text_format_number(buf, sizeof buf, v);
    html_printf(b, "%s %%", buf);
}

static bool contains_ci(const char *hay, const char *needle)
{
    if (!needle || !*needle)
        return true;
    if (!hay)
        return false;
    char *h = text_name_key(hay), *n = text_name_key(needle);
    bool found = strstr(h, n) != NULL;
    free(h);
    free(n);
    return found;
}

void pagina_obiettivi(Contesto *c, Risposta *out)
{
    if (c->sessione->ruolo == RUOLO_DIPENDENTE) {
        risposta_vietato(c, out, NULL, "L'elenco degli obiettivi non è tra le pagine del ruolo dipendente.");
        return;
    }
    Modulo q;
    if (!modulo_urlencoded(c->r->query, strlen(c->r->query), &q)) {
        risposta_errore(c, out, 400, "L'indirizzo della ricerca non è leggibile.");
        return;
    }
    const char *testo = modulo_valore(&q, "q");
    Anno y;
    anno_carica(c->s, &y);
    risposta_html(out, 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Obiettivi", NULL}};
    html_inizio(b, "Obiettivi", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_printf(b, "<form class=\"filtro\" method=\"get\" action=\"/obiettivi\" role=\"search\">"
                   "<label for=\"q\">Cerca per codice, descrizione o dirigente</label>"
                   "<input id=\"q\" name=\"q\" value=\"%s\"><button type=\"submit\">Cerca</button></form>\n",
                testo ? testo : "");
    html_printf(b, "<table class=\"elenco\"><caption>Obiettivi del %d (fine anno)</caption>\n<thead><tr><th scope=\"col\">Codice</th>"
                   "<th scope=\"col\">Descrizione</th><th scope=\"col\">Dirigente</th><th scope=\"col\">Risultato</th>"
                   "<th scope=\"col\">Rilevazioni</th></tr></thead>\n<tbody>\n", c->s->anno);
    size_t shown = 0;
    for (size_t i = 0; i < c->s->plan.n_obiettivi; i++) {
        const Obiettivo *o = &c->s->plan.obiettivi[i];
        if (!may_see(c, o) || !(contains_ci(o->codice, testo) || contains_ci(o->descrizione, testo) ||
                                contains_ci(o->dirigente, testo)))
            continue;
        const EsitoObiettivo *e = anno_esito(&y, o);
        Periodo year_end = {0};
        char *key = chiave_rilevazioni(c->s, &year_end, o->codice);
        Stato st = stato_di(c->s->a, "rilevazioni", key);
        free(key);
        html_printf(b, "<tr><th scope=\"row\"><a href=\"/obiettivi/%s\">%s</a></th><td>%s</td><td>%s</td><td>", o->codice,
                    o->codice, o->descrizione, o->dirigente);
        percent(b, e && e->has_percentuale, e ? e->percentuale : 0);
        html_printf(b, "</td><td>%s</td></tr>\n", stato_rilevazioni(&st));
        stato_free(&st);
        shown++;
    }
    html_printf(b, "</tbody></table>\n<p>%zu obiettivi.</p>\n", shown);
    html_fine(b);
    anno_free(&y);
    modulo_free(&q);
}

/* ---- one objective ------------------------------------------------------------------------ */

typedef struct {
    const char *azione, *data, *percentuale, *nota, *avanzamento, *generale; /* messages next to each field */
    const Modulo *valori;                                     /* what was typed, shown again */
} ErroriRilevazione;

static void field_error(StrBuf *b, const char *id, const char *msg)
{
    if (msg)
        html_printf(b, "<p class=\"errore\" id=\"%s\">%s</p>", id, msg);
}

static const char *typed(const ErroriRilevazione *e, const char *name)
{
    const char *v = e && e->valori ? modulo_valore(e->valori, name) : NULL;
    return v ? v : "";
}

static void actions_table(StrBuf *b, const EsitoObiettivo *e)
{
    html_printf(b, "<table class=\"azioni\"><caption>Piano operativo: le azioni dell'anno</caption>\n<thead><tr>"
                   "<th scope=\"col\">N.</th><th scope=\"col\">Azione</th><th scope=\"col\">Peso</th>"
                   "<th scope=\"col\">Tempi</th><th scope=\"col\">Raggiunto</th><th scope=\"col\">%%</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < e->n_azioni; k++) {
        const EsitoAzione *a = &e->azioni[k];
        char peso[32] = "—";
        if (a->azione->has_peso)
            text_format_number(peso, sizeof peso, a->azione->peso);
        html_printf(b, "<tr id=\"azione-%d\"><th scope=\"row\">%d</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
                    a->azione->n, a->azione->n, a->azione->azione, peso, a->azione->tempi,
                    a->raggiunto ? a->raggiunto : "");
        percent(b, a->stato != STATO_NON_RILEVATO, a->percentuale);
        strbuf_puts(b, "</td></tr>\n");
    }
    strbuf_puts(b, "</tbody></table>\n");
}

static void rilevazione_form(StrBuf *b, const Contesto *c, const char *codice, const Periodo *p, const EsitoObiettivo *e,
                             const ErroriRilevazione *err)
{
    char value[11], *name = periodo_nome(p);
    periodo_valore(p, value);
    html_printf(b, "<form class=\"modulo\" method=\"post\" action=\"/obiettivi/%s/rilevazioni\" novalidate>\n"
                   "<fieldset><legend>Nuova rilevazione (%s)</legend>\n<input type=\"hidden\" name=\"periodo\" value=\"%s\">",
                codice, name, value);
    free(name);
    html_csrf(b, c->sessione->csrf);
    if (err && err->generale)
        html_printf(b, "<p class=\"errore\">%s</p>\n", err->generale);
    strbuf_puts(b, "<div class=\"campo\"><label for=\"azione\">Azione</label><select id=\"azione\" name=\"azione\"");
    if (err && err->azione)
        strbuf_puts(b, " aria-invalid=\"true\" aria-describedby=\"errore-azione\"");
    strbuf_puts(b, ">");
    for (size_t k = 0; k < e->n_azioni; k++) {
        char n[16];
        snprintf(n, sizeof n, "%d", e->azioni[k].azione->n);
        html_printf(b, "<option value=\"%s\"%s>%s. %s</option>", n, strcmp(typed(err, "azione"), n) == 0 ? " selected" : "",
                    n, e->azioni[k].azione->azione);
    }
    strbuf_puts(b, "</select>");
    field_error(b, "errore-azione", err ? err->azione : NULL);
    strbuf_puts(b, "</div>\n");
    struct { const char *name, *label, *hint, *msg, *type; } f[] = {
        {"data", "Data di conclusione", "gg/mm/aaaa; vuota se l'azione non è conclusa", err ? err->data : NULL, "text"},
        {"percentuale", "Percentuale raggiunta", "da 0 a 100; vuota se la dà la regola dalla data", err ? err->percentuale : NULL, "text"},
        {"nota", "Nota", "necessaria quando la percentuale scritta è diversa da quella della regola", err ? err->nota : NULL, "text"},
        /* a monitoring's: the progress of an action under way (docs/formato.md §4) */
        {"avanzamento", "Avanzamento", "da 0 a 100, per un'azione non ancora conclusa", err ? err->avanzamento : NULL, "text"},
        {"criticita", "Criticità", "che cosa rallenta l'azione", NULL, "text"},
        {"proposta", "Proposta", "come rimediare", NULL, "text"},
    };
    size_t n_fields = p->has_al ? sizeof f / sizeof *f : 3;
    for (size_t i = 0; i < n_fields; i++) {
        html_printf(b, "<div class=\"campo\"><label for=\"%s\">%s</label><span class=\"aiuto\" id=\"aiuto-%s\">%s</span>",
                    f[i].name, f[i].label, f[i].name, f[i].hint);
        char *described = f[i].msg ? xasprintf("aiuto-%s errore-%s", f[i].name, f[i].name) : xasprintf("aiuto-%s", f[i].name);
        html_printf(b, "<input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\" aria-describedby=\"%s\" aria-invalid=\"%s\">",
                    f[i].name, f[i].name, f[i].type, typed(err, f[i].name), described, f[i].msg ? "true" : "false");
        free(described);
        if (f[i].msg) {
            char *id = xasprintf("errore-%s", f[i].name);
            field_error(b, id, f[i].msg);
            free(id);
        }
        strbuf_puts(b, "</div>\n");
    }
    strbuf_puts(b, "<button type=\"submit\">Salva la rilevazione</button>\n</fieldset></form>\n");
}

/* The workflow's buttons: the dirigente sends, the OIV validates or sends back. */
static void workflow(StrBuf *b, const Contesto *c, const Obiettivo *o, const Periodo *p, const Stato *st)
{
    char value[11], *name = periodo_nome(p);
    periodo_valore(p, value);
    html_printf(b, "<p class=\"stato\">Stato delle rilevazioni del %d, %s: <strong id=\"stato-rilevazioni\">%s</strong>",
                c->s->anno, name, stato_rilevazioni(st));
    free(name);
    if (st->chi)
        html_printf(b, " (%s)", st->chi);
    if (st->nota)
        html_printf(b, " — %s", st->nota);
    strbuf_puts(b, "</p>\n");
    bool owner = contesto_dirigente_di(c, o), oiv = c->sessione->ruolo == RUOLO_OIV;
    bool sent = st->stato && strcmp(st->stato, "inviata") == 0;
    if (owner && rilevazioni_modificabili(st)) {
        html_printf(b, "<form method=\"post\" action=\"/obiettivi/%s/stato\"><input type=\"hidden\" name=\"periodo\" "
                       "value=\"%s\">", o->codice, value);
        html_csrf(b, c->sessione->csrf);
        strbuf_puts(b, "<input type=\"hidden\" name=\"stato\" value=\"inviata\">"
                       "<button type=\"submit\">Invia per la validazione</button></form>\n");
    }
    if (oiv && sent) {
        html_printf(b, "<form class=\"modulo\" method=\"post\" action=\"/obiettivi/%s/stato\"><input type=\"hidden\" "
                       "name=\"periodo\" value=\"%s\">", o->codice, value);
        html_csrf(b, c->sessione->csrf);
        strbuf_puts(b, "<div class=\"campo\"><label for=\"motivo\">Motivo (per rimandare)</label>"
                       "<input id=\"motivo\" name=\"motivo\"></div>"
                       "<button type=\"submit\" name=\"stato\" value=\"validata\">Valida</button> "
                       "<button type=\"submit\" name=\"stato\" value=\"rimandata\">Rimanda al dirigente</button></form>\n");
    }
}

/* At the top of a page with errors, what to correct, each a link to its field. */
static void error_summary(StrBuf *b, const ErroriRilevazione *err)
{
    if (!err)
        return;
    const struct { const char *field, *msg; } items[] = {
        {"azione", err->azione}, {"data", err->data}, {"percentuale", err->percentuale}, {"nota", err->nota},
        {"avanzamento", err->avanzamento}, {"azione", err->generale}};
    strbuf_puts(b, "<div class=\"riepilogo\" role=\"alert\" tabindex=\"-1\" id=\"riepilogo\"><h2>La rilevazione non è stata "
                   "salvata</h2><ul>");
    for (size_t i = 0; i < sizeof items / sizeof *items; i++)
        if (items[i].msg)
            html_printf(b, "<li><a href=\"#%s\">%s</a></li>", items[i].field, items[i].msg);
    strbuf_puts(b, "</ul></div>\n");
}

typedef struct {
    StrBuf *b;
    size_t n;
} HistoryVisit;

static void history_line(const VoceRegistro *v, void *user)
{
    HistoryVisit *h = user;
    if (h->n++ < 200)
        storia_riga(h->b, v);
}

/* The periods of the year as links, the one shown marked. */
static void period_links(StrBuf *b, Contesto *c, const Obiettivo *o, const Periodo *shown)
{
    Periodo *list;
    size_t n = periodi(c->s, &list);
    if (n > 1) {
        strbuf_puts(b, "<nav aria-label=\"Periodi\"><ul class=\"periodi\">");
        for (size_t i = 0; i < n; i++) {
            char value[11], *name = periodo_nome(&list[i]);
            periodo_valore(&list[i], value);
            bool current = list[i].has_al == shown->has_al && (!shown->has_al || date_compare(list[i].al, shown->al) == 0);
            if (current)
                html_printf(b, "<li aria-current=\"true\"><strong>%s</strong></li>", name);
            else
                html_printf(b, "<li><a href=\"/obiettivi/%s?periodo=%s#rilevazioni\">%s</a></li>", o->codice, value, name);
            free(name);
        }
        strbuf_puts(b, "</ul></nav>\n");
    }
    free(list);
}

static void render_objective(Contesto *c, Risposta *out, const Obiettivo *o, const Periodo *p, int status,
                             const ErroriRilevazione *err)
{
    Anno y;
    anno_carica_periodo(c->s, p, &y);
    const EsitoObiettivo *e = anno_esito(&y, o);
    risposta_html(out, status);
    StrBuf *b = &out->body;
    char *title = xasprintf("Obiettivo %s", o->codice), *name = periodo_nome(p);
    Briciola path[] = {{"Inizio", "/"}, {"Obiettivi", "/obiettivi"}, {o->codice, NULL}};
    html_inizio(b, title, c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 3);
    free(title);
    error_summary(b, err);
    html_printf(b, "<p class=\"descrizione\">%s</p>\n", o->descrizione);
    html_printf(b, "<dl class=\"dati\"><dt>Dirigente</dt><dd>%s</dd><dt>Baseline</dt><dd>%s</dd><dt>Target</dt><dd>%s</dd>"
                   "<dt>Risultato del %d, %s</dt><dd id=\"risultato\">", o->dirigente, o->baseline, o->target, c->s->anno,
                name);
    percent(b, e && e->has_percentuale, e ? e->percentuale : 0);
    html_printf(b, "</dd></dl>\n<p><a href=\"/obiettivi/%s/scheda.pdf\">Scarica la scheda (PDF)</a></p>\n", o->codice);
    if (e && e->n_azioni)
        actions_table(b, e);
    char *key = chiave_rilevazioni(c->s, p, o->codice);
    Stato st = stato_di(c->s->a, "rilevazioni", key);
    free(key);
    strbuf_puts(b, "<section id=\"rilevazioni\" aria-labelledby=\"titolo-rilevazioni\"><h2 id=\"titolo-rilevazioni\">Rilevazioni</h2>\n");
    period_links(b, c, o, p);
    workflow(b, c, o, p, &st);
    bool collecting = periodo_aperto(c->s, p);
    if (!collecting)
        html_printf(b, "<p>La raccolta delle rilevazioni (%s) è chiusa.</p>\n", name);
    if (collecting && contesto_dirigente_di(c, o) && rilevazioni_modificabili(&st) && e && e->n_azioni)
        rilevazione_form(b, c, o->codice, p, e, err);
    free(name);
    strbuf_puts(b, "</section>\n<section aria-labelledby=\"titolo-storia\"><h2 id=\"titolo-storia\">Storia</h2>\n<ol class=\"storia\">\n");
    HistoryVisit h = {b, 0};
    archivio_storia(c->s->a, o->codice, history_line, &h);
    if (h.n == 0)
        strbuf_puts(b, "<li>Nessuna modifica registrata.</li>\n");
    strbuf_puts(b, "</ol></section>\n");
    stato_free(&st);
    html_fine(b);
    anno_free(&y);
}

/* The period a request names: «periodo» in the query (GET) or in the form (POST); 400 when it is not one. */
static bool period_of(Contesto *c, Risposta *out, Periodo *p)
{
    const char *v = NULL;
    Modulo q = {0};
    bool post = strcmp(c->r->metodo, "POST") == 0;
    if (post)
        v = modulo_valore(&c->modulo, "periodo");
    else if (modulo_urlencoded(c->r->query, strlen(c->r->query), &q))
        v = modulo_valore(&q, "periodo");
    bool ok = periodo_leggi(c->s, v, p);
    modulo_free(&q);
    if (!ok) {
        char *msg = xasprintf("Il periodo non è valido: la fine dell'anno (vuoto) o la data di un monitoraggio del %d, come "
                              "aaaa-mm-gg.", c->s->anno);
        risposta_errore(c, out, 400, msg);
        free(msg);
    }
    return ok;
}

/* The objective of the path, if the user may see it; otherwise the answer is written. */
static const Obiettivo *objective_for(Contesto *c, Risposta *out, const char *codice)
{
    if (c->sessione->ruolo == RUOLO_DIPENDENTE) { /* not even whether the codice exists */
        risposta_vietato(c, out, NULL, "Le pagine degli obiettivi non sono tra quelle del ruolo dipendente.");
        return NULL;
    }
    const Obiettivo *o = piano_obiettivo(c->s, codice);
    if (!o) {
        risposta_errore(c, out, 404, "Nel piano non c'è un obiettivo con questo codice.");
        return NULL;
    }
    if (!may_see(c, o)) {
        risposta_vietato(c, out, o->codice, "Questo obiettivo non è tra quelli di cui si è dirigente.");
        return NULL;
    }
    return o;
}

void pagina_obiettivo(Contesto *c, Risposta *out, const char *codice)
{
    const Obiettivo *o = objective_for(c, out, codice);
    Periodo p;
    if (o && period_of(c, out, &p))
        render_objective(c, out, o, &p, 200, NULL);
}

/* ---- a rilevazione ------------------------------------------------------------------------ */

/* "30/06/2025" or "2025-06-30". */
static bool parse_date(const char *s, Date *d)
{
    int dd, mm, yy;
    char rest;
    if (sscanf(s, "%d/%d/%d%c", &dd, &mm, &yy, &rest) == 3 && date_is_valid(yy, mm, dd)) {
        *d = (Date){yy, mm, dd};
        return true;
    }
    return date_parse_iso(s, d) == DATE_OK;
}

/* "60", "62,5", "62.5" in 0–100. */
static bool parse_percent(const char *s, double *v)
{
    char buf[32];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof buf)
        return false;
    for (size_t i = 0; i <= n; i++)
        buf[i] = s[i] == ',' ? '.' : s[i];
    char *end;
    *v = strtod(buf, &end);
    return *end == '\0' && isfinite(*v) && *v >= 0 && *v <= 100;
}

/* Reads the form into one rilevazione; the messages go to err. */
static bool read_rilevazione(const Modulo *m, const Periodo *p, const EsitoObiettivo *e, const char *codice,
                             Rilevazione *r, ErroriRilevazione *err)
{
    memset(r, 0, sizeof *r);
    const char *az = modulo_valore(m, "azione"), *data = modulo_valore(m, "data"),
               *perc = modulo_valore(m, "percentuale"), *nota = modulo_valore(m, "nota");
    /* a monitoring's fields, read only in a monitoring */
    const char *av = p->has_al ? modulo_valore(m, "avanzamento") : NULL, *crit = p->has_al ? modulo_valore(m, "criticita") : NULL,
               *prop = p->has_al ? modulo_valore(m, "proposta") : NULL;
    bool found = false;
    for (size_t k = 0; az && e && k < e->n_azioni; k++)
        if (atoi(az) == e->azioni[k].azione->n && strspn(az, "0123456789") == strlen(az))
            found = true;
    if (!found)
        err->azione = "Scegliere una delle azioni dell'anno.";
    if (data && *data && !parse_date(data, &r->data))
        err->data = "La data non è valida: scriverla come gg/mm/aaaa (per esempio 30/06/2025).";
    r->has_data = data && *data && !err->data;
    if (perc && *perc && !parse_percent(perc, &r->percentuale))
        err->percentuale = "La percentuale è un numero da 0 a 100 (per esempio 62,5).";
    r->has_percentuale = perc && *perc && !err->percentuale;
    if (av && *av && !parse_percent(av, &r->avanzamento))
        err->avanzamento = "L'avanzamento è un numero da 0 a 100 (per esempio 40).";
    r->has_avanzamento = av && *av && !err->avanzamento;
    bool progress = r->has_avanzamento || (crit && *crit) || (prop && *prop);
    if (!err->data && !err->percentuale && !err->avanzamento && !r->has_data && !r->has_percentuale && !progress)
        err->data = p->has_al ? "Indicare la data di conclusione, la percentuale, o l'avanzamento di un'azione in corso."
                              : "Indicare la data di conclusione, la percentuale o entrambe.";
    if (err->azione || err->data || err->percentuale || err->avanzamento)
        return false;
    r->obiettivo = xstrdup(codice);
    r->azione = atoi(az);
    r->nota = nota && *nota ? xstrdup(nota) : NULL;
    r->criticita = crit && *crit ? xstrdup(crit) : NULL;
    r->proposta = prop && *prop ? xstrdup(prop) : NULL;
    r->line = 0;
    r->path = xstrdup("modulo");
    return true;
}

/* Checks the rilevazione against the plan with the rules of the command line, then stores it; frees r's strings. */
static bool store_rilevazione(Contesto *c, const Periodo *p, Rilevazione *r, ErroriRilevazione *err, char **message)
{
    const Date *al = p->has_al ? &p->al : NULL;
    Rilevazioni one = {.file = xstrdup("modulo"), .items = xmalloc(sizeof *r), .n = 1}; /* takes r's strings */
    one.items[0] = *r;
    DiagList d;
    diag_list_init(&d);
    Esiti check;
    esiti_compute_at(&c->s->plan, &one, c->s->anno, al, &check, &d);
    esiti_free(&check);
    bool ok = d.errors == 0;
    if (!ok) {
        for (size_t i = 0; i < d.count; i++)
            if (d.items[i].severity == DIAG_ERROR) {
                *message = xstrdup(d.items[i].message);
                break;
            }
        /* next to the field it is about: the nota, the data, else above the form */
        if (*message && strstr(*message, "«nota»"))
            err->nota = *message;
        else if (*message && strstr(*message, "data"))
            err->data = *message;
        else
            err->generale = *message;
    }
    diag_list_free(&d);
    if (ok) {
        Autore chi = contesto_autore(c, r->nota);
        char *error = NULL;
        size_t changed;
        ok = archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
             archivio_importa_rilevazioni(c->s->a, &one, c->s->anno, al, &chi, &changed, &error) == ARCHIVIO_OK &&
             archivio_conferma(c->s->a, &error) == ARCHIVIO_OK;
        if (!ok) {
            archivio_annulla(c->s->a);
            *message = error ? error : xstrdup("l'archivio non ha salvato la rilevazione");
            err->generale = *message;
        } else {
            free(error);
        }
    }
    raggiunto_free(&one);
    return ok;
}

/* Where a POST on an objective's rilevazioni goes back to: its page, at its period. */
static void back_to(Risposta *out, const Obiettivo *o, const Periodo *p)
{
    char value[11];
    periodo_valore(p, value);
    char *to = p->has_al ? xasprintf("/obiettivi/%s?periodo=%s#rilevazioni", o->codice, value)
                         : xasprintf("/obiettivi/%s#rilevazioni", o->codice);
    risposta_redirect(out, to);
    free(to);
}

void post_rilevazione(Contesto *c, Risposta *out, const char *codice)
{
    const Obiettivo *o = objective_for(c, out, codice);
    Periodo p;
    if (!o || !period_of(c, out, &p))
        return;
    if (!contesto_dirigente_di(c, o)) {
        risposta_vietato(c, out, o->codice, "Le rilevazioni di un obiettivo le inserisce il suo dirigente.");
        return;
    }
    char *key = chiave_rilevazioni(c->s, &p, o->codice);
    Stato st = stato_di(c->s->a, "rilevazioni", key);
    free(key);
    bool open = rilevazioni_modificabili(&st);
    stato_free(&st);
    if (!periodo_aperto(c->s, &p)) {
        risposta_errore(c, out, 409, "La raccolta delle rilevazioni di questo periodo è chiusa: la riapre la Segreteria.");
        return;
    }
    if (!open) {
        risposta_errore(c, out, 409, "Le rilevazioni di questo obiettivo sono già state inviate: si modificano solo se l'OIV le rimanda.");
        return;
    }
    Anno y;
    anno_carica_periodo(c->s, &p, &y);
    Rilevazione r;
    ErroriRilevazione err = {.valori = &c->modulo};
    char *message = NULL;
    bool ok = read_rilevazione(&c->modulo, &p, anno_esito(&y, o), o->codice, &r, &err) &&
              store_rilevazione(c, &p, &r, &err, &message);
    anno_free(&y);
    if (ok)
        back_to(out, o, &p);
    else
        render_objective(c, out, o, &p, 422, &err);
    free(message);
}

void post_stato_rilevazioni(Contesto *c, Risposta *out, const char *codice)
{
    const Obiettivo *o = objective_for(c, out, codice);
    Periodo p;
    if (!o || !period_of(c, out, &p))
        return;
    const char *to = modulo_valore(&c->modulo, "stato"), *motivo = modulo_valore(&c->modulo, "motivo");
    bool owner = contesto_dirigente_di(c, o), oiv = c->sessione->ruolo == RUOLO_OIV;
    bool send = to && strcmp(to, "inviata") == 0, validate = to && strcmp(to, "validata") == 0,
         back = to && strcmp(to, "rimandata") == 0;
    if ((send && !owner) || ((validate || back) && !oiv) || !(send || validate || back)) {
        risposta_vietato(c, out, o->codice, send ? "Le rilevazioni le invia il dirigente dell'obiettivo."
                                                 : "Le rilevazioni le valida o le rimanda l'OIV.");
        return;
    }
    if (back && (!motivo || !*motivo)) {
        risposta_errore(c, out, 422, "Per rimandare le rilevazioni al dirigente occorre scriverne il motivo.");
        return;
    }
    char *key = chiave_rilevazioni(c->s, &p, o->codice);
    Stato st = stato_di(c->s->a, "rilevazioni", key);
    char *error = NULL;
    const char *from = st.stato;
    bool allowed = send ? rilevazioni_modificabili(&st) : from && strcmp(from, "inviata") == 0;
    Autore chi = contesto_autore(c, back ? motivo : NULL);
    ArchivioEsito e = ARCHIVIO_DATI;
    if (allowed && archivio_inizia(c->s->a, &error) == ARCHIVIO_OK) {
        e = archivio_cambia_stato(c->s->a, "rilevazioni", key, o->codice, from, to, back ? motivo : NULL, &chi, &error);
        if (e == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else
            archivio_annulla(c->s->a);
    }
    stato_free(&st);
    free(key);
    if (e == ARCHIVIO_OK) {
        back_to(out, o, &p);
    } else {
        risposta_errore(c, out, 409, error ? error : "Nello stato attuale delle rilevazioni questa operazione non è possibile.");
    }
    free(error);
}
