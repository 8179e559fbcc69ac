/* SPDX-License-Identifier: EUPL-1.2 */
/* pagine_valutazioni.c — the ufficio personale's page: the SMVP and the
 * valutazioni of the year in the archive, and their upload (JSON, CSV or
 * the workbook of `schede modello-valutazioni`) in two steps: POST
 * /valutazioni checks the file and shows, person by person, what it would
 * change (src/caricamento), keeping the file in the archive under a token;
 * POST /valutazioni/conferma applies it, if the archive has not moved in
 * between. A file that would change a valutazione comunicata, seen or
 * validated is refused whole, naming each person. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "caricamento.h"
#include "html_moduli.h"
#include "passi.h"
#include "server.h"

/* ---- the page ------------------------------------------------------------------------------- */

/* The year's valutazioni by state: how many in bozza, comunicata, presa visione. */
static void states_of_year(Contesto *c, StrBuf *b, long n)
{
    char *prefix = archivio_chiave_valutazione(c->s->anno, "");
    char **keys;
    Stato *st;
    size_t k = archivio_stati(c->s->a, "valutazione", prefix, &keys, &st);
    size_t comunicate = 0, viste = 0;
    for (size_t i = 0; i < k; i++) {
        StatoFlusso s = STATO_BOZZA;
        if (st[i].stato && stato_da_nome(st[i].stato, &s)) {
            comunicate += s == STATO_COMUNICATA;
            viste += s == STATO_PRESA_VISIONE;
        }
        free(keys[i]);
        stato_free(&st[i]);
    }
    free(keys);
    free(st);
    free(prefix);
    long bozze = n - (long)comunicate - (long)viste;
    html_printf(b, "<li>Valutazioni del %d: <strong>%ld</strong> %s (in bozza %ld, comunicate %zu, con presa visione %zu)"
                   " — <a href=\"/persone\">le persone e le loro valutazioni</a></li>\n",
                c->s->anno, n, n == 1 ? "persona" : "persone", bozze < 0 ? 0 : bozze, comunicate, viste);
}

