#include "plan_load.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "json_reader.h"
#include "text.h"

/* The keys docs/formato.md §1 defines, per object. */
static const char *const PLAN_KEYS[] = {"formato", "ente", "triennio", "versione", "persone", "obiettivi", NULL};
static const char *const VERSIONE_KEYS[] = {"data", "atto", "descrizione", NULL};
static const char *const PERSONA_KEYS[] = {"id", "nome", "matricola", "area", "alias", NULL};
static const char *const OBIETTIVO_KEYS[] = {
    "codice", "triennio", "tipo", "nota_tipo", "bilancio", "linea_mandato",
    "dup_strategica", "dup_operativa", "dirigente", "posizione_organizzativa",
    "referenti", "descrizione", "baseline", "target", "stakeholder",
    "accessibilita", "unita_responsabile", "altre_unita", "annualita",
    "risorse_umane", "finanziaria", "pesatura", "tipologia", "peso", "collegamenti",
    "campi", "valutazione_individuale", "indicatori", NULL};
static const char *const COLLEGAMENTO_KEYS[] = {"livello", "codice", "testo", NULL};
static const char *const CAMPO_KEYS[] = {"etichetta", "valore", NULL};
static const char *const INDICATORE_KEYS[] = {
    "nome", "tipo", "unita", "fonte", "formula", "verso", "peso", "baseline", "valori", "regola", NULL};
static const char *const BASELINE_KEYS[] = {"anno", "valore", NULL};
static const char *const TARGET_KEYS[] = {"anno", "target", NULL};
static const char *const BILANCIO_KEYS[] = {"missione", "programma", NULL};
static const char *const ANNUALITA_KEYS[] = {"anno", "azioni", NULL};
static const char *const AZIONE_KEYS[] = {
    "n", "peso", "azione", "tempi", "scadenza", "inizio", "indicatore", "atteso",
    "graduazione", "regola", NULL};
static const char *const RITARDO_KEYS[] = {"tipo", "fasce", "giorni_lavorativi", NULL};
static const char *const SOGLIE_KEYS[] = {"tipo", "verso", "fasce", NULL};
static const char *const PROPORZIONALE_KEYS[] = {"tipo", "obiettivo", NULL};
static const char *const TIPO_ONLY_KEYS[] = {"tipo", NULL};
static const char *const RISORSA_KEYS[] = {"azione", "anno", "descrizione", "responsabile", "personale", NULL};
static const char *const PARTECIPANTE_KEYS[] = {"nome", "percentuale", "gruppo", NULL};
static const char *const CAPITOLO_KEYS[] = {"capitolo", "descrizione", "stanziamenti", "note", NULL};
static const char *const STANZIAMENTO_KEYS[] = {"anno", "importo", NULL};
static const char *const PESATURA_KEYS[] = {"rilevanza", "innovativita", "complessita", "beneficio", NULL};

/* Years outside this range are typing mistakes, not plans. */
#define YEAR_MIN 2000
#define YEAR_MAX 2100

static void check_year(JsonCtx *ctx, const char *path, int year)
{
    if (year < YEAR_MIN || year > YEAR_MAX)
        json_error(ctx, path, "anno %d non plausibile (atteso tra %d e %d)", year, YEAR_MIN, YEAR_MAX);
}

static void check_percent(JsonCtx *ctx, const char *path, double v)
{
    if (v < 0 || v > 100) {
        char num[64];
        text_format_number(num, sizeof num, v);
        json_error(ctx, path, "percentuale %s fuori dall'intervallo 0–100", num);
    }
}

/* Reads [from, to]. Returns true when both are valid years with from <= to. */
static bool read_triennio(JsonCtx *ctx, const cJSON *obj, const char *path,
                          JsonNeed need, int out[2])
{
    const cJSON *arr = json_get_array(ctx, obj, path, "triennio", need);
    if (!arr)
        return false;
    char *p = json_path_key(path, "triennio");
    bool ok = false;
    if (cJSON_GetArraySize(arr) != 2 || !cJSON_IsNumber(arr->child) ||
        !cJSON_IsNumber(arr->child->next) ||
        !json_number_is_int(arr->child->valuedouble) ||
        !json_number_is_int(arr->child->next->valuedouble)) {
        json_error(ctx, p, "«triennio» deve essere una coppia di anni, per esempio [2024, 2026]");
    } else {
        int a = arr->child->valuedouble, b = arr->child->next->valuedouble;
        check_year(ctx, p, a);
        check_year(ctx, p, b);
        if (a > b)
            json_error(ctx, p, "il triennio [%d, %d] finisce prima di cominciare", a, b);
        else if (a >= YEAR_MIN && b <= YEAR_MAX) {
            out[0] = a;
            out[1] = b;
            ok = true;
        }
    }
    free(p);
    return ok;
}

/* A list of strings; non-strings are errors and skipped. */
static char **read_string_list(JsonCtx *ctx, const cJSON *obj, const char *path,
                               const char *key, size_t *count)
{
    *count = 0;
    const cJSON *arr = json_get_array(ctx, obj, path, key, JSON_OPTIONAL);
    if (!arr)
        return NULL;
    char *base = json_path_key(path, key);
    char **v = xcalloc((size_t)cJSON_GetArraySize(arr), sizeof *v);
    size_t i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        if (cJSON_IsString(c)) {
            v[(*count)++] = xstrdup(c->valuestring);
        } else {
            char *p = json_path_index(base, i);
            json_error(ctx, p, "ogni elemento di «%s» deve essere un testo", key);
            free(p);
        }
    }
    free(base);
    return v;
}

