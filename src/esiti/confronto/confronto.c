#include "confronto.h"
#include "confronto_internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esiti.h"
#include "esiti_output.h"
#include "rules.h"
#include "text.h"
#include "worddiff.h"

/* ---- building the list of changes ------------------------------------------------------------ */

static bool empty(const char *s) { return !s || !*s; }

static bool same_text(const char *a, const char *b)
{
    if (empty(a) || empty(b))
        return empty(a) == empty(b);
    return strcmp(a, b) == 0;
}

void confronto_change(ObiettivoModificato *m, const char *campo, const char *prima, const char *dopo, bool testo)
{
    if (same_text(prima, dopo))
        return;
    m->campi = xrealloc(m->campi, (m->n + 1) * sizeof *m->campi);
    m->campi[m->n++] = (Modifica){xstrdup(campo), empty(prima) ? NULL : xstrdup(prima),
                                  empty(dopo) ? NULL : xstrdup(dopo), testo};
}

static char *number(bool has, double v)
{
    if (!has)
        return NULL;
    char buf[64];
    text_format_number(buf, sizeof buf, v);
    return xstrdup(buf);
}

void confronto_change_number(ObiettivoModificato *m, const char *campo, bool has_a, double a, bool has_b, double b)
{
    if (has_a == has_b && (!has_a || fabs(a - b) < 1e-9))
        return;
    char *x = number(has_a, a), *y = number(has_b, b);
    confronto_change(m, campo, x, y, false);
    free(x);
    free(y);
}

static char *date_text(bool has, Date d)
{
    if (!has)
        return NULL;
    char buf[11];
    date_format_it(d, buf);
    return xstrdup(buf);
}

static char *join(char *const *items, size_t n, const char *sep)
{
    StrBuf b = {0};
    for (size_t i = 0; i < n; i++) {
        strbuf_puts(&b, i ? sep : "");
        strbuf_puts(&b, items[i] ? items[i] : "");
    }
    return b.data;
}

static char *bilancio_text(const Obiettivo *o)
{
    StrBuf b = {0};
    for (size_t i = 0; i < o->n_bilancio; i++)
        strbuf_printf(&b, "%sMissione %s – Programma %s", i ? "\n" : "", o->bilancio[i].missione ? o->bilancio[i].missione : "",
                      o->bilancio[i].programma ? o->bilancio[i].programma : "");
    return b.data;
}

static char *finanziaria_text(const Obiettivo *o)
{
    StrBuf b = {0};
    for (size_t i = 0; i < o->n_finanziaria; i++) {
        const Capitolo *c = &o->finanziaria[i];
        strbuf_printf(&b, "%s%s%s%s", i ? "\n" : "", c->capitolo ? c->capitolo : "",
                      c->descrizione && *c->descrizione ? " – " : "", c->descrizione ? c->descrizione : "");
        for (size_t s = 0; s < c->n_stanziamenti; s++) {
            char amount[64];
            text_format_amount(amount, sizeof amount, c->stanziamenti[s].importo);
            strbuf_printf(&b, "%s %d: %s", s ? ";" : ":", c->stanziamenti[s].anno, amount);
        }
        if (c->note && *c->note)
            strbuf_printf(&b, " (%s)", c->note);
    }
    return b.data;
}

char *confronto_rule_text(const Rule *r, const Azione *z)
{
    return r->tipo == RULE_NONE ? NULL : rule_describe(r, z);
}

static double weights(const Annualita *a)
{
    double s = 0;
    for (size_t k = 0; a && k < a->n_azioni; k++)
        s += a->azioni[k].has_peso ? a->azioni[k].peso : 0;
    return s;
}

static void compare_action(ObiettivoModificato *m, int anno, const Azione *x, const Azione *y)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "annualità %d, azione %d", anno, y->n);
#define CAMPO(name) (snprintf(campo, sizeof campo, "%s: %s", prefix, name), campo)
    char campo[128];
    confronto_change_number(m, CAMPO("peso"), x->has_peso, x->peso, y->has_peso, y->peso);
    confronto_change(m, CAMPO("azione"), x->azione, y->azione, true);
    confronto_change(m, CAMPO("tempi"), x->tempi, y->tempi, false);
    char *a = date_text(x->has_scadenza, x->scadenza), *b = date_text(y->has_scadenza, y->scadenza);
    confronto_change(m, CAMPO("scadenza"), a, b, false);
    free(a);
    free(b);
    a = date_text(x->has_inizio, x->inizio);
    b = date_text(y->has_inizio, y->inizio);
    confronto_change(m, CAMPO("inizio"), a, b, false);
    free(a);
    free(b);
    confronto_change(m, CAMPO("indicatori"), x->indicatore, y->indicatore, true);
    confronto_change(m, CAMPO("atteso"), x->atteso, y->atteso, true);
    confronto_change(m, CAMPO("graduazione"), x->graduazione, y->graduazione, true);
    a = confronto_rule_text(&x->regola, x);
    b = confronto_rule_text(&y->regola, y);
    confronto_change(m, CAMPO("regola"), a, b, false);
    free(a);
    free(b);
