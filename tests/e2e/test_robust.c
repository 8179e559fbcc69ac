/* wait4, for the peak memory of one child. */
#define _DEFAULT_SOURCE

/* Robustness: hostile sizes, inputs fuzzing found, atomic output, the
 * locale, reproducible files. Each generated input is written to
 * the test's scratch folder ($T/robust/, run.h) and run through the program itself. */
#include <math.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "rules.h"
#include "run.h"

#define DIR_ROBUST "$T/robust" /* expanded by the shell, or by tpath() for C calls */

static void fresh_dir(const char *sub)
{
    char *cmd = xasprintf("rm -rf " DIR_ROBUST "/%s && mkdir -p " DIR_ROBUST "/%s", sub, sub);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(cmd);
}

static void write_file(const char *path, const char *text, size_t len)
{
    const char *why;
    cr_assert_eq(file_write_atomic(tpath(path), text, len, &why), 0, "%s: %s", path, why);
}

/* ---- numbers no plan should have, printed rather than undefined ------------------------ */

Test(robust, huge_numbers_are_printed_in_scientific_notation)
{
    char b[64];
    text_format_number(b, sizeof b, 1.111e23);
    cr_assert_str_eq(b, "1,111e+23");
    text_format_number(b, sizeof b, -1e29);
    cr_assert_str_eq(b, "-1,000e+29");
    text_format_number(b, sizeof b, 9.0e15); /* still cents in a 64-bit integer */
    cr_assert_str_eq(b, "9000000000000000");
    rule_format_percent(b, sizeof b, 1e302);
    cr_assert_str_eq(b, "1,000e+302\u00A0%");
    text_format_amount(b, sizeof b, 2e20);
    cr_assert_str_eq(b, "2,000e+20 \u20AC");
    text_format_number(b, sizeof b, INFINITY);
    cr_assert_str_eq(b, "\u221E");
}

/* ---- what fuzzing found, through the program ------------------------------------------- */

static bool sanitizer_quiet(const Run *r)
{
    return !strstr(r->out, "runtime error") && !strstr(r->out, "AddressSanitizer") && !strstr(r->out, "LeakSanitizer");
}

Test(robust, fuzz_findings_run_through_the_program)
{
    /* Achievement files against the plan with every rule type: a clear
     * verdict (0 or 1), never a crash. */
    Run r = run_shell("ls tests/fixtures/fuzz/raggiunto");
    size_t files = 0;
    for (char *save = NULL, *f = strtok_r(r.out, "\n", &save); f; f = strtok_r(NULL, "\n", &save)) {
        char *args = xasprintf("esiti tests/fixtures/esiti-piano.json --raggiunto 'tests/fixtures/fuzz/raggiunto/%s' "
                               "--formato csv",
                               f);
        Run x = run(args);
        cr_assert(x.status == 0 || x.status == 1, "%s: exit %d\n%s", f, x.status, x.out);
        cr_assert(sanitizer_quiet(&x), "%s", x.out);
        free(x.out);
        free(args);
        files++;
    }
    free(r.out);
    cr_assert_geq(files, 2);
    r = run("esiti tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/fuzz/raggiunto/valori-enormi.csv "
            "--formato csv");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, ";1,111e+23;valore 1,111e+23: fascia da 100, 100,00");
    expect_contains(&r, "-1,000e+29 su 365: 0,00");
    free(r.out);
    r = run("verifica tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/fuzz/raggiunto/nul-e-valore-enorme.csv");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "nul-e-valore-enorme.csv:3: carattere nullo (byte 0x00)");
    free(r.out);

    /* The graduazione that overflowed, in a plan: read, described, printed. */
    size_t len;
    const char *why;
    char *grad = file_read_all(SCHEDE_SOURCE_DIR "/tests/fixtures/fuzz/graduazione/ore-1e302.txt", &len, &why);
    cr_assert_not_null(grad);
    char *nl = strchr(grad, '\n');
    if (nl)
        *nl = '\0'; /* the harness reads "graduazione\natteso" */
    fresh_dir("grad");
    char *plan = xasprintf("{\"formato\":\"schede-piano/1\",\"ente\":\"E\",\"triennio\":[2024,2026],\"obiettivi\":[{"
                           "\"codice\":\"G-01\",\"tipo\":\"comune\",\"descrizione\":\"D\",\"annualita\":[{\"anno\":2024,"
                           "\"azioni\":[{\"n\":1,\"peso\":100,\"azione\":\"A\",\"graduazione\":\"%s\"}]}]}]}",
                           grad);
    write_file(DIR_ROBUST "/grad/piano.json", plan, strlen(plan));
    static const char csv[] = "obiettivo;azione;valore\nG-01;1;3\n";
    write_file(DIR_ROBUST "/grad/r.csv", csv, strlen(csv));
    r = run("verifica " DIR_ROBUST "/grad/piano.json --dettagli --raggiunto " DIR_ROBUST "/grad/r.csv");
    cr_assert(r.status == 0 || r.status == 1, "%s", r.out);
    cr_assert(sanitizer_quiet(&r), "%s", r.out);
    free(r.out);
    r = run("stampa " DIR_ROBUST "/grad/piano.json --raggiunto " DIR_ROBUST "/grad/r.csv --out " DIR_ROBUST "/grad/out");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(plan);
    free(grad);
}

