#include "layout_file.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "json_reader.h"
#include "text.h"

#define LAYOUT_FORMAT "schede-layout/1"
#define MM (72.0 / 25.4)

static const char *const TOP_KEYS[] = {"formato", "documento", "pagina", "caratteri", "colori", "tabelle",
                                       "stili", "colonne", "misure", "sezioni", "etichette", "fasce", NULL};
static const char *const BAND_KEYS[] = {"da", "etichetta", "colore", NULL};
static const char *const PAGE_KEYS[] = {"dimensioni", "orientamento", "margini_mm", NULL};
static const char *const MARGIN_KEYS[] = {"alto", "basso", "sinistra", "destra", NULL};
static const char *const FONT_KEYS[] = {"normale", "grassetto", "corsivo", "grassetto_corsivo", "riserva", NULL};
static const char *const TABLE_KEYS[] = {"bordo", "colore_bordo", "margine_interno", "spazio_dopo",
                                         "dividi_righe_oltre", NULL};
static const char *const STYLE_KEYS[] = {"carattere", "dimensione", "interlinea", "allineamento",
                                         "verticale", "colore", "sfondo", "ruolo", NULL};

typedef struct {
    JsonCtx *ctx;
    const cJSON *colors; /* the "colori" object, for named colours */
} Reader;

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* "#RRGGBB" or the name of an entry of "colori". */
static bool parse_color(Reader *rd, const char *path, const char *value, Color *out, int depth)
{
    if (value[0] == '#' && strlen(value) == 7) {
        unsigned v;
        char tail;
        if (sscanf(value + 1, "%6x%c", &v, &tail) == 1) {
            *out = (Color){((v >> 16) & 0xFF) / 255.0f, ((v >> 8) & 0xFF) / 255.0f, (v & 0xFF) / 255.0f};
            return true;
        }
    }
    const cJSON *named = rd->colors ? cJSON_GetObjectItemCaseSensitive(rd->colors, value) : NULL;
    if (named && cJSON_IsString(named) && depth == 0)
        return parse_color(rd, path, named->valuestring, out, 1);
    json_error(rd->ctx, path, "colore «%s» non valido: si scrive #RRGGBB (per esempio #1A3C6E) "
                              "o con il nome di un colore definito in «colori»", value);
    return false;
}

static bool read_color(Reader *rd, const cJSON *obj, const char *path, const char *key, Color *out)
{
    char *s = NULL;
    if (!json_get_string(rd->ctx, obj, path, key, JSON_OPTIONAL, &s))
        return false;
    char *p = json_path_key(path, key);
    bool ok = parse_color(rd, p, s, out, 0);
    free(p);
    free(s);
    return ok;
}

static bool read_positive(JsonCtx *ctx, const cJSON *obj, const char *path, const char *key, JsonNeed need,
                          double *out)
{
    double v;
    if (!json_get_number(ctx, obj, path, key, need, &v))
        return false;
    if (v <= 0) {
        char *p = json_path_key(path, key);
        json_error(ctx, p, "«%s» deve essere maggiore di zero", key);
        free(p);
        return false;
    }
    *out = v;
    return true;
}

