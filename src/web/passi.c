/* SPDX-License-Identifier: EUPL-1.2 */
/* passi.c — a workflow's step from a page: check, confirm, apply (passi.h). */
#include "passi.h"

#include <stdlib.h>
#include <string.h>

#include "rotte.h"

Attore passo_attore(const Contesto *c)
{
    const Sessione *s = c->sessione;
    return (Attore){
        .nome = s->utente,
        .ruolo = s->ruolo,
        .dirigente = c->obiettivo && contesto_dirigente_di(c, c->obiettivo),
        .persona = c->persona && contesto_e(c, c->persona),
    };
}

void html_passo(StrBuf *b, const Contesto *c, const char *action, const Transizione *t, const char *const *nascosti,
                const char *id_motivo, const Errori *errori)
{
    html_form(b, &(Form){.action = action, .csrf = c->sessione->csrf, .classe = t->motivo ? "modulo" : "in-riga"});
    html_nascosto(b, "azione", t->azione);
    for (size_t i = 0; nascosti && nascosti[i]; i += 2)
        html_nascosto(b, nascosti[i], nascosti[i + 1]);
    if (t->motivo != MOTIVO_NESSUNO)
        html_campo(b, &(CampoForm){CAMPO_TESTO, "motivo", t->motivo_etichetta,
                                   t->motivo == MOTIVO_DATA ? "gg/mm/aaaa" : NULL, .id = id_motivo,
                                   .obbligatorio = true}, errori);
    html_pulsante(b, t->etichetta, NULL, NULL);
    html_form_fine(b);
}

char *url_con_esito(const char *path, const char *name, const char *value)
{
    const char *hash = strchr(path, '#');
    size_t base = hash ? (size_t)(hash - path) : strlen(path);
    char *v = url_path("%s", value);
    char *out = xasprintf("%.*s%s%s=%s%s", (int)base, path, memchr(path, '?', base) ? "&" : "?", name, v,
                          hash ? hash : "");
    free(v);
    return out;
}

void html_esito(StrBuf *b, const Contesto *c)
{
    Modulo q;
    if (!modulo_urlencoded(c->r->query, strlen(c->r->query), &q))
        return;
    const char *fatto = modulo_valore(&q, "fatto"), *salvato = modulo_valore(&q, "salvato");
    const char *caricato = modulo_valore(&q, "caricato");
    const Transizione *t = NULL;
    for (size_t i = 0; fatto && i < N_TRANSIZIONI && !t; i++)
        if (strcmp(TRANSIZIONI[i].azione, fatto) == 0)
            t = &TRANSIZIONI[i];
    if (t)
        html_printf(b, "<p class=\"fatto\" role=\"status\">Fatto: %s.</p>\n", t->etichetta);
    else if (salvato && *salvato && strspn(salvato, "0123456789") == strlen(salvato) && strlen(salvato) < 6)
        html_printf(b, "<p class=\"fatto\" role=\"status\">Rilevazione dell'azione %s salvata.</p>\n", salvato);
    else if (salvato && strcmp(salvato, "termine") == 0)
        strbuf_puts(b, "<p class=\"fatto\" role=\"status\">Termine della raccolta salvato.</p>\n");
    else if (caricato && strcmp(caricato, "valutazioni") == 0)
        strbuf_puts(b, "<p class=\"fatto\" role=\"status\">Valutazioni scritte nell'archivio.</p>\n");
    else if (caricato && strcmp(caricato, "sistema") == 0)
        strbuf_puts(b, "<p class=\"fatto\" role=\"status\">Sistema di valutazione sostituito.</p>\n");
    modulo_free(&q);
}

