/* layout_file.h — the layout files of layouts/: page, fonts, colours,
 * styles, column proportions, minimum rows and every label printed on a
 * document. Changing a copy and passing it with --layout changes the PDF
 * without recompiling. The format (schede-layout/1) is in docs/layout.md. */
#ifndef SCHEDE_LAYOUT_FILE_H
#define SCHEDE_LAYOUT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "fontset.h"
#include "layout.h"

typedef struct {
    char *name;
    CellStyle style;
} NamedStyle;

typedef struct {
    char *name;
    double *widths;
    size_t n;
} NamedColumns;

typedef struct {
    char *key, *text;
} Label;

typedef struct {
    char *name;
    double value;
} NamedNumber;

/* A column set added after the first layout files: used when a file lacks it. */
typedef struct {
    const char *name;       /* NULL ends the list */
    size_t n;
    double widths[10];
} ColumnsDefault;

/* A section type whose entry in "sezioni" may be an object with its own
 * columns: {"tipo": name, "titolo": text, "colonne": [{"chiave":
 * one of keys, "etichetta": text, "larghezza": relative width}, …]}. */
typedef struct {
    const char *name;                     /* NULL ends the list */
    const char *const *keys;              /* NULL-terminated: the column keys it knows */
    bool rows;                            /* label/value rows instead: "righe": [{"chiave", "etichetta"}]
                                             and "larghezze": [label, value] (default 1, 3) */
} ColumnSection;

/* What a document needs from its layout file; the loader reports whatever
 * is missing, by name. */
typedef struct {
    const char *const *labels;            /* NULL-terminated */
    const char *const *styles;            /* NULL-terminated */
    const char *const *column_sets;       /* NULL-terminated */
    const size_t *column_counts;          /* columns of each set, same order */
    const char *const *numbers;           /* NULL-terminated names under "misure" */
    const char *const *sections;          /* NULL-terminated: the sections "sezioni" may list */
    bool bands;                           /* the document classifies results: "fasce" is required */
    const char *const *label_defaults;    /* pairs key, text: labels added after the first layout
                                             files, used when a file lacks them (NULL-terminated) */
    const ColumnsDefault *column_defaults; /* column sets likewise optional, or NULL */
    const ColumnSection *column_sections; /* section types with their own columns, or NULL */
} LayoutNeeds;

/* A column of a section given as an object. */
typedef struct {
    char *chiave, *etichetta;
    double larghezza;
} SectionColumn;

/* The options of a section given as an object; NULL for a plain name. */
typedef struct {
    char *titolo;        /* may be NULL */
    SectionColumn *colonne; /* or the rows of a rows section (larghezza unused) */
    size_t n_colonne;
    double larghezze[2]; /* rows section: label and value column widths */
} SectionOptions;

/* An esito band: results from `da` % up to the next band's limit. */
typedef struct {
    double da;
    char *etichetta;
    Color colore;
} Band;

#define LAYOUT_MAX_BANDS 8

typedef struct {
    char *path;
    PageSpec page;
    char *font_paths[FONT_COUNT];
    NamedStyle *styles;
    size_t n_styles;
    NamedColumns *columns;
    size_t n_columns;
    Label *labels;
    size_t n_labels;
    NamedNumber *numbers;
    size_t n_numbers;
    char **sections; /* in print order: each one's type */
    SectionOptions **section_options; /* per section: its options, or NULL */
    size_t n_sections;
    Band *bands;     /* highest first; the last starts at 0 */
    size_t n_bands;
} LayoutSpec;

/* Loads DIR/NAME.json. Font files are looked up next to the layout file,
 * then in fonts_dir. Every problem goes to diags (file and JSON path);
 * returns true when the file is usable. */
bool layout_spec_load(const char *dir, const char *name, const char *fonts_dir, const LayoutNeeds *needs,
                      LayoutSpec *spec, DiagList *diags);
void layout_spec_free(LayoutSpec *spec);

/* Lookups of what layout_spec_load has verified to exist. */
const CellStyle *spec_style(const LayoutSpec *spec, const char *name);
const char *spec_label(const LayoutSpec *spec, const char *key);
const double *spec_columns(const LayoutSpec *spec, const char *name, size_t *n);
double spec_number(const LayoutSpec *spec, const char *name);

#endif
