#include "sintesi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "utf8.h"

size_t sintesi_fascia(const double *limiti, size_t n_fasce, double value)
{
    /* As printed: the same rounding as rule_format_percent. */
    double shown = round(value * 100.0) / 100.0;
    for (size_t i = 0; i < n_fasce; i++)
        if (shown >= limiti[i] - 1e-9)
            return i;
    return n_fasce ? n_fasce - 1 : 0;
}

bool sintesi_is_scostamento(const EsitoAzione *e)
{
    return e->stato == STATO_NON_RILEVATO || round(e->percentuale * 100.0) < 10000.0;
}

bool sintesi_indicatore_scostamento(const EsitoObiettivo *eo, const EsitoIndicatore *e)
{
    if (!e->has_target)
        return false;
    if (e->stato == STATO_NON_RILEVATO)
        return eo->da_indicatori; /* missing only where it makes the objective's % */
    return round(e->percentuale * 100.0) < 10000.0;
}

/* ---- grouping keys ------------------------------------------------------------------------ */

/* Letters and digits of the name key, every run of anything else one space:
 * "\"ANCORA PIU' TRASPARENZA\"" and "Ancora più trasparenza" group together. */
static bool is_separator(unsigned cp)
{
    if (cp < 0x80)
        return !((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'));
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 /* Latin-1 punctuation, « », ×, ÷ */
           || (cp >= 0x2000 && cp <= 0x206F)                        /* dashes, quotes, … */
           || (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F);
}

static char *group_key(const char *text)
{
    char *k = text_name_key(text);
    StrBuf b = {0};
    bool space = false;
    for (const char *p = k; *p;) {
        unsigned cp;
        size_t n = utf8_decode(p, &cp);
        if (n == 0) {
            p++;
            continue;
        }
        if (is_separator(cp)) {
            space = b.len > 0;
        } else {
            if (space)
                strbuf_append(&b, " ", 1);
            space = false;
            strbuf_append(&b, p, n);
        }
        p += n;
    }
    free(k);
    return b.data ? b.data : xstrdup("");
}

/* The missioni of the budget schema (D.lgs. 118/2011, allegato 14). */
static const struct {
    int n;
    const char *nome;
} MISSIONI[] = {
    {1, "Servizi istituzionali, generali e di gestione"},
    {2, "Giustizia"},
    {3, "Ordine pubblico e sicurezza"},
    {4, "Istruzione e diritto allo studio"},
    {5, "Tutela e valorizzazione dei beni e delle attività culturali"},
    {6, "Politiche giovanili, sport e tempo libero"},
    {7, "Turismo"},
    {8, "Assetto del territorio ed edilizia abitativa"},
    {9, "Sviluppo sostenibile e tutela del territorio e dell'ambiente"},
    {10, "Trasporti e diritto alla mobilità"},
    {11, "Soccorso civile"},
    {12, "Diritti sociali, politiche sociali e famiglia"},
    {13, "Tutela della salute"},
    {14, "Sviluppo economico e competitività"},
    {15, "Politiche per il lavoro e la formazione professionale"},
    {16, "Agricoltura, politiche agroalimentari e pesca"},
    {17, "Energia e diversificazione delle fonti energetiche"},
    {18, "Relazioni con le altre autonomie territoriali e locali"},
    {19, "Relazioni internazionali"},
    {20, "Fondi e accantonamenti"},
    {50, "Debito pubblico"},
    {60, "Anticipazioni finanziarie"},
    {99, "Servizi per conto terzi"},
};

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The missione number the text starts with, or 0. */
static int missione_number(const char *s)
{
    while (is_space(*s))
        s++;
    if (strncasecmp(s, "missione", 8) == 0) {
        s += 8;
        while (is_space(*s))
            s++;
    }
    if ((s[0] == 'n' || s[0] == 'N') && (s[1] == '.' || is_space(s[1]))) {
        s += 2;
        while (is_space(*s))
            s++;
    }
    int n = 0, digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 3) {
        n = n * 10 + (*s - '0');
        s++;
        digits++;
    }
    if (digits == 0 || digits > 2)
        return 0;
    unsigned char next = (unsigned char)*s;
    if ((next >= '0' && next <= '9') || (next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z') || next >= 0x80)
        return 0; /* "1a", "12345", "1ª": not a missione number */
    if (next == '.' && s[1] >= '0' && s[1] <= '9')
        return 0; /* "1.2": a programme or a section number */
    for (size_t i = 0; i < sizeof MISSIONI / sizeof MISSIONI[0]; i++)
        if (MISSIONI[i].n == n)
            return n;
    return 0;
}

void sintesi_missione(const char *text, char **key, char **nome)
{
    int n = missione_number(text);
    if (n > 0) {
        for (size_t i = 0; i < sizeof MISSIONI / sizeof MISSIONI[0]; i++)
            if (MISSIONI[i].n == n) {
                *key = xasprintf("#%02d", n);
                *nome = xasprintf("%02d \u2013 %s", n, MISSIONI[i].nome);
                return;
            }
    }
    *key = group_key(text);
    *nome = xstrdup(text);
}

/* ---- groups under construction ----------------------------------------------------------- */

typedef struct {
    char *text;
    size_t count;
} Spelling;

/* The sums behind a mean: simple, and by the objectives' peso. */
typedef struct {
    double sum, by_peso, pesi;
    bool some_without_peso;
} Sums;

typedef struct {
    char *key;
    Spelling *spellings; /* empty for "not given" */
    size_t n_spellings;
    Aggregato agg;
    Sums sums;
} Builder;

typedef struct {
    Builder *items;
    size_t n, cap;
} Builders;

static Builder *builder_for(Builders *b, const char *key, const char *spelling)
{
    Builder *g = NULL;
    for (size_t i = 0; i < b->n && !g; i++)
        if (strcmp(b->items[i].key, key) == 0)
            g = &b->items[i];
    if (!g) {
        b->items = xgrow(b->items, b->n, &b->cap, sizeof *b->items, 8);
        g = &b->items[b->n++];
        memset(g, 0, sizeof *g);
        g->key = xstrdup(key);
    }
    if (spelling) {
        for (size_t i = 0; i < g->n_spellings; i++)
            if (strcmp(g->spellings[i].text, spelling) == 0) {
                g->spellings[i].count++;
                return g;
            }
        g->spellings = xrealloc(g->spellings, (g->n_spellings + 1) * sizeof *g->spellings);
        g->spellings[g->n_spellings++] = (Spelling){xstrdup(spelling), 1};
    }
    return g;
}

static void add_to(Aggregato *a, Sums *sums, const EsitoObiettivo *eo, const Sintesi *s)
{
    a->obiettivi++;
    if (eo && eo->has_percentuale) {
        a->valutati++;
        sums->sum += eo->percentuale;
        if (eo->obiettivo->has_peso) {
            sums->by_peso += eo->obiettivo->peso * eo->percentuale;
            sums->pesi += eo->obiettivo->peso;
        } else {
            sums->some_without_peso = true;
        }
        a->per_fascia[sintesi_fascia(s->limiti, s->n_fasce, eo->percentuale)]++;
    }
}

/* by_peso: a group's mean is weighted by the objectives' peso when every
 * objective valued in it has one (docs/formato.md §7). */
static void finish_mean(Aggregato *a, const Sums *sums, bool by_peso)
{
    a->has_media = a->valutati > 0;
    a->media = a->valutati ? sums->sum / (double)a->valutati : 0;
    if (by_peso && a->valutati > 0 && !sums->some_without_peso && sums->pesi > 0) {
        a->per_peso = true;
        a->media = sums->by_peso / sums->pesi;
    }
}

/* Text groups sort by key; missione numbers ("#01") before texts; not given last. */
static int compare_groups(const void *pa, const void *pb)
{
    const Gruppo *a = pa, *b = pb;
    if (!a->nome != !b->nome)
        return a->nome ? -1 : 1;
    return strcmp(a->key, b->key);
}

static void finish_groups(Builders *b, Raggruppamento *out)
{
    out->n = b->n;
    out->gruppi = xcalloc(b->n ? b->n : 1, sizeof *out->gruppi);
    for (size_t i = 0; i < b->n; i++) {
        Builder *g = &b->items[i];
        Gruppo *r = &out->gruppi[i];
        size_t best = 0;
        for (size_t k = 1; k < g->n_spellings; k++)
            if (g->spellings[k].count > g->spellings[best].count)
                best = k;
        r->key = g->key;
        r->nome = g->n_spellings ? xstrdup(g->spellings[best].text) : NULL;
        r->agg = g->agg;
        finish_mean(&r->agg, &g->sums, true);
        for (size_t k = 0; k < g->n_spellings; k++)
            free(g->spellings[k].text);
        free(g->spellings);
    }
    free(b->items);
    qsort(out->gruppi, out->n, sizeof *out->gruppi, compare_groups);
}

static bool is_blank(const char *s)
{
    if (!s)
        return true;
    while (is_space(*s))
        s++;
    return *s == '\0';
}

/* Adds the objective to the group its text names (or to "not given"). */
static void add_text_group(Builders *b, const char *text, const EsitoObiettivo *eo, const Sintesi *s)
{
    char *key = is_blank(text) ? xstrdup("") : group_key(text);
    if (!is_blank(text) && key[0] == '\0') { /* only punctuation: keep it apart from "not given" */
        free(key);
        key = xstrdup(text);
    }
    Builder *g = builder_for(b, key, is_blank(text) ? NULL : text);
    add_to(&g->agg, &g->sums, eo, s);
    free(key);
}

/* The year's actions and indicators of one objective: reported, and the
 * scostamenti (an action below its target or not reported; indicators
 * counted where they make the % — no actions in the year — and below
 * target a scostamento wherever they have a target). */
static void count_actions_and_indicators(const Obiettivo *o, size_t n_azioni, const EsitoObiettivo *eo, Sintesi *out)
{
    out->azioni += n_azioni;
    for (size_t k = 0; k < n_azioni; k++) {
        const EsitoAzione *ea = eo && k < eo->n_azioni ? &eo->azioni[k] : NULL;
        if (ea && ea->stato != STATO_NON_RILEVATO)
            out->azioni_rilevate++;
        if (!ea || sintesi_is_scostamento(ea))
            out->scostamenti++;
    }
    for (size_t k = 0; k < o->n_indicatori; k++) {
        double target;
        if (!indicatore_target(&o->indicatori[k], out->anno, &target))
            continue;
        const EsitoIndicatore *ei = eo && k < eo->n_indicatori ? &eo->indicatori[k] : NULL;
        if (n_azioni == 0) {
            out->indicatori++;
            if (ei && ei->stato != STATO_NON_RILEVATO)
                out->indicatori_rilevati++;
            if (!ei)
                out->scostamenti++;
        }
        if (ei && sintesi_indicatore_scostamento(eo, ei))
            out->scostamenti++;
    }
}

/* An objective in the group of each missione of its bilancio: once in
 * each, not twice in one; without any, in the group of no missione. */
static void add_to_missioni(Builders *missioni, const Obiettivo *o, const EsitoObiettivo *eo, Sintesi *out)
{
    char **seen = xcalloc(o->n_bilancio + 1, sizeof *seen);
    size_t n_seen = 0;
    for (size_t k = 0; k < o->n_bilancio; k++) {
        if (is_blank(o->bilancio[k].missione))
            continue;
        char *key, *nome;
        sintesi_missione(o->bilancio[k].missione, &key, &nome);
        bool dup = false;
        for (size_t j = 0; j < n_seen && !dup; j++)
            dup = strcmp(seen[j], key) == 0;
        if (!dup) {
            Builder *g = builder_for(missioni, key, nome);
            add_to(&g->agg, &g->sums, eo, out);
            seen[n_seen++] = key;
        } else {
            free(key);
        }
        free(nome);
    }
    if (n_seen == 0) {
        Builder *g = builder_for(missioni, "", NULL);
        add_to(&g->agg, &g->sums, eo, out);
    }
    for (size_t j = 0; j < n_seen; j++)
        free(seen[j]);
    free(seen);
}

void sintesi_compute(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const double *limiti,
                     size_t n_fasce, Sintesi *out)
{
    memset(out, 0, sizeof *out);
    out->anno = esiti ? esiti->anno : persone ? persone->anno : plan->triennio[0];
    out->n_fasce = n_fasce < SINTESI_MAX_FASCE ? n_fasce : SINTESI_MAX_FASCE;
    memcpy(out->limiti, limiti, out->n_fasce * sizeof *limiti);
    Builders groups[GRUPPO_COUNT] = {{0}};
    Sums total = {0};
    double weighted = 0, weights = 0;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        if (!obiettivo_del_anno(o, out->anno))
            continue;
        const Annualita *a = obiettivo_annualita(o, out->anno);
        size_t n_azioni = a ? a->n_azioni : 0;
        const EsitoObiettivo *eo = esiti ? esiti_for(esiti, o) : NULL;
        add_to(&out->totale, &total, eo, out);
        if (eo && eo->has_percentuale && o->pesatura.present && pesatura_totale(&o->pesatura) > 0) {
            out->con_pesatura++;
            weighted += pesatura_totale(&o->pesatura) * eo->percentuale;
            weights += pesatura_totale(&o->pesatura);
        }
        count_actions_and_indicators(o, n_azioni, eo, out);
        add_text_group(&groups[GRUPPO_DIRIGENTE], o->dirigente, eo, out);
        add_text_group(&groups[GRUPPO_UNITA], o->unita_responsabile, eo, out);
        add_text_group(&groups[GRUPPO_LINEA_MANDATO], o->linea_mandato, eo, out);
        add_to_missioni(&groups[GRUPPO_MISSIONE], o, eo, out);
    }
    finish_mean(&out->totale, &total, false); /* the total's weighted mean is a figure of its own */
    out->has_media_ponderata = weights > 0;
    out->media_ponderata = weights > 0 ? weighted / weights : 0;
    if (out->totale.valutati > 0 && !total.some_without_peso && total.pesi > 0) { /* docs/formato.md §7: the objectives' peso */
        out->per_peso = true;
        out->has_media_ponderata = true;
        out->media_ponderata = total.by_peso / total.pesi;
        out->con_pesatura = out->totale.valutati;
    }
    for (int g = 0; g < GRUPPO_COUNT; g++)
        finish_groups(&groups[g], &out->gruppi[g]);
    if (persone) {
        out->persone = persone->n;
        for (size_t i = 0; i < persone->n; i++)
            if (persone->persone[i].has_punteggio) {
                out->persone_valutate++;
                out->persone_per_fascia[sintesi_fascia(out->limiti, out->n_fasce, persone->persone[i].punteggio)]++;
            }
    }
}

void sintesi_free(Sintesi *s)
{
    for (int g = 0; g < GRUPPO_COUNT; g++) {
        for (size_t i = 0; i < s->gruppi[g].n; i++) {
            free(s->gruppi[g].gruppi[i].key);
            free(s->gruppi[g].gruppi[i].nome);
        }
        free(s->gruppi[g].gruppi);
    }
    memset(s, 0, sizeof *s);
}
