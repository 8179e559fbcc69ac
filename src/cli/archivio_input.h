/* archivio_input.h — --archivio ARCHIVIO in place of the files: the plan
 * (the latest version, or --versione N), the rilevazioni of the year (or of
 * the latest monitoring at --al), the SMVP and the valutazioni of the year,
 * read from the archive and handed to the commands as the files would be.
 * What the command line names itself (--raggiunto FILE…) wins. */
#ifndef SCHEDE_CLI_ARCHIVIO_INPUT_H
#define SCHEDE_CLI_ARCHIVIO_INPUT_H

#include "archivio.h"
#include "inputs.h"
#include "options.h"

struct ArchivioInput {
    Archivio *a;
    int versione;              /* the version read */
    ArchivioFile piano;
    Plan plan;                 /* loaded from piano, moved out by archivio_input_plan */
    bool has_plan;
    DiagList diags;            /* the plan's warnings */
    bool has_ril;
    Rilevazioni ril;           /* moved out by load_esiti */
    ArchivioFile sistema, valutazioni;
    bool has_sistema, has_valutazioni;
};

/* What a command reads from the archive besides the plan: the documents and
 * verifica everything, esiti the rilevazioni (it gives the people's scores
 * only when asked), the templates and esporta the plan alone. */
typedef enum {
    ARCHIVIO_SOLO_PIANO = 0,
    ARCHIVIO_RILEVAZIONI = 1,
    ARCHIVIO_VALUTAZIONI = 2, /* the SMVP and the year's valutazioni, as a pair */
    ARCHIVIO_TUTTO = ARCHIVIO_RILEVAZIONI | ARCHIVIO_VALUTAZIONI
} ArchivioUso;

/* With --archivio: opens it, loads the plan and finds what the year has of
 * what the command uses; sets o->archivio and, where the command line is
 * silent, o->raggiunto, o->sistema and o->valutazioni to the names of what
 * the archive holds.
 * file is the PIANO argument (NULL when absent): one of the two is needed.
 * Returns 0, or the exit code with the message printed. */
int archivio_input_open(const Command *cmd, const Parsed *p, const char *file, ArchivioUso uso, InputOptions *o);

/* The plan of a command: from the archive when open, else from file (JSON
 * or workbook). *name is what messages call it. */
LoadStatus archivio_input_plan(InputOptions *o, const char *file, Plan *plan, DiagList *diags, const char **name);

/* The same for a command that only needs the plan: its errors go to
 * stderr. Returns 0, EXIT_DATA or EXIT_USAGE. */
int archivio_input_load_plan(InputOptions *o, const char *file, Plan *plan);

/* The archive's SMVP for a command that needs it alone (modello-valutazioni):
 * sets o->sistema when the archive has one. */
void archivio_input_sistema(InputOptions *o);

void archivio_input_close(InputOptions *o);

/* The exit code of an archive's outcome: 0, EXIT_DATA or EXIT_USAGE. */
int archivio_exit_code(ArchivioEsito e);

/* A command that reads PIANO or --archivio: parses the command line of the
 * command called name, opens the inputs (archivio_input_open), runs it and
 * closes them. Returns its exit code. */
typedef int (*CommandWithInputs)(const Command *cmd, Parsed p, InputOptions opt, const char *file);
int archivio_input_run(const char *name, int argc, char **argv, ArchivioUso uso, CommandWithInputs run);

#endif