static void read_page(Reader *rd, const cJSON *root, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *page = json_get_object(ctx, root, "$", "pagina", JSON_REQUIRED);
    spec->page.width = 297 * MM;
    spec->page.height = 210 * MM;
    if (!page)
        return;
    json_check_keys(ctx, page, "$.pagina", PAGE_KEYS);
    char *size = NULL, *orient = NULL;
    double w = 210, h = 297;
    if (json_get_string(ctx, page, "$.pagina", "dimensioni", JSON_REQUIRED, &size)) {
        if (strcmp(size, "A4") == 0) { w = 210; h = 297; }
        else if (strcmp(size, "A3") == 0) { w = 297; h = 420; }
        else json_error(ctx, "$.pagina.dimensioni", "dimensioni «%s» non previste: \"A4\" o \"A3\"", size);
    }
    if (json_get_string(ctx, page, "$.pagina", "orientamento", JSON_REQUIRED, &orient)) {
        if (strcmp(orient, "orizzontale") == 0) { double t = w; w = h; h = t; }
        else if (strcmp(orient, "verticale") != 0)
            json_error(ctx, "$.pagina.orientamento", "orientamento «%s» non previsto: \"orizzontale\" o \"verticale\"", orient);
    }
    free(size);
    free(orient);
    spec->page.width = w * MM;
    spec->page.height = h * MM;
    const cJSON *m = json_get_object(ctx, page, "$.pagina", "margini_mm", JSON_REQUIRED);
    if (m) {
        json_check_keys(ctx, m, "$.pagina.margini_mm", MARGIN_KEYS);
        double v[4] = {10, 10, 10, 10};
        for (int i = 0; i < 4; i++)
            read_positive(ctx, m, "$.pagina.margini_mm", MARGIN_KEYS[i], JSON_REQUIRED, &v[i]);
        spec->page.margin_top = v[0] * MM;
        spec->page.margin_bottom = v[1] * MM;
        spec->page.margin_left = v[2] * MM;
        spec->page.margin_right = v[3] * MM;
        if (spec->page.margin_left + spec->page.margin_right > spec->page.width / 2 ||
            spec->page.margin_top + spec->page.margin_bottom > spec->page.height / 2)
            json_error(ctx, "$.pagina.margini_mm", "i margini occupano più di metà della pagina");
    }
}

static void read_fonts(Reader *rd, const cJSON *root, const char *dir, const char *fonts_dir, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *f = json_get_object(ctx, root, "$", "caratteri", JSON_REQUIRED);
    if (!f)
        return;
    json_check_keys(ctx, f, "$.caratteri", FONT_KEYS);
    for (int i = 0; i < FONT_COUNT; i++) {
        char *name = NULL;
        JsonNeed need = i == FONT_FALLBACK ? JSON_OPTIONAL : JSON_REQUIRED;
        if (!json_get_string(ctx, f, "$.caratteri", FONT_KEYS[i], need, &name))
            continue;
        char *here = name[0] == '/' ? xstrdup(name) : xasprintf("%s/%s", dir, name);
        char *there = xasprintf("%s/%s", fonts_dir ? fonts_dir : ".", name);
        if (exists(here)) {
            spec->font_paths[i] = here;
            free(there);
        } else if (exists(there)) {
            spec->font_paths[i] = there;
            free(here);
        } else {
            char *p = json_path_key("$.caratteri", FONT_KEYS[i]);
            json_error(ctx, p, "il file del carattere «%s» non si trova né in %s né in %s", name, dir,
                       fonts_dir ? fonts_dir : ".");
            free(p);
            free(here);
            free(there);
        }
        free(name);
    }
}

static void read_tables(Reader *rd, const cJSON *root, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    PageSpec *p = &spec->page;
    p->border_width = 0.5;
    p->padding = 2.5;
    p->table_gap = 5;
    p->border_color = (Color){0.3f, 0.35f, 0.4f};
    const cJSON *t = json_get_object(ctx, root, "$", "tabelle", JSON_REQUIRED);
    if (!t)
        return;
    json_check_keys(ctx, t, "$.tabelle", TABLE_KEYS);
    read_positive(ctx, t, "$.tabelle", "bordo", JSON_REQUIRED, &p->border_width);
    read_positive(ctx, t, "$.tabelle", "margine_interno", JSON_REQUIRED, &p->padding);
    json_get_number(ctx, t, "$.tabelle", "spazio_dopo", JSON_REQUIRED, &p->table_gap);
    if (json_get_number(ctx, t, "$.tabelle", "dividi_righe_oltre", JSON_OPTIONAL, &p->split_tall_rows) &&
        (p->split_tall_rows < 0 || p->split_tall_rows > 1))
        json_error(ctx, "$.tabelle.dividi_righe_oltre",
                   "«dividi_righe_oltre» è una frazione della pagina tra 0 (mai) e 1");
    read_color(rd, t, "$.tabelle", "colore_bordo", &p->border_color);
}

