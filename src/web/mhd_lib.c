/* mhd_lib.c — libmicrohttpd through dlopen (mhd_lib.h). */
#include "mhd_lib.h"

#include <pthread.h>
#include <stddef.h>

#include "dynlib.h"

/* The library's functions, found once for the process: a shared library is
 * loaded into the process, not into a request, so this is the one table kept
 * between calls; the mutex makes its first filling safe from any thread. */
static MhdLib lib;
static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER;
const MhdLib *MHD;

const MhdLib *mhd_lib(char **error)
{
    pthread_mutex_lock(&loading);
    if (MHD) {
        pthread_mutex_unlock(&loading);
        return MHD;
    }
    const DynFunction fns[] = {
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
    if (!dynlib_load("libmicrohttpd.so.12", "libmicrohttpd",
                     "per schede web serve libmicrohttpd (il pacchetto Debian libmicrohttpd12), che non è installata",
                     fns, sizeof fns / sizeof *fns, error)) {
        pthread_mutex_unlock(&loading);
        return NULL;
    }
    MHD = &lib;
    pthread_mutex_unlock(&loading);
    return MHD;
}
