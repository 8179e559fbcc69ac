/* cmd_workbook.c — the workbooks the program writes: `schede esporta PIANO
 * OUT.xlsx` (the plan as the sheets of docs/formato.md §6), the rilevazioni
 * template as .xlsx (`modello-raggiunto --formato xlsx`, also one per
 * dirigente) and `schede modello-valutazioni`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archivio_input.h"
#include "valutazione_input.h"
#include "commands.h"
#include "esiti_output.h"
#include "fileio.h"
#include "persone.h"
#include "inputs.h"
#include "sistema.h"
#include "text.h"
#include "wb_convert.h"
#include "wb_export.h"

/* Loads the plan; on failure prints the errors, and where to see them all,
 * and returns the exit code. */
static int load_plan(InputOptions *o, const char *file, Plan *plan)
{
    int rc = archivio_input_load_plan(o, file, plan);
    if (rc != 0)
        fprintf(stderr, "%s: il piano ha errori (schede verifica %s)\n", file, file);
    return rc;
}

typedef int (*WorkbookWriter)(const char *path, void *user, char **error);

/* Writes one workbook; on failure prints why. Returns 0 or EXIT_DATA. */
static int write_workbook(const char *path, WorkbookWriter write, void *user)
{
    char *error = NULL;
    if (write(path, user, &error) == 0)
        return 0;
    diag_report(stderr, NULL, "%s", error);
    free(error);
    return EXIT_DATA;
}

/* A workbook written to a temporary file, copied to standard output. */
static int to_stdout(WorkbookWriter write, void *user)
{
    const char *dir = getenv("TMPDIR");
    char *tmp = xasprintf("%s/schede-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_report(stderr, NULL, "impossibile creare un file temporaneo: %s", file_write_reason(errno));
        free(tmp);
        return EXIT_DATA;
    }
    close(fd);
    if (write_workbook(tmp, write, user) != 0) {
        unlink(tmp);
        free(tmp);
        return EXIT_DATA;
    }
    size_t len;
    const char *why;
    char *data = file_read_all(tmp, &len, &why);
    unlink(tmp);
    free(tmp);
    if (!data) {
        diag_report(stderr, NULL, "%s", why);
        return EXIT_DATA;
    }
    fwrite(data, 1, len, stdout);
    free(data);
    return 0;
}

int cmd_esporta(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int prc = cli_parse("esporta", argc, argv, &p, &cmd);
    if (prc >= 0)
        return prc;
    InputOptions opt;
    input_options_from(&p, &opt);
    /* with --archivio the one argument is the workbook to write */
    const char *file = p.set[OPT_ARCHIVIO] ? NULL : p.args[0], *out = p.args[p.n_args - 1];
    if (p.n_args != (p.set[OPT_ARCHIVIO] ? 1u : 2u))
        return usage_error(cmd, p.set[OPT_ARCHIVIO] ? "con --archivio si indica solo il foglio da scrivere (OUT.xlsx)"
                                                    : "indicare il piano e il foglio da scrivere: PIANO OUT.xlsx");
    int rc = archivio_input_open(cmd, &p, file, ARCHIVIO_SOLO_PIANO, &opt);
    Plan plan = {0};
    if (rc == 0)
        rc = load_plan(&opt, file, &plan);
    if (rc == 0) {
        char *error = NULL;
        if (workbook_export_plan(&plan, out, &error) != 0) {
            diag_report(stderr, NULL, "%s", error);
            free(error);
            rc = EXIT_DATA;
        } else {
            printf("scritto %s (%zu obiettivi)\n", out, plan.n_obiettivi);
        }
    }
    plan_free(&plan);
    archivio_input_close(&opt);
    return rc;
}

typedef struct {
    const Plan *plan;
    int anno;
    const char *dirigente;
    bool monitoring;
} RilevazioniJob;

static int write_rilevazioni(const char *path, void *user, char **error)
{
    RilevazioniJob *j = user;
    return workbook_export_rilevazioni(j->plan, j->anno, j->dirigente, j->monitoring, path, error);
}

/* The dirigenti of the objectives of the year, each once (registry spelling when matched). */
static size_t dirigenti_of(const Plan *plan, int anno, const char ***out)
{
    const char **names = NULL;
    size_t n = 0;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        if (!o->dirigente || !obiettivo_annualita(o, anno))
            continue;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++) {
            char *a = text_name_key(names[k]), *b = text_name_key(o->dirigente);
            seen = strcmp(a, b) == 0;
            const Persona *p = persone_match_untitled(plan, o->dirigente);
            seen |= p && p == persone_match_untitled(plan, names[k]);
            free(a);
            free(b);
        }
        if (!seen) {
            names = xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = o->dirigente;
        }
    }
    *out = names;
    return n;
}

