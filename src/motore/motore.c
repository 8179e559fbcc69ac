/* SPDX-License-Identifier: EUPL-1.2 */
/* motore.c — a document of the catalogue drawn and written (motore.h). */
#include "motore.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "pdf_render.h"
#include "resources.h"
#include "text.h"
#include "textlayout.h"

/* ---- the forms ---------------------------------------------------------------------------- */

static void moduli_data(const char *data, Moduli *out)
{
    out->fonts = data ? xasprintf("%s/fonts", data) : NULL;
    out->icc = data ? xasprintf("%s/layouts/icc/sRGB.icc", data) : NULL;
}

bool moduli_profilo(const char *data, const char *profilo, Moduli *out, char **error)
{
    memset(out, 0, sizeof *out);
    if (!data) {
        *error = xstrdup("cartella dei dati (layouts/, fonts/) non trovata: indicarla con la variabile SCHEDE_DATI");
        return false;
    }
    char *known = NULL;
    if (resources_profile(data, profilo, &out->layouts, &known) != 0) {
        *error = xasprintf("profilo «%s» sconosciuto: i profili sono le cartelle di %s/layouts (%s)", profilo, data,
                           known);
        free(known);
        return false;
    }
    char *base = xasprintf("%s/layouts", data);
    if (strcmp(base, out->layouts) != 0)
        out->fallback = base;
    else
        free(base);
    moduli_data(data, out);
    return true;
}

void moduli_cartella(const char *data, const char *cartella, Moduli *out)
{
    memset(out, 0, sizeof *out);
    out->layouts = xstrdup(cartella);
    moduli_data(data, out);
}

void moduli_free(Moduli *m)
{
    free(m->layouts);
    free(m->fallback);
    free(m->fonts);
    free(m->icc);
    memset(m, 0, sizeof *m);
}

bool moduli_carica(const Moduli *m, const char *nome, const LayoutNeeds *needs, LayoutSpec *spec, FontSet *fonts,
                   DiagList *diags)
{
    memset(fonts, 0, sizeof *fonts);
    const char *dir = resources_layout_dir(m->layouts, m->fallback, nome);
    if (!layout_spec_load(dir, nome, m->fonts, needs, spec, diags)) {
        layout_spec_free(spec); /* what it read before the fault */
        return false;
    }
    const char *bad_path = NULL, *reason = NULL;
    if (!fontset_load(fonts, (const char *const *)spec->font_paths, &bad_path, &reason)) {
        diag_add(diags, DIAG_ERROR, bad_path, NULL, NULL, -1, "carattere non utilizzabile: %s", reason);
        fontset_free(fonts); /* after the message: bad_path is one of its paths */
        layout_spec_free(spec);
        return false;
    }
    return true;
}

/* ---- the notice of an unapproved plan ----------------------------------------------------- */

/* Inserts a structure element before every other (the first thing read),
 * moving the indices the pages and the tree hold. */
static int first_node(DisplayDoc *doc, StructRole role)
{
    int added = display_node(doc, role, -1, NULL);
    StructNode node = doc->nodes[added];
    memmove(doc->nodes + 1, doc->nodes, (size_t)added * sizeof *doc->nodes);
    doc->nodes[0] = node;
    for (size_t i = 1; i < doc->n_nodes; i++)
        if (doc->nodes[i].parent >= 0)
            doc->nodes[i].parent++;
    for (size_t p = 0; p < doc->n_pages; p++) {
        for (size_t k = 0; k < doc->pages[p].n_ops; k++)
            if (doc->pages[p].ops[k].tag >= 0)
                doc->pages[p].ops[k].tag++;
        if (doc->pages[p].tag >= 0)
            doc->pages[p].tag++;
    }
    return 0;
}

/* The notice at the top of every page, above the page header, in the top
 * margin (every layout has at least 14 mm of it): read once, as the
 * document's first paragraph, then page furniture. */
static void add_notice(DisplayDoc *doc, FontSet *fonts, const char *text)
{
    if (!text || !*text || doc->n_pages == 0)
        return;
    const double size = 7.5, baseline = 12;
    const Color red = {0.66f, 0.07f, 0.07f};
    TextRun run = {STYLE_BOLD, text};
    TextLines tl = text_break(fonts, &run, 1, size, 1e9);
    int tag = first_node(doc, ROLE_P);
    for (size_t p = 0; p < doc->n_pages && tl.n_lines > 0; p++) {
        DisplayPage *page = &doc->pages[p];
        int saved = page->tag;
        page->tag = p == 0 ? tag : TAG_PAGINATION;
        const TextLine *line = &tl.lines[0];
        double start = (doc->width - line->width) / 2;
        for (size_t f = 0; f < line->n_frags; f++) {
            const LineFragment *fr = &line->frags[f];
            display_text(page, start + fr->x, baseline, fr->font, size, red, text + fr->start, fr->len, fr->width);
        }
        page->tag = saved;
    }
    text_lines_free(&tl);
}

/* ---- writing ------------------------------------------------------------------------------ */

void fatto_free(Fatto *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->files[i].nome);
        free(f->files[i].path);
        free(f->files[i].bytes);
    }
    free(f->files);
    memset(f, 0, sizeof *f);
}

