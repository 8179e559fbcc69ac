/* archivio.h — the shared, durable record of a cycle (docs/archivio.md):
 * the versions of the plan, the rilevazioni of each raccolta, the SMVP and
 * the valutazioni, with an append-only registro of every change (who, when,
 * what, before → after, why). Documents never see it: what it gives back is
 * the same in-memory model the files give (Plan, Rilevazioni, …).
 *
 * Every function that changes the archive is one transaction (BEGIN
 * IMMEDIATE … COMMIT) with its registro rows inside it: it happens whole or
 * not at all. Errors are Italian sentences for the user. */
#ifndef SCHEDE_ARCHIVIO_H
#define SCHEDE_ARCHIVIO_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "model.h"
#include "raggiunto.h"
#include "valutazioni.h"

typedef struct Archivio Archivio;

/* What went wrong, for the exit code: the data (1) or the archive itself,
 * unreadable, locked, of a newer version (2). */
typedef enum { ARCHIVIO_OK = 0, ARCHIVIO_DATI = 1, ARCHIVIO_NON_USABILE = 2 } ArchivioEsito;

/* Who makes a change, and why (the motivo may be NULL). */
typedef struct {
    const char *autore;
    const char *motivo;
    bool dal_web;  /* typed in the web's forms, not imported from a file (the registro's operazione says it) */
} Autore;

/* Whether path is a PostgreSQL address (postgresql://…, postgres://…), not a file. */
bool archivio_is_postgresql(const char *path);

/* The profile of forms an archive starts with (layouts/, docs/layout.md). */
#define ARCHIVIO_PROFILO_PREDEFINITO "sarzana"

/* A new archive at path, for the ente named, whose documents use the profile
 * of forms named (a folder of layouts/: the caller checks that it exists);
 * refuses a file that exists (in PostgreSQL: an ente of the same name). */
ArchivioEsito archivio_crea(const char *path, const char *ente, const char *profilo, const Autore *chi, char **error);

/* Opens an archive to read, or to write (then a schema of an older version
 * is brought up to date, in one transaction). NULL with *error. */
Archivio *archivio_apri(const char *path, bool scrivi, ArchivioEsito *esito, char **error);
void archivio_chiudi(Archivio *a);
const char *archivio_path(const Archivio *a);

/* The ente's profile of forms: what every document made from the archive
 * uses (a new string; the default when it cannot be read). */
char *archivio_profilo(Archivio *a);
/* Changes it (inside archivio_inizia … archivio_conferma), with its row in
 * the registro; *cambiato is false, and nothing written, when it is the same. */
ArchivioEsito archivio_cambia_profilo(Archivio *a, const char *profilo, const Autore *chi, bool *cambiato, char **error);

/* A change made of several imports: archivio_inizia, the imports, then
 * archivio_conferma (all of them) or archivio_annulla (none). */
ArchivioEsito archivio_inizia(Archivio *a, char **error);
ArchivioEsito archivio_conferma(Archivio *a, char **error);
void archivio_annulla(Archivio *a);

/* ---- imports (inside archivio_inizia … archivio_conferma) ---------------------------------- */

/* A stored file: its name and bytes (owned by the caller: archivio_file_free). */
typedef struct {
    char *file;
    char *bytes;
    size_t len;
} ArchivioFile;
void archivio_file_free(ArchivioFile *f);

/* What a file to import is, from its content: the "formato" of a JSON file,
 * the sheets of a workbook (Obiettivi, Rilevazioni, Valutazioni), the header
 * of a CSV (a persona: valutazioni; an obiettivo: rilevazioni). */
typedef enum { TIPO_PIANO, TIPO_RILEVAZIONI, TIPO_SISTEMA, TIPO_VALUTAZIONI, TIPO_IGNOTO } ArchivioTipo;
ArchivioTipo archivio_tipo_file(const char *file, const char *bytes, size_t len);

/* A plan, as the bytes of its file (JSON or workbook), already loaded
 * without errors into plan. A plan with the same bytes as the latest
 * version changes nothing (*numero = that version, *nuova = false);
 * otherwise it becomes the next version, and the registro gets each
 * objective added or removed and each field changed (confronto). */
ArchivioEsito archivio_importa_piano(Archivio *a, const char *file, const char *bytes, size_t len, const Plan *plan,
                                     const Autore *chi, int *numero, bool *nuova, char **error);

