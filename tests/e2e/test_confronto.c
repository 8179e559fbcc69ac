/* Variazioni del Piano (docs/formato.md §5) on tests/fixtures/confronto/:
 * vecchio.json (Giunta n. 12 of 30/01/2025) → nuovo.json (n. 45 of 12/06/2025).
 *   O-1  dirigente Anna Rossi → Paola Gialli; the description gains "tutte" and
 *        loses "informando"; action 1: peso 100 → 60, text and scadenza change;
 *        action 2 (peso 40) added: the 2025 weights still sum to 100;
 *        risorse umane: Luca Verdi 50 → 70 %, Sara Blu removed, Mario Rossi 30 % added;
 *        pesatura beneficio 25 → 30 (10 changes)
 *   O-2  renamed O-2B with the same description: O-2 removed, O-2B added, and a
 *        warning that the codice may have changed
 *   O-3  action 2 now has action 1's old text ("Inventario dei fondi"): renumbered?
 *        action 1 peso 50 → 40: the 2025 weights now sum to 90
 *   O-4  removed; O-5 added; O-6 unchanged. */
#include <cjson/cJSON.h>

#include "confronto.h"
#include "plan_load.h"
#include "run.h"
#include "wb_convert.h"
#include "worddiff.h"
#include "load.h"

#define FIX "tests/fixtures/confronto/"

static char *out_dir(const char *name) { return test_dir("confronto", name); }

static void expect_runs(const WordDiff *d, size_t n, const DiffKind *kinds, const char *const *texts)
{
    cr_assert_eq(d->n, n, "%zu runs", d->n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(d->runs[i].kind, kinds[i], "run %zu", i);
        cr_assert_str_eq(d->runs[i].text, texts[i], "run %zu", i);
    }
}

/* By hand: the common words of "a b c d" and "a x c d e" are a, c, d; b is
 * deleted (before the insertion that takes its place), x and e inserted. */
Test(confronto, word_difference_by_hand)
{
    WordDiff d = word_diff("a b c d", "a x c d e");
    const DiffKind k1[] = {DIFF_SAME, DIFF_DELETED, DIFF_INSERTED, DIFF_SAME, DIFF_INSERTED};
    const char *t1[] = {"a ", "b ", "x ", "c d ", "e"};
    expect_runs(&d, 5, k1, t1);
    word_diff_free(&d);
    d = word_diff("uguale  a prima", "uguale  a prima");
    const DiffKind k2[] = {DIFF_SAME};
    const char *t2[] = {"uguale  a prima"};
    expect_runs(&d, 1, k2, t2);
    word_diff_free(&d);
    d = word_diff("", "tutto nuovo");
    const DiffKind k3[] = {DIFF_INSERTED};
    const char *t3[] = {"tutto nuovo"};
    expect_runs(&d, 1, k3, t3);
    word_diff_free(&d);
    d = word_diff("via tutto", NULL);
    const DiffKind k4[] = {DIFF_DELETED};
    const char *t4[] = {"via tutto"};
    expect_runs(&d, 1, k4, t4);
    word_diff_free(&d);
    /* 3 of the 4 words in common → 0,75 */
    cr_assert_float_eq(confronto_somiglianza("uno due tre quattro", "uno due tre cinque"), 0.75, 1e-9);
}

static void load(const char *file, Plan *p)
{
    char *path = xasprintf("%s/%s", SCHEDE_SOURCE_DIR, file);
    load_plan_ok(path, p);
    free(path);
}

static const Modifica *field(const ObiettivoModificato *m, const char *campo)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->campi[i].campo, campo) == 0)
            return &m->campi[i];
    cr_assert_fail("no change «%s»", campo);
    return NULL;
}

static void expect_field(const ObiettivoModificato *m, const char *campo, const char *prima, const char *dopo)
{
    const Modifica *f = field(m, campo);
    if (prima)
        cr_assert_str_eq(f->prima, prima, "%s", campo);
    else
        cr_assert_null(f->prima, "%s", campo);
    if (dopo)
        cr_assert_str_eq(f->dopo, dopo, "%s", campo);
    else
        cr_assert_null(f->dopo, "%s", campo);
}

