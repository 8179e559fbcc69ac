/* Workbooks in and out (docs/formato.md §6). The fixtures of tests/fixtures/workbook
 * were made by other programs than schede:
 *   piano-sarzana-libreoffice.ods/.xlsx  the Sarzana plan (as `schede esporta`
 *                                        wrote it) saved by LibreOffice Calc 7.4
 *                                        as .ods, and that .ods saved again as .xlsx
 *                                        (shared strings, LibreOffice's styles);
 *   rilevazioni-a-mano-1904.xlsx         written by hand (XML + zip): inline
 *                                        strings, the 1904 date system, prefixed
 *                                        element names, percent cells, a hidden
 *                                        sheet, an absolute part name, a formula
 *                                        (its cached value counts), merged cells;
 *   rilevazioni-libreoffice.ods          that file saved by LibreOffice;
 *   valutazioni-sheetjs.xlsx             SheetJS 0.18.5 with shared strings,
 *                                        percent cells (0,5 = 50 %), one sheet
 *                                        mixing two categories;
 *   valutazioni-libreoffice.ods          that file saved by LibreOffice;
 *   piano-errori-sheetjs.xlsx            SheetJS: a plan with wrong cells and a
 *                                        hidden sheet.
 * Each must give exactly what its JSON counterpart gives. */
#define _DEFAULT_SOURCE /* wait4 */
#include <xlsxwriter.h>
#include <zip.h>

#include "run.h"
#include "workbook.h"

#define WB "tests/fixtures/workbook/"

static char *out_dir(const char *name) { return test_dir("workbook", name); }

static char *read_path(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    StrBuf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return b.data;
}

static char *read_file(const char *rel, size_t *len)
{
    char *path = xasprintf("%s/%s", SCHEDE_SOURCE_DIR, rel);
    char *data = read_path(path, len);
    free(path);
    return data;
}

/* A workbook the program wrote, read back; free with read_back_free. */
typedef struct {
    char *data;
    Workbook wb;
    DiagList diags;
} ReadBack;

static void read_back(const char *path, ReadBack *rb)
{
    size_t len;
    rb->data = read_path(path, &len);
    diag_list_init(&rb->diags);
    cr_assert_eq(workbook_read(path, rb->data, len, &rb->wb, &rb->diags), LOAD_OK);
}

static void read_back_free(ReadBack *rb)
{
    workbook_free(&rb->wb);
    diag_list_free(&rb->diags);
    free(rb->data);
}

/* The output of a command, which must succeed. */
static char *output(const char *args)
{
    Run r = run(args);
    cr_assert_eq(r.status, 0, "schede %s:\n%s", args, r.out);
    return r.out;
}

static void same_output(const char *a, const char *b)
{
    char *x = output(a), *y = output(b);
    cr_assert_str_eq(x, y, "«%s» and «%s» differ", a, b);
    free(x);
    free(y);
}

Test(workbook, serial_numbers_of_both_date_systems)
{
    Date d;
    cr_assert(wb_serial_to_date(1, false, &d));
    cr_assert(d.year == 1900 && d.month == 1 && d.day == 1);
    cr_assert(wb_serial_to_date(59, false, &d));
    cr_assert(d.month == 2 && d.day == 28);
    cr_assert(wb_serial_to_date(61, false, &d), "after Excel's 29/02/1900 that never was");
    cr_assert(d.month == 3 && d.day == 1);
    cr_assert(wb_serial_to_date(45473.75, false, &d), "the time of day is dropped");
    cr_assert(d.year == 2024 && d.month == 6 && d.day == 30);
    cr_assert(wb_serial_to_date(0, true, &d));
    cr_assert(d.year == 1904 && d.month == 1 && d.day == 1);
    cr_assert(wb_serial_to_date(43880, true, &d));
    cr_assert(d.year == 2024 && d.month == 2 && d.day == 20);
    cr_assert_not(wb_serial_to_date(-1, false, &d));
    cr_assert_not(wb_serial_to_date(3e6, false, &d));
    char ref[16];
    wb_cell_ref(ref, sizeof ref, 4, 4);
    cr_assert_str_eq(ref, "D4");
    wb_cell_ref(ref, sizeof ref, 10, 28);
    cr_assert_str_eq(ref, "AB10");
}

Test(workbook, cells_of_a_hand_written_xlsx)
{
    size_t len;
    char *data = read_file(WB "rilevazioni-a-mano-1904.xlsx", &len);
    cr_assert(workbook_detect(data, len));
    Workbook wb;
    DiagList d;
    diag_list_init(&d);
    cr_assert_eq(workbook_read("a.xlsx", data, len, &wb, &d), LOAD_OK);
    cr_assert_eq(wb.format, WORKBOOK_XLSX);
    cr_assert_eq(wb.n, 2);
    cr_assert(wb.sheets[0].hidden, "Istruzioni is hidden");
    const WbSheet *s = workbook_sheet(&wb, "RILEVAZIONI");
    cr_assert_not_null(s);
    cr_assert_eq(s->n_rows, 9, "the trailing empty row is not a row");
    const WbCell *c = wb_cell(&s->rows[1], 3);
    cr_assert_eq(c->kind, WB_DATE, "a serial with a date format");
    cr_assert(c->date.year == 2024 && c->date.month == 2 && c->date.day == 20, "1904 system");
    c = wb_cell(&s->rows[3], 8);
    cr_assert(c->kind == WB_NUMBER && c->percent && c->number == 0.3);
    c = wb_cell(&s->rows[3], 7);
    cr_assert_eq(c->kind, WB_TEXT);
    cr_assert_str_eq(c->text, "in attesa dei dati dell'anagrafe", "an inline string");
    cr_assert_null(wb_cell(&s->rows[3], 3));
    workbook_free(&wb);
    diag_list_free(&d);
    free(data);
}

