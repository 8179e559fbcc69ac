/* SPDX-License-Identifier: EUPL-1.2 */
/* ingressi.h — the inputs of the documents and of the commands that
 * compute, read one way for the command line and for the web: the plan (a
 * file, or the archive's version by its one rule), the rilevazioni of a
 * year or of a monitoring, the SMVP and the valutazioni (files, or the
 * archive's), the prese visione taken in the web; then the results, the
 * people and the valutazioni computed from them; then what the documents
 * are made from (DocInputs).
 *
 * What a command names itself (--raggiunto FILE…) wins over the archive. */
#ifndef SCHEDE_INGRESSI_H
#define SCHEDE_INGRESSI_H

#include <stdbool.h>

#include "archivio.h"
#include "catalogo.h"
#include "diag.h"
#include "esiti.h"
#include "model.h"
#include "persone.h"
#include "raggiunto.h"
#include "sistema.h"
#include "utenti.h"
#include "valutazione.h"
#include "valutazioni.h"

struct ArchivioInput;

/* The inputs a command or a page names. */
typedef struct {
    const char *raggiunto;   /* the rilevazioni: a file, or the name of the archive's (see archivio); NULL: none */
    bool has_anno;
    int anno;
    Codifica codifica;
    const char *sistema;     /* the SMVP (schede-sistema/1) */
    const char *valutazioni; /* the valutazioni of the year */
    bool has_al;             /* a monitoring during the year, at al */
    Date al;
    struct ArchivioInput *archivio; /* the archive, when the inputs come from it (ingressi_archivio); NULL: files */
} InputOptions;

/* What a reader takes from the archive besides the plan: the documents and
 * verifica everything, esiti the rilevazioni, the templates and esporta the
 * plan alone. */
typedef enum {
    ARCHIVIO_SOLO_PIANO = 0,
    ARCHIVIO_RILEVAZIONI = 1,
    ARCHIVIO_VALUTAZIONI = 2, /* the SMVP and the year's valutazioni, as a pair, and their prese visione */
    ARCHIVIO_TUTTO = ARCHIVIO_RILEVAZIONI | ARCHIVIO_VALUTAZIONI
} ArchivioUso;

struct ArchivioInput {
    Archivio *a;
    bool owned;                /* closed with the inputs */
    VersionePiano versione;    /* the version read, and why */
    ArchivioFile piano;
    Plan plan;                 /* loaded from piano, moved out by ingressi_piano */
    bool has_plan;
    DiagList diags;            /* the plan's warnings, moved out with it */
    bool has_ril;
    Rilevazioni ril;           /* moved out by load_esiti */
    ArchivioFile sistema;
    Valutazioni valutazioni;   /* the year's, person by person: moved out by load_valutazione */
    bool has_sistema, has_valutazioni;
    bool valutazioni_lette;    /* the year's valutazioni came from the archive (o->valutazioni names them) */
    PresaVisione *prese;
    size_t n_prese;
    char *profilo;             /* the ente's profile of forms */
};

/* Reads from the open archive a the plan (version versione, or by the rule:
 * archivio_piano_da_usare) and what the year has of what uso asks for, where
 * o is silent: sets o->archivio and o->raggiunto, o->sistema, o->valutazioni
 * to the names of what it holds. With owned, a is closed by ingressi_chiudi.
 * LOAD_OK; else the status with *error (no plan, a version that is not
 * there, an archive that cannot be read). */
LoadStatus ingressi_archivio(Archivio *a, bool owned, int versione, ArchivioUso uso, InputOptions *o, char **error);

/* The plan: the archive's when open, else the file (JSON or workbook). Its
 * diagnostics go to diags; *name is what messages call it. */
LoadStatus ingressi_piano(InputOptions *o, const char *file, Plan *plan, DiagList *diags, const char **name);

/* Every warning about a usable plan, for year anno: plan_check, characters
 * no font of the data folder can print, people. The same for verifica and stampa. */
void ingressi_controlla_piano(const Plan *plan, const char *file, int anno, DiagList *diags);

/* The rilevazioni (when named) and the results of the year: --anno, else the
 * year of the file, else the plan's first; at al for a monitoring.
 * LOAD_OK, LOAD_DATA_ERROR or LOAD_IO_ERROR (an unreadable file). */
LoadStatus load_esiti(const Plan *plan, const InputOptions *o, Rilevazioni *ril, Esiti *esiti, DiagList *diags);

/* The SMVP and the valutazioni the options name, and the valutazioni of
 * year anno computed against the plan and its results (esiti may be NULL). */
typedef struct {
    bool has_sistema, has_valutazioni; /* loaded and usable */
    Sistema sistema;
    Valutazioni valutazioni;
    PersoneAnno persone;
    ValutazioniAnno anno;
} ValutazioneInput;
LoadStatus load_valutazione(const Plan *plan, const InputOptions *o, const Esiti *esiti, int anno,
                            ValutazioneInput *ev, DiagList *diags);
void valutazione_input_free(ValutazioneInput *ev);
/* The SMVP the options name: the file, or the archive's. */
LoadStatus load_sistema(const InputOptions *o, Sistema *s, DiagList *diags);
/* For a command that needs the SMVP alone (modello-valutazioni): sets
 * o->sistema to the archive's, when it has one. */
void ingressi_sistema(InputOptions *o);

/* Closes what ingressi_archivio opened and read. */
void ingressi_chiudi(InputOptions *o);

/* ---- what the documents are made from ------------------------------------------------------ */

/* Where loading stopped. */
typedef enum { DATI_OK, DATI_PIANO, DATI_RILEVAZIONI, DATI_VALUTAZIONI } DatiEsito;

typedef struct {
    Plan plan;
    bool has_plan;
    const char *nome_piano;   /* what messages call the plan */
    Rilevazioni ril;
    Esiti esiti;
    bool has_esiti;           /* rilevazioni were named (a file or the archive's) */
    ValutazioneInput ev;
    DocPresaVisione *prese;
    size_t n_prese;
    char *avviso;             /* the plan is not approved: what every page says */
    DocInputs doc;            /* into the above */
} DatiDocumenti;

/* Everything the documents of a run are made from: the plan, checked (with
 * controlla, the warnings of ingressi_controlla_piano too); the rilevazioni
 * and the results; the SMVP and the valutazioni; from the archive the prese
 * visione and, for a plan version not approved, the notice. The diagnostics
 * go to diags; the result says where loading stopped (DATI_OK: usable) and
 * *status how (LOAD_IO_ERROR: a file unreadable). */
DatiEsito dati_documenti(InputOptions *o, const char *file, bool controlla, DatiDocumenti *out, DiagList *diags,
                         LoadStatus *status);
void dati_documenti_free(DatiDocumenti *d);

/* "Bozza: versione 2 del piano, non approvata dalla Giunta": the notice of a
 * version that is not approved (a new string), or NULL for one that is. */
char *ingressi_avviso_versione(const VersionePiano *v);

#endif
