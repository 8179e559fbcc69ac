/* mhd_lib.h — libmicrohttpd, opened only by `schede web`: linked into every
 * run, it and GnuTLS's ten libraries would add half again to the start-up
 * of every other command (17 → 27 shared libraries, 2.9 → 4.4 ms for
 * `schede --versione`). The functions the server uses, looked up once with
 * dlopen, as the archive does for libpq. Private to src/web. */
#ifndef SCHEDE_MHD_LIB_H
#define SCHEDE_MHD_LIB_H

#include <microhttpd.h>

typedef struct {
    struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc, void *apc_cls,
                                       MHD_AccessHandlerCallback dh, void *dh_cls, ...);
    void (*stop_daemon)(struct MHD_Daemon *daemon);
    MHD_socket (*quiesce_daemon)(struct MHD_Daemon *daemon);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *daemon, enum MHD_DaemonInfoType info_type, ...);
    const char *(*lookup_connection_value)(struct MHD_Connection *connection, enum MHD_ValueKind kind, const char *key);
    int (*get_connection_values)(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                                 MHD_KeyValueIterator iterator, void *iterator_cls);
    const union MHD_ConnectionInfo *(*get_connection_info)(struct MHD_Connection *connection,
                                                           enum MHD_ConnectionInfoType info_type, ...);
    struct MHD_Response *(*create_response_from_buffer)(size_t size, void *buffer, enum MHD_ResponseMemoryMode mode);
    enum MHD_Result (*add_response_header)(struct MHD_Response *response, const char *header, const char *content);
    enum MHD_Result (*queue_response)(struct MHD_Connection *connection, unsigned int status_code,
                                      struct MHD_Response *response);
    void (*destroy_response)(struct MHD_Response *response);
} MhdLib;

/* libmicrohttpd, loaded at the first call; NULL with *error (Italian) when it is not installed. */
const MhdLib *mhd_lib(char **error);

/* The loaded library (after a successful mhd_lib). */
extern const MhdLib *MHD;

#endif
