/* cmd_esiti.c — `schede esiti PIANO --raggiunto FILE [--anno N] [--formato json|csv]`:
 * the results as data, printed to standard output (the templates the
 * offices fill in are in cmd_workbook.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archivio_input.h"
#include "commands.h"
#include "esiti_output.h"
#include "valutazione_input.h"
#include "monitoraggio.h"
#include "monitoraggio_input.h"
#include "persone.h"
#include "plan_load.h"
#include "wb_convert.h"
#include "inputs.h"
#include "valutazione_output.h"

/* The command, once its inputs are known (files or --archivio). */
static int cmd_esiti_with(const Command *cmd, Parsed p, InputOptions opt, const char *file)
{
    const char *formato = p.value[OPT_FORMATO] ? p.value[OPT_FORMATO] : "json";
    const char *layout_dir = p.value[OPT_LAYOUT], *profile = p.value[OPT_PROFILO];
    if (!opt.raggiunto && !opt.has_al)
        return usage_error(cmd, "i risultati vengono dalle rilevazioni: indicare --raggiunto FILE (o --al DATA per "
                                "il monitoraggio)");
    if (opt.has_al && opt.valutazioni) {
        return usage_error(cmd, "la valutazione individuale è di fine anno: --valutazioni non si usa con --al");
    }
    double margin = 0;
    if (opt.has_al) {
        char *dir, *fallback;
        int mrc = cli_layout_dirs(cmd, layout_dir, profile, &dir, &fallback);
        if (!mrc)
            mrc = monitoraggio_margin_from(dir, fallback, &margin);
        free(dir);
        free(fallback);
        if (mrc)
            return mrc;
    }
    if (!valutazione_options_ok(&opt, cmd, true))
        return EXIT_USAGE;
    Plan plan;
    int rc = archivio_input_load_plan(&opt, file, &plan);
    if (rc) {
        plan_free(&plan);
        return rc;
    }
    DiagList d;
    diag_list_init(&d);
    Rilevazioni ril;
    Esiti esiti;
    rc = load_esiti(&plan, &opt, &ril, &esiti, &d);
    ValutazioneInput ev = {0};
    if (rc == 0 && opt.valutazioni)
        rc = load_valutazione(&plan, &opt, &esiti, esiti.anno, &ev, &d);
    cli_print_diags(&d, stderr, false);
    if (rc == 0) {
        PersoneAnno persone;
        persone_compute(&plan, &esiti, esiti.anno, &persone);
        char *out;
        if (opt.has_al) {
            /* the state of every action at the date, not the year's results */
            Monitoraggio m;
            monitoraggio_compute(&plan, opt.raggiunto ? &ril : NULL, opt.raggiunto ? &esiti : NULL, esiti.anno, opt.al,
                                 margin, &m);
            out = strcmp(formato, "csv") == 0 ? monitoraggio_to_csv(&m) : monitoraggio_to_json(&m);
            monitoraggio_free(&m);
        } else if (strcmp(formato, "csv") == 0) {
            /* With the valutazioni, the table of the persons; else the actions'. */
            out = ev.has_valutazioni ? valutazione_to_csv(&ev.anno) : esiti_to_csv(&esiti);
        } else {
            cJSON *tree = esiti_json_tree(&esiti, &persone);
            if (ev.has_valutazioni)
                valutazione_json_add(tree, &ev.anno);
            out = esiti_json_print(tree);
        }
        fputs(out, stdout);
        free(out);
        persone_free(&persone);
    }
    valutazione_input_free(&ev);
    esiti_free(&esiti);
    raggiunto_free(&ril);
    diag_list_free(&d);
    plan_free(&plan);
    return rc;
}

int cmd_esiti(int argc, char **argv)
{
    return archivio_input_run("esiti", argc, argv, ARCHIVIO_RILEVAZIONI, cmd_esiti_with);
}
