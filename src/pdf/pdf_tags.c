#include "pdf_tags.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef enum { KID_ELEMENT, KID_CONTENT, KID_ANNOTATION } KidKind;

/* Keys per leaf of the ParentTree (see pdf_tags_finish). */
#define PARENT_TREE_LEAF 64

typedef struct {
    unsigned char kind; /* KidKind */
    int value;          /* KID_ELEMENT: node; KID_CONTENT: MCID; KID_ANNOTATION: index in annots */
    int page;           /* KID_CONTENT, KID_ANNOTATION */
} Kid;

typedef struct {
    int parent;      /* a node, or the document (index n_nodes) */
    int *children;   /* in reading order */
    size_t n_children, cap_children;
    size_t attached_children; /* the first ones are in kids already */
    bool attached;
    int first_page;  /* -1: no content */
    Kid *kids;
    size_t n_kids, cap_kids;
} Element;

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
    bool open;       /* a marked-content sequence is open */
    int open_tag;
};

static void grow(void **items, size_t *cap, size_t n, size_t size)
{
    if (n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        *items = xrealloc(*items, *cap * size);
    }
}

static void add_kid(Element *e, Kid k)
{
    grow((void **)&e->kids, &e->cap_kids, e->n_kids, sizeof *e->kids);
    e->kids[e->n_kids++] = k;
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
    for (size_t i = 0; i <= n_nodes; i++) {
        t->el[i].first_page = -1;
        t->el[i].parent = -1;
    }
    for (size_t i = 0; i < n_nodes; i++) {
        int p = nodes[i].parent;
        /* a parent always comes before its children; anything else is a
         * child of the document */
        Element *parent = &t->el[p >= 0 && (size_t)p < i ? (size_t)p : n_nodes];
        t->el[i].parent = p >= 0 && (size_t)p < i ? p : (int)n_nodes;
        grow((void **)&parent->children, &parent->cap_children, parent->n_children, sizeof *parent->children);
        parent->children[parent->n_children++] = (int)i;
    }
    t->el[n_nodes].attached = true;
    return t;
}

void pdf_tags_free(PdfTags *t)
{
    if (!t)
        return;
    for (size_t i = 0; i <= t->n_nodes; i++) {
        free(t->el[i].children);
        free(t->el[i].kids);
    }
    for (size_t i = 0; i < t->n_pages; i++)
        free(t->marks[i].owner);
    free(t->el);
    free(t->marks);
    free(t->annots);
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
    while (p->attached_children < p->n_children) {
        int child = p->children[p->attached_children++];
        t->el[child].attached = true;
        add_kid(p, (Kid){KID_ELEMENT, child, -1});
        if (child == node)
            break;
    }
}

static HPDF_Stream content(PdfTags *t) { return ((HPDF_PageAttr)t->pages[t->page]->attr)->stream; }

void pdf_tags_begin_page(PdfTags *t, size_t i)
{
    t->page = i;
    t->open = false;
}

void pdf_tags_mark(PdfTags *t, int tag)
{
    if (t->open && t->open_tag == tag)
        return;
    HPDF_Stream s = content(t);
    if (t->open)
        HPDF_Stream_WriteStr(s, "EMC\012");
    t->open = true;
    t->open_tag = tag;
    if (tag == TAG_PAGINATION) {
        HPDF_Stream_WriteStr(s, "/Artifact <</Type /Pagination>> BDC\012");
    } else if (tag < 0 || (size_t)tag >= t->n_nodes) {
        HPDF_Stream_WriteStr(s, "/Artifact BMC\012");
    } else {
        PageMarks *m = &t->marks[t->page];
        grow((void **)&m->owner, &m->cap, m->n, sizeof *m->owner);
        int mcid = (int)m->n;
        m->owner[m->n++] = tag;
        char buf[96];
        snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\012", display_role_name((StructRole)t->nodes[tag].role),
                 mcid);
        HPDF_Stream_WriteStr(s, buf);
        attach(t, tag);
        Element *e = &t->el[tag];
        if (e->first_page < 0)
            e->first_page = (int)t->page;
        add_kid(e, (Kid){KID_CONTENT, mcid, (int)t->page});
    }
}

void pdf_tags_end_page(PdfTags *t)
{
    if (t->open)
        HPDF_Stream_WriteStr(content(t), "EMC\012");
    t->open = false;
}

