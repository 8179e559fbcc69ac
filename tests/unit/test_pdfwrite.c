/* The pieces of PDF the program writes itself: numbers, the
 * embedded font programs and their descriptors, the file written a piece
 * at a time, the file rewritten with object streams. Values worked out by hand or read from the font files with an
 * independent reader here. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "run.h"
#include "pdf_objstm.h"
#include "pdf_syntax.h"
#include "text.h"
#include "ttf.h"
#include "ttf_subset.h"

#define FONT(name) SCHEDE_SOURCE_DIR "/fonts/" name

/* ---- numbers ------------------------------------------------------------------------------ */

static void expect_number(double v, int decimals, const char *want)
{
    StrBuf b = {0};
    pdf_put_number(&b, v, decimals);
    cr_assert_str_eq(b.data, want, "%g with %d decimals → «%s», expected «%s»", v, decimals, b.data, want);
    strbuf_free(&b);
}

static void expect_centi(long long v, const char *want)
{
    StrBuf b = {0};
    pdf_put_centi(&b, v);
    cr_assert_str_eq(b.data, want, "%lld hundredths → «%s», expected «%s»", v, b.data, want);
    strbuf_free(&b);
}

Test(pdfwrite, numbers_rounded_and_trimmed)
{
    expect_number(12.5, 2, "12.5");
    expect_number(-3, 2, "-3");
    expect_number(0.125, 3, "0.125");
    expect_number(0.1255, 3, "0.126"); /* 125.5 thousandths, half away from zero */
    expect_number(0.106, 3, "0.106");
    expect_number(364.58, 2, "364.58");
    expect_number(7, 3, "7");
    expect_number(0.05, 2, "0.05");
    expect_number(-0.004, 2, "0");      /* rounds to zero: no "-0" */
    expect_number(1e300, 2, "0");       /* nothing on a page is this large; never undefined */
    expect_number(2.5, 0, "3");
    expect_number(0.00005, 4, "0.0001");
}

Test(pdfwrite, hundredths)
{
    expect_centi(12345, "123.45");
    expect_centi(-50, "-0.5");
    expect_centi(700, "7");
    expect_centi(5, "0.05");
    expect_centi(-1, "-0.01");
    expect_centi(0, "0");
    expect_centi(59528, "595.28");
}

Test(pdfwrite, hex_codes)
{
    StrBuf b = {0};
    pdf_put_hex4(&b, 0x20AC);
    pdf_put_hex4(&b, 0x41);
    pdf_put_hex4(&b, 0xFFFF);
    cr_assert_str_eq(b.data, "20AC0041FFFF");
    strbuf_free(&b);
}

/* ---- font programs: an independent reader of the result ----------------------------------- */

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint16_t be16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }

typedef struct {
    const unsigned char *data;
    size_t len;
    uint32_t checksum; /* as the directory says */
} Table;

static Table table_of(const unsigned char *f, size_t len, const char *tag)
{
    for (unsigned i = 0; i < be16(f + 4); i++) {
        const unsigned char *r = f + 12 + 16 * i;
        if (memcmp(r, tag, 4) == 0) {
            uint32_t off = be32(r + 8), n = be32(r + 12);
            cr_assert(off <= len && n <= len - off, "%s outside the file", tag);
            return (Table){f + off, n, be32(r + 4)};
        }
    }
    return (Table){NULL, 0, 0};
}

static uint32_t sum_of(const unsigned char *p, size_t len)
{
    uint32_t s = 0;
    for (size_t i = 0; i < len; i++)
        s += (uint32_t)p[i] << (24 - 8 * (i % 4));
    return s;
}

/* A glyph's bytes in glyf, through loca. */
static const unsigned char *glyph_of(const unsigned char *f, size_t len, unsigned g, size_t *n)
{
    Table head = table_of(f, len, "head"), loca = table_of(f, len, "loca"), glyf = table_of(f, len, "glyf");
    bool wide = be16(head.data + 50) == 1;
    size_t a = wide ? be32(loca.data + 4 * g) : 2u * be16(loca.data + 2 * g);
    size_t b = wide ? be32(loca.data + 4 * (g + 1)) : 2u * be16(loca.data + 2 * (g + 1));
    cr_assert(a <= b && b <= glyf.len, "glyph %u outside glyf", g);
    *n = b - a;
    return glyf.data + a;
}