Test(workbook, the_sarzana_round_trip, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("giro");
    char *cmd = xasprintf("esporta samples/sarzana-2024-2026.json '%s/piano.xlsx'", dir);
    free(output(cmd));
    free(cmd);
    /* and what it reads back, written again */
    cmd = xasprintf("esporta '%s/piano.xlsx' '%s/piano-2.xlsx'", dir, dir);
    free(output(cmd));
    free(cmd);
    static const char *const plans[] = {"giro/piano.xlsx", "giro/piano-2.xlsx", NULL};
    for (size_t i = 0; plans[i]; i++) {
        char *a = xasprintf("esiti samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 "
                            "2>/dev/null");
        char *b = xasprintf("esiti '%s/%s' --raggiunto samples/raggiunto-2024.csv --anno 2024 2>/dev/null", dir,
                            plans[i] + 5);
        same_output(a, b);
        free(a);
        free(b);
    }
    /* the same PDFs, byte for byte */
    char *sh = xasprintf("export SOURCE_DATE_EPOCH=1700000000; E='%s'; "
                         "$E stampa samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 "
                         "--out '%s/json' >/dev/null 2>&1 && "
                         "$E stampa '%s/piano.xlsx' --raggiunto samples/raggiunto-2024.csv --anno 2024 "
                         "--out '%s/xlsx' >/dev/null 2>&1 && "
                         "for f in schede persone relazione; do cmp '%s/json/'$f.pdf '%s/xlsx/'$f.pdf || exit 1; done",
                         SCHEDE_EXE, dir, dir, dir, dir, dir);
    Run r = run_shell(sh);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(sh);
    /* verifica says the same, at sheets and cells */
    cmd = xasprintf("verifica '%s/piano.xlsx'", dir);
    r = run(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "0 errori, 51 avvisi");
    expect_contains(&r, "PL-01: Azioni, riga ");
    expect_contains(&r, "i pesi delle azioni del 2024 sommano a 125, non a 100");
    expect_contains(&r, "DEMO-04: Risorse umane!F");
    free(r.out);
    free(cmd);
    free(dir);
}

Test(workbook, libreoffice_files_of_the_sample, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    static const char *const files[] = {WB "piano-sarzana-libreoffice.ods", WB "piano-sarzana-libreoffice.xlsx", NULL};
    for (size_t i = 0; files[i]; i++) {
        char *b = xasprintf("esiti %s --raggiunto samples/raggiunto-2024.csv --anno 2024 2>/dev/null", files[i]);
        same_output("esiti samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 "
                    "2>/dev/null", b);
        free(b);
    }
    char *dir = out_dir("libreoffice");
    char *sh = xasprintf("export SOURCE_DATE_EPOCH=1700000000; E='%s'; "
                         "$E stampa samples/sarzana-2024-2026.json --solo schede --out '%s/json' >/dev/null 2>&1 && "
                         "$E stampa " WB "piano-sarzana-libreoffice.ods --solo schede --out '%s/ods' >/dev/null 2>&1 && "
                         "cmp '%s/json/schede.pdf' '%s/ods/schede.pdf'",
                         SCHEDE_EXE, dir, dir, dir, dir);
    Run r = run_shell(sh);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(sh);
    free(dir);
}

Test(workbook, rilevazioni_and_valutazioni_from_other_writers)
{
    static const char *const ril[] = {WB "rilevazioni-a-mano-1904.xlsx", WB "rilevazioni-libreoffice.ods", NULL};
    for (size_t i = 0; ril[i]; i++) {
        char *b = xasprintf("esiti tests/fixtures/monitoraggio/piano.json --raggiunto %s --al 01/03/2024 --formato csv "
                            "2>/dev/null", ril[i]);
        same_output("esiti tests/fixtures/monitoraggio/piano.json --raggiunto tests/fixtures/monitoraggio/rilevazioni.json "
                    "--al 01/03/2024 --formato csv 2>/dev/null", b);
        free(b);
        b = xasprintf("esiti tests/fixtures/monitoraggio/piano.json --raggiunto %s --anno 2024 2>/dev/null", ril[i]);
        same_output("esiti tests/fixtures/monitoraggio/piano.json --raggiunto tests/fixtures/monitoraggio/rilevazioni.json "
                    "--anno 2024 2>/dev/null", b);
        free(b);
    }
    Run r = run("esiti tests/fixtures/monitoraggio/piano.json --raggiunto " WB "rilevazioni-a-mano-1904.xlsx --anno 2024 "
                ">/dev/null");
    expect_contains(&r, "il foglio «Istruzioni» è nascosto: ignorato");
    free(r.out);
#define VAL "tests/fixtures/valutazione/piano.json --raggiunto tests/fixtures/valutazione/raggiunto.json " \
            "--sistema tests/fixtures/valutazione/sistema.json --valutazioni "
    static const char *const val[] = {WB "valutazioni-sheetjs.xlsx", WB "valutazioni-libreoffice.ods", NULL};
    for (size_t i = 0; val[i]; i++) {
        char *b = xasprintf("esiti " VAL "%s --formato csv 2>/dev/null", val[i]);
        same_output("esiti " VAL "tests/fixtures/valutazione/valutazioni.json --formato csv 2>/dev/null", b);
        free(b);
    }
    /* the incomplete evaluation is said at its row */
    r = run("verifica " VAL WB "valutazioni-sheetjs.xlsx");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "valutazioni-sheetjs.xlsx: Valutazioni, riga 8: blu-s: valutazione incompleta di Sara Blu");
    free(r.out);
}