static bool read_style(Reader *rd, const cJSON *s, const char *path, CellStyle *st)
{
    JsonCtx *ctx = rd->ctx;
    size_t errors = ctx->diags->errors;
    json_check_keys(ctx, s, path, STYLE_KEYS);
    *st = (CellStyle){STYLE_REGULAR, 8, 1.2, ALIGN_LEFT, VALIGN_TOP, {0, 0, 0}, false, {1, 1, 1}, TEXT_BODY};
    char *v = NULL;
    if (json_get_string(ctx, s, path, "carattere", JSON_OPTIONAL, &v)) {
        int k = 0;
        while (k < STYLE_COUNT && strcmp(FONT_KEYS[k], v) != 0)
            k++;
        if (k == STYLE_COUNT) {
            char *p = json_path_key(path, "carattere");
            json_error(ctx, p, "carattere «%s» sconosciuto (normale, grassetto, corsivo, grassetto_corsivo)", v);
            free(p);
        } else {
            st->font = (FontStyle)k;
        }
        free(v);
    }
    read_positive(ctx, s, path, "dimensione", JSON_REQUIRED, &st->size);
    read_positive(ctx, s, path, "interlinea", JSON_OPTIONAL, &st->leading);
    if (json_get_string(ctx, s, path, "allineamento", JSON_OPTIONAL, &v)) {
        if (strcmp(v, "sinistra") == 0) st->align = ALIGN_LEFT;
        else if (strcmp(v, "centro") == 0) st->align = ALIGN_CENTER;
        else if (strcmp(v, "destra") == 0) st->align = ALIGN_RIGHT;
        else {
            char *p = json_path_key(path, "allineamento");
            json_error(ctx, p, "allineamento «%s» non previsto: sinistra, centro o destra", v);
            free(p);
        }
        free(v);
    }
    if (json_get_string(ctx, s, path, "verticale", JSON_OPTIONAL, &v)) {
        if (strcmp(v, "alto") == 0) st->valign = VALIGN_TOP;
        else if (strcmp(v, "centro") == 0) st->valign = VALIGN_MIDDLE;
        else {
            char *p = json_path_key(path, "verticale");
            json_error(ctx, p, "allineamento verticale «%s» non previsto: alto o centro", v);
            free(p);
        }
        free(v);
    }
    read_color(rd, s, path, "colore", &st->color);
    st->has_fill = read_color(rd, s, path, "sfondo", &st->fill);
    if (json_get_string(ctx, s, path, "ruolo", JSON_OPTIONAL, &v)) {
        static const char *const roles[] = {"testo", "titolo", "sottotitolo", "intestazione_colonna",
                                            "intestazione_riga", NULL};
        int k = 0;
        while (roles[k] && strcmp(roles[k], v) != 0)
            k++;
        if (roles[k]) {
            st->role = (TextRole)k;
        } else {
            char *p = json_path_key(path, "ruolo");
            json_error(ctx, p, "ruolo «%s» non previsto: testo, titolo, sottotitolo, intestazione_colonna o "
                               "intestazione_riga", v);
            free(p);
        }
        free(v);
    }
    return ctx->diags->errors == errors;
}

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static void read_styles(Reader *rd, const cJSON *root, const LayoutNeeds *needs, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *styles = json_get_object(ctx, root, "$", "stili", JSON_REQUIRED);
    if (!styles)
        return;
    spec->styles = xcalloc((size_t)cJSON_GetArraySize(styles) + 1, sizeof *spec->styles);
    for (const cJSON *s = styles->child; s; s = s->next) {
        char *p = json_path_key("$.stili", s->string);
        if (!in_list(needs->styles, s->string))
            json_warning(ctx, p, "stile «%s» non usato da questo documento", s->string);
        if (json_expect_object(ctx, s, p)) {
            NamedStyle *ns = &spec->styles[spec->n_styles];
            if (read_style(rd, s, p, &ns->style)) {
                ns->name = xstrdup(s->string);
                spec->n_styles++;
            }
        }
        free(p);
    }
    for (size_t i = 0; needs->styles && needs->styles[i]; i++)
        if (!cJSON_GetObjectItemCaseSensitive(styles, needs->styles[i]))
            json_error(ctx, "$.stili", "manca lo stile «%s»", needs->styles[i]);
}

