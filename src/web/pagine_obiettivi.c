/* pagine_obiettivi.c — the objectives: the list, one objective's page
 * (its actions of the year with the % the rules give, the form of a
 * rilevazione, the workflow, its history), and what is posted there. Who
 * may reach each is checked before (rotte.c); the objective of the path is
 * c->obiettivo. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "csv_values.h"
#include "html_moduli.h"
#include "numeri.h"
#include "passi.h"
#include "quadro.h"
#include "rotte.h"
#include "rules.h"
#include "server.h"

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

/* The filter of the list: the text, the state, the raccolta, each a field of a GET form (role="search"). */
#define ELENCO_PAGINA 50 /* rows of the list of objectives on a page */

static void list_filter(Contesto *c, StrBuf *b, const char *testo, const char *stato, const Periodo *p)
{
    html_form(b, &(Form){.action = "/obiettivi", .classe = "filtro", .ruolo = "search"});
    html_campo(b, &(CampoForm){CAMPO_TESTO, "q", "Cerca per codice, descrizione o dirigente", .valore = testo}, NULL);
    const char *scelte[] = {"", "aperta", "rimandata", "inviata", "validata"};
    const char *etichette[] = {"tutti", "aperte", "rimandate dall'OIV", "inviate all'OIV", "validate"};
    html_campo(b, &(CampoForm){CAMPO_SCELTA, "stato", "Stato delle rilevazioni", .valore = stato, .scelte = scelte,
                               .etichette = etichette, .n_scelte = 5}, NULL);
    Periodo *list;
    size_t n = periodi(c->s, &list);
    if (n > 1) {
        const char **values = xcalloc(n, sizeof *values), **names = xcalloc(n, sizeof *names);
        char (*buf)[11] = xcalloc(n, sizeof *buf), value[11];
        for (size_t i = 0; i < n; i++) {
            periodo_valore(&list[i], buf[i]);
            values[i] = buf[i];
            names[i] = periodo_nome(&list[i]);
        }
        periodo_valore(p, value);
        html_campo(b, &(CampoForm){CAMPO_SCELTA, "periodo", "Raccolta", .valore = value, .scelte = values,
                                   .etichette = names, .n_scelte = n}, NULL);
        for (size_t i = 0; i < n; i++)
            free((char *)names[i]);
        free(names);
        free(values);
        free(buf);
    }
    free(list);
    html_pulsante(b, "Filtra", NULL, NULL);
    html_form_fine(b);
}