Test(workbook, errors_name_the_sheet_and_the_cell_and_nothing_is_written)
{
    Run r = run("verifica " WB "piano-errori-sheetjs.xlsx");
    cr_assert_eq(r.status, 1, "%s", r.out);
    static const char *const expected[] = {
        "avviso: " WB "piano-errori-sheetjs.xlsx: il foglio «Note» è nascosto: ignorato",
        "avviso: " WB "piano-errori-sheetjs.xlsx: Piano!A4: chiave sconosciuta «colore», ignorata",
        "avviso: " WB "piano-errori-sheetjs.xlsx: Obiettivi!H1: colonna sconosciuta «colonna strana», ignorata",
        "errore: " WB "piano-errori-sheetjs.xlsx: Azioni!D2: «venti» non è un numero",
        "errore: " WB "piano-errori-sheetjs.xlsx: Azioni!F2: la data «31/02/2025» non esiste nel calendario",
        "errore: " WB "piano-errori-sheetjs.xlsx: Azioni!A4: nessun obiettivo del foglio «Obiettivi» ha il codice «E-09»",
        "errore: " WB "piano-errori-sheetjs.xlsx: Risorse umane!F2: «forse»: si scrive sì o no",
        "errore: " WB "piano-errori-sheetjs.xlsx: E-02: Obiettivi!B3: «tipo» deve essere \"comune\" o \"individuale\", "
        "non «misto»",
        "5 errori, 7 avvisi", NULL};
    for (size_t i = 0; expected[i]; i++)
        expect_contains(&r, expected[i]);
    free(r.out);
    char *dir = out_dir("errori");
    char *cmd = xasprintf("stampa " WB "piano-errori-sheetjs.xlsx --out '%s'", dir);
    r = run(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "nessun documento scritto");
    free(r.out);
    free(cmd);
    cmd = xasprintf("ls -A '%s'", dir);
    r = run_shell(cmd);
    cr_assert_str_eq(r.out, "", "written: %s", r.out);
    free(r.out);
    free(cmd);
    free(dir);
}

/* A workbook that cannot be written says why in Italian, and only that
 * (libxlsxwriter, left to find out itself, adds an English line). */
Test(workbook, an_unwritable_destination_in_italian)
{
    char *dir = out_dir("unwritable");
    char *cmd = xasprintf("esporta samples/sarzana-2024-2026.json '%s/manca/piano.xlsx'", dir);
    Run r = run(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    char *expected = xasprintf("errore: impossibile scrivere il file %s/manca/piano.xlsx: la cartella non esiste\n", dir);
    cr_assert_str_eq(r.out, expected);
    free(expected);
    free(r.out);
    free(cmd);
    cmd = xasprintf("modello-raggiunto samples/sarzana-2024-2026.json --formato xlsx --out '%s/manca/r.xlsx'", dir);
    r = run(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    cr_assert_null(strstr(r.out, "ERROR"), "%s", r.out);
    expect_contains(&r, "la cartella non esiste");
    free(r.out);
    free(cmd);
    free(dir);
}

/* A zip written here with libzip: n members of size bytes of zeros each. */
static void write_zip(const char *path, size_t n, size_t size, const char *first_name)
{
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    cr_assert_not_null(z);
    char *zeros = xcalloc(size + 1, 1);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, zeros, size, 0);
        char *name = i == 0 && first_name ? xstrdup(first_name) : xasprintf("f%zu.xml", i);
        cr_assert(zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0);
        free(name);
    }
    cr_assert_eq(zip_close(z), 0);
    free(zeros);
}

Test(workbook, zip_bombs_and_other_zips_are_refused, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("bombe");
    char *big = xasprintf("%s/grande.xlsx", dir), *many = xasprintf("%s/tanti.xlsx", dir),
         *other = xasprintf("%s/altro.xlsx", dir);
    write_zip(big, 1, 70u * 1024 * 1024, "xl/workbook.xml"); /* 70 MB of zeros: a few tens of KB zipped */
    write_zip(many, 10001, 1, NULL);
    write_zip(other, 1, 10, "leggimi.txt");
    char *cmd = xasprintf("verifica '%s'", big);
    Run r = run(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "foglio di calcolo non leggibile: una parte del foglio di calcolo è troppo grande");
    free(r.out);
    free(cmd);
    cmd = xasprintf("verifica '%s'", many);
    r = run(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "troppi file per essere un foglio di calcolo");
    free(r.out);
    free(cmd);
    cmd = xasprintf("verifica '%s'", other);
    r = run(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "è un archivio zip ma non un foglio di calcolo .xlsx o .ods");
    free(r.out);
    free(cmd);
    /* a damaged one: the first 2 KB of a real workbook */
    cmd = xasprintf("head -c 2048 " WB "piano-sarzana-libreoffice.xlsx > '%s/rotto.xlsx' && '%s' verifica '%s/rotto.xlsx'",
                    dir, SCHEDE_EXE, dir);
    r = run_shell(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "foglio di calcolo non leggibile");
    free(r.out);
    free(cmd);
    free(big);
    free(many);
    free(other);
    free(dir);
}

