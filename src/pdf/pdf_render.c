#include "pdf_render.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "pdf_archive.h"
#include "pdf_fonts.h"
#include "pdf_objstm.h"
#include "pdf_syntax.h"
#include "pdf_tags.h"
#include "text.h"

typedef struct {
    HPDF_STATUS error, detail;
} ErrorState;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    ErrorState *st = user;
    if (st->error == 0) { /* keep the first: the rest follow from it */
        st->error = error_no;
        st->detail = detail_no;
    }
}

/* Positions in hundredths of a point: finer than any printer, and short
 * numbers (less to write and to compress). */
typedef long long Centi;
static Centi centi(double v) { return (Centi)llround(v * 100.0); }

typedef struct {
    HPDF_Doc pdf;
    ErrorState err;
    const FontSet *fonts;
    PdfFont *loaded[FONT_COUNT];
    HPDF_Dict font_resources; /* one /Font dictionary shared by every page */
    PdfDeflater *deflater;
    HPDF_Page *pages;
    PdfTags *tags;
    double height;
    /* The page's content stream, written here rather than through
     * libharu's page operators: each of those formats into a scratch
     * buffer it first clears, copies a byte at a time, and looks every
     * character's glyph up in the font's cmap again. */
    StrBuf content;
    /* graphics state of the page being drawn */
    int tag_open; /* of the open marked-content sequence */
    bool in_text;
    Centi line_x, line_y; /* start of the current text line (Td is relative to it) */
    int font;
    double size;
    Color fill, stroke;
    double line_width;
} Renderer;

static PdfFont *font_for(Renderer *r, int id)
{
    if (!r->loaded[id] && r->fonts->paths[id] && r->fonts->fonts[id]) {
        r->loaded[id] = pdf_font_new(r->pdf, r->fonts->paths[id], r->fonts->fonts[id]);
        if (r->loaded[id]) {
            char name[16];
            snprintf(name, sizeof name, "F%d", id + 1);
            HPDF_Dict_Add(r->font_resources, name, pdf_font_object(r->loaded[id]));
        }
    }
    return r->loaded[id];
}

static void put(Renderer *r, const char *s) { strbuf_puts(&r->content, s); }
static void put_num(Renderer *r, double v, int decimals) { pdf_put_number(&r->content, v, decimals); }
static void put_centi(Renderer *r, Centi v) { pdf_put_centi(&r->content, v); }

static void put_color(Renderer *r, Color c, const char *op)
{
    put_num(r, c.r, 3);
    put(r, " ");
    put_num(r, c.g, 3);
    put(r, " ");
    put_num(r, c.b, 3);
    put(r, op);
}

static void set_fill(Renderer *r, Color c)
{
    if (c.r != r->fill.r || c.g != r->fill.g || c.b != r->fill.b) {
        put_color(r, c, " rg\012");
        r->fill = c;
    }
}

static void set_stroke(Renderer *r, Color c, double width)
{
    if (c.r != r->stroke.r || c.g != r->stroke.g || c.b != r->stroke.b) {
        put_color(r, c, " RG\012");
        r->stroke = c;
    }
    if (width != r->line_width) {
        put_num(r, width, 3);
        put(r, " w\012");
        r->line_width = width;
    }
}

static void end_text(Renderer *r)
{
    if (r->in_text) {
        put(r, "ET\012");
        r->in_text = false;
    }
}

/* x y w h re */
static void put_rect(Renderer *r, double x, double y, double w, double h)
{
    put_centi(r, centi(x));
    put(r, " ");
    put_centi(r, centi(y));
    put(r, " ");
    put_centi(r, centi(w));
    put(r, " ");
    put_centi(r, centi(h));
    put(r, " re\012");
}

static void put_point(Renderer *r, double x, double y, const char *op)
{
    put_centi(r, centi(x));
    put(r, " ");
    put_centi(r, centi(y));
    put(r, op);
}