/* The optional array at key: zeroed room for its elements in field, then
 * each object read by fn, which counts what it keeps. (A macro so that
 * field keeps its type.) */
#define READ_OBJECTS(ctx, obj, path, key, field, fn, user)                                         \
    do {                                                                                          \
        const cJSON *arr_ = json_get_array(ctx, obj, path, key, JSON_OPTIONAL);                   \
        if (arr_) {                                                                               \
            (field) = xcalloc((size_t)cJSON_GetArraySize(arr_) + 1, sizeof *(field));              \
            char *at_ = json_path_key(path, key);                                                 \
            json_each_object(ctx, arr_, at_, fn, user);                                           \
            free(at_);                                                                            \
        }                                                                                         \
    } while (0)

/* ---- persone --------------------------------------------------------------- */

static void read_persona(JsonCtx *ctx, const cJSON *c, const char *path, void *user)
{
    Plan *plan = user;
    Persona *p = &plan->persone[plan->n_persone++];
    json_check_keys(ctx, c, path, PERSONA_KEYS);
    json_get_string(ctx, c, path, "id", JSON_OPTIONAL, &p->id);
    json_get_string(ctx, c, path, "nome", JSON_REQUIRED, &p->nome);
    json_get_string(ctx, c, path, "matricola", JSON_OPTIONAL, &p->matricola);
    json_get_string(ctx, c, path, "area", JSON_OPTIONAL, &p->area);
    p->alias = read_string_list(ctx, c, path, "alias", &p->n_alias);
    if (p->id)
        for (size_t j = 0; j + 1 < plan->n_persone; j++)
            if (plan->persone[j].id && strcmp(plan->persone[j].id, p->id) == 0) {
                char *pp = json_path_key(path, "id");
                json_error(ctx, pp, "l'id «%s» è già usato da $.persone[%zu]", p->id, j);
                free(pp);
                break;
            }
}

static void read_persone(JsonCtx *ctx, const cJSON *root, Plan *plan)
{
    const cJSON *arr = json_get_array(ctx, root, "$", "persone", JSON_OPTIONAL);
    if (!arr)
        return;
    plan->persone = xcalloc((size_t)cJSON_GetArraySize(arr), sizeof *plan->persone);
    json_each_object(ctx, arr, "$.persone", read_persona, plan);
}

/* ---- rules ------------------------------------------------------------------ */

static const char *const RULE_NAMES[] = {"ritardo", "soglie", "proporzionale", "si_no", "manuale", NULL};

/* What read_band needs besides the band itself. */
typedef struct {
    Rule *rule;
    const char *limit_key;          /* giorni, da or fino_a */
    const char *const *keys;        /* limit_key and percentuale */
    bool limits_ascending;          /* the order the bands must be written in */
} BandReader;

static void read_band(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    BandReader *br = user;
    Rule *r = br->rule;
    json_check_keys(ctx, c, p, br->keys);
    RuleBand band;
    bool has_limit = json_get_number(ctx, c, p, br->limit_key, JSON_REQUIRED, &band.limit);
    bool has_pct = json_get_number(ctx, c, p, "percentuale", JSON_REQUIRED, &band.percentuale);
    if (has_pct) {
        char *pp = json_path_key(p, "percentuale");
        check_percent(ctx, pp, band.percentuale);
        free(pp);
    }
    if (has_limit && r->tipo == RULE_RITARDO && band.limit < 0) {
        char *pp = json_path_key(p, "giorni");
        json_error(ctx, pp, "i giorni di ritardo di una fascia non possono essere negativi");
        free(pp);
    }
    if (!has_limit || !has_pct)
        return;
    if (r->n_fasce > 0) {
        const RuleBand *prev = &r->fasce[r->n_fasce - 1];
        bool in_order = br->limits_ascending ? band.limit > prev->limit : band.limit < prev->limit;
        if (!in_order) {
            char *pp = json_path_key(p, br->limit_key);
            json_error(ctx, pp, "fasce fuori ordine: «%s» deve essere %s di quello della fascia precedente",
                       br->limit_key, br->limits_ascending ? "maggiore" : "minore");
            free(pp);
        } else if (band.percentuale > prev->percentuale) {
            char *pp = json_path_key(p, "percentuale");
            json_warning(ctx, pp, "questa fascia dà una percentuale più alta della precedente, "
                                  "che è più favorevole: è voluto?");
            free(pp);
        }
    }
    r->fasce[r->n_fasce++] = band;
}

/* Reads the bands of a ritardo or soglie rule: limit_key is giorni, da or
 * fino_a. limits_ascending tells the order the bands must be written in. */
