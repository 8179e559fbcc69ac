/* The CSV reader alone, in each encoding. */
#include "csv.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const CsvEncoding encodings[] = {CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_WINDOWS_1252};
    for (size_t i = 0; i < 3; i++) {
        CsvTable t;
        char *error = NULL;
        int line = 0;
        if (csv_parse((const char *)data, size, encodings[i], &t, &error, &line))
            csv_free(&t);
        free(error);
    }
    return 0;
}