static unsigned char *read_font(const char *path, size_t *len)
{
    const char *why;
    unsigned char *f = (unsigned char *)file_read_all(path, len, &why);
    cr_assert_not_null(f, "%s: %s", path, why);
    return f;
}

static void check_subset(const char *path, const char *text)
{
    const char *why;
    TtfFont *metrics = ttf_load(path, &why);
    cr_assert_not_null(metrics, "%s: %s", path, why);
    size_t len, out_len;
    unsigned char *font = read_font(path, &len);
    size_t n_glyphs = ttf_glyph_count(metrics);
    uint8_t *keep = calloc(n_glyphs, 1);
    keep[0] = 1;
    for (const char *p = text; *p; p++)
        keep[ttf_glyph_index(metrics, (unsigned char)*p)] = 1;
    unsigned char *sub = ttf_subset(font, len, keep, n_glyphs, &out_len);
    cr_assert_not_null(sub);
    cr_assert_lt(out_len, len, "%s: the subset is not smaller than the font", path);

    /* the directory: sorted tags, each checksum right, aligned tables */
    cr_assert_eq(be32(sub), 0x00010000u);
    unsigned tables = be16(sub + 4);
    cr_assert_geq(tables, 9);
    for (unsigned i = 0; i < tables; i++) {
        const unsigned char *r = sub + 12 + 16 * i;
        if (i > 0)
            cr_assert_lt(memcmp(r - 16, r, 4), 0, "tags out of order at %u", i);
        cr_assert_eq(be32(r + 8) % 4, 0u, "%.4s not on a 4-byte boundary", (const char *)r);
        char tag[5] = {0};
        memcpy(tag, r, 4);
        Table t = table_of(sub, out_len, tag);
        uint32_t sum = sum_of(t.data, t.len);
        if (strcmp(tag, "head") == 0)
            sum -= be32(t.data + 8); /* computed with checkSumAdjustment at 0 */
        cr_assert_eq(sum, t.checksum, "%s: checksum of %s", path, tag);
    }
    /* the whole file: checkSumAdjustment makes it 0xB1B0AFBA */
    cr_assert_eq(sum_of(sub, out_len), 0xB1B0AFBAu, "%s: whole-file checksum", path);

    /* same number of glyphs; those kept byte for byte, the others empty */
    cr_assert_eq(be16(table_of(sub, out_len, "maxp").data + 4), n_glyphs);
    size_t kept = 0;
    for (unsigned g = 0; g < n_glyphs; g++) {
        size_t a, b;
        const unsigned char *orig = glyph_of(font, len, g, &a), *now = glyph_of(sub, out_len, g, &b);
        if (keep[g]) {
            cr_assert_geq(b, a, "%s: glyph %u shortened", path, g);
            cr_assert(memcmp(orig, now, a) == 0, "%s: glyph %u changed", path, g);
            kept += a > 0;
        } else {
            cr_assert_eq(b, 0u, "%s: glyph %u not used but kept (%zu bytes)", path, g, b);
        }
    }
    cr_assert_gt(kept, 2u);
    /* the tables that are not glyphs are copied as they are */
    Table a = table_of(font, len, "hmtx"), b = table_of(sub, out_len, "hmtx");
    cr_assert(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "%s: hmtx changed", path);
    free(sub);
    free(keep);
    free(font);
    ttf_free(metrics);
}

Test(pdfwrite, subset_keeps_used_glyphs_and_checksums)
{
    check_subset(FONT("TitilliumWeb_400Regular.ttf"), "Comune di Sarzana");
    check_subset(FONT("TitilliumWeb_700Bold.ttf"), "OBIETTIVO GESTIONALE");
    check_subset(FONT("DejaVuSans.ttf"), "abc");
}

Test(pdfwrite, subset_refuses_what_is_not_a_font)
{
    const char junk[] = "not a font at all, just text long enough to look at";
    uint8_t keep[4] = {1, 1, 1, 1};
    size_t n;
    cr_assert_null(ttf_subset((const unsigned char *)junk, sizeof junk, keep, 4, &n));
    size_t len;
    unsigned char *font = read_font(FONT("TitilliumWeb_400Regular.ttf"), &len);
    cr_assert_null(ttf_subset(font, len, keep, 4, &n), "a glyph count that is not the font's");
    cr_assert_null(ttf_subset(font, 200, keep, 4, &n), "a truncated file");
    free(font);
}

