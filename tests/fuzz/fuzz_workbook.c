/* A workbook (or any bytes) read as a plan, as rilevazioni and as
 * valutazioni: the zip and XML readers, the converters and the JSON loaders
 * behind them, and the relocation of every message to its cell. */
#include "fuzz_common.h"
#include "wb_convert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    DiagList d;
    diag_list_init(&d);
    Plan plan;
    workbook_plan_load("fuzz.xlsx", text, size, &plan, &d);
    plan_free(&plan);
    Rilevazioni r;
    workbook_raggiunto_load("fuzz.xlsx", text, size, &r, &d);
    raggiunto_free(&r);
    Valutazioni v;
    workbook_valutazioni_load("fuzz.xlsx", text, size, &v, &d);
    valutazioni_free(&v);
    diag_list_sort(&d);
    diag_list_free(&d);
    return 0;
}
