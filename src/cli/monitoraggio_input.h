/* monitoraggio_input.h — --al DATA on esiti: the states of the actions at a date,
 * with the "a rischio" margin of the monitoraggio layout file. */
#ifndef SCHEDE_CLI_MONITORAGGIO_INPUT_H
#define SCHEDE_CLI_MONITORAGGIO_INPUT_H

/* The margin of monitoraggio.json in layout_dir, or in fallback when
 * layout_dir lacks it (cli_layout_dirs). Prints the problems; returns 0,
 * or the exit code. */
int monitoraggio_margin_from(const char *layout_dir, const char *fallback, double *margin);

#endif
