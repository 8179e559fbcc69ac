/* SPDX-License-Identifier: EUPL-1.2 */
/* flusso.h — the cycle's workflows as one model: the states of each thing
 * that moves (a plan version, an objective's rilevazioni in a raccolta, a
 * raccolta, the year's Relazione and valutazioni, a person's valutazione),
 * and one table of the transitions between them: who may make each, what
 * must hold first (its guard), whether it needs a reason, and what its
 * confirmation says. One function applies a transition inside the caller's
 * transaction and writes its registro row; it refuses with an Italian
 * sentence naming what is missing. The web, `schede archivio stato` and the
 * tests read this table; docs/web.md prints it (`schede web --flussi`). */
#ifndef SCHEDE_FLUSSO_H
#define SCHEDE_FLUSSO_H

#include <stdbool.h>
#include <stdio.h>

#include "archivio.h"
#include "model.h"
#include "utenti.h"

/* What moves through a workflow. The key of each in the archive: */
typedef enum {
    FLUSSO_VERSIONE,    /* a version of the plan: "3" */
    FLUSSO_RILEVAZIONI, /* an objective's rilevazioni in a raccolta: "2025 SG-01", "2025 al 2025-06-30 SG-01" */
    FLUSSO_RACCOLTA,    /* a raccolta of rilevazioni: "2025", "2025 al 2025-06-30" */
    FLUSSO_RELAZIONE,   /* the year's Relazione: "2025" */
    FLUSSO_VALUTAZIONI, /* the year's valutazioni as a whole, which the OIV validates: "2025" */
    FLUSSO_VALUTAZIONE, /* a person's valutazione of the year: "2025 Mario Rossi" */
    N_FLUSSI
} Flusso;

typedef enum {
    STATO_BOZZA,
    STATO_PROPOSTA,
    STATO_APPROVATA,
    STATO_SUPERATA,
    STATO_APERTA,
    STATO_INVIATA,
    STATO_VALIDATA,
    STATO_RIMANDATA,
    STATO_CHIUSA,
    STATO_COMUNICATA,
    STATO_PRESA_VISIONE,
    N_STATI
} StatoFlusso;

/* "bozza", …: the state's name, as the archive keeps it and people read it. */
const char *stato_nome(StatoFlusso s);
/* The state of a name; false for a name that is none. */
bool stato_da_nome(const char *nome, StatoFlusso *out);
/* "versione", "rilevazioni", …: the object's name in the archive. */
const char *flusso_nome(Flusso f);
bool flusso_da_nome(const char *nome, Flusso *out);
/* The state of a thing no transition has moved yet (no row in the archive). */
StatoFlusso flusso_iniziale(Flusso f);

/* Who may make a transition besides their role. */
typedef enum {
    CHI_RUOLO,     /* the roles of the row */
    CHI_DIRIGENTE, /* the dirigente of the objective (rilevazioni) */
    CHI_PERSONA,   /* the person the valutazione is of, herself */
} Chi;

/* What the reason of a transition is. */
typedef enum {
    MOTIVO_NESSUNO,
    MOTIVO_TESTO,     /* a sentence, not empty */
    MOTIVO_DATA,      /* a date, gg/mm/aaaa: the Giunta's deliberation, a presa visione on paper */
} TipoMotivo;

struct ContestoFlusso;
/* What must hold before a transition: NULL, or the sentence of what is missing (a new string). */
typedef char *(*Guardia)(const struct ContestoFlusso *ctx);

typedef struct {
    Flusso flusso;
    const char *azione;        /* "approva": the verb, in the CLI and the forms (field "azione") */
    StatoFlusso da, a;
    unsigned ruoli;            /* bit (1 << Ruolo) for each role that may */
    Chi chi;
    TipoMotivo motivo;
    const char *etichetta;     /* the button: "Approva la versione" */
    const char *motivo_etichetta; /* the reason's field: "Data della delibera di Giunta" */
    const char *nota;          /* how the reason is kept ("Giunta del %s"), or NULL: as typed */
    Guardia guardia;
    const char *guardia_testo; /* the guard in words, for the table */
    const char *conferma;      /* what will happen, for the confirmation page and the CLI */
} Transizione;

