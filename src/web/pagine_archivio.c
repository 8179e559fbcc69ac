/* pagine_archivio.c — the Segreteria's and the OIV's pages on the archive:
 * the history of changes (HTML or CSV), the plan's versions (upload,
 * proposta, approvazione), the users. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "csv_values.h"
#include "html_moduli.h"
#include "numeri.h"
#include "passi.h"
#include "plan_check.h"
#include "plan_load.h"
#include "persone.h"
#include "server.h"
#include "wb_convert.h"
#include "workbook.h"

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
    Modulo q;
    if (!modulo_urlencoded(c->r->query, strlen(c->r->query), &q)) {
        risposta_errore(c, out, 400, "L'indirizzo non è leggibile.");
        return;
    }
    const char *formato = modulo_valore(&q, "formato"), *codice = modulo_valore(&q, "obiettivo"),
               *tipo = modulo_valore(&q, "tipo");
    bool csv = formato && strcmp(formato, "csv") == 0;
    /* the data changes, or the accesses apart: failed logins never hide what was changed */
    bool accessi = tipo && strcmp(tipo, "accessi") == 0;
    FiltroStoria filtro = accessi ? STORIA_ACCESSI : STORIA_MODIFICHE;
    Visit h = {&out->body, csv, 0};
    if (csv) {
        out->status = 200;
        out->content_type = "text/csv; charset=utf-8";
        out->disposition = xstrdup(accessi ? "attachment; filename=\"accessi.csv\"" : "attachment; filename=\"storia.csv\"");
        strbuf_puts(&out->body, "id;quando;chi;operazione;tabella;chiave;obiettivo;campo;prima;dopo;motivo\r\n");
        archivio_storia_di(c->s->a, codice && *codice ? codice : NULL, filtro, visit_row, &h);
    } else {
        risposta_html(out, 200);
        const char *title = accessi ? "Accessi" : "Storia delle modifiche";
        Briciola path[] = {{"Inizio", "/"}, {title, NULL}};
        html_inizio(&out->body, title, c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
        strbuf_puts(&out->body, "<nav aria-label=\"Parti del registro\"><ul class=\"voci-in-riga\">");
        /* markup written as it is: html_printf would escape it as text */
        strbuf_puts(&out->body, accessi ? "<li><a href=\"/storia\">Modifiche ai dati</a></li>"
                                          "<li><strong aria-current=\"page\">Accessi</strong> (entrate, tentativi non "
                                          "riusciti, accessi negati)</li></ul></nav>\n"
                                          "<p><a href=\"/storia?tipo=accessi&amp;formato=csv\">Scarica tutti gli "
                                          "accessi (CSV)</a></p>\n"
                                        : "<li><strong aria-current=\"page\">Modifiche ai dati</strong></li>"
                                          "<li><a href=\"/storia?tipo=accessi\">Accessi</a> (entrate, tentativi non "
                                          "riusciti, accessi negati)</li></ul></nav>\n"
                                          "<p><a href=\"/storia?formato=csv\">Scarica tutta la storia delle "
                                          "modifiche (CSV)</a></p>\n");
        strbuf_puts(&out->body, "<ol class=\"storia\">\n");
        archivio_storia_di(c->s->a, codice && *codice ? codice : NULL, filtro, visit_row, &h);
        strbuf_puts(&out->body, "</ol>\n");
        if (h.n > 1000)
            html_printf(&out->body, "<p>Sono mostrate le 1000 righe più recenti di %zu: le altre nel CSV.</p>\n", h.n);
        html_fine(&out->body);
    }
    modulo_free(&q);
}

/* ---- the plan ----------------------------------------------------------------------------- */

