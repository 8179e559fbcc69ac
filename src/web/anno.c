/* anno.c — the year the pages show (anno.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anno.h"

#include "flusso.h"
#include "html.h"
#include "wb_convert.h"
#include "workbook.h"

/* Whether the archive has the raccolta of exactly this period (archivio_rilevazioni would give an earlier monitoring). */
static bool has_raccolta(Server *s, const Periodo *p)
{
    Raccolta *r;
    size_t n = archivio_raccolte(s->a, &r);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++)
        found = r[i].anno == s->anno && r[i].has_al == p->has_al && (!p->has_al || date_compare(r[i].al, p->al) == 0);
    free(r);
    return found;
}

/* Computes the rilevazioni and results of p into out. */
static void compute(Server *s, const Periodo *p, Anno *out)
{
    memset(out, 0, sizeof *out);
    char *error = NULL;
    if (p->has_al && !has_raccolta(s, p))
        memset(&out->ril, 0, sizeof out->ril);
    else if (archivio_rilevazioni(s->a, s->anno, p->has_al ? &p->al : NULL, &out->ril, &error) != ARCHIVIO_OK)
        memset(&out->ril, 0, sizeof out->ril);
    free(error);
    DiagList d;
    diag_list_init(&d);
    esiti_compute_at(&s->plan, &out->ril, s->anno, p->has_al ? &p->al : NULL, &out->esiti, &d);
    diag_list_free(&d);
    out->has_esiti = true;
}

void anno_carica_periodo(Server *s, const Periodo *p, Anno *out)
{
    long long mark = archivio_ultima_modifica(s->a);
    if (mark < 0) { /* the archive does not say whether it changed: nothing kept */
        compute(s, p, out);
        return;
    }
    RisultatiInCache *hit = NULL, *victim = &s->risultati[0];
    for (size_t i = 0; i < RISULTATI_IN_CACHE && !hit; i++) {
        RisultatiInCache *r = &s->risultati[i];
        if (r->usata && r->has_al == p->has_al && (!p->has_al || date_compare(r->al, p->al) == 0) && r->segno == mark &&
            r->piano == s->plan.obiettivi)
            hit = r;
        else if (!r->usata || (victim->usata && r->uso < victim->uso))
            victim = r;
    }
    if (!hit) {
        if (victim->usata) {
            esiti_free(&victim->esiti);
            raggiunto_free(&victim->ril);
        }
        Anno fresh;
        compute(s, p, &fresh);
        *victim = (RisultatiInCache){true, p->has_al, p->al, mark, s->plan.obiettivi, fresh.ril, fresh.esiti, 0};
        hit = victim;
    }
    hit->uso = ++s->uso_risultati;
    memset(out, 0, sizeof *out);
    out->ril = hit->ril;
    out->esiti = hit->esiti;
    out->has_esiti = true;
    out->prestati = true;
}

void anno_carica(Server *s, Anno *out)
{
    Periodo year_end = {0};
    anno_carica_periodo(s, &year_end, out);
}

bool periodo_leggi(const Server *s, const char *testo, Periodo *p)
{
    memset(p, 0, sizeof *p);
    if (!testo || !*testo)
        return true;
    int dd, mm, yy;
    char rest;
    bool ok = date_parse_iso(testo, &p->al) == DATE_OK ||
              (sscanf(testo, "%d/%d/%d%c", &dd, &mm, &yy, &rest) == 3 && date_is_valid(yy, mm, dd) &&
               (p->al = (Date){yy, mm, dd}, true));
    p->has_al = ok;
    return ok && p->al.year == s->anno;
}

char *periodo_chiave(const Server *s, const Periodo *p)
{
    char d[11];
    if (!p->has_al)
        return xasprintf("%d", s->anno);
    date_format_iso(p->al, d);
    return xasprintf("%d al %s", s->anno, d);
}

char *periodo_nome(const Periodo *p)
{
    char d[11];
    if (!p->has_al)
        return xstrdup("fine anno");
    date_format_it(p->al, d);
    return xasprintf("monitoraggio al %s", d);
}

void periodo_valore(const Periodo *p, char out[11])
{
    out[0] = '\0';
    if (p->has_al)
        date_format_iso(p->al, out);
}

static void add_period(Periodo **list, size_t *n, Periodo p)
{
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i].has_al == p.has_al && (!p.has_al || date_compare((*list)[i].al, p.al) == 0))
            return;
    size_t at = *n;
    while (at > 1 && date_compare((*list)[at - 1].al, p.al) > 0) /* by date, after the year end */
        at--;
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    memmove(*list + at + 1, *list + at, (*n - at) * sizeof **list);
    (*list)[at] = p;
    (*n)++;
}

