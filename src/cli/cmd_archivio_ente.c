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
#include "flusso.h"
#include "ingressi.h"
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

/* ---- stato and approva ------------------------------------------------------------------- */

/* What a key of the archive names: the year, the monitoring's date, and what follows ("SG-01", "Mario Rossi"). */
static bool parse_key(Flusso f, const char *key, ContestoFlusso *ctx, const char **rest)
{
    *rest = "";
    if (f == FLUSSO_VERSIONE) {
        char *end;
        long v = strtol(key, &end, 10);
        return *key && !*end && v >= 1;
    }
    char *end;
    long anno = strtol(key, &end, 10);
    if (end == key || anno < 2000 || anno > 2100)
        return false;
    ctx->anno = (int)anno;
    if (strncmp(end, " al ", 4) == 0 && (f == FLUSSO_RACCOLTA || f == FLUSSO_RILEVAZIONI)) {
        char d[11];
        snprintf(d, sizeof d, "%.10s", end + 4);
        if (date_parse_iso(d, &ctx->al) != DATE_OK)
            return false;
        ctx->has_al = true;
        end += 14;
    }
    if (*end == ' ')
        *rest = end + 1;
    else if (*end)
        return false;
    bool needs_rest = f == FLUSSO_RILEVAZIONI || f == FLUSSO_VALUTAZIONE;
    return needs_rest == (**rest != '\0');
}

static const char *const KEY_FORMS[N_FLUSSI] = {
    [FLUSSO_VERSIONE] = "il numero della versione: 2",
    [FLUSSO_RILEVAZIONI] = "«ANNO CODICE» o «ANNO al AAAA-MM-GG CODICE»: \"2025 SG-01\"",
    [FLUSSO_RACCOLTA] = "«ANNO» o «ANNO al AAAA-MM-GG»: \"2025 al 2025-06-30\"",
    [FLUSSO_RELAZIONE] = "l'anno: 2025",
    [FLUSSO_VALUTAZIONI] = "l'anno: 2025",
    [FLUSSO_VALUTAZIONE] = "«ANNO NOME»: \"2025 Mario Rossi\"",
};

typedef struct {
    ContestoFlusso ctx;
    const char *azione;
    Attore chi;
} Step;

static ArchivioEsito apply_step(Archivio *a, const void *user, char **error)
{
    Step *st = (Step *)user;
    st->ctx.a = a;
    return flusso_applica(&st->ctx, st->azione, &st->chi, error);
}

/* Every state the archive holds, by object. */
static int print_states(const char *path)
{
    int rc;
    Archivio *a = archivio_input_apri(path, &rc);
    if (!a)
        return rc;
    for (int f = 0; f < N_FLUSSI; f++) {
        char **keys;
        Stato *st;
        size_t n = archivio_stati(a, flusso_nome((Flusso)f), "", &keys, &st);
        for (size_t i = 0; i < n; i++) {
            char when[17];
            date_utc_local_text(st[i].quando, when);
            printf("%s %s: %s (%s, %s)%s%s\n", flusso_nome((Flusso)f), keys[i], st[i].stato, st[i].chi, when,
                   st[i].nota ? " — " : "", st[i].nota ? st[i].nota : "");
            free(keys[i]);
            stato_free(&st[i]);
        }
        free(keys);
        free(st);
    }
    archivio_chiudi(a);
    return 0;
}

