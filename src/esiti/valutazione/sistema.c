#include "sistema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "json_reader.h"
#include "text.h"

static const char *const FONTI[] = {"obiettivi", "obiettivi_diretti", "ente", "comportamenti", "manuale", NULL};
static const char *const PROPORZIONI[] = {"punteggio", "fascia", "parametro", "orario", "servizio", NULL};

const char *fonte_name(FonteComponente f) { return FONTI[f]; }
const char *proporzione_name(Proporzione p) { return PROPORZIONI[p]; }

static const char *const TOP_KEYS[] = {"formato", "categorie", "fasce", "premi", NULL};
static const char *const CAT_KEYS[] = {"id", "nome", "componenti", "comportamenti", "scala", NULL};
static const char *const COMP_KEYS[] = {"id", "nome", "peso", "fonte", NULL};
static const char *const BEH_KEYS[] = {"id", "nome", "peso", NULL};
static const char *const BAND_KEYS[] = {"da", "nome", "coefficiente", NULL};
static const char *const PREMI_KEYS[] = {"fondo", "categorie", "soglia", "riferimento", "parametri", "maggiorazione",
                                         "proporzioni", NULL};
static const char *const MAGG_KEYS[] = {"percentuale", "quota", NULL};

/* Largest fund the exact arithmetic of premi.c is sized for: 100 million euro. */
#define FONDO_MASSIMO 1e8

static void number_text(char *buf, size_t size, double v) { text_format_number(buf, size, v); }

/* A number in [lo, hi]; reports otherwise. */
static bool in_range(JsonCtx *ctx, const char *path, const char *key, double v, double lo, double hi)
{
    if (v >= lo && v <= hi)
        return true;
    char *p = json_path_key(path, key), a[64], b[64], x[64];
    number_text(a, sizeof a, lo);
    number_text(b, sizeof b, hi);
    number_text(x, sizeof x, v);
    json_error(ctx, p, "«%s» vale %s: deve essere tra %s e %s", key, x, a, b);
    free(p);
    return false;
}

/* The index of name in a NULL-terminated list, or -1. */
static int find_name(const char *const list[], const char *name)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return i;
    return -1;
}

static char *joined(const char *const list[])
{
    StrBuf b = {0};
    for (size_t i = 0; list[i]; i++) {
        strbuf_puts(&b, i ? ", " : "");
        strbuf_puts(&b, list[i]);
    }
    return b.data;
}

/* The premi use v with a fixed number of decimals (premi.c): say so when
 * the file has more. */
static void check_decimals(JsonCtx *ctx, const char *path, const char *key, double v, double scale)
{
    if (fabs(v * scale - round(v * scale)) < 1e-6)
        return;
    char *p = json_path_key(path, key), used[64];
    snprintf(used, sizeof used, scale > 100 ? "%.4f" : "%.2f", round(v * scale) / scale);
    for (char *c = used; *c; c++)
        if (*c == '.')
            *c = ',';
    json_warning(ctx, p, "«%s» ha più decimali di quanti ne usano i premi: si usa %s", key, used);
    free(p);
}

/* An id: required, non-empty, unique among ids[0..n). */
static void read_id(JsonCtx *ctx, const cJSON *obj, const char *path, char **out, char *const *ids, size_t n,
                    size_t stride, const char *what)
{
    if (!json_get_string(ctx, obj, path, "id", JSON_REQUIRED, out))
        return;
    char *p = json_path_key(path, "id");
    if (!**out)
        json_error(ctx, p, "«id» vuoto: ogni %s ha un identificativo", what);
    for (size_t i = 0; i < n; i++) {
        const char *other = *(char *const *)((const char *)ids + i * stride);
        if (other && strcmp(other, *out) == 0) {
            json_error(ctx, p, "%s «%s» definito due volte", what, *out);
            break;
        }
    }
    free(p);
}

