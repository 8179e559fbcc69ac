/* The archive (schede archivio …, --archivio): documents from it byte for
 * byte those from the files, the registro of a second plan version, bad
 * input leaving it unchanged, its triggers, and the faults the trusted
 * stores survive: a writer killed mid-import, two writers at once, a full
 * disk. The archive is opened here too, with SQLite itself, to do what the
 * program must refuse. */
#include <sqlite3.h>
#include <sys/stat.h>

#include "fileio.h"
#include "run.h"

#define PIANO "samples/sarzana-2024-2026.json"
#define VARIAZIONE "samples/sarzana-2024-2026-variazione.json"
#define ANNO "samples/raggiunto-2024.csv"
#define META "samples/raggiunto-2024-06-30.csv"
#define SISTEMA "samples/sistema-smvp.json"
#define VALUTAZIONI "samples/valutazioni-2024.csv"

static void ok(const char *args)
{
    Run r = run(args);
    cr_assert_eq(r.status, 0, "schede %s: %s", args, r.out);
    free(r.out);
}

/* A new archive in $T with the Sarzana plan, approved by the Giunta, the
 * 2024 rilevazioni, the SMVP and the valutazioni (and, with meta, the
 * monitoring at 30/06/2024). */
static void archive_with_samples(bool meta)
{
    ok("archivio crea $T/a.db --ente 'Comune di Sarzana' --autore Segreteria");
    ok("archivio importa $T/a.db " PIANO " " ANNO " " SISTEMA " " VALUTAZIONI " --anno 2024 --autore 'M. Rossi' "
       "--motivo 'PIAO 2024'");
    ok("archivio approva $T/a.db --versione 1 --giunta 30/01/2024 --autore Segreteria");
    if (meta)
        ok("archivio importa $T/a.db " META " --al 30/06/2024 --autore 'M. Rossi'");
}

