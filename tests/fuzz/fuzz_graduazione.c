/* The graduazione reader: "graduazione\natteso" → a rule, described in words
 * and applied to a few values. Input that is not UTF-8 is skipped: every
 * text reaching the reader has been validated by the loader. */
#include "fuzz_common.h"
#include "graduazione.h"
#include "rules.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t bad;
    if (!utf8_validate((const char *)data, size, &bad) || memchr(data, 0, size))
        return 0;
    char *text = fuzz_text(data, size);
    char *atteso = strchr(text, '\n');
    if (atteso)
        *atteso++ = '\0';
    Rule rule;
    if (rule_from_graduazione(text, atteso, &rule)) {
        Azione z = {0};
        z.n = 1;
        z.has_scadenza = true;
        z.scadenza = (Date){2024, 12, 31};
        z.regola = rule;
        free(rule_describe(&rule, &z));
        static const double values[] = {-1, 0, 0.5, 1, 15, 59, 60, 100, 365, 1e9};
        for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
            Rilevazione r = {0};
            r.valore_kind = VALORE_NUMERO;
            r.valore = values[i];
            r.has_data = true;
            r.data = (Date){2025, 1, (int)(i % 28) + 1};
            RuleResult res;
            char *error = NULL;
            if (rule_evaluate(&rule, &z, &r, &res, &error)) {
                free(res.raggiunto);
                free(res.dettaglio);
            }
            free(error);
        }
        free(rule.fasce);
    }
    free(text);
    return 0;
}
