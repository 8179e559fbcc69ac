/* SPDX-License-Identifier: EUPL-1.2 */
/* motore.h — the one engine beneath `schede stampa` and `schede web`: a
 * document of the catalogue (catalogo.h), made from its inputs with the
 * forms of a profile, drawn as a PDF (tagged; PDF/A where published) and
 * written to files or to memory. The same inputs, forms and time give the
 * same bytes, whichever front end asks.
 *
 * Nothing here is kept between calls: each call loads its layout and fonts
 * and frees them, so that threads may make documents at the same time. */
#ifndef SCHEDE_MOTORE_H
#define SCHEDE_MOTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "catalogo.h"
#include "diag.h"
#include "display.h"
#include "fontset.h"
#include "layout_file.h"

/* Where the forms of the documents come from: a profile's folder of
 * layouts, with the default profile's beneath it for the files it lacks (or
 * one folder alone, --layout), the fonts, the sRGB profile of PDF/A. */
typedef struct {
    char *layouts, *fallback, *fonts, *icc;
} Moduli;

/* The forms of a profile (NULL or "sarzana": the default) in the data
 * folder. False for an unknown profile, with *error naming the known ones. */
bool moduli_profilo(const char *data, const char *profilo, Moduli *out, char **error);
/* The forms of one folder (stampa --layout DIR): no fallback. */
void moduli_cartella(const char *data, const char *cartella, Moduli *out);
void moduli_free(Moduli *m);
/* Loads one layout and its fonts; false with the problems in diags. */
bool moduli_carica(const Moduli *m, const char *nome, const LayoutNeeds *needs, LayoutSpec *spec, FontSet *fonts,
                   DiagList *diags);

/* Where the files of a document go: files in a folder, or memory. */
typedef struct {
    const char *cartella; /* NULL: memory */
    /* With a folder: the name to write path under (stampa stages every file
     * and renames them all together once every document is done); NULL:
     * path itself, written whole or not at all. */
    char *(*provvisorio)(void *user, const char *path);
    void *user;
} Destinazione;

/* One file made. */
typedef struct {
    char *nome;    /* relative: "schede.pdf", "persone/0417-rossi-mario.pdf", "relazione.csv" */
    char *path;    /* in a folder: where it is (before any rename by the caller) */
    char *bytes;   /* in memory: its bytes */
    size_t len;
    size_t pagine; /* a PDF's pages; 0: a CSV */
    bool pdf;
} FileFatto;

/* What a call made, or why the document cannot be made from its inputs. */
typedef struct {
    FileFatto *files;
    size_t n;
    const char *manca; /* not made (not an error): why (Documento.manca); static */
} Fatto;
void fatto_free(Fatto *f);

typedef struct {
    int pdfa;     /* 1: PDF/A-1b; 0: not; -1: the document's default (published ones) */
    time_t quando; /* the documents' date and CreationDate: document_time() */
} OpzioniStampa;

/* Makes document d from in with the forms m, into dest; out lists the files
 * (their bytes, for memory). False with the problems in diags (a layout, a
 * font, a disk full): then nothing of it is left behind. When the inputs
 * lack what d needs, true with out->manca and no file. */
bool motore_stampa(const Documento *d, const DocInputs *in, const Moduli *m, const OpzioniStampa *o,
                   const Destinazione *dest, Fatto *out, DiagList *diags);

/* A page or more the catalogue does not list (the variazioni of
 * `confronta`), drawn and written like those of motore_stampa: doc is
 * consumed. */
bool motore_pdf(DisplayDoc *doc, FontSet *fonts, const Moduli *m, const char *titolo, const char *autore,
                const char *soggetto, bool pdfa, time_t quando, const char *path, size_t *pagine, DiagList *diags);

#endif
