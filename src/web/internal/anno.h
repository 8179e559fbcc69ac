/* anno.h — what the pages show of the year: the rilevazioni in the
 * archive and the results they give, and the workflow's state of an
 * objective's rilevazioni. Private to src/web. */
#ifndef SCHEDE_WEB_ANNO_H
#define SCHEDE_WEB_ANNO_H

#include <time.h>

#include "esiti.h"
#include "persone.h"
#include "server.h"
#include "sistema.h"
#include "valutazione.h"
#include "valutazioni.h"

typedef struct {
    Rilevazioni ril;
    Esiti esiti;
    bool has_esiti;
    bool prestati;        /* ril and esiti are the server's kept ones (anno_free leaves them) */
    /* the SMVP and the year's valutazioni in the archive, computed as
     * `stampa --archivio` does (anno_valutazioni) */
    bool has_valutazioni;
    Sistema sistema;
    Valutazioni valutazioni;
    PersoneAnno persone;
    ValutazioniAnno va;
} Anno;

/* A period of collection: the year end, or a monitoring at a date of the year. */
typedef struct {
    bool has_al;
    Date al;
} Periodo;

/* "" or NULL: the year end; "2024-06-30": the monitoring at that date (in the server's year). */
bool periodo_leggi(const Server *s, const char *testo, Periodo *p);
/* "2024" or "2024 al 2024-06-30": its key in the workflow. */
char *periodo_chiave(const Server *s, const Periodo *p);
/* "fine anno" or "monitoraggio al 30/06/2024", for people. */
char *periodo_nome(const Periodo *p);
/* "" or "2024-06-30", for links and forms. */
void periodo_valore(const Periodo *p, char out[11]);
/* The year end, then every monitoring of the year (opened here or imported), by date. */
size_t periodi(Server *s, Periodo **out);
/* Whether the raccolta of p is there: the year end's always; a monitoring
 * once the Segreteria opened it (or its rilevazioni were imported). */
bool periodo_esiste(Server *s, const Periodo *p);
/* Whether rilevazioni may be entered in it: open (as it starts) and, for a monitoring, opened. */
bool periodo_aperto(Server *s, const Periodo *p);

/* The year's rilevazioni at year end (none is not an error) and their results. */
void anno_carica(Server *s, Anno *out);
/* The rilevazioni of a period (a monitoring: its own raccolta, empty until its first) and their results at its date. */
void anno_carica_periodo(Server *s, const Periodo *p, Anno *out);
/* Adds the valutazioni of the year: false when the archive has no SMVP or
 * no valutazioni for it, or they do not load (*error says which). */
bool anno_valutazioni(Server *s, Anno *y, char **error);
void anno_free(Anno *a);
const EsitoObiettivo *anno_esito(const Anno *a, const Obiettivo *o);

/* "2025 SG-01", "2025 al 2025-06-30 SG-01": the key of an objective's rilevazioni of a period in the workflow. */
char *chiave_rilevazioni(const Server *s, const Periodo *p, const char *codice);
/* The state of oggetto/chiave; a read that fails counts as none recorded (the first state): a
 * change made from it is checked again inside its own transaction (archivio_cambia_stato). */
Stato stato_di(Archivio *a, const char *oggetto, const char *chiave);
/* "2025 Mario Rossi": the key of a person's valutazione of the year in the workflow. */
char *chiave_valutazione(const Server *s, const Persona *p);

/* The state's name for people: "aperta" when none is recorded. */
const char *stato_rilevazioni(const Stato *st);
/* Whether the dirigente may still enter rilevazioni in that state. */
bool rilevazioni_modificabili(const Stato *st);

/* The objective of the plan printed with this codice, or NULL. */
const Obiettivo *piano_obiettivo(const Server *s, const char *codice);

/* A state as the pages show it: <strong id="ID">stato</strong> (who, when) — «note». */
void html_stato(StrBuf *b, const char *id, const char *nome, const Stato *st);

/* A registro row as a history line: "12/07/2025 10:14 — M. Rossi: AG-01/2 percentuale 40 → 60". */
void storia_riga(StrBuf *b, const VoceRegistro *v);

#endif
