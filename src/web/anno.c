/* anno.c — the year the pages show (anno.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anno.h"
#include "html.h"
#include "wb_convert.h"
#include "workbook.h"

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

bool anno_valutazioni(Server *s, Anno *y, char **error)
{
    ArchivioFile sf, vf;
    if (archivio_sistema(s->a, &sf, error) != ARCHIVIO_OK)
        return false;
    free(*error);
    *error = NULL;
    if (archivio_valutazioni(s->a, s->anno, &vf, error) != ARCHIVIO_OK) {
        archivio_file_free(&sf);
        return false;
    }
    DiagList d;
    diag_list_init(&d);
    bool ok = sistema_load_buffer(sf.file, sf.bytes, sf.len, &y->sistema, &d) == LOAD_OK;
    if (ok) {
        LoadStatus st = workbook_detect(vf.bytes, vf.len)
                            ? workbook_valutazioni_load(vf.file, vf.bytes, vf.len, &y->valutazioni, &d)
                            : valutazioni_load_buffer(vf.file, vf.bytes, vf.len, CODIFICA_AUTO, &y->valutazioni, &d);
        if (st != LOAD_OK) {
            sistema_free(&y->sistema);
            ok = false;
        }
    }
    if (ok) {
        persone_compute(&s->plan, &y->esiti, s->anno, &y->persone);
        valutazione_compute(&s->plan, &y->esiti, &y->persone, &y->sistema, &y->valutazioni, s->anno, &y->va, &d);
        y->has_valutazioni = true;
    } else {
        *error = xasprintf("il sistema di valutazione o le valutazioni del %d nell'archivio non si leggono: %s", s->anno,
                           d.count ? d.items[0].message : "errore");
    }
    diag_list_free(&d);
    archivio_file_free(&sf);
    archivio_file_free(&vf);
    return ok;
}

void anno_free(Anno *a)
{
    if (a->has_valutazioni) {
        valutazione_free(&a->va);
        persone_free(&a->persone);
        valutazioni_free(&a->valutazioni);
        sistema_free(&a->sistema);
    }
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
    /* (and the year's raccolta open: raccolta_aperta, checked by the pages) */
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