/* One column set: the widths, as many as expected, each > 0. */
static void read_column_set(JsonCtx *ctx, const cJSON *arr, const char *name, size_t expected, LayoutSpec *spec)
{
    char *p = json_path_key("$.colonne", name);
    size_t n = (size_t)cJSON_GetArraySize(arr);
    bool ok = n == expected;
    if (!ok)
        json_error(ctx, p, "«%s» deve avere %zu larghezze di colonna, non %zu", name, expected, n);
    double *w = xcalloc(n ? n : 1, sizeof *w);
    size_t k = 0;
    for (const cJSON *c = arr->child; c; c = c->next, k++) {
        if (!cJSON_IsNumber(c) || c->valuedouble <= 0) {
            char *cp = json_path_index(p, k);
            json_error(ctx, cp, "ogni larghezza di colonna deve essere un numero maggiore di zero");
            free(cp);
            ok = false;
        } else {
            w[k] = c->valuedouble;
        }
    }
    if (ok)
        spec->columns[spec->n_columns++] = (NamedColumns){xstrdup(name), w, n};
    else
        free(w);
    free(p);
}

static bool is_default_set(const LayoutNeeds *needs, const char *name)
{
    for (const ColumnsDefault *d = needs->column_defaults; d && d->name; d++)
        if (strcmp(d->name, name) == 0)
            return true;
    return false;
}

static void read_columns(Reader *rd, const cJSON *root, const LayoutNeeds *needs, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *cols = json_get_object(ctx, root, "$", "colonne", JSON_REQUIRED);
    if (!cols)
        return;
    size_t n_defaults = 0;
    for (const ColumnsDefault *d = needs->column_defaults; d && d->name; d++)
        n_defaults++;
    spec->columns = xcalloc((size_t)cJSON_GetArraySize(cols) + n_defaults + 1, sizeof *spec->columns);
    for (size_t i = 0; needs->column_sets && needs->column_sets[i]; i++) {
        const cJSON *arr = json_get_array(ctx, cols, "$.colonne", needs->column_sets[i], JSON_REQUIRED);
        if (arr)
            read_column_set(ctx, arr, needs->column_sets[i], needs->column_counts[i], spec);
    }
    for (const ColumnsDefault *d = needs->column_defaults; d && d->name; d++) {
        const cJSON *arr = json_get_array(ctx, cols, "$.colonne", d->name, JSON_OPTIONAL);
        if (arr) {
            read_column_set(ctx, arr, d->name, d->n, spec);
        } else {
            double *w = xcalloc(d->n, sizeof *w);
            memcpy(w, d->widths, d->n * sizeof *w);
            spec->columns[spec->n_columns++] = (NamedColumns){xstrdup(d->name), w, d->n};
        }
    }
    for (const cJSON *c = cols->child; c; c = c->next)
        if (!in_list(needs->column_sets, c->string) && !is_default_set(needs, c->string)) {
            char *p = json_path_key("$.colonne", c->string);
            json_warning(ctx, p, "insieme di colonne «%s» non usato da questo documento", c->string);
            free(p);
        }
}

static void read_numbers(Reader *rd, const cJSON *root, const LayoutNeeds *needs, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *m = json_get_object(ctx, root, "$", "misure", JSON_REQUIRED);
    if (!m)
        return;
    json_check_keys(ctx, m, "$.misure", needs->numbers);
    size_t n = 0;
    while (needs->numbers && needs->numbers[n])
        n++;
    spec->numbers = xcalloc(n + 1, sizeof *spec->numbers);
    for (size_t i = 0; i < n; i++) {
        double v;
        if (json_get_number(ctx, m, "$.misure", needs->numbers[i], JSON_REQUIRED, &v)) {
            if (v < 0) {
                char *p = json_path_key("$.misure", needs->numbers[i]);
                json_error(ctx, p, "«%s» non può essere negativo", needs->numbers[i]);
                free(p);
            }
            spec->numbers[spec->n_numbers++] = (NamedNumber){xstrdup(needs->numbers[i]), v};
        }
    }
}

static const ColumnSection *column_section(const LayoutNeeds *needs, const char *type)
{
    for (size_t k = 0; needs->column_sections && needs->column_sections[k].name; k++)
        if (strcmp(needs->column_sections[k].name, type) == 0)
            return &needs->column_sections[k];
    return NULL;
}

