/* archivio_input.c — the inputs of a command from the archive (archivio_input.h). */
#include "archivio_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "text.h"

int archivio_exit_code(ArchivioEsito e)
{
    return e == ARCHIVIO_OK ? 0 : e == ARCHIVIO_DATI ? EXIT_DATA : EXIT_USAGE;
}

Archivio *archivio_input_apri(const char *path, int *rc)
{
    ArchivioEsito e;
    char *error = NULL;
    Archivio *a = archivio_apri(path, false, &e, &error);
    if (!a) {
        diag_report(stderr, NULL, "%s", error);
        free(error);
        *rc = archivio_exit_code(e);
    }
    return a;
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
    int rc;
    Archivio *a = archivio_input_apri(path, &rc);
    if (!a)
        return rc;
    char *error = NULL;
    LoadStatus st = ingressi_archivio(a, true, versione, uso, o, &error);
    if (st != LOAD_OK) {
        diag_report(stderr, NULL, "%s", error);
        free(error);
        return st == LOAD_DATA_ERROR ? EXIT_DATA : EXIT_USAGE;
    }
    const VersionePiano *v = &o->archivio->versione;
    if (!v->approvata)
        fprintf(stderr, "%s: versione %d del piano, non approvata%s\n", path, v->numero,
                v->chiesta ? "" : ": nessuna versione è approvata, si usa l'ultima (schede archivio approva)");
    return 0;
}

LoadStatus archivio_input_plan(InputOptions *o, const char *file, Plan *plan, DiagList *diags, const char **name)
{
    return ingressi_piano(o, file, plan, diags, name);
}

int archivio_input_load_plan(InputOptions *o, const char *file, Plan *plan)
{
    if (!o->archivio)
        return cli_load_plan(file, plan);
    DiagList d;
    diag_list_init(&d);
    const char *name;
    ingressi_piano(o, file, plan, &d, &name);
    diag_list_free(&d);
    return 0;
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
    ingressi_chiudi(o);
}