Test(workbook, templates_for_the_offices)
{
    char *dir = out_dir("modelli");
    /* the rilevazioni template: read back untouched, every action not reported, no error */
    char *cmd = xasprintf("modello-raggiunto samples/sarzana-2024-2026.json --anno 2024 --formato xlsx --out '%s/r.xlsx'",
                          dir);
    free(output(cmd));
    free(cmd);
    cmd = xasprintf("esiti samples/sarzana-2024-2026.json --raggiunto '%s/r.xlsx' --anno 2024 --formato csv", dir);
    Run r = run(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    size_t not_reported = 0;
    for (const char *p = strstr(r.out, ";non_rilevato;"); p; p = strstr(p + 1, ";non_rilevato;"))
        not_reported++;
    cr_assert_eq(not_reported, 89, "the 89 actions of 2024");
    free(r.out);
    free(cmd);
    /* locked context, validated input */
    cmd = xasprintf("unzip -p '%s/r.xlsx' xl/worksheets/sheet1.xml", dir);
    r = run_shell(cmd);
    expect_contains(&r, "<sheetProtection");
    expect_contains(&r, "<dataValidation type=\"date\"");
    expect_contains(&r, "<dataValidation type=\"decimal\"");
    free(r.out);
    free(cmd);
    /* one per dirigente, with the monitoring columns */
    cmd = xasprintf("modello-raggiunto samples/sarzana-2024-2026.json --formato xlsx --al 30/06/2024 --per-dirigente "
                    "'%s/dirigenti'", dir);
    r = run(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "rilevazioni-2024-valentina-chiavacci.xlsx (Valentina Chiavacci)");
    free(r.out);
    free(cmd);
    cmd = xasprintf("unzip -p '%s/dirigenti/rilevazioni-2024-valentina-chiavacci.xlsx' xl/sharedStrings.xml | "
                    "grep -o 'RAG-0[0-9]' | sort -u | tr '\\n' ' '; unzip -p "
                    "'%s/dirigenti/rilevazioni-2024-valentina-chiavacci.xlsx' xl/sharedStrings.xml | grep -c avanzamento",
                    dir, dir);
    r = run_shell(cmd);
    expect_contains(&r, "RAG-01 RAG-02 RAG-03");
    cr_assert_null(strstr(r.out, "SG-01"), "only her objectives");
    free(r.out);
    free(cmd);
    /* valutazioni: a column per vote of every category */
    cmd = xasprintf("modello-valutazioni tests/fixtures/valutazione/piano.json --sistema "
                    "tests/fixtures/valutazione/sistema.json --out '%s/v.xlsx'", dir);
    free(output(cmd));
    free(cmd);
    char *path = xasprintf("%s/v.xlsx", dir);
    cmd = xasprintf("unzip -p '%s' xl/sharedStrings.xml", path);
    r = run_shell(cmd);
    static const char *const heads[] = {"persona", "categoria", "profilo", "B1", "B2", "oiv", "valutatore",
                                        "presa_visione", "Franco Moro", NULL};
    for (size_t i = 0; heads[i]; i++)
        cr_assert(strstr(r.out, heads[i]), "the template lacks «%s»", heads[i]);
    free(r.out);
    free(cmd);
    free(path);
    free(dir);
}

/* ---- docs/formato.md §7 in the plan's workbook ------------------------------------------- */

/* The keys of other comuni's forms go to sheets of their own and come back
 * whole: the generico profile prints the same schede from the workbook as
 * from the JSON, and the indicators score the same. */
Test(workbook, the_keys_of_other_forms_round_trip, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("altri-moduli");
    char *cmd = xasprintf("esporta tests/fixtures/altri-moduli.json '%s/a.xlsx'", dir);
    free(output(cmd));
    free(cmd);
    cmd = xasprintf("esporta '%s/a.xlsx' '%s/b.xlsx'", dir, dir);
    free(output(cmd));
    free(cmd);
    /* the sheets, as a comune sees them */
    char *path = xasprintf("%s/a.xlsx", dir);
    ReadBack rb;
    read_back(path, &rb);
    const Workbook wb = rb.wb;
    const WbSheet *ind = workbook_sheet(&wb, "Indicatori");
    cr_assert_not_null(ind);
    /* OG-01: 2 indicators × 3 targets, OG-02: 1 × 3; and the header */
    cr_assert_eq(ind->n_rows, 1 + 6 + 3);
    cr_assert_str_eq(wb_cell(&ind->rows[1], 3)->text, "Tempo medio di pagamento");
    cr_assert_str_eq(wb_cell(&ind->rows[1], 8)->text, "decrescente");
    cr_assert_eq(wb_cell(&ind->rows[1], 10)->number, 2024, "baseline_anno");
    cr_assert_eq(wb_cell(&ind->rows[3], 13)->number, 2027, "the third target's year");
    cr_assert_eq(wb_cell(&ind->rows[3], 14)->number, 28);
    cr_assert_eq(wb_cell(&ind->rows[4], 2)->number, 2, "OG-01's second indicator");
    cr_assert_not_null(strstr(wb_cell(&ind->rows[4], 12)->text, "\"soglie\""), "its regola as JSON");
    const WbSheet *col = workbook_sheet(&wb, "Collegamenti");
    cr_assert_eq(col->n_rows, 1 + 2);
    cr_assert_str_eq(wb_cell(&col->rows[2], 3)->text, "OO-1.2.3");
    const WbSheet *campi = workbook_sheet(&wb, "Campi");
    cr_assert_eq(campi->n_rows, 1 + 3);
    cr_assert_str_eq(wb_cell(&campi->rows[2], 2)->text, "Rischio");
    const WbSheet *obj = workbook_sheet(&wb, "Obiettivi");
    cr_assert_str_eq(wb_cell(&obj->rows[0], 22)->text, "tipologia");
    cr_assert_str_eq(wb_cell(&obj->rows[1], 22)->text, "sviluppo");
    cr_assert_eq(wb_cell(&obj->rows[2], 23)->number, 40, "peso");
    cr_assert_str_eq(wb_cell(&obj->rows[2], 24)->text, "no", "valutazione_individuale");
    cr_assert_null(wb_cell(&obj->rows[1], 24), "true is left empty");
    read_back_free(&rb);
    free(path);
    char *sh = xasprintf("export SOURCE_DATE_EPOCH=1700000000; E='%s'; "
                         "$E stampa tests/fixtures/altri-moduli.json --profilo generico --solo schede --out '%s/json' "
                         ">/dev/null 2>&1 && for x in a b; do "
                         "$E stampa '%s/'$x.xlsx --profilo generico --solo schede --out '%s/'$x >/dev/null 2>&1 && "
                         "cmp '%s/json/schede.pdf' '%s/'$x/schede.pdf || exit 1; done",
                         SCHEDE_EXE, dir, dir, dir, dir, dir);
    Run r = run_shell(sh);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(sh);
    cmd = xasprintf("esporta tests/fixtures/relazione-indicatori-piano.json '%s/r.xlsx'", dir);
    free(output(cmd));
    free(cmd);
    char *x = xasprintf("esiti '%s/r.xlsx' --raggiunto tests/fixtures/relazione-indicatori-raggiunto.json --anno 2024 "
                        "2>/dev/null", dir);
    same_output("esiti tests/fixtures/relazione-indicatori-piano.json --raggiunto "
                "tests/fixtures/relazione-indicatori-raggiunto.json --anno 2024 2>/dev/null",
                x);
    free(x);
    free(dir);
}

/* A workbook written here with libxlsxwriter: rows of cells, a string or a
 * number each ("#12.5" is the number 12.5; "" is empty). */
typedef struct {
    const char *name;
    const char *const *cells; /* rows of width columns, NULL-terminated */
    int width;
} TestSheet;

static void write_test_workbook(const char *path, const TestSheet *sheets, size_t n)
{
    lxw_workbook *wb = workbook_new(path);
    for (size_t s = 0; s < n; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
        for (int i = 0; sheets[s].cells[i]; i++) {
            const char *v = sheets[s].cells[i];
            lxw_row_t r = (lxw_row_t)(i / sheets[s].width);
            lxw_col_t c = (lxw_col_t)(i % sheets[s].width);
            if (v[0] == '#')
                worksheet_write_number(ws, r, c, strtod(v + 1, NULL), NULL);
            else if (v[0])
                worksheet_write_string(ws, r, c, v, NULL);
        }
    }
    cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
}

Test(workbook, the_sheets_of_other_forms_name_their_cells_in_errors)
{
    static const char *const piano[] = {"chiave", "valore", "ente", "Comune di Prova", "triennio", "2025-2027", NULL};
    static const char *const obiettivi[] = {"codice", "tipo", "descrizione", "peso", "valutazione_individuale",
                                            "X-01", "comune", "Uno", "molto", "forse",
                                            "X-02", "comune", "Due", "", "", NULL};
    /* X-01's n. 2 comes first and gets its name from a later row; X-02 lacks its n. 2 */
    static const char *const indicatori[] = {
        "codice", "n", "nome", "verso", "anno", "target",
        "X-01", "#2", "", "", "#2025", "#4",
        "X-01", "#1", "Pratiche", "su", "#2025", "#10",
        "X-01", "#1", "Pratiche online", "", "#2026", "tante",
        "X-01", "#2", "Secondo", "", "#2026", "#4",
        "X-01", "", "Senza numero", "", "", "",
        "X-02", "#1", "Uno", "", "#2025", "#1",
        "X-02", "#3", "Terzo", "", "#2025", "#5",
        NULL};
    static const char *const collegamenti[] = {"codice", "livello", "codice_collegamento", "testo",
                                               "X-09", "Strategico", "OS-1", "", NULL};
    static const char *const campi[] = {"codice", "etichetta", "valore", "colore", "X-01", "", "Alto", "blu", NULL};
    TestSheet sheets[] = {{"Piano", piano, 2},           {"Obiettivi", obiettivi, 5},
                          {"Indicatori", indicatori, 6}, {"Collegamenti", collegamenti, 4},
                          {"Campi", campi, 4}};
    char *dir = out_dir("altri-moduli-errori");
    char *path = xasprintf("%s/piano.xlsx", dir);
    write_test_workbook(path, sheets, sizeof sheets / sizeof *sheets);
    char *cmd = xasprintf("verifica '%s'", path);
    Run r = run(cmd);
    cr_assert_eq(r.status, 1, "%s", r.out);
    char *where = xasprintf("%s: ", path);
    static const char *const expected[] = {
        "errore: %sObiettivi!D2: «molto» non è un numero",
        "errore: %sObiettivi!E2: «forse»: si scrive sì o no",
        "errore: %sX-01: Indicatori!D3: «verso» deve essere \"crescente\" o \"decrescente\", non «su»",
        "avviso: %sIndicatori!C4: l'indicatore n. 1 ha già «nome» = «Pratiche» alla riga 3: vale quello, non "
        "«Pratiche online»",
        "errore: %sIndicatori!F4: «tante» non è un numero",
        "errore: %sIndicatori!B6: manca il numero dell'indicatore (n)",
        "errore: %sIndicatori!B8: a X-02 manca l'indicatore n. 2: gli indicatori di un obiettivo si numerano 1, 2, "
        "3, … senza salti",
        "errore: %sCollegamenti!A2: nessun obiettivo del foglio «Obiettivi» ha il codice «X-09»",
        "avviso: %sCampi!D1: colonna sconosciuta «colore», ignorata",
        "errore: %sX-01: Campi, riga 2: manca «etichetta», che è obbligatorio",
        NULL};
    for (size_t i = 0; expected[i]; i++) {
        char *line = xasprintf(expected[i], where);
        expect_contains(&r, line);
        free(line);
    }
    cr_assert_null(strstr(r.out, "manca «nome»"), "X-01's n. 2 has its name from its second row:\n%s", r.out);
    free(where);
    free(r.out);
    free(cmd);
    free(path);
    free(dir);
}

/* The template of the rilevazioni has a row per indicator targeted in the
 * year, numbered in the column «indicatore»; filled in, it scores as the
 * JSON rilevazioni do. */
Test(workbook, indicators_in_the_rilevazioni_workbook, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("rilevazioni-indicatori");
    char *cmd = xasprintf("modello-raggiunto tests/fixtures/relazione-indicatori-piano.json --anno 2024 --formato xlsx "
                          "--out '%s/modello.xlsx'", dir);
    free(output(cmd));
    free(cmd);
    char *path_modello = xasprintf("%s/modello.xlsx", dir);
    ReadBack rb;
    read_back(path_modello, &rb);
    const WbSheet *s = workbook_sheet(&rb.wb, "Rilevazioni");
    cr_assert_str_eq(wb_cell(&s->rows[0], 3)->text, "indicatore");
    cr_assert_str_eq(wb_cell(&s->rows[0], 8)->text, "data", "the input columns move right by one");
    /* R-01's action, R-01's indicator, R-02's two, R-03's one, R-04's action */
    cr_assert_eq(s->n_rows, 1 + 6);
    cr_assert_str_eq(wb_cell(&s->rows[4], 1)->text, "R-02");
    cr_assert_null(wb_cell(&s->rows[4], 2), "no action number");
    cr_assert_eq(wb_cell(&s->rows[4], 3)->number, 2);
    cr_assert_str_eq(wb_cell(&s->rows[4], 4)->text, "Tempo di rilascio (target 2024: 10\u00A0giorni)");
    cr_assert_str_eq(wb_cell(&s->rows[4], 7)->text,
                     "decrescente: target / valore × 100, al massimo 100\u00A0% (valore 0: 100\u00A0%)");
    read_back_free(&rb);
    /* the validations moved with the columns: data H, percentuale J */
    zip_t *z = zip_open(path_modello, ZIP_RDONLY, NULL);
    cr_assert_not_null(z);
    zip_file_t *zf = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
    cr_assert_not_null(zf);
    StrBuf xml = {0};
    char chunk[4096];
    zip_int64_t got;
    while ((got = zip_fread(zf, chunk, sizeof chunk)) > 0)
        strbuf_append(&xml, chunk, (size_t)got);
    zip_fclose(zf);
    zip_close(z);
    cr_assert_not_null(strstr(xml.data, "type=\"date\"") , "no date validation");
    cr_assert_not_null(strstr(xml.data, "sqref=\"H2:H100001\""), "the date validation is not on «data» (H)");
    cr_assert_not_null(strstr(xml.data, "sqref=\"J2:J100001\""), "the 0–100 validation is not on «percentuale» (J)");
    strbuf_free(&xml);
    /* untouched, the template reads back as nothing reported, without errors */
    char *untouched = xasprintf("esiti tests/fixtures/relazione-indicatori-piano.json --raggiunto '%s' --anno 2024 "
                                "--formato csv 2>&1", path_modello);
    Run u = run(untouched);
    cr_assert_eq(u.status, 0, "%s", u.out);
    size_t none = 0;
    for (const char *at = u.out; (at = strstr(at, ";non_rilevato;")) != NULL; at++)
        none++;
    cr_assert_eq(none, 6, "2 actions and 4 indicators, none reported:\n%s", u.out);
    free(u.out);
    free(untouched);
    free(path_modello);
    /* filled in as an office would */
    static const char *const rows[] = {
        "obiettivo", "azione", "indicatore", "valore", "percentuale", "nota",
        "R-01", "#1", "", "sì", "", "",
        "R-01", "", "#1", "#20", "", "Due addetti in meno da marzo",
        "R-02", "", "#1", "#60", "", "",
        "R-02", "", "#2", "#8", "", "",
        "R-03", "", "#1", "", "", "",
        "R-04", "#1", "", "", "#40", "Metà dei faldoni riordinati",
        NULL};
    TestSheet sheet = {"Rilevazioni", rows, 6};
    char *filled = xasprintf("%s/compilato.xlsx", dir);
    write_test_workbook(filled, &sheet, 1);
    char *x = xasprintf("esiti tests/fixtures/relazione-indicatori-piano.json --raggiunto '%s' --anno 2024 2>/dev/null",
                        filled);
    same_output("esiti tests/fixtures/relazione-indicatori-piano.json --raggiunto "
                "tests/fixtures/relazione-indicatori-raggiunto.json --anno 2024 2>/dev/null",
                x);
    free(x);
    free(filled);
    free(dir);
}

/* ---- no hidden state: a workbook's source map lives and dies with its diagnostics ---- */

#include <malloc.h>

#include "plan_check.h"
#include "wb_convert.h"

#if defined(__SANITIZE_ADDRESS__)
size_t __sanitizer_get_current_allocated_bytes(void); /* ASan's own count: its malloc is not glibc's */
static size_t memory_in_use(void) { return __sanitizer_get_current_allocated_bytes(); }
#else
static size_t memory_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}
#endif

