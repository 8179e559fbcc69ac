/* Valutazioni (JSON or CSV, told apart by content) read and evaluated under
 * the fixture's sistema, then written out. */
#include "fuzz_common.h"
#include "fuzz_valutazione_common.h"
#include "sistema.h"
#include "valutazioni.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Sistema s;
    static int loaded;
    DiagList d;
    diag_list_init(&d);
    if (!loaded) {
        if (sistema_load_file(FUZZ_VAL_DIR "/sistema.json", &s, &d) != LOAD_OK)
            abort();
        loaded = 1;
    }
    char *text = fuzz_text(data, size);
    /* The first byte chooses the encoding, as --codifica would. */
    Codifica cod = size > 0 ? (Codifica)(data[0] % 3) : CODIFICA_AUTO;
    Valutazioni v;
    if (valutazioni_load_buffer("fuzz.csv", text, size, cod, &v, &d) == LOAD_OK)
        fuzz_evaluate(&s, &v, &d);
    valutazioni_free(&v);
    diag_list_sort(&d);
    diag_list_free(&d);
    free(text);
    return 0;
}