void pagina_obiettivi(Contesto *c, Risposta *out)
{
    Modulo q;
    if (!modulo_urlencoded(c->r->query, strlen(c->r->query), &q)) {
        risposta_errore(c, out, 400, "L'indirizzo della ricerca non è leggibile.");
        return;
    }
    const char *testo = modulo_valore(&q, "q"), *filtro = modulo_valore(&q, "stato"),
               *pagina = modulo_valore(&q, "pagina");
    long page = 1;
    if (pagina && *pagina && !numero_intero(pagina, 1, 1000000, &page)) {
        modulo_free(&q);
        risposta_errore(c, out, 400, "Il numero della pagina non è valido: 1, 2, 3…");
        return;
    }
    Periodo p;
    if (!periodo_leggi(c->s, modulo_valore(&q, "periodo"), &p)) {
        modulo_free(&q);
        risposta_errore(c, out, 404, "Questa raccolta di rilevazioni non c'è nell'anno.");
        return;
    }
    StatoFlusso wanted = STATO_APERTA;
    bool by_state = filtro && *filtro && stato_da_nome(filtro, &wanted);
    Anno y;
    anno_carica_periodo(c->s, &p, &y);
    Quadro qd;
    quadro_carica(c->s, &p, quadro_oggi(), &qd);
    risposta_html(out, 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Obiettivi", NULL}};
    html_inizio(b, "Obiettivi", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    list_filter(c, b, testo, by_state ? filtro : NULL, &p);
    char *name = periodo_nome(&p), value[11];
    periodo_valore(&p, value);
    html_printf(b, "<table class=\"elenco\"><caption>Obiettivi del %d (%s)%s%s</caption>\n<thead><tr>"
                   "<th scope=\"col\">Codice</th><th scope=\"col\">Descrizione</th><th scope=\"col\">Dirigente</th>"
                   "<th scope=\"col\">Rilevazioni</th><th scope=\"col\">Azioni rilevate</th>"
                   "<th scope=\"col\">Risultato</th></tr></thead>\n<tbody>\n",
                c->s->anno, name, by_state ? ": " : "", by_state ? filtro : "");
    /* the matching objectives, counted; the rows of the page asked for only (ELENCO_PAGINA each) */
    size_t matching = 0, *rows = xcalloc(qd.n + 1, sizeof *rows);
    for (size_t i = 0; i < qd.n; i++) {
        const VoceQuadro *x = &qd.voci[i];
        const Obiettivo *o = x->obiettivo;
        if (contesto_vede_obiettivo(c, o) && (!by_state || x->stato == wanted) &&
            (text_cerca(o->codice, testo) || text_cerca(o->descrizione, testo) || text_cerca(o->dirigente, testo)))
            rows[matching++] = i;
    }
    size_t pages = matching ? (matching + ELENCO_PAGINA - 1) / ELENCO_PAGINA : 1;
    if ((size_t)page > pages)
        page = (long)pages; /* past the end (the list got shorter): its last page */
    size_t first = (size_t)(page - 1) * ELENCO_PAGINA, last = first + ELENCO_PAGINA;
    if (last > matching)
        last = matching;
    for (size_t k = first; k < last; k++) {
        const VoceQuadro *x = &qd.voci[rows[k]];
        const Obiettivo *o = x->obiettivo;
        const EsitoObiettivo *e = anno_esito(&y, o);
        char *href = *value ? url_path("/obiettivi/%s?periodo=%s", o->codice, value) : url_path("/obiettivi/%s", o->codice);
        char n_m[48];
        quadro_rilevate(x, n_m, sizeof n_m);
        strbuf_puts(b, "<tr><th scope=\"row\" data-etichetta=\"Codice\">");
        html_link(b, href, o->codice);
        html_printf(b, "</th><td data-etichetta=\"Descrizione\">%s</td><td data-etichetta=\"Dirigente\">%s</td>"
                       "<td data-etichetta=\"Rilevazioni\">%s</td><td data-etichetta=\"Azioni rilevate\">%s</td>"
                       "<td data-etichetta=\"Risultato\">",
                    o->descrizione, o->dirigente ? o->dirigente : "—", stato_nome(x->stato), n_m);
        free(href);
        percent(b, e && e->has_percentuale, e ? e->percentuale : 0);
        strbuf_puts(b, "</td></tr>\n");
    }
    free(rows);
    strbuf_puts(b, "</tbody></table>\n");
    if (pages == 1)
        html_printf(b, "<p>%zu %s.</p>\n", matching, matching == 1 ? "obiettivo" : "obiettivi");
    else
        html_printf(b, "<p>%zu obiettivi: dal %zu° al %zu°, pagina %ld di %zu.</p>\n", matching, first + 1, last, page,
                    pages);
    if (pages > 1) {
        /* the other pages, keeping the search, the state and the raccolta */
        strbuf_puts(b, "<nav aria-label=\"Pagine dell'elenco\"><ul class=\"voci-in-riga\">");
        const char *q_text = testo ? testo : "", *q_state = by_state ? filtro : "";
        const struct { long to; const char *label; } links[] = {{page - 1, "← Precedente"}, {page + 1, "Successiva →"}};
        for (size_t k = 0; k < 2; k++) {
            if (links[k].to < 1 || (size_t)links[k].to > pages)
                continue;
            strbuf_puts(b, "<li>");
            char *href = url_path("/obiettivi?q=%s&stato=%s&periodo=%s&pagina=%d", q_text, q_state, value, (int)links[k].to);
            html_link(b, href, links[k].label);
            free(href);
            strbuf_puts(b, "</li>");
        }
        strbuf_puts(b, "</ul></nav>\n");
    }
    html_fine(b);
    free(name);
    quadro_free(&qd);
    anno_free(&y);
    modulo_free(&q);
}

/* ---- one objective ------------------------------------------------------------------------ */

/* The rilevazione of action n in the period's, or NULL. */
static const Rilevazione *rilevazione_of(const Rilevazioni *ril, const char *codice, int n)
{
    for (size_t i = 0; i < ril->n; i++)
        if (ril->items[i].azione == n && ril->items[i].obiettivo && strcmp(ril->items[i].obiettivo, codice) == 0)
            return &ril->items[i];
    return NULL;
}

/* What was saved for an action, every field, as the offices write them. */
static void saved_fields(StrBuf *b, const Rilevazione *r)
{
    if (!r) {
        strbuf_puts(b, "—");
        return;
    }
    StrBuf t = {0};
    char buf[32];
    if (r->has_data) {
        date_format_it(r->data, buf);
        strbuf_printf(&t, "conclusa il %s", buf);
    }
    if (r->valore_kind == VALORE_NUMERO) {
        text_format_number(buf, sizeof buf, r->valore);
        strbuf_printf(&t, "%svalore %s", t.len ? "; " : "", buf);
    } else if (r->valore_kind == VALORE_SI_NO) {
        strbuf_printf(&t, "%svalore %s", t.len ? "; " : "", r->valore_si ? "sì" : "no");
    }
    if (r->has_percentuale) {
        text_format_number(buf, sizeof buf, r->percentuale);
        strbuf_printf(&t, "%spercentuale scritta %s %%", t.len ? "; " : "", buf);
    }
    if (r->has_avanzamento) {
        text_format_number(buf, sizeof buf, r->avanzamento);
        strbuf_printf(&t, "%savanzamento %s %%", t.len ? "; " : "", buf);
    }
    if (r->criticita)
        strbuf_printf(&t, "%scriticità: %s", t.len ? "; " : "", r->criticita);
    if (r->proposta)
        strbuf_printf(&t, "%sproposta: %s", t.len ? "; " : "", r->proposta);
    if (r->nota)
        strbuf_printf(&t, "%snota: %s", t.len ? "; " : "", r->nota);
    html_text(b, t.data ? t.data : "—");
    strbuf_free(&t);
}

/* The actions of the year: what each asks, its rule in words, what was saved, the % the rule gives. */
static void actions_table(StrBuf *b, const EsitoObiettivo *e, const Rilevazioni *ril, const char *codice)
{
    html_printf(b, "<table class=\"azioni\"><caption>Piano operativo: le azioni dell'anno</caption>\n<thead><tr>"
                   "<th scope=\"col\">N.</th><th scope=\"col\">Azione</th><th scope=\"col\">Peso</th>"
                   "<th scope=\"col\">Tempi e regola</th><th scope=\"col\">Rilevazione salvata</th>"
                   "<th scope=\"col\">%%</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < e->n_azioni; k++) {
        const EsitoAzione *a = &e->azioni[k];
        char peso[32] = "—";
        if (a->azione->has_peso)
            text_format_number(peso, sizeof peso, a->azione->peso);
        char *words = rule_describe(&a->regola, a->azione);
        html_printf(b, "<tr id=\"azione-%d\"><th scope=\"row\" data-etichetta=\"Azione n.\">%d</th>"
                       "<td data-etichetta=\"Azione\">%s</td><td data-etichetta=\"Peso\">%s</td>"
                       "<td data-etichetta=\"Tempi e regola\">%s<br><span class=\"regola\">%s</span></td>"
                       "<td data-etichetta=\"Rilevazione salvata\">",
                    a->azione->n, a->azione->n, a->azione->azione, peso, a->azione->tempi ? a->azione->tempi : "", words);
        free(words);
        saved_fields(b, rilevazione_of(ril, codice, a->azione->n));
        strbuf_puts(b, "</td><td data-etichetta=\"%\">");
        percent(b, a->stato != STATO_NON_RILEVATO, a->percentuale);
        if (a->dettaglio)
            html_printf(b, "<br><span class=\"regola\">%s</span>", a->dettaglio);
        strbuf_puts(b, "</td></tr>\n");
    }
    strbuf_puts(b, "</tbody></table>\n");
}

/* The objective's result, saying how partial it is: "80,5 % su 1 azione rilevata di 3". */
static void result(StrBuf *b, const EsitoObiettivo *e)
{
    percent(b, e && e->has_percentuale, e ? e->percentuale : 0);
    if (e && e->has_percentuale && e->non_rilevate > 0) {
        size_t done = e->n_azioni - e->non_rilevate;
        html_printf(b, " su %zu %s di %zu", done, done == 1 ? "azione rilevata" : "azioni rilevate", e->n_azioni);
    }
}

/* The fields of a rilevazione; a monitoring's last three only in a monitoring. */
static const struct {
    const char *name, *label, *hint;
} FIELDS[] = {
    {"data", "Data di conclusione", "gg/mm/aaaa; vuota se l'azione non è conclusa"},
    {"percentuale", "Percentuale raggiunta", "da 0 a 100; vuota se la dà la regola dalla data"},
    {"nota", "Nota", "necessaria quando la percentuale scritta è diversa da quella della regola"},
    /* a monitoring's: the progress of an action under way (docs/formato.md §4) */
    {"avanzamento", "Avanzamento", "da 0 a 100, per un'azione non ancora conclusa"},
    {"criticita", "Criticità", "che cosa rallenta l'azione"},
    {"proposta", "Proposta", "come rimediare"},
};

static void rilevazione_form(StrBuf *b, const Contesto *c, const Obiettivo *o, const Periodo *p,
                             const EsitoObiettivo *e, const Errori *err, const Modulo *typed)
{
    char value[11], *name = periodo_nome(p), *action = url_path("/obiettivi/%s/rilevazioni", o->codice);
    char *legend = xasprintf("Nuova rilevazione (%s)", name);
    periodo_valore(p, value);
    html_form(b, &(Form){.action = action, .csrf = c->sessione->csrf, .classe = "modulo"});
    strbuf_puts(b, "<fieldset>");
    html_element(b, "legend", NULL, legend);
    html_nascosto(b, "periodo", value);
    html_errori_generali(b, err);
    /* the actions of the year: their number, shown with their text */
    size_t n = e->n_azioni;
    char **numbers = xcalloc(n ? n : 1, sizeof *numbers), **labels = xcalloc(n ? n : 1, sizeof *labels);
    for (size_t k = 0; k < n; k++) {
        numbers[k] = xasprintf("%d", e->azioni[k].azione->n);
        labels[k] = xasprintf("%d. %s", e->azioni[k].azione->n, e->azioni[k].azione->azione);
    }
    html_campo(b, &(CampoForm){CAMPO_SCELTA, "azione", "Azione", .valore = typed ? modulo_valore(typed, "azione") : NULL,
                           .scelte = (const char *const *)numbers, .etichette = (const char *const *)labels,
                           .n_scelte = n},
               err);
    size_t n_fields = p->has_al ? sizeof FIELDS / sizeof *FIELDS : 3;
    for (size_t i = 0; i < n_fields; i++)
        html_campo(b, &(CampoForm){CAMPO_TESTO, FIELDS[i].name, FIELDS[i].label, FIELDS[i].hint,
                               typed ? modulo_valore(typed, FIELDS[i].name) : NULL}, err);
    html_pulsante(b, "Salva la rilevazione", NULL, NULL);
    strbuf_puts(b, "</fieldset>");
    html_form_fine(b);
    for (size_t k = 0; k < e->n_azioni; k++) {
        free(labels[k]);
        free(numbers[k]);
    }
    free(labels);
    free(numbers);
    free(legend);
    free(action);
    free(name);
}

/* The workflow: the state, and the steps of the table the user may make from it (the dirigente sends; the OIV
 * validates, or sends back with a reason: separate forms, so that Enter in the reason sends back, nothing else). */
static void workflow(StrBuf *b, const Contesto *c, const Obiettivo *o, const Periodo *p, const Stato *st,
                     const Errori *err)
{
    char value[11], *name = periodo_nome(p);
    periodo_valore(p, value);
    html_printf(b, "<p class=\"stato\">Stato delle rilevazioni del %d, %s: ", c->s->anno, name);
    html_stato(b, "stato-rilevazioni", stato_rilevazioni(st), st);
    strbuf_puts(b, "</p>\n");
    free(name);
    StatoFlusso now;
    if (!stato_da_nome(stato_rilevazioni(st), &now))
        return;
    const char *hidden[] = {"periodo", value, NULL};
    for (size_t i = 0; i < N_TRANSIZIONI; i++) {
        const Transizione *t = &TRANSIZIONI[i];
        Attore chi = passo_attore(c);
        char *why = NULL;
        if (t->flusso == FLUSSO_RILEVAZIONI && t->da == now && transizione_permessa(t, &chi, &why)) {
            char *action = url_path(t->a == STATO_INVIATA ? "/obiettivi/%s/invio" : "/obiettivi/%s/validazione",
                                    o->codice);
            html_passo(b, c, action, t, hidden, NULL, err);
            free(action);
        }
        free(why);
    }
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
            if (current) {
                html_printf(b, "<li aria-current=\"true\"><strong>%s</strong></li>", name);
            } else {
                char *href = url_path("/obiettivi/%s?periodo=%s#rilevazioni", o->codice, value);
                strbuf_puts(b, "<li>");
                html_link(b, href, name);
                strbuf_puts(b, "</li>");
                free(href);
            }
            free(name);
        }
        strbuf_puts(b, "</ul></nav>\n");
    }
    free(list);
}

