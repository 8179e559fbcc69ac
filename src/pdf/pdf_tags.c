#include "pdf_tags.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_syntax.h"
#include "text.h"
#include "utf8.h"

typedef enum { KID_ELEMENT, KID_CONTENT, KID_ANNOTATION } KidKind;

/* Keys per leaf of the ParentTree (see pdf_tags_finish). */
#define PARENT_TREE_LEAF 64

/* An element's kids are a chain through one array for the whole document
 * (next: the following kid of the same element, -1 at the end), and its
 * children a chain of siblings: no allocation per element, as a long plan
 * has hundreds of thousands. */
typedef struct {
    unsigned char kind; /* KidKind */
    int value;          /* KID_ELEMENT: node; KID_CONTENT: MCID; KID_ANNOTATION: index in annots */
    int page;           /* KID_CONTENT, KID_ANNOTATION */
    int next;
} Kid;

typedef struct {
    int parent;      /* a node, or the document (index n_nodes) */
    int first_child, last_child, next_sibling; /* in reading order; -1: none */
    int pending;     /* the first child not yet in kids, -1: none */
    bool attached;
    int first_page;  /* -1: no content */
    int first_kid, last_kid; /* -1: none */
    unsigned id;     /* its object number in the file */
} Element;

/* Keys [first, last] of the ParentTree, one node of it. */
typedef struct {
    PdfTags *owner;
    size_t first, last;
    bool limits; /* a leaf under /Kids */
} TreeLeaf;

typedef struct {
    int *owner; /* MCID → node */
    size_t n, cap;
} PageMarks;

typedef struct {
    HPDF_Annotation annot;
    int node, page;
} TaggedAnnot;

struct PdfTags {
    HPDF_Doc pdf;
    const StructNode *nodes;
    size_t n_nodes;
    Element *el; /* n_nodes + 1: the last is the Document element */
    HPDF_Page *pages;
    size_t n_pages;
    PageMarks *marks;
    TaggedAnnot *annots;
    size_t n_annots, cap_annots;
    size_t page;     /* being drawn */
    StrBuf *content; /* its content stream */
    bool open;       /* a marked-content sequence is open */
    int open_tag;
    HPDF_Dict root;  /* StructTreeRoot */
    /* The elements' objects: their cross-reference entries in one block,
     * all pointing to one dictionary whose write hook writes the next
     * element each time libharu writes one of them (it writes the entries
     * in order). A libharu dictionary per element cost ~230 bytes and four
     * allocations; hundreds of thousands for a large plan. */
    HPDF_XrefEntry_Rec *entries;
    HPDF_Dict element_writer;
    size_t next_written;
    TreeLeaf *leaves;
    StrBuf out;      /* what write_element and write_parent_tree write */
    Kid *kids;       /* of every element (see Kid) */
    size_t n_kids, cap_kids;
};

static void add_kid(PdfTags *t, Element *e, KidKind kind, int value, int page)
{
    t->kids = xgrow(t->kids, t->n_kids, &t->cap_kids, sizeof *t->kids, 1024);
    int k = (int)t->n_kids++;
    t->kids[k] = (Kid){(unsigned char)kind, value, page, -1};
    if (e->last_kid >= 0)
        t->kids[e->last_kid].next = k;
    else
        e->first_kid = k;
    e->last_kid = k;
}

PdfTags *pdf_tags_new(HPDF_Doc pdf, const StructNode *nodes, size_t n_nodes, HPDF_Page *pages, size_t n_pages)
{
    PdfTags *t = xcalloc(1, sizeof *t);
    t->pdf = pdf;
    t->nodes = nodes;
    t->n_nodes = n_nodes;
    t->pages = pages;
    t->n_pages = n_pages;
    t->el = xcalloc(n_nodes + 1, sizeof *t->el);
    t->marks = xcalloc(n_pages ? n_pages : 1, sizeof *t->marks);
    for (size_t i = 0; i <= n_nodes; i++)
        t->el[i] = (Element){.parent = -1, .first_child = -1, .last_child = -1, .next_sibling = -1,
                             .pending = -1, .first_page = -1, .first_kid = -1, .last_kid = -1};
    for (size_t i = 0; i < n_nodes; i++) {
        int p = nodes[i].parent;
        /* a parent always comes before its children; anything else is a
         * child of the document */
        Element *parent = &t->el[p >= 0 && (size_t)p < i ? (size_t)p : n_nodes];
        t->el[i].parent = p >= 0 && (size_t)p < i ? p : (int)n_nodes;
        if (parent->last_child >= 0)
            t->el[parent->last_child].next_sibling = (int)i;
        else
            parent->first_child = parent->pending = (int)i;
        parent->last_child = (int)i;
    }
    t->el[n_nodes].attached = true;
    return t;
}

