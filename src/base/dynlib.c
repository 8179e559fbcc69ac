/* dynlib.c — shared libraries opened on demand (dynlib.h). */
#include "dynlib.h"

#include <dlfcn.h>

#include "text.h"

bool dynlib_load(const char *soname, const char *label, const char *missing, const DynFunction *fns, size_t n,
                 char **error)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        *error = xstrdup(missing);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        /* dlsym returns an object pointer; POSIX guarantees it converts to a function pointer */
        *fns[i].slot = dlsym(h, fns[i].name);
        if (!*fns[i].slot) {
            *error = xasprintf("%s non ha la funzione %s: una versione troppo vecchia?", label, fns[i].name);
            dlclose(h);
            return false;
        }
    }
    return true; /* kept open for the process's life */
}
