/* What `schede archivio importa` does with a file before it touches the
 * archive: tells its kind from the content (archivio_tipo_file: JSON
 * "formato", workbook sheets, CSV header), then reads it with that kind's
 * loader, as the import does. Neither step may crash on any bytes. */
#include "archivio.h"
#include "fuzz_common.h"
#include "sistema.h"
#include "valutazioni.h"
#include "wb_convert.h"
#include "workbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    DiagList d;
    diag_list_init(&d);
    bool wb = workbook_detect(text, size);
    switch (archivio_tipo_file("fuzz", text, size)) {
    case TIPO_PIANO: {
        Plan plan;
        if (wb)
            workbook_plan_load("fuzz", text, size, &plan, &d);
        else
            plan_load_buffer("fuzz", text, size, &plan, &d);
        plan_free(&plan);
        break;
    }
    case TIPO_RILEVAZIONI: {
        Rilevazioni r;
        if (wb)
            workbook_raggiunto_load("fuzz", text, size, &r, &d);
        else
            raggiunto_load_buffer("fuzz", text, size, CODIFICA_AUTO, &r, &d);
        raggiunto_free(&r);
        break;
    }
    case TIPO_SISTEMA: {
        Sistema s;
        sistema_load_buffer("fuzz", text, size, &s, &d);
        sistema_free(&s);
        break;
    }
    case TIPO_VALUTAZIONI: {
        Valutazioni v;
        if (wb)
            workbook_valutazioni_load("fuzz", text, size, &v, &d);
        else
            valutazioni_load_buffer("fuzz", text, size, CODIFICA_AUTO, &v, &d);
        valutazioni_free(&v);
        break;
    }
    case TIPO_IGNOTO:
        break;
    }
    diag_list_free(&d);
    free(text);
    return 0;
}