static void load_checked(const char *data, size_t len, const char *name)
{
    DiagList d;
    diag_list_init(&d);
    Plan plan;
    cr_assert_eq(input_plan_read(name, data, len, &plan, &d), LOAD_OK);
    plan_check(&plan, name, &d);
    plan_free(&plan);
    diag_list_free(&d);
}

/* The server reads plans and valutazioni for as long as it runs: every
 * workbook it reads must give back all its memory (each used to keep its
 * cell map until the process ended: 1 MB an upload). */
Test(workbook, a_plan_read_200_times_gives_its_memory_back, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    size_t len;
    char *data = read_file(WB "piano-sarzana-libreoffice.xlsx", &len);
    load_checked(data, len, "piano.xlsx"); /* the first: the allocator's own arenas */
    size_t before = memory_in_use();
    for (int i = 0; i < 200; i++)
        load_checked(data, len, "piano.xlsx");
    size_t after = memory_in_use();
    cr_assert_lt(after, before + 64 * 1024, "memoria in uso: %zu prima, %zu dopo 200 letture", before, after);
    free(data);
}

/* A check that runs after loading, on the same list, names the cell, not the JSON path. */
Test(workbook, a_later_check_on_the_same_list_names_the_cell)
{
    size_t len;
    char *data = read_file(WB "piano-errori-sheetjs.xlsx", &len);
    DiagList d;
    diag_list_init(&d);
    Plan plan;
    input_plan_read("p.xlsx", data, len, &plan, &d);
    diag_add(&d, DIAG_WARNING, "p.xlsx", "$.obiettivi[1].tipo", "E-02", 1, "una prova");
    diag_add(&d, DIAG_WARNING, "altro.xlsx", "$.obiettivi[1].tipo", "E-02", 1, "un altro file");
    const Diag *mine = diag_find(&d, "una prova"), *other = diag_find(&d, "un altro file");
    cr_assert_str_eq(mine->path, "Obiettivi!B3");
    cr_assert_str_eq(other->path, "$.obiettivi[1].tipo");
    DiagList moved;
    diag_list_init(&moved);
    diag_list_move(&moved, &d);
    diag_add(&moved, DIAG_WARNING, "p.xlsx", "$.obiettivi[1].tipo", "E-02", 1, "dopo lo spostamento");
    cr_assert_str_eq(diag_find(&moved, "dopo lo spostamento")->path, "Obiettivi!B3");
    cr_assert_eq(d.count, 0);
    plan_free(&plan);
    diag_list_free(&moved);
    diag_list_free(&d);
    free(data);
}

