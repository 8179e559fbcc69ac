/* options.h — the command line's one table: every command with its
 * arguments and options, from which both the parsing and the help
 * (`schede COMANDO --aiuto`) are made, so that they cannot drift apart.
 *
 * An option is defined once (its name, the kind of value it takes, an
 * example); a command lists the options it accepts, with its own help line
 * and, for a choice, its own choices. An option of another command is an
 * error that names it; a missing or malformed value gets one wording in
 * every command: "--anno vuole un anno, per esempio --anno 2025". */
#ifndef SCHEDE_CLI_OPTIONS_H
#define SCHEDE_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "date.h"

typedef enum {
    OPT_OUT,
    OPT_LAYOUT,
    OPT_PROFILO,
    OPT_SOLO,
    OPT_UNA_PER_PERSONA,
    OPT_DATI_APERTI,
    OPT_PDFA,
    OPT_SENZA_PDFA,
    OPT_RAGGIUNTO,
    OPT_ANNO,
    OPT_CODIFICA,
    OPT_SISTEMA,
    OPT_VALUTAZIONI,
    OPT_AL,
    OPT_DETTAGLI,
    OPT_FORMATO,
    OPT_PER_DIRIGENTE,
    OPT_ARCHIVIO,
    OPT_VERSIONE,
    OPT_ENTE,
    OPT_AUTORE,
    OPT_MOTIVO,
    OPT_VERSIONI,
    OPT_INDIRIZZO,
    OPT_PORTA,
    OPT_LOG,
    OPT_HTTPS,
    OPT_AGGIUNGI,
    OPT_RUOLO,
    OPT_PERSONA,
    OPT_GIUNTA,
    OPT_PERMESSI,
    OPT_FLUSSI,
    OPT_RIMUOVI,
    OPT_PROVA,
    OPT_PROXY_FIDATO,
    OPT_CONNESSIONI_PER_INDIRIZZO,
    OPT_DISATTIVA,
    OPT_RIATTIVA,
    OPT_COUNT
} OptionId;

typedef enum {
    VALUE_NONE,   /* a flag */
    VALUE_TEXT,   /* a file or a folder */
    VALUE_YEAR,   /* 2000–2100 */
    VALUE_DATE,   /* gg/mm/aaaa or aaaa-mm-gg */
    VALUE_CHOICE, /* one of the command's choices */
    VALUE_DOCUMENT /* the name of a document of the catalogue (catalogo.h) */
} ValueKind;

/* An option as every command knows it. */
typedef struct {
    const char *name;        /* "--anno" */
    ValueKind kind;
    const char *metavar;     /* "N", "FILE", "CARTELLA", … (NULL for a flag) */
    const char *wants;       /* what the value is, for messages: "un anno" */
    const char *example;     /* a value, for messages: "2025" */
    bool ripetibile;         /* may be given more than once (up to OPTION_REPEATS): every value in Parsed.values */
} OptionDef;

#define OPTION_REPEATS 8

extern const OptionDef OPTION_DEFS[OPT_COUNT];

/* An option of one command: its help line, and its choices for a VALUE_CHOICE. */
typedef struct {
    OptionId id;
    const char *help;
    const char *const *choices; /* NULL-terminated */
} CommandOption;

typedef struct {
    const char *name;          /* "stampa" */
    const char *arguments;     /* "PIANO" */
    size_t min_args, max_args;
    const char *summary;       /* one line, for the list of commands */
    const char *description;   /* the command's own help, lines ending in \n */
    const CommandOption *options;
    size_t n_options;
} Command;

extern const Command *const COMMANDS[];  /* NULL-terminated, in the order of the help */

/* What the command line said. */
typedef struct {
    bool set[OPT_COUNT];
    const char *value[OPT_COUNT];   /* a repeatable option: its last */
    const char *values[OPT_COUNT][OPTION_REPEATS];
    size_t n_values[OPT_COUNT];
    int year[OPT_COUNT];       /* VALUE_YEAR */
    Date date[OPT_COUNT];      /* VALUE_DATE */
    const char *args[64]; /* no command takes more (archivio importa: 1 + 63 files) */
    size_t n_args;
} Parsed;

/* The command of this name, or NULL. */
const Command *command_find(const char *name);

/* Parses argv (the arguments after the command's name). Returns 0 with
 * *out filled; -1 after printing the help to standard output (--aiuto, -h,
 * --help: the caller exits 0); or EXIT_USAGE after printing the message. */
int command_parse(const Command *cmd, int argc, char **argv, Parsed *out);

/* The command's help: usage, description, every option it accepts, exit codes. */
void command_help(const Command *cmd, FILE *out);

/* The program's help: the commands with their summary. */
void commands_help(FILE *out);

/* The one wording for a value an option cannot take: "schede CMD: --anno
 * «x» non va bene: --anno vuole un anno, per esempio --anno 2025" (given
 * NULL: the value is missing). Returns EXIT_USAGE. */
int option_value_error(const Command *cmd, OptionId id, const char *given);

/* A usage error of cmd: "schede CMD: message", then where to read the
 * help. Returns EXIT_USAGE. */
int usage_error(const Command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
