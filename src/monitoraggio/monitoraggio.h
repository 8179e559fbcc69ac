/* monitoraggio.h — the state of every action of the year at a monitoring
 * date (FORMAT.md §4): the mid-year check the OIV looks at, from which the
 * Giunta's changes to the plan come.
 *
 * At a date D an action of the year is
 *   conclusa            its completion date ≤ D, or avanzamento = 100;
 *   scaduta             not concluded, and its scadenza ≤ D;
 *   a rischio           not concluded, scadenza > D, avanzamento given and
 *                       below the elapsed share of its time minus a margin
 *                       (25 points unless the layout file says otherwise);
 *   in corso            otherwise, with a rilevazione;
 *   senza informazioni  otherwise, without one.
 * The elapsed share ("atteso") is (D − start) / (scadenza − start) × 100 in
 * calendar days, start = the action's inizio or 1 January of its year,
 * kept within 0–100. */
#ifndef SCHEDE_MONITORAGGIO_H
#define SCHEDE_MONITORAGGIO_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "model.h"
#include "raggiunto.h"

typedef enum {
    MON_CONCLUSA,
    MON_SCADUTA,
    MON_A_RISCHIO,
    MON_IN_CORSO,
    MON_SENZA_INFORMAZIONI,
    MON_COUNT
} StatoMonitoraggio;

typedef struct {
    const Azione *azione;
    const Rilevazione *rilevazione; /* NULL: nothing reported */
    StatoMonitoraggio stato;
    Date inizio;                    /* the start used for atteso */
    bool has_conclusione;
    Date conclusione;               /* the completion date, when ≤ D */
    bool has_ritardo;
    long ritardo_giorni;            /* concluded with a date and a scadenza: 0 on time or early */
    bool has_avanzamento;
    double avanzamento;             /* as reported; 100 for a concluded action */
    bool has_atteso;
    double atteso;                  /* needs a scadenza */
} AzioneMonitorata;

typedef struct {
    const Obiettivo *obiettivo;
    AzioneMonitorata *azioni;       /* the actions of the year, in plan order */
    size_t n;
    size_t conteggi[MON_COUNT];
} ObiettivoMonitorato;

typedef struct {
    int anno;
    Date al;
    double margine;
    ObiettivoMonitorato *obiettivi; /* those with actions in the year, in plan order */
    size_t n;
    size_t azioni;
    size_t conteggi[MON_COUNT];
} Monitoraggio;

/* The state of one action at date al (the one function that decides it).
 * r may be NULL. */
void monitoraggio_azione(const Azione *z, const Rilevazione *r, int anno, Date al, double margine,
                         AzioneMonitorata *out);

/* Every action of year anno at date al. rilevazioni may be NULL; they are
 * matched by codice and action number (esiti_compute reports the ones that
 * match nothing); invalid ones count as absent. */
void monitoraggio_compute(const Plan *plan, const Rilevazioni *rilevazioni, int anno, Date al, double margine,
                          Monitoraggio *out);
void monitoraggio_free(Monitoraggio *m);

/* "conclusa", "scaduta", "a_rischio", "in_corso", "senza_informazioni". */
const char *monitoraggio_stato_name(StatoMonitoraggio s);

/* {"anno", "al", "margine_a_rischio", "conteggi": {stato: n}, "obiettivi": [{"codice",
 * "conteggi", "azioni": [{"n", "peso", "inizio", "scadenza", "stato", "conclusione",
 * "ritardo_giorni", "avanzamento", "atteso", "criticita", "proposta", "nota"}]}]}. New string. */
char *monitoraggio_to_json(const Monitoraggio *m);
/* One row per action, Italian numbers and dates (monitoraggio.csv). New string. */
char *monitoraggio_to_csv(const Monitoraggio *m);

#endif
