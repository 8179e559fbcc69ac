/* server.c — the HTTP server (libmicrohttpd): a pool of threads, limits on
 * connections (per address, and on the time a request's head may take:
 * connessioni.c), on request size and on uploads at once; a body read only
 * after its head was admitted (web_ammetti: the session and the route's
 * permission, from the headers alone); every request collected whole, then
 * answered by web_gestisci (dispatch.c) and sent with the security headers;
 * the access log, one line per request; a graceful stop on SIGTERM and SIGINT. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "connessioni.h"
#include "mhd_lib.h"
#include "server.h"
#include "text.h"

#define THREADS WEB_THREADS    /* a thread making a PDF is busy meanwhile: others poll and take new connections */
#define MAX_CONNECTIONS 1000   /* at most; fewer when the process may open fewer files (two per connection) */
#define TIMEOUT_SECONDS 30     /* a client silent this long is dropped (slow clients) */
#define HEADER_MEMORY (32 * 1024) /* per connection: headers larger than this get 431 from libmicrohttpd */
#define UPLOADS_AT_ONCE 2      /* bodies larger than a form received and parsed at once (each up to WEB_MAX_UPLOAD) */
#define BODY_BYTES_PER_SECOND (16 * 1024) /* the slowest a body may arrive: its deadline follows from its length */

typedef struct {
    StrBuf body;
    size_t limit;
    bool too_large;
    bool upload;               /* counted in Server.uploads */
    Risposta early;            /* answered from the head alone: the body is not read */
    bool answered_early;
} Upload;

static time_t now_real(void)
{
    return time(NULL);
}

/* The URL as the client sent it: no decoding by libmicrohttpd (form.c decodes, and refuses what is malformed). */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    StrBuf *q = cls;
    if (q->len)
        strbuf_puts(q, "&");
    strbuf_puts(q, key);
    if (value) {
        strbuf_puts(q, "=");
        strbuf_puts(q, value);
    }
    return MHD_YES;
}

static void peer_address(struct MHD_Connection *conn, char out[INET6_ADDRSTRLEN])
{
    const union MHD_ConnectionInfo *ci = MHD->get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    strcpy(out, "?");
    if (!ci || !ci->client_addr)
        return;
    if (ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, out, INET6_ADDRSTRLEN);
    else if (ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out, INET6_ADDRSTRLEN);
}

/* The client's address: the peer's, or behind a trusted proxy the one it forwards (connessioni.c). */
static void client_address(Server *s, struct MHD_Connection *conn, char out[INET6_ADDRSTRLEN])
{
    char peer[INET6_ADDRSTRLEN];
    peer_address(conn, peer);
    connessioni_cliente(&s->connessioni, peer,
                        MHD->lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For"), out);
}

static Connessione *connection_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci = MHD->get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static enum MHD_Result send_response(struct MHD_Connection *conn, Risposta *r)
{
    const char *bytes = r->bytes ? r->bytes : r->body.data ? r->body.data : "";
    size_t len = r->bytes ? r->len : r->body.len;
    struct MHD_Response *resp = MHD->create_response_from_buffer(len, (void *)bytes, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD->add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/plain; charset=utf-8");
    MHD->add_response_header(resp, "Content-Security-Policy", "default-src 'self'");
    MHD->add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD->add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD->add_response_header(resp, "X-Frame-Options", "DENY");
    MHD->add_response_header(resp, "Cache-Control", "no-store");
    if (r->location)
        MHD->add_response_header(resp, "Location", r->location);
    if (r->set_cookie)
        MHD->add_response_header(resp, "Set-Cookie", r->set_cookie);
    if (r->disposition)
        MHD->add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->retry_after > 0) {
        char s[16];
        snprintf(s, sizeof s, "%d", r->retry_after);
        MHD->add_response_header(resp, "Retry-After", s);
    }
    enum MHD_Result ok = MHD->queue_response(conn, (unsigned)r->status, resp);
    MHD->destroy_response(resp);
    return ok;
}

static void log_line(Server *s, const char *addr, const char *method, const char *path, int status, size_t bytes,
                     double ms)
{
    if (!s->log)
        return;
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* the path only: never the query, the cookies or the body (passwords, tokens); control characters and
       backslashes written as \xNN, so that a line is one request and nothing reaches a terminal */
    StrBuf p = {0};
    strbuf_puts(&p, "");
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if (*c < 0x20 || *c == 0x7f || *c == '\\' || *c == ' ')
            strbuf_printf(&p, "\\x%02x", *c);
        else
            strbuf_append(&p, (const char *)c, 1);
    }
    flockfile(s->log);
    fprintf(s->log, "%s %s %s %s %d %zu %.1fms\n", when, addr, method, p.data, status, bytes, ms);
    fflush(s->log);
    funlockfile(s->log);
    strbuf_free(&p);
}

static void simple(Risposta *r, int status, const char *text)
{
    memset(r, 0, sizeof *r);
    r->status = status;
    r->content_type = "text/plain; charset=utf-8";
    strbuf_puts(&r->body, text);
}