/* A JSON string literal of text (quotes, backslashes, control characters escaped). */
static char *json_string(const char *text, size_t len)
{
    StrBuf b = {0};
    strbuf_puts(&b, "\"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\')
            strbuf_printf(&b, "\\%c", c);
        else if (c < 0x20)
            strbuf_printf(&b, "\\u%04x", c);
        else
            strbuf_append(&b, (const char *)&c, 1);
    }
    strbuf_puts(&b, "\"");
    return b.data;
}

/* The texts that broke the layout engine (after the harness's two bytes of
 * size and width) as the description of a scheda, printed by the program. */
Test(robust, fuzz_texts_print_through_the_program, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run_shell("ls tests/fixtures/fuzz/testo");
    size_t files = 0;
    fresh_dir("testo");
    for (char *save = NULL, *f = strtok_r(r.out, "\n", &save); f; f = strtok_r(NULL, "\n", &save)) {
        char *path = xasprintf(SCHEDE_SOURCE_DIR "/tests/fixtures/fuzz/testo/%s", f);
        size_t len;
        const char *why;
        char *data = file_read_all(path, &len, &why);
        cr_assert_not_null(data, "%s: %s", path, why);
        cr_assert_geq(len, 2);
        char *desc = json_string(data + 2, len - 2);
        char *plan = xasprintf("{\"formato\":\"schede-piano/1\",\"ente\":\"E\",\"triennio\":[2024,2026],"
                               "\"obiettivi\":[{\"codice\":\"T-01\",\"tipo\":\"comune\",\"descrizione\":%s,"
                               "\"annualita\":[{\"anno\":2024,\"azioni\":[{\"n\":1,\"peso\":100,\"azione\":%s}]}]}]}",
                               desc, desc);
        write_file(DIR_ROBUST "/testo/piano.json", plan, strlen(plan));
        Run x = run("stampa " DIR_ROBUST "/testo/piano.json --solo schede --out " DIR_ROBUST "/testo/out");
        cr_assert_eq(x.status, 0, "%s: %s", f, x.out);
        cr_assert(sanitizer_quiet(&x), "%s", x.out);
        free(x.out);
        free(plan);
        free(desc);
        free(data);
        free(path);
        files++;
    }
    cr_assert_geq(files, 1);
    free(r.out);
}

/* ---- hostile sizes ------------------------------------------------------------------------ */

typedef struct {
    int status;
    double seconds;
    long max_rss_kb;
} Measured;

/* Runs the program with wait4 to read its peak memory and time. */
static Measured run_measured(const char *args, const char *log)
{
    scratch(); /* $T for the shell */
    char *cmd = xasprintf("cd '%s' && exec '%s' %s >'%s' 2>&1", SCHEDE_SOURCE_DIR, SCHEDE_EXE, args, tpath(log));
    struct timeval t0, t1;
    gettimeofday(&t0, NULL);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int st;
    struct rusage ru;
    cr_assert_eq(wait4(pid, &st, 0, &ru), pid);
    gettimeofday(&t1, NULL);
    free(cmd);
    return (Measured){WIFEXITED(st) ? WEXITSTATUS(st) : -1,
                      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_usec - t0.tv_usec) / 1e6, ru.ru_maxrss};
}

static const char *PLAN_HEAD = "{\"formato\":\"schede-piano/1\",\"ente\":\"Comune di Prova\",\"triennio\":[2024,2026],"
                               "\"obiettivi\":[";