void pdf_tags_annotation(PdfTags *t, HPDF_Annotation annot, int tag)
{
    if (tag < 0 || (size_t)tag >= t->n_nodes)
        return;
    grow((void **)&t->annots, &t->cap_annots, t->n_annots, sizeof *t->annots);
    int index = (int)t->n_annots;
    t->annots[t->n_annots++] = (TaggedAnnot){annot, tag, (int)t->page};
    HPDF_Dict_AddNumber(annot, "StructParent", (HPDF_INT32)(t->n_pages + (size_t)index));
    if (t->nodes[tag].alt)
        HPDF_Dict_Add(annot, "Contents", pdf_text_string(annot->mmgr, t->nodes[tag].alt));
    attach(t, tag);
    if (t->el[tag].first_page < 0)
        t->el[tag].first_page = (int)t->page;
    add_kid(&t->el[tag], (Kid){KID_ANNOTATION, index, (int)t->page});
}

HPDF_Binary pdf_text_string(HPDF_MMgr mmgr, const char *utf8)
{
    size_t n = strlen(utf8);
    HPDF_BYTE *out = xmalloc(2 + n * 4);
    size_t len = 0;
    out[len++] = 0xFE;
    out[len++] = 0xFF;
    const unsigned char *s = (const unsigned char *)utf8;
    for (size_t i = 0; i < n;) {
        unsigned cp = 0xFFFD;
        size_t extra = 0;
        if (s[i] < 0x80) cp = s[i], extra = 0;
        else if ((s[i] & 0xE0) == 0xC0) cp = s[i] & 0x1F, extra = 1;
        else if ((s[i] & 0xF0) == 0xE0) cp = s[i] & 0x0F, extra = 2;
        else if ((s[i] & 0xF8) == 0xF0) cp = s[i] & 0x07, extra = 3;
        else extra = 0, cp = 0xFFFD;
        size_t k = 1;
        for (; k <= extra && i + k < n && (s[i + k] & 0xC0) == 0x80; k++)
            cp = (cp << 6) | (s[i + k] & 0x3F);
        if (k <= extra)
            cp = 0xFFFD; /* cut short */
        i += k;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        if (cp >= 0x10000) {
            unsigned v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            out[len++] = (HPDF_BYTE)(hi >> 8);
            out[len++] = (HPDF_BYTE)hi;
            out[len++] = (HPDF_BYTE)(lo >> 8);
            out[len++] = (HPDF_BYTE)lo;
        } else {
            out[len++] = (HPDF_BYTE)(cp >> 8);
            out[len++] = (HPDF_BYTE)cp;
        }
    }
    HPDF_Binary b = HPDF_Binary_New(mmgr, out, (HPDF_UINT)len);
    free(out);
    return b;
}

/* A structure element's attributes: table heading scope and column span. */
static void add_attributes(HPDF_MMgr mmgr, HPDF_Dict elem, const StructNode *n)
{
    bool scope = n->role == ROLE_TH && n->scope != SCOPE_NONE;
    bool span = (n->role == ROLE_TH || n->role == ROLE_TD) && n->colspan > 1;
    if (!scope && !span)
        return;
    HPDF_Dict a = HPDF_Dict_New(mmgr);
    HPDF_Dict_AddName(a, "O", "Table");
    if (scope)
        HPDF_Dict_AddName(a, "Scope", n->scope == SCOPE_COLUMN ? "Column" : "Row");
    if (span)
        HPDF_Dict_AddNumber(a, "ColSpan", n->colspan);
    HPDF_Dict_Add(elem, "A", a);
}

