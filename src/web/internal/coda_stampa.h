/* SPDX-License-Identifier: EUPL-1.2 */
/* coda_stampa.h — the queue of PDFs being made: at most as many at once as
 * the machine has cores, a few more waiting their turn, and beyond that a
 * refusal (503 with Retry-After) rather than a queue without end. A PDF is
 * made outside the server's lock (the engine shares nothing), so pages are
 * never kept waiting behind someone's whole schede.pdf. Private to src/web. */
#ifndef SCHEDE_WEB_CODA_STAMPA_H
#define SCHEDE_WEB_CODA_STAMPA_H

#include <pthread.h>
#include <stdbool.h>

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t libero;
    int in_corso, in_attesa;  /* PDFs being made, and waiting */
    int insieme, attesa_max;  /* at most at once; at most waiting */
} CodaStampa;

/* For a server of threads threads: insieme PDFs at once (≤ 0: the cores online; at most threads / 2), and as
 * many waiting as leaves two threads free for the pages. */
void coda_stampa_apri(CodaStampa *q, int threads, int insieme);
void coda_stampa_chiudi(CodaStampa *q);
/* A turn to make a PDF, waiting for it if need be; false (at once) when the queue is full. */
bool coda_stampa_entra(CodaStampa *q);
void coda_stampa_esci(CodaStampa *q);

#endif
