/* SPDX-License-Identifier: EUPL-1.2 */
/* connessioni.c — the guard on connections (connessioni.h). */
#include "connessioni.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "text.h"

struct Connessione {
    Connessione *next;
    int fd;                          /* our duplicate of the socket: shutting it shuts the connection */
    char peer[INET6_ADDRSTRLEN];
    time_t scadenza;                 /* the head must have arrived by then; 0: it has */
    bool chiusa;                     /* already shut by the deadline */
};

/* The canonical text of an IP address (so that "::1" and "0:0::1" are one), or false. */
static bool normalise(const char *addr, char out[INET6_ADDRSTRLEN])
{
    unsigned char bin[sizeof(struct in6_addr)];
    if (inet_pton(AF_INET, addr, bin) == 1)
        return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) != NULL;
    if (inet_pton(AF_INET6, addr, bin) == 1)
        return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) != NULL;
    return false;
}

bool connessioni_apri(Connessioni *cs, int per_indirizzo, const char *const *proxy, size_t n_proxy, char **error)
{
    memset(cs, 0, sizeof *cs);
    pthread_mutex_init(&cs->lock, NULL);
    pthread_cond_init(&cs->sveglia, NULL);
    cs->per_indirizzo = per_indirizzo > 0 ? per_indirizzo : CONNESSIONI_PER_INDIRIZZO;
    cs->testa_secondi = CONNESSIONI_TESTA_SECONDI;
    if (n_proxy > CONNESSIONI_PROXY_MAX) {
        *error = xasprintf("al massimo %d proxy fidati", CONNESSIONI_PROXY_MAX);
        return false;
    }
    for (size_t i = 0; i < n_proxy; i++) {
        if (!normalise(proxy[i], cs->proxy[cs->n_proxy])) {
            *error = xasprintf("«%s» non è un indirizzo IP (--proxy-fidato vuole l'indirizzo del proxy, per esempio "
                               "127.0.0.1)", proxy[i]);
            return false;
        }
        cs->n_proxy++;
    }
    return true;
}

static void *guard(void *arg)
{
    Connessioni *cs = arg;
    pthread_mutex_lock(&cs->lock);
    while (!cs->fine) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 500 * 1000 * 1000;
        if (until.tv_nsec >= 1000 * 1000 * 1000) {
            until.tv_sec++;
            until.tv_nsec -= 1000 * 1000 * 1000;
        }
        pthread_cond_timedwait(&cs->sveglia, &cs->lock, &until);
        if (cs->fine)
            break;
        pthread_mutex_unlock(&cs->lock);
        connessioni_scadute(cs, time(NULL));
        pthread_mutex_lock(&cs->lock);
    }
    pthread_mutex_unlock(&cs->lock);
    return NULL;
}

void connessioni_avvia(Connessioni *cs)
{
    cs->guardia_attiva = pthread_create(&cs->guardia, NULL, guard, cs) == 0;
}

void connessioni_chiudi(Connessioni *cs)
{
    pthread_mutex_lock(&cs->lock);
    cs->fine = true;
    pthread_cond_signal(&cs->sveglia);
    pthread_mutex_unlock(&cs->lock);
    if (cs->guardia_attiva)
        pthread_join(cs->guardia, NULL);
    for (Connessione *c = cs->prime, *next; c; c = next) {
        next = c->next;
        if (c->fd >= 0)
            close(c->fd);
        free(c);
    }
    cs->prime = NULL;
    pthread_cond_destroy(&cs->sveglia);
    pthread_mutex_destroy(&cs->lock);
}

bool connessioni_proxy_fidato(const Connessioni *cs, const char *addr)
{
    char n[INET6_ADDRSTRLEN];
    if (!cs->n_proxy || !normalise(addr, n))
        return false;
    for (size_t i = 0; i < cs->n_proxy; i++)
        if (strcmp(cs->proxy[i], n) == 0)
            return true;
    return false;
}

