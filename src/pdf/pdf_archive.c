#include "pdf_archive.h"

#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_tags.h"
#include "text.h"


/* ---- metadata ------------------------------------------------------------------------------ */

char *pdf_xml_escape(const char *text)
{
    StrBuf b = {0};
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '&': strbuf_puts(&b, "&amp;"); break;
        case '<': strbuf_puts(&b, "&lt;"); break;
        case '>': strbuf_puts(&b, "&gt;"); break;
        case '"': strbuf_puts(&b, "&quot;"); break;
        case '\'': strbuf_puts(&b, "&apos;"); break;
        default:
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                strbuf_puts(&b, " ");
            else
                strbuf_append(&b, (const char *)p, 1);
        }
    }
    return b.data ? b.data : xstrdup("");
}

static void info_text(HPDF_Doc pdf, const char *key, const char *value)
{
    if (value && *value)
        HPDF_Dict_Add(pdf->info, key, pdf_text_string(pdf->mmgr, value));
}

/* One XMP property, escaped; nothing when there is no value. */
static void xmp_property(StrBuf *x, const char *name, const char *value, const char *container)
{
    if (!value || !*value)
        return;
    char *v = pdf_xml_escape(value);
    if (!container)
        strbuf_printf(x, "   <%s>%s</%s>\n", name, v, name);
    else if (strcmp(container, "Alt") == 0)
        strbuf_printf(x, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></%s>\n", name, v, name);
    else
        strbuf_printf(x, "   <%s><rdf:%s><rdf:li>%s</rdf:li></rdf:%s></%s>\n", name, container, v, container, name);
    free(v);
}

/* The PDF/A extension schema that describes pdfuaid:part (ISO 19005-1,
 * 6.7.8: a schema container with the schema's name, namespace, prefix and
 * each property's name, value type, category and description). */
#define PDFUA_EXTENSION_SCHEMA                                                                                         \
    "  <rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"              \
    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"                                                  \
    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"                                             \
    "   <pdfaExtension:schemas>\n"                                                                                    \
    "    <rdf:Bag>\n"                                                                                                 \
    "     <rdf:li rdf:parseType=\"Resource\">\n"                                                                      \
    "      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"                            \
    "      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"                     \
    "      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"                                                          \
    "      <pdfaSchema:property>\n"                                                                                   \
    "       <rdf:Seq>\n"                                                                                              \
    "        <rdf:li rdf:parseType=\"Resource\">\n"                                                                   \
    "         <pdfaProperty:name>part</pdfaProperty:name>\n"                                                          \
    "         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"                                             \
    "         <pdfaProperty:category>internal</pdfaProperty:category>\n"                                              \
    "         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n" \
    "        </rdf:li>\n"                                                                                             \
    "       </rdf:Seq>\n"                                                                                             \
    "      </pdfaSchema:property>\n"                                                                                  \
    "     </rdf:li>\n"                                                                                                \
    "    </rdf:Bag>\n"                                                                                                \
    "   </pdfaExtension:schemas>\n"                                                                                   \
    "  </rdf:Description>\n"

static void file_id(HPDF_Doc pdf, const PdfMetadata *m, const char *date, size_t n_pages)
{
    HPDF_MD5_CTX ctx;
    HPDF_MD5Init(&ctx);
    const char *parts[] = {m->title, m->author, m->subject, m->creator, date};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i])
            HPDF_MD5Update(&ctx, (const HPDF_BYTE *)parts[i], (HPDF_UINT32)strlen(parts[i]) + 1);
    char pages[32];
    snprintf(pages, sizeof pages, "%zu", n_pages);
    HPDF_MD5Update(&ctx, (const HPDF_BYTE *)pages, (HPDF_UINT32)strlen(pages));
    HPDF_BYTE digest[16];
    HPDF_MD5Final(digest, &ctx);
    HPDF_Array id = HPDF_Array_New(pdf->mmgr);
    HPDF_Dict_Add(pdf->trailer, "ID", id);
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
}

HPDF_STATUS pdf_archive_metadata(HPDF_Doc pdf, const PdfMetadata *m, size_t n_pages)
{
    info_text(pdf, "Title", m->title);
    info_text(pdf, "Author", m->author);
    info_text(pdf, "Subject", m->subject);
    info_text(pdf, "Creator", m->creator);
    info_text(pdf, "Producer", m->producer);
    struct tm tm;
    gmtime_r(&m->created, &tm);
    char pdf_date[32], xmp_date[32];
    snprintf(pdf_date, sizeof pdf_date, "D:%04d%02d%02d%02d%02d%02dZ", (tm.tm_year + 1900) % 10000,
             (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100, tm.tm_sec % 100);
    snprintf(xmp_date, sizeof xmp_date, "%04d-%02d-%02dT%02d:%02d:%02dZ", (tm.tm_year + 1900) % 10000,
             (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100, tm.tm_sec % 100);
    HPDF_Dict_Add(pdf->info, "CreationDate", HPDF_String_New(pdf->mmgr, pdf_date, NULL));

    StrBuf x = {0};
    strbuf_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                    "   <dc:format>application/pdf</dc:format>\n");
    xmp_property(&x, "dc:title", m->title, "Alt");
    xmp_property(&x, "dc:creator", m->author, "Seq");
    xmp_property(&x, "dc:description", m->subject, "Alt");
    xmp_property(&x, "dc:language", m->lang, "Bag");
    strbuf_puts(&x, "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    xmp_property(&x, "xmp:CreateDate", xmp_date, NULL);
    xmp_property(&x, "xmp:CreatorTool", m->creator, NULL);
    strbuf_puts(&x, "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    xmp_property(&x, "pdf:Producer", m->producer, NULL);
    strbuf_puts(&x, "  </rdf:Description>\n");
    if (m->pdfa)
        strbuf_puts(&x, "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                        "   <pdfaid:part>1</pdfaid:part>\n"
                        "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                        "  </rdf:Description>\n");
    /* PDF/UA-1 (ISO 14289-1, 5): every document, archival or not */
    strbuf_puts(&x, "  <rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                    "   <pdfuaid:part>1</pdfuaid:part>\n"
                    "  </rdf:Description>\n");
    /* PDF/A-1 (ISO 19005-1, 6.7.8) admits only the schemas it predefines,
       unless the file describes the others: pdfuaid is not among them */
    if (m->pdfa)
        strbuf_puts(&x, PDFUA_EXTENSION_SCHEMA);
    strbuf_puts(&x, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");

    HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (meta) {
        meta->filter = HPDF_STREAM_FILTER_NONE; /* PDF/A-1: metadata readable without decoding */
        HPDF_Dict_AddName(meta, "Type", "Metadata");
        HPDF_Dict_AddName(meta, "Subtype", "XML");
        HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len);
        HPDF_Dict_Add(pdf->catalog, "Metadata", meta);
    }
    strbuf_free(&x);

    file_id(pdf, m, xmp_date, n_pages);
    return pdf->error.error_no;
}

HPDF_STATUS pdf_archive_output_intent(HPDF_Doc pdf, const unsigned char *icc, size_t len)
{
    HPDF_Dict profile = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!profile)
        return pdf->error.error_no;
    profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(profile, "N", 3);
    HPDF_Stream_Write(profile->stream, icc, (HPDF_UINT)len);
    HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(pdf->mmgr, "http://www.color.org", NULL));
    HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    return pdf->error.error_no;
}
