/* SPDX-License-Identifier: EUPL-1.2 */
/* pagine_da_fare.c — «Da fare», at the top of every home page: what is
 * pending for the user's role, read from the workflow's model (the states,
 * the guards) and from where the objectives stand (quadro.h), each line
 * with a link to where it is done. The Segreteria sees the raccolte and the
 * objectives by state, who is late, the plan's version; a dirigente his own
 * objectives, those sent back first with the OIV's reason, with how many
 * actions are reported and the nearest deadline; the OIV what waits for its
 * validation; the ufficio personale the valutazioni by state and the
 * persons without one; everyone with a valutazione, hers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "elenco_persone.h"
#include "html_moduli.h"
#include "quadro.h"
#include "rotte.h"
#include "persone.h"
#include "server.h"

/* A link to the list of objectives in a state of a raccolta: "/obiettivi?stato=inviata&periodo=2024-06-30". */
static char *list_link(const Periodo *p, StatoFlusso s)
{
    char value[11];
    periodo_valore(p, value);
    char *state = url_path("%s", stato_nome(s));
    char *out = *value ? xasprintf("/obiettivi?stato=%s&periodo=%s", state, value)
                       : xasprintf("/obiettivi?stato=%s", state);
    free(state);
    return out;
}

/* "35 aperte", "1 aperta", "47 in bozza", "3 con presa visione": a count of things in a state. */
static char *count_of(size_t n, StatoFlusso s)
{
    const char *name = stato_nome(s);
    if (s == STATO_BOZZA)
        return xasprintf("%zu in bozza", n);
    if (s == STATO_PRESA_VISIONE)
        return xasprintf("%zu con presa visione", n);
    size_t len = strlen(name);
    if (n != 1 && len && name[len - 1] == 'a') /* aperta → aperte */
        return xasprintf("%zu %.*se", n, (int)(len - 1), name);
    return xasprintf("%zu %s", n, name);
}

static void state_counts(StrBuf *b, const Quadro *q)
{
    static const StatoFlusso ORDER[] = {STATO_APERTA, STATO_RIMANDATA, STATO_INVIATA, STATO_VALIDATA};
    strbuf_puts(b, "<ul class=\"conteggi\">");
    for (size_t i = 0; i < sizeof ORDER / sizeof *ORDER; i++) {
        char *href = list_link(&q->periodo, ORDER[i]), *label = count_of(q->per_stato[ORDER[i]], ORDER[i]);
        strbuf_puts(b, "<li>");
        html_link(b, href, label);
        strbuf_puts(b, "</li>");
        free(href);
        free(label);
    }
    strbuf_puts(b, "</ul>\n");
}

static void objective_link(StrBuf *b, const Obiettivo *o, const Periodo *p)
{
    char value[11];
    periodo_valore(p, value);
    char *href = *value ? url_path("/obiettivi/%s?periodo=%s", o->codice, value) : url_path("/obiettivi/%s", o->codice);
    html_link(b, href, o->codice);
    free(href);
}

/* ---- the Segreteria ------------------------------------------------------------------------- */

/* Who is late: the raccolta's deadline has passed, and these objectives are not sent (open or sent back). */
static void not_sent(StrBuf *b, const Quadro *q, const char *due)
{
    size_t n = q->per_stato[STATO_APERTA] + q->per_stato[STATO_RIMANDATA];
    if (!n) {
        html_printf(b, "<p>Il termine del %s è passato: tutti gli obiettivi sono inviati all'OIV.</p>", due);
        return;
    }
    html_printf(b, "<p><strong>In ritardo</strong>: il termine del %s è passato e %zu %s all'OIV.</p><ul>", due, n,
                n == 1 ? "obiettivo non è ancora inviato" : "obiettivi non sono ancora inviati");
    for (size_t i = 0, shown = 0; i < q->n && shown < 10; i++) {
        const VoceQuadro *x = &q->voci[i];
        if (x->stato != STATO_APERTA && x->stato != STATO_RIMANDATA)
            continue;
        char n_m[48];
        quadro_rilevate(x, n_m, sizeof n_m);
        strbuf_puts(b, "<li>");
        objective_link(b, x->obiettivo, &q->periodo);
        html_printf(b, " (%s): %s, %s azioni rilevate</li>", x->obiettivo->dirigente ? x->obiettivo->dirigente : "senza "
                    "dirigente", stato_nome(x->stato), n_m);
        shown++;
    }
    strbuf_puts(b, n > 10 ? "<li>…</li></ul>" : "</ul>");
}

