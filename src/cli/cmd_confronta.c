/* cmd_confronta.c — `schede confronta VECCHIO NUOVO [--formato json|pdf]
 * [--out CARTELLA]`: what changed between two versions of the plan (JSON,
 * or workbooks), as data or as variazioni.pdf for the Giunta's deliberation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <sys/stat.h>
#include <time.h>

#include "commands.h"
#include "confronto.h"
#include "archivio.h"
#include "archivio_input.h"
#include "fileio.h"
#include "fontset.h"
#include "layout_file.h"
#include "motore.h"
#include "resources.h"
#include "inputs.h"
#include "scheda.h"
#include "text.h"
#include "variazioni_doc.h"
#include "wb_convert.h"

/* Version number of the plan in the archive: "versione N" in messages and in the document. */
static int load_version(Archivio *ar, const Command *cmd, const char *number, Plan *plan, char **name, DiagList *d)
{
    char *end;
    long n = strtol(number, &end, 10);
    memset(plan, 0, sizeof *plan);
    if (*end || n < 1 || n > 1000000)
        return usage_error(cmd, "con --versioni, VECCHIO e NUOVO sono numeri di versione, non «%s»", number);
    ArchivioFile f;
    int numero;
    char *error = NULL;
    ArchivioEsito e = archivio_piano(ar, (int)n, &f, &numero, &error);
    if (e != ARCHIVIO_OK) {
        diag_report(stderr, NULL, "%s", error);
        free(error);
        return archivio_exit_code(e);
    }
    *name = xasprintf("versione %d (%s)", numero, f.file);
    LoadStatus st = archivio_load_plan_file(&f, plan, d);
    archivio_file_free(&f);
    return st == LOAD_OK ? 0 : EXIT_DATA;
}

static int load(const char *file, Plan *plan, DiagList *d)
{
    LoadStatus st = input_plan_load(file, plan, d);
    if (st != LOAD_OK)
        fprintf(stderr, "%s: il piano ha errori (schede verifica %s)\n", file, file);
    return st == LOAD_OK ? 0 : st == LOAD_IO_ERROR ? EXIT_USAGE : EXIT_DATA;
}

/* variazioni.pdf in out_dir with the forms of the profile (the archive's,
 * else the default): tagged and PDF/A (it is published with the
 * deliberation); written whole or not at all. */
static int confronto_stampa(const Command *cmd, const Confronto *cf, const char *file_a, const char *file_b,
                            const char *profilo, const char *out_dir)
{
    char *data = resources_dir(), *error = NULL;
    Moduli forms;
    if (!moduli_profilo(data, profilo, &forms, &error)) {
        int rc = usage_error(cmd, "%s", error);
        free(error);
        free(data);
        return rc;
    }
    free(data);
    if (cli_ensure_folder(out_dir) != 0) {
        moduli_free(&forms);
        return EXIT_USAGE;
    }
    DiagList d;
    diag_list_init(&d);
    LayoutSpec spec, scheda_spec;
    FontSet fonts, scheda_fonts;
    int rc = 0;
    if (!moduli_carica(&forms, "variazioni", &VARIAZIONI_NEEDS, &spec, &fonts, &d)) {
        rc = EXIT_DATA;
    } else {
        if (!moduli_carica(&forms, "scheda", &SCHEDA_NEEDS, &scheda_spec, &scheda_fonts, &d)) {
            rc = EXIT_DATA;
        } else {
            fontset_free(&scheda_fonts); /* its labels only: the variazioni's fonts draw it */
            time_t when = document_time();
            char *prima = variazioni_version_name(cf->vecchio, file_a), *dopo = variazioni_version_name(cf->nuovo, file_b);
            DisplayDoc doc = variazioni_build(cf, prima, dopo, &spec, &scheda_spec, &fonts, when);
            char *title = variazioni_title(cf, &spec), *path = xasprintf("%s/variazioni.pdf", out_dir);
            size_t pages;
            if (motore_pdf(&doc, &fonts, &forms, title, cf->nuovo->ente, "Variazione del Piano degli obiettivi gestionali",
                           true, when, path, &pages, &d))
                printf("scritto %s (%zu %s)\n", path, pages, pages == 1 ? "pagina" : "pagine");
            else
                rc = EXIT_DATA;
            free(path);
            free(title);
            free(prima);
            free(dopo);
            layout_spec_free(&scheda_spec);
        }
        fontset_free(&fonts);
        layout_spec_free(&spec);
    }
    cli_print_diags(&d, stderr, true);
    diag_list_free(&d);
    moduli_free(&forms);
    return rc;
}

