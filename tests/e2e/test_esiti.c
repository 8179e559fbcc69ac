/* Achievement data end to end: every CSV dialect, the results computed by
 * hand, errors with their lines, the outputs and the printed scheda. */
#include <math.h>

#include "esiti.h"
#include "plan_load.h"
#include "raggiunto.h"
#include "run.h"
#include "load.h"

static Plan load_plan(const char *path)
{
    Plan plan;
    load_plan_ok(path, &plan);
    return plan;
}

static Rilevazioni load_ril(const char *path, Codifica codifica)
{
    Rilevazioni r;
    DiagList d;
    diag_list_init(&d);
    LoadStatus st = raggiunto_load_file(path, codifica, &r, &d);
    for (size_t i = 0; i < d.count; i++)
        cr_log_error("%s", d.items[i].message);
    cr_assert_eq(st, LOAD_OK, "%s", path);
    diag_list_free(&d);
    return r;
}

static const Rilevazione *find(const Rilevazioni *r, const char *codice, int azione)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->items[i].obiettivo, codice) == 0 && r->items[i].azione == azione)
            return &r->items[i];
    cr_assert_fail("no rilevazione %s %d", codice, azione);
    return NULL;
}

/* The same data in three files: JSON; Windows-1252 with ';', decimal comma,
 * thousands dot, d/m/yy, "sì", CRLF, a blank row, a quoted field with ';',
 * quotes and a line break; UTF-8 with BOM, ',', decimal point, ISO and
 * dd-mm-yyyy dates, "x", columns in another order. */
static void expect_fixture_values(const Rilevazioni *r)
{
    cr_assert_eq(r->n, 7);
    const Rilevazione *x = find(r, "R-01", 1);
    cr_assert(x->has_data && x->data.year == 2025 && x->data.month == 1 && x->data.day == 30);
    x = find(r, "R-01", 2);
    cr_assert_eq(x->valore_kind, VALORE_NUMERO);
    cr_assert_float_eq(x->valore, 85.5, 1e-9);
    cr_assert_str_eq(x->raggiunto, "85,5% coperto; dato \"provvisorio\"\nda confermare");
    x = find(r, "R-01", 3);
    cr_assert_float_eq(x->valore, 1234.5, 1e-9, "thousands separator");
    x = find(r, "R-02", 1);
    cr_assert(x->valore_kind == VALORE_SI_NO && x->valore_si);
    x = find(r, "R-02", 2);
    cr_assert(x->has_percentuale);
    cr_assert_float_eq(x->percentuale, 66.5, 1e-9);
    cr_assert_str_eq(x->nota, "giudizio del dirigente; verbale n. 3");
    x = find(r, "R-02", 3);
    cr_assert(x->data.year == 2025 && x->data.month == 6 && x->data.day == 3);
}

Test(raggiunto, json_and_both_csv_dialects_read_the_same)
{
    Rilevazioni j = load_ril(SCHEDE_SOURCE_DIR "/tests/fixtures/raggiunto.json", CODIFICA_AUTO);
    cr_assert(j.has_anno && j.anno == 2024);
    expect_fixture_values(&j);
    Rilevazioni a = load_ril(SCHEDE_SOURCE_DIR "/tests/fixtures/raggiunto-cp1252.csv", CODIFICA_AUTO);
    expect_fixture_values(&a);
    /* header 1, R-01;1 2, quoted line break 3–4, R-01;3 5, sì 6, R-02;2 7, blank row 8 */
    cr_assert_eq(find(&a, "R-02", 3)->line, 9, "CSV lines counted with the quoted line break and the blank row");
    Rilevazioni b = load_ril(SCHEDE_SOURCE_DIR "/tests/fixtures/raggiunto-virgola.csv", CODIFICA_AUTO);
    expect_fixture_values(&b);
    Rilevazioni c = load_ril(SCHEDE_SOURCE_DIR "/tests/fixtures/raggiunto-cp1252.csv", CODIFICA_WINDOWS_1252);
    expect_fixture_values(&c);
    raggiunto_free(&j);
    raggiunto_free(&a);
    raggiunto_free(&b);
    raggiunto_free(&c);
}