/* The page; err: the errors of a rilevazione (form_err true: shown in its form, with what was typed) or of a step. */
static void render_objective(Contesto *c, Risposta *out, const Obiettivo *o, const Periodo *p, int status,
                             const char *what_failed, const Errori *err, bool form_err, const Modulo *typed)
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
    html_riepilogo(b, err, what_failed);
    html_esito(b, c);
    html_printf(b, "<p class=\"descrizione\">%s</p>\n", o->descrizione);
    html_printf(b, "<dl class=\"dati\"><dt>Dirigente</dt><dd>%s</dd><dt>Baseline</dt><dd>%s</dd><dt>Target</dt><dd>%s</dd>"
                   "<dt>Risultato del %d, %s</dt><dd id=\"risultato\">", o->dirigente, o->baseline, o->target, c->s->anno,
                name);
    result(b, e);
    char *pdf = url_path("/obiettivi/%s/scheda.pdf", o->codice);
    strbuf_puts(b, "</dd></dl>\n<p>");
    html_link(b, pdf, "Scarica la scheda (PDF)");
    strbuf_puts(b, "</p>\n");
    free(pdf);
    if (e && e->n_azioni)
        actions_table(b, e, &y.ril, o->codice);
    char *key = chiave_rilevazioni(c->s, p, o->codice);
    Stato st = stato_di(c->s->a, "rilevazioni", key);
    free(key);
    strbuf_puts(b, "<section id=\"rilevazioni\" aria-labelledby=\"titolo-rilevazioni\"><h2 id=\"titolo-rilevazioni\">Rilevazioni</h2>\n");
    period_links(b, c, o, p);
    workflow(b, c, o, p, &st, form_err ? NULL : err);
    bool collecting = periodo_aperto(c->s, p);
    if (!collecting)
        html_printf(b, "<p>La raccolta delle rilevazioni (%s) è chiusa.</p>\n", name);
    if (collecting && contesto_dirigente_di(c, o) && rilevazioni_modificabili(&st) && e && e->n_azioni)
        rilevazione_form(b, c, o, p, e, form_err ? err : NULL, form_err ? typed : NULL);
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
        return false;
    }
    if (!periodo_esiste(c->s, p)) { /* only the Segreteria opens a monitoring: no request opens one by the way */
        char d[11], *msg;
        date_format_it(p->al, d);
        msg = xasprintf("Il monitoraggio al %s non c'è: i monitoraggi li apre la Segreteria, e le rilevazioni si "
                        "inseriscono in uno aperto.", d);
        risposta_errore(c, out, post ? 422 : 404, msg);
        free(msg);
        return false;
    }
    return true;
}

