/* resources.h — where the program finds its layouts/ and fonts/.
 *
 * In order: the folder named by the environment variable SCHEDE_DATI; the
 * source tree, when the program runs from its build tree; the installed
 * data folder next to the program (BINDIR/../share/schede); the source tree
 * the program was built from, if it still exists. */
#ifndef SCHEDE_RESOURCES_H
#define SCHEDE_RESOURCES_H

/* The data folder (holding layouts/ and fonts/), or NULL when none is found.
 * The string is static. */
const char *resources_dir(void);

#endif
