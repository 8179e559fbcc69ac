/* pagine_accesso.c — logging in and out, and the home page of each role. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "flusso.h"
#include "html_moduli.h"
#include "passi.h"
#include "persone.h"
#include "rotte.h"
#include "server.h"

static void set_cookie(Contesto *c, Risposta *out, const char *token, bool remove)
{
    free(out->set_cookie);
    out->set_cookie = xasprintf("schede_sessione=%s; HttpOnly; SameSite=Strict; Path=/%s%s", remove ? "" : token,
                                remove ? "; Max-Age=0" : "", c->s->cfg.https ? "; Secure" : "");
}

/* The login form; with an error, next to the user name (the field both are about) and in the summary. */
static void login_page(Contesto *c, Risposta *out, const char *errore, const char *utente)
{
    strbuf_free(&out->body);
    if (!c->sessione) { /* the form's csrf lives in a session of its own until login */
        sessione_free(&c->propria);
        char *token = sessioni_nuova(&c->s->sessioni, NULL, c->r->indirizzo, c->s->adesso(), &c->propria);
        if (!token) {
            risposta_errore(c, out, 503, "Troppe persone stanno accedendo in questo momento: riprovare fra un minuto.");
            out->retry_after = 60;
            return;
        }
        set_cookie(c, out, token, false);
        free(c->token);
        c->token = token;
        c->sessione = &c->propria;
    }
    risposta_html(out, errore ? 401 : 200);
    StrBuf *b = &out->body;
    html_inizio(b, "Accesso", NULL, NULL, NULL, NULL, 0);
    Errori e = {0};
    if (errore)
        errori_add(&e, "utente", "%s", errore);
    html_riepilogo(b, &e, "Accesso non riuscito");
    html_form(b, &(Form){.action = "/accesso", .csrf = c->sessione->csrf, .classe = "modulo"});
    html_campo(b, &(CampoForm){CAMPO_TESTO, "utente", "Nome utente", .valore = utente, .autocomplete = "username",
                           .obbligatorio = true}, &e);
    html_campo(b, &(CampoForm){CAMPO_PASSWORD, "password", "Password", .autocomplete = "current-password",
                           .obbligatorio = true}, NULL);
    html_pulsante(b, "Accedi", NULL, NULL);
    html_form_fine(b);
    errori_free(&e);
    html_fine(b);
}

void pagina_accesso(Contesto *c, Risposta *out)
{
    login_page(c, out, NULL, NULL);
}

static void audit(Contesto *c, const char *chi_nome, const char *operazione, const char *chiave, const char *detail)
{
    Autore chi = {chi_nome, NULL};
    char *error = NULL;
    if (archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
        archivio_evento(c->s->a, &chi, operazione, chiave, NULL, detail, &error) == ARCHIVIO_OK)
        archivio_conferma(c->s->a, &error);
    else
        archivio_annulla(c->s->a);
    free(error);
}

/* A refused or failed login in the registro, aggregated (tentativi.h): the
 * first of a user from an address, then the 10th, the 100th… with the count;
 * the name cut to TENTATIVI_NOME_MAX bytes. */
static void audit_failure(Contesto *c, const char *operazione, const char *nome)
{
    long count;
    bool by_address;
    if (!tentativi_da_registrare(&c->s->tentativi, nome, c->r->indirizzo, strcmp(operazione, "accesso bloccato") == 0,
                                 c->s->adesso(), &count, &by_address))
        return;
    char kept[TENTATIVI_NOME_MAX + 1];
    tentativi_nome(nome, kept);
    char *detail = by_address ? xasprintf("%s, %ld tentativi da questo indirizzo con nomi diversi", c->r->indirizzo, count)
                   : count > 1 ? xasprintf("%s, %ld tentativi", c->r->indirizzo, count)
                               : xstrdup(c->r->indirizzo);
    audit(c, "anonimo", operazione, kept, detail);
    free(detail);
}