static const char *const SECTION_KEYS[] = {"tipo", "titolo", "colonne", NULL};
static const char *const ROWS_SECTION_KEYS[] = {"tipo", "titolo", "righe", "larghezze", NULL};
static const char *const COLUMN_KEYS[] = {"chiave", "etichetta", "larghezza", NULL};
static const char *const ROW_KEYS[] = {"chiave", "etichetta", NULL};

/* "larghezze": [label, value] of a rows section; 1 and 3 when absent. */
static void read_row_widths(JsonCtx *ctx, const cJSON *s, const char *p, double widths[2])
{
    widths[0] = 1;
    widths[1] = 3;
    const cJSON *w = json_get_array(ctx, s, p, "larghezze", JSON_OPTIONAL);
    if (!w)
        return;
    char *wp = json_path_key(p, "larghezze");
    if (cJSON_GetArraySize(w) != 2 || !cJSON_IsNumber(w->child) || !cJSON_IsNumber(w->child->next) ||
        !(w->child->valuedouble > 0) || !(w->child->next->valuedouble > 0))
        json_error(ctx, wp, "«larghezze» sono due numeri maggiori di zero: etichetta e valore");
    else {
        widths[0] = w->child->valuedouble;
        widths[1] = w->child->next->valuedouble;
    }
    free(wp);
}

/* A section written as an object: its type and its columns. Returns the
 * type (new), or NULL after reporting why not. */
static char *read_section_object(JsonCtx *ctx, const cJSON *s, const char *p, const LayoutNeeds *needs,
                                 SectionOptions **out)
{
    char *type = NULL;
    if (!json_get_string(ctx, s, p, "tipo", JSON_REQUIRED, &type))
        return NULL;
    const ColumnSection *cs = column_section(needs, type);
    json_check_keys(ctx, s, p, cs && cs->rows ? ROWS_SECTION_KEYS : SECTION_KEYS);
    if (!cs) {
        char *tp = json_path_key(p, "tipo");
        json_error(ctx, tp, "la sezione «%s» non ha opzioni: si scrive come nome tra virgolette", type);
        free(tp);
        free(type);
        return NULL;
    }
    SectionOptions *o = xcalloc(1, sizeof *o);
    json_get_string(ctx, s, p, "titolo", JSON_OPTIONAL, &o->titolo);
    const char *list = cs->rows ? "righe" : "colonne";
    if (cs->rows)
        read_row_widths(ctx, s, p, o->larghezze);
    const cJSON *cols = json_get_array(ctx, s, p, list, JSON_REQUIRED);
    char *cp = json_path_key(p, list);
    if (cols && cJSON_GetArraySize(cols) == 0)
        json_error(ctx, cp, "la sezione «%s» non ha %s", type, cs->rows ? "righe" : "colonne");
    o->colonne = xcalloc((size_t)(cols ? cJSON_GetArraySize(cols) : 0) + 1, sizeof *o->colonne);
    size_t i = 0;
    for (const cJSON *c = cols ? cols->child : NULL; c; c = c->next, i++) {
        char *ip = json_path_index(cp, i);
        if (json_expect_object(ctx, c, ip)) {
            json_check_keys(ctx, c, ip, cs->rows ? ROW_KEYS : COLUMN_KEYS);
            SectionColumn col = {0};
            bool ok = json_get_string(ctx, c, ip, "chiave", JSON_REQUIRED, &col.chiave);
            ok &= json_get_string(ctx, c, ip, "etichetta", JSON_REQUIRED, &col.etichetta);
            if (cs->rows)
                col.larghezza = 1;
            else
                ok &= json_get_number(ctx, c, ip, "larghezza", JSON_REQUIRED, &col.larghezza);
            if (col.chiave && !in_list(cs->keys, col.chiave)) {
                StrBuf known = {0};
                for (size_t k = 0; cs->keys[k]; k++)
                    strbuf_printf(&known, "%s%s", k ? ", " : "", cs->keys[k]);
                char *kp = json_path_key(ip, "chiave");
                json_error(ctx, kp, "chiave «%s» sconosciuta per la sezione «%s» (ammesse: %s)", col.chiave, type,
                           known.data);
                free(kp);
                strbuf_free(&known);
                ok = false;
            }
            if (ok && !(col.larghezza > 0)) {
                char *wp = json_path_key(ip, "larghezza");
                json_error(ctx, wp, "la larghezza di una colonna deve essere maggiore di zero");
                free(wp);
                ok = false;
            }
            if (ok)
                o->colonne[o->n_colonne++] = col;
            else {
                free(col.chiave);
                free(col.etichetta);
            }
        }
        free(ip);
    }
    free(cp);
    *out = o;
    return type;
}

