/* commands.h — the subcommands of the schede program. Each takes the
 * arguments after its name and returns the process exit code:
 * 0 done, 1 the data has errors, 2 usage error or unreadable file. */
#ifndef SCHEDE_COMMANDS_H
#define SCHEDE_COMMANDS_H

#define EXIT_DATA 1
#define EXIT_USAGE 2

int cmd_verifica(int argc, char **argv);
int cmd_stampa(int argc, char **argv);
int cmd_esiti(int argc, char **argv);
int cmd_modello_raggiunto(int argc, char **argv);
int cmd_modello_valutazioni(int argc, char **argv);
int cmd_esporta(int argc, char **argv);
int cmd_confronta(int argc, char **argv);
int cmd_archivio(int argc, char **argv);
int cmd_archivio_utente(int argc, char **argv); /* schede archivio utente */
int cmd_archivio_profilo(int argc, char **argv);  /* schede archivio profilo */
int cmd_archivio_approva(int argc, char **argv);  /* schede archivio approva */
int cmd_archivio_stato(int argc, char **argv);    /* schede archivio stato */
int cmd_web(int argc, char **argv);

#endif
