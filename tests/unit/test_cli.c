/* The schede program end to end: output, exit codes 0 / 1 / 2. */
#include "run.h"

Test(cli, warnings_only_exit_0)
{
    Run r = run("verifica tests/fixtures/avvisi.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "avviso: tests/fixtures/avvisi.json: PL-01: $.obiettivi[0].annualita[0].azioni: "
                        "i pesi delle azioni del 2024 sommano a 125, non a 100");
    expect_contains(&r, "tests/fixtures/avvisi.json: 1 obiettivo, 5 azioni, 0 persone (0 nel registro, "
                        "0 nomi fuori registro); 0 errori, 1 avviso");
    free(r.out);
}

Test(cli, data_errors_exit_1_and_are_all_listed)
{
    Run r = run("verifica tests/fixtures/errori.json");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "errore: tests/fixtures/errori.json: A-01: $.obiettivi[0].annualita[0].azioni[0].scadenza: "
                        "la data «2024-02-30» non esiste nel calendario");
    expect_contains(&r, "errore: tests/fixtures/errori.json: A-01: $.obiettivi[1].codice: il codice «A-01» è già usato");
    expect_contains(&r, "$.obiettivi[1].annualita[0].azioni[0].regola.tipo: tipo di regola sconosciuto «boh»");
    expect_contains(&r, "; 3 errori,");
    free(r.out);
}

Test(cli, syntax_error_names_file_line_column)
{
    Run r = run("verifica tests/fixtures/sintassi.json");
    cr_assert_eq(r.status, 1);
    expect_contains(&r, "errore: tests/fixtures/sintassi.json:4:1: virgola di troppo prima della chiusura");
    free(r.out);
}

Test(cli, empty_file_exit_1)
{
    Run r = run("verifica tests/fixtures/vuoto.json");
    cr_assert_eq(r.status, 1);
    expect_contains(&r, "il file è vuoto");
    free(r.out);
}

Test(cli, unreadable_file_exit_2)
{
    Run r = run("verifica tests/fixtures/non-esiste.json");
    cr_assert_eq(r.status, 2);
    expect_contains(&r, "errore: tests/fixtures/non-esiste.json: impossibile leggere il file: il file non esiste");
    free(r.out);
    r = run("verifica tests/fixtures");
    cr_assert_eq(r.status, 2);
    expect_contains(&r, "è una cartella");
    free(r.out);
}

Test(cli, usage_errors_exit_2)
{
    Run r = run("");
    cr_assert_eq(r.status, 2);
    expect_contains(&r, "uso: schede COMANDO");
    free(r.out);
    r = run("stampaa piano.json");
    cr_assert_eq(r.status, 2);
    expect_contains(&r, "comando sconosciuto «stampaa»");
    free(r.out);
    r = run("verifica");
    cr_assert_eq(r.status, 2);
    free(r.out);
    r = run("verifica --boh tests/fixtures/avvisi.json");
    cr_assert_eq(r.status, 2);
    expect_contains(&r, "opzione sconosciuta «--boh»");
    free(r.out);
    r = run("verifica a.json b.json");
    cr_assert_eq(r.status, 2);
    free(r.out);
}

Test(cli, help_and_version_exit_0)
{
    Run r = run("--aiuto");
    cr_assert_eq(r.status, 0);
    expect_contains(&r, "verifica PIANO.json");
    free(r.out);
    r = run("--versione");
    cr_assert_eq(r.status, 0);
    expect_contains(&r, "schede ");
    expect_contains(&r, "dati: ");
    free(r.out);
}

Test(cli, sarzana_sample_exits_0_and_lists_its_real_defects)
{
    Run r = run("verifica samples/sarzana-2024-2026.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "PL-01: $.obiettivi[34].annualita[0].azioni: i pesi delle azioni del 2024 sommano a 125, non a 100");
    expect_contains(&r, "RAG-03: $.obiettivi[18].annualita[0].azioni: i pesi delle azioni del 2024 sommano a 110, non a 100");
    expect_contains(&r, "PROT-01: $.obiettivi[13].risorse_umane[1]: le percentuali di partecipazione dell'azione n. 2 "
                        "del 2024 sommano a 95%, non a 100%");
    expect_contains(&r, "DEMO-03: $.obiettivi[9]: manca il collegamento al bilancio");
    expect_contains(&r, "samples/sarzana-2024-2026.json: 38 obiettivi, 129 azioni, 52 persone (48 nel registro, "
                        "4 nomi fuori registro); 0 errori,");
    free(r.out);
}

Test(cli, characters_no_font_can_print_are_warned)
{
    Run r = run("verifica tests/fixtures/caratteri.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "avviso: tests/fixtures/caratteri.json: CAR-01: $.obiettivi[0].descrizione: nessun carattere "
                        "tipografico può stampare «\xF0\x9F\x98\x80» (U+1F600)");
    cr_assert_null(strstr(r.out, "U+2610"), "☐ is printed by the fallback font: no warning");
    cr_assert_null(strstr(r.out, "U+2211"), "∑ likewise");
    expect_contains(&r, "0 errori, 1 avviso");
    free(r.out);
}
