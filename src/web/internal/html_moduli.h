/* SPDX-License-Identifier: EUPL-1.2 */
/* html_moduli.h — the forms of the pages: the one place that writes a
 * form's CSRF field; a field with its label, hint, value, error and aria
 * attributes; the errors of a form as (field, message) pairs, each shown
 * next to its field and, linked to it, in a summary at the top. Private to
 * src/web. */
#ifndef SCHEDE_WEB_HTML_MODULI_H
#define SCHEDE_WEB_HTML_MODULI_H

#include <stdbool.h>
#include <stddef.h>

#include "html.h"

/* ---- errors, by field ---------------------------------------------------------------------- */

typedef struct {
    char *campo;     /* the field's name; "" for the form as a whole */
    char *id;        /* the field's id when not its name (one field of several forms on a page), or NULL */
    char *messaggio;
} ErroreCampo;

typedef struct Errori {
    ErroreCampo *v;
    size_t n;
} Errori;

void errori_add(Errori *e, const char *campo, const char *fmt, ...) HTML_FORMAT(3, 4);
/* The same for a field whose id is not its name: the summary links to id. */
void errori_add_id(Errori *e, const char *campo, const char *id, const char *fmt, ...) HTML_FORMAT(4, 5);
/* The message about campo, or NULL. */
const char *errori_di(const Errori *e, const char *campo);
void errori_free(Errori *e);

/* The errors of a file (an upload), each under the field campo as `schede
 * verifica` prints it: file, line or cell, codice, message. */
void errori_da_diagnostica(Errori *e, const char *campo, const DiagList *d);

/* The summary at the top of a page: titolo, then each error, a link to its
 * field (id="riepilogo", role="alert"). Nothing when there are none. */
void html_riepilogo(StrBuf *b, const Errori *e, const char *titolo);
/* The errors of the form as a whole (campo ""), above its fields. */
void html_errori_generali(StrBuf *b, const Errori *e);

/* ---- forms --------------------------------------------------------------------------------- */

typedef struct {
    const char *action;   /* a path built with url_path */
    const char *csrf;     /* the session's token: a POST form; NULL: a GET form */
    const char *classe;   /* "modulo", "in-riga", … or NULL */
    bool multipart;       /* a file upload */
    const char *ruolo;    /* role="search", or NULL */
} Form;

/* <form …> and, for a POST, its hidden csrf field: no form is written without it. */
void html_form(StrBuf *b, const Form *f);
void html_form_fine(StrBuf *b);
void html_nascosto(StrBuf *b, const char *nome, const char *valore);
/* A submit button; nome and valore may be NULL. */
void html_pulsante(StrBuf *b, const char *testo, const char *nome, const char *valore);

typedef enum { CAMPO_TESTO, CAMPO_PASSWORD, CAMPO_FILE, CAMPO_SCELTA } TipoCampo;

typedef struct {
    TipoCampo tipo;
    const char *nome, *etichetta;
    const char *aiuto;             /* the hint under the label, or NULL */
    const char *valore;            /* what was typed or stored (not for a password) */
    const char *id;                /* NULL: nome */
    const char *autocomplete, *accept;
    bool obbligatorio;
    const char *const *scelte;     /* CAMPO_SCELTA: the values */
    const char *const *etichette;  /* and what each shows (NULL: the values) */
    size_t n_scelte;
    const char *const *suggerimenti; /* CAMPO_TESTO: values offered as one types (a datalist), or NULL */
    size_t n_suggerimenti;
} CampoForm;

/* The field in its <div class="campo">: label, hint, control, its error from
 * errori (may be NULL) with aria-invalid and aria-describedby. */
void html_campo(StrBuf *b, const CampoForm *f, const Errori *errori);

#endif
