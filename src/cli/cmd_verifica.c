/* cmd_verifica.c — `schede verifica PIANO.json`: every error and warning of
 * the plan, one per line, sorted by objective, then a one-line summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "model.h"
#include "plan_check.h"
#include "plan_load.h"
#include "plan_stats.h"
#include "resources.h"
#include "scheda.h"
#include "text.h"

/* Warns about characters that no font of the installed layout can print.
 * Without the data folder the check is skipped, and said so. */
static void check_glyphs(const Plan *plan, const char *file, DiagList *diags)
{
    const char *data = resources_dir();
    if (!data) {
        diag_add(diags, DIAG_WARNING, file, NULL, NULL, -1,
                 "controllo dei caratteri non eseguito: cartella dei dati (layouts/, fonts/) non trovata");
        return;
    }
    char *layouts = xasprintf("%s/layouts", data), *fonts_dir = xasprintf("%s/fonts", data);
    DiagList layout_diags;
    diag_list_init(&layout_diags);
    LayoutSpec spec;
    FontSet fonts = {0};
    const char *bad = NULL, *why = NULL;
    if (layout_spec_load(layouts, "scheda", fonts_dir, &SCHEDA_NEEDS, &spec, &layout_diags) &&
        fontset_load(&fonts, (const char *const *)spec.font_paths, &bad, &why))
        scheda_check_glyphs(plan, &fonts, file, diags);
    else
        diag_add(diags, DIAG_WARNING, file, NULL, NULL, -1,
                 "controllo dei caratteri non eseguito: impaginazione o caratteri non leggibili (%s)",
                 bad ? bad : spec.path);
    fontset_free(&fonts);
    layout_spec_free(&spec);
    diag_list_free(&layout_diags);
    free(layouts);
    free(fonts_dir);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cmd_verifica(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "schede verifica: opzione sconosciuta «%s»\n", argv[i]);
            return EXIT_USAGE;
        }
        if (file) {
            fprintf(stderr, "schede verifica: un solo piano alla volta («%s» e «%s»)\n", file, argv[i]);
            return EXIT_USAGE;
        }
        file = argv[i];
    }
    if (!file) {
        fputs("uso: schede verifica PIANO.json\n", stderr);
        return EXIT_USAGE;
    }

    Plan plan;
    DiagList diags;
    diag_list_init(&diags);
    LoadStatus st = plan_load_file(file, &plan, &diags);
    if (st == LOAD_IO_ERROR) {
        for (size_t i = 0; i < diags.count; i++)
            diag_print(stderr, &diags.items[i]);
        diag_list_free(&diags);
        plan_free(&plan);
        return EXIT_USAGE;
    }
    plan_check(&plan, file, &diags);
    check_glyphs(&plan, file, &diags);
    diag_list_sort(&diags);
    for (size_t i = 0; i < diags.count; i++)
        diag_print(stdout, &diags.items[i]);

    PlanStats s = plan_stats(&plan);
    printf("%s: %zu %s, %zu %s, %zu %s (%zu nel registro, %zu %s); %zu %s, %zu %s\n",
           file, s.obiettivi, plural(s.obiettivi, "obiettivo", "obiettivi"),
           s.azioni, plural(s.azioni, "azione", "azioni"),
           s.persone, plural(s.persone, "persona", "persone"), s.persone_registro,
           s.nomi_fuori_registro, plural(s.nomi_fuori_registro, "nome fuori registro", "nomi fuori registro"),
           diags.errors, plural(diags.errors, "errore", "errori"),
           diags.warnings, plural(diags.warnings, "avviso", "avvisi"));
    int rc = diag_exit_code(&diags);
    diag_list_free(&diags);
    plan_free(&plan);
    return rc;
}