void pagina_obiettivo(Contesto *c, Risposta *out)
{
    Periodo p;
    if (period_of(c, out, &p))
        render_objective(c, out, c->obiettivo, &p, 200, NULL, NULL, false, NULL);
}

/* ---- a rilevazione ------------------------------------------------------------------------ */

/* "60", "62,5", "62.5" in 0–100 (numeri.h: nothing else). */
static bool parse_percent(const char *s, double *v)
{
    return numero_decimale(s, 0, 100, v);
}

/* Reads the form into one rilevazione; the messages go to err, by field. */
static bool read_rilevazione(const Modulo *m, const Periodo *p, int anno, const EsitoObiettivo *e,
                             const char *codice, Rilevazione *r, Errori *err)
{
    memset(r, 0, sizeof *r);
    const char *az = modulo_valore(m, "azione"), *data = modulo_valore(m, "data"),
               *perc = modulo_valore(m, "percentuale"), *nota = modulo_valore(m, "nota");
    /* a monitoring's fields, read only in a monitoring */
    const char *av = p->has_al ? modulo_valore(m, "avanzamento") : NULL, *crit = p->has_al ? modulo_valore(m, "criticita") : NULL,
               *prop = p->has_al ? modulo_valore(m, "proposta") : NULL;
    bool found = false;
    long n_azione = 0;
    bool is_number = numero_intero(az, 1, 10000, &n_azione);
    for (size_t k = 0; is_number && e && k < e->n_azioni; k++)
        if (n_azione == e->azioni[k].azione->n)
            found = true;
    if (!found)
        errori_add(err, "azione", "Scegliere una delle azioni dell'anno.");
    DateStatus ds = data && *data ? csv_parse_date(data, &r->data) : DATE_OK;
    if (ds != DATE_OK) {
        char *why = csv_date_problem(data, ds);
        errori_add(err, "data", "La data non è valida: %s.", why);
        free(why);
    } else if (data && *data && (r->data.year < anno || r->data.year > anno + 1)) {
        errori_add(err, "data", "La data è del %d: un'azione del %d si conclude nel %d o, in ritardo, nel %d.",
                   r->data.year, anno, anno, anno + 1);
    }
    r->has_data = data && *data && !errori_di(err, "data");
    if (perc && *perc && !parse_percent(perc, &r->percentuale))
        errori_add(err, "percentuale", "La percentuale è un numero da 0 a 100 (per esempio 62,5).");
    r->has_percentuale = perc && *perc && !errori_di(err, "percentuale");
    if (av && *av && !parse_percent(av, &r->avanzamento))
        errori_add(err, "avanzamento", "L'avanzamento è un numero da 0 a 100 (per esempio 40).");
    r->has_avanzamento = av && *av && !errori_di(err, "avanzamento");
    bool progress = r->has_avanzamento || (crit && *crit) || (prop && *prop);
    if (err->n == 0 && !r->has_data && !r->has_percentuale && !progress)
        errori_add(err, "data", "%s",
                   p->has_al ? "Indicare la data di conclusione, la percentuale, o l'avanzamento di un'azione in corso."
                             : "Indicare la data di conclusione, la percentuale o entrambe.");
    if (err->n)
        return false;
    r->obiettivo = xstrdup(codice);
    r->azione = (int)n_azione;
    r->nota = nota && *nota ? xstrdup(nota) : NULL;
    r->criticita = crit && *crit ? xstrdup(crit) : NULL;
    r->proposta = prop && *prop ? xstrdup(prop) : NULL;
    r->line = 0;
    r->path = xstrdup("modulo");
    return true;
}

