/* SPDX-License-Identifier: EUPL-1.2 */
/* html_moduli.c — forms, fields and their errors (html_moduli.h). */
#include "html_moduli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(Errori *e, const char *campo, const char *id, char *msg)
{
    e->v = xrealloc(e->v, (e->n + 1) * sizeof *e->v);
    e->v[e->n++] = (ErroreCampo){xstrdup(campo ? campo : ""), id ? xstrdup(id) : NULL, msg};
}

void errori_add(Errori *e, const char *campo, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    add(e, campo, NULL, msg);
}

void errori_add_id(Errori *e, const char *campo, const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    add(e, campo, id, msg);
}

const char *errori_di(const Errori *e, const char *campo)
{
    for (size_t i = 0; e && i < e->n; i++)
        if (strcmp(e->v[i].campo, campo) == 0)
            return e->v[i].messaggio;
    return NULL;
}

void errori_free(Errori *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->v[i].campo);
        free(e->v[i].id);
        free(e->v[i].messaggio);
    }
    free(e->v);
    memset(e, 0, sizeof *e);
}

void errori_da_diagnostica(Errori *e, const char *campo, const DiagList *d)
{
    for (size_t i = 0; i < d->count; i++) {
        if (d->items[i].severity != DIAG_ERROR)
            continue;
        char *line = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&line, &len);
        if (!f)
            continue;
        diag_print(f, &d->items[i]);
        fclose(f);
        line[strcspn(line, "\n")] = '\0';
        errori_add(e, campo, "%s", line);
        free(line);
    }
}

void html_riepilogo(StrBuf *b, const Errori *e, const char *titolo)
{
    if (!e || e->n == 0)
        return;
    html_printf(b, "<div class=\"riepilogo\" role=\"alert\" tabindex=\"-1\" id=\"riepilogo\"><h2>%s</h2><ul>", titolo);
    for (size_t i = 0; i < e->n; i++) {
        strbuf_puts(b, "<li>");
        if (*e->v[i].campo) {
            char *href = xasprintf("#%s", e->v[i].id ? e->v[i].id : e->v[i].campo);
            html_link(b, href, e->v[i].messaggio);
            free(href);
        } else {
            html_text(b, e->v[i].messaggio);
        }
        strbuf_puts(b, "</li>");
    }
    strbuf_puts(b, "</ul></div>\n");
}

void html_errori_generali(StrBuf *b, const Errori *e)
{
    for (size_t i = 0; e && i < e->n; i++)
        if (!*e->v[i].campo)
            html_element(b, "p", ATTRS({"class", "errore"}), e->v[i].messaggio);
}

void html_form(StrBuf *b, const Form *f)
{
    html_open(b, "form", ATTRS({"class", f->classe}, {"method", f->csrf ? "post" : "get"}, {"action", f->action},
                               {"enctype", f->multipart ? "multipart/form-data" : NULL}, {"role", f->ruolo},
                               {"novalidate", f->csrf ? "" : NULL}));
    if (f->csrf)
        html_nascosto(b, "csrf", f->csrf);
    strbuf_puts(b, "\n");
}

void html_form_fine(StrBuf *b)
{
    strbuf_puts(b, "</form>\n");
}

void html_nascosto(StrBuf *b, const char *nome, const char *valore)
{
    html_open(b, "input", ATTRS({"type", "hidden"}, {"name", nome}, {"value", valore ? valore : ""}));
}

void html_pulsante(StrBuf *b, const char *testo, const char *nome, const char *valore)
{
    html_element(b, "button", ATTRS({"type", "submit"}, {"name", nome}, {"value", valore}), testo);
    strbuf_puts(b, "\n");
}

void html_campo(StrBuf *b, const CampoForm *f, const Errori *errori)
{
    const char *id = f->id ? f->id : f->nome, *errore = NULL;
    for (size_t i = 0; errori && i < errori->n && !errore; i++) /* by the field's id when the error names one */
        if (errori->v[i].id ? strcmp(errori->v[i].id, id) == 0 : strcmp(errori->v[i].campo, f->nome) == 0)
            errore = errori->v[i].messaggio;
    char *hint_id = f->aiuto ? xasprintf("aiuto-%s", id) : NULL, *error_id = errore ? xasprintf("errore-%s", id) : NULL;
    char *described = hint_id && error_id ? xasprintf("%s %s", hint_id, error_id)
                      : hint_id           ? xstrdup(hint_id)
                      : error_id          ? xstrdup(error_id)
                                          : NULL;
    strbuf_puts(b, "<div class=\"campo\">");
    html_element(b, "label", ATTRS({"for", id}), f->etichetta);
    if (f->aiuto)
        html_element(b, "span", ATTRS({"class", "aiuto"}, {"id", hint_id}), f->aiuto);
    const char *invalid = errore ? "true" : NULL, *required = f->obbligatorio ? "" : NULL;
    if (f->tipo == CAMPO_SCELTA) {
        html_open(b, "select", ATTRS({"id", id}, {"name", f->nome}, {"aria-describedby", described},
                                     {"aria-invalid", invalid}, {"required", required}));
        for (size_t k = 0; k < f->n_scelte; k++) {
            bool chosen = f->valore && strcmp(f->valore, f->scelte[k]) == 0;
            html_element(b, "option", ATTRS({"value", f->scelte[k]}, {"selected", chosen ? "" : NULL}),
                         f->etichette ? f->etichette[k] : f->scelte[k]);
        }
        strbuf_puts(b, "</select>");
    } else {
        static const char *const TYPES[] = {[CAMPO_TESTO] = "text", [CAMPO_PASSWORD] = "password", [CAMPO_FILE] = "file"};
        bool keeps_value = f->tipo == CAMPO_TESTO;
        char *list_id = f->n_suggerimenti ? xasprintf("%s-elenco", id) : NULL;
        html_open(b, "input", ATTRS({"id", id}, {"name", f->nome}, {"type", TYPES[f->tipo]},
                                    {"value", keeps_value ? (f->valore ? f->valore : "") : NULL},
                                    {"autocomplete", f->autocomplete}, {"accept", f->accept}, {"list", list_id},
                                    {"aria-describedby", described}, {"aria-invalid", invalid},
                                    {"required", required}));
        if (list_id) {
            html_open(b, "datalist", ATTRS({"id", list_id}));
            for (size_t k = 0; k < f->n_suggerimenti; k++)
                html_element(b, "option", ATTRS({"value", f->suggerimenti[k]}), NULL);
            strbuf_puts(b, "</datalist>");
        }
        free(list_id);
    }
    if (errore) { /* every message about the field (a file's errors are several) */
        html_open(b, "div", ATTRS({"class", "errore"}, {"id", error_id}));
        for (size_t i = 0; i < errori->n; i++)
            if (errori->v[i].id ? strcmp(errori->v[i].id, id) == 0 : strcmp(errori->v[i].campo, f->nome) == 0)
                html_element(b, "p", NULL, errori->v[i].messaggio);
        strbuf_puts(b, "</div>");
    }
    strbuf_puts(b, "</div>\n");
    free(hint_id);
    free(error_id);
    free(described);
}