Test(raggiunto, forcing_the_wrong_encoding_is_a_clear_error)
{
    Rilevazioni r;
    DiagList d;
    diag_list_init(&d);
    cr_assert_eq(raggiunto_load_file(SCHEDE_SOURCE_DIR "/tests/fixtures/raggiunto-cp1252.csv", CODIFICA_UTF8, &r, &d),
                 LOAD_DATA_ERROR);
    cr_assert_eq(d.items[0].line, 6, "the line with «sì» in Windows-1252");
    cr_assert(strstr(d.items[0].message, "byte 0xEC non valido in UTF-8"), "%s", d.items[0].message);
    raggiunto_free(&r);
    diag_list_free(&d);
}

Test(esiti, every_rule_computed_by_hand)
{
    Plan plan = load_plan(SCHEDE_SOURCE_DIR "/tests/fixtures/esiti-piano.json");
    Rilevazioni r = load_ril(SCHEDE_SOURCE_DIR "/tests/fixtures/raggiunto-cp1252.csv", CODIFICA_AUTO);
    Esiti e;
    DiagList d;
    diag_list_init(&d);
    esiti_compute(&plan, &r, 2024, &e, &d);
    cr_assert_eq(d.errors, 0);
    /* 30 days late → band "fino a 30" 70; 85,5 ≥ 80 → 80; 1.234,5 / 365 → capped 100.
     * (40·70 + 30·80 + 30·100) / 100 = 82 */
    const EsitoObiettivo *o = &e.obiettivi[0];
    cr_assert_eq(o->azioni[0].percentuale, 70);
    cr_assert_eq(o->azioni[1].percentuale, 80);
    cr_assert_eq(o->azioni[2].percentuale, 100);
    cr_assert_float_eq(o->percentuale, 82.0, 1e-9);
    /* sì 100; manuale 66,5; 30/05/2025 → 03/06/2025 = 1 working day (2 June) → 90;
     * "Da 0 a 1,5 = 100%; da 1,6 a 2 = 90% …" read from the text, 1,8 → 90.
     * (20·100 + 30·66,5 + 25·90 + 25·90) / 100 = 84,95 */
    o = &e.obiettivi[1];
    cr_assert_eq(o->azioni[0].percentuale, 100);
    cr_assert_float_eq(o->azioni[1].percentuale, 66.5, 1e-9);
    cr_assert_eq(o->azioni[2].percentuale, 90);
    cr_assert_eq(o->azioni[3].origine, ORIGINE_GRADUAZIONE);
    cr_assert_eq(o->azioni[3].percentuale, 90);
    cr_assert_float_eq(o->percentuale, 84.95, 1e-9);
    cr_assert_eq(o->non_rilevate, 0);
    /* nothing reported: no %, never 0 */
    o = &e.obiettivi[2];
    cr_assert_not(o->has_percentuale);
    cr_assert_eq(o->non_rilevate, 1);
    cr_assert_eq(o->azioni[0].stato, STATO_NON_RILEVATO);
    esiti_free(&e);
    raggiunto_free(&r);
    diag_list_free(&d);
    plan_free(&plan);
}

