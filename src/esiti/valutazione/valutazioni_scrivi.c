/* SPDX-License-Identifier: EUPL-1.2 */
/* valutazioni_scrivi.c — a valutazione as data: its fields one by one, for
 * the archive's registro and the differences an upload shows; the whole
 * set as a schede-valutazioni/1 file, which valutazioni_load_buffer reads
 * back the same (archivio esporta). */
#include "valutazioni.h"

#include <stdlib.h>
#include <string.h>

#include "esiti_output.h"
#include "text.h"
#include <cjson/cJSON.h>

static void add(CampoValutazione **out, size_t *n, const char *nome, const char *etichetta, cJSON *json,
                const char *testo)
{
    *out = xrealloc(*out, (*n + 1) * sizeof **out);
    CampoValutazione *c = &(*out)[(*n)++];
    c->nome = xstrdup(nome);
    c->etichetta = xstrdup(etichetta);
    c->json = cJSON_PrintUnformatted(json);
    c->testo = xstrdup(testo);
    cJSON_Delete(json);
}

static void add_text(CampoValutazione **out, size_t *n, const char *nome, const char *etichetta, const char *v)
{
    add(out, n, nome, etichetta, v ? cJSON_CreateString(v) : cJSON_CreateNull(), v && *v ? v : "—");
}

static void add_number(CampoValutazione **out, size_t *n, const char *nome, const char *etichetta, bool has, double v)
{
    char t[64] = "—";
    if (has)
        text_format_number(t, sizeof t, v);
    add(out, n, nome, etichetta, has ? cJSON_CreateNumber(v) : cJSON_CreateNull(), t);
}

static void add_date(CampoValutazione **out, size_t *n, const char *nome, const char *etichetta, bool has, Date d)
{
    char iso[11], it[11] = "—";
    if (has) {
        date_format_iso(d, iso);
        date_format_it(d, it);
    }
    add(out, n, nome, etichetta, has ? cJSON_CreateString(iso) : cJSON_CreateNull(), it);
}

size_t valutazione_campi(const Valutazione *v, CampoValutazione **out)
{
    *out = NULL;
    size_t n = 0;
    add_text(out, &n, "categoria", "categoria", v->categoria);
    add_text(out, &n, "profilo", "profilo", v->profilo);
    add_number(out, &n, "orario", "orario (%)", true, v->orario);
    add_number(out, &n, "servizio", "servizio nell'anno (%)", true, v->servizio);
    for (size_t i = 0; i < v->n_voti; i++) {
        char *nome = xasprintf("voti.%s", v->voti[i].id), *etichetta = xasprintf("voto %s", v->voti[i].id);
        add_number(out, &n, nome, etichetta, v->voti[i].has_valore, v->voti[i].valore);
        free(nome);
        free(etichetta);
    }
    for (size_t i = 0; i < v->n_manuali; i++) {
        char *nome = xasprintf("manuali.%s", v->manuali[i].id), *etichetta = xasprintf("valore %s", v->manuali[i].id);
        add_number(out, &n, nome, etichetta, v->manuali[i].has_valore, v->manuali[i].valore);
        free(nome);
        free(etichetta);
    }
    add_text(out, &n, "valutatore", "valutatore", v->valutatore);
    add_date(out, &n, "data", "data della valutazione", v->has_data, v->data);
    add_date(out, &n, "colloquio", "colloquio", v->has_colloquio, v->colloquio);
    add_text(out, &n, "commento", "commento", v->commento);
    add_text(out, &n, "osservazioni", "osservazioni", v->osservazioni);
    add_text(out, &n, "giudizio", "giudizio", v->giudizio);
    add_text(out, &n, "escluso_premio", "escluso dal premio", v->escluso_premio);
    return n;
}

void valutazione_campi_free(CampoValutazione *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].nome);
        free(c[i].etichetta);
        free(c[i].json);
        free(c[i].testo);
    }
    free(c);
}

static void put_string(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
}

static void put_date(cJSON *o, const char *key, bool has, Date d)
{
    char iso[11];
    if (has) {
        date_format_iso(d, iso);
        cJSON_AddStringToObject(o, key, iso);
    }
}

static void put_voci(cJSON *o, const char *key, const Voce *list, size_t n)
{
    if (!n)
        return;
    cJSON *map = cJSON_AddObjectToObject(o, key);
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToObject(map, list[i].id,
                              list[i].has_valore ? cJSON_CreateNumber(list[i].valore) : cJSON_CreateNull());
}

char *valutazioni_in_json(const Valutazioni *set)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "formato", VALUTAZIONI_FORMAT);
    if (set->has_anno)
        cJSON_AddNumberToObject(root, "anno", set->anno);
    cJSON *arr = cJSON_AddArrayToObject(root, "valutazioni");
    for (size_t i = 0; i < set->n; i++) {
        const Valutazione *v = &set->items[i];
        cJSON *o = cJSON_CreateObject();
        put_string(o, "persona", v->persona);
        put_string(o, "categoria", v->categoria);
        put_string(o, "profilo", v->profilo);
        cJSON_AddNumberToObject(o, "orario", v->orario);
        cJSON_AddNumberToObject(o, "servizio", v->servizio);
        put_voci(o, "voti", v->voti, v->n_voti);
        put_voci(o, "manuali", v->manuali, v->n_manuali);
        put_string(o, "valutatore", v->valutatore);
        put_date(o, "data", v->has_data, v->data);
        put_date(o, "colloquio", v->has_colloquio, v->colloquio);
        put_string(o, "commento", v->commento);
        put_string(o, "osservazioni", v->osservazioni);
        put_string(o, "giudizio", v->giudizio);
        put_string(o, "escluso_premio", v->escluso_premio);
        cJSON_AddItemToArray(arr, o);
    }
    return esiti_json_print(root);
}

static Voce *copy_voci(const Voce *src, size_t n)
{
    Voce *out = n ? xcalloc(n, sizeof *out) : NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = (Voce){xstrdup(src[i].id), src[i].has_valore, src[i].valore};
    return out;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void valutazione_copia(Valutazione *dst, const Valutazione *src)
{
    *dst = *src;
    dst->persona = dup_or_null(src->persona);
    dst->categoria = dup_or_null(src->categoria);
    dst->profilo = dup_or_null(src->profilo);
    dst->voti = copy_voci(src->voti, src->n_voti);
    dst->manuali = copy_voci(src->manuali, src->n_manuali);
    dst->valutatore = dup_or_null(src->valutatore);
    dst->commento = dup_or_null(src->commento);
    dst->osservazioni = dup_or_null(src->osservazioni);
    dst->giudizio = dup_or_null(src->giudizio);
    dst->escluso_premio = dup_or_null(src->escluso_premio);
    dst->path = dup_or_null(src->path);
}