/* The form's field a diagnostic of the rules is about (Diag.campo), or "" for the form as a whole. */
static const char *form_field(const Diag *d)
{
    static const char *const fields[] = {"azione", "data", "percentuale", "nota", "avanzamento"};
    for (size_t i = 0; d->campo && i < sizeof fields / sizeof *fields; i++)
        if (strcmp(d->campo, fields[i]) == 0)
            return fields[i];
    return "";
}

/* Checks the rilevazione against the plan with the rules of the command line, then stores it; frees r's strings. */
static bool store_rilevazione(Contesto *c, const Periodo *p, Rilevazione *r, Errori *err)
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
    for (size_t i = 0; i < d.count; i++)
        if (d.items[i].severity == DIAG_ERROR)
            errori_add(err, form_field(&d.items[i]), "%s", d.items[i].message);
    diag_list_free(&d);
    if (ok) {
        Autore chi = contesto_autore(c, r->nota);
        chi.dal_web = true;
        char *error = NULL;
        size_t changed;
        ok = archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
             archivio_importa_rilevazioni(c->s->a, &one, c->s->anno, al, flusso_rilevazioni_bloccate, &chi, &changed,
                                          &error) == ARCHIVIO_OK &&
             archivio_conferma(c->s->a, &error) == ARCHIVIO_OK;
        if (!ok) {
            archivio_annulla(c->s->a);
            errori_add(err, "", "%s", error ? error : "l'archivio non ha salvato la rilevazione");
        }
        free(error);
    }
    raggiunto_free(&one);
    return ok;
}