static void read_bands(JsonCtx *ctx, const cJSON *obj, const char *path, Rule *r,
                       const char *limit_key, bool limits_ascending)
{
    const cJSON *arr = json_get_array(ctx, obj, path, "fasce", JSON_REQUIRED);
    if (!arr)
        return;
    char *base = json_path_key(path, "fasce");
    if (cJSON_GetArraySize(arr) == 0)
        json_error(ctx, base, "la regola «%s» non ha fasce", rule_type_name(r->tipo));
    r->fasce = xcalloc((size_t)cJSON_GetArraySize(arr), sizeof *r->fasce);
    static const char *const keys_giorni[] = {"giorni", "percentuale", NULL};
    static const char *const keys_da[] = {"da", "percentuale", NULL};
    static const char *const keys_fino_a[] = {"fino_a", "percentuale", NULL};
    BandReader br = {r, limit_key,
                     strcmp(limit_key, "giorni") == 0 ? keys_giorni
                     : strcmp(limit_key, "da") == 0   ? keys_da
                                                      : keys_fino_a,
                     limits_ascending};
    json_each_object(ctx, arr, base, read_band, &br);
    free(base);
}

static void read_rule(JsonCtx *ctx, const cJSON *azione, const char *path, Rule *r)
{
    const cJSON *obj = json_get_object(ctx, azione, path, "regola", JSON_OPTIONAL);
    if (!obj)
        return;
    char *rp = json_path_key(path, "regola");
    char *tipo = NULL;
    if (json_get_string(ctx, obj, rp, "tipo", JSON_REQUIRED, &tipo)) {
        size_t k = 0;
        while (RULE_NAMES[k] && strcmp(RULE_NAMES[k], tipo) != 0)
            k++;
        char *tp = json_path_key(rp, "tipo");
        switch (k) {
        case 0:
            r->tipo = RULE_RITARDO;
            json_check_keys(ctx, obj, rp, RITARDO_KEYS);
            json_get_bool(ctx, obj, rp, "giorni_lavorativi", JSON_OPTIONAL, &r->giorni_lavorativi);
            read_bands(ctx, obj, rp, r, "giorni", true);
            break;
        case 1: {
            r->tipo = RULE_SOGLIE;
            json_check_keys(ctx, obj, rp, SOGLIE_KEYS);
            char *verso = NULL;
            r->verso = VERSO_CRESCENTE;
            if (json_get_string(ctx, obj, rp, "verso", JSON_OPTIONAL, &verso)) {
                if (strcmp(verso, "decrescente") == 0)
                    r->verso = VERSO_DECRESCENTE;
                else if (strcmp(verso, "crescente") != 0) {
                    char *vp = json_path_key(rp, "verso");
                    json_error(ctx, vp, "«verso» deve essere \"crescente\" o \"decrescente\", non «%s»", verso);
                    free(vp);
                }
            }
            free(verso);
            /* crescente: the first band with valore >= da, so da descends;
             * decrescente: the first with valore <= fino_a, so fino_a ascends. */
            if (r->verso == VERSO_CRESCENTE)
                read_bands(ctx, obj, rp, r, "da", false);
            else
                read_bands(ctx, obj, rp, r, "fino_a", true);
            break;
        }
        case 2:
            r->tipo = RULE_PROPORZIONALE;
            json_check_keys(ctx, obj, rp, PROPORZIONALE_KEYS);
            if (json_get_number(ctx, obj, rp, "obiettivo", JSON_REQUIRED, &r->obiettivo) &&
                r->obiettivo <= 0) {
                char *op = json_path_key(rp, "obiettivo");
                json_error(ctx, op, "l'«obiettivo» di una regola proporzionale deve essere maggiore di zero");
                free(op);
            }
            break;
        case 3:
            r->tipo = RULE_SI_NO;
            json_check_keys(ctx, obj, rp, TIPO_ONLY_KEYS);
            break;
        case 4:
            r->tipo = RULE_MANUALE;
            json_check_keys(ctx, obj, rp, TIPO_ONLY_KEYS);
            break;
        default:
            json_error(ctx, tp, "tipo di regola sconosciuto «%s» (ammessi: ritardo, soglie, "
                                "proporzionale, si_no, manuale)", tipo);
        }
        free(tp);
        free(tipo);
    }
    free(rp);
}

/* ---- annualità and actions --------------------------------------------------- */

/* An optional ISO date of an action (scadenza, inizio). */
static void read_action_date(JsonCtx *ctx, const cJSON *obj, const char *path, const char *key, Date *out,
                             bool *has)
{
    char *s = NULL;
    if (!json_get_string(ctx, obj, path, key, JSON_OPTIONAL, &s))
        return;
    char *p = json_path_key(path, key);
    switch (date_parse_iso(s, out)) {
    case DATE_OK:
        *has = true;
        break;
    case DATE_BAD_FORMAT:
        json_error(ctx, p, "data «%s» non valida: le date si scrivono AAAA-MM-GG, per esempio 2024-12-31", s);
        break;
    case DATE_IMPOSSIBLE:
        json_error(ctx, p, "la data «%s» non esiste nel calendario", s);
        break;
    }
    free(p);
    free(s);
}