#undef CAMPO
}

static char *action_summary(const Azione *z)
{
    char peso[64] = "";
    if (z->has_peso)
        text_format_number(peso, sizeof peso, z->peso);
    return xasprintf("%s%s%s%s", z->azione ? z->azione : "", z->has_peso ? " (peso " : "", peso, z->has_peso ? ")" : "");
}

static void compare_annualita(ObiettivoModificato *m, const Obiettivo *x, const Obiettivo *y, const char *file,
                              DiagList *diags)
{
    int years[2 * MAX_ANNUALITA + 2];
    size_t n_years = 0;
    for (int side = 0; side < 2; side++) {
        const Obiettivo *o = side ? y : x;
        for (size_t a = 0; a < o->n_annualita; a++) {
            bool seen = false;
            for (size_t k = 0; k < n_years; k++)
                seen |= years[k] == o->annualita[a].anno;
            if (!seen && n_years < sizeof years / sizeof *years)
                years[n_years++] = o->annualita[a].anno;
        }
    }
    for (size_t i = 1; i < n_years; i++) /* in year order */
        for (size_t k = i; k > 0 && years[k - 1] > years[k]; k--) {
            int t = years[k];
            years[k] = years[k - 1];
            years[k - 1] = t;
        }
    for (size_t yi = 0; yi < n_years; yi++) {
        int anno = years[yi];
        const Annualita *a = obiettivo_annualita(x, anno), *b = obiettivo_annualita(y, anno);
        size_t before = m->n;
        for (size_t k = 0; b && k < b->n_azioni; k++) {
            const Azione *z = &b->azioni[k];
            const Azione *old = a ? annualita_azione(a, z->n) : NULL;
            if (old) {
                compare_action(m, anno, old, z);
                /* its text was another action's: renumbered? */
                for (size_t q = 0; a && !same_text(old->azione, z->azione) && !empty(z->azione) && q < a->n_azioni; q++)
                    if (a->azioni[q].n != z->n && same_text(a->azioni[q].azione, z->azione))
                        diag_add(diags, DIAG_WARNING, file, NULL, y->codice, -1,
                                 "l'azione n. %d del %d ha il testo dell'azione n. %d della versione precedente: "
                                 "è stata rinumerata?", z->n, anno, a->azioni[q].n);
                continue;
            }
            char campo[64];
            snprintf(campo, sizeof campo, "annualità %d, azione %d", anno, z->n);
            char *s = action_summary(z);
            confronto_change(m, campo, NULL, s, true);
            free(s);
            /* the same text under another number: renumbered? */
            for (size_t q = 0; a && q < a->n_azioni; q++)
                if (!annualita_azione(b, a->azioni[q].n) && same_text(a->azioni[q].azione, z->azione) &&
                    !empty(z->azione))
                    diag_add(diags, DIAG_WARNING, file, NULL, y->codice, -1,
                             "l'azione n. %d del %d ha il testo dell'azione n. %d della versione precedente: "
                             "è stata rinumerata?", z->n, anno, a->azioni[q].n);
        }
        for (size_t k = 0; a && k < a->n_azioni; k++) {
            const Azione *z = &a->azioni[k];
            if (b && annualita_azione(b, z->n))
                continue;
            char campo[64];
            snprintf(campo, sizeof campo, "annualità %d, azione %d", anno, z->n);
            char *s = action_summary(z);
            confronto_change(m, campo, s, NULL, true);
            free(s);
        }
        /* weights: every annualità where one changed, with the new total */
        bool weight_changed = false;
        for (size_t c = before; c < m->n; c++)
            weight_changed |= strstr(m->campi[c].campo, ": peso") != NULL ||
                              (strncmp(m->campi[c].campo, "annualità", 9) == 0 && !strchr(m->campi[c].campo, ':'));
        if (weight_changed || fabs(weights(a) - weights(b)) > 1e-9) {
            m->pesi = xrealloc(m->pesi, (m->n_pesi + 1) * sizeof *m->pesi);
            m->pesi[m->n_pesi++] = (PesiAnno){anno, weights(a), weights(b)};
        }
    }
}

