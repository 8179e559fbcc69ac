/* main.c — the schede command line: dispatches to the subcommands (their
 * arguments and options are in the table of options.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "resources.h"
#include "wb_convert.h"

static int run_command(int argc, char **argv)
{
    if (argc < 2) {
        commands_help(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--aiuto") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "aiuto") == 0) {
        commands_help(stdout);
        return 0;
    }
    if (strcmp(cmd, "--versione") == 0 || strcmp(cmd, "--version") == 0) {
        char *dir = resources_dir();
        printf("schede %s\ndati: %s\n", SCHEDE_VERSION, dir ? dir : "(cartella dei dati non trovata)");
        free(dir);
        return 0;
    }
    if (strcmp(cmd, "verifica") == 0)
        return cmd_verifica(argc - 2, argv + 2);
    if (strcmp(cmd, "stampa") == 0)
        return cmd_stampa(argc - 2, argv + 2);
    if (strcmp(cmd, "esiti") == 0)
        return cmd_esiti(argc - 2, argv + 2);
    if (strcmp(cmd, "modello-raggiunto") == 0)
        return cmd_modello_raggiunto(argc - 2, argv + 2);
    if (strcmp(cmd, "modello-valutazioni") == 0)
        return cmd_modello_valutazioni(argc - 2, argv + 2);
    if (strcmp(cmd, "esporta") == 0)
        return cmd_esporta(argc - 2, argv + 2);
    if (strcmp(cmd, "confronta") == 0)
        return cmd_confronta(argc - 2, argv + 2);
    if (strcmp(cmd, "archivio") == 0)
        return cmd_archivio(argc - 2, argv + 2);
    if (strcmp(cmd, "web") == 0)
        return cmd_web(argc - 2, argv + 2);
    fprintf(stderr, "schede: comando sconosciuto «%s»\n\n", cmd);
    commands_help(stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    int rc = run_command(argc, argv);
    /* What went to standard output (esiti, the template, reports redirected
     * to a file) must have been written whole: a full disk is an error. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        diag_report(stderr, NULL, "impossibile scrivere l'output: %s",
                errno == ENOSPC || errno == EFBIG ? "spazio su disco esaurito" : "errore di scrittura");
        if (rc == 0)
            rc = EXIT_DATA;
    }
    return rc;
}
