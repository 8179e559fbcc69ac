/* monitoraggio_output.c — the states at a date as data: JSON for other
 * programs, CSV (monitoraggio.csv) for publication and spreadsheets. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv_values.h"
#include "esiti_output.h"
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
    /* docs/formato.md §4: the indicators with a target in the year */
    cJSON *ic = cJSON_AddObjectToObject(root, "conteggi_indicatori");
    for (int st = 0; st < IND_COUNT; st++)
        cJSON_AddNumberToObject(ic, monitoraggio_stato_indicatore_name((StatoIndicatore)st),
                                (double)m->conteggi_indicatori[st]);
    cJSON *inds = cJSON_AddArrayToObject(root, "indicatori");
    for (size_t i = 0; i < m->n_indicatori; i++) {
        const IndicatoreMonitorato *im = &m->indicatori[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "codice", im->obiettivo->codice ? im->obiettivo->codice : "");
        cJSON_AddNumberToObject(j, "n", im->n);
        add_text(j, "nome", im->indicatore->nome);
        add_text(j, "unita", im->indicatore->unita);
        cJSON_AddNumberToObject(j, "target", im->target);
        add_number(j, "valore", im->has_valore, im->valore);
        add_date(j, "data", im->has_data, im->data);
        add_number(j, "percentuale", im->has_percentuale, hundredths(im->percentuale));
        cJSON_AddNumberToObject(j, "atteso", hundredths(im->atteso));
        cJSON_AddStringToObject(j, "stato", monitoraggio_stato_indicatore_name(im->stato));
        add_text(j, "nota", im->esito ? im->esito->nota : NULL);
        cJSON_AddItemToArray(inds, j);
    }
    return esiti_json_print(root);
}

char *monitoraggio_to_csv(const Monitoraggio *m)
{
    StrBuf b = {0};
    /* the indicators' columns come last, so that readers of the earlier ones see no change */
    strbuf_puts(&b, "al;obiettivo;dirigente;azione;peso;inizio;scadenza;stato;conclusione;ritardo_giorni;"
                    "avanzamento;atteso;criticita;proposta;nota;indicatore;nome_indicatore;target;valore;"
                    "data_valore;percentuale\r\n");
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
            csv_put_field(&b, r ? r->nota : NULL, false);
            for (int f = 0; f < 6; f++)
                csv_put_field(&b, NULL, f == 5);
        }
    }
    for (size_t i = 0; i < m->n_indicatori; i++) {
        const IndicatoreMonitorato *im = &m->indicatori[i];
        char n[16], peso[32] = "", att[32], target[64], valore[64] = "", data[11] = "", pct[32] = "";
        snprintf(n, sizeof n, "%d", im->n);
        if (im->indicatore->has_peso)
            text_format_number(peso, sizeof peso, im->indicatore->peso);
        csv_format_decimal(att, sizeof att, im->atteso);
        text_format_number(target, sizeof target, im->target);
        if (im->has_valore)
            text_format_number(valore, sizeof valore, im->valore);
        if (im->has_data)
            date_format_it(im->data, data);
        if (im->has_percentuale)
            csv_format_decimal(pct, sizeof pct, im->percentuale);
        const char *fields[] = {al, im->obiettivo->codice, im->obiettivo->dirigente, "", peso, "", "",
                                monitoraggio_stato_indicatore_name(im->stato), "", "", "", att, "", "",
                                im->esito ? im->esito->nota : NULL, n, im->indicatore->nome, target, valore, data, pct};
        size_t nf = sizeof fields / sizeof *fields;
        for (size_t f = 0; f < nf; f++)
            csv_put_field(&b, fields[f], f + 1 == nf);
    }
    return b.data ? b.data : xstrdup("");
}
