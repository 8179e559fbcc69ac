/* The command line's parser (src/cli/options.c): the input is argv, its
 * words separated by NUL bytes, the first byte choosing the command. Each
 * parse must end in a result, the help or a usage error, never a crash; a
 * parse that succeeds has kept only values its options accept. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "commands.h"
#include "fuzz_common.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t n_commands = 0;
    while (COMMANDS[n_commands])
        n_commands++;
    const Command *cmd = COMMANDS[data[0] % n_commands];
    char *text = fuzz_text(data + 1, size - 1);
    char *argv[64];
    int argc = 0;
    for (char *p = text; argc < 64 && p <= text + size - 1;) {
        argv[argc++] = p;
        p += strlen(p) + 1;
    }
    /* the help and the messages are not what is tested: silenced around the parse only, so that
     * libFuzzer and the sanitizers still report */
    static int devnull = -1, saved_out = -1, saved_err = -1;
    if (devnull < 0 && ((devnull = open("/dev/null", O_WRONLY)) < 0 || (saved_out = dup(1)) < 0 ||
                        (saved_err = dup(2)) < 0))
        abort();
    fflush(stdout);
    fflush(stderr);
    dup2(devnull, 1);
    dup2(devnull, 2);
    Parsed parsed;
    int rc = command_parse(cmd, argc, argv, &parsed);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    if (rc != 0 && rc != -1 && rc != EXIT_USAGE)
        abort();
    if (rc == 0) {
        if (parsed.n_args < cmd->min_args || parsed.n_args > cmd->max_args)
            abort();
        for (int id = 0; id < OPT_COUNT; id++)
            if (parsed.set[id] && OPTION_DEFS[id].kind == VALUE_YEAR &&
                (parsed.year[id] < 2000 || parsed.year[id] > 2100))
                abort();
    }
    free(text);
    return 0;
}
