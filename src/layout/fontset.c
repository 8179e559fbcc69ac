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

static bool prints_whole(const TtfFont *f, uint32_t cp)
{
    uint16_t g = ttf_glyph_index(f, cp);
    return g != 0 && !ttf_glyph_is_nested_composite(f, g);
}

int fontset_pick(const FontSet *fs, FontStyle style, uint32_t cp)
{
    if (prints_whole(fs->fonts[style], cp))
        return (int)style;
    if (fs->fonts[FONT_FALLBACK] && prints_whole(fs->fonts[FONT_FALLBACK], cp))
        return FONT_FALLBACK;
    return (int)style;
}

bool fontset_covers(const FontSet *fs, uint32_t cp)
{
    for (int i = 0; i < FONT_COUNT; i++)
        if (fs->fonts[i] && prints_whole(fs->fonts[i], cp))
            return true;
    return false;
}

double fontset_advance(const FontSet *fs, int font, uint32_t cp, double size)
{
    return ttf_advance(fs->fonts[font], cp) * size / 1000.0;
}