static const Partecipante *person_in(const Risorsa *r, const char *name)
{
    char *key = text_name_key(name ? name : "");
    const Partecipante *hit = NULL;
    for (size_t i = 0; r && i < r->n_personale && !hit; i++) {
        char *k = text_name_key(r->personale[i].nome ? r->personale[i].nome : "");
        if (strcmp(k, key) == 0)
            hit = &r->personale[i];
        free(k);
    }
    free(key);
    return hit;
}

static const Risorsa *risorsa_of(const Obiettivo *o, int anno, int azione)
{
    for (size_t i = 0; i < o->n_risorse_umane; i++)
        if (o->risorse_umane[i].anno == anno && o->risorse_umane[i].azione == azione)
            return &o->risorse_umane[i];
    return NULL;
}

static char *participation(const Partecipante *p)
{
    if (p->gruppo)
        return xstrdup("gruppo");
    if (!p->has_percentuale)
        return xstrdup("senza percentuale");
    char buf[64];
    text_format_number(buf, sizeof buf, p->percentuale);
    return xasprintf("%s %%", buf);
}

static char *people_text(const Risorsa *r)
{
    StrBuf b = {0};
    for (size_t i = 0; i < r->n_personale; i++) {
        char *q = participation(&r->personale[i]);
        strbuf_printf(&b, "%s%s (%s)", i ? "; " : "", r->personale[i].nome ? r->personale[i].nome : "", q);
        free(q);
    }
    return b.data ? b.data : xstrdup("nessuna persona");
}

static void compare_risorse(ObiettivoModificato *m, const Obiettivo *x, const Obiettivo *y)
{
    for (int side = 0; side < 2; side++) {
        const Obiettivo *o = side ? y : x, *other = side ? x : y;
        for (size_t i = 0; i < o->n_risorse_umane; i++) {
            const Risorsa *r = &o->risorse_umane[i];
            const Risorsa *q = risorsa_of(other, r->anno, r->azione);
            char campo[160];
            snprintf(campo, sizeof campo, "risorse umane %d, azione %d", r->anno, r->azione);
            if (!q) {
                char *s = people_text(r);
                confronto_change(m, campo, side ? NULL : s, side ? s : NULL, false);
                free(s);
                continue;
            }
            if (side)
                continue; /* rows on both sides: compared once, old → new */
            char sub[200];
            snprintf(sub, sizeof sub, "%s: descrizione", campo);
            confronto_change(m, sub, r->descrizione, q->descrizione, false);
            snprintf(sub, sizeof sub, "%s: responsabile", campo);
            confronto_change(m, sub, r->responsabile, q->responsabile, false);
            for (size_t p = 0; p < r->n_personale; p++) {
                const Partecipante *a = &r->personale[p], *b = person_in(q, a->nome);
                snprintf(sub, sizeof sub, "%s: %s", campo, a->nome ? a->nome : "?");
                char *pa = participation(a), *pb = b ? participation(b) : NULL;
                confronto_change(m, sub, pa, pb, false);
                free(pa);
                free(pb);
            }
            for (size_t p = 0; p < q->n_personale; p++)
                if (!person_in(r, q->personale[p].nome)) {
                    snprintf(sub, sizeof sub, "%s: %s", campo, q->personale[p].nome ? q->personale[p].nome : "?");
                    char *pb = participation(&q->personale[p]);
                    confronto_change(m, sub, NULL, pb, false);
                    free(pb);
                }
        }
    }
}

