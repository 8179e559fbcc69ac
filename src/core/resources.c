#include "resources.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char found[PATH_MAX];

static int has_data(const char *dir)
{
    char layouts[PATH_MAX + 16], fonts[PATH_MAX + 16];
    struct stat st;
    snprintf(layouts, sizeof layouts, "%s/layouts", dir);
    snprintf(fonts, sizeof fonts, "%s/fonts", dir);
    return stat(layouts, &st) == 0 && S_ISDIR(st.st_mode) &&
           stat(fonts, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *accept(const char *dir)
{
    if (!has_data(dir))
        return NULL;
    char *real = realpath(dir, NULL);
    snprintf(found, sizeof found, "%s", real ? real : dir);
    free(real);
    return found;
}

/* The folder holding the running executable, or "" when unknown. */
static void exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0) {
        buf[0] = '\0';
        return;
    }
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
}

const char *resources_dir(void)
{
    const char *env = getenv("SCHEDE_DATI");
    if (env && *env)
        return accept(env);

    char exe[PATH_MAX];
    exe_dir(exe, sizeof exe);
    char *build = realpath(SCHEDE_BINARY_DIR, NULL);
    int in_build_tree = build && *exe && strcmp(exe, build) == 0;
    free(build);
    if (in_build_tree && accept(SCHEDE_SOURCE_DIR))
        return found;

    if (*exe) {
        /* BINDIR/../DATADIR/schede, however deep BINDIR is below the prefix. */
        char prefix[PATH_MAX];
        snprintf(prefix, sizeof prefix, "%s", exe);
        size_t depth = 1;
        for (const char *p = SCHEDE_REL_BINDIR; *p; p++)
            depth += *p == '/';
        for (size_t i = 0; i < depth; i++) {
            char *slash = strrchr(prefix, '/');
            if (slash)
                *slash = '\0';
        }
        char installed[PATH_MAX * 2];
        snprintf(installed, sizeof installed, "%s/%s", prefix, SCHEDE_REL_DATADIR);
        if (accept(installed))
            return found;
    }
    return accept(SCHEDE_SOURCE_DIR);
}