static void section_options_free(SectionOptions *o)
{
    if (!o)
        return;
    free(o->titolo);
    for (size_t i = 0; i < o->n_colonne; i++) {
        free(o->colonne[i].chiave);
        free(o->colonne[i].etichetta);
    }
    free(o->colonne);
    free(o);
}

static void read_sections(Reader *rd, const cJSON *root, const LayoutNeeds *needs, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *arr = json_get_array(ctx, root, "$", "sezioni", JSON_REQUIRED);
    if (!arr)
        return;
    spec->sections = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *spec->sections);
    spec->section_options = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *spec->section_options);
    size_t i = 0;
    for (const cJSON *s = arr->child; s; s = s->next, i++) {
        char *p = json_path_index("$.sezioni", i);
        SectionOptions *options = NULL;
        char *type = NULL;
        if (cJSON_IsObject(s))
            type = read_section_object(ctx, s, p, needs, &options);
        else if (!cJSON_IsString(s))
            json_error(ctx, p, "ogni sezione è un nome tra virgolette (o un oggetto con «tipo» e «colonne»)");
        else if (!in_list(needs->sections, s->valuestring) && !column_section(needs, s->valuestring))
            json_error(ctx, p, "sezione «%s» sconosciuta", s->valuestring);
        else if (column_section(needs, s->valuestring))
            json_error(ctx, p, "la sezione «%s» si scrive come oggetto, con «tipo» e «%s»", s->valuestring,
                       column_section(needs, s->valuestring)->rows ? "righe" : "colonne");
        else
            type = xstrdup(s->valuestring);
        if (type) {
            bool twice = false;
            for (size_t k = 0; k < spec->n_sections && !options; k++)
                twice |= strcmp(spec->sections[k], type) == 0;
            if (twice) {
                json_error(ctx, p, "la sezione «%s» è elencata due volte", type);
                free(type);
            } else {
                spec->section_options[spec->n_sections] = options;
                spec->sections[spec->n_sections++] = type;
                options = NULL;
            }
        }
        section_options_free(options);
        free(p);
    }
    for (size_t k = 0; needs->sections && needs->sections[k]; k++) {
        bool listed = false;
        for (size_t j = 0; j < spec->n_sections; j++)
            listed |= strcmp(spec->sections[j], needs->sections[k]) == 0;
        if (!listed)
            json_warning(ctx, "$.sezioni", "la sezione «%s» non è elencata: non sarà stampata", needs->sections[k]);
    }
}

typedef struct {
    Reader *rd;
    LayoutSpec *spec;
} BandReader;

static void read_band(JsonCtx *ctx, const cJSON *obj, const char *path, void *user)
{
    BandReader *br = user;
    json_check_keys(ctx, obj, path, BAND_KEYS);
    Band b = {0};
    bool ok = json_get_number(ctx, obj, path, "da", JSON_REQUIRED, &b.da);
    if (ok && (b.da < 0 || b.da > 100)) {
        char *p = json_path_key(path, "da");
        json_error(ctx, p, "«da» è una percentuale: tra 0 e 100, non %g", b.da);
        free(p);
        ok = false;
    }
    ok &= json_get_string(ctx, obj, path, "etichetta", JSON_REQUIRED, &b.etichetta);
    char *colour = NULL;
    if (json_get_string(ctx, obj, path, "colore", JSON_REQUIRED, &colour)) {
        char *p = json_path_key(path, "colore");
        ok &= parse_color(br->rd, p, colour, &b.colore, 0);
        free(p);
        free(colour);
    } else {
        ok = false;
    }
    if (!ok || br->spec->n_bands >= LAYOUT_MAX_BANDS) {
        free(b.etichetta);
        return;
    }
    br->spec->bands[br->spec->n_bands++] = b;
}

