/* server_stato.c — what a server holds between requests: the archive, open
 * to write, and the plan it prints (the approved version, else the latest). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "anno.h"
#include "resources.h"
#include "server.h"

void server_dimentica_risultati(Server *s)
{
    for (size_t i = 0; i < RISULTATI_IN_CACHE; i++) {
        RisultatiInCache *r = &s->risultati[i];
        if (r->usata) {
            esiti_free(&r->esiti);
            raggiunto_free(&r->ril);
        }
        memset(r, 0, sizeof *r);
    }
}

bool server_ricarica_piano(Server *s, char **error)
{
    ArchivioFile f;
    VersionePiano v;
    if (archivio_piano_da_usare(s->a, 0, &f, &v, error) != ARCHIVIO_OK)
        return false;
    Plan plan;
    DiagList d;
    diag_list_init(&d);
    bool ok = archivio_load_plan_file(&f, &plan, &d) == LOAD_OK;
    diag_list_free(&d);
    archivio_file_free(&f);
    if (!ok) {
        plan_free(&plan); /* what the failed load left */
        *error = xasprintf("la versione %d del piano non si rilegge", v.numero);
        return false;
    }
    server_dimentica_risultati(s); /* they point into the plan going away */
    if (s->has_plan)
        plan_free(&s->plan);
    s->plan = plan;
    s->has_plan = true;
    s->versione = v;
    return true;
}

/* The year: the one asked for, else this one when the plan covers it, else the plan's first. */
static int choose_year(const Server *s, int asked)
{
    if (asked)
        return asked;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    int now = tm.tm_year + 1900;
    return now >= s->plan.triennio[0] && now <= s->plan.triennio[1] ? now : s->plan.triennio[0];
}

/* A hash to verify against when the user does not exist, so that the answer takes as long. */
static char *make_dummy_hash(void)
{
    unsigned char r[16];
    char hash[crypto_pwhash_STRBYTES];
    randombytes_buf(r, sizeof r);
    if (crypto_pwhash_str(hash, (const char *)r, sizeof r, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        hash[0] = '\0';
    return xstrdup(hash);
}

bool server_apri(Server *s, const WebConfig *c, char **error)
{
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    if (!connessioni_apri(&s->connessioni, c->connessioni_per_indirizzo, c->proxy_fidati, c->n_proxy_fidati, error))
        return false;
    s->dati = resources_dir();
    if (!s->dati) {
        *error = xstrdup("cartella dei dati (layouts/, fonts/) non trovata: indicarla con la variabile SCHEDE_DATI");
        connessioni_chiudi(&s->connessioni);
        return false;
    }
    ArchivioEsito e;
    s->a = archivio_apri(c->archivio, true, &e, error);
    if (!s->a) {
        free(s->dati);
        connessioni_chiudi(&s->connessioni);
        return false;
    }
    /* the sessions and the failed logins are rows of the archive, shared with every other process on it */
    s->sessioni.a = s->a;
    s->tentativi.a = s->a;
    if (!server_ricarica_piano(s, error)) {
        archivio_chiudi(s->a);
        free(s->dati);
        connessioni_chiudi(&s->connessioni);
        return false;
    }
    s->anno = choose_year(s, c->anno);
    if (c->log) {
        s->log = strcmp(c->log, "-") == 0 ? stdout : fopen(c->log, "a");
        if (!s->log) {
            *error = xasprintf("%s: impossibile aprire il registro degli accessi", c->log);
            plan_free(&s->plan);
            archivio_chiudi(s->a);
            free(s->dati);
            connessioni_chiudi(&s->connessioni);
            return false;
        }
    }
    s->dummy_hash = make_dummy_hash();
    pthread_mutex_init(&s->lock, NULL);
    coda_stampa_apri(&s->stampe, WEB_THREADS, STAMPE_INSIEME);
    return true;
}

void server_chiudi(Server *s)
{
    server_dimentica_risultati(s);
    connessioni_chiudi(&s->connessioni);

    if (s->has_plan)
        plan_free(&s->plan);
    archivio_chiudi(s->a);
    if (s->log && s->log != stdout)
        fclose(s->log);
    free(s->dati);
    free(s->dummy_hash);
    coda_stampa_chiudi(&s->stampe);
    pthread_mutex_destroy(&s->lock);
}
