#include "monitoraggio_input.h"

#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "inputs.h"
#include "layout_file.h"
#include "monitoraggio_doc.h"
#include "resources.h"
#include "text.h"

int monitoraggio_margin_from(const char *layout_dir, const char *fallback, double *margin)
{
    char *data = resources_dir();
    char *layouts = xstrdup(resources_layout_dir(layout_dir, fallback, "monitoraggio"));
    char *fonts = data ? xasprintf("%s/fonts", data) : xstrdup(layouts);
    free(data);
    DiagList d;
    diag_list_init(&d);
    LayoutSpec spec;
    int rc = 0;
    if (layout_spec_load(layouts, "monitoraggio", fonts, &MONITORAGGIO_NEEDS, &spec, &d)) {
        *margin = monitoraggio_margine(&spec);
    } else {
        cli_print_diags(&d, stderr, true);
        rc = EXIT_DATA;
    }
    layout_spec_free(&spec);
    diag_list_free(&d);
    free(layouts);
    free(fonts);
    return rc;
}
