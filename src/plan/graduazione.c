#include "graduazione.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "text.h"

#define MAX_CLAUSES 16
#define MAX_NUMBERS 8

typedef struct {
    char text[512]; /* the condition, before "= P%" */
    double pct;
} Clause;

/* Blanks dd/mm/yyyy-like dates (even impossible ones such as 31/06/2024):
 * their numbers are not bands. */
static void blank_dates(char *s)
{
    for (char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
            continue;
        char *q = p;
        int groups = 0;
        while (groups < 3) {
            int digits = 0;
            while (isdigit((unsigned char)*q) && digits < 4) {
                q++;
                digits++;
            }
            if (digits == 0)
                break;
            groups++;
            if (groups < 3 && (*q == '/' || *q == '.' || *q == '-') && isdigit((unsigned char)q[1]))
                q++;
            else
                break;
        }
        if (groups == 3 && !isdigit((unsigned char)*q)) {
            memset(p, ' ', (size_t)(q - p));
            p = q - 1;
        }
    }
}

/* Reads "70", "1,5", "1.5" at *p; advances *p. */
static bool read_number(const char **p, double *out)
{
    const char *s = *p;
    if (!isdigit((unsigned char)*s))
        return false;
    double v = 0;
    while (isdigit((unsigned char)*s))
        v = v * 10 + (*s++ - '0');
    if ((*s == ',' || *s == '.') && isdigit((unsigned char)s[1])) {
        double scale = 0.1;
        s++;
        while (isdigit((unsigned char)*s)) {
            v += (*s++ - '0') * scale;
            scale /= 10;
        }
    }
    *out = v;
    *p = s;
    return true;
}

/* Splits the text at every assignment "= P%", ": P%", "= -P%" (a typo of
 * the plans), "= zero". Returns the number of clauses, or 0 when there are
 * more than MAX_CLAUSES or one is too long to be a band: such a text is not
 * read at all rather than read in part. */
static size_t split_clauses(const char *s, Clause *out)
{
    size_t n = 0;
    const char *start = s;
    for (const char *p = s; *p; p++) {
        if (*p != '=' && *p != ':')
            continue;
        const char *q = p + 1;
        while (*q == ' ')
            q++;
        if (*q == '-')
            q++;
        while (*q == ' ')
            q++;
        double v;
        bool zero = strncmp(q, "zero", 4) == 0;
        if (!zero && !read_number(&q, &v))
            continue;
        if (zero) {
            v = 0;
            q += 4;
        }
        while (*q == ' ')
            q++;
        if (*q == '%')
            q++;
        size_t len = (size_t)(p - start);
        if (n == MAX_CLAUSES || len >= sizeof out[n].text)
            return 0;
        memcpy(out[n].text, start, len);
        out[n].text[len] = '\0';
        out[n].pct = v;
        n++;
        start = q;
        p = q - 1;
    }
    return n;
}

static const char *const NUMBER_WORDS[] = {"zero", "uno", "due", "tre", "quattro", "cinque",
                                           "sei", "sette", "otto", "nove", "dieci", NULL};

static bool word_at(const char *s, const char *at, const char *w)
{
    size_t n = strlen(w);
    return strncmp(at, w, n) == 0 && (at == s || !isalpha((unsigned char)at[-1])) && !isalpha((unsigned char)at[n]);
}

/* The numbers in a clause, digits or words ("tre", "un"). */
static size_t numbers_in(const char *s, double *out, bool words)
{
    size_t n = 0;
    for (const char *p = s; *p && n < MAX_NUMBERS;) {
        double v;
        if ((p == s || !isalnum((unsigned char)p[-1])) && read_number(&p, &v)) {
            out[n++] = v;
            continue;
        }
        if (words) {
            bool hit = false;
            for (int k = 0; NUMBER_WORDS[k]; k++)
                if (word_at(s, p, NUMBER_WORDS[k])) {
                    out[n++] = k;
                    p += strlen(NUMBER_WORDS[k]);
                    hit = true;
                    break;
                }
            if (!hit && (word_at(s, p, "un") || word_at(s, p, "una"))) {
                out[n++] = 1;
                p += 2;
                hit = true;
            }
            if (hit)
                continue;
        }
        p++;
    }
    return n;
}