/* ---- spreadsheet bombs: a few KB that expand to gigabytes once read ---- */

#include <fcntl.h>
#include <sys/resource.h>

/* A workbook written here with libzip: parts named names[i] holding texts[i], deflated. */
static void write_parts(const char *path, const char *const names[], char *const texts[], size_t n)
{
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    cr_assert_not_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, texts[i], strlen(texts[i]), 0);
        zip_int64_t idx = zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE);
        cr_assert(idx >= 0);
        zip_set_file_compression(z, (zip_uint64_t)idx, strcmp(names[i], "mimetype") == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 9);
    }
    cr_assert_eq(zip_close(z), 0);
}

/* s, n times over. */
static char *repeated(const char *s, size_t n)
{
    size_t len = strlen(s);
    char *out = xmalloc(len * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * len, s, len);
    out[len * n] = '\0';
    return out;
}

/* An .ods whose one sheet «Piano» has these rows. */
static char *write_ods(const char *dir, const char *name, const char *rows)
{
    char *path = xasprintf("%s/%s", dir, name);
    const char *const names[] = {"mimetype", "content.xml"};
    char *texts[] = {
        xstrdup("application/vnd.oasis.opendocument.spreadsheet"),
        xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
                  "<table:table table:name=\"Piano\">%s</table:table></office:spreadsheet></office:body>"
                  "</office:document-content>",
                  rows)};
    write_parts(path, names, texts, 2);
    free(texts[0]);
    free(texts[1]);
    return path;
}

