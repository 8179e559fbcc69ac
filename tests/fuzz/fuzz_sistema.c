/* A sistema (schede-sistema/1) read, then the fixture's valutazioni
 * evaluated under it and written out. */
#include "fuzz_common.h"
#include "fuzz_valutazione_common.h"
#include "sistema.h"
#include "valutazioni.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Valutazioni v;
    static int loaded;
    DiagList d;
    diag_list_init(&d);
    if (!loaded) {
        if (valutazioni_load_file(FUZZ_VAL_DIR "/valutazioni.json", CODIFICA_AUTO, &v, &d) != LOAD_OK)
            abort();
        loaded = 1;
    }
    char *text = fuzz_text(data, size);
    Sistema s;
    if (sistema_load_buffer("fuzz.json", text, size, &s, &d) == LOAD_OK)
        fuzz_evaluate(&s, &v, &d);
    sistema_free(&s);
    diag_list_sort(&d);
    diag_list_free(&d);
    free(text);
    return 0;
}
