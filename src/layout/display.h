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

/* ---- logical structure (what a tagged PDF tells a screen reader) ----
 * The pages' content belongs to elements of a tree whose order is the
 * reading order: headings, paragraphs, tables with rows and cells, lists,
 * figures, links. Everything else (page headers and footers, table rules,
 * fills, decorative marks) is an artifact that a reader skips. */
typedef enum {
    ROLE_SECT, ROLE_H1, ROLE_H2, ROLE_P, ROLE_TABLE, ROLE_TR, ROLE_TH, ROLE_TD, ROLE_L, ROLE_LI, ROLE_LBL,
    ROLE_LBODY, ROLE_FIGURE, ROLE_LINK, ROLE_COUNT
} StructRole;

/* Whom a table heading cell heads. */
typedef enum { SCOPE_NONE, SCOPE_COLUMN, SCOPE_ROW } HeadingScope;

typedef struct {
    unsigned char role;  /* StructRole */
    unsigned char scope; /* HeadingScope: TH */
    int parent;          /* index of the parent element; -1: a child of the document */
    int colspan;         /* TH/TD spanning columns; 0 or 1 otherwise */
    char *alt;           /* owned, may be NULL: alternate text (figures), description (links),
                            title (sections) */
} StructNode;

/* The element an operation belongs to, or one of these. */
enum {
    TAG_ARTIFACT = -1,   /* decoration: rules, fills, boxes */
    TAG_PAGINATION = -2, /* page headers, footers and repeated table headings */
};

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
    int tag;            /* structure element (index in DisplayDoc.nodes) or TAG_* */
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
    int tag;         /* the tag given to operations added from now on */
} DisplayPage;

typedef struct {
    double width, height; /* points */
    DisplayPage *pages;
    size_t n_pages, cap_pages;
    StructNode *nodes; /* in reading order: a parent comes before its children */
    size_t n_nodes, cap_nodes;
} DisplayDoc;

void display_init(DisplayDoc *d, double width, double height);
/* Frees the drawing operations of a page (its bookmarks and headers stay). */
void display_page_release_ops(DisplayPage *p);
void display_free(DisplayDoc *d);
DisplayPage *display_add_page(DisplayDoc *d);
/* Moves src's pages and structure after dst's; src is left empty. */
void display_append(DisplayDoc *dst, DisplayDoc *src);
/* A new structure element; returns its index. alt may be NULL. */
int display_node(DisplayDoc *d, StructRole role, int parent, const char *alt);
const char *display_role_name(StructRole role);

void display_text(DisplayPage *p, double x, double y, int font, double size, Color c,
                  const char *utf8, size_t len, double width);
void display_line(DisplayPage *p, double x1, double y1, double x2, double y2, double width, Color c);
void display_rect(DisplayPage *p, double x, double y, double w, double h, const Color *fill,
                  const Color *stroke, double line_width);
void display_link(DisplayPage *p, double x, double y, double w, double h, int target_page);
void display_bookmark(DisplayPage *p, int level, const char *title, double y);

#endif
