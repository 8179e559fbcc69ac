/* monitoraggio.h — the state of every action of the year at a monitoring
 * date (docs/formato.md §4): the mid-year check the OIV looks at, from which the
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
#include "esiti.h"
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

/* An indicator with a target in the year, at D (docs/formato.md §4, §7): the last value known at D
 * and its % so far by the indicator's rule, against the elapsed share of the year (1 January to
 * 31 December) with the same margin as the actions:
 *   in linea      a value known, % ≥ elapsed share − margin;
 *   a rischio     a value known, % below it;
 *   senza valori  no value known at D. */
typedef enum { IND_IN_LINEA, IND_A_RISCHIO, IND_SENZA_VALORI, IND_COUNT } StatoIndicatore;

typedef struct {
    const Obiettivo *obiettivo;
    const EsitoIndicatore *esito;   /* NULL without rilevazioni */
    const Indicatore *indicatore;
    int n;                          /* 1-based, as rilevazioni name it */
    double target;                  /* of the year */
    bool has_valore;
    double valore;
    bool has_data;
    Date data;                      /* when the value was measured, if the rilevazione says */
    bool has_percentuale;
    double percentuale;             /* so far, by the indicator's rule */
    double atteso;                  /* elapsed share of the year at D */
    StatoIndicatore stato;
} IndicatoreMonitorato;

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
    IndicatoreMonitorato *indicatori; /* every indicator with a target in the year, in plan order */
    size_t n_indicatori;
    size_t conteggi_indicatori[IND_COUNT];
} Monitoraggio;

/* The state of one action at date al (the one function that decides it).
 * r may be NULL. */
void monitoraggio_azione(const Azione *z, const Rilevazione *r, int anno, Date al, double margine,
                         AzioneMonitorata *out);

/* Every action of year anno at date al, and every indicator with a target
 * that year. rilevazioni may be NULL; they are matched by codice and action
 * number (esiti_compute reports the ones that match nothing); invalid ones
 * count as absent. The indicators' values come from esiti computed at al
 * (esiti_compute_at: the last value dated ≤ al), which may be NULL. */
void monitoraggio_compute(const Plan *plan, const Rilevazioni *rilevazioni, const Esiti *esiti, int anno, Date al,
                          double margine, Monitoraggio *out);
void monitoraggio_free(Monitoraggio *m);

/* "conclusa", "scaduta", "a_rischio", "in_corso", "senza_informazioni". */
const char *monitoraggio_stato_name(StatoMonitoraggio s);
/* "in_linea", "a_rischio", "senza_valori". */
const char *monitoraggio_stato_indicatore_name(StatoIndicatore s);

/* {"anno", "al", "margine_a_rischio", "conteggi": {stato: n}, "obiettivi": [{"codice",
 * "conteggi", "azioni": [{"n", "peso", "inizio", "scadenza", "stato", "conclusione",
 * "ritardo_giorni", "avanzamento", "atteso", "criticita", "proposta", "nota"}]}]}. New string. */
char *monitoraggio_to_json(const Monitoraggio *m);
/* One row per action, Italian numbers and dates (monitoraggio.csv). New string. */
char *monitoraggio_to_csv(const Monitoraggio *m);

#endif