/* One objective; extra is spliced in after "annualita" (risorse umane). */
static void objective(StrBuf *b, const char *codice, const char *descrizione, int actions, const char *extra)
{
    strbuf_printf(b, "{\"codice\":\"%s\",\"tipo\":\"comune\",\"descrizione\":\"%s\",\"dirigente\":\"Dirigente\","
                     "\"unita_responsabile\":\"Ufficio\",\"target\":\"T\",\"accessibilita\":\"A\","
                     "\"bilancio\":[{\"missione\":\"01\",\"programma\":\"02\"}],\"annualita\":[{\"anno\":2024,\"azioni\":[",
                  codice, descrizione);
    for (int i = 1; i <= actions; i++)
        strbuf_printf(b, "%s{\"n\":%d,\"peso\":%g,\"azione\":\"Azione %d\",\"regola\":{\"tipo\":\"manuale\"}}",
                      i > 1 ? "," : "", i, 100.0 / actions, i);
    strbuf_printf(b, "]}]%s}", extra ? extra : "");
}

/* The text of the schede pages: from page 3, after the cover and the index
 * (which repeats the start of each description). */
/* Bounds: generous, for the sanitizer build on a slow machine; the figures
 * of the Release build are in bench/README.md. */
#define MAX_SECONDS (120.0 * SCHEDE_TIMEOUT_SCALE)
#define MAX_RSS_KB (3L * 1024 * 1024)

/* Writes the plan b (closing its list of objectives) to DIR/sub/piano.json
 * and prints it into DIR/sub/out with `stampa extra`, within the bounds. */
static void print_bounded(StrBuf *b, const char *sub, const char *extra)
{
    strbuf_puts(b, "]}");
    char *plan = xasprintf(DIR_ROBUST "/%s/piano.json", sub);
    write_file(plan, b->data, b->len);
    char *args = xasprintf("stampa %s %s --out " DIR_ROBUST "/%s/out", plan, extra, sub);
    char *log = xasprintf(DIR_ROBUST "/%s/log.txt", sub);
    Measured m = run_measured(args, log);
    cr_assert_eq(m.status, 0, "see %s", log);
    cr_assert_lt(m.seconds, MAX_SECONDS);
    cr_assert_lt(m.max_rss_kb, MAX_RSS_KB, "%ld KB", m.max_rss_kb);
    free(log);
    free(args);
    free(plan);
}

static char *pdf_text_of(const char *pdf)
{
    char *cmd = xasprintf("pdftotext -f 3 -raw '%s' - 2>/dev/null", tpath(pdf));
    Run r = run_shell(cmd);
    free(cmd);
    return r.out;
}

/* Occurrences of needle, in one pass (a strstr loop is quadratic under ASan,
 * which measures the whole haystack on every call). */
static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (*p == needle[0] && strncmp(p, needle, k) == 0) {
            n++;
            p += k - 1;
        }
    return n;
}


Test(robust, a_50_mb_plan_is_checked_in_bounded_time_and_memory, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    fresh_dir("grande");
    StrBuf b = {0};
    strbuf_puts(&b, PLAN_HEAD);
    /* 2,000 characters of description: 10,000 objectives make 50 MB. */
    char desc[2001];
    for (int i = 0; i < 2000; i++)
        desc[i] = "abcdefghi "[i % 10];
    desc[2000] = '\0';
    int n = 0;
    while (b.len < 50u * 1000 * 1000) {
        char codice[32];
        snprintf(codice, sizeof codice, "G-%05d", ++n);
        if (n > 1)
            strbuf_puts(&b, ",");
        objective(&b, codice, desc, 3, NULL);
        /* Pad each objective with a long note so the file reaches 50 MB quickly. */
        b.len--;
        strbuf_printf(&b, ",\"baseline\":\"%s%s%s%s%s%s%s%s%s%s\"}", desc, desc, desc, desc, desc, desc, desc, desc,
                      desc, desc);
    }
    strbuf_puts(&b, "]}");
    write_file(DIR_ROBUST "/grande/piano.json", b.data, b.len);
    free(b.data);
    Measured m = run_measured("verifica " DIR_ROBUST "/grande/piano.json", DIR_ROBUST "/grande/log.txt");
    size_t len;
    const char *why;
    char *log = file_read_all(tpath(DIR_ROBUST "/grande/log.txt"), &len, &why);
    cr_assert_eq(m.status, 0, "%s", log);
    char *summary = xasprintf("%d obiettivi, %d azioni", n, 3 * n);
    cr_assert(strstr(log, summary), "%s", log + (len > 500 ? len - 500 : 0));
    cr_assert_lt(m.seconds, MAX_SECONDS);
    cr_assert_lt(m.max_rss_kb, MAX_RSS_KB, "%ld KB", m.max_rss_kb);
    free(summary);
    free(log);
}

