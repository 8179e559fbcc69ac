/* pagine_accesso.c — logging in and out, and the home page of each role. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "persone.h"
#include "server.h"

static void set_cookie(Contesto *c, Risposta *out, const char *token, bool remove)
{
    free(out->set_cookie);
    out->set_cookie = xasprintf("schede_sessione=%s; HttpOnly; SameSite=Strict; Path=/%s%s", remove ? "" : token,
                                remove ? "; Max-Age=0" : "", c->s->cfg.https ? "; Secure" : "");
}

void pagina_accesso(Contesto *c, Risposta *out, const char *errore, const char *utente)
{
    strbuf_free(&out->body);
    if (!c->sessione) { /* the form's csrf lives in a session of its own until login */
        Sessione *anon;
        char *token = sessioni_nuova(&c->s->sessioni, NULL, c->s->adesso(), &anon);
        set_cookie(c, out, token, false);
        free(c->token);
        c->token = token;
        c->sessione = anon;
    }
    risposta_html(out, errore ? 401 : 200);
    StrBuf *b = &out->body;
    html_inizio(b, "Accesso", NULL, NULL, NULL, NULL, 0);
    strbuf_puts(b, "<form class=\"modulo\" method=\"post\" action=\"/accesso\">\n");
    html_csrf(b, c->sessione->csrf);
    if (errore)
        html_printf(b, "<p class=\"errore\" role=\"alert\" id=\"errore-accesso\">%s</p>\n", errore);
    const char *invalid = errore ? "true" : "false", *described = errore ? "errore-accesso" : "";
    html_printf(b,
                "<div class=\"campo\"><label for=\"utente\">Nome utente</label>"
                "<input id=\"utente\" name=\"utente\" autocomplete=\"username\" required value=\"%s\" "
                "aria-invalid=\"%s\" aria-describedby=\"%s\"></div>\n"
                "<div class=\"campo\"><label for=\"password\">Password</label>"
                "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required "
                "aria-invalid=\"%s\" aria-describedby=\"%s\"></div>\n<button type=\"submit\">Accedi</button>\n</form>\n",
                utente ? utente : "", invalid, described, invalid, described);
    html_fine(b);
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