Test(confronto, every_kind_of_change)
{
    Plan a, b;
    load(FIX "vecchio.json", &a);
    load(FIX "nuovo.json", &b);
    cr_assert(b.versione.present && b.versione.has_data);
    cr_assert_str_eq(b.versione.atto, "Deliberazione della Giunta comunale n. 45 del 12/06/2025");
    Confronto c;
    DiagList d;
    diag_list_init(&d);
    confronto_compute(&a, &b, "nuovo.json", &c, &d);
    cr_assert_eq(c.n_aggiunti, 2);
    cr_assert_str_eq(c.aggiunti[0]->codice, "O-2B");
    cr_assert_str_eq(c.aggiunti[1]->codice, "O-5");
    cr_assert_eq(c.n_eliminati, 2);
    cr_assert_str_eq(c.eliminati[0]->codice, "O-2");
    cr_assert_str_eq(c.eliminati[1]->codice, "O-4");
    cr_assert_eq(c.n_modificati, 2, "O-1 and O-3; O-6 is unchanged");
    const ObiettivoModificato *o1 = &c.modificati[0];
    cr_assert_str_eq(o1->nuovo->codice, "O-1");
    cr_assert_eq(o1->n, 10);
    expect_field(o1, "dirigente responsabile", "Anna Rossi", "Paola Gialli");
    cr_assert(field(o1, "descrizione")->testo);
    expect_field(o1, "annualità 2025, azione 1: peso", "100", "60");
    expect_field(o1, "annualità 2025, azione 1: azione", "Attivazione del portale", "Attivazione e collaudo del portale");
    expect_field(o1, "annualità 2025, azione 1: scadenza", "31/12/2025", "30/09/2025");
    expect_field(o1, "annualità 2025, azione 2", NULL, "Formazione dei professionisti (peso 40)");
    expect_field(o1, "risorse umane 2025, azione 1: Luca Verdi", "50 %", "70 %");
    expect_field(o1, "risorse umane 2025, azione 1: Sara Blu", "50 %", NULL);
    expect_field(o1, "risorse umane 2025, azione 1: Mario Rossi", NULL, "30 %");
    expect_field(o1, "pesatura: beneficio", "25", "30");
    cr_assert_eq(o1->n_pesi, 1);
    cr_assert(o1->pesi[0].anno == 2025 && o1->pesi[0].prima == 100 && o1->pesi[0].dopo == 100);
    const ObiettivoModificato *o3 = &c.modificati[1];
    cr_assert_str_eq(o3->nuovo->codice, "O-3");
    cr_assert_eq(o3->n_pesi, 1);
    cr_assert(o3->pesi[0].prima == 100 && o3->pesi[0].dopo == 90, "the total the Giunta must see");
    const Diag *w = diag_find(&d, "è cambiato il codice?");
    cr_assert_not_null(w);
    cr_assert_str_eq(w->codice, "O-2B");
    cr_assert(strstr(w->message, "«O-2»") && strstr(w->message, "100 %"), "%s", w->message);
    w = diag_find(&d, "è stata rinumerata?");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "l'azione n. 2 del 2025 ha il testo dell'azione n. 1"), "%s", w->message);
    cr_assert_eq(d.count, 2, "no other warning");
    confronto_free(&c);
    diag_list_free(&d);
    plan_free(&a);
    plan_free(&b);
}