Test(robust, a_1_mb_string_wraps_across_pages_and_loses_nothing, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    fresh_dir("stringa");
    /* Words "parola0 parola1 …" to 1 MB, then an end marker. */
    StrBuf text = {0};
    int words = 0;
    while (text.len < 1000000)
        strbuf_printf(&text, "parola%d ", words++);
    strbuf_puts(&text, "FINE-DEL-TESTO");
    StrBuf b = {0};
    strbuf_puts(&b, PLAN_HEAD);
    objective(&b, "S-01", text.data, 1, NULL);
    print_bounded(&b, "stringa", "--solo schede");
    char *pdf = pdf_text_of(DIR_ROBUST "/stringa/out/schede.pdf");
    /* Every word once, in order: the first, the last, the marker, the count. */
    cr_assert_eq(count_of(pdf, "FINE-DEL-TESTO"), 1);
    char last[32];
    snprintf(last, sizeof last, "parola%d ", words - 1);
    cr_assert(strstr(pdf, "parola0 ") && strstr(pdf, last));
    cr_assert_lt(strstr(pdf, "parola0 "), strstr(pdf, last));
    cr_assert_eq(count_of(pdf, "parola"), (size_t)words, "every word printed");
    Run r = run_shell("pdfinfo " DIR_ROBUST "/stringa/out/schede.pdf | awk '/^Pages:/ {print $2}'");
    cr_assert_gt(atoi(r.out), 100, "1 MB of text takes over a hundred pages");
    free(r.out);
    free(pdf);
    free(b.data);
    free(text.data);
}

Test(robust, a_1_mb_word_without_spaces_is_broken_not_clipped, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    fresh_dir("parola");
    char *word = xmalloc(1000001);
    memset(word, 'x', 1000000); /* no label of the scheda has an x */
    word[1000000] = '\0';
    StrBuf b = {0};
    strbuf_puts(&b, PLAN_HEAD);
    objective(&b, "P-01", word, 1, NULL);
    print_bounded(&b, "parola", "--solo schede");
    char *pdf = pdf_text_of(DIR_ROBUST "/parola/out/schede.pdf");
    cr_assert_eq(count_of(pdf, "x"), 1000000, "every character printed");
    free(pdf);
    free(b.data);
    free(word);
}

Test(robust, ten_thousand_actions_and_a_thousand_people, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    fresh_dir("azioni");
    StrBuf b = {0};
    strbuf_puts(&b, PLAN_HEAD);
    objective(&b, "A-01", "Diecimila azioni", 10000, NULL);
    strbuf_puts(&b, ",");
    StrBuf people = {0};
    strbuf_puts(&people, ",\"risorse_umane\":[{\"azione\":1,\"responsabile\":\"Capo\",\"personale\":[");
    for (int i = 0; i < 1000; i++)
        strbuf_printf(&people, "%s{\"nome\":\"Persona %04d\",\"percentuale\":0.1}", i ? "," : "", i);
    strbuf_puts(&people, "]}]");
    objective(&b, "P-01", "Mille persone", 1, people.data);
    print_bounded(&b, "azioni", "");
    char *pdf = pdf_text_of(DIR_ROBUST "/azioni/out/schede.pdf");
    cr_assert_eq(count_of(pdf, "0,01 Azione "), 10000, "every action printed");
    cr_assert_eq(count_of(pdf, "Persona 0999"), 1);
    cr_assert_eq(count_of(pdf, "Persona "), 1000, "every person on the scheda");
    free(pdf);
    Run r = run_shell("pdfinfo " DIR_ROBUST "/azioni/out/persone.pdf | awk '/^Pages:/ {print $2}'");
    cr_assert_gt(atoi(r.out), 1000, "a sheet for each of the 1,000 people");
    free(r.out);
    free(people.data);
    free(b.data);
}

Test(robust, deep_nesting_is_refused_with_a_message)
{
    fresh_dir("annidato");
    size_t depth = 1000000;
    char *text = xmalloc(depth + 1);
    memset(text, '[', depth);
    text[depth] = '\0';
    write_file(DIR_ROBUST "/annidato/piano.json", text, depth);
    Measured m = run_measured("verifica " DIR_ROBUST "/annidato/piano.json", DIR_ROBUST "/annidato/log.txt");
    cr_assert_eq(m.status, 1);
    size_t len;
    const char *why;
    char *log = file_read_all(tpath(DIR_ROBUST "/annidato/log.txt"), &len, &why);
    cr_assert(strstr(log, "piano.json:1:101:"), "%s", log);
    free(log);
    free(text);
}

