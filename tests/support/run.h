/* run.h — running a command from the tests: exit status and its output. */
#ifndef SCHEDE_TEST_RUN_H
#define SCHEDE_TEST_RUN_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text.h"

typedef struct {
    int status;
    char *out; /* stdout and stderr together */
} Run;

/* The test's own scratch folder, made with mkdtemp under $TMPDIR (or
 * /tmp) the first time it is asked for, and removed when the test process
 * ends (kept when SCHEDE_TEST_TIENI is set, to look at what a failing test
 * wrote). Criterion runs each test in a process of its own, so tests that
 * run at the same time (ctest -j, --jobs) never share a folder. Commands
 * run by run_shell see it as $T. */
static char scratch_root[4096];

static void scratch_remove(void)
{
    if (!scratch_root[0] || getenv("SCHEDE_TEST_TIENI"))
        return;
    char *cmd = xasprintf("rm -rf '%s'", scratch_root);
    if (system(cmd) != 0)
        fprintf(stderr, "cartella temporanea non rimossa: %s\n", scratch_root);
    free(cmd);
}

static inline const char *scratch(void)
{
    if (!scratch_root[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch_root, sizeof scratch_root, "%s/schede-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        cr_assert_not_null(mkdtemp(scratch_root), "mkdtemp %s", scratch_root);
        setenv("T", scratch_root, 1);
        atexit(scratch_remove);
    }
    return scratch_root;
}

/* text written with "$T" (as in the shell commands) with the scratch
 * folder in its place, for C calls and expected messages; in one of eight
 * static buffers. */
static inline const char *tpath(const char *text)
{
    static char bufs[8][8192];
    static int next;
    char *b = bufs[next++ % 8];
    const char *root = scratch();
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof bufs[0];) {
        if (p[0] == '$' && p[1] == 'T') {
            n += (size_t)snprintf(b + n, sizeof bufs[0] - n, "%s", root);
            p += 2;
        } else {
            b[n++] = *p++;
        }
    }
    b[n < sizeof bufs[0] ? n : sizeof bufs[0] - 1] = '\0';
    return b;
}

/* Runs a shell command from the source directory. */
static inline Run run_shell(const char *cmd)
{
    scratch();
    char *full = xasprintf("cd '%s' && { %s ; } 2>&1", SCHEDE_SOURCE_DIR, cmd);
    FILE *p = popen(full, "r");
    cr_assert_not_null(p);
    StrBuf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        strbuf_append(&b, chunk, n);
    int st = pclose(p);
    free(full);
    return (Run){WIFEXITED(st) ? WEXITSTATUS(st) : -1, b.data ? b.data : xstrdup("")};
}

/* Runs the schede program with these arguments. */
static inline Run run(const char *args)
{
    char *cmd = xasprintf("'%s' %s", SCHEDE_EXE, args);
    Run r = run_shell(cmd);
    free(cmd);
    return r;
}

/* Runs a shell command (freed here) that must succeed. */
static inline void run_shell_ok(char *cmd)
{
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s: %s", cmd, r.out);
    free(r.out);
    free(cmd);
}

/* A fresh, empty folder for one test, in its scratch folder: suite-name. */
static inline char *test_dir(const char *suite, const char *name)
{
    char *dir = xasprintf("%s/%s-%s", scratch(), suite, name);
    run_shell_ok(xasprintf("rm -rf '%s' && mkdir -p '%s'", dir, dir));
    return dir;
}

/* The text of a PDF in content-stream order (`pdftotext -raw`); with
 * join_lines its lines are joined by spaces, since a cell's text wraps. */
static inline char *pdf_raw_text(const char *path, bool join_lines)
{
    char *cmd = xasprintf("pdftotext -raw '%s' - 2>/dev/null", path);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0);
    free(cmd);
    for (char *c = r.out; join_lines && *c; c++)
        if (*c == '\n')
            *c = ' ';
    return r.out;
}

static inline void expect_contains(const Run *r, const char *needle)
{
    cr_assert(strstr(r->out, needle), "output lacks «%s»:\n%s", needle, r->out);
}

/* The PDF opens cleanly in a second reader (MuPDF): exit 0 and no remark
 * but the one about Debian's mutool lacking colour management. */
static inline void expect_opens_in_mupdf(const char *pdf)
{
    char *cmd = xasprintf("mutool draw -q -o /dev/null '%s'", pdf);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "mutool on %s: %s", pdf, r.out);
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"))
        cr_assert(strstr(line, "ICC support is not available"), "mutool on %s says: %s", pdf, line);
    free(r.out);
    free(cmd);
}

#endif
