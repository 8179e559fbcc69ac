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

DisplayPage *display_add_page(DisplayDoc *d)
{
    if (d->n_pages == d->cap_pages) {
        d->cap_pages = d->cap_pages ? d->cap_pages * 2 : 16;
        d->pages = xrealloc(d->pages, d->cap_pages * sizeof *d->pages);
    }
    DisplayPage *p = &d->pages[d->n_pages++];
    memset(p, 0, sizeof *p);
    return p;
}

static DisplayOp *push(DisplayPage *p, OpKind kind)
{
    if (p->n_ops == p->cap_ops) {
        p->cap_ops = p->cap_ops ? p->cap_ops * 2 : 64;
        p->ops = xrealloc(p->ops, p->cap_ops * sizeof *p->ops);
    }
    DisplayOp *op = &p->ops[p->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
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
