#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void diag_list_init(DiagList *list) { memset(list, 0, sizeof *list); }

void source_map_free(SourceMap *map)
{
    for (size_t k = 0; k < map->n; k++) {
        free(map->places[k].path);
        free(map->places[k].where);
    }
    free(map->places);
    free(map->file);
    memset(map, 0, sizeof *map);
}

void diag_list_free(DiagList *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].path);
        free(list->items[i].codice);
        free(list->items[i].message);
        free(list->items[i].campo);
    }
    free(list->items);
    for (size_t i = 0; i < list->n_maps; i++)
        source_map_free(&list->maps[i]);
    free(list->maps);
    memset(list, 0, sizeof *list);
}

/* Moves d from a JSON path to the place in map the value came from. */
static void relocate(Diag *d, const SourceMap *map)
{
    if (!d->path || d->path[0] != '$' || strcmp(d->file, map->file) != 0)
        return;
    const SourcePlace *best = NULL;
    size_t best_len = 0;
    for (size_t k = 0; k < map->n; k++) {
        const SourcePlace *pl = &map->places[k];
        size_t n = strlen(pl->path);
        if (n > best_len && strncmp(d->path, pl->path, n) == 0 &&
            (d->path[n] == '\0' || d->path[n] == '.' || d->path[n] == '[')) {
            best = pl;
            best_len = n;
        }
    }
    if (best) {
        free(d->path);
        d->path = xstrdup(best->where);
    }
}

static void relocate_by_maps(const DiagList *list, Diag *d)
{
    for (size_t i = 0; i < list->n_maps; i++)
        relocate(d, &list->maps[i]);
}

void diag_list_add_map(DiagList *list, SourceMap *map)
{
    list->maps = xrealloc(list->maps, (list->n_maps + 1) * sizeof *list->maps);
    list->maps[list->n_maps++] = *map;
    memset(map, 0, sizeof *map);
    for (size_t i = 0; i < list->count; i++)
        relocate(&list->items[i], &list->maps[list->n_maps - 1]);
}

void diag_list_move(DiagList *dst, DiagList *src)
{
    for (size_t i = 0; i < src->count; i++) {
        dst->items = xgrow(dst->items, dst->count, &dst->capacity, sizeof *dst->items, 16);
        Diag *d = &dst->items[dst->count++];
        *d = src->items[i];
        relocate_by_maps(dst, d);
        if (d->severity == DIAG_ERROR)
            dst->errors++;
        else
            dst->warnings++;
    }
    free(src->items);
    src->items = NULL;
    src->count = src->capacity = src->errors = src->warnings = 0;
    for (size_t i = 0; i < src->n_maps; i++)
        diag_list_add_map(dst, &src->maps[i]);
    free(src->maps);
    src->maps = NULL;
    src->n_maps = 0;
}

static Diag *push(DiagList *list, DiagSeverity sev, const char *file)
{
    list->items = xgrow(list->items, list->count, &list->capacity, sizeof *list->items, 16);
    Diag *d = &list->items[list->count++];
    memset(d, 0, sizeof *d);
    d->severity = sev;
    d->file = xstrdup(file ? file : "");
    d->objective = -1;
    if (sev == DIAG_ERROR)
        list->errors++;
    else
        list->warnings++;
    return d;
}

void diag_add(DiagList *list, DiagSeverity sev, const char *file,
              const char *path, const char *codice, int objective,
              const char *fmt, ...)
{
    Diag *d = push(list, sev, file);
    d->path = path ? xstrdup(path) : NULL;
    d->codice = codice ? xstrdup(codice) : NULL;
    d->objective = objective;
    va_list ap;
    va_start(ap, fmt);
    d->message = xvasprintf(fmt, ap);
    va_end(ap);
    relocate_by_maps(list, d);
}

void diag_add_at(DiagList *list, DiagSeverity sev, const char *file,
                 int line, int column, const char *fmt, ...)
{
    Diag *d = push(list, sev, file);
    d->line = line;
    d->column = column;
    va_list ap;
    va_start(ap, fmt);
    d->message = xvasprintf(fmt, ap);
    va_end(ap);
}

void diag_list_sort(DiagList *list)
{
    /* Insertion sort: stable, and lists are short. */
    for (size_t i = 1; i < list->count; i++) {
        Diag tmp = list->items[i];
        size_t j = i;
        while (j > 0 && (list->items[j - 1].objective > tmp.objective ||
                         (list->items[j - 1].objective == tmp.objective && tmp.line > 0 &&
                          list->items[j - 1].line > tmp.line && strcmp(list->items[j - 1].file, tmp.file) == 0))) {
            list->items[j] = list->items[j - 1];
            j--;
        }
        list->items[j] = tmp;
    }
}

void diag_print(FILE *out, const Diag *d)
{
    fputs(d->severity == DIAG_ERROR ? "errore: " : "avviso: ", out);
    fputs(d->file, out);
    if (d->line > 0) {
        fprintf(out, ":%d", d->line);
        if (d->column > 0)
            fprintf(out, ":%d", d->column);
    }
    if (d->codice)
        fprintf(out, ": %s", d->codice);
    if (d->path)
        fprintf(out, ": %s", d->path);
    fprintf(out, ": %s\n", d->message);
}

const Diag *diag_find(const DiagList *list, const char *needle)
{
    for (size_t i = 0; i < list->count; i++)
        if (strstr(list->items[i].message, needle))
            return &list->items[i];
    return NULL;
}

void diag_report(FILE *out, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    if (file) {
        Diag d = {.severity = DIAG_ERROR, .file = (char *)file, .objective = -1, .message = msg};
        diag_print(out, &d);
    } else {
        fprintf(out, "errore: %s\n", msg);
    }
    free(msg);
}

int diag_exit_code(const DiagList *list) { return list->errors > 0 ? 1 : 0; }

void diag_set_campo(DiagList *list, const char *campo)
{
    if (list->count == 0)
        return;
    Diag *d = &list->items[list->count - 1];
    free(d->campo);
    d->campo = campo ? xstrdup(campo) : NULL;
}