/* A path as a URL carries it: from '/', printable ASCII (the rest percent-encoded). */
static bool plain_path(const char *url)
{
    if (url[0] != '/')
        return false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f)
            return false;
    return true;
}

/* The limit of a request's body: the plan's upload, or a form. */
static size_t body_limit(const char *method, const char *url)
{
    if (strcmp(method, "POST") != 0)
        return 0;
    return strcmp(url, "/piano") == 0 || strcmp(url, "/valutazioni") == 0 ? WEB_MAX_UPLOAD : WEB_MAX_FORM;
}

/* A request's first call: its head is whole. Answered at once, without reading a byte of the body, when
 * the body would be too large, when the head alone refuses it (no session, the route not the role's:
 * web_ammetti), or when too many uploads are being received. */
static bool admit(Server *s, struct MHD_Connection *conn, const char *url, const char *method, Upload *up)
{
    const char *cl = MHD->lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    const char *te = MHD->lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
    bool has_body = (cl && strcmp(cl, "0") != 0) || te;
    unsigned long long length = cl ? strtoull(cl, NULL, 10) : 0;
    Connessione *cn = connection_of(conn);
    if (cl && length > up->limit) {
        simple(&up->early, 413, "richiesta troppo grande\n");
        return false;
    }
    if (has_body && plain_path(url) &&
        web_ammetti(s, method, url, MHD->lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie"), &up->early))
        return false;
    if (has_body && up->limit > WEB_MAX_FORM) {
        if (atomic_fetch_add(&s->uploads, 1) >= UPLOADS_AT_ONCE) {
            atomic_fetch_sub(&s->uploads, 1);
            simple(&up->early, 503, "troppi caricamenti in corso: riprovare fra poco\n");
            up->early.retry_after = 10;
            return false;
        }
        up->upload = true;
    }
    /* the body has its own deadline, from its length: a client may not trickle it for ever */
    if (has_body)
        connessioni_scadenza(&s->connessioni, cn,
                                   time(NULL) + CONNESSIONI_TESTA_SECONDI +
                                       (time_t)((cl ? length : up->limit) / BODY_BYTES_PER_SECOND));
    else
        connessioni_scadenza(&s->connessioni, cn, 0);
    return true;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    Server *s = cls;
    Upload *up = *con_cls;
    if (!up) {
        up = xcalloc(1, sizeof *up);
        atomic_fetch_add(&s->in_flight, 1);
        up->limit = body_limit(method, url);
        *con_cls = up;
        up->answered_early = !admit(s, conn, url, method, up);
        if (up->answered_early) {
            /* libmicrohttpd then closes the connection, the body unread */
            enum MHD_Result ok = send_response(conn, &up->early);
            char addr[INET6_ADDRSTRLEN];
            client_address(s, conn, addr);
            log_line(s, addr, method, plain_path(url) ? url : "(non valido)", up->early.status, up->early.body.len, 0);
            return ok;
        }
        return MHD_YES;
    }
    if (up->answered_early) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!up->too_large && up->body.len + *upload_size <= up->limit)
            strbuf_append(&up->body, upload_data, *upload_size);
        else
            up->too_large = true;
        *upload_size = 0;
        return MHD_YES;
    }
    connessioni_scadenza(&s->connessioni, connection_of(conn), 0); /* all arrived: no deadline while answered */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char addr[INET6_ADDRSTRLEN];
    client_address(s, conn, addr);
    Risposta r;
    const char *path = NULL;
    if (up->too_large) {
        simple(&r, 413, "richiesta troppo grande\n");
    } else if (!plain_path(url)) {
        simple(&r, 400, "indirizzo non valido\n");
    } else {
        path = url; /* still percent-encoded: each segment is decoded by its route (rotte.c) */
        StrBuf query = {0};
        strbuf_puts(&query, "");
        MHD->get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_query, &query);
        Richiesta req = {
            .metodo = method,
            .percorso = path,
            .query = query.data,
            .cookie = MHD->lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie"),
            .content_type = MHD->lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type"),
            .body = up->body.data ? up->body.data : "",
            .body_len = up->body.len,
            .indirizzo = addr,
        };
        web_gestisci(s, &req, &r);
        strbuf_free(&query);
    }
    if (up->upload) { /* parsed: the next upload may come */
        atomic_fetch_sub(&s->uploads, 1);
        up->upload = false;
    }
    enum MHD_Result ok = send_response(conn, &r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    log_line(s, addr, method, path ? path : "(non valido)", r.status, r.bytes ? r.len : r.body.len,
             (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    risposta_free(&r);
    return ok;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    Server *s = cls;
    (void)toe;
    Upload *up = *con_cls;
    if (up) {
        if (up->body.data)
            sodium_memzero(up->body.data, up->body.len); /* a login form's password */
        strbuf_free(&up->body);
        risposta_free(&up->early);
        if (up->upload)
            atomic_fetch_sub(&s->uploads, 1);
        free(up);
        atomic_fetch_sub(&s->in_flight, 1);
    }
    *con_cls = NULL;
    /* the next request on this connection (keep-alive) has its own deadline for its head */
    connessioni_richiesta_finita(&s->connessioni, connection_of(conn), time(NULL));
}

/* A connection from addr: refused when its address already holds its share (a trusted proxy has none). */
static enum MHD_Result accept_policy(void *cls, const struct sockaddr *addr, socklen_t len)
{
    Server *s = cls;
    char peer[INET6_ADDRSTRLEN] = "?";
    if (addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in))
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)addr)->sin_addr, peer, sizeof peer);
    else if (addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6))
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)addr)->sin6_addr, peer, sizeof peer);
    return connessioni_accetta(&s->connessioni, peer) ? MHD_YES : MHD_NO;
}

