/* fontset.h — the fonts of a document: four styles of one family plus a
 * fallback for the characters the family lacks. Picks, for each character,
 * the font that will print it. */
#ifndef SCHEDE_FONTSET_H
#define SCHEDE_FONTSET_H

#include <stdbool.h>
#include <stdint.h>

#include "ttf.h"

typedef enum { STYLE_REGULAR, STYLE_BOLD, STYLE_ITALIC, STYLE_BOLD_ITALIC, STYLE_COUNT } FontStyle;

/* Font ids in the display list: the styles, then the fallback. */
#define FONT_FALLBACK STYLE_COUNT
#define FONT_COUNT (STYLE_COUNT + 1)

typedef struct {
    char *paths[FONT_COUNT];
    TtfFont *fonts[FONT_COUNT]; /* the fallback is read on first need */
    bool fallback_tried;
    bool used[FONT_COUNT];      /* which fonts the laid-out text uses */
} FontSet;

/* Loads the metrics of the four styles; the fallback (its path may be NULL)
 * is only read when a character needs it, as most documents never do. On
 * failure returns false and *bad_path / *reason say which file and why. */
bool fontset_load(FontSet *fs, const char *const paths[FONT_COUNT], const char **bad_path,
                  const char **reason);
void fontset_free(FontSet *fs);

/* The font that prints cp in this style: the style's own font when it has
 * the glyph (and libharu can print it whole), else the fallback when it has
 * it, else the style's font (which will show its .notdef box). */
int fontset_pick(FontSet *fs, FontStyle style, uint32_t cp);

/* Whether some font of the set can print cp. */
bool fontset_covers(FontSet *fs, uint32_t cp);

/* Advance of cp in font id, in points at the given size. */
double fontset_advance(const FontSet *fs, int font, uint32_t cp, double size);

#endif
