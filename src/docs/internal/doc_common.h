/* doc_common.h — helpers every document uses: label templates with
 * {placeholders} and shortened texts. */
#ifndef SCHEDE_DOC_COMMON_H
#define SCHEDE_DOC_COMMON_H

#include <stddef.h>

#include <time.h>

#include "display.h"
#include "layout.h"
#include "layout_file.h"

/* Replaces {name} with the value of the same index; unknown names stay as
 * written. names is NULL-terminated. New string. */
char *doc_expand(const char *tpl, const char *const names[], const char *const values[]);

/* The first max_chars characters of the text's first paragraph, cut at a
 * word, with an ellipsis; the whole text when it is short enough. */
char *doc_shorten(const char *text, size_t max_chars);


/* A table with the column proportions of the layout file's set. */
LayoutTable *doc_table(const LayoutSpec *spec, const char *set);

/* doc_table with a header row, repeated on every page, of the labels
 * label_keys (NULL-terminated) in the style "intestazione". */
LayoutTable *doc_table_with_header(const LayoutSpec *spec, const char *set, const char *const *label_keys);

/* The document's date as printed: "26/11/2026" (UTC, from SOURCE_DATE_EPOCH
 * when set). buf holds at least 16 bytes. */
void doc_date(char *buf, size_t size, time_t when);

/* "2024 – 2026" */
char *doc_triennio(const int t[2]);

#endif
