/* fonts.h — the project's fonts for the tests that lay out text. */
#ifndef SCHEDE_TEST_FONTS_H
#define SCHEDE_TEST_FONTS_H

#include <criterion/criterion.h>

#include "fontset.h"

static inline void test_fonts_load(FontSet *fonts)
{
    const char *paths[FONT_COUNT] = {
        SCHEDE_SOURCE_DIR "/fonts/TitilliumWeb_400Regular.ttf",
        SCHEDE_SOURCE_DIR "/fonts/TitilliumWeb_700Bold.ttf",
        SCHEDE_SOURCE_DIR "/fonts/TitilliumWeb_400Regular_Italic.ttf",
        SCHEDE_SOURCE_DIR "/fonts/TitilliumWeb_700Bold_Italic.ttf",
        SCHEDE_SOURCE_DIR "/fonts/DejaVuSans.ttf",
    };
    const char *bad, *why;
    cr_assert(fontset_load(fonts, paths, &bad, &why), "%s: %s", bad, why);
}

#endif
