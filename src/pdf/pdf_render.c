#include "pdf_render.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "pdf_archive.h"
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

typedef struct {
    HPDF_Doc pdf;
    ErrorState err;
    const FontSet *fonts;
    HPDF_Font loaded[FONT_COUNT];
    HPDF_Page *pages;
    PdfTags *tags;
    double height;
    /* graphics state of the page being drawn */
    bool in_text;
    int tag;      /* of the open marked-content sequence */
    int font;
    double size;
    Color fill, stroke;
    double line_width;
} Renderer;

/* Coordinates to the hundredth of a point: finer than any printer, and
 * libharu writes shorter numbers (less to format and to compress). */
static HPDF_REAL q(double v) { return (HPDF_REAL)(round(v * 100.0) / 100.0); }

static HPDF_Font font_for(Renderer *r, int id)
{
    if (!r->loaded[id] && r->fonts->paths[id]) {
        const char *name = HPDF_LoadTTFontFromFile(r->pdf, r->fonts->paths[id], HPDF_TRUE);
        if (name)
            r->loaded[id] = HPDF_GetFont(r->pdf, name, "UTF-8");
    }
    return r->loaded[id];
}

static void set_fill(Renderer *r, HPDF_Page page, Color c)
{
    if (c.r != r->fill.r || c.g != r->fill.g || c.b != r->fill.b) {
        HPDF_Page_SetRGBFill(page, (HPDF_REAL)(round(c.r * 1000) / 1000), (HPDF_REAL)(round(c.g * 1000) / 1000),
                             (HPDF_REAL)(round(c.b * 1000) / 1000));
        r->fill = c;
    }
}

static void set_stroke(Renderer *r, HPDF_Page page, Color c, double width)
{
    if (c.r != r->stroke.r || c.g != r->stroke.g || c.b != r->stroke.b) {
        HPDF_Page_SetRGBStroke(page, (HPDF_REAL)(round(c.r * 1000) / 1000), (HPDF_REAL)(round(c.g * 1000) / 1000),
                               (HPDF_REAL)(round(c.b * 1000) / 1000));
        r->stroke = c;
    }
    if (width != r->line_width) {
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)width);
        r->line_width = width;
    }
}

static void end_text(Renderer *r, HPDF_Page page)
{
    if (r->in_text) {
        HPDF_Page_EndText(page);
        r->in_text = false;
    }
}

static void draw_op(Renderer *r, HPDF_Page page, const DisplayOp *op)
{
    double H = r->height;
    if (op->kind != OP_LINK && op->tag != r->tag) {
        end_text(r, page); /* a marked-content sequence holds whole text objects */
        pdf_tags_mark(r->tags, op->tag);
        r->tag = op->tag;
    }
    switch ((OpKind)op->kind) {
    case OP_TEXT: {
        HPDF_Font font = font_for(r, op->font);
        if (!font)
            return;
        if (!r->in_text) {
            HPDF_Page_BeginText(page);
            r->in_text = true;
        }
        if (op->font != r->font || op->size != r->size) {
            HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)op->size);
            r->font = op->font;
            r->size = op->size;
        }
        set_fill(r, page, op->color);
        HPDF_Page_TextOut(page, q(op->x), q(H - op->y), op->text);
        break;
    }
    case OP_LINE:
        end_text(r, page);
        set_stroke(r, page, op->color, op->line_width);
        HPDF_Page_MoveTo(page, q(op->x), q(H - op->y));
        HPDF_Page_LineTo(page, q(op->x + op->w), q(H - op->y - op->h));
        HPDF_Page_Stroke(page);
        break;
    case OP_RECT:
        end_text(r, page);
        if (op->fill)
            set_fill(r, page, op->color);
        if (op->outline)
            set_stroke(r, page, op->stroke, op->line_width);
        HPDF_Page_Rectangle(page, q(op->x), q(H - op->y - op->h), q(op->w), q(op->h));
        if (op->fill && op->outline)
            HPDF_Page_FillStroke(page);
        else if (op->fill)
            HPDF_Page_Fill(page);
        else if (op->outline)
            HPDF_Page_Stroke(page);
        else
            HPDF_Page_EndPath(page);
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

/* The document-wide additions once the pages are drawn: fonts (final
 * subsets, CIDSet, ToUnicode), metadata, output intent, structure tree. */