size_t periodi(Server *s, Periodo **out)
{
    size_t n = 0;
    *out = NULL;
    add_period(out, &n, (Periodo){0});
    char prefix[16];
    snprintf(prefix, sizeof prefix, "%d al ", s->anno);
    char **keys;
    Stato *st;
    size_t k = archivio_stati(s->a, "raccolta", prefix, &keys, &st);
    for (size_t i = 0; i < k; i++) {
        Periodo p = {.has_al = true};
        if (date_parse_iso(keys[i] + strlen(prefix), &p.al) == DATE_OK)
            add_period(out, &n, p);
        free(keys[i]);
        stato_free(&st[i]);
    }
    free(keys);
    free(st);
    Raccolta *r;
    size_t m = archivio_raccolte(s->a, &r);
    for (size_t i = 0; i < m; i++)
        if (r[i].anno == s->anno && r[i].has_al)
            add_period(out, &n, (Periodo){true, r[i].al});
    free(r);
    return n;
}

bool periodo_esiste(Server *s, const Periodo *p)
{
    if (!p->has_al)
        return true; /* the year end's raccolta is there from the start */
    char *key = periodo_chiave(s, p);
    Stato st = stato_di(s->a, "raccolta", key);
    free(key);
    bool opened = st.stato != NULL;
    stato_free(&st);
    return opened || has_raccolta(s, p);
}

bool periodo_aperto(Server *s, const Periodo *p)
{
    char *key = periodo_chiave(s, p);
    Stato st = stato_di(s->a, "raccolta", key);
    free(key);
    bool open = st.stato ? strcmp(st.stato, "aperta") == 0 : periodo_esiste(s, p);
    stato_free(&st);
    return open;
}

bool anno_valutazioni(Server *s, Anno *y, char **error)
{
    ArchivioFile sf;
    if (archivio_sistema(s->a, &sf, error) != ARCHIVIO_OK)
        return false;
    free(*error);
    *error = NULL;
    if (archivio_valutazioni(s->a, s->anno, &y->valutazioni, error) != ARCHIVIO_OK) {
        valutazioni_free(&y->valutazioni);
        archivio_file_free(&sf);
        return false;
    }
    DiagList d;
    diag_list_init(&d);
    bool ok = sistema_load_buffer(sf.file, sf.bytes, sf.len, &y->sistema, &d) == LOAD_OK;
    if (ok) {
        persone_compute(&s->plan, &y->esiti, s->anno, &y->persone);
        valutazione_compute(&s->plan, &y->esiti, &y->persone, &y->sistema, &y->valutazioni, s->anno, &y->va, &d);
        y->has_valutazioni = true;
    } else {
        valutazioni_free(&y->valutazioni);
        *error = xasprintf("il sistema di valutazione nell'archivio non si legge: %s",
                           d.count ? d.items[0].message : "errore");
    }
    diag_list_free(&d);
    archivio_file_free(&sf);
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
    if (a->prestati) /* the server's kept results: they stay */
        return;
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

char *chiave_rilevazioni(const Server *s, const Periodo *p, const char *codice)
{
    char *period = periodo_chiave(s, p), *key = xasprintf("%s %s", period, codice);
    free(period);
    return key;
}

Stato stato_di(Archivio *a, const char *oggetto, const char *chiave)
{
    Stato st;
    char *error = NULL;
    archivio_stato(a, oggetto, chiave, &st, &error);
    free(error);
    return st;
}

char *chiave_valutazione(const Server *s, const Persona *p)
{
    return archivio_chiave_valutazione(s->anno, p->nome);
}

const char *stato_rilevazioni(const Stato *st)
{
    return st->stato ? st->stato : "aperta";
}

bool rilevazioni_modificabili(const Stato *st)
{
    /* (and the year's raccolta open: raccolta_aperta, checked by the pages) */
    StatoFlusso s = flusso_iniziale(FLUSSO_RILEVAZIONI);
    return (!st->stato || stato_da_nome(st->stato, &s)) && flusso_rilevazioni_modificabili(s);
}

const Obiettivo *piano_obiettivo(const Server *s, const char *codice)
{
    return s->has_plan ? plan_obiettivo(&s->plan, codice) : NULL;
}

void html_stato(StrBuf *b, const char *id, const char *nome, const Stato *st)
{
    html_printf(b, "<strong id=\"%s\">%s</strong>", id, nome);
    if (st->chi) {
        char when[17];
        date_utc_local_text(st->quando, when);
        html_printf(b, " (%s, %s)", st->chi, when);
    }
    if (st->nota)
        html_printf(b, " — «%s»", st->nota);
}