static bool has(const char *s, const char *w) { return strstr(s, w) != NULL; }

/* "gg" as the abbreviation of giorni ("30gg.", "30 gg"), not inside a word
 * such as "aggiornamento". */
static bool has_gg(const char *c)
{
    for (const char *p = strstr(c, "gg"); p; p = strstr(p + 1, "gg"))
        if ((p == c || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[2]))
            return true;
    return false;
}

/* A word starting with prefix ("giorn" in "giorni", not in "aggiornamento"). */
static bool has_word_start(const char *c, const char *prefix)
{
    for (const char *p = strstr(c, prefix); p; p = strstr(p + 1, prefix))
        if (p == c || !isalpha((unsigned char)p[-1]))
            return true;
    return false;
}

static bool is_delay_clause(const char *c)
{
    return has_word_start(c, "ritard") || has_gg(c) || has_word_start(c, "giorn") ||
           has_word_start(c, "termine") || has_word_start(c, "entro") || has_word_start(c, "scadenz");
}

static int cmp_band_limit(const void *a, const void *b)
{
    double x = ((const RuleBand *)a)->limit, y = ((const RuleBand *)b)->limit;
    return (x > y) - (x < y);
}

static bool read_delay(const Clause *cl, size_t n, Rule *out)
{
    RuleBand bands[MAX_CLAUSES + 1]; /* + the "on time = 100 %" band added below */
    size_t nb = 0;
    bool on_time = false;
    for (size_t i = 0; i < n; i++) {
        const char *c = cl[i].text;
        double nums[MAX_NUMBERS];
        size_t k = numbers_in(c, nums, false);
        double limit;
        if (cl[i].pct == 0 && k == 0)
            continue; /* "non presentata = zero": past the last band */
        if (k == 0) {
            if (has(c, "oltre") || has(c, "superiore"))
                return false;
            limit = 0;
            on_time = true;
        } else if (has(c, ">") && has(c, "<") && k >= 2) {
            limit = nums[1] - 1;
        } else if ((has(c, "oltre") || (has(c, "superiore") && !has(c, "non superiore"))) && k == 1) {
            limit = RULE_OPEN_DAYS;
        } else {
            limit = nums[k - 1];
        }
        if (cl[i].pct == 0)
            continue;
        bands[nb++] = (RuleBand){limit, cl[i].pct};
    }
    if (nb == 0)
        return false;
    qsort(bands, nb, sizeof *bands, cmp_band_limit);
    if (!on_time && bands[0].limit > 0) {
        memmove(bands + 1, bands, nb * sizeof *bands);
        bands[0] = (RuleBand){0, 100};
        nb++;
    }
    for (size_t i = 1; i < nb; i++)
        if (bands[i].limit <= bands[i - 1].limit)
            return false;
    out->tipo = RULE_RITARDO;
    out->fasce = xcalloc(nb, sizeof *out->fasce);
    memcpy(out->fasce, bands, nb * sizeof *bands);
    out->n_fasce = nb;
    return true;
}

typedef struct {
    double low, high, pct;
} Range;

static int cmp_range_pct_desc(const void *a, const void *b)
{
    double x = ((const Range *)a)->pct, y = ((const Range *)b)->pct;
    return (x < y) - (x > y);
}