Test(confronto, json_and_an_unchanged_plan)
{
    Run r = run("confronta " FIX "vecchio.json " FIX "nuovo.json 2>/dev/null");
    cr_assert_eq(r.status, 0, "%s", r.out);
    cJSON *root = cJSON_Parse(r.out);
    cr_assert_not_null(root);
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "aggiunti")), 2);
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "eliminati")), 2);
    cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "modificati"), 0);
    cr_assert_str_eq(cJSON_GetObjectItem(m, "codice")->valuestring, "O-1");
    cJSON *f = cJSON_GetArrayItem(cJSON_GetObjectItem(m, "campi"), 5);
    cr_assert_str_eq(cJSON_GetObjectItem(f, "campo")->valuestring, "annualità 2025, azione 2");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItem(f, "prima")));
    cJSON_Delete(root);
    free(r.out);
    r = run("confronta " FIX "vecchio.json " FIX "vecchio.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "nessuna differenza");
    expect_contains(&r, "\"aggiunti\":\t[]");
    free(r.out);
    r = run("confronta " FIX "vecchio.json");
    cr_assert_eq(r.status, 2);
    free(r.out);
    r = run("confronta " FIX "vecchio.json tests/fixtures/errori.json");
    cr_assert_eq(r.status, 1, "a plan with errors: %s", r.out);
    free(r.out);
}

Test(confronto, the_document_for_the_giunta, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("pdf");
    char *args = xasprintf("confronta " FIX "vecchio.json " FIX "nuovo.json --formato pdf --out '%s'", dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "variazioni.pdf");
    expect_contains(&r, "è cambiato il codice?");
    free(r.out);
    free(args);
    char *path = xasprintf("%s/variazioni.pdf", dir);
    char *t = pdf_raw_text(path, true);
    static const char *const expected[] = {
        "Variazione del Piano degli obiettivi gestionali", "2025 – 2027",
        "Deliberazione della Giunta comunale n. 12 del 30/01/2025 (30/01/2025)",
        "Deliberazione della Giunta comunale n. 45 del 12/06/2025 (12/06/2025)",
        "1. Sintesi delle variazioni", "2. Obiettivi modificati", "3. Obiettivi aggiunti", "4. Obiettivi eliminati",
        "O-1 Digitalizzare tutte le pratiche", "10 campi: dirigente responsabile; descrizione;",
        "2025: 100 → 100", "2025: 100 → 90 (non 100)",
        "O-2B Ridurre i tempi medi di pagamento delle fatture commerciali sotto i trenta giorni aggiunto",
        "O-4 Obiettivo che verrà eliminato dalla Giunta eliminato",
        /* the redline, in words for who cannot see the decoration */
        "formando il personale e [eliminato: informando] i professionisti",
        "Digitalizzare [inserito: tutte] le pratiche",
        "annualità 2025, azione 1: peso 100 60", "risorse umane 2025, azione 1: Sara Blu 50 % —",
        /* the added objective's full scheda */
        "OBIETTIVO GESTIONALE 2025 – 2027", "Audit di accessibilità del sito",
        "O-4 Obiettivo che verrà eliminato dalla Giunta Carlo Neri", NULL};
    for (size_t i = 0; expected[i]; i++)
        cr_assert(strstr(t, expected[i]), "variazioni.pdf lacks «%s»:\n%s", expected[i], t);
    free(t);
    /* the structure holds the markers too (screen readers) */
    char *cmd = xasprintf("pdfinfo -struct-text '%s' 2>/dev/null", path);
    r = run_shell(cmd);
    expect_contains(&r, "[eliminato: ");
    expect_contains(&r, "[inserito: ");
    free(r.out);
    free(cmd);
    expect_opens_in_mupdf(path);
    free(path);
    free(dir);
}