static void segreteria(Contesto *c, StrBuf *b, const Quadro *q, size_t n_q)
{
    const VersionePiano *v = &c->s->versione;
    if (v->ultima > v->numero || !v->approvata) {
        char *key = flusso_chiave_versione(v->ultima);
        Stato st = stato_di(c->s->a, "versione", key);
        html_printf(b, "<li>La versione %d del piano è «%s»: ", v->ultima, st.stato ? st.stato : "bozza");
        html_link(b, "/piano", "proporla o registrarne l'approvazione");
        strbuf_puts(b, ".</li>\n");
        stato_free(&st);
        free(key);
    }
    Date oggi = quadro_oggi();
    for (size_t k = 0; k < n_q; k++) {
        char *name = periodo_nome(&q[k].periodo), due[11];
        if (q[k].has_termine) {
            date_format_it(q[k].termine, due);
            html_printf(b, "<li>Raccolta %s, aperta, termine per le rilevazioni il %s: gli obiettivi per stato", name, due);
        } else {
            html_printf(b, "<li>Raccolta %s, aperta, senza un termine per le rilevazioni (si fissa qui sotto): gli "
                           "obiettivi per stato", name);
        }
        state_counts(b, &q[k]);
        if (q[k].has_termine && date_compare(q[k].termine, oggi) < 0)
            not_sent(b, &q[k], due);
        size_t late = 0;
        for (size_t i = 0; i < q[k].n; i++)
            late += q[k].voci[i].in_ritardo && (q[k].voci[i].stato == STATO_APERTA ||
                                                q[k].voci[i].stato == STATO_RIMANDATA);
        if (late) {
            html_printf(b, "<p>Azioni con la scadenza passata senza rilevazione: %zu %s.</p><ul>", late,
                        late == 1 ? "obiettivo" : "obiettivi");
            for (size_t i = 0, shown = 0; i < q[k].n && shown < 10; i++) {
                const VoceQuadro *x = &q[k].voci[i];
                if (!x->in_ritardo || !(x->stato == STATO_APERTA || x->stato == STATO_RIMANDATA))
                    continue;
                strbuf_puts(b, "<li>");
                objective_link(b, x->obiettivo, &q[k].periodo);
                html_printf(b, " (%s): %zu %s", x->obiettivo->dirigente ? x->obiettivo->dirigente : "senza dirigente",
                            x->in_ritardo, x->in_ritardo == 1 ? "azione" : "azioni");
                strbuf_puts(b, "</li>");
                shown++;
            }
            strbuf_puts(b, late > 10 ? "<li>…</li></ul>" : "</ul>");
        }
        if (q[k].n && q[k].per_stato[STATO_VALIDATA] == q[k].n)
            strbuf_puts(b, "<p>Tutte le rilevazioni sono validate: la raccolta si può chiudere (qui sotto).</p>");
        strbuf_puts(b, "</li>\n");
        free(name);
    }
    Utente *u;
    size_t n = archivio_utenti(c->s->a, &u), outside = 0;
    for (size_t i = 0; i < n; i++) {
        outside += u[i].persona && !persone_nome_nel_piano(&c->s->plan, u[i].persona);
        utente_free(&u[i]);
    }
    free(u);
    if (outside) {
        html_printf(b, "<li>%zu %s una persona che il piano non ha: ", outside,
                    outside == 1 ? "utente è" : "utenti sono");
        html_link(b, "/utenti", "correggere");
        strbuf_puts(b, ".</li>\n");
    }
}