int cmd_archivio_stato(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio stato", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    const char *path = p.args[0];
    if (p.n_args == 1)
        return print_states(path);
    if (p.n_args != 4)
        return usage_error(cmd, "si indicano l'oggetto, la sua chiave e il passo: schede archivio stato ARCHIVIO "
                                "versione 2 approva --motivo 15/01/2025");
    Step step = {.azione = p.args[3], .chi = {.nome = cli_author(&p), .operatore = true}};
    Flusso f;
    if (!flusso_da_nome(p.args[1], &f))
        return usage_error(cmd, "«%s» non è un oggetto dei flussi: versione, rilevazioni, raccolta, relazione, "
                                "valutazioni o valutazione", p.args[1]);
    const char *rest;
    step.ctx = (ContestoFlusso){.flusso = f, .chiave = p.args[2], .motivo = p.value[OPT_MOTIVO]};
    if (!parse_key(f, p.args[2], &step.ctx, &rest))
        return usage_error(cmd, "«%s» non è la chiave di %s: %s", p.args[2], flusso_nome(f), KEY_FORMS[f]);
    /* the objective of rilevazioni, in the plan the archive prints */
    Plan plan = {0};
    InputOptions o = {0};
    bool has_plan = false;
    if (f == FLUSSO_RILEVAZIONI) {
        Archivio *a = archivio_input_apri(path, &rc);
        if (!a)
            return rc;
        char *error = NULL;
        if (ingressi_archivio(a, true, 0, ARCHIVIO_SOLO_PIANO, &o, &error) != LOAD_OK) {
            diag_report(stderr, path, "%s", error);
            free(error);
            ingressi_chiudi(&o);
            return EXIT_DATA;
        }
        DiagList d;
        diag_list_init(&d);
        const char *name;
        ingressi_piano(&o, NULL, &plan, &d, &name);
        diag_list_free(&d);
        has_plan = true;
        if (!(step.ctx.obiettivo = plan_obiettivo(&plan, rest))) {
            diag_report(stderr, path, "il piano non ha un obiettivo con il codice «%s»", rest);
            plan_free(&plan);
            ingressi_chiudi(&o);
            return EXIT_DATA;
        }
    }
    rc = in_transaction(path, apply_step, &step);
    if (rc == 0)
        printf("%s %s: %s fatto\n", flusso_nome(f), p.args[2], step.azione);
    if (has_plan)
        plan_free(&plan);
    ingressi_chiudi(&o);
    return rc;
}

typedef struct {
    char key[16];
    const char *giunta;
    Attore chi;
    bool gia;   /* already approved: nothing changed */
} Approval;

/* bozza → proposta → approvata, the two steps the Segreteria makes in the web, through the same table. */
static ArchivioEsito approve(Archivio *a, const void *user, char **error)
{
    Approval *ap = (Approval *)user;
    int versione = atoi(ap->key);
    if (versione > archivio_versioni(a)) {
        *error = xasprintf("non c'è la versione %d del piano: le versioni sono da 1 a %d", versione, archivio_versioni(a));
        return ARCHIVIO_DATI;
    }
    ContestoFlusso ctx = {.a = a, .flusso = FLUSSO_VERSIONE, .chiave = ap->key};
    StatoFlusso now;
    ArchivioEsito e = flusso_stato(&ctx, &now, error);
    ap->gia = e == ARCHIVIO_OK && now == STATO_APPROVATA;
    if (e == ARCHIVIO_OK && now == STATO_BOZZA)
        e = flusso_applica(&ctx, "proponi", &ap->chi, error);
    ctx.motivo = ap->giunta;
    if (e == ARCHIVIO_OK && !ap->gia)
        e = flusso_applica(&ctx, "approva", &ap->chi, error);
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
    Approval ap = {.giunta = p.value[OPT_GIUNTA], .chi = {.nome = cli_author(&p), .operatore = true}};
    snprintf(ap.key, sizeof ap.key, "%ld", v);
    rc = in_transaction(p.args[0], approve, &ap);
    Date g = p.date[OPT_GIUNTA];
    if (rc == 0 && ap.gia)
        printf("%s: la versione %ld del piano era già approvata: nessun cambiamento\n", p.args[0], v);
    else if (rc == 0)
        printf("%s: versione %ld del piano approvata (Giunta del %02d/%02d/%04d)\n", p.args[0], v, g.day, g.month,
               g.year);
    return rc;
}
