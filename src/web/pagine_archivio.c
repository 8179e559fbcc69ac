/* pagine_archivio.c — the Segreteria's and the OIV's pages on the archive:
 * the history of changes (HTML or CSV), the plan's versions (upload,
 * proposta, approvazione), the users. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "csv_values.h"
#include "html.h"
#include "plan_check.h"
#include "plan_load.h"
#include "server.h"
#include "wb_convert.h"
#include "workbook.h"

static bool is(const Contesto *c, Ruolo r)
{
    return c->sessione->ruolo == r;
}

/* ---- storia ------------------------------------------------------------------------------- */

typedef struct {
    StrBuf *b;
    bool csv;
    size_t n;
} Visit;

static void visit_row(const VoceRegistro *v, void *user)
{
    Visit *h = user;
    h->n++;
    if (!h->csv) {
        if (h->n <= 1000)
            storia_riga(h->b, v);
        return;
    }
    char id[24];
    snprintf(id, sizeof id, "%ld", v->id);
    const char *f[] = {id, v->quando, v->chi, v->operazione, v->tabella, v->chiave, v->obiettivo, v->campo, v->prima, v->dopo, v->motivo};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        csv_put_field(h->b, f[i] ? f[i] : "", i + 1 == sizeof f / sizeof *f);
}

void pagina_storia(Contesto *c, Risposta *out)
{
    if (!is(c, RUOLO_AMMINISTRATORE) && !is(c, RUOLO_OIV)) {
        risposta_vietato(c, out, NULL, "La storia delle modifiche la leggono la Segreteria e l'OIV.");
        return;
    }
    Modulo q;
    if (!modulo_urlencoded(c->r->query, strlen(c->r->query), &q)) {
        risposta_errore(c, out, 400, "L'indirizzo non è leggibile.");
        return;
    }
    const char *formato = modulo_valore(&q, "formato"), *codice = modulo_valore(&q, "obiettivo");
    bool csv = formato && strcmp(formato, "csv") == 0;
    Visit h = {&out->body, csv, 0};
    if (csv) {
        out->status = 200;
        out->content_type = "text/csv; charset=utf-8";
        out->disposition = xstrdup("attachment; filename=\"storia.csv\"");
        strbuf_puts(&out->body, "id,quando,chi,operazione,tabella,chiave,obiettivo,campo,prima,dopo,motivo\r\n");
        archivio_storia(c->s->a, codice && *codice ? codice : NULL, visit_row, &h);
    } else {
        risposta_html(out, 200);
        Briciola path[] = {{"Inizio", "/"}, {"Storia delle modifiche", NULL}};
        html_inizio(&out->body, "Storia delle modifiche", c->sessione->utente, ruolo_nome(c->sessione->ruolo),
                    c->sessione->csrf, path, 2);
        strbuf_puts(&out->body, "<p><a href=\"/storia?formato=csv\">Scarica tutta la storia (CSV)</a></p>\n<ol class=\"storia\">\n");
        archivio_storia(c->s->a, codice && *codice ? codice : NULL, visit_row, &h);
        strbuf_puts(&out->body, "</ol>\n");
        if (h.n > 1000)
            html_printf(&out->body, "<p>Sono mostrate le 1000 modifiche più recenti di %zu: le altre nel CSV.</p>\n", h.n);
        html_fine(&out->body);
    }
    modulo_free(&q);
}

/* ---- the plan ----------------------------------------------------------------------------- */