/* "fasce": [{ "da": 90, "etichetta": "raggiunto", "colore": "#2E7D32" }, …],
 * highest first, the last from 0: every result falls in one band. */
static void read_bands(Reader *rd, const cJSON *root, const LayoutNeeds *needs, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *arr = json_get_array(ctx, root, "$", "fasce", needs->bands ? JSON_REQUIRED : JSON_OPTIONAL);
    if (!arr || !needs->bands)
        return;
    int n = cJSON_GetArraySize(arr);
    if (n < 1 || n > LAYOUT_MAX_BANDS) {
        json_error(ctx, "$.fasce", "le fasce sono da 1 a %d, non %d", LAYOUT_MAX_BANDS, n);
        return;
    }
    spec->bands = xcalloc((size_t)n, sizeof *spec->bands);
    size_t errors = ctx->diags->errors;
    BandReader br = {rd, spec};
    json_each_object(ctx, arr, "$.fasce", read_band, &br);
    if (ctx->diags->errors != errors)
        return;
    for (size_t i = 1; i < spec->n_bands; i++)
        if (!(spec->bands[i].da < spec->bands[i - 1].da)) {
            char *p = json_path_index("$.fasce", i);
            json_error(ctx, p, "le fasce vanno dalla più alta alla più bassa: «da» %g non è minore di %g",
                       spec->bands[i].da, spec->bands[i - 1].da);
            free(p);
        }
    if (spec->n_bands > 0 && spec->bands[spec->n_bands - 1].da != 0) {
        char *p = json_path_index("$.fasce", spec->n_bands - 1);
        json_error(ctx, p, "l'ultima fascia deve partire da 0 (ora da %g): ogni risultato deve cadere in una fascia",
                   spec->bands[spec->n_bands - 1].da);
        free(p);
    }
}

static void read_labels(Reader *rd, const cJSON *root, const LayoutNeeds *needs, LayoutSpec *spec)
{
    JsonCtx *ctx = rd->ctx;
    const cJSON *labels = json_get_object(ctx, root, "$", "etichette", JSON_REQUIRED);
    if (!labels)
        return;
    size_t n = 0, n_defaults = 0;
    while (needs->labels && needs->labels[n])
        n++;
    while (needs->label_defaults && needs->label_defaults[2 * n_defaults])
        n_defaults++;
    const char **known = xcalloc(n + n_defaults + 1, sizeof *known);
    for (size_t i = 0; i < n; i++)
        known[i] = needs->labels[i];
    for (size_t i = 0; i < n_defaults; i++)
        known[n + i] = needs->label_defaults[2 * i];
    json_check_keys(ctx, labels, "$.etichette", known);
    free(known);
    spec->labels = xcalloc(n + n_defaults + 1, sizeof *spec->labels);
    for (size_t i = 0; i < n; i++) {
        char *text = NULL;
        if (json_get_string(ctx, labels, "$.etichette", needs->labels[i], JSON_REQUIRED, &text))
            spec->labels[spec->n_labels++] = (Label){xstrdup(needs->labels[i]), text};
    }
    for (size_t i = 0; i < n_defaults; i++) {
        const char *key = needs->label_defaults[2 * i];
        char *text = NULL;
        if (!json_get_string(ctx, labels, "$.etichette", key, JSON_OPTIONAL, &text))
            text = xstrdup(needs->label_defaults[2 * i + 1]);
        spec->labels[spec->n_labels++] = (Label){xstrdup(key), text};
    }
}

