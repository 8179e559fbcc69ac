/* wb_zip.h — the members of a zip archive in memory, through libzip, with
 * the limits of workbook.h (entry count, size of each member and of all the
 * members read). */
#ifndef SCHEDE_WB_ZIP_H
#define SCHEDE_WB_ZIP_H

#include <stddef.h>

typedef struct WbZip WbZip;

/* NULL with *why (static Italian text) when the bytes are no readable zip. */
WbZip *wb_zip_open(const char *data, size_t len, const char **why);
void wb_zip_close(WbZip *z);
/* The member's bytes, NUL-terminated; NULL with *why when absent, too
 * large, or damaged. */
char *wb_zip_read(WbZip *z, const char *name, size_t *len, const char **why);
/* Whether the archive has this member. */
int wb_zip_has(WbZip *z, const char *name);

#endif
