/* SPDX-License-Identifier: EUPL-1.2 */
/* connessioni.h — the server's guard on connections, below HTTP: who the
 * client is (the peer, or behind a trusted proxy the rightmost address of
 * X-Forwarded-For that is not a trusted proxy), how many connections one
 * address holds (capped, so that one address cannot take every slot), and
 * how long a request's head may take to arrive (a deadline, however slowly
 * a client trickles its header lines: past it the connection is shut, so
 * slow clients cannot keep the others out). Private to src/web. */
#ifndef SCHEDE_WEB_CONNESSIONI_H
#define SCHEDE_WEB_CONNESSIONI_H

#include <arpa/inet.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define CONNESSIONI_TESTA_SECONDI 10      /* a request's head (request line and headers) arrives within this */
#define CONNESSIONI_PER_INDIRIZZO 128     /* default cap of one address's open connections (an office behind one NAT address has many) */
#define CONNESSIONI_PROXY_MAX 8

typedef struct Connessione Connessione;

typedef struct {
    pthread_mutex_t lock;
    Connessione *prime;                   /* the open connections, a list */
    size_t n;
    int per_indirizzo;                    /* cap per address (a trusted proxy has none) */
    int testa_secondi;
    char proxy[CONNESSIONI_PROXY_MAX][INET6_ADDRSTRLEN]; /* the trusted proxies, normalised */
    size_t n_proxy;
    pthread_t guardia;                    /* the thread that shuts connections past their deadline */
    bool guardia_attiva, fine;
    pthread_cond_t sveglia;
    size_t chiuse_lente;                  /* connections shut for a slow head, since the start */
} Connessioni;

/* Sets up the guard: per_indirizzo ≤ 0 takes the default; proxies are IP
 * addresses (false with *error, Italian, naming the wrong one). */
bool connessioni_apri(Connessioni *cs, int per_indirizzo, const char *const *proxy, size_t n_proxy, char **error);
/* Starts the deadline thread. */
void connessioni_avvia(Connessioni *cs);
/* Stops it and forgets every connection. */
void connessioni_chiudi(Connessioni *cs);

/* Whether a new connection from peer may be accepted (its address's cap). */
bool connessioni_accetta(Connessioni *cs, const char *peer);
/* A connection began (fd: its socket, duplicated so that the deadline can
 * shut it without ever touching a reused descriptor); returns its handle. */
Connessione *connessioni_inizio(Connessioni *cs, int fd, const char *peer, time_t now);
/* Its request's head has arrived whole: the body's deadline (its length at
 * the slowest rate admitted), or 0 for none while it is answered. */
void connessioni_scadenza(Connessioni *cs, Connessione *c, time_t scadenza);
/* Its request was answered; the next one on the same connection has a new deadline. */
void connessioni_richiesta_finita(Connessioni *cs, Connessione *c, time_t now);
/* The connection ended. */
void connessioni_fine(Connessioni *cs, Connessione *c);
/* Shuts the connections whose head is late at now; returns how many (the thread calls it every half second). */
size_t connessioni_scadute(Connessioni *cs, time_t now);

/* Whether addr is one of the trusted proxies. */
bool connessioni_proxy_fidato(const Connessioni *cs, const char *addr);
/* The client's address: peer itself, unless peer is a trusted proxy and
 * forwarded (X-Forwarded-For, NULL when absent) names one; then the
 * rightmost hop that is not a trusted proxy, when it is a valid address. */
void connessioni_cliente(const Connessioni *cs, const char *peer, const char *forwarded, char out[INET6_ADDRSTRLEN]);

#endif