bool layout_spec_load(const char *dir, const char *name, const char *fonts_dir, const LayoutNeeds *needs,
                      LayoutSpec *spec, DiagList *diags)
{
    memset(spec, 0, sizeof *spec);
    spec->path = xasprintf("%s/%s.json", dir, name);
    size_t errors = diags->errors;
    size_t len;
    const char *reason;
    char *text = file_read_all(spec->path, &len, &reason);
    if (!text) {
        diag_add(diags, DIAG_ERROR, spec->path, NULL, NULL, -1, "impossibile leggere il file di impaginazione: %s",
                 reason);
        return false;
    }
    JsonCtx ctx = {diags, spec->path, NULL, -1};
    cJSON *root = json_parse_text(&ctx, text, len);
    free(text);
    if (!root)
        return false;
    if (!json_expect_object(&ctx, root, "$")) {
        cJSON_Delete(root);
        return false;
    }
    json_check_keys(&ctx, root, "$", TOP_KEYS);
    char *formato = NULL, *documento = NULL;
    if (json_get_string(&ctx, root, "$", "formato", JSON_REQUIRED, &formato) && strcmp(formato, LAYOUT_FORMAT) != 0)
        json_error(&ctx, "$.formato", "formato «%s» non supportato: un file di impaginazione dichiara \"%s\"",
                   formato, LAYOUT_FORMAT);
    if (json_get_string(&ctx, root, "$", "documento", JSON_REQUIRED, &documento) && strcmp(documento, name) != 0)
        json_error(&ctx, "$.documento", "questo file impagina «%s», non «%s»", documento, name);
    free(formato);
    free(documento);
    Reader rd = {&ctx, cJSON_GetObjectItemCaseSensitive(root, "colori")};
    if (rd.colors && !cJSON_IsObject(rd.colors)) {
        json_error(&ctx, "$.colori", "«colori» deve essere un oggetto { \"nome\": \"#RRGGBB\" }");
        rd.colors = NULL;
    }
    read_page(&rd, root, spec);
    read_fonts(&rd, root, dir, fonts_dir, spec);
    read_tables(&rd, root, spec);
    read_styles(&rd, root, needs, spec);
    read_columns(&rd, root, needs, spec);
    read_numbers(&rd, root, needs, spec);
    read_sections(&rd, root, needs, spec);
    read_labels(&rd, root, needs, spec);
    read_bands(&rd, root, needs, spec);
    const CellStyle *furniture = diags->errors == errors ? spec_style(spec, "pagina") : NULL;
    if (furniture)
        spec->page.furniture = *furniture;
    cJSON_Delete(root);
    return diags->errors == errors;
}

void layout_spec_free(LayoutSpec *spec)
{
    free(spec->path);
    for (int i = 0; i < FONT_COUNT; i++)
        free(spec->font_paths[i]);
    for (size_t i = 0; i < spec->n_styles; i++)
        free(spec->styles[i].name);
    free(spec->styles);
    for (size_t i = 0; i < spec->n_columns; i++) {
        free(spec->columns[i].name);
        free(spec->columns[i].widths);
    }
    free(spec->columns);
    for (size_t i = 0; i < spec->n_labels; i++) {
        free(spec->labels[i].key);
        free(spec->labels[i].text);
    }
    free(spec->labels);
    for (size_t i = 0; i < spec->n_numbers; i++)
        free(spec->numbers[i].name);
    free(spec->numbers);
    for (size_t i = 0; i < spec->n_sections; i++) {
        free(spec->sections[i]);
        section_options_free(spec->section_options ? spec->section_options[i] : NULL);
    }
    free(spec->sections);
    free(spec->section_options);
    for (size_t i = 0; i < spec->n_bands; i++)
        free(spec->bands[i].etichetta);
    free(spec->bands);
    memset(spec, 0, sizeof *spec);
}

const CellStyle *spec_style(const LayoutSpec *spec, const char *name)
{
    for (size_t i = 0; i < spec->n_styles; i++)
        if (strcmp(spec->styles[i].name, name) == 0)
            return &spec->styles[i].style;
    return NULL;
}

const char *spec_label(const LayoutSpec *spec, const char *key)
{
    for (size_t i = 0; i < spec->n_labels; i++)
        if (strcmp(spec->labels[i].key, key) == 0)
            return spec->labels[i].text;
    return "";
}

const double *spec_columns(const LayoutSpec *spec, const char *name, size_t *n)
{
    for (size_t i = 0; i < spec->n_columns; i++)
        if (strcmp(spec->columns[i].name, name) == 0) {
            *n = spec->columns[i].n;
            return spec->columns[i].widths;
        }
    *n = 0;
    return NULL;
}

double spec_number(const LayoutSpec *spec, const char *name)
{
    for (size_t i = 0; i < spec->n_numbers; i++)
        if (strcmp(spec->numbers[i].name, name) == 0)
            return spec->numbers[i].value;
    return 0;
}