void pdf_tags_free(PdfTags *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_pages; i++)
        free(t->marks[i].owner);
    free(t->el);
    free(t->marks);
    free(t->annots);
    free(t->leaves);
    free(t->entries);
    free(t->kids);
    strbuf_free(&t->out);
    free(t);
}

/* Puts a node in its parent's kids, after its earlier siblings: elements
 * enter the tree when their first content is drawn, in reading order, and
 * the ones with no content (an empty cell) keep their place. */
static void attach(PdfTags *t, int node)
{
    Element *e = &t->el[node];
    if (e->attached)
        return;
    attach(t, e->parent);
    Element *p = &t->el[e->parent];
    while (p->pending >= 0) {
        int child = p->pending;
        p->pending = t->el[child].next_sibling;
        t->el[child].attached = true;
        add_kid(t, p, KID_ELEMENT, child, -1);
        if (child == node)
            break;
    }
}

void pdf_tags_begin_page(PdfTags *t, size_t i, StrBuf *content)
{
    t->page = i;
    t->content = content;
    t->open = false;
}

void pdf_tags_mark(PdfTags *t, int tag)
{
    if (t->open && t->open_tag == tag)
        return;
    StrBuf *s = t->content;
    if (t->open)
        strbuf_puts(s, "EMC\012");
    t->open = true;
    t->open_tag = tag;
    if (tag == TAG_PAGINATION) {
        strbuf_puts(s, "/Artifact <</Type /Pagination>> BDC\012");
    } else if (tag < 0 || (size_t)tag >= t->n_nodes) {
        strbuf_puts(s, "/Artifact BMC\012");
    } else {
        PageMarks *m = &t->marks[t->page];
        m->owner = xgrow(m->owner, m->n, &m->cap, sizeof *m->owner, 4);
        int mcid = (int)m->n;
        m->owner[m->n++] = tag;
        strbuf_puts(s, "/");
        strbuf_puts(s, display_role_name((StructRole)t->nodes[tag].role));
        strbuf_puts(s, " <</MCID ");
        pdf_put_uint(s, (size_t)mcid);
        strbuf_puts(s, ">> BDC\012");
        attach(t, tag);
        Element *e = &t->el[tag];
        if (e->first_page < 0)
            e->first_page = (int)t->page;
        add_kid(t, e, KID_CONTENT, mcid, (int)t->page);
    }
}

void pdf_tags_end_page(PdfTags *t)
{
    if (t->open)
        strbuf_puts(t->content, "EMC\012");
    t->open = false;
}

void pdf_tags_annotation(PdfTags *t, HPDF_Annotation annot, int tag)
{
    if (tag < 0 || (size_t)tag >= t->n_nodes)
        return;
    t->annots = xgrow(t->annots, t->n_annots, &t->cap_annots, sizeof *t->annots, 4);
    int index = (int)t->n_annots;
    t->annots[t->n_annots++] = (TaggedAnnot){annot, tag, (int)t->page};
    HPDF_Dict_AddNumber(annot, "StructParent", (HPDF_INT32)(t->n_pages + (size_t)index));
    if (t->nodes[tag].alt)
        HPDF_Dict_Add(annot, "Contents", pdf_text_string(annot->mmgr, t->nodes[tag].alt));
    attach(t, tag);
    if (t->el[tag].first_page < 0)
        t->el[tag].first_page = (int)t->page;
    add_kid(t, &t->el[tag], KID_ANNOTATION, index, (int)t->page);
}