size_t html_passi(StrBuf *b, const Contesto *c, Flusso f, StatoFlusso da, const char *action,
                  const char *const *nascosti, const char *id_motivo, const Errori *errori)
{
    Attore chi = passo_attore(c);
    size_t n = 0;
    for (size_t i = 0; i < N_TRANSIZIONI; i++) {
        const Transizione *t = &TRANSIZIONI[i];
        char *why = NULL;
        if (t->flusso == f && t->da == da && transizione_permessa(t, &chi, &why)) {
            html_passo(b, c, action, t, nascosti, id_motivo, errori);
            n++;
        }
        free(why);
    }
    return n;
}

/* What the step will do, and the form that does it: the same fields again, with conferma=1. */
static void confirmation(Contesto *c, Risposta *out, const Passo *p, const Transizione *t)
{
    risposta_html(out, 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Conferma", NULL}};
    html_inizio(b, t->etichetta, c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_printf(b, "<p class=\"oggetto\">%s %s</p>\n", flusso_nome(p->ctx.flusso), p->ctx.chiave);
    html_element(b, "p", ATTRS({"class", "conferma"}), t->conferma);
    char *detail = flusso_conferma_dettaglio(&p->ctx, t);
    if (detail)
        html_element(b, "p", NULL, detail);
    free(detail);
    if (t->motivo != MOTIVO_NESSUNO)
        html_printf(b, "<p>%s: <strong>%s</strong></p>\n", t->motivo_etichetta, p->ctx.motivo);
    html_form(b, &(Form){.action = c->r->percorso, .csrf = c->sessione->csrf, .classe = "modulo"});
    for (size_t i = 0; i < c->modulo.n; i++) {
        const CampoModulo *f = &c->modulo.campi[i];
        if (!f->file && strcmp(f->nome, "csrf") != 0 && strcmp(f->nome, "conferma") != 0)
            html_nascosto(b, f->nome, f->valore);
    }
    html_nascosto(b, "conferma", "1");
    char *button = xasprintf("Conferma: %s", t->etichetta);
    html_pulsante(b, button, NULL, NULL);
    free(button);
    html_form_fine(b);
    strbuf_puts(b, "<p>");
    html_link(b, p->ritorno, "Annulla e torna indietro");
    strbuf_puts(b, "</p>\n");
    html_fine(b);
}

/* The step's error on its form's page (422), or on a page of its own (409) when there is no form to go back to. */
static void refused(Contesto *c, Risposta *out, const Passo *p, const char *message, bool del_motivo)
{
    if (!p->pagina) {
        risposta_errore(c, out, 409, message);
        return;
    }
    Errori e = {0};
    if (del_motivo)
        errori_add_id(&e, "motivo", p->id_motivo, "%s", message);
    else
        errori_add(&e, "", "%s", message);
    p->pagina(c, out, &e, p->dati);
    out->status = 422;
    errori_free(&e);
}

void web_passo(Contesto *c, Risposta *out, Passo *p)
{
    p->ctx.a = c->s->a;
    p->ctx.motivo = modulo_valore(&c->modulo, "motivo");
    Attore chi = passo_attore(c);
    const Transizione *t;
    char *error = NULL;
    bool del_motivo = false;
    ArchivioEsito e = flusso_controlla(&p->ctx, p->azione, &chi, &t, &error, &del_motivo);
    if (e == ARCHIVIO_OK && !(modulo_valore(&c->modulo, "conferma") && strcmp(modulo_valore(&c->modulo, "conferma"), "1") == 0)) {
        confirmation(c, out, p, t);
        free(error);
        return;
    }
    if (e == ARCHIVIO_OK) {
        e = archivio_inizia(c->s->a, &error);
        if (e == ARCHIVIO_OK && (e = flusso_applica(&p->ctx, p->azione, &chi, &error)) == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else if (e != ARCHIVIO_OK)
            archivio_annulla(c->s->a);
    }
    if (e == ARCHIVIO_OK) {
        char *back = url_con_esito(p->ritorno, "fatto", p->azione);
        risposta_redirect(out, back);
        free(back);
    }
    else
        refused(c, out, p, error ? error : "Il passo non si è potuto fare.", del_motivo);
    free(error);
}