Test(esiti, partial_reports_weigh_only_what_was_reported)
{
    Plan plan = load_plan(SCHEDE_SOURCE_DIR "/tests/fixtures/esiti-piano.json");
    const char *text = "{\"formato\":\"schede-raggiunto/1\",\"anno\":2024,\"rilevazioni\":["
                       "{\"obiettivo\":\"R-01\",\"azione\":2,\"valore\":79},"
                       "{\"obiettivo\":\"R-01\",\"azione\":3,\"valore\":146}]}";
    Rilevazioni r;
    DiagList d;
    diag_list_init(&d);
    cr_assert_eq(raggiunto_load_buffer("p.json", text, strlen(text), CODIFICA_AUTO, &r, &d), LOAD_OK);
    Esiti e;
    esiti_compute(&plan, &r, 2024, &e, &d);
    const EsitoObiettivo *o = &e.obiettivi[0];
    /* 79 < 80 → 0; 146 / 365 = 40 %. (30·0 + 30·40) / 60 = 20; action 1 not reported */
    cr_assert_eq(o->azioni[1].percentuale, 0);
    cr_assert_float_eq(o->azioni[2].percentuale, 40.0, 1e-9);
    cr_assert_float_eq(o->percentuale, 20.0, 1e-9);
    cr_assert_eq(o->non_rilevate, 1);
    cr_assert_eq(o->azioni[0].stato, STATO_NON_RILEVATO);
    esiti_free(&e);
    raggiunto_free(&r);
    diag_list_free(&d);
    plan_free(&plan);
}

/* The sample's weighted totals, worked out by hand from the plan's weights and
 * the invented data (samples/raggiunto-2024.json). */
Test(esiti, sarzana_weighted_totals)
{
    Plan plan = load_plan(SCHEDE_SOURCE_DIR "/samples/sarzana-2024-2026.json");
    const char *files[] = {SCHEDE_SOURCE_DIR "/samples/raggiunto-2024.json", SCHEDE_SOURCE_DIR "/samples/raggiunto-2024.csv"};
    for (size_t f = 0; f < 2; f++) {
        Rilevazioni r = load_ril(files[f], CODIFICA_AUTO);
        Esiti e;
        DiagList d;
        diag_list_init(&d);
        esiti_compute(&plan, &r, 2024, &e, &d);
        cr_assert_eq(d.errors, 0);
        struct {
            const char *codice;
            double pct;
        } expected[] = {
            {"SG-01", (50 * 70 + 25 * 100 + 25 * 100) / 100.0},           /* 20 days late; override */
            {"SG-02", (25 * 100 + 20 * 100 + 40 * 50 + 15 * 100) / 100.0}, /* 26 days late → 50 */
            {"SG-03", (25 * 100 + 45 * 80 + 15 * 100 + 15 * 50) / 100.0},  /* 0, 2, 0, 5 days */
            {"ICT-01", (30 * 100 + 30 * 100 + 20 * 70 + 10 * 100 + 10 * 100) / 100.0},
            {"DEMO-03", (40 * 50 + 40 * 100 + 20 * 100) / 100.0},          /* 20 days: band ">15<60" */
            {"PROT-01", (40 * 80 + 60 * 90) / 100.0},                      /* 85 % → 80; 1,8 days → 90 */
            {"TRIB-01", (70 * 100 + 30 * 80) / 100.0},
            {"PERS-01", (60 * 100 + 40 * 60) / 100.0},
            {"RAG-03", (20 * 100 + 20 * 100 + 20 * 100 + 10 * 80 + 20 * 100 + 20 * 100) / 110.0}, /* weights 110 */
            {"COMM-01", (60 * 100 + 40 * 70) / 100.0},
            {"SOC-02", (40 * 50 + 20 * 100 + 30 * 100 + 10 * 80) / 100.0}, /* 45 days: "oltre 30" → 50 */
            {"PL-01", 25 * (340.0 / 365 * 100 + 100 + 100 + 300.0 / 365 * 100 + 90) / 125.0}, /* weights 125 */
            {"DSS-02", (80 * 100 + 10 * 70 + 10 * 100) / 100.0},
        };
        for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
            const EsitoObiettivo *o = NULL;
            for (size_t k = 0; k < e.n; k++)
                if (strcmp(e.obiettivi[k].obiettivo->codice, expected[i].codice) == 0)
                    o = &e.obiettivi[k];
            cr_assert(o && o->has_percentuale, "%s", expected[i].codice);
            cr_assert_float_eq(o->percentuale, expected[i].pct, 1e-9, "%s: %.4f, expected %.4f", expected[i].codice,
                               o->percentuale, expected[i].pct);
        }
        size_t scored = 0, reported = 0;
        for (size_t k = 0; k < e.n; k++) {
            scored += e.obiettivi[k].has_percentuale;
            for (size_t a = 0; a < e.obiettivi[k].n_azioni; a++)
                reported += e.obiettivi[k].azioni[a].stato != STATO_NON_RILEVATO;
        }
        cr_assert_eq(reported, 89);
        cr_assert_eq(scored, 37, "DEMO-05 has no 2024 action");
        esiti_free(&e);
        raggiunto_free(&r);
        diag_list_free(&d);
    }
    plan_free(&plan);
}

