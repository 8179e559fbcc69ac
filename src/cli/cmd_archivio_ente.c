/* SPDX-License-Identifier: EUPL-1.2 */
/* cmd_archivio_ente.c — `schede archivio profilo` and `schede archivio
 * approva`: what the ente decides about its archive's documents, the forms
 * they use and the plan version the Giunta approved. Each change is one
 * transaction with its row in the registro. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio_input.h"
#include "commands.h"
#include "inputs.h"
#include "options.h"
#include "resources.h"
#include "text.h"
#include "utenti.h"

int cli_check_profile(const Command *cmd, const char *profilo)
{
    char *data = resources_dir(), *dir = NULL, *known = NULL;
    int rc = 0;
    if (!data)
        rc = usage_error(cmd, "cartella dei dati (layouts/, fonts/) non trovata: indicarla con la variabile SCHEDE_DATI");
    else if (resources_profile(data, profilo, &dir, &known) != 0)
        rc = usage_error(cmd, "profilo «%s» sconosciuto: i profili sono le cartelle di %s/layouts (%s)", profilo, data,
                         known);
    free(dir);
    free(known);
    free(data);
    return rc;
}

/* Opens the archive to write and runs change in one transaction. */
static int in_transaction(const char *path, ArchivioEsito (*change)(Archivio *a, const void *ctx, char **error),
                          const void *ctx)
{
    ArchivioEsito e;
    char *error = NULL;
    Archivio *a = archivio_apri(path, true, &e, &error);
    if (a && (e = archivio_inizia(a, &error)) == ARCHIVIO_OK) {
        e = change(a, ctx, &error);
        if (e == ARCHIVIO_OK)
            e = archivio_conferma(a, &error);
        else
            archivio_annulla(a);
    }
    if (e != ARCHIVIO_OK)
        diag_report(stderr, path, "%s", error);
    free(error);
    archivio_chiudi(a);
    return archivio_exit_code(e);
}

/* ---- profilo ------------------------------------------------------------------------------ */

typedef struct {
    const char *profilo;
    Autore chi;
    bool cambiato;
} ProfileChange;

static ArchivioEsito change_profile(Archivio *a, const void *ctx, char **error)
{
    ProfileChange *c = (ProfileChange *)ctx;
    return archivio_cambia_profilo(a, c->profilo, &c->chi, &c->cambiato, error);
}

int cmd_archivio_profilo(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio profilo", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    const char *path = p.args[0];
    if (p.n_args == 1) {
        Archivio *a = archivio_input_apri(path, &rc);
        if (!a)
            return rc;
        char *profilo = archivio_profilo(a);
        printf("%s: profilo %s\n", path, profilo);
        free(profilo);
        archivio_chiudi(a);
        return 0;
    }
    if ((rc = cli_check_profile(cmd, p.args[1])) != 0)
        return rc;
    ProfileChange c = {p.args[1], {cli_author(&p), NULL}, false};
    rc = in_transaction(path, change_profile, &c);
    if (rc == 0)
        printf(c.cambiato ? "%s: profilo %s (registrato)\n" : "%s: il profilo è già %s: nessun cambiamento\n", path,
               c.profilo);
    return rc;
}

/* ---- approva ------------------------------------------------------------------------------ */

typedef struct {
    int versione;
    char *nota; /* "Giunta del 15/01/2025" */
    Autore chi;
    bool gia;   /* already approved: nothing changed */
} Approval;

/* bozza → proposta → approvata, as the Segreteria moves it in the web. */
static ArchivioEsito approve(Archivio *a, const void *ctx, char **error)
{
    Approval *ap = (Approval *)ctx;
    if (ap->versione > archivio_versioni(a)) {
        *error = xasprintf("non c'è la versione %d del piano: le versioni sono da 1 a %d", ap->versione,
                           archivio_versioni(a));
        return ARCHIVIO_DATI;
    }
    char key[16];
    snprintf(key, sizeof key, "%d", ap->versione);
    Stato st;
    ArchivioEsito e = archivio_stato(a, "versione", key, &st, error);
    if (e != ARCHIVIO_OK)
        return e;
    ap->gia = st.stato && strcmp(st.stato, "approvata") == 0;
    if (!ap->gia && !st.stato)
        e = archivio_cambia_stato(a, "versione", key, NULL, NULL, "proposta", NULL, &ap->chi, error);
    if (!ap->gia && e == ARCHIVIO_OK)
        e = archivio_cambia_stato(a, "versione", key, NULL, "proposta", "approvata", ap->nota, &ap->chi, error);
    stato_free(&st);
    return e;
}

int cmd_archivio_approva(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio approva", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    if (!p.value[OPT_VERSIONE])
        return usage_error(cmd, "indicare la versione approvata: --versione N");
    char *end;
    long v = strtol(p.value[OPT_VERSIONE], &end, 10);
    if (*end || v < 1 || v > 1000000)
        return option_value_error(cmd, OPT_VERSIONE, p.value[OPT_VERSIONE]);
    if (!p.set[OPT_GIUNTA])
        return usage_error(cmd, "indicare la data della delibera di Giunta: --giunta gg/mm/aaaa");
    Date g = p.date[OPT_GIUNTA];
    Approval ap = {(int)v, xasprintf("Giunta del %02d/%02d/%04d", g.day, g.month, g.year), {cli_author(&p), NULL},
                   false};
    ap.chi.motivo = ap.nota;
    rc = in_transaction(p.args[0], approve, &ap);
    if (rc == 0)
        printf(ap.gia ? "%s: la versione %d del piano era già approvata: nessun cambiamento\n"
                      : "%s: versione %d del piano approvata (%s)\n",
               p.args[0], ap.versione, ap.nota);
    free(ap.nota);
    return rc;
}