static void read_azione(JsonCtx *ctx, const cJSON *c, const char *path, void *user)
{
    Annualita *a = user;
    Azione *z = &a->azioni[a->n_azioni];
    json_check_keys(ctx, c, path, AZIONE_KEYS);
    bool has_n = json_get_int(ctx, c, path, "n", JSON_REQUIRED, &z->n);
    if (has_n && z->n < 1) {
        char *p = json_path_key(path, "n");
        json_error(ctx, p, "il numero dell'azione deve essere 1 o più, non %d", z->n);
        free(p);
        has_n = false;
    }
    if (has_n)
        for (size_t j = 0; j < a->n_azioni; j++)
            if (a->azioni[j].n == z->n) {
                char *p = json_path_key(path, "n");
                json_error(ctx, p, "l'azione n. %d compare due volte nell'annualità %d", z->n, a->anno);
                free(p);
                break;
            }
    z->has_peso = json_get_number(ctx, c, path, "peso", JSON_OPTIONAL, &z->peso);
    if (!cJSON_GetObjectItemCaseSensitive(c, "peso") || cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c, "peso")))
        json_warning(ctx, path, "l'azione n. %d del %d non ha un peso: non conterà nella percentuale "
                                "dell'obiettivo", z->n, a->anno);
    if (z->has_peso && z->peso < 0) {
        char *p = json_path_key(path, "peso");
        json_error(ctx, p, "il peso di un'azione non può essere negativo");
        free(p);
    }
    json_get_string(ctx, c, path, "azione", JSON_OPTIONAL, &z->azione);
    json_get_string(ctx, c, path, "tempi", JSON_OPTIONAL, &z->tempi);
    read_action_date(ctx, c, path, "scadenza", &z->scadenza, &z->has_scadenza);
    read_action_date(ctx, c, path, "inizio", &z->inizio, &z->has_inizio);
    json_get_string(ctx, c, path, "indicatore", JSON_OPTIONAL, &z->indicatore);
    json_get_string(ctx, c, path, "atteso", JSON_OPTIONAL, &z->atteso);
    json_get_string(ctx, c, path, "graduazione", JSON_OPTIONAL, &z->graduazione);
    read_rule(ctx, c, path, &z->regola);
    a->n_azioni++;
}

static void read_one_annualita(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Obiettivo *o = user;
    Annualita *a = &o->annualita[o->n_annualita];
    json_check_keys(ctx, c, p, ANNUALITA_KEYS);
    if (json_get_int(ctx, c, p, "anno", JSON_REQUIRED, &a->anno)) {
        char *ap = json_path_key(p, "anno");
        check_year(ctx, ap, a->anno);
        for (size_t j = 0; j < o->n_annualita; j++)
            if (o->annualita[j].anno == a->anno) {
                json_error(ctx, ap, "l'annualità %d compare due volte", a->anno);
                break;
            }
        free(ap);
    }
    const cJSON *azioni = json_get_array(ctx, c, p, "azioni", JSON_REQUIRED);
    if (azioni) {
        char *zbase = json_path_key(p, "azioni");
        a->azioni = xcalloc((size_t)cJSON_GetArraySize(azioni), sizeof *a->azioni);
        json_each_object(ctx, azioni, zbase, read_azione, a);
        free(zbase);
    }
    o->n_annualita++;
}

static void read_annualita(JsonCtx *ctx, const cJSON *obj, const char *path, Obiettivo *o)
{
    /* Optional: an objective measured by its indicators alone has none
     * (docs/formato.md §1, §7); one with neither is an error, reported by
     * require_annualita_or_indicators once the indicators are read. */
    const cJSON *arr = json_get_array(ctx, obj, path, "annualita", JSON_OPTIONAL);
    if (!arr)
        return;
    char *base = json_path_key(path, "annualita");
    int n = cJSON_GetArraySize(arr);
    if (n > MAX_ANNUALITA)
        json_error(ctx, base, "l'obiettivo ha %d annualità: il piano operativo ne prevede al massimo %d",
                   n, MAX_ANNUALITA);
    o->annualita = xcalloc((size_t)n, sizeof *o->annualita);
    json_each_object(ctx, arr, base, read_one_annualita, o);
    free(base);
}

/* ---- risorse umane, finanziaria, pesatura -------------------------------------- */

static void read_partecipante(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Risorsa *r = user;
    Partecipante *x = &r->personale[r->n_personale++];
    json_check_keys(ctx, c, p, PARTECIPANTE_KEYS);
    json_get_string(ctx, c, p, "nome", JSON_REQUIRED, &x->nome);
    if (x->nome && !*x->nome) {
        char *np = json_path_key(p, "nome");
        json_error(ctx, np, "il nome è vuoto");
        free(np);
    }
    x->has_percentuale = json_get_number(ctx, c, p, "percentuale", JSON_OPTIONAL, &x->percentuale);
    if (x->has_percentuale) {
        char *pp = json_path_key(p, "percentuale");
        check_percent(ctx, pp, x->percentuale);
        free(pp);
    }
    json_get_bool(ctx, c, p, "gruppo", JSON_OPTIONAL, &x->gruppo);
}

static void read_risorsa(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Obiettivo *o = user;
    Risorsa *r = &o->risorse_umane[o->n_risorse_umane++];
    json_check_keys(ctx, c, p, RISORSA_KEYS);
    /* absent: the row is for the whole objective, as for one measured by
     * its indicators in that year (docs/formato.md §1, RISORSA) */
    if (json_get_int(ctx, c, p, "azione", JSON_OPTIONAL, &r->azione) && r->azione < 1) {
        char *zp = json_path_key(p, "azione");
        json_error(ctx, zp, "«azione» è il numero dell'azione (1, 2, …), non %d; per l'intero obiettivo si omette",
                   r->azione);
        free(zp);
    }
    /* docs/formato.md: anno defaults to the first annualità. */
    r->anno = o->n_annualita > 0 ? o->annualita[0].anno : o->triennio[0];
    if (json_get_int(ctx, c, p, "anno", JSON_OPTIONAL, &r->anno)) {
        char *ap = json_path_key(p, "anno");
        check_year(ctx, ap, r->anno);
        free(ap);
    }
    json_get_string(ctx, c, p, "descrizione", JSON_OPTIONAL, &r->descrizione);
    json_get_string(ctx, c, p, "responsabile", JSON_OPTIONAL, &r->responsabile);
    READ_OBJECTS(ctx, c, p, "personale", r->personale, read_partecipante, r);
}

