/* SPDX-License-Identifier: EUPL-1.2 */
/* coda_stampa.c — the queue of PDFs being made (coda_stampa.h). */
#include "coda_stampa.h"

#include <unistd.h>

void coda_stampa_apri(CodaStampa *q, int threads, int insieme)
{
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->libero, NULL);
    q->in_corso = q->in_attesa = 0;
    if (insieme <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        insieme = cores > 0 ? (int)cores : 1;
    }
    if (insieme > threads / 2)
        insieme = threads / 2 > 0 ? threads / 2 : 1;
    q->insieme = insieme;
    q->attesa_max = threads - 2 - insieme > 0 ? threads - 2 - insieme : 0; /* two threads stay for the pages */
}

void coda_stampa_chiudi(CodaStampa *q)
{
    pthread_cond_destroy(&q->libero);
    pthread_mutex_destroy(&q->lock);
}

bool coda_stampa_entra(CodaStampa *q)
{
    pthread_mutex_lock(&q->lock);
    if (q->in_corso >= q->insieme && q->in_attesa >= q->attesa_max) {
        pthread_mutex_unlock(&q->lock);
        return false;
    }
    q->in_attesa++;
    while (q->in_corso >= q->insieme)
        pthread_cond_wait(&q->libero, &q->lock);
    q->in_attesa--;
    q->in_corso++;
    pthread_mutex_unlock(&q->lock);
    return true;
}

void coda_stampa_esci(CodaStampa *q)
{
    pthread_mutex_lock(&q->lock);
    q->in_corso--;
    pthread_cond_signal(&q->libero);
    pthread_mutex_unlock(&q->lock);
}