static void valutazioni_page(Contesto *c, Risposta *out, const Errori *errori)
{
    risposta_html(out, errori && errori->n ? 422 : 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Valutazioni", NULL}};
    html_inizio(b, "Valutazioni", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_esito(b, c);
    html_riepilogo(b, errori, "Il file non è stato caricato");
    ArchivioFile sf = {0};
    char *error = NULL;
    ArchivioEsito es = archivio_sistema(c->s->a, &sf, &error);
    free(error);
    strbuf_puts(b, "<ul class=\"dati-archivio\">\n");
    if (es == ARCHIVIO_OK)
        html_printf(b, "<li>Sistema di valutazione: <strong>%s</strong></li>\n", sf.file);
    else
        strbuf_puts(b, "<li>Sistema di valutazione: nessuno nell'archivio. Va caricato prima delle valutazioni.</li>\n");
    archivio_file_free(&sf);
    long n = archivio_conta_valutazioni(c->s->a, c->s->anno);
    if (n > 0)
        states_of_year(c, b, n);
    else
        html_printf(b, "<li>Valutazioni del %d: nessuna nell'archivio</li>\n", c->s->anno);
    strbuf_puts(b, "</ul>\n");
    html_form(b, &(Form){.action = "/valutazioni", .csrf = c->sessione->csrf, .classe = "modulo", .multipart = true});
    strbuf_puts(b, "<fieldset><legend>Carica il sistema o le valutazioni</legend>\n");
    html_errori_generali(b, errori);
    html_campo(b, &(CampoForm){CAMPO_FILE, "file", "Il file (JSON, CSV, .xlsx o .ods), riconosciuto dal contenuto",
                           "Le valutazioni cambiano solo per le persone che il file nomina; prima di scrivere, la "
                           "pagina mostra le differenze e chiede conferma.",
                           .accept = ".json,.csv,.xlsx,.ods"}, errori);
    html_pulsante(b, "Controlla il file", NULL, NULL);
    strbuf_puts(b, "</fieldset>");
    html_form_fine(b);
    html_fine(b);
}

void pagina_valutazioni(Contesto *c, Risposta *out)
{
    valutazioni_page(c, out, NULL);
}

/* ---- the differences ------------------------------------------------------------------------ */

static void diff_items(StrBuf *b, const Differenza *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        html_printf(b, "<li>%s: %s → <strong>%s</strong></li>", d[i].etichetta, d[i].prima, d[i].dopo);
}

/* In the table of what changes: the persons the file changes (or the SMVP's changes); the others whose premio
   alone moves (the fund shared again) go in a second table, folded. */
static bool main_row(const Caricamento *k, const CambioPersona *p)
{
    if (k->tipo == TIPO_SISTEMA)
        return p->n_esiti > 0;
    return p->tipo == CAMBIO_NUOVA || p->tipo == CAMBIO_MODIFICATA || p->tipo == CAMBIO_RIMOSSA;
}

static bool premio_row(const Caricamento *k, const CambioPersona *p)
{
    return !main_row(k, p) && p->n_esiti > 0;
}

static void changes_table(StrBuf *b, const Caricamento *k, bool (*which)(const Caricamento *, const CambioPersona *),
                          const char *caption)
{
    html_printf(b, "<table class=\"differenze\"><caption>%s</caption>\n<thead><tr>"
                   "<th scope=\"col\">Persona</th><th scope=\"col\">Valutazione</th><th scope=\"col\">Che cosa "
                   "cambia</th><th scope=\"col\">Stato</th></tr></thead>\n<tbody>\n", caption);
    for (size_t i = 0; i < k->n; i++) {
        const CambioPersona *p = &k->persone[i];
        if (!which(k, p))
            continue;
        html_printf(b, "<tr><th scope=\"row\" data-etichetta=\"Persona\">%s</th><td data-etichetta=\"Valutazione\">"
                       "%s</td><td data-etichetta=\"Che cosa cambia\"><ul>",
                    p->persona, p->tipo == CAMBIO_ASSENTE ? "non nel file" : cambio_nome(p->tipo));
        if (p->tipo != CAMBIO_NUOVA) /* a new one: what it gives, not each of its fields */
            diff_items(b, p->campi, p->n_campi);
        diff_items(b, p->esiti, p->n_esiti);
        if (p->n_campi + p->n_esiti == 0)
            strbuf_puts(b, p->tipo == CAMBIO_RIMOSSA ? "<li>la valutazione sarà tolta</li>" : "<li>—</li>");
        html_printf(b, "</ul></td><td data-etichetta=\"Stato\">%s %d</td></tr>\n", stato_nome(p->stato), p->anno);
    }
    strbuf_puts(b, "</tbody></table>\n");
}

/* What the upload would change, and the form that confirms it (200). */
static void differences_page(Contesto *c, Risposta *out, const Caricamento *k, const DiagList *d, const char *token,
                             const char *avviso)
{
    risposta_html(out, 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Valutazioni", "/valutazioni"}, {"Controlla il caricamento", NULL}};
    html_inizio(b, "Controlla il caricamento", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf,
                path, 3);
    if (avviso)
        html_element(b, "p", ATTRS({"class", "avviso"}, {"role", "alert"}), avviso);
    bool changes = k->nuove + k->modificate + k->rimosse + k->con_esiti_cambiati > 0 || k->tipo == TIPO_SISTEMA;
    if (k->tipo == TIPO_SISTEMA) {
        html_printf(b, "<p class=\"oggetto\">%s — sistema di valutazione</p>\n", k->file);
        html_printf(b, "<p>Il sistema di valutazione dell'archivio sarà sostituito da questo file. Cambia l'esito della "
                       "valutazione di %zu %s.</p>\n",
                    k->con_esiti_cambiati, k->con_esiti_cambiati == 1 ? "persona" : "persone");
    } else {
        html_printf(b, "<p class=\"oggetto\">%s — valutazioni del %d</p>\n", k->file, k->anno);
        html_printf(b, "<p>Valutazioni nuove: <strong>%zu</strong>; modificate: <strong>%zu</strong>; uguali a quelle "
                       "dell'archivio: %zu. Persone dell'archivio che il file non nomina: %zu (restano come sono, a "
                       "meno di toglierle qui sotto).</p>\n",
                    k->nuove, k->modificate, k->uguali, k->assenti + k->rimosse);
    }
    if (d && d->warnings) {
        strbuf_puts(b, "<section aria-labelledby=\"titolo-avvisi\"><h2 id=\"titolo-avvisi\">Avvisi</h2><ul>\n");
        for (size_t i = 0; i < d->count; i++)
            if (d->items[i].severity == DIAG_WARNING)
                html_element(b, "li", NULL, d->items[i].message);
        strbuf_puts(b, "</ul></section>\n");
    }
    size_t main_rows = 0, premio_rows = 0;
    for (size_t i = 0; i < k->n; i++) {
        main_rows += main_row(k, &k->persone[i]);
        premio_rows += premio_row(k, &k->persone[i]);
    }
    if (main_rows)
        changes_table(b, k, main_row, "Che cosa cambia, persona per persona");
    if (premio_rows) {
        html_printf(b, "<details><summary>Il premio cambia anche per altre %zu persone: il fondo si ripartisce di "
                       "nuovo</summary>\n", premio_rows);
        changes_table(b, k, premio_row, "Premi ricalcolati");
        strbuf_puts(b, "</details>\n");
    }
    if (!changes)
        strbuf_puts(b, "<p class=\"fatto\" role=\"status\">Il file non cambia nulla nell'archivio.</p>\n");
    if (!changes && k->assenti == 0) {
        strbuf_puts(b, "<p><a href=\"/valutazioni\">Torna alle valutazioni</a></p>\n");
        html_fine(b);
        return;
    }
    html_form(b, &(Form){.action = "/valutazioni/conferma", .csrf = c->sessione->csrf, .classe = "modulo"});
    html_nascosto(b, "caricamento", token);
    html_nascosto(b, "conferma", "1");
    if (k->assenti + k->rimosse) {
        html_printf(b, "<details%s><summary>Togliere dall'archivio qualcuna delle %zu persone che il file non nomina"
                       "</summary>\n", k->rimosse ? " open" : "", k->assenti + k->rimosse);
        strbuf_puts(b, "<fieldset><legend>Persone dell'archivio che il file non nomina</legend>\n<p class=\"aiuto\">"
                       "La loro valutazione resta com'è. Per toglierne una, spuntarla: le differenze saranno mostrate "
                       "di nuovo prima di scrivere.</p>\n");
        size_t n = 0;
        for (size_t i = 0; i < k->n; i++) {
            const CambioPersona *p = &k->persone[i];
            if (p->tipo != CAMBIO_ASSENTE && p->tipo != CAMBIO_RIMOSSA)
                continue;
            char id[32];
            snprintf(id, sizeof id, "rimuovi-%zu", ++n);
            html_printf(b, "<div class=\"scelta\"><input type=\"checkbox\" id=\"%s\" name=\"rimuovi\" value=\"%s\"%s>"
                           "<label for=\"%s\">Togli la valutazione di %s (%s)</label></div>\n",
                        id, p->persona, p->tipo == CAMBIO_RIMOSSA ? " checked" : "", id, p->persona,
                        stato_nome(p->stato));
        }
        strbuf_puts(b, "</fieldset></details>\n");
    }
    html_pulsante(b, k->tipo == TIPO_SISTEMA ? "Conferma: sostituisci il sistema di valutazione"
                     : changes               ? "Conferma: scrivi le valutazioni nell'archivio"
                                             : "Togli le persone spuntate",
                  NULL, NULL);
    html_form_fine(b);
    strbuf_puts(b, "<p><a href=\"/valutazioni\">Annulla: non scrivere nulla</a></p>\n");
    html_fine(b);
}

/* The refusal of an upload: its errors by the file field, on the page, with nothing saved (422). */
static void refused(Contesto *c, Risposta *out, EsitoCaricamento ec, const Caricamento *k, const DiagList *d,
                    const char *error)
{
    Errori err = {0};
    if (ec == CARICAMENTO_BLOCCATO) {
        errori_add(&err, "", "Il file cambierebbe %zu %s già comunicate, viste o validate, che un caricamento non "
                             "cambia: nessuna modifica. Per cambiarne una, l'ufficio personale la riapre con un "
                             "motivo dalla pagina della persona; quelle validate, l'OIV.",
                   k->n_bloccate, k->n_bloccate == 1 ? "valutazione" : "valutazioni");
        for (size_t i = 0; i < k->n_bloccate; i++)
            errori_add(&err, "file", "%s", k->bloccate[i]);
    } else if (ec == CARICAMENTO_ARCHIVIO) {
        errori_add(&err, "file", "%s", error ? error : "l'archivio non si legge");
    } else {
        errori_da_diagnostica(&err, "file", d);
        if (err.n == 0)
            errori_add(&err, "file", "Il file non si legge come un sistema di valutazione o delle valutazioni.");
    }
    valutazioni_page(c, out, &err);
    errori_free(&err);
}

/* The names the form asks to remove (the values of its "rimuovi" fields; the array only is the caller's). */
static size_t removals(const Contesto *c, const char ***out)
{
    *out = NULL;
    size_t n = 0;
    for (size_t i = 0; i < c->modulo.n; i++)
        if (strcmp(c->modulo.campi[i].nome, "rimuovi") == 0 && !c->modulo.campi[i].file) {
            *out = xrealloc(*out, (n + 1) * sizeof **out);
            (*out)[n++] = c->modulo.campi[i].valore;
        }
    return n;
}

static void random_token(char out[33])
{
    unsigned char r[16];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(out, 33, r, sizeof r);
}

void post_valutazioni(Contesto *c, Risposta *out)
{
    const CampoModulo *f = modulo_campo(&c->modulo, "file");
    if (!f || !f->file || f->len == 0) {
        Errori err = {0};
        errori_add(&err, "file", "Scegliere il file.");
        valutazioni_page(c, out, &err);
        errori_free(&err);
        return;
    }
    const char *name = *f->file ? f->file : "valutazioni";
    RichiestaCaricamento r = {name, f->valore, f->len, CODIFICA_AUTO, c->s->anno, NULL, 0};
    DiagList d;
    diag_list_init(&d);
    Caricamento k;
    char *error = NULL;
    EsitoCaricamento ec = caricamento_prepara(c->s->a, &r, &k, &d, &error);
    if (ec == CARICAMENTO_OK) {
        char token[33];
        random_token(token);
        ArchivioEsito e = archivio_inizia(c->s->a, &error);
        if (e == ARCHIVIO_OK &&
            (e = archivio_caricamento_salva(c->s->a, token, c->sessione->utente, k.anno, name, f->valore, f->len,
                                            k.impronta, &error)) == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else if (e != ARCHIVIO_OK)
            archivio_annulla(c->s->a);
        if (e == ARCHIVIO_OK)
            differences_page(c, out, &k, &d, token, NULL);
        else
            refused(c, out, CARICAMENTO_ARCHIVIO, &k, &d, error);
    } else {
        refused(c, out, ec, &k, &d, error);
    }
    caricamento_free(&k);
    diag_list_free(&d);
    free(error);
}

void post_conferma_valutazioni(Contesto *c, Risposta *out)
{
    const char *token = modulo_valore(&c->modulo, "caricamento");
    const char *conferma = modulo_valore(&c->modulo, "conferma");
    if (!token || strlen(token) != 32 || strspn(token, "0123456789abcdef") != 32) {
        Errori err = {0};
        errori_add(&err, "file", "Il caricamento da confermare non c'è: caricare di nuovo il file.");
        valutazioni_page(c, out, &err);
        errori_free(&err);
        return;
    }
    char *error = NULL;
    ArchivioEsito e = archivio_inizia(c->s->a, &error);
    Caricato saved = {0};
    if (e == ARCHIVIO_OK)
        e = archivio_caricamento(c->s->a, token, c->sessione->utente, &saved, &error);
    if (e != ARCHIVIO_OK) {
        archivio_annulla(c->s->a);
        Errori err = {0};
        errori_add(&err, "file", "%s", error ? error : "l'archivio non si legge");
        valutazioni_page(c, out, &err);
        errori_free(&err);
        free(error);
        return;
    }
    const char **rimuovi;
    size_t n_rimuovi = removals(c, &rimuovi);
    RichiestaCaricamento r = {saved.file.file, saved.file.bytes, saved.file.len, CODIFICA_AUTO, saved.anno, rimuovi,
                              n_rimuovi};
    DiagList d;
    diag_list_init(&d);
    Caricamento k;
    EsitoCaricamento ec = caricamento_prepara(c->s->a, &r, &k, &d, &error);
    bool confirmed = conferma && strcmp(conferma, "1") == 0;
    if (ec != CARICAMENTO_OK) {
        archivio_annulla(c->s->a);
        refused(c, out, ec, &k, &d, error);
    } else if (!confirmed || strcmp(k.impronta, saved.differenze) != 0) {
        /* what would be written is not what was shown (removals asked, or the archive moved): shown again */
        e = archivio_caricamento_salva(c->s->a, token, c->sessione->utente, k.anno, saved.file.file, saved.file.bytes,
                                       saved.file.len, k.impronta, &error);
        if (e == ARCHIVIO_OK && (e = archivio_conferma(c->s->a, &error)) == ARCHIVIO_OK)
            differences_page(c, out, &k, &d, token,
                             n_rimuovi ? "Le differenze tengono conto delle persone da togliere: controllarle e "
                                         "confermare."
                                       : "Nel frattempo l'archivio è cambiato: queste sono le differenze di adesso. "
                                         "Controllarle e confermare.");
        else {
            archivio_annulla(c->s->a);
            refused(c, out, CARICAMENTO_ARCHIVIO, &k, &d, error);
        }
    } else {
        Autore chi = contesto_autore(c, NULL);
        if ((e = caricamento_applica(c->s->a, &k, &r, &chi, &error)) == ARCHIVIO_OK &&
            (e = archivio_caricamento_elimina(c->s->a, token, &error)) == ARCHIVIO_OK)
            e = archivio_conferma(c->s->a, &error);
        else
            archivio_annulla(c->s->a);
        if (e == ARCHIVIO_OK)
            risposta_redirect(out, k.tipo == TIPO_SISTEMA ? "/valutazioni?caricato=sistema"
                                                           : "/valutazioni?caricato=valutazioni");
        else
            refused(c, out, CARICAMENTO_ARCHIVIO, &k, &d, error);
    }
    caricamento_free(&k);
    diag_list_free(&d);
    caricato_free(&saved);
    free(rimuovi);
    free(error);
}