/* An .xlsx whose one sheet «Piano» has this sheetData, and a shared string table when shared is given. */
static char *write_xlsx(const char *dir, const char *name, const char *sheet_data, const char *shared)
{
    char *path = xasprintf("%s/%s", dir, name);
    const char *const names[] = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                 "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"};
    char *texts[] = {
        xstrdup("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        xstrdup("<workbook xmlns:r=\"r\"><sheets><sheet name=\"Piano\" r:id=\"rId1\"/></sheets></workbook>"),
        xstrdup("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
        xasprintf("<worksheet><sheetData>%s</sheetData></worksheet>", sheet_data),
        shared ? xasprintf("<sst><si><t>%s</t></si></sst>", shared) : NULL};
    write_parts(path, names, texts, shared ? 5 : 4);
    for (size_t i = 0; i < 5; i++)
        free(texts[i]);
    return path;
}

typedef enum { BOMB_ODS_COLUMNS, BOMB_ODS_ROWS, BOMB_ODS_SPACES, BOMB_XLSX_SHARED, BOMB_XLSX_XFD, N_BOMBS } BombKind;

/* Each class of bomb (also kept as regression inputs of the workbook harness,
 * tests/fixtures/fuzz/workbook/bomba-*). */
static char *write_bomb(const char *dir, BombKind kind)
{
    char *path = NULL, *part = NULL, *text = NULL;
    switch (kind) {
    case BOMB_ODS_COLUMNS: /* 1 KB of text over 1,000 columns, on a million rows: 1 TB */
        text = repeated("x", 1024);
        part = xasprintf("<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell "
                         "table:number-columns-repeated=\"1000\" office:value-type=\"string\"><text:p>%s</text:p>"
                         "</table:table-cell></table:table-row>",
                         text);
        path = write_ods(dir, "bomba-ods-colonne.ods", part);
        break;
    case BOMB_ODS_ROWS: /* 16 numbers on 1,048,576 rows */
        path = write_ods(dir, "bomba-ods-righe.ods",
                         "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell "
                         "table:number-columns-repeated=\"16\" office:value-type=\"float\" office:value=\"1\"/>"
                         "</table:table-row>");
        break;
    case BOMB_ODS_SPACES: /* one cell of 100,000 × <text:s text:c="1000"/>: 100 MB of spaces */
        text = repeated("<text:s text:c=\"1000\"/>", 100000);
        part = xasprintf("<table:table-row><table:table-cell><text:p>%s</text:p></table:table-cell></table:table-row>", text);
        path = write_ods(dir, "bomba-ods-spazi.ods", part);
        break;
    case BOMB_XLSX_SHARED: /* a shared string of 100 KB referenced by 200,000 cells: 20 GB */
        text = repeated("x", 100000);
        char *row = repeated("<c t=\"s\"><v>0</v></c>", 100);
        char *one = xasprintf("<row>%s</row>", row);
        part = repeated(one, 2000);
        free(row);
        free(one);
        path = write_xlsx(dir, "bomba-xlsx-condivise.xlsx", part, text);
        break;
    case BOMB_XLSX_XFD: /* one cell in column XFD on 100,000 rows: 16,384 cells each */
        part = repeated("<row><c r=\"XFD\"><v>1</v></c></row>", 100000);
        path = write_xlsx(dir, "bomba-xlsx-xfd.xlsx", part, NULL);
        break;
    default:
        cr_assert_fail();
    }
    free(part);
    free(text);
    return path;
}

/* The largest resident size of `schede ARGS...`, in KB, and its exit status. */
static long max_rss(char *const args[], int *status)
{
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
#if defined(__SANITIZE_ADDRESS__)
        setenv("ASAN_OPTIONS", "hard_rss_limit_mb=1024", 1); /* a bomb that goes off stops at 1 GB */
#else
        struct rlimit lim = {2048ul << 20, 2048ul << 20};
        setrlimit(RLIMIT_AS, &lim);
#endif
        execv(SCHEDE_PROGRAM, args);
        _exit(127);
    }
    struct rusage ru;
    cr_assert_eq(wait4(pid, status, 0, &ru), pid);
    return ru.ru_maxrss;
}

