#include "persone.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "json_reader.h"
#include "text.h"

const char *const PERSONE_FORMULA =
    "Punteggio = somma di (partecipazione × peso dell'azione × percentuale raggiunta dall'azione) diviso "
    "somma di (partecipazione × peso dell'azione), sulle sole azioni già rilevate alle quali la persona "
    "partecipa con una percentuale indicata. Le azioni non ancora rilevate sono elencate ma non contano.";


/* Whether key is the key of p's nome or of an alias; with bare, both sides
 * compared without a leading title. */
static bool key_matches(const char *key, const Persona *p, bool bare)
{
    bool hit = false;
    for (size_t a = 0; !hit && a <= p->n_alias; a++) {
        const char *n = a == 0 ? p->nome : p->alias[a - 1];
        if (!n)
            continue;
        char *k = text_name_key(n);
        hit = bare ? strcmp(persone_senza_titolo(k), persone_senza_titolo(key)) == 0 : strcmp(k, key) == 0;
        free(k);
    }
    return hit;
}

static const Persona *match_key(const Plan *plan, const char *key)
{
    for (size_t i = 0; i < plan->n_persone; i++)
        if (key_matches(key, &plan->persone[i], false))
            return &plan->persone[i];
    return NULL;
}

const Persona *persone_match(const Plan *plan, const char *name)
{
    char *key = text_name_key(name);
    const Persona *p = match_key(plan, key);
    free(key);
    return p;
}

/* The name without a leading title ("dott.ssa", "sig.ra", "avv.", …): two
 * spellings of one person often differ by the title alone. */
static const Persona *closest(const Plan *plan, const char *full_key);

const char *persone_senza_titolo(const char *key)
{
    static const char *const titles[] = {"dott.ssa ", "dott. ssa ", "dott.", "dott ", "sig.ra ", "sig.na ", "sig. ",
                                         "sig ", "avv. ", "avv ", "ing. ", "ing ", "arch. ", "arch ", "geom. ", "geom ",
                                         "rag. ", "rag ", "prof.ssa ", "prof. ", "prof ", "dr. ", NULL};
    for (size_t i = 0; titles[i]; i++) {
        size_t n = strlen(titles[i]);
        if (strncmp(key, titles[i], n) == 0) {
            key += n;
            while (*key == ' ')
                key++;
            return key;
        }
    }
    return key;
}

const Persona *persone_by_id(const Plan *plan, const char *id)
{
    for (size_t i = 0; id && i < plan->n_persone; i++)
        if (plan->persone[i].id && strcmp(plan->persone[i].id, id) == 0)
            return &plan->persone[i];
    return NULL;
}

const Persona *persone_match_untitled(const Plan *plan, const char *name)
{
    const Persona *exact = persone_match(plan, name);
    if (exact)
        return exact;
    char *key = text_name_key(name);
    const Persona *hit = NULL;
    for (size_t i = 0; i < plan->n_persone && !hit; i++)
        if (key_matches(key, &plan->persone[i], true))
            hit = &plan->persone[i];
    free(key);
    return hit;
}

const Persona *persone_closest(const Plan *plan, const char *name)
{
    char *key = text_name_key(name);
    const Persona *p = closest(plan, key);
    free(key);
    return p;
}

/* The registry name closest to key (its nome or an alias), titles aside,
 * within a distance a typo explains: at most 3 edits and a quarter of it. */
static const Persona *closest(const Plan *plan, const char *full_key)
{
    const char *key = persone_senza_titolo(full_key);
    size_t limit = strlen(key) / 4;
    if (limit > 3)
        limit = 3;
    if (limit < 1)
        limit = 1;
    const Persona *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < plan->n_persone; i++) {
        const Persona *p = &plan->persone[i];
        size_t n = p->n_alias + 1;
        for (size_t a = 0; a < n; a++) {
            const char *name = a == 0 ? p->nome : p->alias[a - 1];
            if (!name)
                continue;
            char *k = text_name_key(name);
            size_t d = text_edit_distance(key, persone_senza_titolo(k), limit);
            free(k);
            if (d < best_d) {
                best_d = d;
                best = p;
            }
        }
    }
    return best;
}