/* A weight: a number ≥ 0. */
static void read_peso(JsonCtx *ctx, const cJSON *obj, const char *path, double *out)
{
    if (json_get_number(ctx, obj, path, "peso", JSON_REQUIRED, out))
        in_range(ctx, path, "peso", *out, 0, 1000);
}

typedef struct {
    Sistema *s;
    Categoria *cat;
} Target;

static void read_componente(JsonCtx *ctx, const cJSON *obj, const char *path, void *user)
{
    Categoria *cat = ((Target *)user)->cat;
    cat->componenti = xrealloc(cat->componenti, (cat->n_componenti + 1) * sizeof *cat->componenti);
    Componente *c = &cat->componenti[cat->n_componenti];
    memset(c, 0, sizeof *c);
    json_check_keys(ctx, obj, path, COMP_KEYS);
    read_id(ctx, obj, path, &c->id, &cat->componenti[0].id, cat->n_componenti, sizeof *c, "componente");
    cat->n_componenti++;
    json_get_string(ctx, obj, path, "nome", JSON_REQUIRED, &c->nome);
    read_peso(ctx, obj, path, &c->peso);
    char *fonte = NULL;
    if (json_get_string(ctx, obj, path, "fonte", JSON_REQUIRED, &fonte)) {
        int k = find_name(FONTI, fonte);
        if (k < 0) {
            char *p = json_path_key(path, "fonte"), *all = joined(FONTI);
            json_error(ctx, p, "fonte «%s» non prevista: %s", fonte, all);
            free(all);
            free(p);
        } else {
            c->fonte = (FonteComponente)k;
        }
    }
    free(fonte);
}

static void read_comportamento(JsonCtx *ctx, const cJSON *obj, const char *path, void *user)
{
    Categoria *cat = ((Target *)user)->cat;
    cat->comportamenti = xrealloc(cat->comportamenti, (cat->n_comportamenti + 1) * sizeof *cat->comportamenti);
    Comportamento *b = &cat->comportamenti[cat->n_comportamenti];
    memset(b, 0, sizeof *b);
    json_check_keys(ctx, obj, path, BEH_KEYS);
    read_id(ctx, obj, path, &b->id, &cat->comportamenti[0].id, cat->n_comportamenti, sizeof *b, "comportamento");
    cat->n_comportamenti++;
    json_get_string(ctx, obj, path, "nome", JSON_REQUIRED, &b->nome);
    read_peso(ctx, obj, path, &b->peso);
}

/* Warns when the weights of a list do not sum to 100. */
static void check_sum(JsonCtx *ctx, const char *path, double sum, const char *what, const char *id)
{
    if (fabs(sum - 100) < 1e-9)
        return;
    char v[64];
    number_text(v, sizeof v, sum);
    json_warning(ctx, path, "i pesi %s della categoria «%s» sommano a %s invece di 100: il punteggio li usa "
                            "in proporzione", what, id ? id : "?", v);
}

