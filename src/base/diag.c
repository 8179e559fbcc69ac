#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void diag_list_init(DiagList *list) { memset(list, 0, sizeof *list); }

void diag_list_free(DiagList *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].path);
        free(list->items[i].codice);
        free(list->items[i].message);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
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