/* The text of a PDF's first page. */
static char *first_page_text(const char *pdf)
{
    char *cmd = xasprintf("pdftotext -l 1 -layout %s -", pdf);
    Run r = run_shell(cmd);
    free(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    return r.out;
}

/* What the archive holds, written out: before and after a refused change, the same. */
static char *exported(const char *name)
{
    char *cmd = xasprintf("rm -rf $T/%s && '%s' archivio esporta $T/a.db --out $T/%s >/dev/null && cd $T/%s && "
                          "sha256sum * && '%s' archivio storia $T/a.db | sha256sum",
                          name, SCHEDE_EXE, name, name, SCHEDE_EXE);
    Run r = run_shell(cmd);
    free(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    return r.out;
}

static void expect_same_files(const char *a, const char *b, const char *const *names)
{
    for (size_t i = 0; names[i]; i++) {
        char *cmd = xasprintf("cmp $T/%s/%s $T/%s/%s", a, names[i], b, names[i]);
        Run r = run_shell(cmd);
        cr_assert_eq(r.status, 0, "%s differs: %s", names[i], r.out);
        free(r.out);
        free(cmd);
    }
}

Test(archivio, documents_from_the_archive_are_those_from_the_files, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(true);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    ok("stampa " PIANO " --raggiunto " ANNO " --anno 2024 --sistema " SISTEMA " --valutazioni " VALUTAZIONI
       " --dati-aperti --out $T/file");
    ok("stampa --archivio $T/a.db --anno 2024 --dati-aperti --out $T/arch");
    static const char *const year[] = {"schede.pdf", "relazione.pdf", "relazione.csv", "premi.pdf", "premi.csv", NULL};
    expect_same_files("file", "arch", year);
    /* the persone: the same but for the presa visione, which from the archive is only one recorded there (taken in
       the web, or signed on paper and entered by the ufficio personale): a date in an uploaded file is not one */
#define PRESE_VISIONE(pdf) "pdftotext -layout " pdf " - | grep -A1 'Il dipendente, per presa visione' | grep -c '/20'"
    Run r = run_shell(PRESE_VISIONE("$T/file/persone.pdf") "; " PRESE_VISIONE("$T/arch/persone.pdf"));
    int in_file = 0, in_archive = 0;
    cr_assert_eq(sscanf(r.out, "%d %d", &in_file, &in_archive), 2, "%s", r.out);
    cr_assert_gt(in_file, 0, "the file's prese visione (Alessandra Bogo's 14/02/2025 among them): %s", r.out);
    cr_assert_eq(in_archive, 0, "none from the archive, where none was recorded: %s", r.out);
    free(r.out);
    ok("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' comunica --autore personale");
    ok("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' presa-visione-cartacea --motivo 12/03/2025 "
       "--autore personale");
    r = run("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' presa-visione");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "è «presa visione»");
    free(r.out);
    ok("stampa --archivio $T/a.db --anno 2024 --solo persone --out $T/arch-pv");
    r = run_shell(PRESE_VISIONE("$T/arch-pv/persone.pdf") "; pdftotext -layout $T/arch-pv/persone.pdf - | "
                  "grep -A1 'Il dipendente, per presa visione' | grep -c '12/03/2025'");
    cr_assert_str_eq(r.out, "1\n1\n", "the presa visione signed on paper, on Alessandra Bogo's sheet alone: %s", r.out);
    free(r.out);
    ok("stampa " PIANO " --raggiunto " META " --al 30/06/2024 --dati-aperti --out $T/file-al");
    ok("stampa --archivio $T/a.db --al 30/06/2024 --dati-aperti --out $T/arch-al");
    static const char *const monitoring[] = {"schede.pdf", "monitoraggio.pdf", "monitoraggio.csv", NULL};
    expect_same_files("file-al", "arch-al", monitoring);
    /* what esporta writes gives the same documents again */
    ok("archivio esporta $T/a.db --out $T/esportati");
    ok("stampa $T/esportati/piano.json --raggiunto $T/esportati/raggiunto-2024.json --anno 2024 --sistema "
       "$T/esportati/sistema.json --valutazioni $T/esportati/valutazioni-2024.json --dati-aperti --out $T/esp");
    expect_same_files("file", "esp", year);
    unsetenv("SOURCE_DATE_EPOCH");
}

/* One version rule for every reader of the archive (archivio_piano_da_usare): until a version is approved the
   latest is used and every document says so; once one is, that one, even with a newer draft beside it; --versione N
   chooses another. verifica, esiti, esporta and stampa follow it alike. */
Test(archivio, the_approved_version_is_what_every_reader_uses, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    ok("archivio crea $T/a.db --ente 'Comune di Sarzana'");
    ok("archivio importa $T/a.db " PIANO " " ANNO " --anno 2024");
    /* none approved: the latest, said on the command line and at the top of every page */
    Run r = run("stampa --archivio $T/a.db --anno 2024 --solo schede --out $T/bozza");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "versione 1 del piano, non approvata: nessuna versione è approvata, si usa l'ultima");
    free(r.out);
    char *text = first_page_text("$T/bozza/schede.pdf");
    cr_assert(strstr(text, "Bozza: versione 1 del piano, non approvata dalla Giunta"), "%s", text);
    free(text);
    r = run_shell("pdftotext $T/bozza/schede.pdf - | grep -c 'Bozza: versione 1 del piano'; "
                  "pdfinfo $T/bozza/schede.pdf | grep Pages");
    cr_assert_eq(r.status, 0, "%s", r.out);
    int notices = 0, pages = 0;
    cr_assert_eq(sscanf(r.out, "%d Pages: %d", &notices, &pages), 2, "%s", r.out);
    cr_assert_eq(notices, pages, "every page says so: %s", r.out);
    free(r.out);
    /* approved; then a draft version 2: the documents stay those of version 1, without a notice */
    r = run("archivio approva $T/a.db --versione 1 --giunta 30/01/2024 --autore Segreteria");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "versione 1 del piano approvata (Giunta del 30/01/2024)");
    free(r.out);
    ok("archivio importa $T/a.db " VARIAZIONE " --motivo 'proposta di variazione'");
    ok("stampa " PIANO " --raggiunto " ANNO " --anno 2024 --solo schede --out $T/f1");
    ok("stampa --archivio $T/a.db --anno 2024 --solo schede --out $T/a1");
    static const char *const schede[] = {"schede.pdf", NULL};
    expect_same_files("f1", "a1", schede);
    r = run_shell("'" SCHEDE_EXE "' esiti --archivio $T/a.db --anno 2024 > $T/a1.json && '" SCHEDE_EXE "' esiti " PIANO
                  " --raggiunto " ANNO " --anno 2024 > $T/f1.json && cmp $T/a1.json $T/f1.json && echo uguali");
    cr_assert_str_eq(r.out, "uguali\n", "esiti: %s", r.out);
    free(r.out);
    r = run("verifica --archivio $T/a.db --anno 2024");
    expect_contains(&r, PIANO ": 38 obiettivi");
    free(r.out);
    ok("archivio esporta $T/a.db --out $T/esp");
    r = run_shell("cmp $T/esp/piano.json " PIANO " && echo uguali");
    cr_assert_str_eq(r.out, "uguali\n", "archivio esporta: %s", r.out);
    free(r.out);
    /* --versione 2: the draft, which has no action 3 in DEMO-03 for a rilevazione of the year (so it is version 2) */
    r = run("stampa --archivio $T/a.db --versione 2 --anno 2024 --solo schede --out $T/a2");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "versione 2 del piano, non approvata\n");
    expect_contains(&r, "DEMO-03: l'obiettivo non ha un'azione n. 3 nel 2024");
    free(r.out);
    r = run_shell("printf 'obiettivo;azione;data;valore;percentuale;raggiunto;nota\\n' > $T/vuoto.csv");
    free(r.out);
    ok("stampa --archivio $T/a.db --versione 2 --anno 2024 --solo schede --raggiunto $T/vuoto.csv --out $T/a2");
    text = first_page_text("$T/a2/schede.pdf");
    cr_assert(strstr(text, "Bozza: versione 2 del piano, non approvata dalla Giunta"), "%s", text);
    free(text);
    /* approved in its turn (proposta on the way, both in the registro): now version 2 for every reader */
    ok("archivio approva $T/a.db --versione 2 --giunta 15/07/2024");
    ok("archivio esporta $T/a.db --out $T/esp2");
    r = run_shell("cmp $T/esp2/piano.json " VARIAZIONE " && echo uguali");
    cr_assert_str_eq(r.out, "uguali\n", "archivio esporta: %s", r.out);
    free(r.out);
    r = run("verifica --archivio $T/a.db --anno 2024");
    expect_contains(&r, VARIAZIONE ": 38 obiettivi");
    free(r.out);
    r = run("archivio approva $T/a.db --versione 2 --giunta 15/07/2024");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "la versione 2 del piano era già approvata: nessun cambiamento");
    free(r.out);
    r = run_shell("'" SCHEDE_EXE "' archivio storia $T/a.db --formato csv | grep '\"stato\";\"stati\";\"2\"'");
    expect_contains(&r, "\"versione\";;\"\"\"proposta\"\"\";\n");
    expect_contains(&r, "\"versione\";\"\"\"proposta\"\"\";\"\"\"approvata\"\"\";\"Giunta del 15/07/2024\"");
    free(r.out);
    r = run("archivio approva $T/a.db --versione 3 --giunta 15/07/2024");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "non c'è la versione 3 del piano: le versioni sono da 1 a 2");
    free(r.out);
    r = run("archivio approva $T/a.db --versione 2");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "--giunta gg/mm/aaaa");
    free(r.out);
    unsetenv("SOURCE_DATE_EPOCH");
}