/* ---- atomic output ------------------------------------------------------------------------- */

Test(robust, an_existing_output_is_replaced_only_by_a_complete_one, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    fresh_dir("atomico");
    /* An old file stays when the plan has errors … */
    write_file(DIR_ROBUST "/atomico/schede.pdf", "vecchio", 7);
    Run r = run("stampa tests/fixtures/errori.json --out " DIR_ROBUST "/atomico");
    cr_assert_eq(r.status, 1, "%s", r.out);
    free(r.out);
    r = run_shell("cat " DIR_ROBUST "/atomico/schede.pdf; ls -A " DIR_ROBUST "/atomico");
    cr_assert_str_eq(r.out, "vecchioschede.pdf\n", "untouched, and nothing else written");
    free(r.out);
    /* … and when the disk fills up (a file size limit stands in for it). */
    r = run_shell("trap '' XFSZ; ulimit -f 20; '" SCHEDE_EXE "' stampa samples/sarzana-2024-2026.json --solo schede "
                  "--out " DIR_ROBUST "/atomico");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, tpath("errore: " DIR_ROBUST "/atomico/schede.pdf: impossibile scrivere il file: spazio su "
                              "disco esaurito"));
    free(r.out);
    r = run_shell("cat " DIR_ROBUST "/atomico/schede.pdf; ls -A " DIR_ROBUST "/atomico");
    cr_assert_str_eq(r.out, "vecchioschede.pdf\n", "no partial file, no temporary file left");
    free(r.out);
    /* The open-data CSV of the Relazione: its name is taken by a folder. */
    r = run_shell("mkdir -p " DIR_ROBUST "/atomico/relazione.csv && '" SCHEDE_EXE "' stampa "
                  "samples/sarzana-2024-2026.json --solo relazione --raggiunto samples/raggiunto-2024.json --dati-aperti "
                  "--out " DIR_ROBUST "/atomico");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "relazione.csv: impossibile scrivere il file: è una cartella, non un file");
    free(r.out);
    r = run_shell("ls -A " DIR_ROBUST "/atomico");
    cr_assert_str_eq(r.out, "relazione.csv\nrelazione.pdf\nschede.pdf\n", "no temporary file left");
    free(r.out);
    /* Results sent to a full device. */
    r = run("esiti tests/fixtures/esiti-piano.json --raggiunto tests/fixtures/raggiunto.json >/dev/full");
    cr_assert_eq(r.status, 1, "%s", r.out);
    expect_contains(&r, "impossibile scrivere l'output: spazio su disco esaurito");
    free(r.out);
    /* The name asked for is a folder: a message, nothing left behind. */
    r = run_shell("mkdir -p " DIR_ROBUST "/atomico2/schede.pdf && '" SCHEDE_EXE "' stampa tests/fixtures/completo.json "
                  "--solo schede --out " DIR_ROBUST "/atomico2; echo \"exit $?\"; ls -A " DIR_ROBUST "/atomico2");
    expect_contains(&r, "impossibile scrivere il file: è una cartella, non un file");
    expect_contains(&r, "exit 1\nschede.pdf\n");
    free(r.out);
}

/* Runs the program as nobody when root (root writes anywhere): the program
 * and its data are copied where nobody can read them. */
Test(robust, an_unwritable_folder_is_a_clear_error, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    fresh_dir("solalettura");
    /* nobody must reach the folder: the scratch folder is mkdtemp's 0700 */
    Run r = run_shell("chmod a+rx $T " DIR_ROBUST " && cd " DIR_ROBUST "/solalettura && mkdir -p bin share/schede out && "
                      "cp '" SCHEDE_PROGRAM "' bin/schede && cp -r '" SCHEDE_SOURCE_DIR "/layouts' '" SCHEDE_SOURCE_DIR "/fonts' "
                      "share/schede/ && cp '" SCHEDE_SOURCE_DIR "/tests/fixtures/completo.json' . && "
                      "chmod -R a+rX . && chmod 555 out");
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    const char *as = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    /* The program itself, not the valgrind wrapper: nobody may not read the build folder. */
    char *cmd = xasprintf("cd " DIR_ROBUST "/solalettura && SCHEDE_DATI=$PWD/share/schede %sbin/schede "
                          "stampa completo.json --solo schede --out out; echo \"exit $?\"; ls -A out",
                          as);
    r = run_shell(cmd);
    expect_contains(&r, "errore: out/schede.pdf: impossibile scrivere il file: permesso negato");
    expect_contains(&r, "exit 1\n");
    cr_assert(strstr(r.out, "exit 1\n")[7] == '\0', "the folder stays empty: %s", r.out);
    free(r.out);
    free(cmd);
}

