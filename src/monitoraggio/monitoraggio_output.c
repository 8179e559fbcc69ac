/* monitoraggio_output.c — the states at a date as data: JSON for other
 * programs, CSV (monitoraggio.csv) for publication and spreadsheets. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv_values.h"
#include "monitoraggio.h"
#include "text.h"

static double hundredths(double v) { return round(v * 100.0) / 100.0; }

static void add_date(cJSON *o, const char *key, bool has, Date d)
{
    if (has) {
        char iso[11];
        date_format_iso(d, iso);
        cJSON_AddStringToObject(o, key, iso);
    } else {
        cJSON_AddNullToObject(o, key);
    }
}

static void add_number(cJSON *o, const char *key, bool has, double v)
{
    if (has)
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static void add_text(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *counts(const size_t c[MON_COUNT])
{
    cJSON *o = cJSON_CreateObject();
    for (int s = 0; s < MON_COUNT; s++)
        cJSON_AddNumberToObject(o, monitoraggio_stato_name((StatoMonitoraggio)s), (double)c[s]);
    return o;
}

char *monitoraggio_to_json(const Monitoraggio *m)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "anno", m->anno);
    add_date(root, "al", true, m->al);
    cJSON_AddNumberToObject(root, "margine_a_rischio", m->margine);
    cJSON_AddNumberToObject(root, "azioni", (double)m->azioni);
    cJSON_AddItemToObject(root, "conteggi", counts(m->conteggi));
    cJSON *objs = cJSON_AddArrayToObject(root, "obiettivi");
    for (size_t i = 0; i < m->n; i++) {
        const ObiettivoMonitorato *om = &m->obiettivi[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "codice", om->obiettivo->codice ? om->obiettivo->codice : "");
        add_text(o, "dirigente", om->obiettivo->dirigente);
        cJSON_AddItemToObject(o, "conteggi", counts(om->conteggi));
        cJSON *azioni = cJSON_AddArrayToObject(o, "azioni");
        for (size_t k = 0; k < om->n; k++) {
            const AzioneMonitorata *a = &om->azioni[k];
            const Rilevazione *r = a->rilevazione;
            cJSON *j = cJSON_CreateObject();
            cJSON_AddNumberToObject(j, "n", a->azione->n);
            add_number(j, "peso", a->azione->has_peso, a->azione->peso);
            add_date(j, "inizio", true, a->inizio);
            add_date(j, "scadenza", a->azione->has_scadenza, a->azione->scadenza);
            cJSON_AddStringToObject(j, "stato", monitoraggio_stato_name(a->stato));
            add_date(j, "conclusione", a->has_conclusione, a->conclusione);
            add_number(j, "ritardo_giorni", a->has_ritardo, (double)a->ritardo_giorni);
            add_number(j, "avanzamento", a->has_avanzamento, a->avanzamento);
            add_number(j, "atteso", a->has_atteso, hundredths(a->atteso));
            add_text(j, "criticita", r ? r->criticita : NULL);
            add_text(j, "proposta", r ? r->proposta : NULL);
            add_text(j, "nota", r ? r->nota : NULL);
            cJSON_AddItemToArray(azioni, j);
        }
        cJSON_AddItemToArray(objs, o);
    }
    char *s = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", s);
    free(s);
    return out;
}

char *monitoraggio_to_csv(const Monitoraggio *m)
{
    StrBuf b = {0};
    strbuf_puts(&b, "al;obiettivo;dirigente;azione;peso;inizio;scadenza;stato;conclusione;ritardo_giorni;"
                    "avanzamento;atteso;criticita;proposta;nota\r\n");
    char al[11];
    date_format_it(m->al, al);
    for (size_t i = 0; i < m->n; i++) {
        const ObiettivoMonitorato *om = &m->obiettivi[i];
        for (size_t k = 0; k < om->n; k++) {
            const AzioneMonitorata *a = &om->azioni[k];
            const Rilevazione *r = a->rilevazione;
            char n[16], peso[32] = "", inizio[11], scad[11] = "", concl[11] = "", rit[32] = "", av[32] = "",
                 att[32] = "";
            snprintf(n, sizeof n, "%d", a->azione->n);
            if (a->azione->has_peso)
                text_format_number(peso, sizeof peso, a->azione->peso);
            date_format_it(a->inizio, inizio);
            if (a->azione->has_scadenza)
                date_format_it(a->azione->scadenza, scad);
            if (a->has_conclusione)
                date_format_it(a->conclusione, concl);
            if (a->has_ritardo)
                snprintf(rit, sizeof rit, "%ld", a->ritardo_giorni);
            if (a->has_avanzamento)
                csv_format_decimal(av, sizeof av, a->avanzamento);
            if (a->has_atteso)
                csv_format_decimal(att, sizeof att, a->atteso);
            csv_put_field(&b, al, false);
            csv_put_field(&b, om->obiettivo->codice, false);
            csv_put_field(&b, om->obiettivo->dirigente, false);
            csv_put_field(&b, n, false);
            csv_put_field(&b, peso, false);
            csv_put_field(&b, inizio, false);
            csv_put_field(&b, scad, false);
            csv_put_field(&b, monitoraggio_stato_name(a->stato), false);
            csv_put_field(&b, concl, false);
            csv_put_field(&b, rit, false);
            csv_put_field(&b, av, false);
            csv_put_field(&b, att, false);
            csv_put_field(&b, r ? r->criticita : NULL, false);
            csv_put_field(&b, r ? r->proposta : NULL, false);
            csv_put_field(&b, r ? r->nota : NULL, true);
        }
    }
    return b.data ? b.data : xstrdup("");
}
