/* ttf_subset.h — the font program embedded in a PDF: a TrueType file with
 * the same glyph ids as the original, but the outlines of the glyphs the
 * document does not use left empty. Glyph ids stay as they are, so the
 * widths, the CIDToGIDMap and the composites need no renumbering. */
#ifndef SCHEDE_TTF_SUBSET_H
#define SCHEDE_TTF_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* file, len: a whole TrueType file; keep[g] nonzero for each glyph to keep
 * (the caller includes the components of composite glyphs, and glyph 0).
 * Returns a new buffer of *out_len bytes, or NULL when the file's tables
 * are not what a TrueType font must have. */
unsigned char *ttf_subset(const unsigned char *file, size_t len, const uint8_t *keep, size_t num_glyphs,
                          size_t *out_len);

#endif

/* What a PDF font descriptor says of a TrueType file, in thousandths of
 * the size (PDF glyph space), read from its head, hhea, OS/2, post and name
 * tables. */
typedef struct {
    unsigned units_per_em;
    int x_min, y_min, x_max, y_max;
    int ascent, descent, cap_height, x_height;
    int italic_angle; /* degrees */
    unsigned weight;  /* OS/2 usWeightClass, 400 when absent */
    bool bold, italic;
    char postscript_name[64]; /* name 6, only the characters a PDF name may hold plainly */
} TtfInfo;

/* Reads the descriptor's values; false when head or hhea is missing. */
bool ttf_info(const unsigned char *file, size_t len, TtfInfo *info);