void post_accesso(Contesto *c, Risposta *out)
{
    const char *nome = modulo_valore(&c->modulo, "utente"), *password = modulo_valore(&c->modulo, "password");
    Server *s = c->s;
    if (!nome || !*nome || !password || !*password) {
        login_page(c, out, "Indicare il nome utente e la password.", nome);
        return;
    }
    int wait = tentativi_attesa(&s->tentativi, nome, c->r->indirizzo, s->adesso());
    if (wait > 0) {
        audit_failure(c, "accesso bloccato", nome);
        char *msg = wait >= 120 ? xasprintf("Troppi tentativi di accesso non riusciti: riprovare fra %d minuti.", (wait + 59) / 60)
                                : xasprintf("Troppi tentativi di accesso non riusciti: riprovare fra %d secondi.", wait);
        risposta_errore(c, out, 429, msg);
        out->retry_after = wait;
        free(msg);
        return;
    }
    Utente u;
    char *error = NULL;
    bool exists = archivio_utente(s->a, nome, &u, &error) == ARCHIVIO_OK, found = exists && u.password;
    free(error);
    char *hash = xstrdup(found ? u.password : s->dummy_hash);
    /* counted before the check, which takes its time outside the lock: tries at once cannot pass the limit */
    tentativi_inizio(&s->tentativi, nome, c->r->indirizzo, s->adesso());
    pthread_mutex_unlock(&s->lock);
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 && found;
    pthread_mutex_lock(&s->lock);
    free(hash);
    if (!ok) {
        /* the delay runs from the failure's answer, not from before the password's check (which takes its time) */
        tentativi_fallito(&s->tentativi, nome, c->r->indirizzo, s->adesso());
        audit_failure(c, "accesso non riuscito", nome);
        contesto_ritrova_sessione(c);
        login_page(c, out, "Nome utente o password non corretti.", nome);
        if (exists)
            utente_free(&u);
        return;
    }
    tentativi_riuscito(&s->tentativi, nome, c->r->indirizzo);
    if (!u.attivo) { /* the right password: she may know why she cannot come in */
        audit(c, u.nome, "accesso rifiutato", u.nome, "utente disattivato");
        contesto_ritrova_sessione(c);
        login_page(c, out, "Questo utente è disattivato: rivolgersi alla Segreteria.", nome);
        utente_free(&u);
        return;
    }
    sessioni_chiudi(&s->sessioni, c->token); /* a new token at login */
    sessione_free(&c->propria);
    char *token = sessioni_nuova(&s->sessioni, &u, c->r->indirizzo, s->adesso(), &c->propria);
    c->sessione = token ? &c->propria : NULL;
    if (!token) {
        utente_free(&u);
        risposta_errore(c, out, 503, "L'accesso non è stato registrato: riprovare fra un minuto.");
        out->retry_after = 60;
        return;
    }
    audit(c, u.nome, "accesso", u.nome, c->r->indirizzo);
    set_cookie(c, out, token, false);
    free(token);
    utente_free(&u);
    risposta_redirect(out, "/");
}

void post_uscita(Contesto *c, Risposta *out)
{
    audit(c, c->sessione->utente, "uscita", c->sessione->utente, NULL);
    sessioni_chiudi(&c->s->sessioni, c->token);
    c->sessione = NULL;
    set_cookie(c, out, "", true);
    risposta_redirect(out, "/accesso");
}

/* One line of the menu. */
static void menu_item(StrBuf *b, const char *href, const char *label, const char *descrizione)
{
    strbuf_puts(b, "<li>");
    html_link(b, href, label);
    html_printf(b, " <span>%s</span></li>\n", descrizione);
}

/* The menu: the routes of the table the role may follow (rotte.c), the
 * documents of the catalogue it may download, its own sheet. */
static void menu(Contesto *c, StrBuf *b)
{
    strbuf_puts(b, "<ul class=\"voci\">\n");
    for (size_t i = 0; i < N_ROTTE; i++) {
        const Rotta *r = &ROTTE[i];
        if (r->oggetto == OGGETTO_DOCUMENTO) {
            for (size_t k = 0; k < N_DOCUMENTI; k++) {
                const Documento *d = &CATALOGO[k];
                if (!documento_consentito(d, c->capacita))
                    continue;
                char *href = url_path("/documenti/%s.pdf", d->nome), *label = xasprintf("%s (PDF)", d->etichetta);
                menu_item(b, href, label, d->descrizione);
                free(href);
                free(label);
            }
        } else if (r->voce && strcmp(r->metodo, "GET") == 0 && rotta_consentita(r, c->capacita)) {
            menu_item(b, r->schema, r->voce, r->descrizione);
        }
    }
    const Persona *me = contesto_persona(c);
    if (me && me->id && (c->capacita & CAP_SCHEDA_PROPRIA)) {
        char *href = url_path("/persone/%s", me->id);
        menu_item(b, href, "La mia scheda", "Partecipazione agli obiettivi e valutazione");
        free(href);
    }
    strbuf_puts(b, "</ul>\n");
}

void home_con_errori(Contesto *c, Risposta *out, const Errori *errori, const void *dati)
{
    (void)dati;
    const Sessione *se = c->sessione;
    strbuf_free(&out->body);
    risposta_html(out, errori && errori->n ? 422 : 200);
    StrBuf *b = &out->body;
    html_inizio(b, c->s->has_plan ? c->s->plan.ente : "schede", se->utente, ruolo_nome(se->ruolo), se->csrf, NULL, 0);
    html_riepilogo(b, errori, "Il passo non è stato fatto");
    html_esito(b, c);
    const VersionePiano *v = &c->s->versione;
    html_printf(b, "<p>Anno delle rilevazioni: <strong>%d</strong>. Piano: versione %d%s", c->s->anno, v->numero,
                v->approvata ? ", approvata" : " (nessuna versione approvata: si usa l'ultima, e i documenti lo dicono)");
    if (v->approvata && v->ultima > v->numero) {
        char *key = flusso_chiave_versione(v->ultima);
        Stato latest = stato_di(c->s->a, "versione", key);
        html_printf(b, "; la versione %d, caricata dopo, è «%s»", v->ultima, latest.stato ? latest.stato : "bozza");
        stato_free(&latest);
        free(key);
    }
    strbuf_puts(b, ".</p>\n");
    home_da_fare(c, b);
    menu(c, b);
    home_anno(c, b, errori);
    html_fine(b);
}

void pagina_home(Contesto *c, Risposta *out)
{
    home_con_errori(c, out, NULL, NULL);
}
