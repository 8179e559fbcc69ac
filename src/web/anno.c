/* anno.c — the year the pages show (anno.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anno.h"
#include "html.h"

void anno_carica(Server *s, Anno *out)
{
    memset(out, 0, sizeof *out);
    char *error = NULL;
    if (archivio_rilevazioni(s->a, s->anno, NULL, &out->ril, &error) != ARCHIVIO_OK)
        memset(&out->ril, 0, sizeof out->ril);
    free(error);
    DiagList d;
    diag_list_init(&d);
    esiti_compute(&s->plan, &out->ril, s->anno, &out->esiti, &d);
    diag_list_free(&d);
    out->has_esiti = true;
}

void anno_free(Anno *a)
{
    if (a->has_esiti)
        esiti_free(&a->esiti);
    raggiunto_free(&a->ril);
}

const EsitoObiettivo *anno_esito(const Anno *a, const Obiettivo *o)
{
    for (size_t i = 0; a->has_esiti && i < a->esiti.n; i++)
        if (a->esiti.obiettivi[i].obiettivo == o)
            return &a->esiti.obiettivi[i];
    return NULL;
}

char *chiave_rilevazioni(const Server *s, const char *codice)
{
    return xasprintf("%d %s", s->anno, codice);
}

const char *stato_rilevazioni(const Stato *st)
{
    return st->stato ? st->stato : "aperta";
}

bool rilevazioni_modificabili(const Stato *st)
{
    return !st->stato || strcmp(st->stato, "aperta") == 0 || strcmp(st->stato, "rimandata") == 0;
}

/* A JSON value of the registro as text: a string without its quotes and escapes, null as "—". */
static void json_value(StrBuf *b, const char *v)
{
    if (!v || strcmp(v, "null") == 0) {
        html_text(b, "—");
        return;
    }
    size_t n = strlen(v);
    if (n < 2 || v[0] != '"') {
        html_text(b, v);
        return;
    }
    StrBuf t = {0};
    for (size_t i = 1; i + 1 < n; i++) {
        if (v[i] == '\\' && i + 2 < n) {
            i++;
            char c = v[i] == 'n' ? ' ' : v[i] == 't' ? ' ' : v[i];
            if (v[i] == 'u') { /* \uXXXX: shown as "?" (the registro keeps UTF-8 as it is) */
                c = '?';
                i += 4;
            }
            strbuf_append(&t, &c, 1);
        } else {
            strbuf_append(&t, &v[i], 1);
        }
    }
    strbuf_puts(&t, "");
    html_text(b, t.data);
    strbuf_free(&t);
}

void storia_riga(StrBuf *b, const VoceRegistro *v)
{
    int y, mo, d, h, mi, se;
    char when[32] = "";
    if (v->quando && sscanf(v->quando, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &se) == 6) {
        time_t t = (time_t)date_to_days((Date){y, mo, d}) * 86400 + h * 3600 + mi * 60 + se;
        struct tm local;
        localtime_r(&t, &local);
        strftime(when, sizeof when, "%d/%m/%Y %H:%M", &local);
    }
    html_printf(b, "<li><time datetime=\"%s\">%s</time> — %s: %s", v->quando, when, v->chi, v->operazione);
    if (v->chiave && *v->chiave)
        html_printf(b, " %s", v->chiave);
    if (v->campo && *v->campo)
        html_printf(b, " %s", v->campo);
    if (v->prima || v->dopo) {
        strbuf_puts(b, " ");
        json_value(b, v->prima);
        strbuf_puts(b, " → ");
        json_value(b, v->dopo);
    }
    if (v->motivo && *v->motivo)
        html_printf(b, " (%s)", v->motivo);
    strbuf_puts(b, "</li>\n");
}