/* UTF-16BE with its byte-order mark, from UTF-8 (a byte that is not UTF-8
 * becomes U+FFFD). *len: bytes. */
static unsigned char *utf16be(const char *utf8, size_t *len)
{
    size_t n = strlen(utf8);
    unsigned char *out = xmalloc(2 + n * 4);
    size_t k = 0;
    out[k++] = 0xFE;
    out[k++] = 0xFF;
    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t step = utf8_decode(utf8 + i, &cp);
        if (step == 0) {
            cp = 0xFFFD;
            step = 1;
        }
        i += step;
        if (cp >= 0x10000) { /* a surrogate pair */
            unsigned v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            out[k++] = (unsigned char)(hi >> 8);
            out[k++] = (unsigned char)hi;
            out[k++] = (unsigned char)(lo >> 8);
            out[k++] = (unsigned char)lo;
        } else {
            out[k++] = (unsigned char)(cp >> 8);
            out[k++] = (unsigned char)cp;
        }
    }
    *len = k;
    return out;
}

HPDF_Binary pdf_text_string(HPDF_MMgr mmgr, const char *utf8)
{
    size_t len;
    unsigned char *bytes = utf16be(utf8, &len);
    HPDF_Binary b = HPDF_Binary_New(mmgr, bytes, (HPDF_UINT)len);
    free(bytes);
    return b;
}

/* ---- writing the tree ----------------------------------------------------------------------
 * A long document has hundreds of thousands of structure elements. As
 * libharu objects (a dictionary, its entries, names and references, each
 * a separate allocation with a 128-byte key) they took about 1.5 KB each:
 * 850 MB for 1,000 objectives. So each element is an empty libharu
 * dictionary, registered in the cross-reference table, whose write_fn
 * (called by libharu between "<<" and ">>" when the file is saved) writes
 * the entries from the data kept here. The same for the ParentTree. */

static unsigned id_of(const void *obj) { return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF; }

static void put_ref(StrBuf *b, const void *obj)
{
    pdf_put_uint(b, id_of(obj));
    strbuf_puts(b, " 0 R");
}

/* The PDFDocEncoding byte of a code point, or -1 (PDF 1.7, Annex D.2). */
static int pdfdoc_byte(unsigned cp)
{
    static const unsigned specials[][2] = {
        {0x2022, 0x80}, {0x2020, 0x81}, {0x2021, 0x82}, {0x2026, 0x83}, {0x2014, 0x84}, {0x2013, 0x85},
        {0x0192, 0x86}, {0x2044, 0x87}, {0x2039, 0x88}, {0x203A, 0x89}, {0x2212, 0x8A}, {0x2030, 0x8B},
        {0x201E, 0x8C}, {0x201C, 0x8D}, {0x201D, 0x8E}, {0x2018, 0x8F}, {0x2019, 0x90}, {0x201A, 0x91},
        {0x2122, 0x92}, {0xFB01, 0x93}, {0xFB02, 0x94}, {0x0141, 0x95}, {0x0152, 0x96}, {0x0160, 0x97},
        {0x0178, 0x98}, {0x017D, 0x99}, {0x0131, 0x9A}, {0x0142, 0x9B}, {0x0153, 0x9C}, {0x0161, 0x9D},
        {0x017E, 0x9E}};
    /* U+20AC would be 0xA0 since PDF 1.3, but readers that follow older tables (qpdf among them)
       take 0xA0 for a no-break space or nothing: a text with € goes in UTF-16 */
    if ((cp >= 0x20 && cp < 0x7F) || cp == '\t' || cp == '\n' || cp == '\r')
        return (int)cp;
    if (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD)
        return (int)cp;
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
        if (specials[i][0] == cp)
            return (int)specials[i][1];
    return -1;
}

/* A text string: in PDFDocEncoding when every character has a byte there
 * (all Italian text but the no-break space and €), shorter and readable by tools
 * that print strings as they are (pdfinfo -struct-text); UTF-16 otherwise. */