void pagina_piano(Contesto *c, Risposta *out, const char *errori)
{
    if (!is(c, RUOLO_AMMINISTRATORE)) {
        risposta_vietato(c, out, NULL, "Il piano lo carica la Segreteria (ruolo amministratore).");
        return;
    }
    risposta_html(out, errori ? 422 : 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Piano e versioni", NULL}};
    html_inizio(b, "Piano e versioni", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    int n = archivio_versioni(c->s->a);
    strbuf_puts(b, "<table class=\"elenco\"><caption>Versioni del piano</caption><thead><tr><th scope=\"col\">Versione</th>"
                   "<th scope=\"col\">Stato</th><th scope=\"col\">Operazioni</th></tr></thead><tbody>\n");
    for (int v = n; v >= 1; v--) {
        char key[16];
        snprintf(key, sizeof key, "%d", v);
        Stato st = stato_di(c->s->a, "versione", key);
        const char *state = st.stato ? st.stato : "bozza";
        html_printf(b, "<tr><th scope=\"row\">%d</th><td>%s%s%s</td><td>", v, state, st.nota ? " — " : "", st.nota ? st.nota : "");
        const char *next = strcmp(state, "bozza") == 0 ? "proposta" : strcmp(state, "proposta") == 0 ? "approvata" : NULL;
        if (next) {
            html_printf(b, "<form method=\"post\" action=\"/piano/stato\"><input type=\"hidden\" name=\"versione\" value=\"%s\">"
                           "<input type=\"hidden\" name=\"stato\" value=\"%s\">", key, next);
            html_csrf(b, c->sessione->csrf);
            if (strcmp(next, "approvata") == 0)
                html_printf(b, "<label for=\"giunta-%s\">Data della delibera di Giunta</label><input id=\"giunta-%s\" name=\"giunta\" "
                               "placeholder=\"gg/mm/aaaa\"> ", key, key);
            html_printf(b, "<button type=\"submit\">%s</button></form>", strcmp(next, "proposta") == 0 ? "Proponi" : "Approva");
        }
        strbuf_puts(b, "</td></tr>\n");
        stato_free(&st);
    }
    strbuf_puts(b, "</tbody></table>\n<form class=\"modulo\" method=\"post\" action=\"/piano\" enctype=\"multipart/form-data\">\n"
                   "<fieldset><legend>Carica una nuova versione</legend>\n");
    html_csrf(b, c->sessione->csrf);
    if (errori)
        html_printf(b, "<div class=\"errore\" role=\"alert\" id=\"errori-piano\"><p>Il piano non è stato caricato:</p><pre>%s</pre></div>\n",
                    errori);
    html_printf(b, "<div class=\"campo\"><label for=\"file\">Il piano (JSON, .xlsx o .ods)</label>"
                   "<input id=\"file\" name=\"file\" type=\"file\" accept=\".json,.xlsx,.ods\" aria-invalid=\"%s\" "
                   "aria-describedby=\"%s\"></div>\n"
                   "<div class=\"campo\"><label for=\"motivo\">Motivo</label><input id=\"motivo\" name=\"motivo\"></div>\n"
                   "<button type=\"submit\">Carica</button></fieldset></form>\n",
                errori ? "true" : "false", errori ? "errori-piano" : "");
    html_fine(b);
}

void post_piano(Contesto *c, Risposta *out)
{
    if (!is(c, RUOLO_AMMINISTRATORE)) {
        risposta_vietato(c, out, NULL, "Il piano lo carica la Segreteria (ruolo amministratore).");
        return;
    }
    const CampoModulo *f = modulo_campo(&c->modulo, "file");
    if (!f || !f->file || f->len == 0) {
        pagina_piano(c, out, "Scegliere il file del piano.");
        return;
    }
    const char *name = *f->file ? f->file : "piano";
    DiagList d;
    diag_list_init(&d);
    Plan plan;
    LoadStatus st = input_plan_read(name, f->valore, f->len, &plan, &d);
    if (st != LOAD_OK || d.errors) {
        char *text = web_diags_text(&d);
        pagina_piano(c, out, text);
        free(text);
        if (st == LOAD_OK)
            plan_free(&plan);
        diag_list_free(&d);
        return;
    }
    Autore chi = contesto_autore(c, modulo_valore(&c->modulo, "motivo"));
    if (chi.motivo && !*chi.motivo)
        chi.motivo = NULL;
    char *error = NULL;
    int numero;
    bool nuova;
    bool ok = archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
              archivio_importa_piano(c->s->a, name, f->valore, f->len, &plan, &chi, &numero, &nuova, &error) == ARCHIVIO_OK &&
              archivio_conferma(c->s->a, &error) == ARCHIVIO_OK;
    if (!ok)
        archivio_annulla(c->s->a);
    plan_free(&plan);
    diag_list_free(&d);
    if (ok && server_ricarica_piano(c->s, &error))
        risposta_redirect(out, "/piano");
    else
        pagina_piano(c, out, error ? error : "l'archivio non ha salvato il piano");
    free(error);
}

void post_stato_piano(Contesto *c, Risposta *out)
{
    if (!is(c, RUOLO_AMMINISTRATORE)) {
        risposta_vietato(c, out, NULL, "Lo stato del piano lo cambia la Segreteria (ruolo amministratore).");
        return;
    }
    const char *v = modulo_valore(&c->modulo, "versione"), *to = modulo_valore(&c->modulo, "stato"),
               *giunta = modulo_valore(&c->modulo, "giunta");
    int n = v ? atoi(v) : 0;
    bool approve = to && strcmp(to, "approvata") == 0;
    if (n < 1 || n > archivio_versioni(c->s->a) || !to || !(approve || strcmp(to, "proposta") == 0)) {
        risposta_errore(c, out, 400, "Versione o stato non validi.");
        return;
    }
    int dd, mm, yy;
    char rest;
    if (approve && (!giunta || sscanf(giunta, "%d/%d/%d%c", &dd, &mm, &yy, &rest) != 3 || !date_is_valid(yy, mm, dd))) {
        risposta_errore(c, out, 422, "Per approvare la versione occorre la data della delibera di Giunta, come gg/mm/aaaa.");
        return;
    }
    char key[16], *error = NULL, *nota = approve ? xasprintf("Giunta del %02d/%02d/%04d", dd, mm, yy) : NULL;
    snprintf(key, sizeof key, "%d", n);
    Autore chi = contesto_autore(c, nota);
    bool ok = archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
              archivio_cambia_stato(c->s->a, "versione", key, NULL, approve ? "proposta" : NULL, to, nota, &chi, &error) ==
                  ARCHIVIO_OK &&
              archivio_conferma(c->s->a, &error) == ARCHIVIO_OK;
    if (!ok)
        archivio_annulla(c->s->a);
    free(nota);
    if (ok && server_ricarica_piano(c->s, &error))
        risposta_redirect(out, "/piano");
    else
        risposta_errore(c, out, 409, error ? error : "Operazione non possibile nello stato attuale.");
    free(error);
}

/* ---- users -------------------------------------------------------------------------------- */

void pagina_utenti(Contesto *c, Risposta *out, const char *errore)
{
    if (!is(c, RUOLO_AMMINISTRATORE)) {
        risposta_vietato(c, out, NULL, "Gli utenti li gestisce la Segreteria (ruolo amministratore).");
        return;
    }
    risposta_html(out, errore ? 422 : 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Utenti", NULL}};
    html_inizio(b, "Utenti", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    Utente *u;
    size_t n = archivio_utenti(c->s->a, &u);
    strbuf_puts(b, "<table class=\"elenco\"><caption>Chi accede</caption><thead><tr><th scope=\"col\">Utente</th>"
                   "<th scope=\"col\">Ruolo</th><th scope=\"col\">Persona</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n", u[i].nome, ruolo_nome(u[i].ruolo),
                    u[i].persona ? u[i].persona : "");
        utente_free(&u[i]);
    }
    free(u);
    strbuf_puts(b, "</tbody></table>\n<form class=\"modulo\" method=\"post\" action=\"/utenti\"><fieldset><legend>Nuovo utente</legend>\n");
    html_csrf(b, c->sessione->csrf);
    if (errore)
        html_printf(b, "<p class=\"errore\" role=\"alert\">%s</p>\n", errore);
    strbuf_puts(b, "<div class=\"campo\"><label for=\"nome\">Nome utente</label><input id=\"nome\" name=\"nome\" required></div>\n"
                   "<div class=\"campo\"><label for=\"ruolo\">Ruolo</label><select id=\"ruolo\" name=\"ruolo\">");
    for (int r = 0; r < N_RUOLI; r++)
        html_printf(b, "<option>%s</option>", ruolo_nome((Ruolo)r));
    strbuf_puts(b, "</select></div>\n<div class=\"campo\"><label for=\"persona\">Persona (come la scrive il piano)</label>"
                   "<input id=\"persona\" name=\"persona\"></div>\n<div class=\"campo\"><label for=\"password\">Password "
                   "(almeno 10 caratteri)</label><input id=\"password\" name=\"password\" type=\"password\" "
                   "autocomplete=\"new-password\" required></div>\n<button type=\"submit\">Salva</button></fieldset></form>\n");
    html_fine(b);
}

void post_utenti(Contesto *c, Risposta *out)
{
    if (!is(c, RUOLO_AMMINISTRATORE)) {
        risposta_vietato(c, out, NULL, "Gli utenti li gestisce la Segreteria (ruolo amministratore).");
        return;
    }
    const char *nome = modulo_valore(&c->modulo, "nome"), *ruolo = modulo_valore(&c->modulo, "ruolo"),
               *persona = modulo_valore(&c->modulo, "persona"), *password = modulo_valore(&c->modulo, "password");
    Ruolo r;
    if (!nome || !*nome || strlen(nome) > 100) {
        pagina_utenti(c, out, "Il nome utente è necessario (al più 100 caratteri).");
        return;
    }
    if (!ruolo_da_nome(ruolo, &r)) {
        pagina_utenti(c, out, "Il ruolo non è uno di quelli previsti.");
        return;
    }
    if (!password || strlen(password) < 10) {
        pagina_utenti(c, out, "La password deve avere almeno 10 caratteri.");
        return;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        pagina_utenti(c, out, "Memoria insufficiente per calcolare la password: riprovare.");
        return;
    }
    Autore chi = contesto_autore(c, NULL);
    char *error = NULL;
    bool esiste;
    bool ok = archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
              archivio_utente_salva(c->s->a, nome, r, persona && *persona ? persona : NULL, hash, &chi, &esiste, &error) ==
                  ARCHIVIO_OK &&
              archivio_conferma(c->s->a, &error) == ARCHIVIO_OK;
    sodium_memzero(hash, sizeof hash);
    if (!ok) {
        archivio_annulla(c->s->a);
        pagina_utenti(c, out, error ? error : "l'archivio non ha salvato l'utente");
    } else {
        risposta_redirect(out, "/utenti");
    }
    free(error);
}
