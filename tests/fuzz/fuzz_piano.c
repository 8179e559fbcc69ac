/* The plan loader and everything that reads a plan: checks, results with no
 * rilevazioni, people, statistics of the Relazione. */
#include "esiti.h"
#include "fuzz_common.h"
#include "persone.h"
#include "plan_check.h"
#include "sintesi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    Plan plan;
    DiagList d;
    diag_list_init(&d);
    if (plan_load_buffer("fuzz.json", text, size, &plan, &d) == LOAD_OK) {
        plan_check(&plan, "fuzz.json", &d);
        int anno = plan.triennio[0];
        persone_check(&plan, anno, "fuzz.json", &d);
        Esiti e;
        esiti_compute(&plan, NULL, anno, &e, &d);
        PersoneAnno p;
        persone_compute(&plan, &e, anno, &p);
        static const double limits[] = {90, 60, 0};
        Sintesi s;
        sintesi_compute(&plan, &e, &p, limits, 3, &s);
        sintesi_free(&s);
        persone_free(&p);
        esiti_free(&e);
    }
    diag_list_sort(&d);
    plan_free(&plan);
    diag_list_free(&d);
    free(text);
    return 0;
}
