/* The achievement data (JSON or CSV, told apart by content) read and applied
 * to a plan with every rule type, then written out as JSON and CSV, and the
 * states of the actions at a date of the year. */
#include "esiti.h"
#include "esiti_output.h"
#include "fuzz_common.h"
#include "monitoraggio.h"
#include "persone.h"
#include "raggiunto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Plan *plan = fuzz_plan();
    char *text = fuzz_text(data, size);
    /* The first byte chooses the encoding, as --codifica would. */
    Codifica cod = size > 0 ? (Codifica)(data[0] % 3) : CODIFICA_AUTO;
    Rilevazioni r;
    DiagList d;
    diag_list_init(&d);
    if (raggiunto_load_buffer("fuzz.csv", text, size, cod, &r, &d) == LOAD_OK) {
        Esiti e;
        esiti_compute(plan, &r, r.has_anno ? r.anno : 2024, &e, &d);
        PersoneAnno p;
        persone_compute(plan, &e, e.anno, &p);
        free(esiti_to_json(&e, &p));
        free(esiti_to_csv(&e));
        /* the same rilevazioni at a date of the year (the second byte picks it) */
        Monitoraggio m;
        int day = size > 1 ? data[1] : 0;
        Date al = {e.anno, 1 + day % 12, 1 + day % 28};
        Esiti at;
        esiti_compute_at(plan, &r, e.anno, &al, &at, &d);
        monitoraggio_compute(plan, &r, &at, e.anno, al, 25, &m);
        free(monitoraggio_to_json(&m));
        free(monitoraggio_to_csv(&m));
        monitoraggio_free(&m);
        esiti_free(&at);
        persone_free(&p);
        esiti_free(&e);
    }
    raggiunto_free(&r);
    diag_list_sort(&d);
    diag_list_free(&d);
    free(text);
    return 0;
}