static void draw_op(Renderer *r, HPDF_Page page, const DisplayOp *op)
{
    double H = r->height;
    if (op->kind != OP_LINK && op->tag != r->tag_open) {
        end_text(r); /* a marked-content sequence holds whole text objects */
        pdf_tags_mark(r->tags, op->tag);
        r->tag_open = op->tag;
    }
    switch ((OpKind)op->kind) {
    case OP_TEXT: {
        PdfFont *font = font_for(r, op->font);
        if (!font)
            return;
        if (!r->in_text) {
            put(r, "BT\012");
            r->in_text = true;
            r->line_x = r->line_y = 0;
        }
        if (op->font != r->font || op->size != r->size) {
            put(r, "/F");
            pdf_put_uint(&r->content, (size_t)op->font + 1);
            put(r, " ");
            put_num(r, op->size, 3);
            put(r, " Tf\012");
            r->font = op->font;
            r->size = op->size;
        }
        set_fill(r, op->color);
        Centi x = centi(op->x), y = centi(H - op->y);
        put_centi(r, x - r->line_x);
        put(r, " ");
        put_centi(r, y - r->line_y);
        put(r, " Td\012");
        r->line_x = x;
        r->line_y = y;
        pdf_font_show(font, &r->content, op->text);
        put(r, " Tj\012");
        break;
    }
    case OP_LINE:
        end_text(r);
        set_stroke(r, op->color, op->line_width);
        put_point(r, op->x, H - op->y, " m\012");
        put_point(r, op->x + op->w, H - op->y - op->h, " l\012S\012");
        break;
    case OP_RECT:
        end_text(r);
        if (op->fill)
            set_fill(r, op->color);
        if (op->outline)
            set_stroke(r, op->stroke, op->line_width);
        put_rect(r, op->x, H - op->y - op->h, op->w, op->h);
        put(r, op->fill && op->outline ? "B\012" : op->fill ? "f\012" : op->outline ? "S\012" : "n\012");
        break;
    case OP_LINK: {
        HPDF_Rect rect = {(HPDF_REAL)op->x, (HPDF_REAL)(H - op->y - op->h), (HPDF_REAL)(op->x + op->w),
                          (HPDF_REAL)(H - op->y)};
        HPDF_Destination dest = HPDF_Page_CreateDestination(r->pages[op->target_page]);
        HPDF_Annotation link = HPDF_Page_CreateLinkAnnot(page, rect, dest);
        if (link) {
            HPDF_LinkAnnot_SetBorderStyle(link, 0, 0, 0);
            HPDF_Dict_AddNumber(link, "F", 4); /* printable (PDF/A) */
            pdf_tags_annotation(r->tags, link, op->tag);
        }
        break;
    }
    }
}

static void add_outlines(Renderer *r, const DisplayDoc *doc)
{
    HPDF_Encoder utf8 = HPDF_GetEncoder(r->pdf, "UTF-8");
    HPDF_Outline parents[8] = {NULL};
    for (size_t i = 0; i < doc->n_pages; i++)
        for (size_t k = 0; k < doc->pages[i].n_marks; k++) {
            const Bookmark *m = &doc->pages[i].marks[k];
            int level = m->level < 0 ? 0 : m->level > 7 ? 7 : m->level;
            HPDF_Outline parent = level > 0 ? parents[level - 1] : NULL;
            HPDF_Outline o = HPDF_CreateOutline(r->pdf, parent, m->title, utf8);
            if (!o)
                return;
            HPDF_Destination dest = HPDF_Page_CreateDestination(r->pages[i]);
            /* FitH: the page width, from the bookmarked spot (libharu refuses zoom 0 in XYZ). */
            HPDF_Destination_SetFitH(dest, (HPDF_REAL)(doc->height - m->y + 4));
            HPDF_Outline_SetDestination(o, dest);
            parents[level] = o;
            for (int j = level + 1; j < 8; j++)
                parents[j] = NULL;
        }
}

/* The document-wide additions once the pages are drawn: fonts (subsets,
 * widths, CIDSet, ToUnicode), metadata, output intent, structure tree. */
static int finish_document(Renderer *r, const DisplayDoc *doc, const PdfInfo *info, char **error)
{
    for (int i = 0; i < FONT_COUNT && !r->err.error; i++)
        if (r->loaded[i] && pdf_font_finish(r->loaded[i], r->deflater, info->pdfa, error) != 0)
            return -1;
    PdfMetadata m = {info->title, info->author, info->subject, info->creator, "schede con libHaru " HPDF_VERSION_TEXT,
                     info->lang ? info->lang : "it-IT", info->created, info->pdfa};
    if (!r->err.error)
        pdf_archive_metadata(r->pdf, &m, doc->n_pages);
    if (!r->err.error && info->pdfa) {
        size_t len = 0;
        const char *reason = NULL;
        char *icc = info->icc_profile ? file_read_all(info->icc_profile, &len, &reason) : NULL;
        if (!icc) {
            *error = xasprintf("PDF/A: impossibile leggere il profilo colore %s: %s",
                               info->icc_profile ? info->icc_profile : "(non indicato)", reason ? reason : "");
            return -1;
        }
        pdf_archive_output_intent(r->pdf, (const unsigned char *)icc, len);
        free(icc);
    }
    if (!r->err.error) {
        HPDF_Dict prefs = HPDF_Dict_New(r->pdf->mmgr);
        HPDF_Dict_Add(r->pdf->catalog, "ViewerPreferences", prefs);
        HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
        pdf_tags_finish(r->tags, m.lang);
    }
    return 0;
}