/* The ente's profile of forms lives in the archive: every document made from it uses it, unless stampa --profilo
   says otherwise; a change is in the registro. */
Test(archivio, the_profile_of_the_ente_is_the_archives, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    Run r = run("archivio crea $T/g.db --ente 'Comune di Prova' --profilo inesistente");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "profilo «inesistente» sconosciuto");
    free(r.out);
    ok("archivio crea $T/g.db --ente 'Comune di Prova' --profilo generico");
    ok("archivio importa $T/g.db " PIANO " " ANNO " --anno 2024");
    ok("archivio approva $T/g.db --versione 1 --giunta 30/01/2024");
    r = run("archivio profilo $T/g.db");
    expect_contains(&r, "profilo generico");
    free(r.out);
    ok("stampa " PIANO " --raggiunto " ANNO " --anno 2024 --solo schede --profilo generico --out $T/fg");
    ok("stampa " PIANO " --raggiunto " ANNO " --anno 2024 --solo schede --out $T/fs");
    ok("stampa --archivio $T/g.db --anno 2024 --solo schede --out $T/ag");
    static const char *const schede[] = {"schede.pdf", NULL};
    expect_same_files("fg", "ag", schede);
    ok("stampa --archivio $T/g.db --anno 2024 --solo schede --profilo sarzana --out $T/as");
    expect_same_files("fs", "as", schede);
    r = run("archivio profilo $T/g.db sarzana --autore Segreteria");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "profilo sarzana (registrato)");
    free(r.out);
    ok("stampa --archivio $T/g.db --anno 2024 --solo schede --out $T/as2");
    expect_same_files("fs", "as2", schede);
    r = run("archivio profilo $T/g.db altro");
    cr_assert_eq(r.status, 2, "%s", r.out);
    free(r.out);
    r = run("archivio storia $T/g.db");
    expect_contains(&r, "Segreteria  profilo  ente: profilo \"generico\" → \"sarzana\"");
    free(r.out);
    unsetenv("SOURCE_DATE_EPOCH");
}

Test(archivio, a_second_version_is_in_the_history_field_by_field, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    ok("archivio importa $T/a.db " VARIAZIONE " --autore 'Giunta' --motivo 'Delibera n. 112'");
    Run r = run("archivio storia $T/a.db DEMO-03");
    cr_assert_eq(r.status, 0, "%s", r.out);
    /* the variation, by hand: DEMO-03 2024 azione 1 peso 40 → 60, 2025 azione 1 70 → 50, 2025 azione 2 30 → 20 */
    expect_contains(&r, "Giunta  importa piano  versione 2  DEMO-03: annualità 2024, azione 1: peso \"40\" → \"60\"  "
                        "(motivo: Delibera n. 112)");
    expect_contains(&r, "annualità 2025, azione 1: peso \"70\" → \"50\"");
    expect_contains(&r, "annualità 2025, azione 2: peso \"30\" → \"20\"");
    free(r.out);
    /* one registro row per change that confronta finds between the two files, no more, no less */
    r = run_shell("'" SCHEDE_EXE "' confronta " PIANO " " VARIAZIONE " 2>/dev/null | "
                  "grep -o '\"campo\"' | wc -l; '" SCHEDE_EXE "' archivio storia $T/a.db --formato csv | "
                  "grep -c '^\"[^\"]*\";\"Giunta\";\"importa piano\";\"obiettivi\";\"versione 2\";\"[^\"]*\";\"[^\"]*\"'");
    cr_assert_eq(r.status, 0, "%s", r.out);
    int fields = 0, rows = 0;
    cr_assert_eq(sscanf(r.out, "%d %d", &fields, &rows), 2, "%s", r.out);
    cr_assert_gt(fields, 10);
    cr_assert_eq(rows, fields, "%s", r.out);
    free(r.out);
    /* the same plan again: no new version */
    r = run("archivio importa $T/a.db " VARIAZIONE);
    expect_contains(&r, "piano identico alla versione 2: nessuna nuova versione");
    free(r.out);
    /* and the versions stay readable, each as it was */
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    ok("stampa --archivio $T/a.db --versione 1 --anno 2024 --solo schede --out $T/v1");
    ok("stampa " PIANO " --raggiunto " ANNO " --anno 2024 --solo schede --out $T/f1");
    static const char *const schede[] = {"schede.pdf", NULL};
    expect_same_files("v1", "f1", schede);
    unsetenv("SOURCE_DATE_EPOCH");
    r = run("archivio controlla $T/a.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "archivio integro; 2 versioni del piano; registro completo");
    free(r.out);
    /* confronta of the two stored versions is confronta of the two files */
    r = run_shell("'" SCHEDE_EXE "' confronta --archivio $T/a.db --versioni 1 2 > $T/v.json 2>/dev/null && '" SCHEDE_EXE
                  "' confronta " PIANO " " VARIAZIONE " > $T/f.json 2>/dev/null && cmp $T/v.json $T/f.json && echo uguali");
    cr_assert_str_eq(r.out, "uguali\n", "%s", r.out);
    free(r.out);
    r = run("confronta --archivio $T/a.db 1 2");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "con --archivio si confrontano due versioni: --versioni VECCHIA NUOVA");
    free(r.out);
    r = run("confronta --archivio $T/a.db --versioni 1 7");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "non c'è la versione 7 del piano: le versioni sono da 1 a 2");
    free(r.out);
}