static void put_text(StrBuf *b, const char *utf8)
{
    size_t len;
    unsigned char *bytes = utf16be(utf8, &len);
    StrBuf doc = {0};
    bool fits = true;
    for (size_t i = 2; i + 1 < len && fits; i += 2) {
        int byte = pdfdoc_byte((unsigned)bytes[i] << 8 | bytes[i + 1]);
        if (byte < 0) {
            fits = false;
        } else {
            char c = (char)byte;
            if (c == '(' || c == ')' || c == '\\')
                strbuf_puts(&doc, "\\");
            strbuf_append(&doc, &c, 1);
        }
    }
    if (fits) {
        strbuf_puts(b, "(");
        strbuf_append(b, doc.data ? doc.data : "", doc.len);
        strbuf_puts(b, ")");
        strbuf_free(&doc);
        free(bytes);
        return;
    }
    strbuf_free(&doc);
    static const char hex[] = "0123456789ABCDEF";
    strbuf_puts(b, "<");
    for (size_t i = 0; i < len; i++) {
        char pair[2] = {hex[bytes[i] >> 4], hex[bytes[i] & 15]};
        strbuf_append(b, pair, 2);
    }
    strbuf_puts(b, ">");
    free(bytes);
}

static HPDF_STATUS flush(HPDF_Stream s, StrBuf *b)
{
    HPDF_STATUS st = HPDF_Stream_Write(s, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
    b->len = 0;
    return st;
}

/* A structure element's attributes: table heading scope and column span. */
static void put_attributes(StrBuf *b, const StructNode *n)
{
    bool scope = n->role == ROLE_TH && n->scope != SCOPE_NONE;
    bool span = (n->role == ROLE_TH || n->role == ROLE_TD) && n->colspan > 1;
    if (!scope && !span)
        return;
    strbuf_puts(b, "/A <</O /Table");
    if (scope)
        strbuf_puts(b, n->scope == SCOPE_COLUMN ? " /Scope /Column" : " /Scope /Row");
    if (span) {
        strbuf_puts(b, " /ColSpan ");
        pdf_put_uint(b, (size_t)n->colspan);
    }
    strbuf_puts(b, ">>\012");
}

static void put_element_ref(StrBuf *b, const Element *el)
{
    pdf_put_uint(b, el->id);
    strbuf_puts(b, " 0 R");
}

static HPDF_STATUS write_element(HPDF_Dict dict, HPDF_Stream s)
{
    PdfTags *t = dict->attr;
    size_t i = t->next_written++;
    if (i > t->n_nodes)
        return HPDF_SetError(s->error, HPDF_INVALID_OBJECT, 0);
    Element *el = &t->el[i];
    StrBuf *b = &t->out;
    if (i == t->n_nodes) {
        strbuf_puts(b, "/S /Document\012/P ");
        put_ref(b, t->root);
    } else {
        const StructNode *n = &t->nodes[i];
        strbuf_puts(b, "/S /");
        strbuf_puts(b, display_role_name((StructRole)n->role));
        strbuf_puts(b, "\012/P ");
        put_element_ref(b, &t->el[el->parent]);
        if (n->alt && (n->role == ROLE_FIGURE || n->role == ROLE_SECT || n->role == ROLE_LINK)) {
            /* a figure's and a link's alternate text (the link's is also its annotation's
               /Contents); a section's title */
            strbuf_puts(b, n->role == ROLE_SECT ? "\012/T " : "\012/Alt ");
            put_text(b, n->alt);
        }
        strbuf_puts(b, "\012");
        put_attributes(b, n);
    }
    if (el->first_page >= 0) {
        strbuf_puts(b, "/Pg ");
        put_ref(b, t->pages[el->first_page]);
        strbuf_puts(b, "\012");
    }
    strbuf_puts(b, "/K [");
    for (int k = el->first_kid; k >= 0; k = t->kids[k].next) {
        const Kid *kid = &t->kids[k];
        strbuf_puts(b, k != el->first_kid ? " " : "");
        if (kid->kind == KID_ELEMENT) {
            put_element_ref(b, &t->el[kid->value]);
        } else if (kid->kind == KID_CONTENT && kid->page == el->first_page) {
            pdf_put_uint(b, (size_t)kid->value);
        } else if (kid->kind == KID_CONTENT) {
            strbuf_puts(b, "<</Type /MCR /Pg ");
            put_ref(b, t->pages[kid->page]);
            strbuf_puts(b, " /MCID ");
            pdf_put_uint(b, (size_t)kid->value);
            strbuf_puts(b, ">>");
        } else {
            strbuf_puts(b, "<</Type /OBJR /Obj ");
            put_ref(b, t->annots[kid->value].annot);
            strbuf_puts(b, " /Pg ");
            put_ref(b, t->pages[kid->page]);
            strbuf_puts(b, ">>");
        }
        if (b->len > 4096 && flush(s, b) != HPDF_OK)
            return HPDF_Error_GetCode(s->error);
    }
    strbuf_puts(b, "]\012");
    return flush(s, b);
}

/* A ParentTree node with keys [first, last]: page i (its StructParents) →
 * the element of each MCID; annotation k (StructParent n_pages + k) → its
 * element. */
static HPDF_STATUS write_parent_tree(HPDF_Dict dict, HPDF_Stream s)
{
    TreeLeaf *leaf = dict->attr;
    PdfTags *t = leaf->owner;
    StrBuf *b = &t->out;
    if (leaf->limits)
        strbuf_printf(b, "/Limits [%zu %zu]\012", leaf->first, leaf->last);
    strbuf_puts(b, "/Nums [");
    for (size_t key = leaf->first; key <= leaf->last; key++) {
        strbuf_puts(b, "\012");
        pdf_put_uint(b, key);
        strbuf_puts(b, " ");
        if (key >= t->n_pages) {
            put_element_ref(b, &t->el[t->annots[key - t->n_pages].node]);
            continue;
        }
        strbuf_puts(b, "[");
        for (size_t k = 0; k < t->marks[key].n; k++) {
            strbuf_puts(b, k ? " " : "");
            put_element_ref(b, &t->el[t->marks[key].owner[k]]);
            if (b->len > 4096 && flush(s, b) != HPDF_OK)
                return HPDF_Error_GetCode(s->error);
        }
        strbuf_puts(b, "]");
    }
    strbuf_puts(b, "]\012");
    return flush(s, b);
}

/* The root's /K: the Document element. */
static HPDF_STATUS write_root_kids(HPDF_Dict dict, HPDF_Stream s)
{
    PdfTags *t = dict->attr;
    StrBuf *b = &t->out;
    strbuf_puts(b, "/K ");
    put_element_ref(b, &t->el[t->n_nodes]);
    strbuf_puts(b, "\012");
    return flush(s, b);
}

/* One cross-reference entry per element (and the Document), numbered in
 * order, with room made once in libharu's list (which otherwise grows by
 * 1,024 entries, copying the whole list each time). */
static HPDF_STATUS add_element_entries(PdfTags *t)
{
    HPDF_Doc pdf = t->pdf;
    HPDF_Xref xref = pdf->xref;
    HPDF_List list = xref->entries;
    size_t n = t->n_nodes + 1;
    if (list->count + n > 0x7FFFFF) /* libharu's limit on objects */
        return HPDF_SetError(&pdf->error, HPDF_XREF_COUNT_ERR, 0);
    t->element_writer = HPDF_Dict_New(pdf->mmgr);
    if (!t->element_writer)
        return HPDF_Error_GetCode(&pdf->error);
    t->element_writer->write_fn = write_element;
    t->element_writer->attr = t;
    if (list->block_siz < list->count + n) {
        size_t cap = list->count + n + list->items_per_block;
        void **grown = HPDF_GetMem(pdf->mmgr, (HPDF_UINT)(cap * sizeof *grown));
        if (!grown)
            return HPDF_Error_GetCode(&pdf->error);
        if (list->count)
            memcpy(grown, list->obj, list->count * sizeof *grown);
        if (list->obj)
            HPDF_FreeMem(pdf->mmgr, list->obj);
        list->obj = grown;
        list->block_siz = (HPDF_UINT)cap;
    }
    t->entries = xcalloc(n, sizeof *t->entries);
    for (size_t i = 0; i < n; i++) {
        t->entries[i] = (HPDF_XrefEntry_Rec){HPDF_IN_USE_ENTRY, 0, 0, t->element_writer};
        t->el[i].id = (unsigned)(xref->start_offset + list->count);
        list->obj[list->count++] = &t->entries[i];
    }
    t->next_written = 0;
    return HPDF_OK;
}

void pdf_tags_detach(PdfTags *t)
{
    if (!t || !t->entries)
        return;
    HPDF_List list = t->pdf->xref->entries;
    size_t kept = 0, n = t->n_nodes + 1;
    for (size_t i = 0; i < list->count; i++) {
        HPDF_XrefEntry_Rec *e = list->obj[i];
        if (e < t->entries || e >= t->entries + n)
            list->obj[kept++] = e;
    }
    list->count = (HPDF_UINT)kept;
    HPDF_Dict_Free(t->element_writer);
    t->element_writer = NULL;
    free(t->entries);
    t->entries = NULL;
}

/* An empty dictionary in the cross-reference table, written by fn. */
static HPDF_Dict self_written(HPDF_Doc pdf, HPDF_Dict_OnWriteFunc fn, void *data)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
        return NULL;
    d->write_fn = fn;
    d->attr = data;
    return d;
}