static bool read_thresholds(const Clause *cl, size_t n, Rule *out)
{
    Range r[MAX_CLAUSES];
    size_t nr = 0;
    for (size_t i = 0; i < n; i++) {
        const char *c = cl[i].text;
        double nums[MAX_NUMBERS];
        size_t k = numbers_in(c, nums, true);
        if (has(c, "meno di") || has(c, "inferiore")) {
            if (cl[i].pct == 0)
                continue;
            if (k < 1)
                return false;
            r[nr++] = (Range){0, nums[0], cl[i].pct};
        } else if (has(c, " o piu") && k >= 1) {
            r[nr++] = (Range){nums[0], 1e300, cl[i].pct};
        } else if (k >= 2) {
            double a = nums[k - 2], b = nums[k - 1];
            r[nr++] = (Range){a < b ? a : b, a < b ? b : a, cl[i].pct};
        } else if (k == 1) {
            r[nr++] = (Range){nums[0], nums[0], cl[i].pct};
        } else if (has(c, "tutt") || has(c, "complet")) {
            r[nr++] = (Range){100, 100, cl[i].pct};
        } else {
            return false;
        }
    }
    if (nr == 0)
        return false;
    qsort(r, nr, sizeof *r, cmp_range_pct_desc);
    /* Better results for higher values (crescente) or for lower (decrescente)? */
    bool rising = true, falling = true;
    for (size_t i = 1; i < nr; i++) {
        rising &= r[i].low < r[i - 1].low;
        falling &= r[i].low > r[i - 1].low;
    }
    if (!rising && !falling)
        return false;
    out->tipo = RULE_SOGLIE;
    out->verso = rising ? VERSO_CRESCENTE : VERSO_DECRESCENTE;
    out->fasce = xcalloc(nr, sizeof *out->fasce);
    for (size_t i = 0; i < nr; i++)
        out->fasce[i] = (RuleBand){rising ? r[i].low : r[i].high, r[i].pct};
    out->n_fasce = nr;
    return true;
}

static bool read_proportional(const char *atteso, Rule *out)
{
    if (!atteso)
        return false;
    char *a = text_name_key(atteso);
    double target = 0, nums[MAX_NUMBERS];
    if (has(a, "al giorno"))
        target = 365;
    else if (has(a, "settimana"))
        target = 52;
    else if (has(a, "al mese"))
        target = 12;
    else if (numbers_in(a, nums, false) >= 1)
        target = nums[0];
    free(a);
    if (target <= 0)
        return false;
    out->tipo = RULE_PROPORZIONALE;
    out->obiettivo = target;
    return true;
}

bool rule_from_graduazione(const char *graduazione, const char *atteso, Rule *out)
{
    memset(out, 0, sizeof *out);
    if (!graduazione)
        return false;
    char *s = text_name_key(graduazione); /* lower case, no accents, single spaces */
    blank_dates(s);
    bool ok = false;
    if (has(s, "proporzional")) {
        ok = read_proportional(atteso, out);
    } else {
        Clause cl[MAX_CLAUSES];
        size_t n = split_clauses(s, cl);
        bool delay = false;
        for (size_t i = 0; i < n; i++)
            delay |= is_delay_clause(cl[i].text);
        ok = n > 0 && (delay ? read_delay(cl, n, out) : read_thresholds(cl, n, out));
        for (size_t i = 0; ok && i < out->n_fasce; i++)
            ok = out->fasce[i].percentuale >= 0 && out->fasce[i].percentuale <= 100;
    }
    free(s);
    if (!ok) {
        free(out->fasce);
        memset(out, 0, sizeof *out);
    }
    return ok;
}

Rule rule_for_action(const Azione *z, OrigineRegola *origine)
{
    if (z->regola.tipo != RULE_NONE) {
        *origine = ORIGINE_PIANO;
        return z->regola;
    }
    Rule r;
    if (rule_from_graduazione(z->graduazione, z->atteso, &r)) {
        *origine = ORIGINE_GRADUAZIONE;
        return r;
    }
    *origine = ORIGINE_MANUALE;
    memset(&r, 0, sizeof r);
    r.tipo = RULE_MANUALE;
    return r;
}

void rule_for_action_free(Rule *r, OrigineRegola origine)
{
    if (origine == ORIGINE_GRADUAZIONE)
        free(r->fasce);
    r->fasce = NULL;
}