void persone_check(const Plan *plan, int anno, const char *file, DiagList *diags)
{
    JsonCtx ctx = {diags, file, NULL, -1};
    bool *used = xcalloc(plan->n_persone + 1, sizeof *used);
    bool *used_in_year = xcalloc(plan->n_persone + 1, sizeof *used_in_year);
    char **warned = NULL;
    size_t n_warned = 0;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        ctx.codice = o->codice;
        ctx.objective = (int)i;
        for (size_t r = 0; r < o->n_risorse_umane; r++)
            for (size_t k = 0; k < o->risorse_umane[r].n_personale; k++) {
                const Partecipante *x = &o->risorse_umane[r].personale[k];
                if (x->gruppo || !x->nome)
                    continue;
                char *key = text_name_key(x->nome);
                const Persona *p = match_key(plan, key);
                if (p) {
                    used[p - plan->persone] = true;
                    if (o->risorse_umane[r].anno == anno)
                        used_in_year[p - plan->persone] = true;
                    free(key);
                    continue;
                }
                bool already = false;
                for (size_t w = 0; w < n_warned && !already; w++)
                    already = strcmp(warned[w], key) == 0;
                if (already || plan->n_persone == 0) {
                    free(key);
                    continue;
                }
                warned = xrealloc(warned, (n_warned + 1) * sizeof *warned);
                warned[n_warned++] = key;
                char *path = xasprintf("$.obiettivi[%zu].risorse_umane[%zu].personale[%zu].nome", i, r, k);
                const Persona *near = closest(plan, key);
                if (near)
                    json_warning(&ctx, path, "«%s» non è nel registro delle persone: forse «%s»? (se è la stessa "
                                             "persona aggiungere «%s» ai suoi alias)", x->nome, near->nome, x->nome);
                else
                    json_warning(&ctx, path, "«%s» non è nel registro delle persone: sarà trattata come una persona "
                                             "a sé", x->nome);
                free(path);
            }
    }
    ctx.codice = NULL;
    ctx.objective = -1;
    /* A dirigente is in the registry to be evaluated on the objectives they
     * lead (docs/formato.md §3, obiettivi_diretti), not to take part in actions. */
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Persona *d = plan->obiettivi[i].dirigente ? persone_match_untitled(plan, plan->obiettivi[i].dirigente) : NULL;
        if (d)
            used[d - plan->persone] = used_in_year[d - plan->persone] = true;
    }
    for (size_t i = 0; i < plan->n_persone; i++) {
        char *path = json_path_index("$.persone", i);
        if (!used[i])
            json_warning(&ctx, path, "«%s» è nel registro ma non compare nel personale di nessuna azione",
                         plan->persone[i].nome ? plan->persone[i].nome : "?");
        else if (!used_in_year[i])
            json_warning(&ctx, path, "«%s» non partecipa a nessuna azione del %d", plan->persone[i].nome, anno);
        free(path);
    }
    for (size_t w = 0; w < n_warned; w++)
        free(warned[w]);
    free(warned);
    free(used);
    free(used_in_year);
}

bool persone_punteggio(RigaPersona *righe, size_t n, double *punteggio)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        RigaPersona *r = &righe[i];
        /* docs/formato.md §7: an objective with valutazione_individuale false counts in nobody's score */
        r->nel_punteggio = r->rilevata && r->has_partecipazione && r->has_peso && r->partecipazione * r->peso > 0 &&
                           (!r->obiettivo || r->obiettivo->valutazione_individuale);
        if (!r->nel_punteggio)
            continue;
        num += r->partecipazione * r->peso * r->percentuale;
        den += r->partecipazione * r->peso;
    }
    for (size_t i = 0; i < n; i++)
        righe[i].contributo = righe[i].nel_punteggio && den > 0
                                  ? righe[i].partecipazione * righe[i].peso * righe[i].percentuale / den
                                  : 0;
    if (den <= 0)
        return false;
    *punteggio = num / den;
    return true;
}

/* The last word of a name, for sorting by surname. */
static const char *surname(const char *name)
{
    const char *last = strrchr(name, ' ');
    return last ? last + 1 : name;
}

static const char *area_of(const PersonaAnno *p) { return p->registro && p->registro->area ? p->registro->area : "~"; }

static int cmp_people(const void *a, const void *b)
{
    const PersonaAnno *x = a, *y = b;
    int c = strcmp(area_of(x), area_of(y));
    if (c)
        return c;
    char *sx = text_name_key(surname(x->nome)), *sy = text_name_key(surname(y->nome));
    c = strcmp(sx, sy);
    free(sx);
    free(sy);
    return c ? c : strcmp(x->key, y->key);
}

static PersonaAnno *person_for(PersoneAnno *out, size_t *cap, const Plan *plan, const char *name)
{
    char *key = text_name_key(name);
    const Persona *reg = match_key(plan, key);
    for (size_t i = 0; i < out->n; i++)
        if ((reg && out->persone[i].registro == reg) || (!reg && !out->persone[i].registro && strcmp(out->persone[i].key, key) == 0)) {
            free(key);
            return &out->persone[i];
        }
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        out->persone = xrealloc(out->persone, *cap * sizeof *out->persone);
    }
    PersonaAnno *p = &out->persone[out->n++];
    memset(p, 0, sizeof *p);
    p->registro = reg;
    p->key = key;
    p->nome = xstrdup(reg && reg->nome ? reg->nome : name);
    return p;
}