Test(pdfwrite, descriptor_values_from_the_tables)
{
    const char *paths[] = {FONT("TitilliumWeb_400Regular.ttf"), FONT("TitilliumWeb_700Bold.ttf"),
                           FONT("TitilliumWeb_400Regular_Italic.ttf"), FONT("DejaVuSans.ttf")};
    const char *names[] = {"TitilliumWeb-Regular", "TitilliumWeb-Bold", "TitilliumWeb-Italic", "DejaVuSans"};
    for (size_t i = 0; i < 4; i++) {
        size_t len;
        unsigned char *f = read_font(paths[i], &len);
        TtfInfo info;
        cr_assert(ttf_info(f, len, &info));
        cr_assert_str_eq(info.postscript_name, names[i]);
        /* ascent and descent as the layout measures them (ttf.c reads hhea too) */
        const char *why;
        TtfFont *m = ttf_load(paths[i], &why);
        cr_assert_eq(info.ascent, (int)ttf_ascent(m), "%s", names[i]);
        cr_assert_eq(info.descent, (int)ttf_descent(m), "%s", names[i]);
        /* the widths the PDF declares (ttf_glyph_width, truncated): the hmtx advance read
         * here × 1000 / unitsPerEm, and what the layout measures */
        unsigned upem = info.units_per_em;
        Table hhea = table_of(f, len, "hhea"), hmtx = table_of(f, len, "hmtx");
        unsigned metrics = be16(hhea.data + 34);
        for (unsigned cp = 'A'; cp <= 'z'; cp++) {
            unsigned g = ttf_glyph_index(m, cp);
            unsigned adv = be16(hmtx.data + 4 * (g < metrics ? g : metrics - 1));
            unsigned w = (unsigned)ttf_glyph_width(m, (uint16_t)g);
            cr_assert_eq(w, adv * 1000u / upem, "%s U+%04X: %u, hmtx says %u", names[i], cp, w, adv * 1000u / upem);
            double layout = ttf_advance(m, cp);
            cr_assert(w <= layout && layout < w + 1, "%s U+%04X: %u against %g", names[i], cp, w, layout);
        }
        cr_assert_eq(info.bold, i == 1, "%s", names[i]);
        cr_assert_eq(info.italic, i == 2, "%s", names[i]);
        cr_assert(i == 2 ? info.italic_angle < 0 : info.italic_angle == 0, "%s: italic angle %d", names[i],
                  info.italic_angle);
        cr_assert(info.x_min < 0 || info.x_min < info.x_max);
        cr_assert_lt(info.y_min, 0);
        cr_assert_gt(info.y_max, info.ascent / 2);
        ttf_free(m);
        free(f);
    }
}

/* ---- the file, a piece at a time ---------------------------------------------------------- */

static char *temp_dir(void)
{
    char *dir = xasprintf("%s/pdfwrite", scratch()); /* run.h: removed when the test ends */
    cr_assert_eq(mkdir(dir, 0700), 0, "%s", dir);
    return dir;
}

static size_t files_in(const char *dir)
{
    char *cmd = xasprintf("ls -A %s | wc -l", dir);
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    cr_assert_eq(fscanf(p, "%zu", &n), 1);
    pclose(p);
    free(cmd);
    return n;
}