Test(esiti_cli, errors_with_their_lines_all_in_one_run)
{
    Run r = run("esiti tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/raggiunto-errori.csv");
    cr_assert_eq(r.status, 1, "%s", r.out);
    const char *expected[] = {
        "raggiunto-errori.csv:2: R-01: la data «31/02/2024» non esiste nel calendario",
        "raggiunto-errori.csv:3: X-99: nessun obiettivo del piano ha il codice «X-99»",
        "raggiunto-errori.csv:4: R-01: l'obiettivo non ha un'azione n. 9 nel 2024",
        "raggiunto-errori.csv:5: R-01: «valore» deve essere un numero o sì/no, non «abc»",
        "raggiunto-errori.csv:6: R-02: percentuale «120» fuori dall'intervallo 0–100",
        /* a date alone is a rilevazione (docs/formato.md §2): no % from this rule, a warning, not an error */
        "avviso: tests/fixtures/raggiunto-errori.csv:7: R-01: azione n. 3: conclusa il 01/01/2025, ma la regola è "
        "«proporzionale» e la data non dà la percentuale: serve il «valore» misurato",
        "raggiunto-errori.csv:8: R-02: azione n. 1: la «percentuale» sostituisce quella della regola «si_no» solo con una «nota»",
        "raggiunto-errori.csv:10: R-02: seconda rilevazione per l'azione n. 4 del 2024",
    };
    const char *at = r.out;
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        const char *hit = strstr(at, expected[i]);
        cr_assert_not_null(hit, "missing or out of order: %s\n%s", expected[i], r.out);
        at = hit;
    }
    cr_assert_null(strstr(r.out, "\"anno\""), "no results printed on errors");
    free(r.out);
}

Test(esiti_cli, json_and_csv_outputs)
{
    Run r = run("esiti tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/raggiunto.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "\"codice\":\t\"R-01\",\n\t\t\t\"percentuale\":\t82,");
    expect_contains(&r, "\"percentuale\":\t84.95,");
    expect_contains(&r, "\"codice\":\t\"R-03\",\n\t\t\t\"percentuale\":\tnull,\n\t\t\t\"azioni_non_rilevate\":\t1");
    expect_contains(&r, "\"stato\":\t\"non_rilevato\"");
    expect_contains(&r, "\"persone\":\t[]");
    free(r.out);
    r = run("esiti tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/raggiunto.json --formato csv");
    cr_assert_eq(r.status, 0);
    expect_contains(&r, "anno;obiettivo;percentuale_obiettivo;azioni_non_rilevate;azione;peso;stato;percentuale_azione;");
    expect_contains(&r, "2024;R-02;84,95;0;2;30;rilevato;66,50;");
    expect_contains(&r, "2024;R-03;;1;1;100;non_rilevato;;");
    free(r.out);
}