/* The differences as CARTELLA/variazioni.json, written whole or not at all. */
static int write_json(const char *out_dir, const char *json)
{
    if (cli_ensure_folder(out_dir) != 0)
        return EXIT_USAGE;
    char *path = xasprintf("%s/variazioni.json", out_dir);
    const char *reason;
    int rc = 0;
    if (file_write_atomic(path, json, strlen(json), &reason) != 0) {
        diag_report(stderr, path, "impossibile scrivere il file: %s", reason);
        rc = EXIT_DATA;
    } else {
        printf("scritto %s\n", path);
    }
    free(path);
    return rc;
}

int cmd_confronta(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int prc = cli_parse("confronta", argc, argv, &p, &cmd);
    if (prc >= 0)
        return prc;
    const char *files[2] = {p.args[0], p.args[1]}, *out = p.value[OPT_OUT];
    /* asking for --out asks for a file: variazioni.pdf, or variazioni.json with --formato json;
     * without --out the differences go to standard output (JSON), or a PDF to out/ with --formato pdf */
    const char *formato = p.value[OPT_FORMATO] ? p.value[OPT_FORMATO] : out ? "pdf" : "json";
    if (!out)
        out = "out";
    bool json_file = strcmp(formato, "json") == 0 && p.set[OPT_OUT];
    if (p.set[OPT_ARCHIVIO] != p.set[OPT_VERSIONI])
        return usage_error(cmd, p.set[OPT_ARCHIVIO] ? "con --archivio si confrontano due versioni: --versioni VECCHIA "
                                                      "NUOVA (i loro numeri)"
                                                    : "--versioni confronta due versioni dell'archivio: si usa con "
                                                      "--archivio ARCHIVIO");
    Archivio *ar = NULL;
    char *names[2] = {NULL, NULL}, *profilo = NULL;
    if (p.set[OPT_ARCHIVIO] && !(ar = archivio_input_apri(p.value[OPT_ARCHIVIO], &prc)))
        return prc;
    if (ar)
        profilo = archivio_profilo(ar); /* the ente's forms, as every document made from the archive */
    Plan a, b;
    DiagList d;
    diag_list_init(&d);
    int rc = ar ? load_version(ar, cmd, files[0], &a, &names[0], &d) : load(files[0], &a, &d);
    int rc2 = ar ? load_version(ar, cmd, files[1], &b, &names[1], &d) : load(files[1], &b, &d);
    archivio_chiudi(ar);
    if (names[0])
        files[0] = names[0];
    if (names[1])
        files[1] = names[1];
    if (rc || rc2) {
        cli_print_diags(&d, stderr, true);
        diag_list_free(&d);
        plan_free(&a);
        plan_free(&b);
        free(names[0]);
        free(names[1]);
        free(profilo);
        return rc == EXIT_USAGE || rc2 == EXIT_USAGE ? EXIT_USAGE : EXIT_DATA;
    }
    DiagList warnings;
    diag_list_init(&warnings);
    Confronto c;
    confronto_compute(&a, &b, files[1], &c, &warnings);
    cli_print_diags(&warnings, stderr, false);
    if (strcmp(formato, "json") == 0) {
        if (confronto_vuoto(&c))
            fprintf(stderr, "%s e %s: nessuna differenza\n", files[0], files[1]);
        char *json = confronto_to_json(&c);
        if (json_file) {
            rc = write_json(out, json);
        } else {
            fputs(json, stdout);
        }
        free(json);
    } else {
        rc = confronto_stampa(cmd, &c, files[0], files[1], profilo, out);
    }
    confronto_free(&c);
    diag_list_free(&warnings);
    diag_list_free(&d);
    plan_free(&a);
    plan_free(&b);
    free(names[0]);
    free(names[1]);
    free(profilo);
    return rc;
}
