#include "doc_common.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

char *doc_expand(const char *tpl, const char *const names[], const char *const values[])
{
    StrBuf b = {0};
    const char *p = tpl;
    while (*p) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            bool done = false;
            for (size_t i = 0; close && names[i]; i++) {
                size_t n = strlen(names[i]);
                if ((size_t)(close - p - 1) == n && strncmp(p + 1, names[i], n) == 0) {
                    strbuf_puts(&b, values[i]);
                    p = close + 1;
                    done = true;
                    break;
                }
            }
            if (done)
                continue;
        }
        strbuf_append(&b, p, 1);
        p++;
    }
    return b.data ? b.data : xstrdup("");
}

char *doc_shorten(const char *text, size_t max_chars)
{
    size_t chars = 0, i = 0, cut = 0;
    while (text[i] && text[i] != '\n') {
        if (((unsigned char)text[i] & 0xC0) != 0x80) {
            if (chars == max_chars)
                break;
            chars++;
            if (text[i] == ' ')
                cut = i;
        }
        i++;
    }
    if (!text[i])
        return xstrdup(text);
    if (cut == 0)
        cut = i;
    while (cut > 0 && strchr(" ,;:.-", text[cut - 1]))
        cut--;
    return xasprintf("%.*s\u2026", (int)cut, text);
}

char *doc_triennio(const int t[2]) { return xasprintf("%d \u2013 %d", t[0], t[1]); }

LayoutTable *doc_table(const LayoutSpec *spec, const char *set)
{
    size_t n;
    const double *w = spec_columns(spec, set, &n);
    return ltable_new(w, n);
}

LayoutTable *doc_table_with_header(const LayoutSpec *spec, const char *set, const char *const *label_keys)
{
    LayoutTable *t = doc_table(spec, set);
    ltable_set_header_rows(t, 1);
    ltable_row(t, 0);
    for (size_t i = 0; label_keys[i]; i++)
        ltable_cell(t, spec_label(spec, label_keys[i]), 1, spec_style(spec, "intestazione"));
    return t;
}

void doc_date(char *buf, size_t size, time_t when)
{
    struct tm tm;
    gmtime_r(&when, &tm);
    snprintf(buf, size, "%02d/%02d/%04d", tm.tm_mday % 100, (tm.tm_mon + 1) % 100, (tm.tm_year + 1900) % 10000);
}
