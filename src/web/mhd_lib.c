/* mhd_lib.c — libmicrohttpd through dlopen (mhd_lib.h). */
#include "mhd_lib.h"

#include <dlfcn.h>
#include <stddef.h>

#include "text.h"

static MhdLib lib;
const MhdLib *MHD;

const MhdLib *mhd_lib(char **error)
{
    if (MHD)
        return MHD;
    void *h = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        *error = xstrdup("per schede web serve libmicrohttpd (il pacchetto Debian libmicrohttpd12), che non è installata");
        return NULL;
    }
    struct {
        const char *name;
        void **slot;
    } fns[] = {
        {"MHD_start_daemon", (void **)&lib.start_daemon},
        {"MHD_stop_daemon", (void **)&lib.stop_daemon},
        {"MHD_quiesce_daemon", (void **)&lib.quiesce_daemon},
        {"MHD_get_daemon_info", (void **)&lib.get_daemon_info},
        {"MHD_lookup_connection_value", (void **)&lib.lookup_connection_value},
        {"MHD_get_connection_values", (void **)&lib.get_connection_values},
        {"MHD_get_connection_info", (void **)&lib.get_connection_info},
        {"MHD_create_response_from_buffer", (void **)&lib.create_response_from_buffer},
        {"MHD_add_response_header", (void **)&lib.add_response_header},
        {"MHD_queue_response", (void **)&lib.queue_response},
        {"MHD_destroy_response", (void **)&lib.destroy_response},
    };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
        /* dlsym returns an object pointer; POSIX guarantees it converts to a function pointer */
        *fns[i].slot = dlsym(h, fns[i].name);
        if (!*fns[i].slot) {
            *error = xasprintf("libmicrohttpd non ha la funzione %s: una versione troppo vecchia?", fns[i].name);
            dlclose(h);
            return NULL;
        }
    }
    MHD = &lib;
    return MHD;
}