/* schede args exits 1 saying needle. */
static void fails_saying(const char *args, const char *needle)
{
    Run r = run(args);
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, needle);
    free(r.out);
}

Test(workbook, the_budget_of_a_file)
{
    cr_assert_eq(workbook_budget(1500), WORKBOOK_EXPANSION_MIN_BYTES, "a small file: the floor");
    cr_assert_eq(workbook_budget(1024 * 1024), 64u * 1024 * 1024);
    cr_assert_eq(workbook_budget(10u * 1024 * 1024), WORKBOOK_EXPANSION_MAX_BYTES, "a large file: the ceiling");
}

Test(workbook, spreadsheet_bombs_stop_at_their_budget, .timeout = 240 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = out_dir("bombe-celle");
    for (BombKind k = 0; k < N_BOMBS; k++) {
        char *path = write_bomb(dir, k);
        size_t len;
        char *data = read_path(path, &len);
        cr_assert_lt(len, 16 * 1024, "%s: %zu bytes", path, len);
        /* the command line first (a bomb that goes off there stops at 1 GB): the same budget, the memory bounded */
        int status;
        long kb = max_rss((char *[]){SCHEDE_PROGRAM, "verifica", path, NULL}, &status);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "%s: status %d", path, status);
        cr_assert_lt(kb, 200 * 1024, "%s: %ld KB resident", path, kb);
        /* not a kind the archive imports (no sheet «Obiettivi», «Rilevazioni», «Valutazioni»): told by
           the sheets' names, before any cell is read */
        char *db = xasprintf("%s/archivio.db", dir);
        kb = max_rss((char *[]){SCHEDE_PROGRAM, "archivio", "importa", db, path, NULL}, &status);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "%s: status %d", path, status);
        cr_assert_lt(kb, 200 * 1024, "%s: %ld KB resident", path, kb);
        char *cmd = xasprintf("archivio importa '%s' '%s'", db, path);
        fails_saying(cmd, "file non riconosciuto");
        free(cmd);
        free(db);
        cmd = xasprintf("verifica '%s'", path);
        fails_saying(cmd, "il foglio «Piano» si espande oltre il limite alla cella ");
        fails_saying(cmd, "foglio di calcolo sospetto, non letto");
        free(cmd);
        /* read in this process: refused at a cell, all its memory given back */
        size_t before = memory_in_use();
        Workbook wb;
        DiagList d;
        diag_list_init(&d);
        cr_assert_eq(workbook_read(path, data, len, &wb, &d), LOAD_DATA_ERROR, "%s", path);
        cr_assert_eq(wb.n, 0);
        cr_assert_eq(d.count, 1);
        const Diag *e = diag_find(&d, "il foglio «Piano» si espande oltre il limite alla cella ");
        cr_assert_not_null(e, "%s: %s", path, d.items[0].message);
        cr_assert_not_null(e->path);
        cr_assert(strncmp(e->path, "Piano!", 6) == 0, "%s", e->path);
        char *cell = xasprintf("alla cella %s: ", e->path + 6);
        cr_assert_not_null(strstr(e->message, cell), "%s", e->message);
        cr_assert_not_null(strstr(e->message, "più di 8 MB"), "%s", e->message);
        free(cell);
        diag_list_free(&d);
        workbook_free(&wb);
        cr_assert_lt(memory_in_use(), before + 64 * 1024, "%s: memory not given back", path);
        /* what kind of file: its sheets' names, without a cell */
        diag_list_init(&d);
        cr_assert_eq(workbook_read_sheet_names(path, data, len, &wb, &d), LOAD_OK);
        cr_assert(wb.n == 1 && strcmp(wb.sheets[0].name, "Piano") == 0 && wb.sheets[0].n_rows == 0);
        workbook_free(&wb);
        diag_list_free(&d);
        free(data);
        free(path);
    }
    free(dir);
}

/* LibreOffice ends every row with empty cells repeated to column AMJ and the
 * sheet with empty rows repeated to row 1048576: none is held. */
Test(workbook, trailing_empty_cells_and_rows_cost_nothing)
{
    char *dir = out_dir("libreoffice-vuote");
    const char *filled = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>codice</text:p>"
                         "</table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"2\"/>"
                         "<table:table-cell table:number-columns-repeated=\"1022\"/></table:table-row>";
    char *rows = xasprintf("%s<table:table-row table:number-rows-repeated=\"3\"><table:table-cell "
                           "table:number-columns-repeated=\"1024\"/></table:table-row>"
                           "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
                           "table:number-columns-repeated=\"2\" office:value-type=\"string\"><text:p>sì</text:p>"
                           "</table:table-cell><table:table-cell table:number-columns-repeated=\"1022\"/>"
                           "</table:table-row>%s"
                           "<table:table-row table:number-rows-repeated=\"1048569\"><table:table-cell "
                           "table:number-columns-repeated=\"1024\"/></table:table-row>",
                           filled, filled);
    char *path = write_ods(dir, "vuote.ods", rows);
    size_t len;
    char *data = read_path(path, &len);
    Workbook wb;
    DiagList d;
    diag_list_init(&d);
    cr_assert_eq(workbook_read(path, data, len, &wb, &d), LOAD_OK);
    const WbSheet *s = workbook_sheet(&wb, "piano");
    cr_assert_not_null(s);
    cr_assert_eq(s->n_rows, 4, "the empty rows are not rows");
    static const int numbers[] = {1, 5, 6, 7};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(s->rows[i].row, numbers[i]);
        cr_assert_eq(s->rows[i].n, 2, "row %d holds %zu cells", s->rows[i].row, s->rows[i].n);
    }
    cr_assert_str_eq(wb_cell(&s->rows[2], 2)->text, "sì", "a repeated row with values is that many rows");
    cr_assert_eq(wb_cell(&s->rows[3], 2)->number, 2);
    workbook_free(&wb);
    diag_list_free(&d);
    free(data);
    free(path);
    free(rows);
    free(dir);
}