/* The version's act on the schede's cover. */
Test(confronto, the_version_on_the_cover)
{
    char *dir = out_dir("copertina");
    char *args = xasprintf("stampa " FIX "nuovo.json --solo schede --out '%s'", dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    char *cmd = xasprintf("pdftotext -f 1 -l 1 '%s/schede.pdf' - 2>/dev/null", dir);
    r = run_shell(cmd);
    expect_contains(&r, "Deliberazione della Giunta comunale n. 45 del 12/06/2025");
    free(r.out);
    free(cmd);
    free(args);
    free(dir);
}

/* The version survives a workbook: esporta writes it in the Piano sheet and
 * reading it back gives the same plan, so confronta sees no difference. */
Test(confronto, the_version_through_a_workbook)
{
    char *dir = out_dir("foglio");
    char *args = xasprintf("esporta " FIX "nuovo.json '%s/nuovo.xlsx'", dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    args = xasprintf("confronta " FIX "nuovo.json '%s/nuovo.xlsx'", dir);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "nessuna differenza");
    free(r.out);
    free(args);
    char *path = xasprintf("%s/nuovo.xlsx", dir);
    Plan p;
    DiagList d;
    diag_list_init(&d);
    cr_assert_eq(input_plan_load(path, &p, &d), LOAD_OK);
    cr_assert_str_eq(p.versione.atto, "Deliberazione della Giunta comunale n. 45 del 12/06/2025");
    cr_assert(p.versione.has_data && p.versione.data.month == 6 && p.versione.data.day == 12);
    cr_assert_str_eq(p.versione.descrizione, "Variazione dopo il monitoraggio");
    plan_free(&p);
    diag_list_free(&d);
    free(path);
    free(dir);
}


/* The sample's variation (samples/sarzana-2024-2026-variazione.json, see
 * samples/README.md) applies the five proposte of the mid-year monitoring
 * sample. By hand, from `diff` of the two files:
 * ICT-01 azione 3 tempi, scadenza and so its regola: 3 fields;
 * ICT-02 azione 2 indicatori and atteso: 2;
 * DEMO-03 azione 2 of 2024 postponed to 2025 as azione 3 and the old azione 3
 * renumbered 2: 2024 a1 peso, a2 azione, a2 indicatori, a3 removed; 2025 a1
 * and a2 peso, a3 added; risorse 2024 a2 descrizione, 2024 a3 removed, 2025
 * a3 added: 10 fields, weights 100 → 100 in both years;
 * RAG-03 azione 3 tempi, scadenza, graduazione and regola: 4;
 * SCUOLA-01 azione 1 indicatori: 1. One warning: DEMO-03's renumbering. */
Test(confronto, the_sample_variation)
{
    Plan a, b;
    load("samples/sarzana-2024-2026.json", &a);
    load("samples/sarzana-2024-2026-variazione.json", &b);
    Confronto c;
    DiagList d;
    diag_list_init(&d);
    confronto_compute(&a, &b, "sarzana-2024-2026-variazione.json", &c, &d);
    cr_assert_eq(c.n_aggiunti, 0);
    cr_assert_eq(c.n_eliminati, 0);
    static const char *const codici[] = {"ICT-01", "ICT-02", "DEMO-03", "RAG-03", "SCUOLA-01"};
    static const size_t campi[] = {3, 2, 10, 4, 1};
    cr_assert_eq(c.n_modificati, 5);
    for (size_t i = 0; i < 5; i++) {
        cr_assert_str_eq(c.modificati[i].nuovo->codice, codici[i]);
        cr_assert_eq(c.modificati[i].n, campi[i], "%s: %zu fields", codici[i], c.modificati[i].n);
    }
    expect_field(&c.modificati[0], "annualità 2024, azione 3: scadenza", "30/08/2024", "30/11/2024");
    const ObiettivoModificato *demo = &c.modificati[2];
    expect_field(demo, "annualità 2024, azione 1: peso", "40", "60");
    expect_field(demo, "annualità 2025, azione 3", NULL,
                 "Creazione di una funzionalità di invio manuale attraverso AppIO di comunicazioni al cittadino (peso 30)");
    cr_assert_eq(demo->n_pesi, 2);
    cr_assert(demo->pesi[0].anno == 2024 && demo->pesi[0].prima == 100 && demo->pesi[0].dopo == 100);
    cr_assert(demo->pesi[1].anno == 2025 && demo->pesi[1].prima == 100 && demo->pesi[1].dopo == 100);
    cr_assert_eq(d.count, 1);
    cr_assert_not_null(diag_find(&d, "l'azione n. 2 del 2024 ha il testo dell'azione n. 3"));
    confronto_free(&c);
    diag_list_free(&d);
    plan_free(&a);
    plan_free(&b);
}