static void read_categoria(JsonCtx *ctx, const cJSON *obj, const char *path, void *user)
{
    Target *t = user;
    Sistema *s = t->s;
    s->categorie = xrealloc(s->categorie, (s->n_categorie + 1) * sizeof *s->categorie);
    Categoria *cat = &s->categorie[s->n_categorie];
    memset(cat, 0, sizeof *cat);
    json_check_keys(ctx, obj, path, CAT_KEYS);
    read_id(ctx, obj, path, &cat->id, &s->categorie[0].id, s->n_categorie, sizeof *cat, "categoria");
    s->n_categorie++;
    json_get_string(ctx, obj, path, "nome", JSON_REQUIRED, &cat->nome);
    t->cat = cat;
    char *comp_path = json_path_key(path, "componenti"), *beh_path = json_path_key(path, "comportamenti");
    const cJSON *arr = json_get_array(ctx, obj, path, "componenti", JSON_REQUIRED);
    if (arr) {
        json_each_object(ctx, arr, comp_path, read_componente, t);
        if (cat->n_componenti == 0)
            json_error(ctx, comp_path, "la categoria «%s» non ha componenti: non si può calcolare un punteggio",
                       cat->id ? cat->id : "?");
    }
    arr = json_get_array(ctx, obj, path, "comportamenti", JSON_OPTIONAL);
    if (arr)
        json_each_object(ctx, arr, beh_path, read_comportamento, t);
    const cJSON *scala = json_get_array(ctx, obj, path, "scala", JSON_OPTIONAL);
    if (scala) {
        char *p = json_path_key(path, "scala");
        const cJSON *lo = cJSON_GetArrayItem(scala, 0), *hi = cJSON_GetArrayItem(scala, 1);
        if (cJSON_GetArraySize(scala) != 2 || !cJSON_IsNumber(lo) || !cJSON_IsNumber(hi))
            json_error(ctx, p, "«scala» si scrive [voto minimo, voto massimo], per esempio [1, 10]");
        else if (!(lo->valuedouble >= 0 && lo->valuedouble < hi->valuedouble && hi->valuedouble <= 1000))
            json_error(ctx, p, "«scala»: il voto minimo deve essere almeno 0 e minore del massimo (al più 1000)");
        else {
            cat->has_scala = true;
            cat->scala[0] = lo->valuedouble;
            cat->scala[1] = hi->valuedouble;
        }
        free(p);
    }
    /* Cross-checks within the category. */
    double sum = 0;
    bool uses_behaviours = false;
    for (size_t i = 0; i < cat->n_componenti; i++) {
        sum += cat->componenti[i].peso;
        uses_behaviours |= cat->componenti[i].fonte == FONTE_COMPORTAMENTI;
    }
    if (cat->n_componenti > 0)
        check_sum(ctx, comp_path, sum, "delle componenti", cat->id);
    if (uses_behaviours && cat->n_comportamenti == 0)
        json_error(ctx, beh_path, "la categoria «%s» ha una componente con fonte «comportamenti» ma nessun "
                                  "comportamento da votare", cat->id ? cat->id : "?");
    if (cat->n_comportamenti > 0) {
        sum = 0;
        for (size_t i = 0; i < cat->n_comportamenti; i++)
            sum += cat->comportamenti[i].peso;
        check_sum(ctx, beh_path, sum, "dei comportamenti", cat->id);
        if (!cat->has_scala && !scala)
            json_error(ctx, path, "la categoria «%s» ha comportamenti ma non la «scala» dei voti (per esempio [1, 10])",
                       cat->id ? cat->id : "?");
        if (!uses_behaviours)
            json_warning(ctx, beh_path, "la categoria «%s» elenca comportamenti ma nessuna componente ha fonte "
                                        "«comportamenti»: i voti non contano", cat->id ? cat->id : "?");
    }
    /* A behaviour and a component with one id would be one CSV column for two things. */
    for (size_t i = 0; i < cat->n_comportamenti; i++)
        if (cat->comportamenti[i].id && categoria_componente(cat, cat->comportamenti[i].id)) {
            char *p = json_path_index(beh_path, i);
            json_error(ctx, p, "«%s» è sia un comportamento sia una componente della categoria: usare identificativi "
                               "diversi", cat->comportamenti[i].id);
            free(p);
        }
    free(comp_path);
    free(beh_path);
}

static void read_fascia(JsonCtx *ctx, const cJSON *obj, const char *path, void *user)
{
    Sistema *s = ((Target *)user)->s;
    s->fasce = xrealloc(s->fasce, (s->n_fasce + 1) * sizeof *s->fasce);
    FasciaMerito *f = &s->fasce[s->n_fasce++];
    memset(f, 0, sizeof *f);
    json_check_keys(ctx, obj, path, BAND_KEYS);
    if (json_get_number(ctx, obj, path, "da", JSON_REQUIRED, &f->da))
        in_range(ctx, path, "da", f->da, 0, 100);
    json_get_string(ctx, obj, path, "nome", JSON_REQUIRED, &f->nome);
    if (json_get_number(ctx, obj, path, "coefficiente", JSON_OPTIONAL, &f->coefficiente)) {
        f->has_coefficiente = in_range(ctx, path, "coefficiente", f->coefficiente, 0, 100);
        check_decimals(ctx, path, "coefficiente", f->coefficiente, 10000);
    }
}

