/* monitoring.h — --al DATA on esiti: the states of the actions at a date,
 * with the "a rischio" margin of the monitoraggio layout file. */
#ifndef SCHEDE_CLI_MONITORING_H
#define SCHEDE_CLI_MONITORING_H

/* The margin of layout_dir/monitoraggio.json (the installed layouts when
 * layout_dir is NULL). Prints the problems; returns 0, or the exit code. */
int monitoring_margin(const char *layout_dir, double *margin);

#endif