/* ---- a dirigente ---------------------------------------------------------------------------- */

static int rank(StatoFlusso s)
{
    return s == STATO_RIMANDATA ? 0 : s == STATO_APERTA ? 1 : s == STATO_INVIATA ? 2 : 3;
}

static void what_next(StrBuf *b, const VoceQuadro *x)
{
    switch (x->stato) {
    case STATO_RIMANDATA: html_printf(b, "correggere e inviare di nuovo; l'OIV: «%s»", x->nota ? x->nota : "—"); break;
    case STATO_INVIATA: strbuf_puts(b, "in attesa dell'OIV"); break;
    case STATO_VALIDATA: strbuf_puts(b, "nulla: l'OIV le ha validate"); break;
    default:
        if (x->rilevate == 0)
            strbuf_puts(b, "inserire le rilevazioni");
        else if (x->rilevate < x->azioni)
            strbuf_puts(b, "completare le rilevazioni e inviarle all'OIV");
        else
            strbuf_puts(b, "inviarle all'OIV");
    }
}

static void dirigente(Contesto *c, StrBuf *b, const Quadro *q, size_t n_q)
{
    for (size_t k = 0; k < n_q; k++) {
        size_t mine = 0;
        for (size_t i = 0; i < q[k].n; i++)
            mine += contesto_dirigente_di(c, q[k].voci[i].obiettivo);
        char *name = periodo_nome(&q[k].periodo);
        if (!mine) {
            html_printf(b, "<li>Raccolta %s: nessun obiettivo del %d ha lei come dirigente.</li>\n", name, c->s->anno);
            free(name);
            continue;
        }
        char due[11] = "";
        if (q[k].has_termine)
            date_format_it(q[k].termine, due);
        html_printf(b, "<li>Raccolta %s, aperta%s%s%s: i suoi obiettivi, prima quelli rimandati dall'OIV.\n"
                       "<table class=\"elenco\"><caption>I suoi obiettivi (%s)</caption><thead><tr>"
                       "<th scope=\"col\">Obiettivo</th><th scope=\"col\">Stato</th><th scope=\"col\">Azioni rilevate"
                       "</th><th scope=\"col\">Scadenza più vicina</th><th scope=\"col\">Da fare</th></tr></thead><tbody>\n",
                    name, *due ? ", da inviare all'OIV entro il " : "", due,
                    *due && date_compare(q[k].termine, quadro_oggi()) < 0 ? " (passato)" : "", name);
        for (int r = 0; r < 4; r++)
            for (size_t i = 0; i < q[k].n; i++) {
                const VoceQuadro *x = &q[k].voci[i];
                if (rank(x->stato) != r || !contesto_dirigente_di(c, x->obiettivo))
                    continue;
                char n_m[48], nearest[64] = "—";
                quadro_rilevate(x, n_m, sizeof n_m);
                if (x->has_scadenza)
                    date_format_it(x->scadenza, nearest);
                if (x->in_ritardo) {
                    size_t len = strlen(nearest);
                    snprintf(nearest + len, sizeof nearest - len, "%s%zu %s", x->has_scadenza ? "; " : "", x->in_ritardo,
                             x->in_ritardo == 1 ? "scaduta" : "scadute");
                }
                strbuf_puts(b, "<tr><th scope=\"row\" data-etichetta=\"Obiettivo\">");
                objective_link(b, x->obiettivo, &q[k].periodo);
                html_printf(b, "</th><td data-etichetta=\"Stato\">%s</td><td data-etichetta=\"Azioni rilevate\">%s</td>"
                               "<td data-etichetta=\"Scadenza più vicina\">%s</td><td data-etichetta=\"Da fare\">",
                            stato_nome(x->stato), n_m, nearest);
                what_next(b, x);
                strbuf_puts(b, "</td></tr>\n");
            }
        strbuf_puts(b, "</tbody></table></li>\n");
        free(name);
    }
}

/* ---- the OIV -------------------------------------------------------------------------------- */