/* The page of the plan's versions; errori: what an upload or a change of state found, by field. */
static void plan_page(Contesto *c, Risposta *out, const char *titolo, const Errori *errori, const Modulo *typed)
{
    risposta_html(out, errori && errori->n ? 422 : 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Piano e versioni", NULL}};
    html_inizio(b, "Piano e versioni", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_riepilogo(b, errori, titolo);
    html_esito(b, c);
    int n = archivio_versioni(c->s->a);
    strbuf_puts(b, "<table class=\"elenco\"><caption>Versioni del piano</caption><thead><tr><th scope=\"col\">Versione</th>"
                   "<th scope=\"col\">Stato</th><th scope=\"col\">Operazioni</th></tr></thead><tbody>\n");
    for (int v = n; v >= 1; v--) {
        char key[16];
        snprintf(key, sizeof key, "%d", v);
        Stato st = stato_di(c->s->a, "versione", key);
        StatoFlusso now = STATO_BOZZA;
        if (st.stato)
            stato_da_nome(st.stato, &now);
        html_printf(b, "<tr><th scope=\"row\" data-etichetta=\"Versione\">%d</th><td data-etichetta=\"Stato\">%s%s%s</td>"
                       "<td data-etichetta=\"Operazioni\">", v, stato_nome(now), st.nota ? " — " : "",
                    st.nota ? st.nota : "");
        char *id = xasprintf("motivo-versione-%s", key);
        const char *hidden[] = {"versione", key, NULL};
        html_passi(b, c, FLUSSO_VERSIONE, now, "/piano/stato", hidden, id, errori);
        free(id);
        strbuf_puts(b, "</td></tr>\n");
        stato_free(&st);
    }
    strbuf_puts(b, "</tbody></table>\n");
    html_form(b, &(Form){.action = "/piano", .csrf = c->sessione->csrf, .classe = "modulo", .multipart = true});
    strbuf_puts(b, "<fieldset><legend>Carica una nuova versione</legend>\n");
    html_campo(b, &(CampoForm){CAMPO_FILE, "file", "Il piano (JSON, .xlsx o .ods)", .accept = ".json,.xlsx,.ods"}, errori);
    html_campo(b, &(CampoForm){CAMPO_TESTO, "motivo", "Motivo", .valore = typed ? modulo_valore(typed, "motivo") : NULL},
               NULL);
    html_pulsante(b, "Carica", NULL, NULL);
    strbuf_puts(b, "</fieldset>");
    html_form_fine(b);
    html_fine(b);
}

void pagina_piano(Contesto *c, Risposta *out)
{
    plan_page(c, out, NULL, NULL, NULL);
}

void post_piano(Contesto *c, Risposta *out)
{
    const CampoModulo *f = modulo_campo(&c->modulo, "file");
    Errori err = {0};
    if (!f || !f->file || f->len == 0) {
        errori_add(&err, "file", "Scegliere il file del piano.");
        plan_page(c, out, "Il piano non è stato caricato", &err, &c->modulo);
        errori_free(&err);
        return;
    }
    const char *name = *f->file ? f->file : "piano";
    DiagList d;
    diag_list_init(&d);
    Plan plan;
    LoadStatus st = input_plan_read(name, f->valore, f->len, &plan, &d);
    if (st != LOAD_OK || d.errors) {
        errori_da_diagnostica(&err, "file", &d);
        if (err.n == 0)
            errori_add(&err, "file", "Il file non si legge come un piano (JSON, .xlsx o .ods).");
        plan_page(c, out, "Il piano non è stato caricato", &err, &c->modulo);
        errori_free(&err);
        plan_free(&plan); /* loaded, or what a failed load left */
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
    if (ok && server_ricarica_piano(c->s, &error)) {
        risposta_redirect(out, "/piano");
    } else {
        errori_add(&err, "", "%s", error ? error : "l'archivio non ha salvato il piano");
        plan_page(c, out, "Il piano non è stato caricato", &err, &c->modulo);
    }
    errori_free(&err);
    free(error);
}

/* The plan's page with a step's errors. */
static void plan_with_errors(Contesto *c, Risposta *out, const Errori *errori, const void *dati)
{
    (void)dati;
    strbuf_free(&out->body);
    plan_page(c, out, "Il passo non è stato fatto", errori, &c->modulo);
}

void post_stato_piano(Contesto *c, Risposta *out)
{
    const char *v = modulo_valore(&c->modulo, "versione");
    long n = 0;
    if (!numero_intero(v, 1, archivio_versioni(c->s->a), &n)) {
        risposta_errore(c, out, 400, "La versione indicata non è tra quelle dell'archivio.");
        return;
    }
    char *key = flusso_chiave_versione((int)n), *id = xasprintf("motivo-versione-%ld", n);
    Passo step = {
        .ctx = {.flusso = FLUSSO_VERSIONE, .chiave = key, .anno = c->s->anno},
        .azione = modulo_valore(&c->modulo, "azione"),
        .ritorno = "/piano",
        .id_motivo = id,
        .pagina = plan_with_errors,
    };
    web_passo(c, out, &step);
    char *error = NULL;
    if (out->status == 303 && !server_ricarica_piano(c->s, &error)) /* a version approved: the one the pages print */
        risposta_errore(c, out, 500, error ? error : "il piano approvato non si rilegge");
    free(error);
    free(id);
    free(key);
}

/* ---- users -------------------------------------------------------------------------------- */

/* The names a user may be: the plan's persons (the registro's nome) and its dirigenti as written, each once. */
static size_t plan_names(const Plan *plan, const char ***out)
{
    *out = xcalloc(plan->n_persone + plan->n_obiettivi + 1, sizeof **out);
    size_t n = 0;
    for (size_t i = 0; i < plan->n_persone; i++)
        if (plan->persone[i].nome)
            (*out)[n++] = plan->persone[i].nome;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const char *d = plan->obiettivi[i].dirigente;
        bool seen = !d;
        for (size_t k = 0; k < n && !seen; k++)
            seen = persone_stesso_nome((*out)[k], d);
        if (!seen)
            (*out)[n++] = d;
    }
    return n;
}

/* The users and the form of a new one; after an error, what was typed (the password aside) and the error by its field. */
static void users_page(Contesto *c, Risposta *out, const Errori *errori, const Modulo *typed)
{
    risposta_html(out, errori && errori->n ? 422 : 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Utenti", NULL}};
    html_inizio(b, "Utenti", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_riepilogo(b, errori, "L'utente non è stato salvato");
    Utente *u;
    size_t n = archivio_utenti(c->s->a, &u);
    strbuf_puts(b, "<table class=\"elenco\"><caption>Chi accede</caption><thead><tr><th scope=\"col\">Utente</th>"
                   "<th scope=\"col\">Ruolo</th><th scope=\"col\">Persona nel piano</th>"
                   "<th scope=\"col\">Accesso</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        bool missing = u[i].persona && !persone_nome_nel_piano(&c->s->plan, u[i].persona);
        html_printf(b, "<tr><th scope=\"row\" data-etichetta=\"Utente\">%s</th><td data-etichetta=\"Ruolo\">%s</td>"
                       "<td data-etichetta=\"Persona nel piano\">%s%s</td><td data-etichetta=\"Accesso\">%s",
                    u[i].nome, ruolo_nome(u[i].ruolo), u[i].persona ? u[i].persona : "—",
                    missing ? " (non è nel piano: correggerla)" : "", u[i].attivo ? "attivo" : "disattivato");
        if (strcmp(u[i].nome, c->sessione->utente) != 0) { /* one's own access is not switched off from here */
            char *action = url_path("/utenti/%s/accesso", u[i].nome);
            html_form(b, &(Form){.action = action, .csrf = c->sessione->csrf, .classe = "in-riga"});
            html_printf(b, "<input type=\"hidden\" name=\"attivo\" value=\"%s\">", u[i].attivo ? "0" : "1");
            char *label = xasprintf("%s %s", u[i].attivo ? "Disattiva" : "Riattiva", u[i].nome);
            html_pulsante(b, label, NULL, NULL);
            free(label);
            html_form_fine(b);
            free(action);
        }
        strbuf_puts(b, "</td></tr>\n");
        utente_free(&u[i]);
    }
    free(u);
    strbuf_puts(b, "</tbody></table>\n");
    html_form(b, &(Form){.action = "/utenti", .csrf = c->sessione->csrf, .classe = "modulo"});
    strbuf_puts(b, "<fieldset><legend>Nuovo utente, o nuovi ruolo, persona e password di uno che c'è</legend>\n");
    html_errori_generali(b, errori);
    /* no role chosen beforehand: a user gets the role someone picked */
    const char *ruoli[N_RUOLI + 1], *etichette[N_RUOLI + 1];
    ruoli[0] = "";
    etichette[0] = "— scegliere il ruolo —";
    for (int r = 0; r < N_RUOLI; r++)
        ruoli[r + 1] = etichette[r + 1] = ruolo_nome((Ruolo)r);
    const char **names;
    size_t n_names = plan_names(&c->s->plan, &names);
    html_campo(b, &(CampoForm){CAMPO_TESTO, "nome", "Nome utente", .valore = typed ? modulo_valore(typed, "nome") : NULL,
                           .obbligatorio = true}, errori);
    html_campo(b, &(CampoForm){CAMPO_SCELTA, "ruolo", "Ruolo", .valore = typed ? modulo_valore(typed, "ruolo") : NULL,
                           .scelte = ruoli, .etichette = etichette, .n_scelte = N_RUOLI + 1, .obbligatorio = true},
               errori);
    html_campo(b, &(CampoForm){CAMPO_TESTO, "persona", "Persona nel piano",
                           "per un dirigente o un dipendente: il suo nome, come si vuole (con o senza titolo, cognome "
                           "prima o dopo); si sceglie anche dall'elenco",
                           .valore = typed ? modulo_valore(typed, "persona") : NULL, .suggerimenti = names,
                           .n_suggerimenti = n_names}, errori);
    free(names);
    char *hint = xasprintf("almeno %d caratteri", UTENTE_PASSWORD_MIN);
    html_campo(b, &(CampoForm){CAMPO_PASSWORD, "password", "Password", hint, .autocomplete = "new-password",
                           .obbligatorio = true}, errori);
    free(hint);
    html_pulsante(b, "Salva", NULL, NULL);
    strbuf_puts(b, "</fieldset>");
    html_form_fine(b);
    html_fine(b);
}

void pagina_utenti(Contesto *c, Risposta *out)
{
    users_page(c, out, NULL, NULL);
}

void post_utenti(Contesto *c, Risposta *out)
{
    const char *nome = modulo_valore(&c->modulo, "nome"), *ruolo = modulo_valore(&c->modulo, "ruolo"),
               *persona = modulo_valore(&c->modulo, "persona"), *password = modulo_valore(&c->modulo, "password");
    Ruolo r;
    Errori err = {0};
    if (!nome || !*nome || strlen(nome) > 100)
        errori_add(&err, "nome", "Il nome utente è necessario (al più 100 caratteri).");
    if (!ruolo || !*ruolo)
        errori_add(&err, "ruolo", "Scegliere il ruolo.");
    else if (!ruolo_da_nome(ruolo, &r))
        errori_add(&err, "ruolo", "Il ruolo non è uno di quelli previsti.");
    char *nel_piano = NULL, *frase = NULL;
    if (persona && *persona) {
        EsitoPersona ep = archivio_persona_utente(c->s->a, persona, &nel_piano, &frase);
        if (ep == PERSONA_IGNOTA)
            errori_add(&err, "persona", "%s%s", frase, frase[strlen(frase) - 1] == '?' ? "" : ".");
        else if (ep == PERSONA_SENZA_PIANO)
            nel_piano = xstrdup(persona);
        free(frase);
    } else if (ruolo && ruolo_da_nome(ruolo, &r) && (r == RUOLO_DIRIGENTE || r == RUOLO_DIPENDENTE)) {
        errori_add(&err, "persona", "Un %s è una persona del piano: scriverne il nome.", ruolo_nome(r));
    }
    if (!password || strlen(password) < UTENTE_PASSWORD_MIN || strlen(password) > UTENTE_PASSWORD_MAX)
        errori_add(&err, "password", "La password deve avere almeno %d caratteri.", UTENTE_PASSWORD_MIN);
    char hash[crypto_pwhash_STRBYTES];
    if (err.n == 0 && crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        errori_add(&err, "", "Memoria insufficiente per calcolare la password: riprovare.");
    if (err.n) {
        users_page(c, out, &err, &c->modulo);
        errori_free(&err);
        free(nel_piano);
        return;
    }
    Autore chi = contesto_autore(c, NULL);
    char *error = NULL;
    bool esiste;
    bool ok = archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
              archivio_utente_salva(c->s->a, nome, r, nel_piano, hash, &chi, &esiste, &error) == ARCHIVIO_OK &&
              archivio_conferma(c->s->a, &error) == ARCHIVIO_OK;
    sodium_memzero(hash, sizeof hash);
    if (!ok) {
        archivio_annulla(c->s->a);
        errori_add(&err, "", "%s", error ? error : "l'archivio non ha salvato l'utente");
        users_page(c, out, &err, &c->modulo);
        errori_free(&err);
    } else {
        sessioni_chiudi_utente(&c->s->sessioni, nome); /* her sessions follow her: they end now */
        risposta_redirect(out, "/utenti");
    }
    free(nel_piano);
    free(error);
}

void post_accesso_utente(Contesto *c, Risposta *out)
{
    const char *attivo = modulo_valore(&c->modulo, "attivo");
    if (!attivo || (strcmp(attivo, "0") != 0 && strcmp(attivo, "1") != 0)) {
        risposta_errore(c, out, 400, "Il modulo inviato non è leggibile.");
        return;
    }
    if (strcmp(c->argomento, c->sessione->utente) == 0) {
        risposta_errore(c, out, 409, "Non si disattiva il proprio utente: lo fa un altro amministratore.");
        return;
    }
    Autore chi = contesto_autore(c, NULL);
    char *error = NULL;
    ArchivioEsito e = archivio_inizia(c->s->a, &error);
    if (e == ARCHIVIO_OK)
        e = archivio_utente_attivo(c->s->a, c->argomento, attivo[0] == '1', &chi, &error);
    if (e == ARCHIVIO_OK)
        e = archivio_conferma(c->s->a, &error);
    else
        archivio_annulla(c->s->a);
    if (e == ARCHIVIO_OK) {
        sessioni_chiudi_utente(&c->s->sessioni, c->argomento);
        risposta_redirect(out, "/utenti");
    } else {
        risposta_errore(c, out, e == ARCHIVIO_DATI ? 404 : 500,
                        e == ARCHIVIO_DATI ? "Questo utente non c'è." : "L'archivio non ha salvato il cambiamento.");
    }
    free(error);
}
