/* resources.h — where the program finds its layouts/ and fonts/.
 *
 * In order: the folder named by the environment variable SCHEDE_DATI; the
 * source tree, when the program runs from its build tree; the installed
 * data folder next to the program (BINDIR/../share/schede); the source tree
 * the program was built from, if it still exists. */
#ifndef SCHEDE_RESOURCES_H
#define SCHEDE_RESOURCES_H

/* The data folder (holding layouts/ and fonts/), as a new string, or NULL
 * when none is found. Looked up anew at each call (no state is kept). */
char *resources_dir(void);

/* The default layout profile: the layouts/ folder itself. */
#define PROFILO_PREDEFINITO "sarzana"

/* Layout profiles: a profile is a sub-folder of DATA/layouts/
 * holding the layout files a comune changes; the files it lacks are the
 * default profile's, DATA/layouts/ itself. For name (NULL or "sarzana":
 * the default) sets *dir to the folder to read first (new string) and
 * returns 0; for an unknown name returns -1 with *known, the profiles
 * available ("sarzana, generico"; new string). */
int resources_profile(const char *data, const char *name, char **dir, char **known);

/* The folder holding NAME.json: dir when it has it, else fallback (when
 * not NULL), else dir (whose missing file the loader then reports). */
const char *resources_layout_dir(const char *dir, const char *fallback, const char *name);

#endif