void post_accesso(Contesto *c, Risposta *out)
{
    const char *nome = modulo_valore(&c->modulo, "utente"), *password = modulo_valore(&c->modulo, "password");
    Server *s = c->s;
    if (!nome || !*nome || !password || !*password) {
        pagina_accesso(c, out, "Indicare il nome utente e la password.", nome);
        return;
    }
    int wait = tentativi_attesa(&s->sessioni, nome, c->r->indirizzo, s->adesso());
    if (wait > 0) {
        audit(c, "anonimo", "accesso bloccato", nome, c->r->indirizzo);
        char *msg = xasprintf("Troppi tentativi di accesso non riusciti: riprovare fra %d minuti.", (wait + 59) / 60);
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
    /* argon2id takes its time and memory: not under the lock */
    pthread_mutex_unlock(&s->lock);
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 && found;
    pthread_mutex_lock(&s->lock);
    free(hash);
    if (!ok) {
        tentativi_fallito(&s->sessioni, nome, c->r->indirizzo, s->adesso());
        audit(c, "anonimo", "accesso non riuscito", nome, c->r->indirizzo);
        c->sessione = sessioni_trova(&s->sessioni, c->token, s->adesso());
        pagina_accesso(c, out, "Nome utente o password non corretti.", nome);
        if (exists)
            utente_free(&u);
        return;
    }
    tentativi_riuscito(&s->sessioni, nome);
    sessioni_chiudi(&s->sessioni, c->token); /* a new token at login */
    Sessione *nuova;
    char *token = sessioni_nuova(&s->sessioni, &u, s->adesso(), &nuova);
    c->sessione = nuova;
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

typedef struct {
    const char *href, *label, *descrizione;
    unsigned ruoli; /* bit per Ruolo */
} Voce;

#define R(x) (1u << (x))
static const Voce VOCI[] = {
    {"/obiettivi", "Obiettivi", "Le schede, le rilevazioni e il loro stato",
     R(RUOLO_AMMINISTRATORE) | R(RUOLO_DIRIGENTE) | R(RUOLO_PERSONALE) | R(RUOLO_OIV)},
    {"/documenti/schede.pdf", "Schede degli obiettivi (PDF)", "Gli allegati della Giunta",
     R(RUOLO_AMMINISTRATORE) | R(RUOLO_PERSONALE) | R(RUOLO_OIV)},
    {"/documenti/persone.pdf", "Schede del personale (PDF)", "La partecipazione di ciascuno",
     R(RUOLO_AMMINISTRATORE) | R(RUOLO_PERSONALE) | R(RUOLO_OIV)},
    {"/documenti/relazione.pdf", "Relazione sulla Performance (PDF)", "Per l'OIV e Amministrazione trasparente",
     R(RUOLO_AMMINISTRATORE) | R(RUOLO_PERSONALE) | R(RUOLO_OIV)},
    {"/documenti/monitoraggio.pdf", "Monitoraggio (PDF)", "Lo stato a oggi, con il cronoprogramma",
     R(RUOLO_AMMINISTRATORE) | R(RUOLO_PERSONALE) | R(RUOLO_OIV)},
    {"/valutazioni", "Valutazioni", "Il sistema di valutazione e le valutazioni dell'anno", R(RUOLO_AMMINISTRATORE) | R(RUOLO_PERSONALE)},
    {"/documenti/premi.pdf", "Premi (PDF, riservato)", "La ripartizione del fondo", R(RUOLO_AMMINISTRATORE) | R(RUOLO_PERSONALE)},
    {"/piano", "Piano e versioni", "Caricare una versione, proporla, approvarla", R(RUOLO_AMMINISTRATORE)},
    {"/utenti", "Utenti", "Chi accede e con quale ruolo", R(RUOLO_AMMINISTRATORE)},
    {"/storia", "Storia delle modifiche", "Chi ha cambiato che cosa, e quando", R(RUOLO_AMMINISTRATORE) | R(RUOLO_OIV)},
};

void pagina_home(Contesto *c, Risposta *out)
{
    const Sessione *se = c->sessione;
    risposta_html(out, 200);
    StrBuf *b = &out->body;
    html_inizio(b, c->s->has_plan ? c->s->plan.ente : "schede", se->utente, ruolo_nome(se->ruolo), se->csrf, NULL, 0);
    html_printf(b, "<p>Anno delle rilevazioni: <strong>%d</strong>. Piano: versione %d%s.</p>\n", c->s->anno,
                c->s->versione.numero, c->s->versione.approvata ? ", approvata" : " (nessuna versione approvata: si usa l'ultima)");
    strbuf_puts(b, "<ul class=\"voci\">\n");
    for (size_t i = 0; i < sizeof VOCI / sizeof *VOCI; i++)
        if (VOCI[i].ruoli & R(se->ruolo))
            html_printf(b, "<li><a href=\"%s\">%s</a> <span>%s</span></li>\n", VOCI[i].href, VOCI[i].label,
                        VOCI[i].descrizione);
    if (se->ruolo == RUOLO_DIPENDENTE || se->ruolo == RUOLO_DIRIGENTE) {
        const Persona *p = se->persona ? persone_match_untitled(&c->s->plan, se->persona) : NULL;
        if (p && p->id) {
            char *href = xasprintf("/persone/%s", p->id);
            html_printf(b, "<li><a href=\"%s\">La mia scheda</a> <span>Partecipazione agli obiettivi e valutazione</span></li>\n",
                        href);
            free(href);
        }
    }
    strbuf_puts(b, "</ul>\n");
    home_anno(c, b);
    html_fine(b);
}