static void compare_objective(const Obiettivo *x, const Obiettivo *y, ObiettivoModificato *m, const char *file,
                              DiagList *diags)
{
    memset(m, 0, sizeof *m);
    m->vecchio = x;
    m->nuovo = y;
    confronto_change(m, "tipo", x->tipo == TIPO_INDIVIDUALE ? "individuale" : "comune",
           y->tipo == TIPO_INDIVIDUALE ? "individuale" : "comune", false);
    confronto_change(m, "nota al tipo", x->nota_tipo, y->nota_tipo, false);
    char *a = xasprintf("%d – %d", x->triennio[0], x->triennio[1]), *b = xasprintf("%d – %d", y->triennio[0], y->triennio[1]);
    confronto_change(m, "triennio", a, b, false);
    free(a);
    free(b);
    a = bilancio_text(x);
    b = bilancio_text(y);
    confronto_change(m, "collegamento al bilancio", a, b, false);
    free(a);
    free(b);
    const char *names[] = {"linea programmatica di mandato", "DUP – sezione strategica", "DUP – sezione operativa",
                           "dirigente responsabile", "posizione organizzativa", "referenti", "descrizione",
                           "situazione di partenza (baseline)", "traguardo atteso (target)", "stakeholder",
                           "accessibilità (D. lgs. 222/2023)", "unità organizzativa responsabile"};
    const char *before[] = {x->linea_mandato, x->dup_strategica, x->dup_operativa, x->dirigente,
                            x->posizione_organizzativa, x->referenti, x->descrizione, x->baseline, x->target,
                            x->stakeholder, x->accessibilita, x->unita_responsabile};
    const char *after[] = {y->linea_mandato, y->dup_strategica, y->dup_operativa, y->dirigente,
                           y->posizione_organizzativa, y->referenti, y->descrizione, y->baseline, y->target,
                           y->stakeholder, y->accessibilita, y->unita_responsabile};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        confronto_change(m, names[i], before[i], after[i], i <= 2 || (i >= 6 && i <= 10));
    a = join(x->altre_unita, x->n_altre_unita, "\n");
    b = join(y->altre_unita, y->n_altre_unita, "\n");
    confronto_change(m, "altre unità organizzative coinvolte", a, b, false);
    free(a);
    free(b);
    compare_annualita(m, x, y, file, diags);
    compare_risorse(m, x, y);
    a = finanziaria_text(x);
    b = finanziaria_text(y);
    confronto_change(m, "assegnazione finanziaria", a, b, false);
    free(a);
    free(b);
    const char *pes[] = {"pesatura: rilevanza", "pesatura: innovatività", "pesatura: complessità",
                         "pesatura: beneficio"};
    const double pa[] = {x->pesatura.rilevanza, x->pesatura.innovativita, x->pesatura.complessita,
                         x->pesatura.beneficio};
    const double pb[] = {y->pesatura.rilevanza, y->pesatura.innovativita, y->pesatura.complessita,
                         y->pesatura.beneficio};
    for (int i = 0; i < 4; i++)
        confronto_change_number(m, pes[i], x->pesatura.present, pa[i], y->pesatura.present, pb[i]);
    confronto_other_forms(m, x, y);
}

static const Obiettivo *find(const Plan *p, const char *codice)
{
    for (size_t i = 0; codice && i < p->n_obiettivi; i++)
        if (p->obiettivi[i].codice && strcmp(p->obiettivi[i].codice, codice) == 0)
            return &p->obiettivi[i];
    return NULL;
}

double confronto_somiglianza(const char *a, const char *b)
{
    WordDiff d = word_diff(a ? a : "", b ? b : "");
    size_t same = 0, total_a = 0, total_b = 0;
    for (size_t i = 0; i < d.n; i++) {
        size_t words = 0;
        for (const char *p = d.runs[i].text; *p;) {
            while (*p == ' ' || *p == '\n' || *p == '\t')
                p++;
            if (*p)
                words++;
            while (*p && *p != ' ' && *p != '\n' && *p != '\t')
                p++;
        }
        if (d.runs[i].kind == DIFF_SAME) {
            same += words;
            total_a += words;
            total_b += words;
        } else if (d.runs[i].kind == DIFF_DELETED) {
            total_a += words;
        } else {
            total_b += words;
        }
    }
    word_diff_free(&d);
    size_t max = total_a > total_b ? total_a : total_b;
    return max ? (double)same / (double)max : 0;
}