static void read_stanziamento(JsonCtx *ctx, const cJSON *s, const char *sp, void *user)
{
    Capitolo *k = user;
    Stanziamento *x = &k->stanziamenti[k->n_stanziamenti];
    json_check_keys(ctx, s, sp, STANZIAMENTO_KEYS);
    bool ok = json_get_int(ctx, s, sp, "anno", JSON_REQUIRED, &x->anno);
    ok &= json_get_number(ctx, s, sp, "importo", JSON_REQUIRED, &x->importo);
    if (!ok)
        return;
    for (size_t q = 0; q < k->n_stanziamenti; q++)
        if (k->stanziamenti[q].anno == x->anno) {
            json_error(ctx, sp, "il capitolo ha due stanziamenti per il %d", x->anno);
            break;
        }
    k->n_stanziamenti++;
}

static void read_capitolo(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Obiettivo *o = user;
    Capitolo *k = &o->finanziaria[o->n_finanziaria++];
    json_check_keys(ctx, c, p, CAPITOLO_KEYS);
    json_get_string(ctx, c, p, "capitolo", JSON_OPTIONAL, &k->capitolo);
    json_get_string(ctx, c, p, "descrizione", JSON_OPTIONAL, &k->descrizione);
    json_get_string(ctx, c, p, "note", JSON_OPTIONAL, &k->note);
    const cJSON *st = json_get_array(ctx, c, p, "stanziamenti", JSON_OPTIONAL);
    if (st) {
        char *sbase = json_path_key(p, "stanziamenti");
        k->stanziamenti = xcalloc((size_t)cJSON_GetArraySize(st), sizeof *k->stanziamenti);
        json_each_object(ctx, st, sbase, read_stanziamento, k);
        free(sbase);
    }
}

static void read_pesatura(JsonCtx *ctx, const cJSON *obj, const char *path, Obiettivo *o)
{
    const cJSON *pes = json_get_object(ctx, obj, path, "pesatura", JSON_OPTIONAL);
    if (!pes)
        return;
    char *p = json_path_key(path, "pesatura");
    json_check_keys(ctx, pes, p, PESATURA_KEYS);
    Pesatura *w = &o->pesatura;
    bool ok = json_get_number(ctx, pes, p, "rilevanza", JSON_REQUIRED, &w->rilevanza);
    ok &= json_get_number(ctx, pes, p, "innovativita", JSON_REQUIRED, &w->innovativita);
    ok &= json_get_number(ctx, pes, p, "complessita", JSON_REQUIRED, &w->complessita);
    ok &= json_get_number(ctx, pes, p, "beneficio", JSON_REQUIRED, &w->beneficio);
    w->present = ok;
    free(p);
}

/* ---- objectives ------------------------------------------------------------------ */

static void read_voce_bilancio(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Obiettivo *o = user;
    VoceBilancio *v = &o->bilancio[o->n_bilancio++];
    json_check_keys(ctx, c, p, BILANCIO_KEYS);
    json_get_string(ctx, c, p, "missione", JSON_OPTIONAL, &v->missione);
    json_get_string(ctx, c, p, "programma", JSON_OPTIONAL, &v->programma);
}

/* ---- docs/formato.md §7: collegamenti, campi, indicatori ------------------------------ */

static void read_collegamento(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Obiettivo *o = user;
    Collegamento *k = &o->collegamenti[o->n_collegamenti++];
    json_check_keys(ctx, c, p, COLLEGAMENTO_KEYS);
    json_get_string(ctx, c, p, "livello", JSON_OPTIONAL, &k->livello);
    json_get_string(ctx, c, p, "codice", JSON_OPTIONAL, &k->codice);
    json_get_string(ctx, c, p, "testo", JSON_OPTIONAL, &k->testo);
    if (!k->codice && !k->testo)
        json_error(ctx, p, "un collegamento deve avere almeno il «codice» o il «testo» dell'obiettivo a cui "
                           "si collega");
}

static void read_campo(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Obiettivo *o = user;
    Campo *f = &o->campi[o->n_campi++];
    json_check_keys(ctx, c, p, CAMPO_KEYS);
    json_get_string(ctx, c, p, "etichetta", JSON_REQUIRED, &f->etichetta);
    json_get_string(ctx, c, p, "valore", JSON_OPTIONAL, &f->valore);
}

typedef struct {
    Indicatore *ind;
    const Obiettivo *o;
    int number; /* 1-based, for messages */
} IndicatorRead;

