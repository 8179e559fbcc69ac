#include "premi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "text.h"

/* Fixed-point scales of the factors (see premi.h). */
#define SCALA_PUNTEGGIO 100      /* hundredths, as printed */
#define SCALA_COEFFICIENTE 10000 /* fascia coefficiente, parametro */
#define SCALA_PERCENTUALE 100    /* orario, servizio: hundredths of a percent */
#define MAX_PERSONE 100000

static uint64_t scaled(double v, double scale)
{
    double x = round(v * scale);
    return x > 0 ? (uint64_t)x : 0;
}

/* The person's share factors as whole numbers; u is their product. */
static Exact share(const Sistema *s, ValutazionePersona *p)
{
    Exact u = exact_from(1);
    p->quota = 1;
    for (size_t i = 0; i < s->premi.n_proporzioni; i++) {
        Proporzione k = s->premi.proporzioni[i];
        uint64_t f = 0;
        switch (k) {
        case PROP_PUNTEGGIO:
            p->fattori[k] = (double)p->punteggio_centesimi / SCALA_PUNTEGGIO;
            f = (uint64_t)p->punteggio_centesimi;
            break;
        case PROP_FASCIA:
            p->fattori[k] = p->fascia && p->fascia->has_coefficiente ? p->fascia->coefficiente : 0;
            f = scaled(p->fattori[k], SCALA_COEFFICIENTE);
            break;
        case PROP_PARAMETRO: {
            const Parametro *par = sistema_parametro(s, p->v->profilo);
            p->fattori[k] = par ? par->valore : 0;
            f = scaled(p->fattori[k], SCALA_COEFFICIENTE);
            break;
        }
        case PROP_ORARIO:
            p->fattori[k] = p->v->orario;
            f = scaled(p->v->orario, SCALA_PERCENTUALE);
            break;
        case PROP_SERVIZIO:
            p->fattori[k] = p->v->servizio;
            f = scaled(p->v->servizio, SCALA_PERCENTUALE);
            break;
        case PROP_COUNT:
            break;
        }
        exact_mul(u, exact_from(f), &u); /* each factor < 2^20 and at most five: no overflow */
        p->quota *= k == PROP_ORARIO || k == PROP_SERVIZIO ? p->fattori[k] / 100.0 : p->fattori[k];
    }
    return u;
}

static char *reason_not_eligible(const Sistema *s, const ValutazionePersona *p, Exact u)
{
    if (p->v->escluso_premio)
        return xasprintf("escluso: %s", p->v->escluso_premio);
    if (!p->completa)
        return xstrdup("valutazione incompleta");
    if (!p->has_punteggio)
        return xstrdup("punteggio non calcolabile");
    if (p->punteggio_centesimi < valutazione_centesimi(s->premi.soglia)) {
        char soglia[64];
        text_format_number(soglia, sizeof soglia, s->premi.soglia);
        return xasprintf("punteggio sotto la soglia di %s", soglia);
    }
    if (exact_is_zero(u)) {
        for (size_t i = 0; i < s->premi.n_proporzioni; i++)
            if (p->fattori[s->premi.proporzioni[i]] <= 0)
                return xasprintf("quota nulla: %s pari a zero", proporzione_name(s->premi.proporzioni[i]));
        return xstrdup("quota nulla");
    }
    return NULL;
}

typedef struct {
    ValutazionePersona *p;
    Exact u, num, rem;
    uint64_t c;        /* numerator of the person's part of the maggiorazione, over t */
    int64_t floor;
} Share;

static int by_score_desc(const void *a, const void *b)
{
    const Share *x = a, *y = b;
    return (x->p->punteggio_centesimi < y->p->punteggio_centesimi) - (x->p->punteggio_centesimi > y->p->punteggio_centesimi);
}

static int name_cmp(const ValutazionePersona *x, const ValutazionePersona *y)
{
    char *kx = text_name_key(x->persona->nome ? x->persona->nome : ""), *ky = text_name_key(y->persona->nome ? y->persona->nome : "");
    int c = strcmp(kx, ky);
    free(kx);
    free(ky);
    if (c == 0 && x->persona->id && y->persona->id)
        c = strcmp(x->persona->id, y->persona->id);
    return c;
}

/* Largest remainder first; ties: higher final score, then name. */
static int by_remainder(const void *a, const void *b)
{
    const Share *x = a, *y = b;
    int c = exact_cmp(y->rem, x->rem);
    if (c)
        return c;
    if (x->p->punteggio_centesimi != y->p->punteggio_centesimi)
        return x->p->punteggio_centesimi > y->p->punteggio_centesimi ? -1 : 1;
    return name_cmp(x->p, y->p);
}

static Exact mul3(Exact a, Exact b, Exact c)
{
    Exact r;
    exact_mul(a, b, &r);
    exact_mul(r, c, &r);
    return r;
}