/* The command, once its inputs are known (files or --archivio). */
static int cmd_modello_raggiunto_with(const Command *cmd, Parsed p, InputOptions opt, const char *file)
{
    const char *formato = p.value[OPT_FORMATO] ? p.value[OPT_FORMATO] : "csv";
    const char *out = p.value[OPT_OUT], *per_dirigente = p.value[OPT_PER_DIRIGENTE];
    bool xlsx = strcmp(formato, "xlsx") == 0;
    if (per_dirigente && !xlsx)
        return usage_error(cmd, "--per-dirigente scrive fogli di calcolo: si usa con --formato xlsx");
    if (per_dirigente && out)
        return usage_error(cmd, "--per-dirigente e --out insieme: indicarne uno solo");
    Plan plan;
    int rc = load_plan(&opt, file, &plan);
    if (rc) {
        plan_free(&plan);
        return rc;
    }
    int anno = opt.has_anno ? opt.anno : opt.has_al ? opt.al.year : plan.triennio[0];
    RilevazioniJob job = {&plan, anno, NULL, opt.has_al};
    if (!xlsx) {
        char *csv = esiti_template_csv(&plan, anno);
        const char *reason;
        if (out && file_write_atomic(out, csv, strlen(csv), &reason) != 0) {
            diag_report(stderr, out, "impossibile scrivere il file: %s", reason);
            rc = EXIT_DATA;
        } else if (!out) {
            fputs(csv, stdout);
        }
        free(csv);
    } else if (per_dirigente) {
        rc = cli_ensure_folder(per_dirigente);
        const char **names;
        size_t n = dirigenti_of(&plan, anno, &names);
        for (size_t i = 0; i < n && rc == 0; i++) {
            char *slug = persone_slug(names[i]);
            char *path = xasprintf("%s/rilevazioni-%d-%s.xlsx", per_dirigente, anno, slug);
            job.dirigente = names[i];
            rc = write_workbook(path, write_rilevazioni, &job);
            if (rc == 0)
                printf("scritto %s (%s)\n", path, names[i]);
            free(path);
            free(slug);
        }
        free(names);
    } else {
        rc = out ? write_workbook(out, write_rilevazioni, &job) : to_stdout(write_rilevazioni, &job);
    }
    plan_free(&plan);
    return rc;
}

int cmd_modello_raggiunto(int argc, char **argv)
{
    return archivio_input_run("modello-raggiunto", argc, argv, ARCHIVIO_SOLO_PIANO, cmd_modello_raggiunto_with);
}

typedef struct {
    const Plan *plan;
    const Sistema *sistema;
    int anno;
} ValutazioniJob;

static int write_valutazioni(const char *path, void *user, char **error)
{
    ValutazioniJob *j = user;
    return workbook_export_valutazioni(j->plan, j->sistema, j->anno, path, error);
}

/* The command, once its inputs are known (files or --archivio). */
static int cmd_modello_valutazioni_with(const Command *cmd, Parsed p, InputOptions opt, const char *file)
{
    const char *out = p.value[OPT_OUT];
    if (!opt.sistema)
        ingressi_sistema(&opt);
    if (!opt.sistema)
        return usage_error(cmd, "le valutazioni seguono il sistema di valutazione dell'ente: indicare --sistema FILE");
    Plan plan;
    int rc = load_plan(&opt, file, &plan);
    Sistema sistema = {0};
    if (rc == 0) {
        DiagList d;
        diag_list_init(&d);
        rc = cli_report_load(load_sistema(&opt, &sistema, &d), &d);
    }
    if (rc == 0) {
        ValutazioniJob job = {&plan, &sistema, opt.has_anno ? opt.anno : plan.triennio[0]};
        rc = out ? write_workbook(out, write_valutazioni, &job) : to_stdout(write_valutazioni, &job);
    }
    sistema_free(&sistema);
    plan_free(&plan);
    return rc;
}

int cmd_modello_valutazioni(int argc, char **argv)
{
    return archivio_input_run("modello-valutazioni", argc, argv, ARCHIVIO_SOLO_PIANO, cmd_modello_valutazioni_with);
}