HPDF_STATUS pdf_tags_finish(PdfTags *t, const char *lang)
{
    HPDF_Doc pdf = t->pdf;
    HPDF_MMgr mmgr = pdf->mmgr;
    size_t doc = t->n_nodes;
    for (size_t i = 0; i < t->n_nodes; i++)
        attach(t, (int)i);

    HPDF_Dict root = HPDF_Dict_New(mmgr);
    if (!root || HPDF_Xref_Add(pdf->xref, root) != HPDF_OK)
        return HPDF_Error_GetCode(&pdf->error);
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");

    HPDF_Dict *elems = xcalloc(doc + 1, sizeof *elems);
    for (size_t i = 0; i <= doc; i++) {
        elems[i] = HPDF_Dict_New(mmgr);
        if (!elems[i] || HPDF_Xref_Add(pdf->xref, elems[i]) != HPDF_OK) {
            free(elems);
            return HPDF_Error_GetCode(&pdf->error);
        }
    }
    HPDF_Dict_Add(root, "K", elems[doc]);
    for (size_t i = 0; i <= doc; i++) {
        HPDF_Dict e = elems[i];
        const Element *el = &t->el[i];
        HPDF_Dict_AddName(e, "Type", "StructElem");
        if (i == doc) {
            HPDF_Dict_AddName(e, "S", "Document");
            HPDF_Dict_Add(e, "P", root);
        } else {
            const StructNode *n = &t->nodes[i];
            HPDF_Dict_AddName(e, "S", display_role_name((StructRole)n->role));
            HPDF_Dict_Add(e, "P", elems[el->parent]);
            if (n->alt && n->role == ROLE_FIGURE)
                HPDF_Dict_Add(e, "Alt", pdf_text_string(mmgr, n->alt));
            if (n->alt && n->role == ROLE_SECT)
                HPDF_Dict_Add(e, "T", pdf_text_string(mmgr, n->alt)); /* the section's title */
            add_attributes(mmgr, e, n);
        }
        if (el->first_page >= 0)
            HPDF_Dict_Add(e, "Pg", t->pages[el->first_page]);
        HPDF_Array kids = HPDF_Array_New(mmgr);
        HPDF_Dict_Add(e, "K", kids);
        for (size_t k = 0; k < el->n_kids; k++) {
            const Kid *kid = &el->kids[k];
            if (kid->kind == KID_ELEMENT) {
                HPDF_Array_Add(kids, elems[kid->value]);
            } else if (kid->kind == KID_CONTENT && kid->page == el->first_page) {
                HPDF_Array_AddNumber(kids, kid->value);
            } else if (kid->kind == KID_CONTENT) {
                HPDF_Dict mcr = HPDF_Dict_New(mmgr);
                HPDF_Array_Add(kids, mcr);
                HPDF_Dict_AddName(mcr, "Type", "MCR");
                HPDF_Dict_Add(mcr, "Pg", t->pages[kid->page]);
                HPDF_Dict_AddNumber(mcr, "MCID", kid->value);
            } else {
                HPDF_Dict objr = HPDF_Dict_New(mmgr);
                HPDF_Array_Add(kids, objr);
                HPDF_Dict_AddName(objr, "Type", "OBJR");
                HPDF_Dict_Add(objr, "Obj", t->annots[kid->value].annot);
                HPDF_Dict_Add(objr, "Pg", t->pages[kid->page]);
            }
        }
    }

    /* ParentTree: page i (its StructParents) → the element of each MCID;
     * annotation k (StructParent n_pages + k) → its element. A number tree
     * of leaves of PARENT_TREE_LEAF keys: a PDF/A-1 array holds at most
     * 8191 elements, a long document has more keys. */
    HPDF_Dict parent_tree = HPDF_Dict_New(mmgr);
    HPDF_Dict_Add(root, "ParentTree", parent_tree);
    size_t keys = t->n_pages + t->n_annots;
    HPDF_Array leaves = NULL, nums = NULL;
    if (keys > PARENT_TREE_LEAF) {
        leaves = HPDF_Array_New(mmgr);
        HPDF_Dict_Add(parent_tree, "Kids", leaves);
    } else {
        nums = HPDF_Array_New(mmgr);
        HPDF_Dict_Add(parent_tree, "Nums", nums);
    }
    for (size_t key = 0; key < keys; key++) {
        if (leaves && key % PARENT_TREE_LEAF == 0) {
            HPDF_Dict leaf = HPDF_Dict_New(mmgr);
            HPDF_Xref_Add(pdf->xref, leaf);
            HPDF_Array_Add(leaves, leaf);
            HPDF_Array limits = HPDF_Array_New(mmgr);
            HPDF_Dict_Add(leaf, "Limits", limits);
            size_t last = key + PARENT_TREE_LEAF - 1 < keys ? key + PARENT_TREE_LEAF - 1 : keys - 1;
            HPDF_Array_AddNumber(limits, (HPDF_INT32)key);
            HPDF_Array_AddNumber(limits, (HPDF_INT32)last);
            nums = HPDF_Array_New(mmgr);
            HPDF_Dict_Add(leaf, "Nums", nums);
        }
        HPDF_Array_AddNumber(nums, (HPDF_INT32)key);
        if (key >= t->n_pages) {
            HPDF_Array_Add(nums, elems[t->annots[key - t->n_pages].node]);
            continue;
        }
        size_t i = key;
        HPDF_Array owners = HPDF_Array_New(mmgr);
        HPDF_Array_Add(nums, owners);
        for (size_t k = 0; k < t->marks[i].n; k++)
            HPDF_Array_Add(owners, elems[t->marks[i].owner[k]]);
        HPDF_Dict_AddNumber(t->pages[i], "StructParents", (HPDF_INT32)i);
        HPDF_Dict_AddName(t->pages[i], "Tabs", "S"); /* tab order = structure order */
    }
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)(t->n_pages + t->n_annots));
    free(elems);

    HPDF_Dict catalog = pdf->catalog;
    HPDF_Dict_Add(catalog, "StructTreeRoot", root);
    HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(mmgr, lang, NULL));
    return pdf->error.error_no;
}