static void read_target(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    IndicatorRead *r = user;
    Indicatore *ind = r->ind;
    TargetAnno *t = &ind->valori[ind->n_valori];
    json_check_keys(ctx, c, p, TARGET_KEYS);
    bool has_anno = json_get_int(ctx, c, p, "anno", JSON_REQUIRED, &t->anno);
    bool has_target = json_get_number(ctx, c, p, "target", JSON_REQUIRED, &t->target);
    if (!has_anno || !has_target)
        return;
    char *ap = json_path_key(p, "anno");
    for (size_t j = 0; j < ind->n_valori; j++)
        if (ind->valori[j].anno == t->anno) {
            json_error(ctx, ap, "l'indicatore n. %d ha due target per il %d", r->number, t->anno);
            free(ap);
            return;
        }
    if (t->anno < r->o->triennio[0] || t->anno > r->o->triennio[1])
        json_warning(ctx, ap, "il target del %d dell'indicatore n. %d è fuori dal triennio %d–%d dell'obiettivo",
                     t->anno, r->number, r->o->triennio[0], r->o->triennio[1]);
    free(ap);
    ind->n_valori++;
}

static void read_indicatore(JsonCtx *ctx, const cJSON *c, const char *p, void *user)
{
    Obiettivo *o = user;
    Indicatore *ind = &o->indicatori[o->n_indicatori];
    int number = (int)++o->n_indicatori;
    json_check_keys(ctx, c, p, INDICATORE_KEYS);
    json_get_string(ctx, c, p, "nome", JSON_REQUIRED, &ind->nome);
    json_get_string(ctx, c, p, "tipo", JSON_OPTIONAL, &ind->tipo);
    json_get_string(ctx, c, p, "unita", JSON_OPTIONAL, &ind->unita);
    json_get_string(ctx, c, p, "fonte", JSON_OPTIONAL, &ind->fonte);
    json_get_string(ctx, c, p, "formula", JSON_OPTIONAL, &ind->formula);
    char *verso = NULL;
    ind->verso = VERSO_CRESCENTE;
    if (json_get_string(ctx, c, p, "verso", JSON_OPTIONAL, &verso)) {
        if (strcmp(verso, "decrescente") == 0) {
            ind->verso = VERSO_DECRESCENTE;
        } else if (strcmp(verso, "crescente") != 0) {
            char *vp = json_path_key(p, "verso");
            json_error(ctx, vp, "«verso» deve essere \"crescente\" o \"decrescente\", non «%s»", verso);
            free(vp);
        }
        free(verso);
    }
    ind->has_peso = json_get_number(ctx, c, p, "peso", JSON_OPTIONAL, &ind->peso);
    if (ind->has_peso && ind->peso < 0) {
        char *pp = json_path_key(p, "peso");
        json_error(ctx, pp, "il peso di un indicatore non può essere negativo");
        free(pp);
    }
    const cJSON *base = json_get_object(ctx, c, p, "baseline", JSON_OPTIONAL);
    if (base) {
        char *bp = json_path_key(p, "baseline");
        json_check_keys(ctx, base, bp, BASELINE_KEYS);
        bool a = json_get_int(ctx, base, bp, "anno", JSON_REQUIRED, &ind->baseline_anno);
        bool v = json_get_number(ctx, base, bp, "valore", JSON_REQUIRED, &ind->baseline_valore);
        ind->has_baseline = a && v;
        free(bp);
    }
    IndicatorRead r = {ind, o, number};
    READ_OBJECTS(ctx, c, p, "valori", ind->valori, read_target, &r);
    read_rule(ctx, c, p, &ind->regola);
    if (ind->regola.tipo == RULE_RITARDO) {
        char *rp = json_path_key(p, "regola");
        json_error(ctx, rp, "la regola «ritardo» misura i giorni dopo la scadenza di un'azione: per un "
                            "indicatore si usano soglie, proporzionale, si_no o manuale");
        free(rp);
    }
    /* the default rule divides by the target (crescente) or by the value */
    for (size_t k = 0; k < ind->n_valori && ind->regola.tipo == RULE_NONE; k++)
        if (ind->valori[k].target < 0 || (ind->verso == VERSO_CRESCENTE && ind->valori[k].target == 0)) {
            char *vp = json_path_key(p, "valori"), *ip = json_path_index(vp, k), *kp = json_path_key(ip, "target");
            json_error(ctx, kp, "il target %s dell'indicatore n. %d non si può usare per calcolare la "
                                "percentuale (%s): serve un valore maggiore di zero, o una «regola»",
                       ind->valori[k].target < 0 ? "negativo" : "zero", number,
                       ind->verso == VERSO_CRESCENTE ? "valore / target" : "target / valore");
            free(vp);
            free(ip);
            free(kp);
        }
    for (int y = o->triennio[0]; y <= o->triennio[1] && y - o->triennio[0] < 10; y++) {
        double t;
        if (!indicatore_target(ind, y, &t))
            json_warning(ctx, p, "l'indicatore n. %d «%s» non ha un target per il %d: quell'anno non conterà", number,
                         ind->nome ? ind->nome : "", y);
    }
}

