#include "textlayout.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

/* One character of the input, as the line breaker sees it. */
typedef struct {
    uint32_t cp;
    size_t run, start;   /* where its bytes are */
    unsigned char len;   /* byte length; 0 for a character that is not printed */
    unsigned char font;
    unsigned char kind;  /* CH_* */
    double advance;      /* points */
} Item;

enum { CH_NORMAL, CH_SPACE, CH_BREAK_AFTER, CH_NEWLINE };

static bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

static unsigned char kind_of(uint32_t cp)
{
    if (cp == '\n')
        return CH_NEWLINE;
    /* U+00A0 is a no-break space: it glues "20 giorni", "75,00 %" (a normal character) */
    if (cp == ' ' || cp == '\t' || cp == 0x2009)
        return CH_SPACE;
    /* hyphen, slash, hyphen U+2010, en dash: a line may end after them */
    if (cp == '-' || cp == '/' || cp == 0x2010 || cp == 0x2013)
        return CH_BREAK_AFTER;
    return CH_NORMAL;
}

typedef struct {
    Item *items;
    size_t n, cap;
} Items;

static void push_item(Items *it, Item x)
{
    it->items = xgrow(it->items, it->n, &it->cap, sizeof *it->items, 256);
    it->items[it->n++] = x;
}

static Items itemize(FontSet *fs, const TextRun *runs, size_t n_runs, double size)
{
    Items it = {0};
    for (size_t r = 0; r < n_runs; r++) {
        const char *s = runs[r].text;
        size_t i = 0;
        while (s[i]) {
            uint32_t cp;
            unsigned tmp;
            size_t n = utf8_decode(s + i, &tmp);
            cp = tmp;
            if (n == 0) { /* invalid byte: the loader rejects these; skip defensively */
                i++;
                continue;
            }
            Item x = {cp, r, i, (unsigned char)n, 0, kind_of(cp), 0};
            if (cp == '\r' || (cp < 0x20 && cp != '\n' && cp != '\t')) {
                x.len = 0; /* control characters print nothing */
            } else if (x.kind == CH_SPACE || x.kind == CH_NEWLINE) {
                x.font = (unsigned char)runs[r].style;
                x.advance = x.kind == CH_SPACE ? fontset_advance(fs, x.font, ' ', size) : 0;
            } else {
                x.font = (unsigned char)fontset_pick(fs, runs[r].style, cp);
                x.advance = fontset_advance(fs, x.font, cp, size);
                fs->used[x.font] = true;
            }
            push_item(&it, x);
            i += n;
        }
    }
    /* No break inside numbers: 31/12/2024, 2024-2026, 13.12.2023 n. 222. */
    for (size_t k = 0; k < it.n; k++) {
        Item *x = &it.items[k];
        if (x->kind == CH_BREAK_AFTER && (x->cp == '/' || x->cp == '-') &&
            ((k > 0 && is_digit(it.items[k - 1].cp)) || (k + 1 < it.n && is_digit(it.items[k + 1].cp))))
            x->kind = CH_NORMAL;
    }
    return it;
}

typedef struct {
    TextLine *lines;
    size_t n, cap;
} LineList;

/* Emits items [from, to) as a line, grouping same-font neighbours. */
static void emit_line(LineList *ll, const Items *it, size_t from, size_t to)
{
    /* Trailing spaces take no room at the end of a line. */
    while (to > from && it->items[to - 1].kind == CH_SPACE)
        to--;
    TextLine line = {0};
    double x = 0;
    size_t cap = 0;
    for (size_t i = from; i < to; i++) {
        const Item *c = &it->items[i];
        if (c->len == 0 || c->kind == CH_NEWLINE)
            continue;
        LineFragment *last = line.n_frags ? &line.frags[line.n_frags - 1] : NULL;
        if (last && last->font == c->font && last->run == c->run && last->start + last->len == c->start) {
            last->len += c->len;
            last->width += c->advance;
        } else {
            line.frags = xgrow(line.frags, line.n_frags, &cap, sizeof *line.frags, 4);
            line.frags[line.n_frags++] = (LineFragment){c->run, c->start, c->len, c->font, x, c->advance};
        }
        x += c->advance;
    }
    line.width = x;
    ll->lines = xgrow(ll->lines, ll->n, &ll->cap, sizeof *ll->lines, 8);
    ll->lines[ll->n++] = line;
}

/* Breaks one paragraph, items [from, to), into lines. */
static void break_paragraph(LineList *ll, const Items *it, size_t from, size_t to, double max_width)
{
    size_t line_start = from;
    double width = 0;          /* of items [line_start, i) */
    size_t last_break = 0;     /* index after the last break opportunity, 0 = none */
    double width_at_break = 0;
    size_t i = from;
    while (i < to) {
        const Item *c = &it->items[i];
        if (c->kind == CH_SPACE) {
            /* A space never overflows a line: it may hang at the end. */
            width += c->advance;
            i++;
            last_break = i;
            width_at_break = width;
            continue;
        }
        if (width + c->advance <= max_width || i == line_start) {
            width += c->advance;
            i++;
            if (c->kind == CH_BREAK_AFTER) {
                last_break = i;
                width_at_break = width;
            }
            continue;
        }
        /* c does not fit. */
        if (last_break > line_start) {
            emit_line(ll, it, line_start, last_break);
            line_start = last_break;
            width -= width_at_break;
        } else {
            /* A word wider than the line: break inside it. */
            emit_line(ll, it, line_start, i);
            line_start = i;
            width = 0;
        }
        /* Spaces at the start of a wrapped line are not printed. */
        while (line_start < to && it->items[line_start].kind == CH_SPACE) {
            width -= it->items[line_start].advance;
            line_start++;
        }
        if (line_start > i) {
            i = line_start;
            width = 0;
        }
        last_break = 0;
        if (width < 0)
            width = 0;
    }
    emit_line(ll, it, line_start, to);
}

TextLines text_break(FontSet *fs, const TextRun *runs, size_t n_runs, double size, double max_width)
{
    Items it = itemize(fs, runs, n_runs, size);
    LineList ll = {0};
    if (it.n > 0) {
        size_t from = 0;
        for (size_t i = 0; i <= it.n; i++)
            if (i == it.n || it.items[i].kind == CH_NEWLINE) {
                break_paragraph(&ll, &it, from, i, max_width);
                from = i + 1;
            }
    }
    free(it.items);
    return (TextLines){ll.lines, ll.n};
}

void text_lines_free(TextLines *tl)
{
    for (size_t i = 0; i < tl->n_lines; i++)
        free(tl->lines[i].frags);
    free(tl->lines);
    tl->lines = NULL;
    tl->n_lines = 0;
}

double text_width(FontSet *fs, FontStyle style, const char *utf8, double size)
{
    double w = 0;
    for (size_t i = 0; utf8[i];) {
        unsigned cp;
        size_t n = utf8_decode(utf8 + i, &cp);
        if (n == 0) {
            i++;
            continue;
        }
        w += fontset_advance(fs, fontset_pick(fs, style, cp), cp, size);
        i += n;
    }
    return w;
}
