#include "display.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void display_init(DisplayDoc *d, double width, double height)
{
    memset(d, 0, sizeof *d);
    d->width = width;
    d->height = height;
}

void display_free(DisplayDoc *d)
{
    for (size_t i = 0; i < d->n_pages; i++) {
        DisplayPage *p = &d->pages[i];
        display_page_release_ops(p);
        for (size_t k = 0; k < p->n_marks; k++)
            free(p->marks[k].title);
        free(p->marks);
        for (int h = 0; h < 3; h++)
            free(p->header[h]);
    }
    free(d->pages);
    for (size_t i = 0; i < d->n_nodes; i++)
        free(d->nodes[i].alt);
    free(d->nodes);
    memset(d, 0, sizeof *d);
}

void display_page_release_ops(DisplayPage *p)
{
    for (size_t k = 0; k < p->n_ops; k++)
        free(p->ops[k].text);
    free(p->ops);
    p->ops = NULL;
    p->n_ops = p->cap_ops = 0;
}

/* Room left on a finished page for what is added once the document is
 * complete (running heads, "Pag. X di Y"). */
#define FURNITURE_ROOM 16

DisplayPage *display_add_page(DisplayDoc *d)
{
    /* The page before is complete but for its furniture: its operations
     * array gives back what doubling left unused (a quarter of the laid-out
     * document's memory on average), which counts in a long plan whose
     * pages are all held until the page count is known. */
    if (d->n_pages > 0) {
        DisplayPage *last = &d->pages[d->n_pages - 1];
        if (last->cap_ops > last->n_ops + FURNITURE_ROOM) {
            last->cap_ops = last->n_ops + FURNITURE_ROOM;
            last->ops = xrealloc(last->ops, last->cap_ops * sizeof *last->ops);
        }
    }
    d->pages = xgrow(d->pages, d->n_pages, &d->cap_pages, sizeof *d->pages, 16);
    DisplayPage *p = &d->pages[d->n_pages++];
    memset(p, 0, sizeof *p);
    p->tag = TAG_ARTIFACT;
    return p;
}

void display_append(DisplayDoc *dst, DisplayDoc *src)
{
    int offset = (int)dst->n_nodes;
    for (size_t i = 0; i < src->n_pages; i++) {
        DisplayPage *p = display_add_page(dst);
        *p = src->pages[i];
        for (size_t k = 0; k < p->n_ops; k++)
            if (p->ops[k].tag >= 0)
                p->ops[k].tag += offset;
        if (p->tag >= 0)
            p->tag += offset;
    }
    for (size_t i = 0; i < src->n_nodes; i++) {
        StructNode n = src->nodes[i];
        int at = display_node(dst, (StructRole)n.role, n.parent >= 0 ? n.parent + offset : -1, NULL);
        dst->nodes[at].scope = n.scope;
        dst->nodes[at].colspan = n.colspan;
        dst->nodes[at].alt = n.alt; /* moved */
    }
    free(src->pages);
    free(src->nodes);
    src->pages = NULL;
    src->nodes = NULL;
    src->n_pages = src->cap_pages = src->n_nodes = src->cap_nodes = 0;
}

int display_node(DisplayDoc *d, StructRole role, int parent, const char *alt)
{
    d->nodes = xgrow(d->nodes, d->n_nodes, &d->cap_nodes, sizeof *d->nodes, 64);
    d->nodes[d->n_nodes] = (StructNode){(unsigned char)role, SCOPE_NONE, parent, 0, alt ? xstrdup(alt) : NULL};
    return (int)d->n_nodes++;
}

const char *display_role_name(StructRole role)
{
    static const char *const names[ROLE_COUNT] = {"Sect", "H1", "H2",  "P",    "Table",  "TR",     "TH",
                                                  "TD",   "L",  "LI",  "Lbl",  "LBody",  "Figure", "Link"};
    return role < ROLE_COUNT ? names[role] : "Span";
}

static DisplayOp *push(DisplayPage *p, OpKind kind)
{
    p->ops = xgrow(p->ops, p->n_ops, &p->cap_ops, sizeof *p->ops, 64);
    DisplayOp *op = &p->ops[p->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->tag = p->tag;
    return op;
}

void display_text(DisplayPage *p, double x, double y, int font, double size, Color c,
                  const char *utf8, size_t len, double width)
{
    DisplayOp *op = push(p, OP_TEXT);
    op->x = x;
    op->y = y;
    op->w = width;
    op->font = font;
    op->size = size;
    op->color = c;
    op->text = xstrndup(utf8, len);
}

void display_line(DisplayPage *p, double x1, double y1, double x2, double y2, double width, Color c)
{
    DisplayOp *op = push(p, OP_LINE);
    op->x = x1;
    op->y = y1;
    op->w = x2 - x1;
    op->h = y2 - y1;
    op->line_width = width;
    op->color = c;
}

void display_rect(DisplayPage *p, double x, double y, double w, double h, const Color *fill,
                  const Color *stroke, double line_width)
{
    DisplayOp *op = push(p, OP_RECT);
    op->x = x;
    op->y = y;
    op->w = w;
    op->h = h;
    if (fill) {
        op->fill = true;
        op->color = *fill;
    }
    if (stroke) {
        op->outline = true;
        op->stroke = *stroke;
        op->line_width = line_width;
    }
}

void display_link(DisplayPage *p, double x, double y, double w, double h, int target_page)
{
    DisplayOp *op = push(p, OP_LINK);
    op->x = x;
    op->y = y;
    op->w = w;
    op->h = h;
    op->target_page = target_page;
}

void display_bookmark(DisplayPage *p, int level, const char *title, double y)
{
    p->marks = xrealloc(p->marks, (p->n_marks + 1) * sizeof *p->marks);
    p->marks[p->n_marks++] = (Bookmark){level, xstrdup(title), y};
}