Test(archivio, the_other_commands_read_the_archive_too, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    /* the plan's workbook, the templates, the report of verifica: the same from the archive as from the files */
    ok("esporta " PIANO " $T/f.xlsx");
    ok("esporta --archivio $T/a.db $T/a.xlsx");
    ok("modello-raggiunto " PIANO " --anno 2024 --formato xlsx --out $T/f-modello.xlsx");
    ok("modello-raggiunto --archivio $T/a.db --anno 2024 --formato xlsx --out $T/a-modello.xlsx");
    ok("modello-valutazioni " PIANO " --sistema " SISTEMA " --out $T/f-val.xlsx");
    ok("modello-valutazioni --archivio $T/a.db --out $T/a-val.xlsx");
    unsetenv("SOURCE_DATE_EPOCH");
    Run r = run_shell("cd $T && cmp f.xlsx a.xlsx && cmp f-modello.xlsx a-modello.xlsx && cmp f-val.xlsx a-val.xlsx && "
                      "echo uguali");
    cr_assert_str_eq(r.out, "uguali\n", "%s", r.out);
    free(r.out);
    r = run_shell("'" SCHEDE_EXE "' verifica " PIANO " --raggiunto " ANNO " --anno 2024 --sistema " SISTEMA
                  " --valutazioni " VALUTAZIONI " 2>&1 | tail -4 > $T/f.txt; '" SCHEDE_EXE "' verifica --archivio $T/a.db "
                  "--anno 2024 2>&1 | tail -4 > $T/a.txt; cat $T/a.txt; diff $T/f.txt $T/a.txt | grep -c '^[<>]'");
    /* the same counts; only the names of the rilevazioni and the valutazioni differ (the archive's) */
    expect_contains(&r, "samples/sarzana-2024-2026.json: 38 obiettivi, 129 azioni, 52 persone");
    expect_contains(&r, " (rilevazioni 2024): anno 2024, 89 azioni rilevate su 89, 37 obiettivi con una percentuale");
    expect_contains(&r, " (valutazioni del 2024): 48 persone valutate, 47 con punteggio finale, 1 incompleta");
    expect_contains(&r, "samples/sistema-smvp.json: premi: fondo 48.321,57 €, 41 aventi diritto, distribuiti 48.321,57 €");
    cr_assert(strstr(r.out, "\n4\n"), "two lines differ (their file's name), in each: %s", r.out);
    free(r.out);
    r = run("esporta --archivio $T/a.db " PIANO " $T/x.xlsx");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "con --archivio si indica solo il foglio da scrivere");
    free(r.out);
}

Test(archivio, a_rilevazione_changed_is_recorded_before_and_after, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    /* SG-01 azione 1 was 20/01/2025 (70 %): now on time, with a note */
    run_shell_ok(xasprintf("printf 'obiettivo;azione;data;nota\\nSG-01;1;20/12/2024;pubblicato in tempo\\n' > $T/r.csv"));
    Run r = run("archivio importa $T/a.db $T/r.csv --anno 2024 --autore Ufficio");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "1 rilevazioni del 2024, 1 nuove o cambiate");
    free(r.out);
    r = run("archivio storia $T/a.db SG-01");
    expect_contains(&r, "Ufficio  modifica rilevazione  2024 SG-01 azione 1: data \"2025-01-20\" → \"2024-12-20\"");
    expect_contains(&r, "Ufficio  modifica rilevazione  2024 SG-01 azione 1: nota \"Pubblicazione slittata");
    free(r.out);
    r = run("esiti --archivio $T/a.db --anno 2024 --formato csv");
    /* on time: 100 %, and SG-01 (50 % weight on it) rises from 85 to 100 */
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "2024;SG-01;100,00;0;1;50;rilevato;100,00;");
    free(r.out);
}

/* The valutazioni from the command line, person by person as in the web (src/caricamento): a file of one person
   changes her alone (--prova first: nothing written); a valutazione communicated and seen refuses the file whole,
   naming her, until it is reopened with a reason; --rimuovi takes out the persons it names. Alessia Tronfi's C1 from 8
   to 10: 30·2/10 = 6 points of comportamenti (weight 40 of 100): 82,77 + 2,40 = 85,17. */