Test(esiti_cli, year_mismatch_and_usage)
{
    Run r = run("esiti tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/raggiunto.json --anno 2025");
    cr_assert_eq(r.status, 1);
    expect_contains(&r, "il file riporta le rilevazioni del 2024, ma è stato chiesto il 2025 (--anno)");
    free(r.out);
    r = run("esiti tests/fixtures/esiti-piano.json");
    cr_assert_eq(r.status, 2, "--raggiunto is required");
    free(r.out);
    r = run("esiti tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/raggiunto.json --codifica latin9");
    cr_assert_eq(r.status, 2);
    free(r.out);
}

Test(esiti_cli, template_round_trip)
{
    Run r = run("modello-raggiunto samples/sarzana-2024-2026.json --anno 2024");
    cr_assert_eq(r.status, 0);
    size_t lines = 0;
    for (const char *p = r.out; *p; p++)
        lines += *p == '\n';
    cr_assert_eq(lines, 90, "header and the 89 actions of 2024");
    expect_contains(&r, "obiettivo;azione;testo_azione;scadenza;regola;data;valore;percentuale;raggiunto;nota;"
                        "avanzamento;criticita;proposta\r\n");
    expect_contains(&r, "PL-01;1;");
    free(r.out);
    /* the untouched template reads back: every action "non rilevato", no errors */
    r = run_shell("'" SCHEDE_EXE "' modello-raggiunto samples/sarzana-2024-2026.json > $T/modello-test.csv && '" SCHEDE_EXE
                  "' esiti samples/sarzana-2024-2026.json --raggiunto $T/modello-test.csv --formato csv | grep -c ';non_rilevato;'");
    cr_assert_eq(atoi(r.out), 89, "%s", r.out);
    free(r.out);
}

Test(esiti_cli, stampa_prints_results_on_the_scheda, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run_shell("rm -rf $T/esiti-pdf && '" SCHEDE_EXE "' stampa samples/sarzana-2024-2026.json "
                      "--raggiunto samples/raggiunto-2024.csv --anno 2024 --out $T/esiti-pdf >/dev/null 2>&1 && "
                      "pdftotext -raw $T/esiti-pdf/schede.pdf - 2>/dev/null");
    cr_assert_eq(r.status, 0);
    expect_contains(&r, "20/01/2025 \xE2\x80\x93 20 gg di ritardo");
    /* pdftotext gives the no-break space before % as a space */
    expect_contains(&r, "70,00 %");
    expect_contains(&r, "85,00 %");
    expect_contains(&r, "100,00 % (1)");
    expect_contains(&r, "(1) Azione n. 2: percentuale indicata dall'ufficio al posto di quella della regola.");
    expect_contains(&r, "(1) Azione n. 1: indicatore PCC: -7 giorni");
    expect_contains(&r, "93,07 %");
    free(r.out);
    /* errors in the rilevazioni: nothing written */
    r = run_shell("rm -rf $T/esiti-err && mkdir $T/esiti-err && '" SCHEDE_EXE "' stampa tests/fixtures/esiti-piano.json "
                  "--raggiunto tests/fixtures/raggiunto-errori.csv --out $T/esiti-err; echo rc=$?; ls $T/esiti-err | wc -l");
    expect_contains(&r, "nessun documento scritto: le rilevazioni hanno errori");
    expect_contains(&r, "rc=1\n0\n");
    free(r.out);
}

