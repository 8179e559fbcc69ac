/* fuzz_valutazione_common.h — the world the sistema and valutazioni
 * harnesses evaluate in: tests/fixtures/valutazione's plan and results
 * (paths set by CMake), loaded once. */
#ifndef SCHEDE_FUZZ_VALUTAZIONE_COMMON_H
#define SCHEDE_FUZZ_VALUTAZIONE_COMMON_H

#include <cjson/cJSON.h>

#include "esiti.h"
#include "esiti_output.h"
#include "persone.h"
#include "premi.h"
#include "raggiunto.h"
#include "valutazione.h"
#include "valutazione_output.h"

typedef struct {
    Plan plan;
    Rilevazioni ril;
    Esiti esiti;
    PersoneAnno persone;
} FuzzWorld;

static inline const FuzzWorld *fuzz_world(void)
{
    static FuzzWorld w;
    static int loaded;
    if (!loaded) {
        DiagList d;
        diag_list_init(&d);
        if (plan_load_file(FUZZ_VAL_DIR "/piano.json", &w.plan, &d) != LOAD_OK ||
            raggiunto_load_file(FUZZ_VAL_DIR "/raggiunto.json", CODIFICA_AUTO, &w.ril, &d) != LOAD_OK)
            abort();
        esiti_compute(&w.plan, &w.ril, 2025, &w.esiti, &d);
        persone_compute(&w.plan, &w.esiti, 2025, &w.persone);
        diag_list_free(&d);
        loaded = 1;
    }
    return &w;
}

/* Evaluates, then writes every output the program writes from it. */
static inline void fuzz_evaluate(const Sistema *s, const Valutazioni *v, DiagList *d)
{
    const FuzzWorld *w = fuzz_world();
    ValutazioniAnno va;
    valutazione_compute(&w->plan, &w->esiti, &w->persone, s, v, 2025, &va, d);
    cJSON *tree = esiti_json_tree(&w->esiti, &w->persone);
    valutazione_json_add(tree, &va);
    free(esiti_json_print(tree));
    free(valutazione_to_csv(&va));
    free(premi_formula(s));
    AggregatiValutazione a;
    valutazione_aggregati(&va, &a);
    int64_t sum = 0;
    for (size_t i = 0; i < va.n; i++)
        sum += va.persone[i].has_premio ? va.persone[i].premio_centesimi : 0;
    /* the one property that must never fail: the fund adds up to the cent */
    if (va.premi.aventi_diritto > 0 && sum != va.premi.fondo_centesimi)
        abort();
    valutazione_aggregati_free(&a);
    valutazione_free(&va);
}

#endif
