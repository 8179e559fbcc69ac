/* The Sarzana sample, read through the library: its shape and the figures
 * counted by hand from the seed. */
#include <criterion/criterion.h>
#include <string.h>

#include "json_reader.h"
#include "fileio.h"
#include "model.h"
#include "plan_check.h"
#include "plan_load.h"
#include "plan_stats.h"
#include "text.h"

static Plan plan;
static DiagList diags;

static void setup(void)
{
    diag_list_init(&diags);
    LoadStatus st = plan_load_file(SCHEDE_SOURCE_DIR "/samples/sarzana-2024-2026.json", &plan, &diags);
    cr_assert_eq(st, LOAD_OK);
    plan_check(&plan, "sarzana", &diags);
}

static void teardown(void)
{
    plan_free(&plan);
    diag_list_free(&diags);
}

static const Obiettivo *find(const char *codice)
{
    for (size_t i = 0; i < plan.n_obiettivi; i++)
        if (strcmp(plan.obiettivi[i].codice, codice) == 0)
            return &plan.obiettivi[i];
    cr_assert_fail("no objective %s", codice);
    return NULL;
}

TestSuite(sample, .init = setup, .fini = teardown);

Test(sample, all_38_schede_in_seed_order)
{
    cr_assert_eq(plan.n_obiettivi, 38);
    cr_assert_str_eq(plan.obiettivi[0].codice, "SG-01");
    cr_assert_str_eq(plan.obiettivi[37].codice, "DSS-03");
    cr_assert_eq(diags.errors, 0);
    cr_assert_str_eq(plan.ente, "Comune di Sarzana");
}

Test(sample, polizia_locale_weights_sum_to_125)
{
    const Obiettivo *o = find("PL-01");
    const Annualita *a = obiettivo_annualita(o, 2024);
    double sum = 0;
    for (size_t i = 0; i < a->n_azioni; i++)
        sum += a->azioni[i].peso;
    cr_assert_float_eq(sum, 125.0, 1e-9);
    cr_assert_eq(a->azioni[0].regola.tipo, RULE_PROPORZIONALE);
    cr_assert_float_eq(a->azioni[0].regola.obiettivo, 365.0, 1e-9);
}

Test(sample, first_scheda_transcribed)
{
    const Obiettivo *o = find("SG-01");
    cr_assert_eq(o->tipo, TIPO_COMUNE);
    cr_assert_str_eq(o->bilancio[0].missione, "01 – Servizi istituzionali generali e di gestione");
    cr_assert_str_eq(o->bilancio[0].programma, "12 Segreteria generale");
    cr_assert_eq(o->n_annualita, 3);
    const Annualita *a = &o->annualita[0];
    cr_assert_eq(a->n_azioni, 3);
    cr_assert_float_eq(a->azioni[0].peso, 50.0, 1e-9);
    cr_assert_eq(a->azioni[0].regola.tipo, RULE_RITARDO);
    cr_assert_eq(a->azioni[0].regola.n_fasce, 3);
    cr_assert_float_eq(a->azioni[0].regola.fasce[2].limit, 60.0, 1e-9);
    cr_assert_float_eq(a->azioni[0].regola.fasce[2].percentuale, 40.0, 1e-9);
    cr_assert_eq(o->annualita[1].n_azioni, 0, "empty 2nd annualità");
    cr_assert_eq(o->n_risorse_umane, 3);
    cr_assert_eq(o->risorse_umane[0].n_personale, 6);
    cr_assert(o->risorse_umane[0].personale[0].gruppo);
    cr_assert_float_eq(o->risorse_umane[0].personale[0].percentuale, 60.0, 1e-9);
}

Test(sample, old_triennio_and_multi_mission)
{
    const Obiettivo *o = find("DEMO-04");
    cr_assert_eq(o->triennio[0], 2023);
    cr_assert_eq(o->annualita[0].anno, 2023);
    cr_assert_eq(o->risorse_umane[0].anno, 2023);
    o = find("STAMPA-01");
    cr_assert_eq(o->n_bilancio, 2);
    cr_assert_str_eq(o->bilancio[1].missione, "05");
    cr_assert_eq(o->finanziaria[0].n_stanziamenti, 1);
    cr_assert_float_eq(o->finanziaria[0].stanziamenti[0].importo, 108000.0, 1e-9);
}

Test(sample, registry_and_counts)
{
    PlanStats s = plan_stats(&plan);
    cr_assert_eq(s.obiettivi, 38);
    cr_assert_eq(s.azioni, 129);
    cr_assert_eq(s.persone_registro, 48, "44 in the personale, and the 4 named dirigenti, evaluated on their objectives");
    cr_assert_eq(s.nomi_fuori_registro, 4, "Vargelli, Fiedani, Serafinini, Ricci");
}

