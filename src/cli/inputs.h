/* inputs.h — the options every command shares for its inputs (--raggiunto
 * FILE, --anno N, --codifica C, …; loaded by motore/ingressi.h), the
 * parsing of a command line, and how the command line prints what loading
 * found. */
#ifndef SCHEDE_CLI_INPUTS_H
#define SCHEDE_CLI_INPUTS_H

#include <stdbool.h>
#include <time.h>

#include "diag.h"
#include "esiti.h"
#include "ingressi.h"
#include "model.h"
#include "options.h"
#include "raggiunto.h"

/* The options of the results (--raggiunto, --anno, --codifica, --sistema,
 * --valutazioni, --al) as the command line gave them. */
void input_options_from(const Parsed *p, InputOptions *o);

/* Parses the command line of the command called name (options.h): 0 and
 * *p filled; otherwise the exit code, with what was printed (the help: 0). */
int cli_parse(const char *name, int argc, char **argv, Parsed *p, const Command **cmd);

/* Who makes a change: --autore, else the system's user. */
const char *cli_author(const Parsed *p);

/* The folder dir, created with its parents when missing. Prints the problem
 * and returns EXIT_USAGE, or 0. */
int cli_ensure_folder(const char *dir);

/* Prints the diagnostics in d to out, sorted (diag_list_sort): only the
 * errors, or all of them. */
void cli_print_diags(DiagList *d, FILE *out, bool errors_only);

/* A loader's outcome for the user: the errors in d, at their sheet and cell
 * for a workbook, to stderr (d is freed); the exit code 0, EXIT_DATA or
 * EXIT_USAGE (unreadable). */
int cli_report_load(LoadStatus st, DiagList *d);

/* The layout folders of a command: --layout DIR (no fallback), or the
 * profile --profilo NAME (default: sarzana) in the data folder, whose
 * missing files come from the default profile (*fallback). Sets *dir and
 * *fallback (new strings; *fallback may be NULL) and returns 0, or prints
 * the usage error for cmd and returns EXIT_USAGE. */
int cli_layout_dirs(const Command *cmd, const char *layout_dir, const char *profile, char **dir, char **fallback);

/* Whether profilo is a profile of forms of the data folder: 0, or the
 * usage error printed and EXIT_USAGE (cmd_archivio_ente.c). */
int cli_check_profile(const Command *cmd, const char *profilo);

/* Loads the plan (JSON or workbook) for a command that only needs it: its
 * errors, at their sheet and cell for a workbook, go to stderr. Returns 0,
 * EXIT_DATA or EXIT_USAGE (unreadable). */
int cli_load_plan(const char *file, Plan *plan);

/* Every warning about a usable plan: plan_check, characters no font can
 * print, people (for year anno). The same for verifica and stampa. */
void cli_check_plan(const Plan *plan, const char *file, int anno, DiagList *diags);

#endif
