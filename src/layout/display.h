/* display.h — laid-out pages as a list of drawing operations.
 *
 * The layout engine fills it; a renderer (the PDF writer) draws it; tests
 * read it. Coordinates are points from the page's top-left corner, y down. */
#ifndef SCHEDE_DISPLAY_H
#define SCHEDE_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    float r, g, b; /* 0..1 */
} Color;

typedef enum { OP_TEXT, OP_LINE, OP_RECT, OP_LINK } OpKind;

/* Compact on purpose: a long plan has millions of these. Floats hold page
 * coordinates to far better than the 0.01 pt the PDF is written with. */
typedef struct {
    float x, y, w, h;   /* TEXT: baseline start (x, y), w = width; LINE: (x,y)→(x+w,y+h); RECT/LINK: box */
    Color color;        /* TEXT fill, LINE stroke, RECT fill */
    Color stroke;       /* RECT border */
    float line_width;   /* LINE, RECT border */
    float size;         /* TEXT */
    char *text;         /* TEXT: owned UTF-8 */
    int target_page;    /* LINK: 0-based page index in the document */
    unsigned char kind; /* OpKind */
    unsigned char font; /* TEXT */
    bool fill, outline; /* RECT: fill and/or stroke */
} DisplayOp;


typedef struct {
    int level;     /* 0 = top */
    char *title;   /* owned UTF-8 */
    double y;      /* where on the page */
} Bookmark;

typedef struct {
    DisplayOp *ops;
    size_t n_ops, cap_ops;
    Bookmark *marks;
    size_t n_marks;
    char *header[3]; /* left, centre, right; owned, may be NULL */
    int section;     /* pages with the same section are counted together in the footer */
} DisplayPage;

typedef struct {
    double width, height; /* points */
    DisplayPage *pages;
    size_t n_pages, cap_pages;
} DisplayDoc;

void display_init(DisplayDoc *d, double width, double height);
/* Frees the drawing operations of a page (its bookmarks and headers stay). */
void display_page_release_ops(DisplayPage *p);
void display_free(DisplayDoc *d);
DisplayPage *display_add_page(DisplayDoc *d);

void display_text(DisplayPage *p, double x, double y, int font, double size, Color c,
                  const char *utf8, size_t len, double width);
void display_line(DisplayPage *p, double x1, double y1, double x2, double y2, double width, Color c);
void display_rect(DisplayPage *p, double x, double y, double w, double h, const Color *fill,
                  const Color *stroke, double line_width);
void display_link(DisplayPage *p, double x, double y, double w, double h, int target_page);
void display_bookmark(DisplayPage *p, int level, const char *title, double y);

#endif
