/* textlayout.h — breaking rich text into lines that fit a width.
 *
 * Text is UTF-8 in runs of one style each. Lines break at spaces, after
 * hyphens, dashes and slashes, and inside a word only when the word alone is
 * wider than the line. A newline starts a new paragraph. Widths come from
 * the real font metrics, so what is measured here is what the PDF shows. */
#ifndef SCHEDE_TEXTLAYOUT_H
#define SCHEDE_TEXTLAYOUT_H

#include <stddef.h>

#include "display.h"
#include "fontset.h"

/* How a run is marked beyond its font: struck through (deleted words of a
 * redline) or underlined (inserted words). */
typedef enum { DECO_NONE, DECO_STRIKE, DECO_UNDERLINE } TextDecoration;

typedef struct {
    FontStyle style;
    const char *text; /* UTF-8, not owned */
    TextDecoration decoration;
    bool has_color;   /* a colour of its own instead of the style's */
    Color color;
} TextRun;

/* A piece of a line printed in one font: bytes [start, start+len) of run. */
typedef struct {
    size_t run;
    size_t start, len;
    int font;
    double x;     /* offset from the line's left edge, points */
    double width; /* points */
} LineFragment;

typedef struct {
    LineFragment *frags;
    size_t n_frags;
    double width; /* without trailing spaces */
} TextLine;

typedef struct {
    TextLine *lines;
    size_t n_lines;
} TextLines;

/* Breaks the runs into lines of at most max_width points at font size.
 * Empty input gives zero lines. Marks the fonts used in fs->used. */
TextLines text_break(FontSet *fs, const TextRun *runs, size_t n_runs, double size, double max_width);
void text_lines_free(TextLines *tl);

/* Width of a single line of text (no breaking), in points. */
double text_width(FontSet *fs, FontStyle style, const char *utf8, double size);

#endif