Test(raggiunto, every_spelling_of_booleans_numbers_and_dates)
{
    /* UTF-8 without BOM, ';' */
    const char *csv = "obiettivo;azione;data;valore;percentuale;raggiunto;nota\n"
                      "A;1;;vero;;;\n"
                      "A;2;;falso;;;\n"
                      "A;3;;NO;;;\n"
                      "A;4;;Sì;;;\n"
                      "A;5;;X;;;\n"
                      "A;6;;1 200,50;;;\n"
                      "A;7;;\xE2\x82\xAC 1.234,56;;;\n"
                      "A;8;;;12,5%;;\n"
                      "A;9;;1.500;;;\n"
                      "A;10;1/2/24;;;;\n"
                      "A;11;2024-02-29;;;;\n"
                      "A;12;29.02.2024;;;;\n";
    Rilevazioni r;
    DiagList d;
    diag_list_init(&d);
    cr_assert_eq(raggiunto_load_buffer("x.csv", csv, strlen(csv), CODIFICA_AUTO, &r, &d), LOAD_OK);
    cr_assert_eq(r.n, 12);
    bool expected_bool[] = {true, false, false, true, true};
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(r.items[i].valore_kind, VALORE_SI_NO, "row %d", i + 2);
        cr_assert_eq(r.items[i].valore_si, expected_bool[i], "row %d", i + 2);
    }
    cr_assert_float_eq(r.items[5].valore, 1200.5, 1e-9, "space as thousands separator");
    cr_assert_float_eq(r.items[6].valore, 1234.56, 1e-9, "euro sign and thousands dot");
    cr_assert_float_eq(r.items[7].percentuale, 12.5, 1e-9, "percent sign");
    cr_assert_float_eq(r.items[8].valore, 1500, 1e-9, "a dot and three digits: thousands, the Italian way");
    cr_assert_eq(d.warnings, 1, "… and said so");
    cr_assert_eq(d.items[0].line, 10);
    cr_assert(r.items[9].data.year == 2024 && r.items[9].data.month == 2 && r.items[9].data.day == 1, "d/m/yy");
    cr_assert(r.items[10].has_data && r.items[11].has_data, "ISO and dd.mm.yyyy");
    raggiunto_free(&r);
    diag_list_free(&d);
}

/* ---- a completion date is a rilevazione, whatever the rule (docs/formato.md §2, §4) ---- */

/* Five actions, one per rule kind, all due 30/06/2025. */
static const char DATE_RULES_PLAN[] =
    "{\"formato\":\"schede-piano/1\",\"ente\":\"Comune di Prova\",\"triennio\":[2025,2027],\"obiettivi\":[{"
    "\"codice\":\"R-01\",\"tipo\":\"comune\",\"descrizione\":\"Regole\",\"bilancio\":[{\"missione\":\"01\","
    "\"programma\":\"02\"}],\"annualita\":[{\"anno\":2025,\"azioni\":["
    "{\"n\":1,\"peso\":20,\"azione\":\"Ritardo\",\"scadenza\":\"2025-06-30\",\"regola\":{\"tipo\":\"ritardo\","
    "\"fasce\":[{\"giorni\":0,\"percentuale\":100},{\"giorni\":30,\"percentuale\":70},{\"giorni\":60,\"percentuale\":40}]}},"
    "{\"n\":2,\"peso\":20,\"azione\":\"Soglie\",\"scadenza\":\"2025-06-30\",\"regola\":{\"tipo\":\"soglie\","
    "\"verso\":\"crescente\",\"fasce\":[{\"da\":100,\"percentuale\":100},{\"da\":50,\"percentuale\":60}]}},"
    "{\"n\":3,\"peso\":20,\"azione\":\"Proporzionale\",\"scadenza\":\"2025-06-30\",\"regola\":{\"tipo\":\"proporzionale\","
    "\"obiettivo\":200}},"
    "{\"n\":4,\"peso\":20,\"azione\":\"Si no\",\"scadenza\":\"2025-06-30\",\"regola\":{\"tipo\":\"si_no\"}},"
    "{\"n\":5,\"peso\":20,\"azione\":\"Manuale\",\"scadenza\":\"2025-06-30\",\"regola\":{\"tipo\":\"manuale\"}}]}]}]}";

typedef enum { GIVEN_DATE, GIVEN_PERCENT, GIVEN_BOTH } Given;