static FileFatto *new_file(Fatto *out, const Destinazione *dest, const char *nome, char **target)
{
    out->files = xrealloc(out->files, (out->n + 1) * sizeof *out->files);
    FileFatto *f = &out->files[out->n++];
    memset(f, 0, sizeof *f);
    f->nome = xstrdup(nome);
    *target = NULL;
    if (dest->cartella) {
        f->path = xasprintf("%s/%s", dest->cartella, nome);
        *target = dest->provvisorio ? dest->provvisorio(dest->user, f->path) : xstrdup(f->path);
    }
    return f;
}

/* The folder a relative name lies in ("persone/x.pdf"), made when missing. */
static bool make_folder_of(const Destinazione *dest, const char *nome, DiagList *diags)
{
    const char *slash = strrchr(nome, '/');
    if (!dest->cartella || !slash)
        return true;
    char *dir = xasprintf("%s/%.*s", dest->cartella, (int)(slash - nome), nome);
    bool ok = mkdir(dir, 0777) == 0 || errno == EEXIST;
    if (!ok)
        diag_add(diags, DIAG_ERROR, dir, NULL, NULL, -1, "impossibile creare la cartella: %s", file_write_reason(errno));
    free(dir);
    return ok;
}

static bool write_pdf(DisplayDoc *doc, FontSet *fonts, const PdfInfo *info, const Destinazione *dest,
                      const char *nome, Fatto *out, DiagList *diags)
{
    if (!make_folder_of(dest, nome, diags))
        return false;
    char *target;
    FileFatto *f = new_file(out, dest, nome, &target);
    f->pdf = true;
    f->pagine = doc->n_pages;
    char *error = NULL;
    bool ok = pdf_render_to(doc, fonts, info, (PdfSink){target, &f->bytes, &f->len}, &error) == 0;
    if (!ok)
        diag_add(diags, DIAG_ERROR, f->path ? f->path : nome, NULL, NULL, -1, "%s", error);
    free(error);
    free(target);
    return ok;
}

static bool write_csv(const char *csv, const Destinazione *dest, const char *nome, Fatto *out, DiagList *diags)
{
    char *target;
    FileFatto *f = new_file(out, dest, nome, &target);
    bool ok = true;
    if (target) {
        const char *reason;
        if (file_write_atomic(target, csv, strlen(csv), &reason) != 0) {
            diag_add(diags, DIAG_ERROR, f->path, NULL, NULL, -1, "impossibile scrivere il file: %s", reason);
            ok = false;
        }
    } else {
        f->bytes = xstrdup(csv);
        f->len = strlen(csv);
    }
    free(target);
    return ok;
}

/* What a failed call wrote itself (not staged by the caller) goes. */
static void remove_written(const Destinazione *dest, Fatto *out)
{
    for (size_t i = 0; dest->cartella && !dest->provvisorio && i < out->n; i++)
        unlink(out->files[i].path);
    fatto_free(out);
}

bool motore_stampa(const Documento *d, const DocInputs *in, const Moduli *m, const OpzioniStampa *o,
                   const Destinazione *dest, Fatto *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    if (d->manca && (out->manca = d->manca(in)) != NULL)
        return true;
    LayoutSpec spec;
    FontSet fonts;
    if (!moduli_carica(m, d->layout, d->needs, &spec, &fonts, diags))
        return false;
    DocCostruito c = {0};
    d->costruisci(in, &spec, &fonts, o->quando, &c);
    bool ok = true;
    if (c.manca) {
        out->manca = c.manca;
    } else {
        bool pdfa = o->pdfa < 0 ? d->pdfa : o->pdfa > 0;
        char *file = c.file ? xstrdup(c.file) : xasprintf("%s.pdf", d->nome);
        add_notice(&c.doc, &fonts, in->avviso);
        PdfInfo info = {.title = c.titolo, .author = in->plan->ente, .subject = c.soggetto ? c.soggetto : d->soggetto,
                        .creator = "schede " SCHEDE_VERSION, .created = o->quando, .pdfa = pdfa, .icc_profile = m->icc};
        ok = write_pdf(&c.doc, &fonts, &info, dest, file, out, diags);
        for (size_t i = 0; ok && i < c.n_parti; i++) {
            add_notice(&c.parti[i].doc, &fonts, in->avviso);
            PdfInfo one = info;
            one.title = c.parti[i].titolo;
            one.subject = c.titolo;
            ok = write_pdf(&c.parti[i].doc, &fonts, &one, dest, c.parti[i].file, out, diags);
        }
        if (ok && c.csv && d->csv && (d->csv_sempre || in->dati_aperti))
            ok = write_csv(c.csv, dest, d->csv, out, diags);
        free(file);
    }
    doc_costruito_free(&c);
    fontset_free(&fonts);
    layout_spec_free(&spec);
    if (!ok)
        remove_written(dest, out);
    return ok;
}

bool motore_pdf(DisplayDoc *doc, FontSet *fonts, const Moduli *m, const char *titolo, const char *autore,
                const char *soggetto, bool pdfa, time_t quando, const char *path, size_t *pagine, DiagList *diags)
{
    PdfInfo info = {.title = titolo, .author = autore, .subject = soggetto, .creator = "schede " SCHEDE_VERSION,
                    .created = quando, .pdfa = pdfa, .icc_profile = m->icc};
    *pagine = doc->n_pages;
    char *error = NULL;
    bool ok = pdf_render(doc, fonts, &info, path, &error) == 0;
    if (!ok)
        diag_add(diags, DIAG_ERROR, path, NULL, NULL, -1, "%s", error);
    free(error);
    display_free(doc);
    return ok;
}