HPDF_STATUS pdf_tags_finish(PdfTags *t, const char *lang)
{
    HPDF_Doc pdf = t->pdf;
    HPDF_MMgr mmgr = pdf->mmgr;
    for (size_t i = 0; i < t->n_nodes; i++)
        attach(t, (int)i);

    t->root = HPDF_Dict_New(mmgr);
    if (!t->root || HPDF_Xref_Add(pdf->xref, t->root) != HPDF_OK)
        return HPDF_Error_GetCode(&pdf->error);
    HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
    t->root->write_fn = write_root_kids;
    t->root->attr = t;
    if (add_element_entries(t) != HPDF_OK)
        return HPDF_Error_GetCode(&pdf->error);

    /* The ParentTree, in leaves of PARENT_TREE_LEAF keys: a PDF/A-1 array
     * holds at most 8191 elements, a long document has more keys. */
    size_t keys = t->n_pages + t->n_annots;
    size_t n_leaves = keys > PARENT_TREE_LEAF ? (keys + PARENT_TREE_LEAF - 1) / PARENT_TREE_LEAF : 1;
    t->leaves = xcalloc(n_leaves, sizeof *t->leaves);
    for (size_t k = 0; k < n_leaves; k++) {
        size_t first = k * PARENT_TREE_LEAF, last = first + PARENT_TREE_LEAF - 1;
        t->leaves[k] = (TreeLeaf){t, first, last < keys ? last : keys - 1, n_leaves > 1};
    }
    HPDF_Dict parent_tree;
    if (n_leaves == 1 && keys > 0) {
        parent_tree = self_written(pdf, write_parent_tree, &t->leaves[0]);
    } else {
        parent_tree = HPDF_Dict_New(mmgr);
        HPDF_Array kids = HPDF_Array_New(mmgr);
        HPDF_Dict_Add(parent_tree, keys > 0 ? "Kids" : "Nums", kids);
        for (size_t k = 0; k < n_leaves && keys > 0; k++)
            HPDF_Array_Add(kids, self_written(pdf, write_parent_tree, &t->leaves[k]));
    }
    HPDF_Dict_Add(t->root, "ParentTree", parent_tree);
    HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", (HPDF_INT32)keys);
    for (size_t i = 0; i < t->n_pages; i++) {
        HPDF_Dict_AddNumber(t->pages[i], "StructParents", (HPDF_INT32)i);
        HPDF_Dict_AddName(t->pages[i], "Tabs", "S"); /* tab order = structure order */
    }

    HPDF_Dict catalog = pdf->catalog;
    HPDF_Dict_Add(catalog, "StructTreeRoot", t->root);
    HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(mmgr, lang, NULL));
    return pdf->error.error_no;
}
