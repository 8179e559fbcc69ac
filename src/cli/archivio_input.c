/* archivio_input.c — the inputs of a command from the archive (archivio_input.h). */
#include "archivio_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "text.h"
#include "wb_convert.h"

int archivio_exit_code(ArchivioEsito e)
{
    return e == ARCHIVIO_OK ? 0 : e == ARCHIVIO_DATI ? EXIT_DATA : EXIT_USAGE;
}

int archivio_input_open(const Command *cmd, const Parsed *p, const char *file, ArchivioUso uso, InputOptions *o)
{
    const char *path = p->value[OPT_ARCHIVIO];
    if (!path) {
        if (!file)
            return usage_error(cmd, "indicare il piano (PIANO) o l'archivio (--archivio ARCHIVIO)");
        if (p->set[OPT_VERSIONE])
            return usage_error(cmd, "--versione sceglie una versione del piano nell'archivio: si usa con --archivio");
        return 0;
    }
    if (file)
        return usage_error(cmd, "il piano viene dal file %s o dall'archivio %s: indicarne uno solo", file, path);
    int versione = 0;
    if (p->value[OPT_VERSIONE]) {
        char *end;
        long v = strtol(p->value[OPT_VERSIONE], &end, 10);
        if (*end || v < 1 || v > 1000000)
            return option_value_error(cmd, OPT_VERSIONE, p->value[OPT_VERSIONE]);
        versione = (int)v;
    }
    struct ArchivioInput *in = xcalloc(1, sizeof *in);
    diag_list_init(&in->diags);
    o->archivio = in;
    ArchivioEsito e;
    char *error = NULL;
    in->a = archivio_apri(path, false, &e, &error);
    if (in->a)
        e = archivio_piano(in->a, versione, &in->piano, &in->versione, &error);
    if (e != ARCHIVIO_OK) {
        diag_report(stderr, NULL, "%s", error);
        free(error);
        return archivio_exit_code(e);
    }
    if (archivio_load_plan_file(&in->piano, &in->plan, &in->diags) != LOAD_OK) {
        diag_report(stderr, path, "la versione %d del piano non si legge più", in->versione);
        return EXIT_DATA;
    }
    in->has_plan = true;
    /* what the year has, where the command line is silent */
    int anno = o->has_anno ? o->anno : o->has_al ? o->al.year : in->plan.triennio[0];
    if ((uso & ARCHIVIO_RILEVAZIONI) && !o->raggiunto && archivio_rilevazioni(in->a, anno, o->has_al ? &o->al : NULL, &in->ril, &error) == ARCHIVIO_OK) {
        in->has_ril = true;
        o->raggiunto = in->ril.file;
    }
    free(error);
    error = NULL;
    /* the evaluations of the year, as a pair (the valutazioni are read with the SMVP), at year end only */
    if ((uso & ARCHIVIO_VALUTAZIONI) && !o->sistema && !o->valutazioni && !o->has_al &&
        archivio_sistema(in->a, &in->sistema, &error) == ARCHIVIO_OK) {
        free(error);
        error = NULL;
        if (archivio_valutazioni(in->a, anno, &in->valutazioni, &error) == ARCHIVIO_OK) {
            in->has_sistema = in->has_valutazioni = true;
            o->sistema = in->sistema.file;
            o->valutazioni = in->valutazioni.file;
        }
    }
    free(error);
    return 0;
}

LoadStatus archivio_input_plan(InputOptions *o, const char *file, Plan *plan, DiagList *diags, const char **name)
{
    struct ArchivioInput *in = o->archivio;
    if (!in) {
        *name = file;
        return input_plan_load(file, plan, diags);
    }
    *plan = in->plan;
    in->has_plan = false;
    diag_list_move(diags, &in->diags); /* with the workbook's source map, for the checks that follow */
    *name = in->piano.file;
    return LOAD_OK;
}

int archivio_input_load_plan(InputOptions *o, const char *file, Plan *plan)
{
    if (!o->archivio)
        return cli_load_plan(file, plan);
    DiagList d;
    diag_list_init(&d);
    const char *name;
    archivio_input_plan(o, file, plan, &d, &name);
    diag_list_free(&d);
    return 0;
}

void archivio_input_sistema(InputOptions *o)
{
    struct ArchivioInput *in = o->archivio;
    char *error = NULL;
    if (in && !in->has_sistema && archivio_sistema(in->a, &in->sistema, &error) == ARCHIVIO_OK) {
        in->has_sistema = true;
        o->sistema = in->sistema.file;
    }
    free(error);
}

int archivio_input_run(const char *name, int argc, char **argv, ArchivioUso uso, CommandWithInputs run)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse(name, argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    const char *file = p.args[0];
    InputOptions opt;
    input_options_from(&p, &opt);
    rc = archivio_input_open(cmd, &p, file, uso, &opt);
    if (rc == 0)
        rc = run(cmd, p, opt, file);
    archivio_input_close(&opt);
    return rc;
}

void archivio_input_close(InputOptions *o)
{
    struct ArchivioInput *in = o->archivio;
    if (!in)
        return;
    if (in->has_plan)
        plan_free(&in->plan);
    if (in->has_ril)
        raggiunto_free(&in->ril);
    diag_list_free(&in->diags);
    archivio_file_free(&in->piano);
    archivio_file_free(&in->sistema);
    archivio_file_free(&in->valutazioni);
    archivio_chiudi(in->a);
    free(in);
    o->archivio = NULL;
}