static int finish_document(Renderer *r, const DisplayDoc *doc, const PdfInfo *info, char **error)
{
    for (int i = 0; i < FONT_COUNT && !r->err.error; i++)
        if (r->loaded[i])
            pdf_archive_font(r->pdf, r->loaded[i], r->fonts->fonts[i], info->pdfa);
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

struct PdfWriter {
    Renderer r;
    pthread_t thread;
    bool thread_started;
};

/* The background part: the document and its two ever-present fonts. */
static void *prepare(void *arg)
{
    PdfWriter *w = arg;
    Renderer *r = &w->r;
    r->pdf = HPDF_New(on_error, &r->err);
    if (!r->pdf)
        return NULL;
    HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(r->pdf);
    HPDF_SetCurrentEncoder(r->pdf, "UTF-8");
    HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    font_for(r, STYLE_REGULAR);
    font_for(r, STYLE_BOLD);
    return NULL;
}

PdfWriter *pdf_writer_start(const FontSet *fonts)
{
    PdfWriter *w = xcalloc(1, sizeof *w);
    w->r.fonts = fonts;
    w->thread_started = pthread_create(&w->thread, NULL, prepare, w) == 0;
    if (!w->thread_started)
        prepare(w); /* no thread: do it here */
    return w;
}

int pdf_writer_finish(PdfWriter *w, DisplayDoc *doc, const PdfInfo *info, const char *path, char **error)
{
    if (w->thread_started)
        pthread_join(w->thread, NULL);
    Renderer r = w->r;
    free(w);
    r.height = doc->height;
    if (!r.pdf) {
        *error = xstrdup("impossibile creare il documento PDF (memoria insufficiente?)");
        return -1;
    }
    r.pages = xcalloc(doc->n_pages ? doc->n_pages : 1, sizeof *r.pages);
    for (size_t i = 0; i < doc->n_pages && !r.err.error; i++) {
        r.pages[i] = HPDF_AddPage(r.pdf);
        if (!r.pages[i])
            break;
        HPDF_Page_SetWidth(r.pages[i], (HPDF_REAL)doc->width);
        HPDF_Page_SetHeight(r.pages[i], (HPDF_REAL)doc->height);
    }
    r.tags = pdf_tags_new(r.pdf, doc->nodes, doc->n_nodes, r.pages, doc->n_pages);
    for (size_t i = 0; i < doc->n_pages && !r.err.error; i++) {
        HPDF_Page page = r.pages[i];
        pdf_tags_begin_page(r.tags, i);
        r.tag = INT_MIN; /* no sequence open yet */
        r.in_text = false;
        r.font = -1;
        r.size = -1;
        r.fill = (Color){0, 0, 0};
        r.stroke = (Color){0, 0, 0};
        r.line_width = 1;
        for (size_t k = 0; k < doc->pages[i].n_ops && !r.err.error; k++)
            draw_op(&r, page, &doc->pages[i].ops[k]);
        end_text(&r, page);
        pdf_tags_end_page(r.tags);
        display_page_release_ops(&doc->pages[i]);
    }
    if (!r.err.error)
        add_outlines(&r, doc);
    int rc = 0;
    if (!r.err.error)
        rc = finish_document(&r, doc, info, error);
    /* libharu writes to memory; the file is written here, where every
     * write, flush and close is checked (libharu's own file output ignores
     * the errors of fclose, so a full disk gave a truncated PDF). */
    char *bytes = NULL;
    size_t len = 0;
    HPDF_STATUS saved = rc == 0 && !r.err.error ? HPDF_SaveToStream(r.pdf) : HPDF_OK;
    if (saved != HPDF_OK && !r.err.error) /* a failure libharu recorded without calling the handler */
        r.err.error = r.pdf->error.error_no != HPDF_OK ? r.pdf->error.error_no : saved;
    if (rc == 0 && !r.err.error) {
        len = HPDF_GetStreamSize(r.pdf);
        bytes = xmalloc(len ? len : 1);
        size_t got = 0;
        while (got < len && !r.err.error) {
            HPDF_UINT32 chunk = (HPDF_UINT32)(len - got > 1u << 20 ? 1u << 20 : len - got);
            HPDF_STATUS st = HPDF_ReadFromStream(r.pdf, (HPDF_BYTE *)bytes + got, &chunk);
            got += chunk;
            if (st != HPDF_OK && st != HPDF_STREAM_EOF)
                break;
            if (chunk == 0)
                break;
        }
        if (got != len && !r.err.error)
            r.err.error = HPDF_STREAM_EOF;
    }
    const char *reason;
    if (rc != 0) {
        /* *error is set */
    } else if (r.err.error) {
        *error = xasprintf("errore della libreria PDF (libharu 0x%04X, dettaglio %u)", (unsigned)r.err.error,
                           (unsigned)r.err.detail);
        rc = -1;
    } else if (file_write_atomic(path, bytes, len, &reason) != 0) {
        *error = xasprintf("impossibile scrivere il file: %s", reason);
        rc = -1;
    }
    free(bytes);
    HPDF_Free(r.pdf);
    pdf_tags_free(r.tags); /* after saving: the structure elements are written from it */
    free(r.pages);
    return rc;
}

int pdf_render(DisplayDoc *doc, const FontSet *fonts, const PdfInfo *info, const char *path, char **error)
{
    return pdf_writer_finish(pdf_writer_start(fonts), doc, info, path, error);
}
