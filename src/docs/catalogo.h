/* SPDX-License-Identifier: EUPL-1.2 */
/* catalogo.h — the documents of the cycle, in one table: for each its name
 * (the --solo choice of stampa, the file, the web's /documenti/NAME.pdf),
 * what it is made from, its title and subject, whether it is published
 * (PDF/A by default) or reserved, its layout and its builder. `schede
 * stampa`, the web, the home page's menu and the help text all read this
 * table: adding a document is adding one entry (docs/architettura.md).
 *
 * A builder turns the inputs into pages (a DisplayDoc) and, where the
 * document has one, the same figures as a table (CSV); drawing the pages as
 * a PDF and writing them is the engine's (src/motore). */
#ifndef SCHEDE_CATALOGO_H
#define SCHEDE_CATALOGO_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "date.h"
#include "display.h"
#include "esiti.h"
#include "fontset.h"
#include "layout_file.h"
#include "model.h"
#include "raggiunto.h"
#include "valutazione.h"

/* A presa visione of a person's valutazione, taken in schede web: printed on
 * the person's sheet. */
typedef struct {
    const char *nome; /* the person, as the plan writes them */
    Date data;        /* the day, where the ente is */
} DocPresaVisione;

/* What the documents of a run are made from. What a document needs and
 * does not find here it says (Documento.manca). */
typedef struct {
    const Plan *plan;
    int anno;
    const Esiti *esiti;                 /* the year's results, or at al; NULL: no rilevazioni */
    const Rilevazioni *rilevazioni;     /* NULL: none */
    const ValutazioniAnno *valutazioni; /* NULL: no SMVP and valutazioni */
    bool has_al;                        /* a monitoring at al */
    Date al;
    const DocPresaVisione *prese;
    size_t n_prese;
    bool prese_registrate;      /* the prese visione are the archive's record: only they are printed */
    const char *avviso;        /* printed at the top of every page (an unapproved plan), or NULL */
    const Obiettivo *obiettivo; /* schede: this objective's alone; NULL: all */
    const Persona *persona;     /* persone: this person's sheet alone; NULL: all */
    bool dati_aperti;           /* the CSV of a published document too */
    bool per_persona;           /* persone: also one PDF per person */
} DocInputs;

/* One more PDF a document makes beside its own (persone: one per person). */
typedef struct {
    char *file;   /* relative to the output folder: "persone/0417-rossi-mario.pdf" */
    char *titolo; /* its title */
    DisplayDoc doc;
} DocParte;

/* What a builder makes. */
typedef struct {
    DisplayDoc doc;
    char *titolo;   /* the PDF's title */
    char *soggetto; /* the PDF's subject when not the entry's (one person's sheet), else NULL */
    char *file;     /* the name of the PDF (one objective's: "scheda-SG-01.pdf"); NULL: NOME.pdf */
    char *csv;      /* the figures as a table (Documento.csv), when made */
    DocParte *parti;
    size_t n_parti;
    const char *manca; /* nothing to make after all (one person without a sheet): why; static */
} DocCostruito;

void doc_costruito_free(DocCostruito *c);

typedef enum {
    DOCUMENTO_SCHEDE,
    DOCUMENTO_PERSONE,
    DOCUMENTO_RELAZIONE,
    DOCUMENTO_PREMI,
    DOCUMENTO_MONITORAGGIO,
    N_DOCUMENTI
} DocumentoId;

/* When a document is made. */
typedef enum {
    DOC_SEMPRE,        /* the year's and a monitoring's (schede) */
    DOC_FINE_ANNO,     /* at year end only (persone, relazione, premi) */
    DOC_MONITORAGGIO,  /* at a date (monitoraggio) */
} DocMomento;

typedef struct {
    DocumentoId id;
    const char *nome;        /* "schede": --solo, schede.pdf, /documenti/schede.pdf */
    const char *etichetta;   /* "Schede degli obiettivi": the menu */
    const char *descrizione; /* "Gli allegati della Giunta": the menu */
    const char *soggetto;    /* the PDF's subject */
    DocMomento momento;
    bool valutazioni;        /* made with the SMVP and the valutazioni, when there are (read only for these) */
    bool pdfa;               /* published: PDF/A-1b by default */
    bool riservato;          /* names and amounts (premi): the ufficio personale and the Segreteria only */
    const char *csv;         /* the CSV beside the PDF ("relazione.csv"), or NULL */
    bool csv_sempre;         /* written every time (premi.csv), else only with dati_aperti */
    const char *layout;      /* layouts/LAYOUT.json */
    const LayoutNeeds *needs;
    /* Why the document cannot be made from these inputs ("servono le
     * rilevazioni dell'anno (--raggiunto FILE)"), or NULL when it can. */
    const char *(*manca)(const DocInputs *in);
    /* Builds the pages (and what else the entry makes) at time when. */
    void (*costruisci)(const DocInputs *in, const LayoutSpec *spec, FontSet *fonts, time_t when, DocCostruito *out);
} Documento;

/* The table, in print order (stampa writes the documents in this order). */
extern const Documento CATALOGO[N_DOCUMENTI];

/* The entry called nome, or NULL. */
const Documento *catalogo_trova(const char *nome);
/* "schede, persone, relazione, premi o monitoraggio" (a new string): for messages and help. */
char *catalogo_nomi(void);

#endif
