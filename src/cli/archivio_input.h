/* archivio_input.h — --archivio ARCHIVIO in place of the files: the
 * command line's side of the inputs (motore/ingressi.h), which reads the
 * plan by the archive's one version rule (or --versione N) and what the year
 * has of what the command uses. What the command line names itself
 * (--raggiunto FILE…) wins. */
#ifndef SCHEDE_CLI_ARCHIVIO_INPUT_H
#define SCHEDE_CLI_ARCHIVIO_INPUT_H

#include "archivio.h"
#include "ingressi.h"
#include "inputs.h"
#include "options.h"

/* With --archivio: checks the options' combinations, opens the archive and
 * reads it (ingressi_archivio) for what uso asks; says on standard error
 * which version of the plan it read when it is not an approved one.
 * file is the PIANO argument (NULL when absent): one of the two is needed.
 * Returns 0, or the exit code with the message printed. */
int archivio_input_open(const Command *cmd, const Parsed *p, const char *file, ArchivioUso uso, InputOptions *o);

/* The plan of a command: from the archive when open, else from file (JSON
 * or workbook). *name is what messages call it. */
LoadStatus archivio_input_plan(InputOptions *o, const char *file, Plan *plan, DiagList *diags, const char **name);

/* The same for a command that only needs the plan: its errors go to
 * stderr. Returns 0, EXIT_DATA or EXIT_USAGE. */
int archivio_input_load_plan(InputOptions *o, const char *file, Plan *plan);

void archivio_input_close(InputOptions *o);

/* The exit code of an archive's outcome: 0, EXIT_DATA or EXIT_USAGE. */
int archivio_exit_code(ArchivioEsito e);

/* The archive at path opened to read, or NULL with its message printed and *rc the exit code. */
Archivio *archivio_input_apri(const char *path, int *rc);

/* A command that reads PIANO or --archivio: parses the command line of the
 * command called name, opens the inputs (archivio_input_open), runs it and
 * closes them. Returns its exit code. */
typedef int (*CommandWithInputs)(const Command *cmd, Parsed p, InputOptions opt, const char *file);
int archivio_input_run(const char *name, int argc, char **argv, ArchivioUso uso, CommandWithInputs run);

#endif