/* The rilevazioni of year anno (a monitoring at al when al is given),
 * already checked against the plan: each added, or replacing the one of the
 * same action (or indicator and date), field by field in the registro.
 * *cambiate counts the rilevazioni added or changed. controllo (when not
 * NULL) says, for an objective whose rilevazioni would change, why they may
 * not (its sentence: ARCHIVIO_DATI, nothing written) or NULL; the workflow
 * gives it (flusso_rilevazioni_bloccate). */
typedef char *(*ControlloRilevazioni)(Archivio *a, int anno, const Date *al, const char *obiettivo);
ArchivioEsito archivio_importa_rilevazioni(Archivio *a, const Rilevazioni *ril, int anno, const Date *al,
                                           ControlloRilevazioni controllo, const Autore *chi, size_t *cambiate,
                                           char **error);

/* The SMVP, as the bytes of its file. */
ArchivioEsito archivio_importa_sistema(Archivio *a, const char *file, const char *bytes, size_t len,
                                       const Autore *chi, bool *nuovo, char **error);

/* ---- the valutazioni, person by person (archivio_valutazioni.c) ---------------------------- */

/* A person's valutazione of year anno, in the form valutazione_normalizza
 * gives (v->persona: the registro's name): added, or replaced with a
 * registro row for each field that changes ("voti.B2"). *cambiata is false,
 * and nothing recorded, when it is the same. Whether it may change (its
 * state, the year's) is the caller's to check (src/caricamento). */
ArchivioEsito archivio_scrivi_valutazione(Archivio *a, int anno, const Valutazione *v, const Autore *chi,
                                          bool *cambiata, char **error);
/* A person's valutazione of year anno removed, whole in its registro row. */
ArchivioEsito archivio_rimuovi_valutazione(Archivio *a, int anno, const char *persona, const Autore *chi,
                                           char **error);
/* The file an upload of valutazioni came from, kept as it was, with its
 * registro row (name and SHA-256): evidence of what was uploaded; what
 * counts is the rows. *nuovo is false for the same bytes as the last one. */
ArchivioEsito archivio_conserva_valutazioni(Archivio *a, int anno, const char *file, const char *bytes, size_t len,
                                            const Autore *chi, bool *nuovo, char **error);

/* An upload shown with its differences and waiting for its confirmation
 * (in the archive, so that any process of the server confirms it): kept
 * under the SHA-256 of token, for utente alone; the same user's earlier one
 * and any older than a day go. Inside archivio_inizia … archivio_conferma. */
ArchivioEsito archivio_caricamento_salva(Archivio *a, const char *token, const char *utente, int anno,
                                         const char *file, const char *bytes, size_t len, const char *differenze,
                                         char **error);
typedef struct {
    int anno;
    ArchivioFile file;
    char *differenze; /* the fingerprint of the differences shown */
} Caricato;
/* The upload of token, if utente made it: ARCHIVIO_DATI with the sentence when it is gone. */
ArchivioEsito archivio_caricamento(Archivio *a, const char *token, const char *utente, Caricato *out, char **error);
void caricato_free(Caricato *c);
ArchivioEsito archivio_caricamento_elimina(Archivio *a, const char *token, char **error);

/* ---- reading ------------------------------------------------------------------------------ */


/* A stored plan file read back into the model, with the loader its bytes want (JSON or workbook). */
LoadStatus archivio_load_plan_file(const ArchivioFile *f, Plan *plan, DiagList *diags);

/* Version numero of the plan (0: the latest). ARCHIVIO_DATI when there is none. */
ArchivioEsito archivio_piano(Archivio *a, int numero, ArchivioFile *out, int *numero_letto, char **error);
int archivio_versioni(Archivio *a);

/* Which version of the plan a reader of the archive uses, and why. */
typedef struct {
    int numero;     /* the version read */
    int ultima;     /* the latest version */
    bool approvata; /* numero's state is «approvata» (by the Giunta) */
    bool chiesta;   /* asked for by its number (--versione N) */
} VersionePiano;

/* The one rule of every reader of the archive (stampa, verifica, esiti,
 * esporta, confronta, the web): version numero when asked for (numero > 0);
 * otherwise the newest approved one; until one is approved, the latest
 * (then v->approvata is false, and documents and pages say so).
 * ARCHIVIO_DATI when there is none. */
ArchivioEsito archivio_piano_da_usare(Archivio *a, int numero, ArchivioFile *out, VersionePiano *v, char **error);
/* Which version archivio_piano_da_usare would give (numero, approvata, ultima), without reading it; false when
 * the archive does not answer. */