/* The §7 keys of an objective. */
static void read_other_forms(JsonCtx *ctx, const cJSON *c, const char *path, Obiettivo *o)
{
    json_get_string(ctx, c, path, "tipologia", JSON_OPTIONAL, &o->tipologia);
    o->has_peso = json_get_number(ctx, c, path, "peso", JSON_OPTIONAL, &o->peso);
    if (o->has_peso && o->peso < 0) {
        char *pp = json_path_key(path, "peso");
        json_error(ctx, pp, "il peso di un obiettivo non può essere negativo");
        free(pp);
    }
    o->valutazione_individuale = true;
    json_get_bool(ctx, c, path, "valutazione_individuale", JSON_OPTIONAL, &o->valutazione_individuale);
    READ_OBJECTS(ctx, c, path, "collegamenti", o->collegamenti, read_collegamento, o);
    READ_OBJECTS(ctx, c, path, "campi", o->campi, read_campo, o);
    READ_OBJECTS(ctx, c, path, "indicatori", o->indicatori, read_indicatore, o);
    /* weights on some indicators only: the others weigh nothing */
    size_t weighted = 0;
    for (size_t k = 0; k < o->n_indicatori; k++)
        weighted += o->indicatori[k].has_peso;
    for (size_t k = 0; weighted > 0 && k < o->n_indicatori; k++)
        if (!o->indicatori[k].has_peso) {
            char *base = json_path_key(path, "indicatori"), *ip = json_path_index(base, k);
            json_warning(ctx, ip, "l'indicatore n. %zu non ha un «peso» mentre altri indicatori dell'obiettivo sì: "
                                  "non conterà nella percentuale dell'obiettivo", k + 1);
            free(base);
            free(ip);
        }
}

/* An objective is measured by the actions of its piano operativo, or by its
 * indicators: with neither it has nothing to measure. */
static void require_annualita_or_indicators(JsonCtx *ctx, const cJSON *c, const char *path, const Obiettivo *o)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(c, "annualita");
    bool empty = !arr || (cJSON_IsArray(arr) && cJSON_GetArraySize(arr) == 0);
    const cJSON *ind = cJSON_GetObjectItemCaseSensitive(c, "indicatori");
    bool no_indicators = !ind || (cJSON_IsArray(ind) && cJSON_GetArraySize(ind) == 0);
    if (!empty || !no_indicators || o->n_indicatori > 0)
        return;
    char *base = json_path_key(path, "annualita");
    json_error(ctx, base, "l'obiettivo non ha annualità né indicatori: serve almeno un'annualità del piano operativo, "
                          "o almeno un indicatore («indicatori») che lo misuri");
    free(base);
}

/* The index of the element at path "$.obiettivi[i]". */
static int objective_index(const char *path)
{
    const char *open = strrchr(path, '[');
    return open ? atoi(open + 1) : -1;
}

static void read_obiettivo(JsonCtx *ctx, const cJSON *c, const char *path, void *user)
{
    Plan *plan = user;
    Obiettivo *o = &plan->obiettivi[plan->n_obiettivi++];
    ctx->objective = objective_index(path);
    ctx->codice = NULL;
    if (json_get_string(ctx, c, path, "codice", JSON_REQUIRED, &o->codice)) {
        ctx->codice = o->codice;
        char *cp = json_path_key(path, "codice");
        if (!*o->codice)
            json_error(ctx, cp, "il codice dell'obiettivo è vuoto");
        /* a codice goes into file names, addresses, headers and logs: visible characters only */
        for (const unsigned char *q = (const unsigned char *)o->codice; *q; q++)
            if (*q < 0x20 || *q == 0x7f) {
                json_error(ctx, cp, "il codice dell'obiettivo contiene un carattere di controllo (U+%04X) al "
                                    "carattere %zu: un codice si scrive con lettere, cifre e segni visibili",
                           *q, (size_t)(q - (const unsigned char *)o->codice) + 1);
                break;
            }
        if (strlen(o->codice) > 100)
            json_error(ctx, cp, "il codice dell'obiettivo è lungo %zu caratteri: al più 100", strlen(o->codice));
        for (size_t j = 0; j + 1 < plan->n_obiettivi; j++)
            if (plan->obiettivi[j].codice && strcmp(plan->obiettivi[j].codice, o->codice) == 0) {
                json_error(ctx, cp, "il codice «%s» è già usato da $.obiettivi[%zu]", o->codice, j);
                break;
            }
        free(cp);
    }
    json_check_keys(ctx, c, path, OBIETTIVO_KEYS);

    o->triennio[0] = plan->triennio[0];
    o->triennio[1] = plan->triennio[1];
    read_triennio(ctx, c, path, JSON_OPTIONAL, o->triennio);

    char *tipo = NULL;
    if (json_get_string(ctx, c, path, "tipo", JSON_REQUIRED, &tipo)) {
        if (strcmp(tipo, "comune") == 0)
            o->tipo = TIPO_COMUNE;
        else if (strcmp(tipo, "individuale") == 0)
            o->tipo = TIPO_INDIVIDUALE;
        else {
            char *tp = json_path_key(path, "tipo");
            json_error(ctx, tp, "«tipo» deve essere \"comune\" o \"individuale\", non «%s»", tipo);
            free(tp);
        }
        free(tipo);
    }
    json_get_string(ctx, c, path, "nota_tipo", JSON_OPTIONAL, &o->nota_tipo);
    READ_OBJECTS(ctx, c, path, "bilancio", o->bilancio, read_voce_bilancio, o);
    json_get_string(ctx, c, path, "linea_mandato", JSON_OPTIONAL, &o->linea_mandato);
    json_get_string(ctx, c, path, "dup_strategica", JSON_OPTIONAL, &o->dup_strategica);
    json_get_string(ctx, c, path, "dup_operativa", JSON_OPTIONAL, &o->dup_operativa);
    json_get_string(ctx, c, path, "dirigente", JSON_OPTIONAL, &o->dirigente);
    json_get_string(ctx, c, path, "posizione_organizzativa", JSON_OPTIONAL, &o->posizione_organizzativa);
    json_get_string(ctx, c, path, "referenti", JSON_OPTIONAL, &o->referenti);
    json_get_string(ctx, c, path, "descrizione", JSON_REQUIRED, &o->descrizione);
    json_get_string(ctx, c, path, "baseline", JSON_OPTIONAL, &o->baseline);
    json_get_string(ctx, c, path, "target", JSON_OPTIONAL, &o->target);
    json_get_string(ctx, c, path, "stakeholder", JSON_OPTIONAL, &o->stakeholder);
    json_get_string(ctx, c, path, "accessibilita", JSON_OPTIONAL, &o->accessibilita);
    json_get_string(ctx, c, path, "unita_responsabile", JSON_OPTIONAL, &o->unita_responsabile);
    o->altre_unita = read_string_list(ctx, c, path, "altre_unita", &o->n_altre_unita);
    read_annualita(ctx, c, path, o);
    READ_OBJECTS(ctx, c, path, "risorse_umane", o->risorse_umane, read_risorsa, o);
    READ_OBJECTS(ctx, c, path, "finanziaria", o->finanziaria, read_capitolo, o);
    read_pesatura(ctx, c, path, o);
    read_other_forms(ctx, c, path, o);
    require_annualita_or_indicators(ctx, c, path, o);
    ctx->objective = -1;
    ctx->codice = NULL;
}

