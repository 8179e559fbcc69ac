#include "valutazione_output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_values.h"
#include "text.h"

static double hundredths(double v) { return round(v * 100.0) / 100.0; }
static double euro(int64_t cents) { return (double)cents / 100.0; }

static void add_number_or_null(cJSON *obj, const char *key, bool has, double v)
{
    if (has)
        cJSON_AddNumberToObject(obj, key, v);
    else
        cJSON_AddNullToObject(obj, key);
}

static void add_string_or_null(cJSON *obj, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(obj, key, s);
    else
        cJSON_AddNullToObject(obj, key);
}

static cJSON *valutazione_json(const ValutazionePersona *p)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "categoria", p->categoria->id);
    add_string_or_null(j, "profilo", p->v->profilo);
    cJSON_AddNumberToObject(j, "orario", p->v->orario);
    cJSON_AddNumberToObject(j, "servizio", p->v->servizio);
    cJSON_AddBoolToObject(j, "completa", p->completa);
    add_string_or_null(j, "mancanze", p->mancanze);
    add_number_or_null(j, "punteggio", p->has_punteggio, (double)p->punteggio_centesimi / 100.0);
    add_string_or_null(j, "fascia", p->fascia ? p->fascia->nome : NULL);
    cJSON *comp = cJSON_AddArrayToObject(j, "componenti");
    for (size_t i = 0; i < p->n_componenti; i++) {
        const ValoreComponente *c = &p->componenti[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", c->componente->id);
        cJSON_AddStringToObject(x, "nome", c->componente->nome);
        cJSON_AddNumberToObject(x, "peso", c->componente->peso);
        add_number_or_null(x, "valore", c->has_valore, hundredths(c->valore));
        cJSON_AddBoolToObject(x, "ridistribuito", c->ridistribuito);
        cJSON_AddItemToArray(comp, x);
    }
    cJSON *beh = cJSON_AddArrayToObject(j, "comportamenti");
    for (size_t i = 0; i < p->n_comportamenti; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", p->comportamenti[i].comportamento->id);
        add_number_or_null(x, "voto", p->comportamenti[i].has_voto, p->comportamenti[i].voto);
        cJSON_AddItemToArray(beh, x);
    }
    add_number_or_null(j, "premio", p->has_premio, euro(p->premio_centesimi));
    if (p->has_premio) {
        cJSON_AddNumberToObject(j, "maggiorazione", euro(p->maggiorazione_centesimi));
        add_string_or_null(j, "motivo_esclusione", p->motivo);
    }
    return j;
}

void valutazione_json_add(cJSON *root, const ValutazioniAnno *va)
{
    cJSON *people = cJSON_GetObjectItemCaseSensitive(root, "persone");
    if (!people)
        people = cJSON_AddArrayToObject(root, "persone");
    bool *placed = va->n ? calloc(va->n, sizeof *placed) : NULL;
    cJSON *entry;
    cJSON_ArrayForEach(entry, people) {
        /* the registry person of the entry: by id, or by nome for a registry person without one */
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");
        const cJSON *nome = cJSON_GetObjectItemCaseSensitive(entry, "nome");
        for (size_t i = 0; i < va->n; i++) {
            const Persona *p = va->persone[i].persona;
            bool same = cJSON_IsString(id) ? p->id && strcmp(p->id, id->valuestring) == 0
                                           : !p->id && cJSON_IsString(nome) && p->nome &&
                                                 strcmp(p->nome, nome->valuestring) == 0;
            if (same && !placed[i]) {
                cJSON_AddItemToObject(entry, "valutazione", valutazione_json(&va->persone[i]));
                placed[i] = true;
                break;
            }
        }
    }
    for (size_t i = 0; i < va->n; i++) {
        if (placed[i])
            continue;
        const Persona *who = va->persone[i].persona;
        cJSON *j = cJSON_CreateObject();
        add_string_or_null(j, "id", who->id);
        cJSON_AddStringToObject(j, "nome", who->nome ? who->nome : "");
        add_string_or_null(j, "matricola", who->matricola);
        add_string_or_null(j, "area", who->area);
        cJSON_AddNullToObject(j, "punteggio");
        cJSON_AddArrayToObject(j, "righe");
        cJSON_AddItemToObject(j, "valutazione", valutazione_json(&va->persone[i]));
        cJSON_AddItemToArray(people, j);
    }
    free(placed);
    if (va->premi.present) {
        cJSON *p = cJSON_AddObjectToObject(root, "premi");
        cJSON_AddNumberToObject(p, "fondo", euro(va->premi.fondo_centesimi));
        cJSON_AddNumberToObject(p, "distribuito", euro(va->premi.distribuito_centesimi));
        cJSON_AddNumberToObject(p, "aventi_diritto", (double)va->premi.aventi_diritto);
        cJSON_AddNumberToObject(p, "maggiorazione", euro(va->premi.maggiorazione_centesimi));
        cJSON_AddNumberToObject(p, "posti_maggiorazione", (double)va->premi.posti_maggiorazione);
        cJSON_AddNumberToObject(p, "beneficiari_maggiorazione", (double)va->premi.beneficiari_maggiorazione);
    }
}