/* The five rilevazioni, all of the same kind: 20/07/2025 (20 days late), or 80 % with a nota, or both. */
static Rilevazioni date_rules_ril(Given g)
{
    StrBuf b = {0};
    strbuf_puts(&b, "{\"formato\":\"schede-raggiunto/1\",\"anno\":2025,\"rilevazioni\":[");
    for (int n = 1; n <= 5; n++) {
        char *row = xasprintf("%s{\"obiettivo\":\"R-01\",\"azione\":%d%s%s}", n > 1 ? "," : "", n,
                              g != GIVEN_PERCENT ? ",\"data\":\"2025-07-20\"" : "",
                              g != GIVEN_DATE ? ",\"percentuale\":80,\"nota\":\"giudizio del dirigente\"" : "");
        strbuf_puts(&b, row);
        free(row);
    }
    strbuf_puts(&b, "]}");
    Rilevazioni r;
    DiagList d;
    diag_list_init(&d);
    cr_assert_eq(raggiunto_load_buffer("ril.json", b.data, b.len, CODIFICA_AUTO, &r, &d), LOAD_OK);
    diag_list_free(&d);
    strbuf_free(&b);
    return r;
}

static const Diag *warning_for(const DiagList *d, int n)
{
    char *path = xasprintf("$.rilevazioni[%d]", n - 1);
    const Diag *found = NULL;
    for (size_t i = 0; i < d->count && !found; i++)
        if (d->items[i].severity == DIAG_WARNING && d->items[i].path && strcmp(d->items[i].path, path) == 0)
            found = &d->items[i];
    free(path);
    return found;
}

Test(esiti, completion_date_with_every_rule_at_year_end_and_during_the_year)
{
    Plan plan;
    DiagList pd;
    diag_list_init(&pd);
    cr_assert_eq(plan_load_buffer("p.json", DATE_RULES_PLAN, strlen(DATE_RULES_PLAN), &plan, &pd), LOAD_OK);
    diag_list_free(&pd);
    static const char *const RULE[] = {"", "ritardo", "soglie", "proporzionale", "si_no", "manuale"};
    const Date late = {2025, 9, 30}, early = {2025, 7, 10};
    const Date *ats[] = {NULL, &late, &early};
    for (int g = GIVEN_DATE; g <= GIVEN_BOTH; g++)
        for (size_t w = 0; w < 3; w++) {
            const Date *al = ats[w];
            Rilevazioni r = date_rules_ril((Given)g);
            Esiti e;
            DiagList d;
            diag_list_init(&d);
            esiti_compute_at(&plan, &r, 2025, al, &e, &d);
            cr_assert_eq(d.errors, 0, "given %d, al %zu: %s", g, w, d.count ? d.items[0].message : "");
            const EsitoObiettivo *o = &e.obiettivi[0];
            for (int n = 1; n <= 5; n++) {
                const EsitoAzione *a = &o->azioni[n - 1];
                const Diag *warn = warning_for(&d, n);
                const char *ctx = RULE[n];
                if (g == GIVEN_DATE && al == &early) {
                    /* 20/07 is after 10/07: not known yet */
                    cr_assert_eq(a->stato, STATO_NON_RILEVATO, "%s", ctx);
                    cr_assert(strstr(a->dettaglio, "completata il 20/07/2025, dopo il 10/07/2025"), "%s: %s", ctx,
                              a->dettaglio);
                    cr_assert_null(warn, "%s", ctx);
                } else if (g == GIVEN_DATE && n == 1) {
                    /* 20 days late, band "fino a 30" → 70 */
                    cr_assert_eq(a->stato, STATO_RILEVATO);
                    cr_assert_float_eq(a->percentuale, 70, 1e-9);
                    cr_assert_null(warn);
                } else if (g == GIVEN_DATE) {
                    cr_assert_eq(a->stato, STATO_NON_RILEVATO, "%s", ctx);
                    cr_assert(strstr(a->dettaglio, "conclusa il 20/07/2025"), "%s: %s", ctx, a->dettaglio);
                    if (al) {
                        cr_assert_null(warn, "%s: during the year a date alone is expected", ctx);
                    } else {
                        cr_assert_not_null(warn, "%s: at year end the missing % is a warning", ctx);
                        cr_assert_str_eq(warn->codice, "R-01");
                        cr_assert(strstr(warn->message, "azione n. "), "%s", warn->message);
                        char *rule = xasprintf("la regola è «%s»", ctx);
                        cr_assert(strstr(warn->message, rule), "%s", warn->message);
                        cr_assert(strstr(warn->message, "l'azione resta non rilevata"), "%s", warn->message);
                        free(rule);
                    }
                } else {
                    /* a percentuale: the result of manuale, an override (with its nota) of the others */
                    cr_assert_eq(a->stato, n == 5 ? STATO_RILEVATO : STATO_FORZATO, "%s, given %d", ctx, g);
                    cr_assert_float_eq(a->percentuale, 80, 1e-9);
                    cr_assert_null(warn);
                }
            }
            /* the objective: Σ(peso × %) / Σ(peso) over what has a % */
            if (g == GIVEN_DATE && al != &early) {
                cr_assert(o->has_percentuale);
                cr_assert_float_eq(o->percentuale, 70, 1e-9);
                cr_assert_eq(o->non_rilevate, 4);
            } else if (g == GIVEN_DATE) {
                cr_assert_not(o->has_percentuale);
                cr_assert_eq(o->non_rilevate, 5);
            } else {
                cr_assert_float_eq(o->percentuale, 80, 1e-9);
                cr_assert_eq(o->non_rilevate, 0);
            }
            cr_assert_eq(d.warnings, g == GIVEN_DATE && !al ? 4u : 0u);
            esiti_free(&e);
            raggiunto_free(&r);
            diag_list_free(&d);
        }
    plan_free(&plan);
}

