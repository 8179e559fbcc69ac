/* web.h — `schede web`: the cycle as a shared place for every role, served
 * over HTTP from the archive (docs/web.md). */
#ifndef SCHEDE_WEB_H
#define SCHEDE_WEB_H

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    const char *archivio;   /* the archive's file or postgresql:// address */
    const char *indirizzo;  /* the address to listen on: "127.0.0.1" */
    int porta;              /* 0: any free port (printed) */
    const char *log;        /* the access log's file, or NULL */
    int anno;               /* the year the rilevazioni and valutazioni are of; 0: from the plan and today */
    bool https;             /* behind an HTTPS proxy: cookies get Secure */
    const char *const *proxy_fidati; /* proxies whose X-Forwarded-For names the client (their addresses) */
    size_t n_proxy_fidati;
    int connessioni_per_indirizzo;   /* open connections one address may hold; 0: the default (128) */
} WebConfig;

/* Serves until SIGTERM or SIGINT, then finishes the requests in flight and
 * closes the archive. Prints the address at start. Returns the exit code
 * (0; 2 when the archive cannot be opened or the port taken). */
int web_serve(const WebConfig *c);

/* Who may do what: one line per address (tab-separated: method, path, the
 * roles it lets in, the condition on what the path names), from the one
 * table the server checks every request against. */
void web_permessi(FILE *out);

#endif