/* ---- locale and reproducibility -------------------------------------------------------------- */

/* Every output of the sample, with a fixed date, under LANG/LC_ALL = locale. */
static void outputs_under(const char *locale, const char *dir)
{
    char *cmd = xasprintf("rm -rf %s && mkdir -p %s && export LANG=%s LC_ALL=%s SOURCE_DATE_EPOCH=1735689600 && "
                          "'%s' stampa samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv "
                          "--anno 2024 --dati-aperti --out %s >/dev/null 2>&1 && "
                          "'%s' esiti samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 "
                          ">%s/esiti.json && "
                          "'%s' verifica samples/sarzana-2024-2026.json --dettagli >%s/verifica.txt",
                          dir, dir, locale, locale, SCHEDE_EXE, dir, SCHEDE_EXE, dir, SCHEDE_EXE, dir);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s: %s", locale, r.out);
    free(r.out);
    free(cmd);
}

Test(robust, outputs_are_byte_identical_in_every_locale, .timeout = 300 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run_shell("locale -a");
    cr_assert(strstr(r.out, "it_IT.utf8") && strstr(r.out, "fr_FR.utf8"),
              "scripts/install-deps.sh --test generates it_IT.UTF-8 and fr_FR.UTF-8: %s", r.out);
    free(r.out);
    outputs_under("C", DIR_ROBUST "/loc-c");
    outputs_under("it_IT.UTF-8", DIR_ROBUST "/loc-it");
    outputs_under("fr_FR.UTF-8", DIR_ROBUST "/loc-fr");
    outputs_under("it_IT.UTF-8", DIR_ROBUST "/loc-it2"); /* twice: reproducible */
    static const char *const files[] = {"schede.pdf", "persone.pdf", "relazione.pdf", "relazione.csv", "esiti.json",
                                        "verifica.txt"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *cmd = xasprintf("cd " DIR_ROBUST " && cmp loc-c/%s loc-it/%s && cmp loc-c/%s loc-fr/%s && "
                              "cmp loc-it/%s loc-it2/%s && echo uguali",
                              files[i], files[i], files[i], files[i], files[i], files[i]);
        r = run_shell(cmd);
        expect_contains(&r, "uguali");
        free(r.out);
        free(cmd);
    }
}

/* In the page content streams, numbers are operands: 12.5 never 12,5. */
Test(robust, no_decimal_comma_in_pdf_operators, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    outputs_under("it_IT.UTF-8", DIR_ROBUST "/loc-ops");
    static const char *const files[] = {"schede.pdf", "persone.pdf", "relazione.pdf"};
    for (size_t i = 0; i < 3; i++) {
        /* qpdf --qdf leaves the streams uncompressed, one operator per line;
         * a line of numbers and an operator must not hold a comma. */
        char *cmd = xasprintf("cd " DIR_ROBUST "/loc-ops && qpdf --qdf --object-streams=disable %s q-%s && "
                              "grep -a -c -E '^[-0-9.]+( [-0-9.]+)* (re|m|l|c|w|Td|TD|Tm|cm|rg|RG|g|G|Tf|Tc|Tw|TL)$' "
                              "q-%s; grep -a -c -E '^[-0-9.,]*,[-0-9.,]*( [-0-9.,]+)* "
                              "(re|m|l|c|w|Td|TD|Tm|cm|rg|RG|g|G|Tf|Tc|Tw|TL)$' q-%s",
                              files[i], files[i], files[i], files[i]);
        Run r = run_shell(cmd);
        long operators = 0, with_comma = -1;
        cr_assert_eq(sscanf(r.out, "%ld\n%ld", &operators, &with_comma), 2, "%s", r.out);
        cr_assert_gt(operators, 1000, "%s: the operators were found", files[i]);
        cr_assert_eq(with_comma, 0, "%s", files[i]);
        free(r.out);
        free(cmd);
    }
}