Test(archivio, valutazioni_merge_by_person_under_the_locks, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    run_shell_ok(xasprintf("head -1 " VALUTAZIONI " > $T/t.csv; grep '^tronfi-a;' " VALUTAZIONI
                           " | sed 's/;100;100;8;9;8;8;/;100;100;10;9;8;8;/' >> $T/t.csv"));
    Run r = run("archivio importa $T/a.db $T/t.csv --anno 2024 --prova");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "valutazioni del 2024: 0 nuove, 1 modificate, 0 uguali, 47 non nel file (restano come sono), "
                        "0 rimosse");
    expect_contains(&r, "modificata 2024, Alessia Tronfi: voto C1 8 → 10; punteggio finale 82,77 → 85,17");
    expect_contains(&r, "prova: nessuna modifica scritta nell'archivio");
    free(r.out);
    r = run("archivio storia $T/a.db");
    cr_assert_null(strstr(r.out, "modifica valutazione"), "--prova wrote: %s", r.out);
    free(r.out);
    /* Alessandra Bogo communicated and seen (on paper): her row refuses the file whole */
    ok("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' comunica --autore personale");
    ok("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' presa-visione-cartacea --motivo 12/03/2025 "
       "--autore personale");
    run_shell_ok(xasprintf("grep '^ALESSANDRA BOGO;' " VALUTAZIONI " | sed 's/;100;100;9;9;8;9;/;100;100;10;9;8;9;/' "
                           ">> $T/t.csv"));
    r = run("archivio importa $T/a.db $T/t.csv --anno 2024");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "cambierebbe 1 valutazione già comunicate, viste o validate");
    expect_contains(&r, "Alessandra Bogo (valutazione del 2024 presa visione): voto C1 9 → 10; punteggio finale 84,97 → "
                        "86,17");
    expect_contains(&r, "nessuna modifica");
    free(r.out);
    r = run("archivio storia $T/a.db");
    cr_assert_null(strstr(r.out, "modifica valutazione"), "refused, yet written: %s", r.out);
    free(r.out);
    ok("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' riapri --motivo 'voto C1 da correggere' "
       "--autore personale");
    r = run("archivio importa $T/a.db $T/t.csv --anno 2024 --rimuovi 'Cinzia Baruzzo; Cristina Cecchi' "
            "--autore personale");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "0 nuove, 2 modificate, 0 uguali, 44 non nel file (restano come sono), 2 rimosse");
    free(r.out);
    r = run("archivio storia $T/a.db");
    expect_contains(&r, "personale  modifica valutazione  2024 Alessia Tronfi: voti.C1 8 → 10");
    expect_contains(&r, "personale  modifica valutazione  2024 Alessandra Bogo: voti.C1 9 → 10");
    expect_contains(&r, "personale  rimuove valutazione  2024 Cinzia Baruzzo");
    free(r.out);
    r = run("verifica --archivio $T/a.db --anno 2024");
    expect_contains(&r, " (valutazioni del 2024): 46 persone valutate");
    free(r.out);
}

/* Rilevazioni sent to the OIV, or validated, change only after the OIV sends them back: from the command line as in
   the web (flusso_rilevazioni_bloccate); the same values again change nothing and pass; a closed raccolta takes none. */
Test(archivio, validated_rilevazioni_change_only_after_the_oiv_sends_them_back, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    ok("archivio stato $T/a.db rilevazioni '2024 SG-01' invia --autore segretario");
    ok("archivio stato $T/a.db rilevazioni '2024 SG-01' valida --autore oiv");
    run_shell_ok(xasprintf("printf 'obiettivo;azione;data\nSG-01;1;20/12/2024\n' > $T/r.csv; "
                           "printf 'obiettivo;azione;data\nSG-01;1;10/12/2024\n' > $T/r2.csv"));
    Run r = run("archivio importa $T/a.db $T/r.csv --anno 2024");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "le rilevazioni di SG-01 sono «validata»: cambiano solo dopo che l'OIV le rimanda al dirigente");
    expect_contains(&r, "nessuna modifica");
    free(r.out);
    ok("archivio importa $T/a.db " ANNO " --anno 2024"); /* the same values: nothing changes, nothing refused */
    ok("archivio stato $T/a.db rilevazioni '2024 SG-01' rimanda --motivo 'data da verificare' --autore oiv");
    ok("archivio importa $T/a.db $T/r.csv --anno 2024");
    ok("archivio stato $T/a.db raccolta 2024 chiudi --autore segreteria");
    r = run("archivio importa $T/a.db $T/r2.csv --anno 2024");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "la raccolta di queste rilevazioni è chiusa: la riapre la Segreteria");
    free(r.out);
}

