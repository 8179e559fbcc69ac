/* pagine_valutazioni.c — the ufficio personale's page: the SMVP and the
 * valutazioni of the year in the archive, and their upload (JSON, CSV or
 * the workbook of `schede modello-valutazioni`), checked against the plan
 * and the year's results as `schede verifica` checks them. */
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html_moduli.h"
#include "server.h"
#include "wb_convert.h"
#include "workbook.h"

static void stored(StrBuf *b, const char *what, ArchivioEsito e, const ArchivioFile *f)
{
    if (e == ARCHIVIO_OK)
        html_printf(b, "<li>%s: <strong>%s</strong></li>\n", what, f->file);
    else
        html_printf(b, "<li>%s: nessuno nell'archivio</li>\n", what);
}

static void valutazioni_page(Contesto *c, Risposta *out, const Errori *errori)
{
    risposta_html(out, errori && errori->n ? 422 : 200);
    StrBuf *b = &out->body;
    Briciola path[] = {{"Inizio", "/"}, {"Valutazioni", NULL}};
    html_inizio(b, "Valutazioni", c->sessione->utente, ruolo_nome(c->sessione->ruolo), c->sessione->csrf, path, 2);
    html_riepilogo(b, errori, "Il file non è stato caricato");
    ArchivioFile sf = {0}, vf = {0};
    char *error = NULL;
    ArchivioEsito es = archivio_sistema(c->s->a, &sf, &error);
    free(error);
    error = NULL;
    ArchivioEsito ev = archivio_valutazioni(c->s->a, c->s->anno, &vf, &error);
    free(error);
    strbuf_puts(b, "<ul>\n");
    stored(b, "Sistema di valutazione", es, &sf);
    char *label = xasprintf("Valutazioni del %d", c->s->anno);
    stored(b, label, ev, &vf);
    free(label);
    strbuf_puts(b, "</ul>\n");
    if (es == ARCHIVIO_OK)
        archivio_file_free(&sf);
    if (ev == ARCHIVIO_OK)
        archivio_file_free(&vf);
    html_form(b, &(Form){.action = "/valutazioni", .csrf = c->sessione->csrf, .classe = "modulo", .multipart = true});
    strbuf_puts(b, "<fieldset><legend>Carica il sistema o le valutazioni</legend>\n");
    html_errori_generali(b, errori);
    html_campo(b, &(CampoForm){CAMPO_FILE, "file", "Il file (JSON, CSV, .xlsx o .ods), riconosciuto dal contenuto",
                           .accept = ".json,.csv,.xlsx,.ods"}, errori);
    html_pulsante(b, "Carica", NULL, NULL);
    strbuf_puts(b, "</fieldset>");
    html_form_fine(b);
    html_fine(b);
}

/* Loads the valutazioni and computes them against the plan, the year's results and the archive's SMVP. */
static bool check_valutazioni(Server *s, const CampoModulo *f, const char *name, DiagList *d)
{
    Valutazioni v;
    LoadStatus st = input_valutazioni_read(name, f->valore, f->len, CODIFICA_AUTO, &v, d);
    if (st != LOAD_OK) {
        valutazioni_free(&v); /* what the failed load left */
        return false;
    }
    ArchivioFile sf;
    char *error = NULL;
    if (archivio_sistema(s->a, &sf, &error) == ARCHIVIO_OK) {
        Sistema sistema;
        if (sistema_load_buffer(sf.file, sf.bytes, sf.len, &sistema, d) == LOAD_OK) {
            Anno y;
            anno_carica(s, &y);
            PersoneAnno persone;
            ValutazioniAnno va;
            persone_compute(&s->plan, &y.esiti, s->anno, &persone);
            valutazione_compute(&s->plan, &y.esiti, &persone, &sistema, &v, s->anno, &va, d);
            valutazione_free(&va);
            persone_free(&persone);
            anno_free(&y);
            sistema_free(&sistema);
        }
        archivio_file_free(&sf);
    }
    free(error);
    valutazioni_free(&v);
    return d->errors == 0;
}

void pagina_valutazioni(Contesto *c, Risposta *out)
{
    valutazioni_page(c, out, NULL);
}

void post_valutazioni(Contesto *c, Risposta *out)
{
    const CampoModulo *f = modulo_campo(&c->modulo, "file");
    Errori err = {0};
    if (!f || !f->file || f->len == 0) {
        errori_add(&err, "file", "Scegliere il file.");
        valutazioni_page(c, out, &err);
        errori_free(&err);
        return;
    }
    const char *name = *f->file ? f->file : "valutazioni";
    ArchivioTipo kind = archivio_tipo_file(name, f->valore, f->len);
    DiagList d;
    diag_list_init(&d);
    bool ok;
    if (kind == TIPO_SISTEMA) {
        Sistema s;
        ok = sistema_load_buffer(name, f->valore, f->len, &s, &d) == LOAD_OK;
        if (ok)
            sistema_free(&s);
    } else if (kind == TIPO_VALUTAZIONI) {
        ok = check_valutazioni(c->s, f, name, &d);
    } else {
        diag_add(&d, DIAG_ERROR, name, NULL, NULL, -1, "file non riconosciuto: non è un sistema di valutazione né delle "
                                                       "valutazioni (docs/formato.md)");
        ok = false;
    }
    char *error = NULL;
    bool nuovo;
    Autore chi = contesto_autore(c, NULL);
    if (ok) {
        ok = archivio_inizia(c->s->a, &error) == ARCHIVIO_OK &&
             (kind == TIPO_SISTEMA ? archivio_importa_sistema(c->s->a, name, f->valore, f->len, &chi, &nuovo, &error)
                                   : archivio_importa_valutazioni(c->s->a, c->s->anno, name, f->valore, f->len, &chi,
                                                                  &nuovo, &error)) == ARCHIVIO_OK &&
             archivio_conferma(c->s->a, &error) == ARCHIVIO_OK;
        if (!ok)
            archivio_annulla(c->s->a);
    }
    if (ok) {
        risposta_redirect(out, "/valutazioni");
    } else {
        if (error)
            errori_add(&err, "", "%s", error);
        else
            errori_da_diagnostica(&err, "file", &d);
        if (err.n == 0)
            errori_add(&err, "file", "Il file non si legge come un sistema di valutazione o delle valutazioni.");
        valutazioni_page(c, out, &err);
    }
    errori_free(&err);
    free(error);
    diag_list_free(&d);
}
