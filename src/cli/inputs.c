#include "inputs.h"

#include <stdio.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "archivio_input.h"
#include "commands.h"
#include "wb_convert.h"
#include "csv_values.h"
#include "fileio.h"
#include "fontset.h"
#include "layout_file.h"
#include "persone.h"
#include "plan_check.h"
#include "resources.h"
#include "scheda.h"
#include "text.h"

void input_options_from(const Parsed *p, InputOptions *o)
{
    memset(o, 0, sizeof *o);
    o->raggiunto = p->value[OPT_RAGGIUNTO];
    o->sistema = p->value[OPT_SISTEMA];
    o->valutazioni = p->value[OPT_VALUTAZIONI];
    o->has_anno = p->set[OPT_ANNO];
    o->anno = p->year[OPT_ANNO];
    o->has_al = p->set[OPT_AL];
    o->al = p->date[OPT_AL];
    const char *c = p->value[OPT_CODIFICA];
    o->codifica = !c                                                   ? CODIFICA_AUTO
                  : strcmp(c, "utf-8") == 0 || strcmp(c, "utf8") == 0 ? CODIFICA_UTF8
                                                                      : CODIFICA_WINDOWS_1252;
}

int cli_parse(const char *name, int argc, char **argv, Parsed *p, const Command **cmd)
{
    *cmd = command_find(name);
    int rc = command_parse(*cmd, argc, argv, p);
    return rc < 0 ? 0 : rc == 0 ? -1 : rc;
}

int cli_ensure_folder(const char *dir)
{
    const char *reason = NULL;
    if (file_make_folders(dir, &reason) != 0) {
        diag_report(stderr, dir, "impossibile creare la cartella: %s", reason);
        return EXIT_USAGE;
    }
    return 0;
}

void cli_check_plan(const Plan *plan, const char *file, int anno, DiagList *diags)
{
    ingressi_controlla_piano(plan, file, anno, diags);
}

void cli_print_diags(DiagList *d, FILE *out, bool errors_only)
{
    diag_list_sort(d);
    for (size_t i = 0; i < d->count; i++)
        if (!errors_only || d->items[i].severity == DIAG_ERROR)
            diag_print(out, &d->items[i]);
}

int cli_report_load(LoadStatus st, DiagList *d)
{
    cli_print_diags(d, stderr, true);
    diag_list_free(d);
    return st == LOAD_OK ? 0 : st == LOAD_IO_ERROR ? EXIT_USAGE : EXIT_DATA;
}

int cli_load_plan(const char *file, Plan *plan)
{
    DiagList d;
    diag_list_init(&d);
    LoadStatus st = input_plan_load(file, plan, &d);
    return cli_report_load(st, &d);
}

int cli_layout_dirs(const Command *cmd, const char *layout_dir, const char *profile, char **dir, char **fallback)
{
    *dir = *fallback = NULL;
    if (layout_dir && profile) {
        return usage_error(cmd, "--layout e --profilo insieme: indicarne uno solo");
    }
    if (layout_dir) {
        *dir = xstrdup(layout_dir);
        return 0;
    }
    char *data = resources_dir();
    if (!data) {
        return usage_error(cmd, "cartella dei dati (layouts/, fonts/) non trovata: indicarla con --layout o con la "
                                "variabile SCHEDE_DATI");
    }
    char *known = NULL;
    if (resources_profile(data, profile, dir, &known) != 0) {
        usage_error(cmd, "profilo «%s» sconosciuto: i profili sono le cartelle di %s/layouts (%s)", profile, data,
                    known);
        free(known);
        free(data);
        return EXIT_USAGE;
    }
    char *base = xasprintf("%s/layouts", data);
    if (strcmp(base, *dir) != 0)
        *fallback = base;
    else
        free(base);
    free(data);
    return 0;
}

const char *cli_author(const Parsed *p)
{
    if (p->value[OPT_AUTORE] && *p->value[OPT_AUTORE])
        return p->value[OPT_AUTORE];
    const struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_name ? pw->pw_name : "sconosciuto";
}
