/* worddiff.h — the word-level difference between two texts, for the
 * Giunta's redline: the words both have, the words only the old one has
 * (deleted) and those only the new one has (inserted), in reading order.
 * A longest common subsequence of words; spaces and line breaks between
 * words are kept with the word before them. */
#ifndef SCHEDE_WORDDIFF_H
#define SCHEDE_WORDDIFF_H

#include <stddef.h>

typedef enum { DIFF_SAME, DIFF_DELETED, DIFF_INSERTED } DiffKind;

typedef struct {
    DiffKind kind;
    char *text;   /* the words of the run with the spaces between them */
} DiffRun;

typedef struct {
    DiffRun *runs;
    size_t n;
} WordDiff;

/* Over 4,000 words on either side the texts are compared whole (all deleted,
 * all inserted): the table of a longer diff would not be worth its memory. */
#define WORDDIFF_MAX_WORDS 4000

WordDiff word_diff(const char *before, const char *after);
void word_diff_free(WordDiff *d);

#endif
