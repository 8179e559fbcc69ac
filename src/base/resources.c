#include "resources.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

static bool is_dir(const char *dir, const char *sub)
{
    char *path = xasprintf("%s/%s", dir, sub);
    struct stat st;
    bool yes = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    free(path);
    return yes;
}

static int has_data(const char *dir) { return is_dir(dir, "layouts") && is_dir(dir, "fonts"); }

/* dir, as an absolute path (a new string), when it holds the data. */
static char *accept(const char *dir)
{
    if (!has_data(dir))
        return NULL;
    char *real = realpath(dir, NULL);
    return real ? real : xstrdup(dir);
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

char *resources_dir(void)
{
    const char *env = getenv("SCHEDE_DATI");
    if (env && *env)
        return accept(env);

    char exe[PATH_MAX];
    exe_dir(exe, sizeof exe);
    char *build = realpath(SCHEDE_BINARY_DIR, NULL);
    int in_build_tree = build && *exe && strcmp(exe, build) == 0;
    free(build);
    char *found;
    if (in_build_tree && (found = accept(SCHEDE_SOURCE_DIR)))
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
        if ((found = accept(installed)))
            return found;
    }
    return accept(SCHEDE_SOURCE_DIR);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int resources_profile(const char *data, const char *name, char **dir, char **known)
{
    char *base = xasprintf("%s/layouts", data);
    if (!name || strcmp(name, PROFILO_PREDEFINITO) == 0) {
        *dir = base;
        return 0;
    }
    char *candidate = xasprintf("%s/%s", base, name);
    struct stat st;
    /* a plain name: no path into other folders */
    bool plain = *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 &&
                 strcmp(name, "icc") != 0;
    if (plain && stat(candidate, &st) == 0 && S_ISDIR(st.st_mode)) {
        free(base);
        *dir = candidate;
        return 0;
    }
    free(candidate);
    StrBuf list = {0};
    strbuf_puts(&list, PROFILO_PREDEFINITO);
    DIR *d = opendir(base);
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "icc") == 0)
            continue;
        char *sub = xasprintf("%s/%s", base, e->d_name);
        if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
            names = xgrow(names, n, &cap, sizeof *names, 8);
            names[n++] = xstrdup(e->d_name);
        }
        free(sub);
    }
    if (d)
        closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        strbuf_printf(&list, ", %s", names[i]);
        free(names[i]);
    }
    free(names);
    free(base);
    *known = list.data;
    return -1;
}

const char *resources_layout_dir(const char *dir, const char *fallback, const char *name)
{
    if (!fallback)
        return dir;
    char *path = xasprintf("%s/%s.json", dir, name);
    struct stat st;
    bool here = stat(path, &st) == 0;
    free(path);
    return here ? dir : fallback;
}