void post_rilevazione(Contesto *c, Risposta *out)
{
    const Obiettivo *o = c->obiettivo;
    Periodo p;
    if (!period_of(c, out, &p))
        return;
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
    Errori err = {0};
    bool ok = read_rilevazione(&c->modulo, &p, c->s->anno, anno_esito(&y, o), o->codice, &r, &err) &&
              store_rilevazione(c, &p, &r, &err);
    anno_free(&y);
    if (ok) {
        char value[11], n[16];
        periodo_valore(&p, value);
        long azione = 0;
        numero_intero(modulo_valore(&c->modulo, "azione"), 1, 10000, &azione); /* read by read_rilevazione */
        snprintf(n, sizeof n, "%ld", azione);
        char *back = p.has_al ? url_path("/obiettivi/%s?periodo=%s&salvato=%s#azione-%s", o->codice, value, n, n)
                              : url_path("/obiettivi/%s?salvato=%s#azione-%s", o->codice, n, n);
        risposta_redirect(out, back);
        free(back);
    } else {
        render_objective(c, out, o, &p, 422, "La rilevazione non è stata salvata", &err, true, &c->modulo);
    }
    errori_free(&err);
}

/* The objective's page with a step's errors, at the step's period. */
static void objective_with_errors(Contesto *c, Risposta *out, const Errori *errori, const void *dati)
{
    render_objective(c, out, c->obiettivo, dati, 422, "Il passo non è stato fatto", errori, false, NULL);
}