void persone_compute(const Plan *plan, const Esiti *esiti, int anno, PersoneAnno *out)
{
    memset(out, 0, sizeof *out);
    out->anno = anno;
    size_t cap = 0;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        const Annualita *a = obiettivo_annualita(o, anno);
        const EsitoObiettivo *eo = esiti && esiti->anno == anno ? esiti_for(esiti, o) : NULL;
        for (size_t r = 0; r < o->n_risorse_umane; r++) {
            const Risorsa *ru = &o->risorse_umane[r];
            if (ru->anno != anno)
                continue;
            const Azione *z = a && ru->azione > 0 ? annualita_azione(a, ru->azione) : NULL;
            bool whole = ru->azione == 0 && obiettivo_da_indicatori(o, anno);
            const EsitoAzione *ea = NULL;
            for (size_t k = 0; eo && z && k < eo->n_azioni; k++)
                if (eo->azioni[k].azione == z)
                    ea = &eo->azioni[k];
            for (size_t k = 0; k < ru->n_personale; k++) {
                const Partecipante *x = &ru->personale[k];
                if (x->gruppo || !x->nome)
                    continue;
                PersonaAnno *p = person_for(out, &cap, plan, x->nome);
                p->righe = xrealloc(p->righe, (p->n_righe + 1) * sizeof *p->righe);
                RigaPersona *row = &p->righe[p->n_righe++];
                memset(row, 0, sizeof *row);
                row->obiettivo = o;
                row->azione = z;
                row->numero_azione = ru->azione;
                row->partecipante = x;
                row->has_partecipazione = x->has_percentuale;
                row->partecipazione = x->percentuale;
                row->has_peso = z && z->has_peso;
                row->peso = z ? z->peso : 0;
                row->rilevata = ea && ea->stato != STATO_NON_RILEVATO;
                row->percentuale = row->rilevata ? ea->percentuale : 0;
                if (whole) {
                    /* the whole objective weighs what a year's actions weigh together */
                    row->intero_obiettivo = true;
                    row->has_peso = true;
                    row->peso = 100;
                    row->rilevata = eo && eo->has_percentuale;
                    row->percentuale = row->rilevata ? eo->percentuale : 0;
                }
            }
        }
    }
    for (size_t i = 0; i < out->n; i++) {
        PersonaAnno *p = &out->persone[i];
        p->has_punteggio = persone_punteggio(p->righe, p->n_righe, &p->punteggio);
        for (size_t r = 0; r < p->n_righe; r++) {
            const Obiettivo *o = p->righe[r].obiettivo;
            if (o && !o->valutazione_individuale)
                p->fuori_valutazione++;
            else
                p->escluse += !p->righe[r].nel_punteggio;
        }
        /* Subtotals per objective, with the same formula. */
        p->subtotali = xcalloc(p->n_righe ? p->n_righe : 1, sizeof *p->subtotali);
        for (size_t r = 0; r < p->n_righe; r++) {
            const Obiettivo *o = p->righe[r].obiettivo;
            bool seen = false;
            for (size_t s = 0; s < p->n_subtotali; s++)
                seen |= p->subtotali[s].obiettivo == o;
            if (seen)
                continue;
            size_t n = 0;
            RigaPersona *sub = xcalloc(p->n_righe, sizeof *sub);
            for (size_t q = 0; q < p->n_righe; q++)
                if (p->righe[q].obiettivo == o)
                    sub[n++] = p->righe[q];
            SubtotalePersona *st = &p->subtotali[p->n_subtotali++];
            st->obiettivo = o;
            st->has_punteggio = persone_punteggio(sub, n, &st->punteggio);
            free(sub);
        }
        /* persone_punteggio on the subsets changed nothing in p->righe: recompute
         * the contributions to the whole score, which is what the sheet shows. */
        persone_punteggio(p->righe, p->n_righe, &p->punteggio);
    }
    if (out->n > 1)
        qsort(out->persone, out->n, sizeof *out->persone, cmp_people);
}

void persone_free(PersoneAnno *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->persone[i].key);
        free(p->persone[i].nome);
        free(p->persone[i].righe);
        free(p->persone[i].subtotali);
    }
    free(p->persone);
    memset(p, 0, sizeof *p);
}

char *persone_slug(const char *name)
{
    char *key = text_name_key(name); /* lower case, no accents */
    StrBuf b = {0};
    bool dash = false;
    for (const char *p = key; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c) && c < 0x80) {
            if (dash && b.len)
                strbuf_append(&b, "-", 1);
            dash = false;
            strbuf_append(&b, p, 1);
        } else if (c != '\'') {
            dash = true; /* spaces, dots, slashes, anything else: one dash */
        }
        /* apostrophes are dropped: d'agostino → dagostino */
    }
    free(key);
    return b.data ? b.data : xstrdup("persona");
}