/* ---- the file ------------------------------------------------------------------- */

/* Returns false when the file is not a plan at all, so that reading stops. */
static bool read_formato(JsonCtx *ctx, const cJSON *root)
{
    char *formato = NULL;
    if (!json_get_string(ctx, root, "$", "formato", JSON_REQUIRED, &formato))
        return true; /* missing or mistyped: reported, keep reading */
    bool ok = strcmp(formato, PLAN_FORMAT) == 0;
    if (!ok) {
        if (strncmp(formato, "schede-raggiunto/", 17) == 0)
            json_error(ctx, "$.formato", "questo è un file di rilevazioni («%s»), non un piano: "
                                         "va passato con --raggiunto", formato);
        else
            json_error(ctx, "$.formato", "formato «%s» non supportato: un piano deve dichiarare "
                                         "\"formato\": \"%s\"", formato, PLAN_FORMAT);
    }
    free(formato);
    return ok;
}

LoadStatus plan_load_buffer(const char *file, const char *text, size_t len,
                            Plan *plan, DiagList *diags)
{
    memset(plan, 0, sizeof *plan);
    size_t errors_before = diags->errors;
    JsonCtx ctx = {diags, file, NULL, -1};
    cJSON *root = json_parse_text(&ctx, text, len);
    if (!root)
        return LOAD_DATA_ERROR;
    if (!json_expect_object(&ctx, root, "$") || !read_formato(&ctx, root)) {
        cJSON_Delete(root);
        return LOAD_DATA_ERROR;
    }
    json_check_keys(&ctx, root, "$", PLAN_KEYS);
    json_get_string(&ctx, root, "$", "ente", JSON_REQUIRED, &plan->ente);
    const cJSON *versione = json_get_object(&ctx, root, "$", "versione", JSON_OPTIONAL);
    if (versione) {
        plan->versione.present = true;
        json_check_keys(&ctx, versione, "$.versione", VERSIONE_KEYS);
        char *d = NULL;
        if (json_get_string(&ctx, versione, "$.versione", "data", JSON_OPTIONAL, &d)) {
            if (date_parse_iso(d, &plan->versione.data) == DATE_OK)
                plan->versione.has_data = true;
            else
                json_error(&ctx, "$.versione.data", "data «%s» non valida: le date si scrivono AAAA-MM-GG", d);
            free(d);
        }
        json_get_string(&ctx, versione, "$.versione", "atto", JSON_OPTIONAL, &plan->versione.atto);
        json_get_string(&ctx, versione, "$.versione", "descrizione", JSON_OPTIONAL, &plan->versione.descrizione);
    }
    read_triennio(&ctx, root, "$", JSON_REQUIRED, plan->triennio);
    read_persone(&ctx, root, plan);

    const cJSON *obiettivi = json_get_array(&ctx, root, "$", "obiettivi", JSON_REQUIRED);
    if (obiettivi) {
        plan->obiettivi = xcalloc((size_t)cJSON_GetArraySize(obiettivi), sizeof *plan->obiettivi);
        json_each_object(&ctx, obiettivi, "$.obiettivi", read_obiettivo, plan);
        if (cJSON_GetArraySize(obiettivi) == 0)
            json_warning(&ctx, "$.obiettivi", "il piano non contiene obiettivi");
    }
    cJSON_Delete(root);
    return diags->errors > errors_before ? LOAD_DATA_ERROR : LOAD_OK;
}

LoadStatus plan_load_file(const char *path, Plan *plan, DiagList *diags)
{
    memset(plan, 0, sizeof *plan);
    size_t len;
    char *text = file_read_input(path, &len, diags);
    if (!text)
        return LOAD_IO_ERROR;
    LoadStatus st = plan_load_buffer(path, text, len, plan, diags);
    free(text);
    return st;
}
