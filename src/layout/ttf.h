/* ttf.h — the metrics of a TrueType font file: which characters it has and
 * how wide they are. Enough to measure and break lines exactly as the PDF
 * will show them (the PDF viewer uses the same hmtx advances); nothing here
 * draws. */
#ifndef SCHEDE_TTF_H
#define SCHEDE_TTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct TtfFont TtfFont;

/* Loads the metrics of the font file at path. On failure returns NULL and
 * *reason is a static Italian phrase. */
TtfFont *ttf_load(const char *path, const char **reason);
void ttf_free(TtfFont *font);

/* Advance width of the code point in thousandths of the font size (PDF text
 * space units); the .notdef advance when the font lacks it. */
double ttf_advance(const TtfFont *font, uint32_t cp);

/* Advance of a glyph in thousandths of the size (glyph 0, .notdef, when
 * out of range). */
double ttf_glyph_width(const TtfFont *font, uint16_t glyph);
/* Ascender and descender (descender negative), in thousandths of the size. */
double ttf_ascent(const TtfFont *font);
double ttf_descent(const TtfFont *font);

/* The glyph index for cp (0 when missing). */
uint16_t ttf_glyph_index(const TtfFont *font, uint32_t cp);
uint16_t ttf_glyph_count(const TtfFont *font);

/* The table tag ("glyf") of the TrueType file in data[0..size), as a range
 * inside it: its start and *table_len; NULL when absent or out of bounds.
 * For a PDF writer that embeds the file (ttf_subset.c). */
const uint8_t *ttf_table(const uint8_t *data, size_t size, const char tag[4], size_t *table_len);

/* The glyphs a composite glyph is made of (its direct components, which
 * may be composites themselves); 0 for a simple or empty glyph. A PDF
 * writer that embeds a subset needs them all (see pdf_archive.c). */
size_t ttf_glyph_components(const TtfFont *font, uint16_t glyph, const uint16_t **components);

#endif