extern const Transizione TRANSIZIONI[];
extern const size_t N_TRANSIZIONI;

/* The transition of flusso called azione from state da, or NULL. */
const Transizione *transizione_trova(Flusso f, StatoFlusso da, const char *azione);

/* Who asks. */
typedef struct {
    const char *nome;   /* the user, for the registro */
    Ruolo ruolo;
    bool operatore;     /* the command line: the offices' own tool, every role but a person's own step */
    bool dirigente;     /* the dirigente of the objective at hand (rilevazioni) */
    bool persona;       /* the person of the valutazione at hand */
} Attore;

/* What a transition is applied to. */
typedef struct ContestoFlusso {
    Archivio *a;
    Flusso flusso;
    const char *chiave;
    int anno;
    /* rilevazioni: the objective and the raccolta */
    const Obiettivo *obiettivo;
    bool has_al;
    Date al;
    const char *motivo;  /* as typed */
} ContestoFlusso;

/* The state of the thing ctx names (its initial state without a row). */
ArchivioEsito flusso_stato(const ContestoFlusso *ctx, StatoFlusso *out, char **error);

/* Whether the actor may make t (role, ownership); false with the sentence in *perche. */
bool transizione_permessa(const Transizione *t, const Attore *chi, char **perche);

/* Checks transition azione on ctx for chi: the state, the actor, the reason,
 * the guard. ARCHIVIO_OK with *t the transition; ARCHIVIO_DATI with the
 * sentence in *error (what is missing, named) and *del_motivo true when it
 * is the reason that is missing or wrong (a form shows it there). Changes
 * nothing. */
ArchivioEsito flusso_controlla(const ContestoFlusso *ctx, const char *azione, const Attore *chi, const Transizione **t,
                               char **error, bool *del_motivo);

/* Whether the guard of the step azione of ctx, from the state it is in,
 * holds (who makes it and its reason aside): NULL, or the sentence of what
 * is missing (a new string); the sentence of the state when the step is not
 * one of that state. For the pages that say what can be done now. */
char *flusso_guardia(const ContestoFlusso *ctx, const char *azione);

/* What the confirmation of t on ctx adds to t->conferma (a new string), or
 * NULL: the actions of an objective sent without a rilevazione. */
char *flusso_conferma_dettaglio(const ContestoFlusso *ctx, const Transizione *t);

/* Applies it, inside the caller's archivio_inizia … archivio_conferma: the
 * checks again, the state, the registro row, and its consequences (a newly
 * approved version makes the one approved before it superata, recorded). */
ArchivioEsito flusso_applica(const ContestoFlusso *ctx, const char *azione, const Attore *chi, char **error);

/* The keys of the archive: "2025" (year end) or "2025 al 2025-06-30" (a
 * monitoring) for a raccolta; that and the codice for an objective's
 * rilevazioni; "3" for a version. New strings. */
char *flusso_chiave_raccolta(int anno, const Date *al);
char *flusso_chiave_rilevazioni(int anno, const Date *al, const char *codice);
char *flusso_chiave_versione(int numero);

/* Whether an objective's rilevazioni may be written in state s: the states
 * from which its dirigente sends them (aperta, rimandata), by the table. */
bool flusso_rilevazioni_modificabili(StatoFlusso s);

/* NULL when the rilevazioni of objective codice in the raccolta of year
 * anno (al NULL: the year end) may change; else the sentence why not (a new
 * string): the raccolta closed, or the rilevazioni sent or validated (they
 * change after the OIV sends them back). For every writer of rilevazioni:
 * the web's form, `schede archivio importa`. */
char *flusso_rilevazioni_bloccate(Archivio *a, int anno, const Date *al, const char *codice);

/* The table as text (schede web --flussi, docs/web.md): object, from, action, to, who, reason, guard. */
void flusso_tabella(FILE *out);

#endif