void valutazione_format_euro_csv(char *buf, size_t size, int64_t cents)
{
    int neg = cents < 0;
    unsigned long long c = (unsigned long long)(neg ? -cents : cents);
    snprintf(buf, size, "%s%llu,%02llu", neg ? "-" : "", c / 100, c % 100);
}

/* The ids of every component and behaviour of the sistema, each once, in order. */
static size_t collect_ids(const Sistema *s, bool behaviours, const char **out)
{
    size_t n = 0;
    for (size_t c = 0; c < s->n_categorie; c++) {
        const Categoria *cat = &s->categorie[c];
        size_t m = behaviours ? cat->n_comportamenti : cat->n_componenti;
        for (size_t i = 0; i < m; i++) {
            const char *id = behaviours ? cat->comportamenti[i].id : cat->componenti[i].id;
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++)
                seen = strcmp(out[k], id) == 0;
            if (!seen)
                out[n++] = id;
        }
    }
    return n;
}

char *valutazione_to_csv(const ValutazioniAnno *va)
{
    const Sistema *s = va->sistema;
    size_t total = 0;
    for (size_t c = 0; c < s->n_categorie; c++)
        total += s->categorie[c].n_componenti + s->categorie[c].n_comportamenti;
    const char **comp = xcalloc(total + 1, sizeof *comp), **beh = xcalloc(total + 1, sizeof *beh);
    size_t n_comp = collect_ids(s, false, comp), n_beh = collect_ids(s, true, beh);
    StrBuf b = {0};
    strbuf_puts(&b, "anno;id;nome;matricola;area;categoria;profilo;orario;servizio;completa;mancanze;punteggio;fascia");
    for (size_t i = 0; i < n_comp; i++)
        strbuf_printf(&b, ";%s", comp[i]);
    strbuf_puts(&b, ";ridistribuite");
    for (size_t i = 0; i < n_beh; i++)
        strbuf_printf(&b, ";voto_%s", beh[i]);
    strbuf_puts(&b, ";nei_premi;avente_diritto;motivo_esclusione;quota_base;maggiorazione;premio\r\n");
    for (size_t i = 0; i < va->n; i++) {
        const ValutazionePersona *p = &va->persone[i];
        char anno[16], orario[32], servizio[32], score[32] = "", num[32];
        snprintf(anno, sizeof anno, "%d", va->anno);
        csv_format_decimal(orario, sizeof orario, p->v->orario);
        csv_format_decimal(servizio, sizeof servizio, p->v->servizio);
        if (p->has_punteggio)
            csv_format_decimal(score, sizeof score, p->punteggio);
        csv_put_field(&b, anno, false);
        csv_put_field(&b, p->persona->id, false);
        csv_put_field(&b, p->persona->nome, false);
        csv_put_field(&b, p->persona->matricola, false);
        csv_put_field(&b, p->persona->area, false);
        csv_put_field(&b, p->categoria->id, false);
        csv_put_field(&b, p->v->profilo, false);
        csv_put_field(&b, orario, false);
        csv_put_field(&b, servizio, false);
        csv_put_field(&b, p->completa ? "sì" : "no", false);
        csv_put_field(&b, p->mancanze, false);
        csv_put_field(&b, score, false);
        csv_put_field(&b, p->fascia ? p->fascia->nome : NULL, false);
        StrBuf redistributed = {0};
        for (size_t k = 0; k < n_comp; k++) {
            num[0] = '\0';
            for (size_t c = 0; c < p->n_componenti; c++)
                if (strcmp(p->componenti[c].componente->id, comp[k]) == 0) {
                    if (p->componenti[c].has_valore)
                        csv_format_decimal(num, sizeof num, p->componenti[c].valore);
                    else if (p->completa)
                        strbuf_printf(&redistributed, "%s%s", redistributed.len ? " " : "", comp[k]);
                }
            csv_put_field(&b, num, false);
        }
        csv_put_field(&b, redistributed.data, false);
        strbuf_free(&redistributed);
        for (size_t k = 0; k < n_beh; k++) {
            num[0] = '\0';
            for (size_t c = 0; c < p->n_comportamenti; c++)
                if (strcmp(p->comportamenti[c].comportamento->id, beh[k]) == 0 && p->comportamenti[c].has_voto)
                    text_format_number(num, sizeof num, p->comportamenti[c].voto);
            csv_put_field(&b, num, false);
        }
        char base[32] = "", mag[32] = "", prem[32] = "";
        if (p->has_premio) {
            valutazione_format_euro_csv(base, sizeof base, p->base_centesimi);
            valutazione_format_euro_csv(mag, sizeof mag, p->maggiorazione_centesimi);
            valutazione_format_euro_csv(prem, sizeof prem, p->premio_centesimi);
        }
        csv_put_field(&b, p->nei_premi ? "sì" : "no", false);
        csv_put_field(&b, p->nei_premi ? (p->avente_diritto ? "sì" : "no") : "", false);
        csv_put_field(&b, p->motivo, false);
        csv_put_field(&b, base, false);
        csv_put_field(&b, mag, false);
        csv_put_field(&b, prem, true);
    }
    free(comp);
    free(beh);
    return b.data ? b.data : xstrdup("");
}
