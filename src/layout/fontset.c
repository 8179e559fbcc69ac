#include "fontset.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

bool fontset_load(FontSet *fs, const char *const paths[FONT_COUNT], const char **bad_path,
                  const char **reason)
{
    memset(fs, 0, sizeof *fs);
    for (int i = 0; i < FONT_COUNT; i++) {
        if (!paths[i])
            continue;
        fs->paths[i] = xstrdup(paths[i]);
        if (i == FONT_FALLBACK)
            continue;
        fs->fonts[i] = ttf_load(paths[i], reason);
        if (!fs->fonts[i]) {
            *bad_path = fs->paths[i];
            return false;
        }
    }
    for (int i = 0; i < STYLE_COUNT; i++)
        if (!fs->fonts[i]) {
            *bad_path = "";
            *reason = "manca un carattere obbligatorio (normale, grassetto, corsivo, grassetto corsivo)";
            return false;
        }
    return true;
}

void fontset_free(FontSet *fs)
{
    for (int i = 0; i < FONT_COUNT; i++) {
        free(fs->paths[i]);
        ttf_free(fs->fonts[i]);
    }
    memset(fs, 0, sizeof *fs);
}

/* Composite glyphs made of composites print whole too: the PDF writer
 * embeds every level of components (libharu 2.3.0 alone keeps only the
 * first level; see pdf_archive.c). */
static bool prints_whole(const TtfFont *f, uint32_t cp) { return ttf_glyph_index(f, cp) != 0; }

/* The fallback font, read the first time it is needed (NULL if it has no
 * path or cannot be read: then the style's font prints its .notdef). */
static const TtfFont *fallback(FontSet *fs)
{
    if (!fs->fallback_tried) {
        fs->fallback_tried = true;
        const char *reason;
        if (fs->paths[FONT_FALLBACK])
            fs->fonts[FONT_FALLBACK] = ttf_load(fs->paths[FONT_FALLBACK], &reason);
    }
    return fs->fonts[FONT_FALLBACK];
}

int fontset_pick(FontSet *fs, FontStyle style, uint32_t cp)
{
    if (prints_whole(fs->fonts[style], cp))
        return (int)style;
    const TtfFont *fb = fallback(fs);
    if (fb && prints_whole(fb, cp))
        return FONT_FALLBACK;
    return (int)style;
}

bool fontset_covers(FontSet *fs, uint32_t cp)
{
    for (int i = 0; i < STYLE_COUNT; i++)
        if (prints_whole(fs->fonts[i], cp))
            return true;
    const TtfFont *fb = fallback(fs);
    return fb && prints_whole(fb, cp);
}

double fontset_advance(const FontSet *fs, int font, uint32_t cp, double size)
{
    return ttf_advance(fs->fonts[font], cp) * size / 1000.0;
}
