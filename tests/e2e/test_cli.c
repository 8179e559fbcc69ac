/* The schede program end to end: output, exit codes 0 / 1 / 2. */
#include "catalogo.h"
#include "commands.h"
#include "options.h"
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
    expect_contains(&r, "verifica [PIANO] ");
    expect_contains(&r, "archivio importa ARCHIVIO FILE… ");
    expect_contains(&r, "3 memoria insufficiente");
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

/* ---- the one table of options (src/cli/options.c): parsing and help from it ---- */

/* A value the option accepts: its example, or the command's first choice. */
static const char *good_value(const CommandOption *o)
{
    return OPTION_DEFS[o->id].kind == VALUE_CHOICE ? o->choices[0] : OPTION_DEFS[o->id].example;
}

Test(cli, every_option_of_the_table_is_parsed_and_in_the_help)
{
    size_t checked = 0;
    for (size_t c = 0; COMMANDS[c]; c++) {
        const Command *cmd = COMMANDS[c];
        char *help = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&help, &len);
        command_help(cmd, f);
        fclose(f);
        for (size_t i = 0; i < cmd->n_options; i++) {
            const CommandOption *o = &cmd->options[i];
            const OptionDef *d = &OPTION_DEFS[o->id];
            char *line = xasprintf("  %s", d->name);
            cr_assert(strstr(help, line), "%s: %s not in the help:\n%s", cmd->name, d->name, help);
            cr_assert(strstr(help, o->help), "%s: the help line of %s:\n%s", cmd->name, d->name, help);
            free(line);
            char *argv[6] = {(char *)d->name, NULL, NULL, NULL, NULL, NULL};
            int argc = 1;
            if (d->kind != VALUE_NONE)
                argv[argc++] = (char *)good_value(o);
            argv[argc++] = "a.json";
            if (cmd->min_args == 2)
                argv[argc++] = "b.json";
            Parsed p;
            cr_assert_eq(command_parse(cmd, argc, argv, &p), 0, "%s %s", cmd->name, d->name);
            cr_assert(p.set[o->id], "%s %s", cmd->name, d->name);
            if (d->kind != VALUE_NONE)
                cr_assert_str_eq(p.value[o->id], good_value(o));
            cr_assert_str_eq(p.args[0], "a.json");
            checked++;
        }
        free(help);
    }
    /* verifica 8, stampa 16, esiti 11, modello-raggiunto 7, modello-valutazioni 5, esporta 2, confronta 4;
       archivio crea 3, importa 7, esporta 2, storia 1, copia 0, controlla 0, utente 7, profilo 1, approva 3, stato 2;
       web 9 */
    cr_assert_eq(checked, 88, "the table has the options of every command (%zu)", checked);
}

/* --solo takes the documents of the catalogue (src/docs/catalogo.c): its help lists them, and any other name is
   refused naming them all. */
Test(cli, the_documents_of_stampa_come_from_the_catalogue)
{
    char *help = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&help, &len);
    command_help(command_find("stampa"), f);
    fclose(f);
    StrBuf names = {0};
    for (size_t k = 0; k < N_DOCUMENTI; k++) {
        strbuf_puts(&names, k ? "|" : "--solo ");
        strbuf_puts(&names, CATALOGO[k].nome);
    }
    cr_assert(strstr(help, names.data), "%s not in:\n%s", names.data, help);
    free(help);
    strbuf_free(&names);
    Run r = run("stampa samples/sarzana-2024-2026.json --solo variazioni");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "--solo «variazioni» non va bene: --solo vuole schede, persone, relazione, premi o monitoraggio");
    free(r.out);
}

Test(cli, every_command_answers_aiuto_help_and_h_with_its_own_help)
{
    for (size_t c = 0; COMMANDS[c]; c++) {
        const char *forms[] = {"--aiuto", "--help", "-h"};
        char *first = NULL;
        for (size_t k = 0; k < 3; k++) {
            char *args = xasprintf("%s %s", COMMANDS[c]->name, forms[k]);
            Run r = run(args);
            cr_assert_eq(r.status, 0, "%s: %s", args, r.out);
            char *head = xasprintf("uso: schede %s %s", COMMANDS[c]->name, COMMANDS[c]->arguments);
            expect_contains(&r, head);
            expect_contains(&r, "Codici di uscita: 0 tutto bene, 1 errori nei dati, 2 uso errato o file illeggibile, "
                                "3 memoria insufficiente.");
            for (size_t i = 0; i < COMMANDS[c]->n_options; i++)
                expect_contains(&r, OPTION_DEFS[COMMANDS[c]->options[i].id].name);
            if (!first)
                first = r.out;
            else {
                cr_assert_str_eq(r.out, first, "%s", args);
                free(r.out);
            }
            free(head);
            free(args);
        }
        free(first);
    }
    Run r = run("stampa --aiuto");
    expect_contains(&r, "--pdfa");
    expect_contains(&r, "--senza-pdfa");
    free(r.out);
}