Test(archivio, bad_input_changes_nothing, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    char *before = exported("prima");
    /* a plan with errors, next to a good file: neither goes in */
    Run r = run("archivio importa $T/a.db " VARIAZIONE " tests/fixtures/errori.json");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "errore: tests/fixtures/errori.json");
    expect_contains(&r, "nessuna modifica: l'importazione si fa tutta o per niente");
    free(r.out);
    /* rilevazioni of an objective the plan does not have */
    run_shell_ok(xasprintf("printf 'obiettivo;azione;percentuale\\nXX-99;1;50\\n' > $T/ignoto.csv"));
    r = run("archivio importa $T/a.db $T/ignoto.csv --anno 2024");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "nessun obiettivo del piano ha il codice «XX-99»");
    free(r.out);
    /* a file that is none of the four */
    r = run("archivio importa $T/a.db layouts/scheda.json");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "layouts/scheda.json: file non riconosciuto");
    free(r.out);
    char *after = exported("dopo");
    cr_assert_str_eq(after, before, "the archive changed");
    free(before);
    free(after);
    /* not an archive, no archive, an archive of a newer version */
    run_shell_ok(xasprintf("echo 'non sono un database' > $T/testo.db"));
    r = run("archivio storia $T/testo.db");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "non è un archivio di schede");
    free(r.out);
    r = run("stampa --archivio $T/manca.db");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "archivio non trovato (si crea con: schede archivio crea");
    free(r.out);
    run_shell_ok(xasprintf("cp $T/a.db $T/nuovo.db"));
    sqlite3 *db;
    cr_assert_eq(sqlite3_open(tpath("$T/nuovo.db"), &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    r = run("archivio importa $T/nuovo.db " VARIAZIONE);
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "l'archivio è della versione 99, più recente di questo programma");
    free(r.out);
    /* an existing file is never overwritten by crea */
    r = run("archivio crea $T/a.db --ente Altro");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "il file esiste già");
    free(r.out);
}

Test(archivio, a_locked_archive_is_an_error_and_stays_unchanged, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    char *before = exported("prima");
    sqlite3 *db;
    cr_assert_eq(sqlite3_open(tpath("$T/a.db"), &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK); /* another writer, holding it */
    setenv("SCHEDE_ARCHIVIO_ATTESA_MS", "200", 1);
    Run r = run("archivio importa $T/a.db " VARIAZIONE);
    unsetenv("SCHEDE_ARCHIVIO_ATTESA_MS");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "l'archivio è occupato da un'altra scrittura");
    free(r.out);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    char *after = exported("dopo");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
}

Test(archivio, a_read_only_archive_is_an_error_and_stays_unchanged, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    char *before = exported("prima");
    /* as root a file's mode does not stop a write: the program runs as nobody, on a copy of itself */
    run_shell_ok(xasprintf("chmod a+rx $T && mkdir $T/ro && cp '%s' $T/ro/schede && cp $T/a.db $T/ro/a.db && cp %s $T/ro/v.json "
                           "&& chmod 755 $T/ro && chmod 444 $T/ro/a.db",
                           SCHEDE_PROGRAM, VARIAZIONE));
    const char *as = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    char *cmd = xasprintf("cd $T/ro && %s./schede archivio importa a.db v.json; echo \"exit $?\"", as);
    Run r = run_shell(cmd);
    free(cmd);
    expect_contains(&r, "l'archivio è in sola lettura");
    expect_contains(&r, "nessuna modifica");
    expect_contains(&r, "exit 2\n");
    free(r.out);
    run_shell_ok(xasprintf("cmp $T/a.db $T/ro/a.db"));
    char *after = exported("dopo");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
}

