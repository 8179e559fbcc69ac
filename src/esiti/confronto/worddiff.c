#include "worddiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct {
    const char *start; /* the word */
    size_t len;
    size_t with_space; /* the word and the spaces after it */
} Word;

static size_t split(const char *s, Word **out)
{
    size_t n = 0, cap = 0;
    Word *w = NULL;
    const char *p = s ? s : "";
    while (*p == ' ' || *p == '\n' || *p == '\t')
        p++;
    while (*p) {
        const char *start = p;
        while (*p && *p != ' ' && *p != '\n' && *p != '\t')
            p++;
        size_t len = (size_t)(p - start);
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        w = xgrow(w, n, &cap, sizeof *w, 64);
        w[n++] = (Word){start, len, (size_t)(p - start)};
    }
    *out = w;
    return n;
}

static bool same_word(const Word *a, const Word *b)
{
    return a->len == b->len && memcmp(a->start, b->start, a->len) == 0;
}

/* Appends a word to the diff, joining it to the last run of its kind. */
static void add(WordDiff *d, size_t *cap, DiffKind kind, const Word *w, bool last_of_text)
{
    size_t len = last_of_text ? w->len : w->with_space;
    if (d->n > 0 && d->runs[d->n - 1].kind == kind) {
        DiffRun *r = &d->runs[d->n - 1];
        size_t old = strlen(r->text);
        r->text = xrealloc(r->text, old + len + 1);
        memcpy(r->text + old, w->start, len);
        r->text[old + len] = '\0';
        return;
    }
    d->runs = xgrow(d->runs, d->n, cap, sizeof *d->runs, 8);
    d->runs[d->n++] = (DiffRun){kind, xstrndup(w->start, len)};
}

WordDiff word_diff(const char *before, const char *after)
{
    WordDiff d = {0};
    size_t cap = 0;
    Word *a, *b;
    size_t na = split(before, &a), nb = split(after, &b);
    if (na > WORDDIFF_MAX_WORDS || nb > WORDDIFF_MAX_WORDS) {
        for (size_t i = 0; i < na; i++)
            add(&d, &cap, DIFF_DELETED, &a[i], i + 1 == na);
        for (size_t j = 0; j < nb; j++)
            add(&d, &cap, DIFF_INSERTED, &b[j], j + 1 == nb);
        free(a);
        free(b);
        return d;
    }
    /* lcs[i][j]: the longest common subsequence of a[i..] and b[j..] */
    uint32_t *lcs = xcalloc((na + 1) * (nb + 1), sizeof *lcs);
#define L(i, j) lcs[(i) * (nb + 1) + (j)]
    for (size_t i = na; i-- > 0;)
        for (size_t j = nb; j-- > 0;)
            L(i, j) = same_word(&a[i], &b[j]) ? L(i + 1, j + 1) + 1 : L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
    size_t i = 0, j = 0;
    while (i < na || j < nb) {
        if (i < na && j < nb && same_word(&a[i], &b[j])) {
            add(&d, &cap, DIFF_SAME, &b[j], j + 1 == nb);
            i++;
            j++;
        } else if (i < na && (j == nb || L(i + 1, j) >= L(i, j + 1))) {
            add(&d, &cap, DIFF_DELETED, &a[i], i + 1 == na); /* deletions before insertions, as in a redline */
            i++;
        } else {
            add(&d, &cap, DIFF_INSERTED, &b[j], j + 1 == nb);
            j++;
        }
    }
#undef L
    free(lcs);
    free(a);
    free(b);
    return d;
}

void word_diff_free(WordDiff *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->runs[i].text);
    free(d->runs);
    d->runs = NULL;
    d->n = 0;
}