void confronto_compute(const Plan *vecchio, const Plan *nuovo, const char *file_nuovo, Confronto *out,
                       DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->vecchio = vecchio;
    out->nuovo = nuovo;
    out->aggiunti = xcalloc(nuovo->n_obiettivi + 1, sizeof *out->aggiunti);
    out->eliminati = xcalloc(vecchio->n_obiettivi + 1, sizeof *out->eliminati);
    out->modificati = xcalloc(nuovo->n_obiettivi + 1, sizeof *out->modificati);
    for (size_t i = 0; i < nuovo->n_obiettivi; i++) {
        const Obiettivo *y = &nuovo->obiettivi[i], *x = find(vecchio, y->codice);
        if (!x) {
            out->aggiunti[out->n_aggiunti++] = y;
            continue;
        }
        ObiettivoModificato m;
        compare_objective(x, y, &m, file_nuovo, diags);
        if (m.n > 0)
            out->modificati[out->n_modificati++] = m;
        else
            free(m.pesi);
    }
    for (size_t i = 0; i < vecchio->n_obiettivi; i++)
        if (!find(nuovo, vecchio->obiettivi[i].codice))
            out->eliminati[out->n_eliminati++] = &vecchio->obiettivi[i];
    /* a changed codice looks like one objective removed and one added with the same description */
    for (size_t e = 0; e < out->n_eliminati; e++)
        for (size_t a = 0; a < out->n_aggiunti; a++) {
            double s = confronto_somiglianza(out->eliminati[e]->descrizione, out->aggiunti[a]->descrizione);
            if (s >= 0.8) {
                char pct[32];
                text_format_number(pct, sizeof pct, round(s * 100));
                diag_add(diags, DIAG_WARNING, file_nuovo, NULL, out->aggiunti[a]->codice, -1,
                         "l'obiettivo aggiunto «%s» ha la descrizione dell'obiettivo eliminato «%s» (parole in comune: "
                         "%s %%): è cambiato il codice?", out->aggiunti[a]->codice, out->eliminati[e]->codice, pct);
            }
        }
}

bool confronto_vuoto(const Confronto *c) { return c->n_aggiunti + c->n_eliminati + c->n_modificati == 0; }

void confronto_free(Confronto *c)
{
    for (size_t i = 0; i < c->n_modificati; i++) {
        ObiettivoModificato *m = &c->modificati[i];
        for (size_t k = 0; k < m->n; k++) {
            free(m->campi[k].campo);
            free(m->campi[k].prima);
            free(m->campi[k].dopo);
        }
        free(m->campi);
        free(m->pesi);
    }
    free(c->modificati);
    free(c->aggiunti);
    free(c->eliminati);
    memset(c, 0, sizeof *c);
}

char *confronto_to_json(const Confronto *c)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *a = cJSON_AddArrayToObject(root, "aggiunti");
    for (size_t i = 0; i < c->n_aggiunti; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(c->aggiunti[i]->codice ? c->aggiunti[i]->codice : ""));
    cJSON *e = cJSON_AddArrayToObject(root, "eliminati");
    for (size_t i = 0; i < c->n_eliminati; i++)
        cJSON_AddItemToArray(e, cJSON_CreateString(c->eliminati[i]->codice ? c->eliminati[i]->codice : ""));
    cJSON *m = cJSON_AddArrayToObject(root, "modificati");
    for (size_t i = 0; i < c->n_modificati; i++) {
        const ObiettivoModificato *om = &c->modificati[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "codice", om->nuovo->codice ? om->nuovo->codice : "");
        cJSON *campi = cJSON_AddArrayToObject(o, "campi");
        for (size_t k = 0; k < om->n; k++) {
            cJSON *f = cJSON_CreateObject();
            cJSON_AddStringToObject(f, "campo", om->campi[k].campo);
            if (om->campi[k].prima)
                cJSON_AddStringToObject(f, "prima", om->campi[k].prima);
            else
                cJSON_AddNullToObject(f, "prima");
            if (om->campi[k].dopo)
                cJSON_AddStringToObject(f, "dopo", om->campi[k].dopo);
            else
                cJSON_AddNullToObject(f, "dopo");
            cJSON_AddItemToArray(campi, f);
        }
        cJSON *pesi = cJSON_AddArrayToObject(o, "pesi");
        for (size_t k = 0; k < om->n_pesi; k++) {
            cJSON *p = cJSON_CreateObject();
            cJSON_AddNumberToObject(p, "anno", om->pesi[k].anno);
            cJSON_AddNumberToObject(p, "prima", om->pesi[k].prima);
            cJSON_AddNumberToObject(p, "dopo", om->pesi[k].dopo);
            cJSON_AddItemToArray(pesi, p);
        }
        cJSON_AddItemToArray(m, o);
    }
    return esiti_json_print(root);
}
