/* http.h — a request and its response, without the HTTP server: what the
 * routes read and write (server.c turns them into libmicrohttpd's), so
 * that the whole of request handling can be driven by a test or a fuzzer.
 * Private to src/web. */
#ifndef SCHEDE_WEB_HTTP_H
#define SCHEDE_WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

/* The limits of a request body: a plan's upload, and every other form. */
#define WEB_MAX_UPLOAD (20u * 1024u * 1024u)
#define WEB_MAX_FORM (64u * 1024u)

typedef struct {
    const char *metodo;      /* "GET", "POST", … */
    const char *percorso;    /* the path as sent, without the query: still percent-encoded (the routes decode
                                each segment, so that an encoded / stays inside its segment) */
    const char *query;       /* what follows '?', raw; "" */
    const char *cookie;      /* the Cookie header; NULL */
    const char *content_type;
    const char *body;
    size_t body_len;
    const char *indirizzo;   /* the client's address, for the login limit */
} Richiesta;

typedef struct Risposta {
    int status;
    const char *content_type;   /* static string */
    StrBuf body;                /* or, for a file: */
    const char *bytes;          /* static or owned (owned_bytes) */
    size_t len;
    char *owned_bytes;
    char *location;             /* a redirect's */
    char *set_cookie;
    char *disposition;          /* Content-Disposition */
    int retry_after;            /* seconds, for 429; 0: none */
} Risposta;

void risposta_free(Risposta *r);

/* ---- forms (form.c) ----------------------------------------------------------------------- */

typedef struct {
    char *nome, *valore;
    size_t len;              /* valore's length (a file may hold NULs) */
    char *file;              /* multipart: the file name, else NULL */
} CampoModulo;
typedef struct {
    CampoModulo *campi;
    size_t n;
} Modulo;

/* Decodes %XX and, when plus_is_space, '+' (forms, queries). False on a
 * malformed escape or a NUL; *out then NULL. */
bool web_percent_decode(const char *s, size_t len, bool plus_is_space, char **out, size_t *out_len);
/* application/x-www-form-urlencoded (also a query). False when malformed. */
bool modulo_urlencoded(const char *s, size_t len, Modulo *out);
/* multipart/form-data with the boundary of content_type. False when malformed. */
bool modulo_multipart(const char *content_type, const char *body, size_t len, Modulo *out);
/* A request's form, by its Content-Type. */
bool modulo_leggi(const Richiesta *r, Modulo *out);
const CampoModulo *modulo_campo(const Modulo *m, const char *nome);
const char *modulo_valore(const Modulo *m, const char *nome); /* NULL when absent */
void modulo_free(Modulo *m);

/* The value of cookie nome in a Cookie header, or NULL (a copy). */
char *web_cookie(const char *header, const char *nome);

#endif
