/* SPDX-License-Identifier: EUPL-1.2 */
/* caricamento.h — an upload of the SMVP or of a year's valutazioni into the
 * archive, the same for the web and the command line: read and checked
 * against the plan, the year's results and the SMVP; compared with what the
 * archive holds, person by person (who is new, what changes, who the file
 * does not name, how each one's score, band and premio move); refused whole
 * when it would change what a locked valutazione shows (comunicata, seen,
 * or the year's validated by the OIV); then applied, inside the caller's
 * transaction, only to the persons it names (and to those the confirmation
 * removes by name).
 *
 * prepare shows, apply changes: between the two the archive may move (an
 * upload confirmed a minute later), so apply is given what was prepared
 * again, and the web compares the fingerprints of the two. */
#ifndef SCHEDE_CARICAMENTO_H
#define SCHEDE_CARICAMENTO_H

#include <stdbool.h>
#include <stddef.h>

#include "archivio.h"
#include "diag.h"
#include "flusso.h"

/* What an upload does to a person's valutazione. */
typedef enum {
    CAMBIO_NUOVA,      /* the file names her; the archive has none */
    CAMBIO_MODIFICATA, /* the file names her with something different */
    CAMBIO_UGUALE,     /* the file names her with the same */
    CAMBIO_ASSENTE,    /* the archive has her, the file does not: she stays as she is */
    CAMBIO_RIMOSSA,    /* the archive has her, the file does not, and the confirmation removes her by name */
} TipoCambio;

/* A value that changes: "voto B2" 3 → 4; "punteggio finale" 87,50 → 88,75. */
typedef struct {
    char *etichetta, *prima, *dopo; /* "—" for none */
} Differenza;

typedef struct {
    int anno;
    char *persona;     /* the registro's name */
    TipoCambio tipo;
    StatoFlusso stato; /* of her valutazione */
    bool bloccata;     /* comunicata, seen, or the year's validated */
    Differenza *campi; /* the fields of her valutazione that change */
    size_t n_campi;
    Differenza *esiti; /* what the documents show of her that changes: punteggio finale, fascia, premio */
    size_t n_esiti;
} CambioPersona;

typedef struct {
    ArchivioTipo tipo; /* TIPO_SISTEMA or TIPO_VALUTAZIONI */
    int anno;          /* the valutazioni's year (an SMVP: the years with valutazioni are all compared) */
    char *file;
    CambioPersona *persone; /* those the file names, in its order, then those it does not */
    size_t n;
    size_t nuove, modificate, uguali, assenti, rimosse, con_esiti_cambiati;
    char **bloccate;   /* one sentence per locked valutazione the upload would change */
    size_t n_bloccate;
    char impronta[65]; /* SHA-256 of the file and of every difference: the same upload on the same archive */
    Valutazioni scrivere; /* the file's valutazioni, as the archive keeps them (valutazione_normalizza) */
} Caricamento;

/* What is uploaded, and by whom. */
typedef struct {
    const char *file;  /* its name, for messages */
    const char *bytes;
    size_t len;
    Codifica codifica;
    int anno;          /* the year of the valutazioni; 0: the file's, else the plan's first */
    const char *const *rimuovi; /* persons the archive has and the file does not, to remove (by the registro's name) */
    size_t n_rimuovi;
} RichiestaCaricamento;

typedef enum {
    CARICAMENTO_OK,        /* out says what would change */
    CARICAMENTO_ERRORI,    /* the file, or its valutazioni against the plan and the SMVP: in diags */
    CARICAMENTO_BLOCCATO,  /* it would change locked valutazioni: out->bloccate names them */
    CARICAMENTO_ARCHIVIO,  /* the archive cannot be read, or has no plan, no SMVP: *error */
} EsitoCaricamento;

/* Reads the file (SMVP or valutazioni, told by its content) and works out
 * what it would change. Changes nothing. Errors and warnings go to diags. */
EsitoCaricamento caricamento_prepara(Archivio *a, const RichiestaCaricamento *r, Caricamento *out, DiagList *diags,
                                     char **error);

/* Applies what c prepared (CARICAMENTO_OK), inside archivio_inizia …
 * archivio_conferma: the SMVP replaced, or each valutazione new or changed
 * written and each one removed, with their registro rows, and the file kept
 * as evidence. */
ArchivioEsito caricamento_applica(Archivio *a, const Caricamento *c, const RichiestaCaricamento *r, const Autore *chi,
                                  char **error);

void caricamento_free(Caricamento *c);

/* "nuova", "modificata", …: how the differences call it. */
const char *cambio_nome(TipoCambio t);

#endif
