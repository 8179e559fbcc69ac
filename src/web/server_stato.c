/* server_stato.c — what a server holds between requests: the archive, open
 * to write, and the plan it prints (the approved version, else the latest). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anno.h"
#include "server.h"

/* The newest version whose state is «approvata», or 0. */
static int approved_version(Archivio *a)
{
    for (int v = archivio_versioni(a); v >= 1; v--) {
        char key[16];
        snprintf(key, sizeof key, "%d", v);
        Stato st = stato_di(a, "versione", key);
        bool approved = st.stato && strcmp(st.stato, "approvata") == 0;
        stato_free(&st);
        if (approved)
            return v;
    }
    return 0;
}

bool server_ricarica_piano(Server *s, char **error)
{
    int v = approved_version(s->a);
    ArchivioFile f;
    int numero;
    if (archivio_piano(s->a, v, &f, &numero, error) != ARCHIVIO_OK)
        return false;
    Plan plan;
    DiagList d;
    diag_list_init(&d);
    bool ok = archivio_load_plan_file(&f, &plan, &d) == LOAD_OK;
    diag_list_free(&d);
    archivio_file_free(&f);
    if (!ok) {
        *error = xasprintf("la versione %d del piano non si rilegge", numero);
        return false;
    }
    if (s->has_plan)
        plan_free(&s->plan);
    s->plan = plan;
    s->has_plan = true;
    s->versione = numero;
    s->approvata = v > 0;
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

bool server_apri(Server *s, const WebConfig *c, char **error)
{
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    ArchivioEsito e;
    s->a = archivio_apri(c->archivio, true, &e, error);
    if (!s->a)
        return false;
    if (!server_ricarica_piano(s, error)) {
        archivio_chiudi(s->a);
        return false;
    }
    s->anno = choose_year(s, c->anno);
    if (c->log) {
        s->log = strcmp(c->log, "-") == 0 ? stdout : fopen(c->log, "a");
        if (!s->log) {
            *error = xasprintf("%s: impossibile aprire il registro degli accessi", c->log);
            plan_free(&s->plan);
            archivio_chiudi(s->a);
            return false;
        }
    }
    pthread_mutex_init(&s->lock, NULL);
    return true;
}

void server_chiudi(Server *s)
{
    sessioni_free(&s->sessioni);
    if (s->has_plan)
        plan_free(&s->plan);
    archivio_chiudi(s->a);
    if (s->log && s->log != stdout)
        fclose(s->log);
    pthread_mutex_destroy(&s->lock);
}