static void year_step(Contesto *c, StrBuf *b, Flusso f, const char *what)
{
    char key[16];
    snprintf(key, sizeof key, "%d", c->s->anno);
    ContestoFlusso ctx = {.a = c->s->a, .flusso = f, .chiave = key, .anno = c->s->anno};
    StatoFlusso now;
    char *error = NULL;
    if (flusso_stato(&ctx, &now, &error) != ARCHIVIO_OK) {
        free(error);
        return;
    }
    if (now != STATO_BOZZA) {
        html_printf(b, "<li>%s del %d: %s.</li>\n", what, c->s->anno, stato_nome(now));
        return;
    }
    char *why = flusso_guardia(&ctx, "valida");
    if (why)
        html_printf(b, "<li>%s del %d: non ancora da validare (%s).</li>\n", what, c->s->anno, why);
    else
        html_printf(b, "<li>%s del %d: <strong>da validare</strong>, qui sotto, con il commento.</li>\n", what,
                    c->s->anno);
    free(why);
}

static void oiv(Contesto *c, StrBuf *b, const Quadro *q, size_t n_q)
{
    for (size_t k = 0; k < n_q; k++) {
        char *name = periodo_nome(&q[k].periodo);
        size_t waiting = q[k].per_stato[STATO_INVIATA];
        html_printf(b, "<li>Raccolta %s: %zu %s la validazione", name, waiting,
                    waiting == 1 ? "obiettivo attende" : "obiettivi attendono");
        if (waiting) {
            strbuf_puts(b, "<ul>");
            for (size_t i = 0; i < q[k].n; i++) {
                const VoceQuadro *x = &q[k].voci[i];
                if (x->stato != STATO_INVIATA)
                    continue;
                char n_m[48];
                quadro_rilevate(x, n_m, sizeof n_m);
                strbuf_puts(b, "<li>");
                objective_link(b, x->obiettivo, &q[k].periodo);
                html_printf(b, " (%s): %s azioni rilevate</li>",
                            x->obiettivo->dirigente ? x->obiettivo->dirigente : "senza dirigente", n_m);
            }
            strbuf_puts(b, "</ul>");
        }
        strbuf_puts(b, "</li>\n");
        free(name);
    }
    year_step(c, b, FLUSSO_RELAZIONE, "La Relazione sulla Performance");
    year_step(c, b, FLUSSO_VALUTAZIONI, "Le valutazioni");
}

/* ---- the ufficio personale ------------------------------------------------------------------ */

static void personale(Contesto *c, StrBuf *b)
{
    ArchivioFile sf;
    char *error = NULL;
    bool sistema = archivio_sistema(c->s->a, &sf, &error) == ARCHIVIO_OK;
    if (sistema)
        archivio_file_free(&sf);
    free(error);
    long n = archivio_conta_valutazioni(c->s->a, c->s->anno);
    if (!sistema) {
        strbuf_puts(b, "<li>Caricare il sistema di valutazione (SMVP), poi le valutazioni: ");
        html_link(b, "/valutazioni", "Valutazioni");
        strbuf_puts(b, ".</li>\n");
        return;
    }
    if (n <= 0) {
        html_printf(b, "<li>Caricare le valutazioni del %d: ", c->s->anno);
        html_link(b, "/valutazioni", "Valutazioni");
        strbuf_puts(b, ".</li>\n");
        return;
    }
    size_t per_state[N_STATI] = {0}, without = 0;
    persone_per_stato(c, per_state, &without);
    static const StatoFlusso ORDER[] = {STATO_BOZZA, STATO_COMUNICATA, STATO_PRESA_VISIONE};
    html_printf(b, "<li>Valutazioni del %d per stato", c->s->anno);
    strbuf_puts(b, "<ul class=\"conteggi\">");
    for (size_t i = 0; i < sizeof ORDER / sizeof *ORDER; i++) {
        char *state = url_path("%s", stato_nome(ORDER[i])), *href = xasprintf("/persone?stato=%s", state),
             *label = count_of(per_state[ORDER[i]], ORDER[i]);
        strbuf_puts(b, "<li>");
        html_link(b, href, label);
        strbuf_puts(b, "</li>");
        free(state);
        free(href);
        free(label);
    }
    strbuf_puts(b, "</ul>");
    if (per_state[STATO_BOZZA])
        strbuf_puts(b, "<p>Quelle in bozza si comunicano dalla pagina di ogni persona.</p>");
    strbuf_puts(b, "</li>\n");
    if (without) {
        html_printf(b, "<li>%zu %s del piano senza valutazione del %d: ", without,
                    without == 1 ? "persona" : "persone", c->s->anno);
        html_link(b, "/persone?stato=senza", "quali");
        strbuf_puts(b, ".</li>\n");
    }
}