Test(archivio, the_registro_refuses_changes_and_its_chain_shows_them, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    sqlite3 *db;
    cr_assert_eq(sqlite3_open(tpath("$T/a.db"), &db), SQLITE_OK);
    char *err = NULL;
    cr_assert_neq(sqlite3_exec(db, "UPDATE registro SET chi = 'altri' WHERE id = 2", NULL, NULL, &err), SQLITE_OK);
    cr_assert(strstr(err, "il registro delle modifiche non si modifica"), "%s", err);
    sqlite3_free(err);
    cr_assert_neq(sqlite3_exec(db, "DELETE FROM registro WHERE id = 2", NULL, NULL, &err), SQLITE_OK);
    cr_assert(strstr(err, "il registro delle modifiche non si cancella"), "%s", err);
    sqlite3_free(err);
    /* whoever drops the trigger to change a row is found out by the chain */
    cr_assert_eq(sqlite3_exec(db, "DROP TRIGGER registro_senza_modifiche; UPDATE registro SET chi = 'altri' WHERE id = 3",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, "DROP TRIGGER registro_senza_cancellazioni; DELETE FROM registro WHERE id = 5", NULL,
                              NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(db);
    Run r = run("archivio controlla $T/a.db");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "registro: la riga 3 è stata modificata fuori dal programma");
    expect_contains(&r, "registro: mancano le righe da 5 a 5");
    free(r.out);
}

Test(archivio, writers_killed_mid_import_leave_every_reported_import, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    ok("archivio crea $T/a.db --ente Prova");
    /* two plans alternating, so that every import that finishes is a new version; each killed at a
       random moment; what printed "versione N" must be there afterwards */
    Run r = run_shell("for i in $(seq 1 24); do "
                      "  if [ $((i % 2)) -eq 0 ]; then f=" PIANO "; else f=" VARIAZIONE "; fi; "
                      "  '" SCHEDE_PROGRAM "' archivio importa $T/a.db $f >$T/out-$i.txt 2>&1 & pid=$!; "
                      "  sleep 0.0$(( (i * 37) % 9 + 1 )); kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; "
                      "done; cat $T/out-*.txt | grep -o 'piano, versione [0-9]*' | sort -u | wc -l");
    cr_assert_eq(r.status, 0, "%s", r.out);
    int reported = atoi(r.out);
    free(r.out);
    r = run("archivio controlla $T/a.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    r = run_shell("for n in $(cat $T/out-*.txt | grep -o 'piano, versione [0-9]*' | grep -o '[0-9]*$'); do "
                  "'" SCHEDE_EXE "' archivio storia $T/a.db | grep -q \"importa piano  versione $n \" || echo manca $n; "
                  "done");
    cr_assert_str_eq(r.out, "", "imports reported but not in the archive: %s", r.out);
    free(r.out);
    cr_log_info("%d imports of 24 finished before their kill", reported);
}

Test(archivio, two_writers_at_once_both_succeed, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    ok("archivio crea $T/a.db --ente Prova");
    ok("archivio importa $T/a.db " PIANO);
    Run r = run_shell("'" SCHEDE_PROGRAM "' archivio importa $T/a.db " ANNO " --anno 2024 --autore uno >$T/1.txt 2>&1 & a=$!; "
                      "'" SCHEDE_PROGRAM "' archivio importa $T/a.db " META " --al 30/06/2024 --autore due >$T/2.txt 2>&1 & "
                      "b=$!; wait $a; ra=$?; wait $b; rb=$?; echo $ra $rb; cat $T/1.txt $T/2.txt");
    cr_assert(strncmp(r.out, "0 0\n", 4) == 0, "%s", r.out);
    expect_contains(&r, "89 rilevazioni del 2024, 89 nuove o cambiate");
    expect_contains(&r, "78 rilevazioni del 2024 al 30/06/2024, 78 nuove o cambiate");
    free(r.out);
    r = run("archivio controlla $T/a.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
}

Test(archivio, a_full_disk_is_an_error_and_changes_nothing, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    ok("archivio crea $T/a.db --ente Prova");
    ok("archivio importa $T/a.db " VARIAZIONE);
    char *before = exported("prima");
    /* a file size limit stands in for the full disk: the plan's pages do not fit */
    Run r = run_shell("trap '' XFSZ; ulimit -f 400; '" SCHEDE_PROGRAM "' archivio importa $T/a.db " PIANO " " ANNO
                      " --anno 2024");
    cr_assert_neq(r.status, 0, "%s", r.out);
    expect_contains(&r, "nessuna modifica");
    free(r.out);
    char *after = exported("dopo");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
    r = run("archivio controlla $T/a.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
}

Test(archivio, an_online_copy_is_a_whole_archive, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    ok("archivio copia $T/a.db $T/copia.db");
    Run r = run("archivio controlla $T/copia.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    r = run_shell("'" SCHEDE_EXE "' archivio storia $T/a.db > $T/s1 && '" SCHEDE_EXE "' archivio storia $T/copia.db > $T/s2 "
                  "&& cmp $T/s1 $T/s2 && wc -l < $T/s1");
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert_gt(atoi(r.out), 100, "%s", r.out);
    free(r.out);
    r = run("archivio copia $T/a.db $T/copia.db");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "il file esiste già");
    free(r.out);
}

Test(archivio, history_as_csv_and_json, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    ok("archivio crea $T/a.db --ente 'Comune \"di\" Prova' --autore 'Anna; Rossi'");
    Run r = run("archivio storia $T/a.db --formato csv");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "quando;chi;operazione;tabella;chiave;obiettivo;campo;prima;dopo;motivo\n");
    expect_contains(&r, ";\"Anna; Rossi\";\"crea archivio\";\"enti\";\"ente\";;\"nome\";;\"\"\"Comune \\\"\"di\\\"\" Prova\"\"\";");
    free(r.out);
    r = run("archivio storia $T/a.db --formato json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "\"chi\": \"Anna; Rossi\"");
    expect_contains(&r, "\"dopo\": \"Comune \\\"di\\\" Prova\"}");
    free(r.out);
}

/* Inserts into the table of an old archive a file as it kept them whole (a plan version, the SMVP, valutazioni). */
static void insert_file(sqlite3 *db, const char *sql, const char *file)
{
    size_t len;
    const char *reason;
    char *path = xasprintf("%s/%s", SCHEDE_SOURCE_DIR, file);
    char *bytes = file_read_all(path, &len, &reason);
    cr_assert_not_null(bytes, "%s", reason);
    sqlite3_stmt *s;
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
    sqlite3_bind_text(s, 1, file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 2, bytes, (int)len, SQLITE_TRANSIENT);
    cr_assert_eq(sqlite3_step(s), SQLITE_DONE, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    free(bytes);
    free(path);
}

/* An archive of schema version 2 (before the ente's profile, with valutazioni kept as whole files) is brought up to
   date at its first write, keeping what it had: the default profile; the year's last file of valutazioni as one row
   per person, from which the documents are those of the file; read-only, it says what to do. */
Test(archivio, an_archive_of_version_2_is_brought_up_to_date, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    char *schema_path = xasprintf("%s/src/archivio/schema/sqlite.sql", SCHEDE_SOURCE_DIR);
    size_t len;
    const char *reason;
    char *schema = file_read_all(schema_path, &len, &reason);
    cr_assert_not_null(schema, "%s", reason);
    char *v3 = strstr(schema, "-- @versione 3");
    cr_assert_not_null(v3);
    *v3 = '\0'; /* sections 1 and 2: the schema version 2 wrote */
    sqlite3 *db;
    char *path = xstrdup(tpath("$T/vecchio.db"));
    cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    cr_assert_eq(sqlite3_exec(db, schema, NULL, NULL, &err), SQLITE_OK, "%s", err);
    cr_assert_eq(sqlite3_exec(db, "INSERT INTO enti (nome, creato) VALUES ('Comune di Prima', '2025-01-01T00:00:00Z');"
                                  "PRAGMA user_version = 2;", NULL, NULL, &err), SQLITE_OK, "%s", err);
    insert_file(db, "INSERT INTO versioni (ente, numero, importato, autore, file, contenuto) VALUES (1, 1, "
                    "'2025-01-01T00:00:00Z', 'prova', ?, ?)", PIANO);
    insert_file(db, "INSERT INTO sistemi (ente, importato, autore, file, contenuto) VALUES (1, '2025-01-01T00:00:00Z', "
                    "'prova', ?, ?)", SISTEMA);
    insert_file(db, "INSERT INTO valutazioni (ente, anno, importato, autore, file, contenuto) VALUES (1, 2024, "
                    "'2025-01-01T00:00:00Z', 'prova', ?, ?)", "tests/fixtures/valutazioni-2024-vecchie.csv");
    insert_file(db, "INSERT INTO valutazioni (ente, anno, importato, autore, file, contenuto) VALUES (1, 2024, "
                    "'2025-02-01T00:00:00Z', 'prova', ?, ?)", VALUTAZIONI);
    sqlite3_close(db);
    Run r = run("archivio profilo $T/vecchio.db");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "l'archivio è della versione 2: si aggiorna alla prima scrittura");
    free(r.out);
    ok("archivio profilo $T/vecchio.db generico");
    r = run("archivio profilo $T/vecchio.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "profilo generico");
    free(r.out);
    cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *s;
    cr_assert_eq(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int(s, 0), 4);
    sqlite3_finalize(s);
    sqlite3_close(db);
    /* the last file of 2024, person by person: the same counts as the file, the same premi */
    r = run("verifica --archivio $T/vecchio.db --anno 2024");
    expect_contains(&r, " (valutazioni del 2024): 48 persone valutate, 47 con punteggio finale, 1 incompleta");
    free(r.out);
    ok("archivio importa $T/vecchio.db " ANNO " --anno 2024");
    ok("archivio profilo $T/vecchio.db sarzana");
    ok("archivio approva $T/vecchio.db --versione 1 --giunta 30/01/2024");
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    ok("stampa " PIANO " --raggiunto " ANNO " --anno 2024 --sistema " SISTEMA " --valutazioni " VALUTAZIONI
       " --solo premi --out $T/file");
    ok("stampa --archivio $T/vecchio.db --anno 2024 --solo premi --out $T/arch");
    unsetenv("SOURCE_DATE_EPOCH");
    static const char *const premi[] = {"premi.pdf", NULL};
    expect_same_files("file", "arch", premi);
    free(path);
    free(schema_path);
    free(schema);
}

/* schede archivio stato: the states listed, and the table's steps for the offices without the web, each with its
   checks and its sentence; a person's own step is the person's, in the web. */
Test(archivio, the_workflows_steps_from_the_command_line, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    archive_with_samples(false);
    ok("archivio importa $T/a.db " VARIAZIONE);
    Run r = run("archivio stato $T/a.db versione 2 approva --motivo 10/07/2024");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "versione 2 è «bozza»: il passo «approva» si fa quando è «proposta»");
    free(r.out);
    ok("archivio stato $T/a.db versione 2 proponi --autore Segreteria");
    r = run("archivio stato $T/a.db versione 2 approva --motivo 31/06/2024");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "Data della delibera di Giunta: il 31/06/2024 non esiste nel calendario");
    free(r.out);
    r = run("archivio stato $T/a.db versione 2 approva");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "«Registra l'approvazione» richiede: Data della delibera di Giunta");
    free(r.out);
    ok("archivio stato $T/a.db versione 2 approva --motivo 10/07/24 --autore Segreteria");
    r = run("archivio stato $T/a.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "versione 1: superata (Segreteria, ");
    expect_contains(&r, ") — superata dalla versione 2\n");
    expect_contains(&r, "versione 2: approvata (Segreteria, ");
    expect_contains(&r, ") — Giunta del 10/07/2024\n");
    free(r.out);
    r = run("archivio stato $T/a.db relazione 2024 valida --motivo 'conforme'");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "prima la Segreteria chiude la raccolta delle rilevazioni di fine anno del 2024");
    free(r.out);
    r = run("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' comunica");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    r = run("archivio stato $T/a.db valutazione '2024 Alessandra Bogo' presa-visione");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "questo passo lo fa soltanto la persona valutata, dal proprio accesso");
    free(r.out);
    r = run("archivio stato $T/a.db valutazione 2024 comunica");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "«2024» non è la chiave di valutazione: «ANNO NOME»");
    free(r.out);
    r = run("archivio stato $T/a.db obiettivo 2024 invia");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "«obiettivo» non è un oggetto dei flussi");
    free(r.out);
    r = run("archivio stato $T/a.db rilevazioni '2024 XX-99' invia");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "il piano non ha un obiettivo con il codice «XX-99»");
    free(r.out);
    /* every step is in the registro, with its reason */
    r = run("archivio storia $T/a.db --formato csv");
    expect_contains(&r, "\"Segreteria\";\"stato\";\"stati\";\"1\";;\"versione\";\"\"\"approvata\"\"\";\"\"\"superata\"\"\";"
                        "\"superata dalla versione 2\"");
    free(r.out);
    r = run("archivio controlla $T/a.db");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
}
