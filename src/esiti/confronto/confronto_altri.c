/* confronto_altri.c — the comparison of the keys other comuni's forms carry
 * (docs/formato.md §7), in the words of the form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confronto_internal.h"
#include "text.h"

static char *collegamenti_text(const Obiettivo *o)
{
    StrBuf b = {0};
    for (size_t i = 0; i < o->n_collegamenti; i++) {
        const Collegamento *c = &o->collegamenti[i];
        strbuf_printf(&b, "%s%s%s%s%s%s", i ? "\n" : "", c->livello ? c->livello : "", c->livello ? " " : "",
                      c->codice ? c->codice : "", c->codice && c->testo ? " – " : "", c->testo ? c->testo : "");
    }
    return b.data;
}

static bool same_label(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* The k-th (0-based) campo of o with that etichetta: a form may repeat a label. */
static const Campo *campo_named(const Obiettivo *o, const char *etichetta, size_t k)
{
    for (size_t i = 0; i < o->n_campi; i++)
        if (same_label(o->campi[i].etichetta, etichetta) && k-- == 0)
            return &o->campi[i];
    return NULL;
}

/* How many campi before campi[i] have its etichetta. */
static size_t occurrence(const Obiettivo *o, size_t i)
{
    size_t k = 0;
    for (size_t j = 0; j < i; j++)
        k += same_label(o->campi[j].etichetta, o->campi[i].etichetta);
    return k;
}

static const char *shown(const Campo *c) { return c->valore && *c->valore ? c->valore : "(vuoto)"; }

static void compare_campi(ObiettivoModificato *m, const Obiettivo *x, const Obiettivo *y)
{
    /* a campo added empty still shows: its label is new on the form */
    for (size_t i = 0; i < y->n_campi; i++) {
        const Campo *old = campo_named(x, y->campi[i].etichetta, occurrence(y, i));
        char *campo = xasprintf("campo «%s»", y->campi[i].etichetta ? y->campi[i].etichetta : "");
        confronto_change(m, campo, old ? shown(old) : NULL, shown(&y->campi[i]), true);
        free(campo);
    }
    for (size_t i = 0; i < x->n_campi; i++)
        if (!campo_named(y, x->campi[i].etichetta, occurrence(x, i))) {
            char *campo = xasprintf("campo «%s»", x->campi[i].etichetta ? x->campi[i].etichetta : "");
            confronto_change(m, campo, shown(&x->campi[i]), NULL, true);
            free(campo);
        }
}

/* "Tempo medio di pagamento (giorni, decrescente, peso 60)": an indicator added or removed. */
static char *indicator_summary(const Indicatore *ind)
{
    StrBuf b = {0};
    strbuf_puts(&b, ind->nome ? ind->nome : "");
    char peso[64] = "";
    if (ind->has_peso)
        text_format_number(peso, sizeof peso, ind->peso);
    strbuf_printf(&b, " (%s%s%s%s%s)", ind->unita ? ind->unita : "", ind->unita ? ", " : "",
                  ind->verso == VERSO_DECRESCENTE ? "decrescente" : "crescente", ind->has_peso ? ", peso " : "", peso);
    for (size_t k = 0; k < ind->n_valori; k++) {
        char t[64];
        text_format_number(t, sizeof t, ind->valori[k].target);
        strbuf_printf(&b, "%s %d: %s", k ? ";" : ": target", ind->valori[k].anno, t);
    }
    return b.data;
}

static char *baseline_text(const Indicatore *ind)
{
    if (!ind->has_baseline)
        return NULL;
    char v[64];
    text_format_number(v, sizeof v, ind->baseline_valore);
    return xasprintf("%s (%d)", v, ind->baseline_anno);
}


static void compare_indicator(ObiettivoModificato *m, size_t n, const Indicatore *x, const Indicatore *y)
{
    char prefix[64], campo[128];
    snprintf(prefix, sizeof prefix, "indicatore %zu", n);
#define CAMPO(name) (snprintf(campo, sizeof campo, "%s: %s", prefix, name), campo)
    confronto_change(m, CAMPO("nome"), x->nome, y->nome, true);
    confronto_change(m, CAMPO("tipo"), x->tipo, y->tipo, false);
    confronto_change(m, CAMPO("unità di misura"), x->unita, y->unita, false);
    confronto_change(m, CAMPO("fonte"), x->fonte, y->fonte, false);
    confronto_change(m, CAMPO("formula"), x->formula, y->formula, true);
    confronto_change(m, CAMPO("verso"), x->verso == VERSO_DECRESCENTE ? "decrescente" : "crescente",
                     y->verso == VERSO_DECRESCENTE ? "decrescente" : "crescente", false);
    confronto_change_number(m, CAMPO("peso"), x->has_peso, x->peso, y->has_peso, y->peso);
    char *a = baseline_text(x), *b = baseline_text(y);
    confronto_change(m, CAMPO("baseline"), a, b, false);
    free(a);
    free(b);
    a = confronto_rule_text(&x->regola, NULL);
    b = confronto_rule_text(&y->regola, NULL);
    confronto_change(m, CAMPO("regola"), a, b, false);
    free(a);
    free(b);
    /* targets by year, in the new version's order, then the years it dropped */
    for (int side = 0; side < 2; side++) {
        const Indicatore *from = side ? x : y;
        for (size_t k = 0; k < from->n_valori; k++) {
            int anno = from->valori[k].anno;
            double ta = 0, tb = 0;
            bool ha = indicatore_target(x, anno, &ta), hb = indicatore_target(y, anno, &tb);
            if (side == 1 && hb)
                continue; /* already compared */
            char what[48];
            snprintf(what, sizeof what, "target %d", anno);
            confronto_change_number(m, CAMPO(what), ha, ta, hb, tb);
        }
    }
#undef CAMPO
}

void confronto_other_forms(ObiettivoModificato *m, const Obiettivo *x, const Obiettivo *y)
{
    confronto_change(m, "tipologia", x->tipologia, y->tipologia, false);
    confronto_change_number(m, "peso dell'obiettivo", x->has_peso, x->peso, y->has_peso, y->peso);
    confronto_change(m, "valutazione individuale", x->valutazione_individuale ? "sì" : "no",
                     y->valutazione_individuale ? "sì" : "no", false);
    char *a = collegamenti_text(x), *b = collegamenti_text(y);
    confronto_change(m, "collegamenti", a, b, false);
    free(a);
    free(b);
    compare_campi(m, x, y);
    size_t n = x->n_indicatori > y->n_indicatori ? x->n_indicatori : y->n_indicatori;
    for (size_t k = 0; k < n; k++) {
        const Indicatore *p = k < x->n_indicatori ? &x->indicatori[k] : NULL;
        const Indicatore *q = k < y->n_indicatori ? &y->indicatori[k] : NULL;
        if (p && q) {
            compare_indicator(m, k + 1, p, q);
            continue;
        }
        char campo[64];
        snprintf(campo, sizeof campo, "indicatore %zu", k + 1);
        char *s = indicator_summary(p ? p : q);
        confronto_change(m, campo, p ? s : NULL, q ? s : NULL, true);
        free(s);
    }
}