/* Where libharu saves the file: straight into the temporary file, through
 * a buffer (libharu writes a token at a time), instead of its memory
 * stream, which copies every byte one by one and is then copied again. */
typedef struct {
    FileOut *file;     /* a file, or */
    StrBuf *memory;    /* memory */
    unsigned char buf[1 << 16];
    size_t len;
    bool failed;
} SaveTarget;

static bool target_write(SaveTarget *t, const void *data, size_t len)
{
    if (t->memory) {
        strbuf_append(t->memory, data, len);
        return true;
    }
    return file_out_write(t->file, data, len);
}

static void save_flush(SaveTarget *t)
{
    if (t->len > 0 && !t->failed && !target_write(t, t->buf, t->len))
        t->failed = true;
    t->len = 0;
}

static HPDF_STATUS save_write(HPDF_Stream stream, const HPDF_BYTE *data, HPDF_UINT size)
{
    SaveTarget *t = stream->attr;
    if (t->failed)
        return HPDF_FILE_IO_ERROR;
    if (size > sizeof t->buf - t->len) {
        save_flush(t);
        if (size > sizeof t->buf / 2) { /* a large stream: straight through */
            if (!target_write(t, data, size))
                t->failed = true;
            return t->failed ? HPDF_FILE_IO_ERROR : HPDF_OK;
        }
    }
    memcpy(t->buf + t->len, data, size);
    t->len += size;
    return HPDF_OK;
}

/* Writes the finished bytes to the sink: the temporary file (committed or
 * aborted here), or memory. */
static int deliver(FileOut *file, StrBuf *bytes, PdfSink sink, char **error)
{
    const char *reason = NULL;
    if (file) {
        file_out_write(file, bytes->data ? bytes->data : "", bytes->len);
        strbuf_free(bytes);
        if (file_out_commit(file, &reason) != 0) { /* also a write that failed */
            *error = xasprintf("impossibile scrivere il file: %s", reason);
            return -1;
        }
        return 0;
    }
    *sink.len = bytes->len;
    *sink.bytes = bytes->data ? bytes->data : xstrdup("");
    return 0;
}

/* Saves the document to the sink: a file through a temporary file renamed
 * at the end, or memory. Unless compact is false (PDF/A-1, which forbids
 * them), libharu's file goes to memory only: *staged, with the sink's file
 * opened in *file, for compact_to_sink once the document is freed. */
static int save(Renderer *r, PdfSink sink, bool compact, FileOut **file, StrBuf *staged, char **error)
{
    const char *reason = NULL;
    SaveTarget *t = xcalloc(1, sizeof *t);
    StrBuf memory = {0};
    if (sink.path) {
        *file = file_out_open(sink.path, &reason);
        if (!*file) {
            free(t);
            *error = xasprintf("impossibile scrivere il file: %s", reason);
            return -1;
        }
    }
    if (*file && !compact)
        t->file = *file;
    else
        t->memory = &memory;
    HPDF_Stream out = HPDF_CallbackWriter_New(r->pdf->mmgr, save_write, t);
    if (out) {
        if (r->pdf->stream)
            HPDF_Stream_Free(r->pdf->stream);
        r->pdf->stream = out; /* HPDF_SaveToStream writes to the document's stream */
    }
    HPDF_STATUS saved = out ? HPDF_SaveToStream(r->pdf) : HPDF_FAILD_TO_ALLOC_MEM;
    save_flush(t);
    bool failed = t->failed;
    free(t);
    if (!failed && (saved != HPDF_OK || r->err.error)) {
        if (!r->err.error) /* a failure libharu recorded without calling the handler */
            r->err.error = r->pdf->error.error_no != HPDF_OK ? r->pdf->error.error_no : saved;
        if (*file)
            file_out_abort(*file);
        *file = NULL;
        strbuf_free(&memory);
        *error = xasprintf("errore della libreria PDF (libharu 0x%04X, dettaglio %u)", (unsigned)r->err.error,
                           (unsigned)r->err.detail);
        return -1;
    }
    if (compact) {
        *staged = memory;
        return 0;
    }
    if (*file) { /* written straight into the file: also a write that failed on the way */
        int rc = file_out_commit(*file, &reason);
        *file = NULL;
        if (rc != 0) {
            *error = xasprintf("impossibile scrivere il file: %s", reason);
            return -1;
        }
        return 0;
    }
    return deliver(NULL, &memory, sink, error);
}

/* libharu's file, staged by save, rewritten with object streams
 * (pdf_objstm.h) and written to the sink. */