/* A step of the rilevazioni of the period the form names: the dirigente sends (/invio), the OIV validates or
 * sends back (/validazione, with «azione»); the table says who and when (flusso.c). */
static void rilevazioni_step(Contesto *c, Risposta *out, const char *azione)
{
    Periodo p;
    if (!period_of(c, out, &p))
        return;
    char *key = chiave_rilevazioni(c->s, &p, c->obiettivo->codice), value[11];
    periodo_valore(&p, value);
    char *back = p.has_al ? url_path("/obiettivi/%s?periodo=%s#rilevazioni", c->obiettivo->codice, value)
                          : url_path("/obiettivi/%s#rilevazioni", c->obiettivo->codice);
    Passo step = {
        .ctx = {.flusso = FLUSSO_RILEVAZIONI, .chiave = key, .anno = c->s->anno, .obiettivo = c->obiettivo,
                .has_al = p.has_al, .al = p.al},
        .azione = azione,
        .ritorno = back,
        .pagina = objective_with_errors,
        .dati = &p,
    };
    web_passo(c, out, &step);
    free(back);
    free(key);
}

void post_invio(Contesto *c, Risposta *out)
{
    rilevazioni_step(c, out, "invia");
}

void post_validazione_rilevazioni(Contesto *c, Risposta *out)
{
    const char *azione = modulo_valore(&c->modulo, "azione");
    if (!azione || (strcmp(azione, "valida") != 0 && strcmp(azione, "rimanda") != 0)) {
        risposta_errore(c, out, 400, "Indicare se le rilevazioni si validano («valida») o si rimandano al dirigente "
                                     "(«rimanda»).");
        return;
    }
    rilevazioni_step(c, out, azione);
}