/* ⌊(2n + d) / 2d⌋: n/d rounded half up, for amounts that are whole cents. */
static int64_t round_cents(Exact n, Exact d)
{
    Exact two = exact_from(2), q, r;
    exact_mul(n, two, &n);
    exact_add(n, d, &n);
    exact_mul(d, two, &d);
    exact_divmod(n, d, &q, &r);
    uint64_t v;
    exact_to_u64(q, &v);
    return (int64_t)v;
}

/* Steps 1–2: who has a right to a premio, with their share u; the others
 * keep the reason. Returns how many, in e. */
static size_t eligible(const Sistema *s, ValutazioniAnno *va, Share *e)
{
    size_t n = 0;
    for (size_t i = 0; i < va->n; i++) {
        ValutazionePersona *p = &va->persone[i];
        if (!p->nei_premi)
            continue;
        va->premi.nelle_categorie++;
        Exact u = share(s, p);
        p->motivo = reason_not_eligible(s, p, u);
        p->has_premio = true;
        p->premio_centesimi = p->maggiorazione_centesimi = p->base_centesimi = 0;
        if (!p->motivo && n < MAX_PERSONE) {
            p->avente_diritto = true;
            e[n++] = (Share){.p = p, .u = u};
            va->premi.somma_quote += p->quota;
        }
    }
    return n;
}

/* The maggiorazione's terms: P (hundredths of a percent of the fund), k
 * places, and t, the people tied at the last place. */
typedef struct {
    uint64_t E, P, k, t;
} Maggiorazione;

/* Steps 3–4: who gets the maggiorazione, in units of M / t (e sorted by score, highest first). */
static Maggiorazione maggiorazione_places(const RegolePremi *r, Share *e, size_t n, ValutazioniAnno *va)
{
    Maggiorazione m = {.E = n, .P = 0, .k = 0, .t = 1};
    if (!r->has_maggiorazione)
        return m;
    m.P = scaled(r->maggiorazione_percentuale, 100); /* hundredths of a percent */
    uint64_t Q = scaled(r->maggiorazione_quota, 100);
    m.k = m.E * Q / 10000;
    if (m.k < 1)
        m.k = 1;
    if (m.k > m.E) /* quota ≤ 100 in a loaded sistema; kept safe for any caller */
        m.k = m.E;
    int64_t cut = e[m.k - 1].p->punteggio_centesimi;
    uint64_t a = 0;
    m.t = 0;
    for (size_t i = 0; i < n; i++) {
        a += e[i].p->punteggio_centesimi > cut;
        m.t += e[i].p->punteggio_centesimi == cut;
    }
    for (size_t i = 0; i < n; i++)
        e[i].c = e[i].p->punteggio_centesimi > cut ? m.t : e[i].p->punteggio_centesimi == cut ? m.k - a : 0;
    va->premi.posti_maggiorazione = (size_t)m.k;
    va->premi.maggiorazione_condivisa = a + m.t > m.k;
    return m;
}

/* Step 5 over the common denominator D = 10000·E·U·t:
 * N_i = F·((10000·E − k·P)·u_i·t + P·c_i·U); each its floor in cents and
 * the remainder. Returns the cents assigned. */
static int64_t exact_shares(Share *e, size_t n, int64_t fondo, const Maggiorazione *m)
{
    Exact U = exact_from(0);
    for (size_t i = 0; i < n; i++)
        exact_add(U, e[i].u, &U);
    Exact F = exact_from((uint64_t)fondo), T = exact_from(m->t);
    Exact D = mul3(exact_from(10000 * m->E), U, T);
    Exact base_factor = exact_from(10000 * m->E - m->k * m->P); /* k ≤ E and P ≤ 10000 */
    int64_t assigned = 0;
    for (size_t i = 0; i < n; i++) {
        Exact x = mul3(base_factor, e[i].u, T), y = mul3(exact_from(m->P), exact_from(e[i].c), U);
        exact_add(x, y, &x);
        exact_mul(F, x, &e[i].num);
        Exact q;
        exact_divmod(e[i].num, D, &q, &e[i].rem);
        uint64_t v;
        exact_to_u64(q, &v);
        e[i].floor = (int64_t)v;
        assigned += e[i].floor;
    }
    return assigned;
}

/* The maggiorazione of each, in cents (F·P·c_i / (10000·E·t), half up);
 * the base share is the rest, so that every row adds up. Then the totals. */
