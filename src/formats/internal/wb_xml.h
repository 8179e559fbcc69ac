/* wb_xml.h — streaming XML through expat for the workbook readers: names
 * are matched by their local part (after the prefix), so "x:row" and "row",
 * "table:table-cell" and "table-cell" are the same; a DOCTYPE is refused
 * (no entity expansion can blow up). Internal to the workbook reader (src/formats). */
#ifndef SCHEDE_WB_XML_H
#define SCHEDE_WB_XML_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    void (*start)(void *user, const char *name, const char **attrs); /* local names */
    void (*end)(void *user, const char *name);
    void (*text)(void *user, const char *s, int len);
    void *user;
    const bool *halt; /* when given and set by a handler, parsing stops there (and succeeds) */
} WbXml;

/* Parses text; false with *why (new string) on malformed XML. */
bool wb_xml_parse(const char *text, size_t len, const WbXml *h, char **why);

/* The value of attribute local name, or NULL. */
const char *wb_xml_attr(const char **attrs, const char *name);
/* The local part of a qualified name. */
const char *wb_xml_local(const char *name);

#endif