static int compact_to_sink(StrBuf *staged, FileOut *file, PdfDeflater *d, PdfSink sink, char **error)
{
    const char *reason = NULL;
    StrBuf packed = {0};
    int rc = pdf_objstm_rewrite(staged->data ? staged->data : "", staged->len, d, &packed, &reason);
    strbuf_free(staged);
    if (rc != 0) {
        strbuf_free(&packed);
        if (file)
            file_out_abort(file);
        *error = xasprintf("errore interno nel compattare il PDF: %s", reason);
        return -1;
    }
    return deliver(file, &packed, sink, error);
}

static void start_page(Renderer *r, size_t i)
{
    r->content.len = 0;
    pdf_tags_begin_page(r->tags, i, &r->content);
    r->tag_open = INT_MIN; /* no sequence open yet */
    r->in_text = false;
    r->font = -1;
    r->size = -1;
    r->fill = (Color){0, 0, 0};
    r->stroke = (Color){0, 0, 0};
    r->line_width = 1;
}

static void end_page(Renderer *r, HPDF_Page page)
{
    end_text(r);
    pdf_tags_end_page(r->tags);
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    pdf_stream_set_flate(attr->contents, r->deflater, r->content.data ? r->content.data : "", r->content.len);
}

/* Each page's /Resources names the shared /Font dictionary. */
static void add_page(Renderer *r, size_t i, const DisplayDoc *doc)
{
    HPDF_Page page = HPDF_AddPage(r->pdf);
    r->pages[i] = page;
    if (!page)
        return;
    HPDF_Page_SetWidth(page, (HPDF_REAL)doc->width);
    HPDF_Page_SetHeight(page, (HPDF_REAL)doc->height);
    HPDF_Dict resources = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
    if (resources)
        HPDF_Dict_Add(resources, "Font", r->font_resources);
}

int pdf_render(DisplayDoc *doc, const FontSet *fonts, const PdfInfo *info, const char *path, char **error)
{
    return pdf_render_to(doc, fonts, info, (PdfSink){path, NULL, NULL}, error);
}

int pdf_render_to(DisplayDoc *doc, const FontSet *fonts, const PdfInfo *info, PdfSink sink, char **error)
{
    Renderer r = {0};
    r.fonts = fonts;
    r.height = doc->height;
    r.pdf = HPDF_New(on_error, &r.err);
    r.deflater = pdf_deflater_new();
    if (r.pdf) {
        HPDF_UseUTFEncodings(r.pdf); /* the outlines' titles */
        HPDF_SetPageMode(r.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
        r.font_resources = HPDF_Dict_New(r.pdf->mmgr);
        if (r.font_resources)
            HPDF_Xref_Add(r.pdf->xref, r.font_resources);
    }
    if (!r.pdf || !r.deflater || !r.font_resources) {
        if (r.pdf)
            HPDF_Free(r.pdf);
        pdf_deflater_free(r.deflater);
        *error = xstrdup("impossibile creare il documento PDF (memoria insufficiente?)");
        return -1;
    }
    r.pages = xcalloc(doc->n_pages ? doc->n_pages : 1, sizeof *r.pages);
    for (size_t i = 0; i < doc->n_pages && !r.err.error; i++)
        add_page(&r, i, doc);
    r.tags = pdf_tags_new(r.pdf, doc->nodes, doc->n_nodes, r.pages, doc->n_pages);
    for (size_t i = 0; i < doc->n_pages && !r.err.error; i++) {
        start_page(&r, i);
        for (size_t k = 0; k < doc->pages[i].n_ops && !r.err.error; k++)
            draw_op(&r, r.pages[i], &doc->pages[i].ops[k]);
        end_page(&r, r.pages[i]);
        display_page_release_ops(&doc->pages[i]);
    }
    if (!r.err.error)
        add_outlines(&r, doc);
    int rc = 0;
    if (!r.err.error)
        rc = finish_document(&r, doc, info, error);
    if (rc == 0 && r.err.error) {
        *error = xasprintf("errore della libreria PDF (libharu 0x%04X, dettaglio %u)", (unsigned)r.err.error,
                           (unsigned)r.err.detail);
        rc = -1;
    }
    FileOut *file = NULL;
    StrBuf staged = {0};
    if (rc == 0)
        rc = save(&r, sink, !info->pdfa, &file, &staged, error);
    pdf_tags_detach(r.tags);
    HPDF_Free(r.pdf);
    pdf_tags_free(r.tags); /* after saving: the structure elements are written from it */
    for (int i = 0; i < FONT_COUNT; i++)
        pdf_font_free(r.loaded[i]);
    if (rc == 0 && !info->pdfa) /* the document freed first: only its bytes are held while rewriting */
        rc = compact_to_sink(&staged, file, r.deflater, sink, error);
    pdf_deflater_free(r.deflater);
    strbuf_free(&r.content);
    free(r.pages);
    return rc;
}