Test(pdfwrite, file_written_in_pieces_then_renamed)
{
    char *dir = temp_dir();
    char *path = xasprintf("%s/out.pdf", dir);
    const char *why = NULL;
    FileOut *out = file_out_open(path, &why);
    cr_assert_not_null(out);
    cr_assert(file_out_write(out, "%PDF-", 5));
    cr_assert(file_out_write(out, "1.4\n", 4));
    struct stat st;
    cr_assert_neq(stat(path, &st), 0, "the name exists before the commit");
    cr_assert_eq(file_out_commit(out, &why), 0);
    size_t len;
    char *data = file_read_all(path, &len, &why);
    cr_assert_str_eq(data, "%PDF-1.4\n");
    cr_assert_eq(files_in(dir), 1u, "a temporary file left behind");
    free(data);

    /* abort: the old file stays, nothing else */
    out = file_out_open(path, &why);
    cr_assert(file_out_write(out, "half", 4));
    file_out_abort(out);
    data = file_read_all(path, &len, &why);
    cr_assert_str_eq(data, "%PDF-1.4\n");
    cr_assert_eq(files_in(dir), 1u);
    free(data);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

Test(pdfwrite, file_in_a_missing_folder_in_italian)
{
    const char *why = NULL;
    cr_assert_null(file_out_open(tpath("$T/no-such-folder/sub/out.pdf"), &why));
    cr_assert_str_eq(why, "la cartella non esiste");
}

Test(pdfwrite, full_disk_reported_at_commit)
{
    struct stat st;
    if (stat("/dev/full", &st) != 0)
        cr_skip_test("/dev/full non disponibile");
    /* /dev/full as the temporary file: every write fails with ENOSPC */
    char *dir = temp_dir();
    char *path = xasprintf("%s/out.pdf", dir);
    char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
    cr_assert_eq(symlink("/dev/full", tmp), 0);
    const char *why = NULL;
    FileOut *out = file_out_open(path, &why);
    cr_assert_not_null(out);
    char block[1 << 16];
    memset(block, 'x', sizeof block);
    bool all = true;
    for (int i = 0; i < 4; i++)
        all &= file_out_write(out, block, sizeof block);
    cr_assert_neq(file_out_commit(out, &why), 0, "a write to a full disk reported as done");
    cr_assert_str_eq(why, "spazio su disco esaurito (o file oltre il limite consentito)");
    cr_assert_neq(stat(path, &st), 0, "a file under the final name");
    (void)all;
    unlink(tmp);
    rmdir(dir);
    free(tmp);
    free(path);
    free(dir);
}

/* ---- object streams and the cross-reference stream ----------------------------------------- */

/* A small file as libharu writes one: a classic table, a stream whose
 * /Length is an object of its own, strings that hold the words endobj,
 * stream and unbalanced-looking parentheses, the binary comment line. */
static StrBuf classic_pdf(bool encrypted)
{
    static const char *const objects[] = {
        "<<\n/Type /Catalog\n/Pages 2 0 R\n>>",
        "<<\n/Type /Pages\n/Kids [3 0 R]\n/Count 1\n>>",
        "<<\n/Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 200 200]\n/Contents 4 0 R\n/Resources <<\n>>\n>>",
        NULL, /* the stream */
        "78",
        "<<\n/Title (endobj \\) stream \\(\\\\ (nested) endstream)\n/Producer <FEFF0041>\n>>",
    };
    static const char data[] = "q 0 0 1 rg 10 10 50 50 re f Q\n% endstream endobj 5 0 obj\nq 1 w 0 0 m 9 9 l S Q";
    StrBuf b = {0};
    strbuf_puts(&b, "%PDF-1.3\n%\xB7\xBE\xAD\xAA\n");
    size_t offsets[7] = {0};
    for (int i = 1; i <= 6; i++) {
        offsets[i] = b.len;
        strbuf_printf(&b, "%d 0 obj\n", i);
        if (objects[i - 1]) {
            strbuf_puts(&b, objects[i - 1]);
        } else {
            strbuf_puts(&b, "<<\n/Length 5 0 R\n>>\nstream\r\n");
            strbuf_append(&b, data, sizeof data - 1);
            strbuf_puts(&b, "\r\nendstream");
        }
        strbuf_puts(&b, "\nendobj\n");
    }
    cr_assert_eq(sizeof data - 1, 78u);
    size_t xref = b.len;
    strbuf_puts(&b, "xref\n0 7\n0000000000 65535 f\r\n");
    for (int i = 1; i <= 6; i++)
        strbuf_printf(&b, "%010zu 00000 n\r\n", offsets[i]);
    strbuf_printf(&b, "trailer\n<<\n/Root 1 0 R\n/Info 6 0 R\n/Size 7\n%s/ID [<00112233445566778899AABBCCDDEEFF> "
                      "<00112233445566778899AABBCCDDEEFF>]\n>>\nstartxref\n%zu\n%%%%EOF\n",
                  encrypted ? "/Encrypt 7 0 R\n" : "", xref);
    return b;
}

static StrBuf rewritten(const StrBuf *in)
{
    PdfDeflater *d = pdf_deflater_new();
    StrBuf out = {0};
    const char *why = NULL;
    cr_assert_eq(pdf_objstm_rewrite(in->data, in->len, d, &out, &why), 0, "%s", why ? why : "");
    pdf_deflater_free(d);
    return out;
}

Test(pdfwrite, objstm_objects_packed_streams_kept_reproducible)
{
    StrBuf in = classic_pdf(false);
    StrBuf out = rewritten(&in), again = rewritten(&in);
    cr_assert(out.len == again.len && memcmp(out.data, again.data, out.len) == 0, "the same bytes twice");
    cr_assert(memcmp(out.data, "%PDF-1.5\n%\xB7\xBE\xAD\xAA\n", 14) == 0, "header 1.5, binary line kept");
    cr_assert_null(strstr(out.data, "\nxref"), "no classic table");
    cr_assert_null(strstr(out.data, "trailer"), "no classic trailer");

    char *dir = temp_dir();
    char *path = xasprintf("%s/objstm.pdf", dir);
    const char *why = NULL;
    cr_assert_eq(file_write_atomic(path, out.data, out.len, &why), 0);
    char *cmd = xasprintf("qpdf --check '%s'", path);
    Run r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "PDF Version: 1.5");
    expect_contains(&r, "No syntax or stream encoding errors found");
    free(r.out);
    free(cmd);
    /* objects 1–3, 5, 6 in the object stream 7, the content stream 4 as it was, the table stream 8 */
    cmd = xasprintf("qpdf --show-xref '%s'", path);
    r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    static const char packed[] = "1/0: compressed; stream = 7, index = 0\n"
                                 "2/0: compressed; stream = 7, index = 1\n"
                                 "3/0: compressed; stream = 7, index = 2\n"
                                 "4/0: uncompressed; offset = 15\n"
                                 "5/0: compressed; stream = 7, index = 3\n"
                                 "6/0: compressed; stream = 7, index = 4\n"
                                 "7/0: uncompressed; offset = ";
    cr_assert(strncmp(r.out, packed, sizeof packed - 1) == 0, "%s", r.out);
    expect_contains(&r, "\n8/0: uncompressed; offset = ");
    free(r.out);
    free(cmd);
    cmd = xasprintf("qpdf --show-object=trailer '%s' && qpdf --show-object=6 '%s' && qpdf --show-object=4 "
                    "--filtered-stream-data '%s'",
                    path, path, path);
    r = run_shell(cmd);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "/Type /XRef");
    expect_contains(&r, "/Root 1 0 R");
    expect_contains(&r, "/Info 6 0 R");
    expect_contains(&r, "/ID [ <00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff> ]");
    expect_contains(&r, "/Title (endobj \\) stream \\(\\\\ \\(nested\\) endstream)"); /* qpdf's spelling */
    expect_contains(&r, "% endstream endobj 5 0 obj\nq 1 w 0 0 m 9 9 l S Q");
    free(r.out);
    free(cmd);
    expect_opens_in_mupdf(path);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
    strbuf_free(&in);
    strbuf_free(&out);
    strbuf_free(&again);
}