Test(sample, achievement_json_covers_every_2024_action)
{
    size_t len;
    const char *why;
    char *text = file_read_all(SCHEDE_SOURCE_DIR "/samples/raggiunto-2024.json", &len, &why);
    cr_assert_not_null(text);
    DiagList d;
    diag_list_init(&d);
    JsonCtx ctx = {&d, "raggiunto", NULL, -1};
    cJSON *root = json_parse_text(&ctx, text, len);
    cr_assert_not_null(root);
    cr_assert_str_eq(cJSON_GetObjectItem(root, "formato")->valuestring, "schede-raggiunto/1");
    const cJSON *ril = cJSON_GetObjectItem(root, "rilevazioni");
    size_t actions_2024 = 0;
    for (size_t i = 0; i < plan.n_obiettivi; i++) {
        const Annualita *a = obiettivo_annualita(&plan.obiettivi[i], 2024);
        if (!a)
            continue;
        for (size_t k = 0; k < a->n_azioni; k++) {
            actions_2024++;
            int hits = 0;
            for (const cJSON *r = ril->child; r; r = r->next)
                hits += strcmp(cJSON_GetObjectItem(r, "obiettivo")->valuestring, plan.obiettivi[i].codice) == 0 &&
                        cJSON_GetObjectItem(r, "azione")->valueint == a->azioni[k].n;
            cr_assert_eq(hits, 1, "%s azione %d has %d rilevazioni", plan.obiettivi[i].codice, a->azioni[k].n, hits);
        }
    }
    cr_assert_eq(actions_2024, 89);
    cr_assert_eq(cJSON_GetArraySize(ril), 89);
    cJSON_Delete(root);
    diag_list_free(&d);
    free(text);
}

/* Whitespace folded to single spaces, so that cells split over lines match. */
static char *fold_spaces(const char *s)
{
    StrBuf b = {0};
    int space = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = b.len > 0;
            continue;
        }
        if (space)
            strbuf_append(&b, " ", 1);
        space = 0;
        strbuf_append(&b, s, 1);
    }
    return b.data ? b.data : xstrdup("");
}

/* Keys whose values are ours, not the seed's. */
static int is_own_key(const char *k)
{
    static const char *const own[] = {"codice", "formato", "tipo", "scadenza", "regola", "id", "area",
                                      "alias", "verso", NULL};
    for (size_t i = 0; own[i]; i++)
        if (k && strcmp(k, own[i]) == 0)
            return 1;
    return 0;
}

static void expect_verbatim(const cJSON *item, const char *seed, size_t *checked, size_t *fixes)
{
    for (const cJSON *c = item->child; c; c = c->next) {
        if (is_own_key(c->string))
            continue;
        if (cJSON_IsString(c)) {
            /* Lines of a multi-line value are checked one by one. */
            char *copy = xstrdup(c->valuestring);
            for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
                char *folded = fold_spaces(line);
                (*checked)++;
                if (!strstr(seed, folded)) {
                    /* The two OCR fixes listed in samples/README.md. */
                    int listed = strncmp(folded, "Avvenuta realizzazione della maggior parte", 42) == 0 ||
                                 strstr(folded, "nella forma dello smart working") != NULL;
                    cr_expect(listed, "not in the seed and not a listed fix: «%s»", folded);
                    *fixes += listed;
                }
                free(folded);
            }
            free(copy);
        } else if (cJSON_IsArray(c) || cJSON_IsObject(c)) {
            expect_verbatim(c, seed, checked, fixes);
        }
    }
}

Test(sample, every_text_is_verbatim_from_the_seed)
{
    size_t len;
    const char *why;
    char *raw = file_read_all(SCHEDE_SOURCE_DIR "/../shared/seed/obiettivi-gestionali-2024-2026.txt", &len, &why);
    if (!raw)
        cr_skip_test("the seed is not beside the checkout (../shared): %s", why);
    char *seed = fold_spaces(raw);
    char *text = file_read_all(SCHEDE_SOURCE_DIR "/samples/sarzana-2024-2026.json", &len, &why);
    DiagList d;
    diag_list_init(&d);
    JsonCtx ctx = {&d, "sarzana", NULL, -1};
    cJSON *root = json_parse_text(&ctx, text, len);
    cr_assert_not_null(root);
    size_t checked = 0, fixes = 0;
    expect_verbatim(cJSON_GetObjectItem(root, "obiettivi"), seed, &checked, &fixes);
    cr_assert_gt(checked, 1000, "checked %zu texts", checked);
    cr_assert_eq(fixes, 2);
    cJSON_Delete(root);
    diag_list_free(&d);
    free(text);
    free(seed);
    free(raw);
}