static void connection_event(void *cls, struct MHD_Connection *conn, void **socket_context,
                             enum MHD_ConnectionNotificationCode toe)
{
    Server *s = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *fd = MHD->get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        char peer[INET6_ADDRSTRLEN];
        peer_address(conn, peer);
        *socket_context = connessioni_inizio(&s->connessioni, fd ? fd->connect_fd : -1, peer, time(NULL));
    } else {
        connessioni_fine(&s->connessioni, *socket_context);
        *socket_context = NULL;
    }
}

/* As many connections as the process may hold files for (each takes two: its socket and the guard's copy). */
static unsigned max_connections(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0)
        return 256;
    if (r.rlim_cur != RLIM_INFINITY && r.rlim_cur < 4096 && (r.rlim_max == RLIM_INFINITY || r.rlim_max > r.rlim_cur)) {
        r.rlim_cur = r.rlim_max == RLIM_INFINITY || r.rlim_max > 4096 ? 4096 : r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
        getrlimit(RLIMIT_NOFILE, &r);
    }
    rlim_t usable = r.rlim_cur == RLIM_INFINITY ? 4096 : r.rlim_cur;
    rlim_t n = usable > 128 ? (usable - 64) / 2 : 32;
    return n < MAX_CONNECTIONS ? (unsigned)n : MAX_CONNECTIONS;
}

static struct MHD_Daemon *start(Server *s, const WebConfig *c, char **error)
{
    struct sockaddr_in6 a6 = {0};
    struct sockaddr_in a4 = {0};
    struct sockaddr *sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC; /* ITC: quiesce with a thread pool */
    if (inet_pton(AF_INET, c->indirizzo, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)c->porta);
        sa = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, c->indirizzo, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)c->porta);
        sa = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        *error = xasprintf("«%s» non è un indirizzo IP (per esempio 127.0.0.1 o ::1)", c->indirizzo);
        return NULL;
    }
    struct MHD_Daemon *d = MHD->start_daemon(
        flags, (uint16_t)c->porta, accept_policy, s, answer, s, MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)THREADS, MHD_OPTION_CONNECTION_LIMIT, max_connections(), MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)TIMEOUT_SECONDS, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_MEMORY,
        MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_NOTIFY_COMPLETED, completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, connection_event, s, MHD_OPTION_END);
    if (!d)
        *error = xasprintf("impossibile ascoltare su %s porta %d: %s", c->indirizzo, c->porta,
                           errno ? strerror(errno) : "porta occupata o non consentita");
    return d;
}

/* A graceful stop: no new connections, then the requests in flight answered
 * and sent whole (at most STOP_SECONDS), then the daemon stopped. */
#define STOP_SECONDS 30
static void drain(Server *s, struct MHD_Daemon *d)
{
    MHD_socket listening = MHD->quiesce_daemon(d);
    if (listening != MHD_INVALID_SOCKET)
        close(listening);
    struct timespec tick = {0, 10 * 1000 * 1000};
    int quiet = 0;
    for (int i = 0; i < STOP_SECONDS * 100 && quiet < 5; i++) {
        quiet = atomic_load(&s->in_flight) == 0 ? quiet + 1 : 0;
        nanosleep(&tick, NULL);
    }
}

int web_serve(const WebConfig *c)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "errore: libsodium non si inizializza\n");
        return 2;
    }
    Server s;
    char *error = NULL;
    if (!mhd_lib(&error)) {
        fprintf(stderr, "errore: %s\n", error);
        free(error);
        return 2;
    }
    if (!server_apri(&s, c, &error)) {
        fprintf(stderr, "errore: %s\n", error);
        free(error);
        return 2;
    }
    s.adesso = now_real;
    connessioni_avvia(&s.connessioni);
    /* SIGTERM and SIGINT are waited for here; the server's threads, started after, never see them */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct MHD_Daemon *d = start(&s, c, &error);
    if (!d) {
        fprintf(stderr, "errore: %s\n", error);
        free(error);
        server_chiudi(&s);
        return 2;
    }
    const union MHD_DaemonInfo *info = MHD->get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("schede web: %s, in ascolto su http://%s%s%s:%u/ (anno %d; Ctrl+C per fermare)\n", archivio_path(s.a),
           strchr(c->indirizzo, ':') ? "[" : "", c->indirizzo, strchr(c->indirizzo, ':') ? "]" : "",
           info ? info->port : (unsigned)c->porta, s.anno);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    drain(&s, d);
    MHD->stop_daemon(d);
    server_chiudi(&s);
    printf("schede web: fermato (%s); richieste in corso completate, archivio chiuso\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
}