static void read_premi(JsonCtx *ctx, const cJSON *obj, Sistema *s)
{
    const char *path = "$.premi";
    RegolePremi *p = &s->premi;
    p->present = true;
    json_check_keys(ctx, obj, path, PREMI_KEYS);
    if (json_get_number(ctx, obj, path, "fondo", JSON_REQUIRED, &p->fondo) &&
        in_range(ctx, path, "fondo", p->fondo, 0, FONDO_MASSIMO))
        check_decimals(ctx, path, "fondo", p->fondo, 100);
    if (json_get_number(ctx, obj, path, "soglia", JSON_OPTIONAL, &p->soglia))
        in_range(ctx, path, "soglia", p->soglia, 0, 100);
    json_get_string(ctx, obj, path, "riferimento", JSON_OPTIONAL, &p->riferimento);
    const cJSON *cats = json_get_array(ctx, obj, path, "categorie", JSON_REQUIRED);
    for (int i = 0; cats && i < cJSON_GetArraySize(cats); i++) {
        const cJSON *c = cJSON_GetArrayItem(cats, i);
        char *ip = xasprintf("$.premi.categorie[%d]", i);
        if (!cJSON_IsString(c)) {
            json_error(ctx, ip, "ogni elemento di «categorie» è l'identificativo di una categoria");
        } else if (!sistema_categoria(s, c->valuestring)) {
            json_error(ctx, ip, "la categoria «%s» non esiste in «categorie»", c->valuestring);
        } else {
            p->categorie = xrealloc(p->categorie, (p->n_categorie + 1) * sizeof *p->categorie);
            p->categorie[p->n_categorie++] = xstrdup(c->valuestring);
        }
        free(ip);
    }
    const cJSON *par = json_get_object(ctx, obj, path, "parametri", JSON_OPTIONAL);
    for (const cJSON *it = par ? par->child : NULL; it; it = it->next) {
        char *ip = json_path_key("$.premi.parametri", it->string);
        if (!cJSON_IsNumber(it) || !(it->valuedouble > 0 && it->valuedouble <= 100)) {
            json_error(ctx, ip, "il parametro del profilo «%s» deve essere un numero maggiore di 0 (al più 100)",
                       it->string);
        } else {
            check_decimals(ctx, "$.premi.parametri", it->string, it->valuedouble, 10000);
            p->parametri = xrealloc(p->parametri, (p->n_parametri + 1) * sizeof *p->parametri);
            p->parametri[p->n_parametri].profilo = xstrdup(it->string);
            p->parametri[p->n_parametri++].valore = it->valuedouble;
        }
        free(ip);
    }
    if (par)
        json_check_keys(ctx, par, "$.premi.parametri", NULL); /* a profilo written twice */
    const cJSON *mag = json_get_object(ctx, obj, path, "maggiorazione", JSON_OPTIONAL);
    if (mag) {
        const char *mp = "$.premi.maggiorazione";
        json_check_keys(ctx, mag, mp, MAGG_KEYS);
        bool a = json_get_number(ctx, mag, mp, "percentuale", JSON_REQUIRED, &p->maggiorazione_percentuale) &&
                 in_range(ctx, mp, "percentuale", p->maggiorazione_percentuale, 0, 100);
        bool b = json_get_number(ctx, mag, mp, "quota", JSON_REQUIRED, &p->maggiorazione_quota) &&
                 in_range(ctx, mp, "quota", p->maggiorazione_quota, 0, 100);
        p->has_maggiorazione = a && b;
        if (a)
            check_decimals(ctx, mp, "percentuale", p->maggiorazione_percentuale, 100);
        if (b)
            check_decimals(ctx, mp, "quota", p->maggiorazione_quota, 100);
    }
    const cJSON *prop = json_get_array(ctx, obj, path, "proporzioni", JSON_REQUIRED);
    for (int i = 0; prop && i < cJSON_GetArraySize(prop); i++) {
        const cJSON *c = cJSON_GetArrayItem(prop, i);
        char *ip = xasprintf("$.premi.proporzioni[%d]", i);
        int k = cJSON_IsString(c) ? find_name(PROPORZIONI, c->valuestring) : -1;
        if (k < 0) {
            char *all = joined(PROPORZIONI);
            json_error(ctx, ip, "proporzione non prevista: %s", all);
            free(all);
        } else if (sistema_usa_proporzione(s, (Proporzione)k)) {
            json_error(ctx, ip, "«%s» è già tra le proporzioni", c->valuestring);
        } else {
            p->proporzioni[p->n_proporzioni++] = (Proporzione)k;
        }
        free(ip);
    }
    if (sistema_usa_proporzione(s, PROP_FASCIA))
        for (size_t i = 0; i < s->n_fasce; i++)
            if (!s->fasce[i].has_coefficiente) {
                char *ip = xasprintf("$.fasce[%zu]", i);
                json_error(ctx, ip, "il premio è proporzionale alla fascia: la fascia «%s» vuole il suo «coefficiente»",
                           s->fasce[i].nome ? s->fasce[i].nome : "?");
                free(ip);
            }
    if (sistema_usa_proporzione(s, PROP_PARAMETRO) && p->n_parametri == 0)
        json_error(ctx, path, "il premio è proporzionale al «parametro» del profilo, ma «parametri» non ne elenca");
}