/* A percentuale equal to the one the rule gives from the rest of the rilevazione replaces nothing: no nota needed.
   R-01's action 1, concluded on 30/01/2025 (30 days after its scadenza, 31/12/2024): the rule gives 70. */
Test(esiti, the_rules_own_percentage_needs_no_nota)
{
    Plan plan = load_plan(SCHEDE_SOURCE_DIR "/tests/fixtures/esiti-piano.json");
    static const char *const cases[] = {
        "{\"formato\":\"schede-raggiunto/1\",\"anno\":2024,\"rilevazioni\":[{\"obiettivo\":\"R-01\",\"azione\":1,"
        "\"data\":\"2025-01-30\",\"percentuale\":70}]}",
        "{\"formato\":\"schede-raggiunto/1\",\"anno\":2024,\"rilevazioni\":[{\"obiettivo\":\"R-01\",\"azione\":1,"
        "\"data\":\"2025-01-30\",\"percentuale\":75}]}",
    };
    for (int k = 0; k < 2; k++) {
        Rilevazioni r;
        DiagList d;
        diag_list_init(&d);
        cr_assert_eq(raggiunto_load_buffer("r.json", cases[k], strlen(cases[k]), CODIFICA_UTF8, &r, &d), LOAD_OK);
        Esiti e;
        esiti_compute(&plan, &r, 2024, &e, &d);
        const EsitoAzione *a = &e.obiettivi[0].azioni[0];
        if (k == 0) {
            cr_assert_eq(d.errors, 0, "%s", d.count ? d.items[0].message : "");
            cr_assert_eq(a->stato, STATO_RILEVATO);
            cr_assert_float_eq(a->percentuale, 70.0, 1e-9);
        } else {
            const Diag *why = diag_find(&d, "solo con una «nota»");
            cr_assert_not_null(why, "75 is not the rule's 70: a nota is needed");
            cr_assert_str_eq(why->campo, "nota");
        }
        esiti_free(&e);
        raggiunto_free(&r);
        diag_list_free(&d);
    }
    plan_free(&plan);
}