Test(cli, an_option_of_another_command_is_named_and_refused)
{
    Run r = run("verifica tests/fixtures/avvisi.json --al 2025-06-30");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "schede verifica: l'opzione --al non si usa con verifica");
    free(r.out);
    r = run("esporta tests/fixtures/avvisi.json x.xlsx --anno 2025");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "l'opzione --anno non si usa con esporta");
    free(r.out);
    r = run("confronta a.json b.json --raggiunto r.csv");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "l'opzione --raggiunto non si usa con confronta");
    free(r.out);
    r = run("stampa tests/fixtures/avvisi.json --out x --out y");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "--out indicata due volte");
    free(r.out);
}

/* One wording for a missing or malformed value, in every command. */
Test(cli, one_wording_for_a_missing_or_malformed_value)
{
    static const struct {
        const char *args, *message;
    } cases[] = {
        {"esiti tests/fixtures/avvisi.json --anno", "schede esiti: --anno vuole un anno, per esempio --anno 2025"},
        {"stampa tests/fixtures/avvisi.json --anno 20x",
         "schede stampa: --anno «20x» non va bene: --anno vuole un anno, per esempio --anno 2025"},
        {"verifica tests/fixtures/avvisi.json --anno 1999",
         "schede verifica: --anno «1999» non va bene: --anno vuole un anno, per esempio --anno 2025"},
        {"modello-raggiunto tests/fixtures/avvisi.json --anno",
         "schede modello-raggiunto: --anno vuole un anno, per esempio --anno 2025"},
        {"stampa tests/fixtures/avvisi.json --out", "schede stampa: --out vuole una cartella, per esempio --out documenti"},
        {"esiti tests/fixtures/avvisi.json --formato xml",
         "schede esiti: --formato «xml» non va bene: --formato vuole json o csv, per esempio --formato json"},
        {"modello-raggiunto tests/fixtures/avvisi.json --formato pdf",
         "--formato «pdf» non va bene: --formato vuole csv o xlsx, per esempio --formato csv"},
        {"stampa tests/fixtures/avvisi.json --codifica latin1",
         "--codifica «latin1» non va bene: --codifica vuole utf-8, windows-1252, utf8 o cp1252"},
        {"esiti tests/fixtures/avvisi.json --al 32/01/2025",
         "--al «32/01/2025» non va bene: --al vuole una data (gg/mm/aaaa o aaaa-mm-gg), per esempio --al 30/06/2025"},
        {"confronta a.json b.json --formato", "schede confronta: --formato vuole json o pdf, per esempio --formato json"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Run r = run(cases[i].args);
        cr_assert_eq(r.status, 2, "%s: %s", cases[i].args, r.out);
        expect_contains(&r, cases[i].message);
        expect_contains(&r, "--aiuto per l'uso)");
        free(r.out);
    }
}

/* --out names a folder to create (parents too); confronta with --out writes a file. */
Test(cli, out_folders_are_created_and_confronta_writes_where_asked, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = test_dir("cli", "out");
    char *args = xasprintf("stampa tests/fixtures/avvisi.json --solo schede --out '%s/a/b/c'", dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "/a/b/c/schede.pdf");
    free(r.out);
    free(args);
    const char *pair = "tests/fixtures/confronto/vecchio.json tests/fixtures/confronto/nuovo.json";
    args = xasprintf("confronta %s --out '%s/v/1'", pair, dir);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "/v/1/variazioni.pdf");
    cr_assert_null(strstr(r.out, "\"modificati\""), "with --out no JSON on the screen: %s", r.out);
    free(r.out);
    free(args);
    args = xasprintf("confronta %s --formato json --out '%s/v/2'", pair, dir);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "/v/2/variazioni.json");
    free(r.out);
    free(args);
    args = xasprintf("test -s '%s/v/1/variazioni.pdf' && grep -q modificati '%s/v/2/variazioni.json'", dir, dir);
    run_shell_ok(args);
    char *stdout_args = xasprintf("confronta %s", pair);
    r = run(stdout_args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "\"modificati\"");
    free(r.out);
    free(stdout_args);
    /* a file standing where a folder is wanted */
    args = xasprintf("touch '%s/file' && '%s' stampa tests/fixtures/avvisi.json --out '%s/file/x'", dir, SCHEDE_EXE, dir);
    r = run_shell(args);
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "impossibile creare la cartella: non è una cartella");
    free(r.out);
    free(args);
    free(dir);
}

/* schede web --permessi: the matrix of the one table the server checks, without serving; with anything else it is a
   usage error, and so is schede web without an archive. */
Test(cli, web_permessi_prints_the_table_and_nothing_else)
{
    Run r = run("web --permessi");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "metodo\tpercorso\truoli\tcondizione\n");
    expect_contains(&r, "GET\t/documenti/premi.pdf\tamministratore,personale\triservato\n");
    expect_contains(&r, "POST\t/obiettivi/{codice}/rilevazioni\tdirigente\t");
    free(r.out);
    r = run("web ciclo.db --permessi");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "--permessi stampa una tabella, e basta");
    free(r.out);
    r = run("web");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "manca l'archivio");
    free(r.out);
}