static void split_maggiorazione(Share *e, size_t n, int64_t fondo, const Maggiorazione *m, const RegolePremi *r,
                                ValutazioniAnno *va)
{
    Exact F = exact_from((uint64_t)fondo), T = exact_from(m->t);
    Exact mag_den = mul3(exact_from(10000), exact_from(m->E), T);
    int64_t distributed = 0;
    size_t beneficiaries = 0;
    for (size_t i = 0; i < n; i++) {
        ValutazionePersona *p = e[i].p;
        p->maggiorazione_centesimi =
            e[i].c ? round_cents(mul3(F, exact_from(m->P), exact_from(e[i].c)), mag_den) : 0;
        /* a tiny share (servizio 0,01 %) could leave a premio below its rounded maggiorazione:
         * the row shows the premio as maggiorazione, with no base */
        if (p->maggiorazione_centesimi > p->premio_centesimi)
            p->maggiorazione_centesimi = p->premio_centesimi;
        p->base_centesimi = p->premio_centesimi - p->maggiorazione_centesimi;
        beneficiaries += m->P > 0 && e[i].c > 0;
        distributed += p->premio_centesimi;
    }
    Exact base_factor = exact_from(10000 * m->E - m->k * m->P);
    if (r->has_maggiorazione)
        va->premi.maggiorazione_centesimi = round_cents(exact_from((uint64_t)fondo * m->P), exact_from(10000 * m->E));
    va->premi.media_centesimi = round_cents(exact_from((uint64_t)fondo), exact_from(m->E));
    va->premi.base_centesimi = round_cents(mul3(F, base_factor, exact_from(1)), exact_from(10000 * m->E));
    va->premi.beneficiari_maggiorazione = beneficiaries;
    va->premi.distribuito_centesimi = distributed;
}

void premi_compute(const Sistema *s, ValutazioniAnno *va)
{
    const RegolePremi *r = &s->premi;
    memset(&va->premi, 0, sizeof va->premi);
    if (!r->present)
        return;
    va->premi.present = true;
    int64_t fondo = (int64_t)llround(r->fondo * 100.0);
    va->premi.fondo_centesimi = fondo;
    Share *e = xcalloc(va->n + 1, sizeof *e);
    size_t n = eligible(s, va, e);
    va->premi.aventi_diritto = n;
    if (n == 0 || fondo <= 0) {
        free(e);
        return;
    }
    qsort(e, n, sizeof *e, by_score_desc);
    Maggiorazione m = maggiorazione_places(r, e, n, va);
    int64_t assigned = exact_shares(e, n, fondo, &m);
    /* Step 6: the cents left go one each to the largest remainders. */
    int64_t left = fondo - assigned;
    qsort(e, n, sizeof *e, by_remainder);
    for (size_t i = 0; i < n; i++)
        e[i].p->premio_centesimi = e[i].floor + ((int64_t)i < left ? 1 : 0);
    split_maggiorazione(e, n, fondo, &m, r, va);
    free(e);
}

char *premi_formula(const Sistema *s)
{
    const RegolePremi *r = &s->premi;
    StrBuf b = {0};
    char soglia[64];
    text_format_number(soglia, sizeof soglia, r->soglia);
    strbuf_printf(&b, "Hanno diritto al premio le persone con valutazione completa, punteggio finale (arrotondato a due "
                      "decimali) almeno %s, non escluse e con quota maggiore di zero. ", soglia);
    strbuf_puts(&b, "Quota di ciascuno = prodotto di ");
    for (size_t i = 0; i < r->n_proporzioni; i++) {
        static const char *const WORDS[] = {"punteggio finale", "coefficiente della fascia", "parametro del profilo",
                                            "percentuale dell'orario ÷ 100", "percentuale di servizio nell'anno ÷ 100"};
        strbuf_puts(&b, i == 0 ? "" : i + 1 == r->n_proporzioni ? " e " : ", ");
        strbuf_puts(&b, WORDS[r->proporzioni[i]]);
    }
    strbuf_puts(&b, r->n_proporzioni ? ". " : "1 per tutti. ");
    if (r->has_maggiorazione) {
        char perc[64], quota[64];
        text_format_number(perc, sizeof perc, r->maggiorazione_percentuale);
        text_format_number(quota, sizeof quota, r->maggiorazione_quota);
        strbuf_printf(&b, "Maggiorazione%s%s: il %s %% del premio medio (fondo ÷ numero degli aventi diritto) a "
                          "ciascuno dei migliori punteggi, in numero pari al %s %% degli aventi diritto (almeno uno); "
                          "a parità di punteggio all'ultimo posto utile, quanto resta si divide in parti uguali. ",
                      r->riferimento ? ", " : "", r->riferimento ? r->riferimento : "", perc, quota);
    }
    strbuf_puts(&b, "Premio = (fondo − maggiorazioni) × quota ÷ somma delle quote + maggiorazione. Calcolo esatto in "
                    "frazioni, arrotondato al centesimo una sola volta: ciascun premio per difetto, poi un centesimo "
                    "ciascuno ai resti maggiori (a parità: punteggio più alto, poi nome), così che la somma dei premi "
                    "sia esattamente il fondo.");
    return b.data;
}