static void load_json(const char *file, const char *text, size_t len, Sistema *s, DiagList *diags)
{
    JsonCtx ctx = {diags, file, NULL, -1};
    cJSON *root = json_parse_text(&ctx, text, len);
    if (!root)
        return;
    if (json_expect_object(&ctx, root, "$")) {
        json_check_keys(&ctx, root, "$", TOP_KEYS);
        char *formato = NULL;
        if (json_get_string(&ctx, root, "$", "formato", JSON_REQUIRED, &formato) && strcmp(formato, SISTEMA_FORMAT) != 0)
            json_error(&ctx, "$.formato", "formato «%s» non previsto: un sistema di valutazione dichiara \"%s\"",
                       formato, SISTEMA_FORMAT);
        free(formato);
        Target t = {s, NULL};
        const cJSON *arr = json_get_array(&ctx, root, "$", "categorie", JSON_REQUIRED);
        if (arr) {
            json_each_object(&ctx, arr, "$.categorie", read_categoria, &t);
            if (s->n_categorie == 0)
                json_error(&ctx, "$.categorie", "nessuna categoria di personale");
        }
        arr = json_get_array(&ctx, root, "$", "fasce", JSON_REQUIRED);
        if (arr) {
            json_each_object(&ctx, arr, "$.fasce", read_fascia, &t);
            if (s->n_fasce == 0)
                json_error(&ctx, "$.fasce", "nessuna fascia di merito");
            for (size_t i = 1; i < s->n_fasce; i++)
                if (!(s->fasce[i].da < s->fasce[i - 1].da)) {
                    char *p = xasprintf("$.fasce[%zu].da", i);
                    json_error(&ctx, p, "le fasce vanno dalla più alta alla più bassa, con «da» decrescente");
                    free(p);
                }
            if (s->n_fasce > 0 && s->fasce[s->n_fasce - 1].da > 0) {
                char *p = xasprintf("$.fasce[%zu].da", s->n_fasce - 1);
                char v[64];
                number_text(v, sizeof v, s->fasce[s->n_fasce - 1].da);
                json_warning(&ctx, p, "l'ultima fascia parte da %s: un punteggio più basso resterà senza fascia", v);
                free(p);
            }
        }
        const cJSON *premi = json_get_object(&ctx, root, "$", "premi", JSON_OPTIONAL);
        if (premi)
            read_premi(&ctx, premi, s);
    }
    cJSON_Delete(root);
}

