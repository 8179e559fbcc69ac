/* fileio.h — reading a whole input file, with an Italian reason on failure. */
#ifndef SCHEDE_FILEIO_H
#define SCHEDE_FILEIO_H

#include <stddef.h>

/* Reads path into a new NUL-terminated buffer. On failure returns NULL and
 * *reason is a static Italian phrase ("il file non esiste", ...). */
char *file_read_all(const char *path, size_t *len, const char **reason);

#endif