bool connessioni_accetta(Connessioni *cs, const char *peer)
{
    if (connessioni_proxy_fidato(cs, peer))
        return true;
    pthread_mutex_lock(&cs->lock);
    int same = 0;
    for (Connessione *c = cs->prime; c; c = c->next)
        if (!c->chiusa && strcmp(c->peer, peer) == 0)
            same++;
    pthread_mutex_unlock(&cs->lock);
    return same < cs->per_indirizzo;
}

Connessione *connessioni_inizio(Connessioni *cs, int fd, const char *peer, time_t now)
{
    Connessione *c = xcalloc(1, sizeof *c);
    c->fd = fd >= 0 ? dup(fd) : -1;
    snprintf(c->peer, sizeof c->peer, "%s", peer);
    c->scadenza = now + cs->testa_secondi;
    pthread_mutex_lock(&cs->lock);
    c->next = cs->prime;
    cs->prime = c;
    cs->n++;
    pthread_mutex_unlock(&cs->lock);
    return c;
}

void connessioni_scadenza(Connessioni *cs, Connessione *c, time_t scadenza)
{
    if (!c)
        return;
    pthread_mutex_lock(&cs->lock);
    c->scadenza = scadenza;
    pthread_mutex_unlock(&cs->lock);
}

void connessioni_richiesta_finita(Connessioni *cs, Connessione *c, time_t now)
{
    if (!c)
        return;
    pthread_mutex_lock(&cs->lock);
    c->scadenza = now + cs->testa_secondi;
    pthread_mutex_unlock(&cs->lock);
}

void connessioni_fine(Connessioni *cs, Connessione *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&cs->lock);
    for (Connessione **p = &cs->prime; *p; p = &(*p)->next)
        if (*p == c) {
            *p = c->next;
            cs->n--;
            break;
        }
    pthread_mutex_unlock(&cs->lock);
    if (c->fd >= 0)
        close(c->fd);
    free(c);
}

size_t connessioni_scadute(Connessioni *cs, time_t now)
{
    size_t shut = 0;
    pthread_mutex_lock(&cs->lock);
    for (Connessione *c = cs->prime; c; c = c->next)
        if (!c->chiusa && c->scadenza && now >= c->scadenza && c->fd >= 0) {
            /* the server's thread sees the end of the stream and closes the connection itself */
            shutdown(c->fd, SHUT_RDWR);
            c->chiusa = true;
            shut++;
        }
    cs->chiuse_lente += shut;
    pthread_mutex_unlock(&cs->lock);
    return shut;
}

/* The next hop of an X-Forwarded-For list, from its end: [*start, *end) of s before lim. */
static bool previous_hop(const char *s, const char *lim, const char **start, const char **end)
{
    const char *e = lim;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    const char *b = e;
    while (b > s && b[-1] != ',')
        b--;
    const char *t = b;
    while (t < e && (*t == ' ' || *t == '\t'))
        t++;
    *start = t;
    *end = e;
    return lim > s;
}

void connessioni_cliente(const Connessioni *cs, const char *peer, const char *forwarded, char out[INET6_ADDRSTRLEN])
{
    snprintf(out, INET6_ADDRSTRLEN, "%s", peer);
    if (!forwarded || !connessioni_proxy_fidato(cs, peer))
        return;
    const char *lim = forwarded + strlen(forwarded), *b, *e;
    /* from the right: the hops our proxies added, then the first one they did not (the client as they saw it);
       what lies to its left the client wrote itself, and is not believed */
    while (previous_hop(forwarded, lim, &b, &e)) {
        char hop[INET6_ADDRSTRLEN + 1], n[INET6_ADDRSTRLEN];
        size_t len = (size_t)(e - b);
        if (len == 0 || len >= sizeof hop || (memcpy(hop, b, len), hop[len] = '\0', !normalise(hop, n)))
            return; /* a malformed hop: the proxy's own address stays */
        if (!connessioni_proxy_fidato(cs, n)) {
            snprintf(out, INET6_ADDRSTRLEN, "%s", n);
            return;
        }
        lim = b > forwarded ? b - 1 : forwarded; /* past the comma */
        if (b == forwarded)
            return;
    }
}
