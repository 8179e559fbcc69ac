/* The XML inside a workbook, fuzzed past the zip layer (whose checksums
 * would stop most mutations): the input is one part — an xlsx sheet
 * (first byte even) or an ods content.xml (odd) — zipped here with the
 * fixed parts around it, then read as a plan, rilevazioni and valutazioni. */
#include <zip.h>

#include "fuzz_common.h"
#include "wb_convert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const XLSX_WORKBOOK =
    "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets>"
    "<sheet name=\"Piano\" r:id=\"rId1\"/><sheet name=\"Obiettivi\" r:id=\"rId1\"/><sheet name=\"Azioni\" r:id=\"rId1\"/>"
    "<sheet name=\"Rilevazioni\" r:id=\"rId1\"/><sheet name=\"Valutazioni\" r:id=\"rId1\"/>"
    /* docs/formato.md §7 */
    "<sheet name=\"Indicatori\" r:id=\"rId1\"/><sheet name=\"Collegamenti\" r:id=\"rId1\"/>"
    "<sheet name=\"Campi\" r:id=\"rId1\"/></sheets></workbook>";
static const char *const XLSX_RELS =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char *const XLSX_STYLES =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"9\"/></cellXfs></styleSheet>";
static const char *const XLSX_SHARED = "<sst><si><t>codice</t></si><si><r><t>anno</t></r></si><si><t>E-01</t></si></sst>";

/* A zip in memory holding the parts; NULL if libzip cannot make it. */
static char *make_zip(const char *const names[], const char *const datas[], const size_t lens[], size_t n,
                      size_t *out_len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    if (!src)
        return NULL;
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    char *out = NULL;
    if (z) {
        for (size_t i = 0; i < n; i++) {
            zip_source_t *s = zip_source_buffer(z, datas[i], lens[i], 0);
            if (s && zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE) < 0)
                zip_source_free(s);
        }
        if (zip_close(z) == 0 && zip_source_open(src) == 0) {
            zip_source_seek(src, 0, SEEK_END);
            zip_int64_t len = zip_source_tell(src);
            zip_source_seek(src, 0, SEEK_SET);
            if (len > 0) {
                out = malloc((size_t)len);
                if (out && zip_source_read(src, out, (zip_uint64_t)len) == len)
                    *out_len = (size_t)len;
                else {
                    free(out);
                    out = NULL;
                }
            }
            zip_source_close(src);
        } else if (zip_close(z) != 0) {
            zip_discard(z);
        }
    }
    zip_source_free(src);
    zip_error_fini(&err);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *part = (const char *)data + 1;
    size_t part_len = size - 1;
    size_t len = 0;
    char *zip;
    if (data[0] % 2 == 0) {
        const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                               "xl/worksheets/sheet1.xml"};
        const char *datas[] = {XLSX_WORKBOOK, XLSX_RELS, XLSX_STYLES, XLSX_SHARED, part};
        const size_t lens[] = {strlen(XLSX_WORKBOOK), strlen(XLSX_RELS), strlen(XLSX_STYLES), strlen(XLSX_SHARED),
                               part_len};
        zip = make_zip(names, datas, lens, 5, &len);
    } else {
        const char *mime = "application/vnd.oasis.opendocument.spreadsheet";
        const char *names[] = {"mimetype", "content.xml"};
        const char *datas[] = {mime, part};
        const size_t lens[] = {strlen(mime), part_len};
        zip = make_zip(names, datas, lens, 2, &len);
    }
    if (!zip)
        return 0;
    DiagList d;
    diag_list_init(&d);
    Plan plan;
    workbook_plan_load("fuzz.xlsx", zip, len, &plan, &d);
    plan_free(&plan);
    Rilevazioni r;
    workbook_raggiunto_load("fuzz.xlsx", zip, len, &r, &d);
    raggiunto_free(&r);
    Valutazioni v;
    workbook_valutazioni_load("fuzz.xlsx", zip, len, &v, &d);
    valutazioni_free(&v);
    diag_list_sort(&d);
    diag_list_free(&d);
    free(zip);
    return 0;
}