bool archivio_versione_in_uso(Archivio *a, VersionePiano *v);
/* The last row of the registro: it moves on at every change, from this process or any other (a server, the
 * command line), so that what was computed from the archive can be kept until it does. -1 when unreadable. */
long long archivio_ultima_modifica(Archivio *a);

/* The rilevazioni of year anno: at year end (al NULL), or of the latest
 * monitoring at a date ≤ *al in that year. ARCHIVIO_DATI when there are none. */
ArchivioEsito archivio_rilevazioni(Archivio *a, int anno, const Date *al, Rilevazioni *out, char **error);

/* The latest SMVP. */
ArchivioEsito archivio_sistema(Archivio *a, ArchivioFile *out, char **error);
/* The valutazioni of year anno, one per person, as a file gives them (in
 * the order they came; out->file names them for messages). ARCHIVIO_DATI
 * when there are none. */
ArchivioEsito archivio_valutazioni(Archivio *a, int anno, Valutazioni *out, char **error);
/* How many persons have a valutazione of year anno (-1: unreadable). */
long archivio_conta_valutazioni(Archivio *a, int anno);
/* The persons (the registro's names) with a valutazione of year anno, in
 * order; free each, then the array. Returns how many. */
size_t archivio_persone_valutate(Archivio *a, int anno, char ***nomi);
/* Whether persona (the registro's name) has a valutazione of year anno. */
bool archivio_valutazione_esiste(Archivio *a, int anno, const char *persona);

/* The day by which the dirigenti send the rilevazioni of the raccolta of
 * year anno (al NULL: the year end): set (termine NULL: none) with its row
 * in the registro, inside archivio_inizia … archivio_conferma; read (false
 * when it has none). */
ArchivioEsito archivio_cambia_termine(Archivio *a, int anno, const Date *al, const Date *termine, const Autore *chi,
                                      char **error);
bool archivio_termine(Archivio *a, int anno, const Date *al, Date *out);

/* The raccolte stored: anno and al ('' for the year end), for esporta. */
typedef struct {
    int anno;
    bool has_al;
    Date al;
} Raccolta;
size_t archivio_raccolte(Archivio *a, Raccolta **out);

/* The numbers of the actions of objective codice that have a rilevazione in
 * exactly the raccolta of year anno (al NULL: the year end; else the
 * monitoring at al), in order; *out NULL when none. Returns how many. */
size_t archivio_azioni_rilevate(Archivio *a, int anno, const Date *al, const char *codice, int **out);
/* Every action with a rilevazione in exactly the raccolta of year anno (al
 * NULL: the year end), by objective and number: one query for the whole
 * plan. Free with azioni_rilevate_free. Returns how many. */
typedef struct {
    char *obiettivo;
    int azione;
} AzioneRilevata;
size_t archivio_tutte_rilevate(Archivio *a, int anno, const Date *al, AzioneRilevata **out);
void azioni_rilevate_free(AzioneRilevata *v, size_t n);
/* The years with valutazioni. */
size_t archivio_anni_valutazioni(Archivio *a, int **out);

/* ---- the registro ------------------------------------------------------------------------- */

/* One row of the registro; its strings live until the visit returns. */
typedef struct {
    long id;
    const char *quando, *chi, *operazione, *tabella, *chiave, *obiettivo, *campo, *prima, *dopo, *motivo;
} VoceRegistro;

/* Visits the registro, newest first (only the rows about an objective when
 * codice is given), one row at a time: 100,000 rows need no more memory
 * than one. Returns how many. */
size_t archivio_storia(Archivio *a, const char *codice, void (*visit)(const VoceRegistro *v, void *user), void *user);
/* The same, of one kind of row: data changes (every table but the accesses), or the accesses (logins,
 * refusals) only, so that a flood of failed logins never hides the changes. */
typedef enum { STORIA_TUTTO, STORIA_MODIFICHE, STORIA_ACCESSI } FiltroStoria;
size_t archivio_storia_di(Archivio *a, const char *codice, FiltroStoria filtro,
                          void (*visit)(const VoceRegistro *v, void *user), void *user);

/* ---- the archive itself ------------------------------------------------------------------- */

/* integrity_check, foreign_key_check and the registro's chain: what is
 * wrong, one sentence each (none: 0). */
size_t archivio_controlla(Archivio *a, char ***problemi);

/* An online copy (SQLite backup API), usable while others write. */
ArchivioEsito archivio_copia(Archivio *a, const char *copia, char **error);

#endif
