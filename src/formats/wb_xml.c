#include "wb_xml.h"

#include <expat.h>
#include <string.h>

#include "text.h"

const char *wb_xml_local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

const char *wb_xml_attr(const char **attrs, const char *name)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (strcmp(wb_xml_local(attrs[i]), name) == 0)
            return attrs[i + 1];
    return NULL;
}

typedef struct {
    const WbXml *h;
    XML_Parser parser;
    bool doctype, halted;
} Ctx;

/* After a handler: stops where the handler asked to. */
static void check_halt(Ctx *c)
{
    if (c->h->halt && *c->h->halt && !c->halted) {
        c->halted = true;
        XML_StopParser(c->parser, XML_FALSE);
    }
}

static void XMLCALL on_start(void *u, const XML_Char *name, const XML_Char **attrs)
{
    Ctx *c = u;
    if (c->h->start)
        c->h->start(c->h->user, wb_xml_local(name), attrs);
    check_halt(c);
}

static void XMLCALL on_end(void *u, const XML_Char *name)
{
    Ctx *c = u;
    if (c->h->end)
        c->h->end(c->h->user, wb_xml_local(name));
    check_halt(c);
}

static void XMLCALL on_text(void *u, const XML_Char *s, int len)
{
    Ctx *c = u;
    if (c->h->text)
        c->h->text(c->h->user, s, len);
    check_halt(c);
}

static void XMLCALL on_doctype(void *u, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    Ctx *c = u;
    c->doctype = true;
    XML_StopParser(c->parser, XML_FALSE);
}

bool wb_xml_parse(const char *text, size_t len, const WbXml *h, char **why)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p) {
        *why = xstrdup("memoria insufficiente");
        return false;
    }
    Ctx c = {h, p, false, false};
    XML_SetUserData(p, &c);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    bool ok = true;
    /* expat takes an int length: feed large parts in pieces */
    size_t off = 0;
    do {
        size_t chunk = len - off > (1u << 30) ? (1u << 30) : len - off;
        bool last = off + chunk == len;
        if (XML_Parse(p, text + off, (int)chunk, last) == XML_STATUS_ERROR) {
            ok = false;
            break;
        }
        off += chunk;
    } while (off < len);
    if (c.halted && !c.doctype) {
        XML_ParserFree(p);
        return true; /* the handlers' own reason */
    }
    if (c.doctype)
        *why = xstrdup("XML con una dichiarazione DOCTYPE, non ammessa in un foglio di calcolo");
    else if (!ok)
        *why = xasprintf("XML non valido alla riga %lu: %s", (unsigned long)XML_GetCurrentLineNumber(p),
                         XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    return ok && !c.doctype;
}