/* ---- oneself -------------------------------------------------------------------------------- */

static void own_valutazione(Contesto *c, StrBuf *b, const Persona *me)
{
    char *key = chiave_valutazione(c->s, me), *href = url_path("/persone/%s", me->id);
    Stato st = stato_di(c->s->a, "valutazione", key);
    StatoFlusso now = flusso_iniziale(FLUSSO_VALUTAZIONE);
    if (st.stato)
        stato_da_nome(st.stato, &now);
    if (now == STATO_COMUNICATA) {
        html_printf(b, "<li><strong>La sua valutazione del %d le è stata comunicata</strong>: ", c->s->anno);
        html_link(b, href, "leggerla e prenderne visione");
        strbuf_puts(b, ".</li>\n");
    } else if (now == STATO_PRESA_VISIONE) {
        html_printf(b, "<li>Ha preso visione della sua valutazione del %d: ", c->s->anno);
        html_link(b, href, "la sua scheda");
        strbuf_puts(b, ".</li>\n");
    } else if (c->sessione->ruolo == RUOLO_DIPENDENTE) {
        html_printf(b, "<li>La sua valutazione del %d non le è ancora stata comunicata; intanto: ", c->s->anno);
        html_link(b, href, "la sua scheda");
        strbuf_puts(b, ".</li>\n");
    }
    stato_free(&st);
    free(href);
    free(key);
}

void home_da_fare(Contesto *c, StrBuf *b)
{
    Periodo *list;
    size_t n = periodi(c->s, &list), n_q = 0;
    Quadro *q = xcalloc(n + 1, sizeof *q);
    bool wants = c->capacita & (CAP_RACCOLTE | CAP_RILEVAZIONI | CAP_VALIDAZIONE);
    Date oggi = quadro_oggi();
    for (size_t i = 0; wants && i < n; i++) /* a monitoring is late by its own date */
        if (periodo_aperto(c->s, &list[i]))
            quadro_carica(c->s, &list[i],
                          list[i].has_al && date_compare(list[i].al, oggi) < 0 ? list[i].al : oggi, &q[n_q++]);
    free(list);
    strbuf_puts(b, "<section class=\"da-fare\" aria-labelledby=\"titolo-da-fare\"><h2 id=\"titolo-da-fare\">Da fare"
                   "</h2>\n<ul>\n");
    size_t before = b->len;
    if (c->capacita & CAP_RACCOLTE)
        segreteria(c, b, q, n_q);
    if (c->capacita & CAP_RILEVAZIONI)
        dirigente(c, b, q, n_q);
    if (c->capacita & CAP_VALIDAZIONE)
        oiv(c, b, q, n_q);
    if (c->capacita & CAP_VALUTAZIONI)
        personale(c, b);
    const Persona *me = contesto_persona(c);
    if (me && me->id && (c->capacita & CAP_SCHEDA_PROPRIA))
        own_valutazione(c, b, me);
    if (b->len == before)
        strbuf_puts(b, "<li>Nulla, per ora.</li>\n");
    strbuf_puts(b, "</ul></section>\n");
    for (size_t i = 0; i < n_q; i++)
        quadro_free(&q[i]);
    free(q);
}