Test(pdfwrite, objstm_refuses_what_it_does_not_understand)
{
    PdfDeflater *d = pdf_deflater_new();
    StrBuf in = classic_pdf(true), out = {0};
    strbuf_puts(&out, "prima");
    const char *why = NULL;
    cr_assert_eq(pdf_objstm_rewrite(in.data, in.len, d, &out, &why), -1);
    cr_assert_str_eq(why, "documento cifrato");
    cr_assert_str_eq(out.data, "prima", "the output as it was");
    strbuf_free(&in);

    /* an offset of the table one byte off */
    in = classic_pdf(false);
    char *entry = strstr(in.data, " 00000 n\r\n") - 10;
    entry[9]++;
    cr_assert_eq(pdf_objstm_rewrite(in.data, in.len, d, &out, &why), -1);
    cr_assert_str_eq(why, "oggetto illeggibile alla posizione indicata dalla tabella");
    entry[9]--;
    /* a stream shorter than its /Length says */
    char *len = strstr(in.data, "\n78\n");
    len[1] = '6';
    cr_assert_eq(pdf_objstm_rewrite(in.data, in.len, d, &out, &why), -1);
    len[1] = '7';
    /* no startxref */
    cr_assert_eq(pdf_objstm_rewrite(in.data, strstr(in.data, "startxref") - in.data, d, &out, &why), -1);
    cr_assert_str_eq(why, "startxref non trovato");
    /* truncated anywhere: refused, never read past the end */
    for (size_t n = 0; n < in.len - 7; n += 7)
        cr_assert_eq(pdf_objstm_rewrite(in.data, n, d, &out, &why), -1, "cut at %zu", n);
    cr_assert_str_eq(out.data, "prima");
    cr_assert_eq(pdf_objstm_rewrite(in.data, in.len, d, &out, &why), 0, "and whole, it is understood");
    strbuf_free(&in);
    strbuf_free(&out);
    pdf_deflater_free(d);
}