LoadStatus sistema_load_buffer(const char *file, const char *text, size_t len, Sistema *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->file = xstrdup(file);
    size_t errors = diags->errors;
    load_json(file, text, len, out, diags);
    if (diags->errors > errors) {
        sistema_free(out); /* what the failed load left: nothing for the caller to free (found by fuzz_caricamento) */
        return LOAD_DATA_ERROR;
    }
    return LOAD_OK;
}

LoadStatus sistema_load_file(const char *path, Sistema *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = file_read_input(path, &len, diags);
    if (!text)
        return LOAD_IO_ERROR;
    LoadStatus st = sistema_load_buffer(path, text, len, out, diags);
    free(text);
    return st;
}

void sistema_free(Sistema *s)
{
    for (size_t i = 0; i < s->n_categorie; i++) {
        Categoria *c = &s->categorie[i];
        for (size_t k = 0; k < c->n_componenti; k++) {
            free(c->componenti[k].id);
            free(c->componenti[k].nome);
        }
        for (size_t k = 0; k < c->n_comportamenti; k++) {
            free(c->comportamenti[k].id);
            free(c->comportamenti[k].nome);
        }
        free(c->componenti);
        free(c->comportamenti);
        free(c->id);
        free(c->nome);
    }
    free(s->categorie);
    for (size_t i = 0; i < s->n_fasce; i++)
        free(s->fasce[i].nome);
    free(s->fasce);
    for (size_t i = 0; i < s->premi.n_categorie; i++)
        free(s->premi.categorie[i]);
    free(s->premi.categorie);
    for (size_t i = 0; i < s->premi.n_parametri; i++)
        free(s->premi.parametri[i].profilo);
    free(s->premi.parametri);
    free(s->premi.riferimento);
    free(s->file);
    memset(s, 0, sizeof *s);
}

const Categoria *sistema_categoria(const Sistema *s, const char *id)
{
    for (size_t i = 0; id && i < s->n_categorie; i++)
        if (s->categorie[i].id && strcmp(s->categorie[i].id, id) == 0)
            return &s->categorie[i];
    return NULL;
}

const Componente *categoria_componente(const Categoria *c, const char *id)
{
    for (size_t i = 0; id && i < c->n_componenti; i++)
        if (c->componenti[i].id && strcmp(c->componenti[i].id, id) == 0)
            return &c->componenti[i];
    return NULL;
}

const Comportamento *categoria_comportamento(const Categoria *c, const char *id)
{
    for (size_t i = 0; id && i < c->n_comportamenti; i++)
        if (c->comportamenti[i].id && strcmp(c->comportamenti[i].id, id) == 0)
            return &c->comportamenti[i];
    return NULL;
}

const Parametro *sistema_parametro(const Sistema *s, const char *profilo)
{
    for (size_t i = 0; profilo && i < s->premi.n_parametri; i++)
        if (strcmp(s->premi.parametri[i].profilo, profilo) == 0)
            return &s->premi.parametri[i];
    return NULL;
}

bool sistema_categoria_in_premi(const Sistema *s, const char *categoria)
{
    for (size_t i = 0; categoria && s->premi.present && i < s->premi.n_categorie; i++)
        if (strcmp(s->premi.categorie[i], categoria) == 0)
            return true;
    return false;
}

bool sistema_usa_proporzione(const Sistema *s, Proporzione p)
{
    for (size_t i = 0; i < s->premi.n_proporzioni; i++)
        if (s->premi.proporzioni[i] == p)
            return true;
    return false;
}
