#include "valutazione.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_reader.h"
#include "premi.h"
#include "text.h"

const char *const VALUTAZIONE_FORMULA =
    "Punteggio finale = somma di (peso della componente × valore della componente) diviso somma dei pesi, "
    "sulle sole componenti che hanno un valore. Una componente senza valore (per esempio nessuna azione rilevata "
    "alla quale la persona partecipa) non conta e il suo peso si ripartisce in proporzione sulle altre. "
    "Comportamenti = somma di (peso × voto ÷ voto massimo della scala) diviso somma dei pesi, per 100. "
    "La fascia è la prima la cui soglia «da» è raggiunta dal punteggio arrotondato a due decimali.";

/* Half up, with a tolerance: a score of exactly 80,475 computed as
 * 80,47499999… in binary is still printed 80,48, as by hand. */
int64_t valutazione_centesimi(double score)
{
    return (int64_t)floor(score * 100.0 + 0.5 + 1e-7);
}

const FasciaMerito *valutazione_fascia(const Sistema *s, double score)
{
    int64_t shown = valutazione_centesimi(score);
    for (size_t i = 0; i < s->n_fasce; i++)
        if (valutazione_centesimi(s->fasce[i].da) <= shown)
            return &s->fasce[i];
    return NULL;
}

bool valutazione_punteggio(ValoreComponente *c, size_t n, double *score)
{
    double all = 0, valued = 0, num = 0;
    for (size_t i = 0; i < n; i++) {
        all += c[i].componente->peso;
        if (c[i].has_valore) {
            valued += c[i].componente->peso;
            num += c[i].componente->peso * c[i].valore;
        }
    }
    for (size_t i = 0; i < n; i++) {
        c[i].ridistribuito = !c[i].has_valore;
        c[i].peso_effettivo = c[i].has_valore && valued > 0 ? c[i].componente->peso * all / valued : 0;
        c[i].punti = c[i].has_valore && valued > 0 ? c[i].componente->peso * c[i].valore / valued : 0;
    }
    if (!(valued > 0))
        return false;
    *score = num / valued;
    return true;
}

/* A vote (voti) or a value by hand (manuali; in a CSV, among the voti). */
static const Voce *voce_for(const Valutazione *v, const char *id, bool manual)
{
    const Voce *x = manual ? valutazione_voce(v->manuali, v->n_manuali, id) : NULL;
    return x ? x : valutazione_voce(v->voti, v->n_voti, id);
}

static void missing(ValutazionePersona *p, const char *what)
{
    p->completa = false;
    if (!p->mancanze) {
        p->mancanze = xstrdup(what);
    } else {
        char *m = xasprintf("%s; %s", p->mancanze, what);
        free(p->mancanze);
        p->mancanze = m;
    }
}

static bool behaviours_value(ValutazionePersona *p, double *out)
{
    const Categoria *cat = p->categoria;
    double num = 0, den = 0;
    bool complete = true;
    for (size_t k = 0; k < p->n_comportamenti; k++) {
        const VotoComportamento *b = &p->comportamenti[k];
        if (!b->has_voto) {
            complete = false;
            char *w = xasprintf("il voto di %s «%s»", b->comportamento->id, b->comportamento->nome);
            missing(p, w);
            free(w);
            continue;
        }
        num += b->comportamento->peso * b->voto / cat->scala[1];
        den += b->comportamento->peso;
    }
    if (!complete || !(den > 0))
        return false;
    *out = num / den * 100.0;
    return true;
}

static bool direct_value(ValutazionePersona *p, const Plan *plan, const Esiti *esiti, int anno, double *out)
{
    free(p->diretti);
    p->diretti = NULL;
    p->n_diretti = 0;
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        if (!o->dirigente || !obiettivo_annualita(o, anno) || persone_match_untitled(plan, o->dirigente) != p->persona)
            continue;
        if (!o->valutazione_individuale) /* docs/formato.md §7: in nobody's score, the dirigente's included */
            continue;
        p->diretti = xrealloc(p->diretti, (p->n_diretti + 1) * sizeof *p->diretti);
        ObiettivoDiretto *d = &p->diretti[p->n_diretti++];
        memset(d, 0, sizeof *d);
        d->obiettivo = o;
        const EsitoObiettivo *eo = esiti ? esiti_for(esiti, o) : NULL;
        d->has_percentuale = eo && eo->has_percentuale;
        d->percentuale = d->has_percentuale ? eo->percentuale : 0;
        d->has_pesatura = o->pesatura.present && pesatura_totale(&o->pesatura) > 0;
        d->pesatura = d->has_pesatura ? pesatura_totale(&o->pesatura) : 0;
    }
    size_t valued = 0;
    bool all_weighted = true, all_peso = true;
    for (size_t i = 0; i < p->n_diretti; i++)
        if (p->diretti[i].has_percentuale) {
            valued++;
            all_weighted &= p->diretti[i].has_pesatura;
            all_peso &= p->diretti[i].obiettivo->has_peso;
        }
    if (valued == 0)
        return false;
    /* docs/formato.md §7: the objectives' peso when every valued one has it, else the pesatura */
    p->diretti_per_peso = all_peso;
    p->diretti_ponderati = all_weighted && !all_peso;
    double num = 0, den = 0;
    for (size_t i = 0; i < p->n_diretti; i++)
        if (p->diretti[i].has_percentuale) {
            double w = all_peso ? p->diretti[i].obiettivo->peso : all_weighted ? p->diretti[i].pesatura : 1;
            num += w * p->diretti[i].percentuale;
            den += w;
        }
    if (!(den > 0)) /* every peso zero */
        return false;
    *out = num / den;
    return true;
}

void valutazione_componenti(ValutazionePersona *p, const Plan *plan, const Esiti *esiti, const ValutazioniAnno *va)
{
    const Categoria *cat = p->categoria;
    p->completa = true;
    free(p->mancanze);
    p->mancanze = NULL;
    free(p->comportamenti);
    p->n_comportamenti = cat->n_comportamenti;
    p->comportamenti = xcalloc(cat->n_comportamenti + 1, sizeof *p->comportamenti);
    for (size_t k = 0; k < cat->n_comportamenti; k++) {
        VotoComportamento *b = &p->comportamenti[k];
        b->comportamento = &cat->comportamenti[k];
        const Voce *x = voce_for(p->v, cat->comportamenti[k].id, false);
        b->has_voto = x && x->has_valore;
        b->voto = b->has_voto ? x->valore : 0;
    }
    free(p->componenti);
    p->n_componenti = cat->n_componenti;
    p->componenti = xcalloc(cat->n_componenti + 1, sizeof *p->componenti);
    for (size_t k = 0; k < cat->n_componenti; k++) {
        ValoreComponente *c = &p->componenti[k];
        const Componente *def = &cat->componenti[k];
        c->componente = def;
        switch (def->fonte) {
        case FONTE_OBIETTIVI:
            c->has_valore = p->partecipazione && p->partecipazione->has_punteggio;
            c->valore = c->has_valore ? p->partecipazione->punteggio : 0;
            break;
        case FONTE_OBIETTIVI_DIRETTI:
            c->has_valore = direct_value(p, plan, esiti, va->anno, &c->valore);
            break;
        case FONTE_ENTE:
            c->has_valore = va->has_ente;
            c->valore = va->ente;
            break;
        case FONTE_COMPORTAMENTI:
            c->has_valore = behaviours_value(p, &c->valore);
            break;
        case FONTE_MANUALE: {
            const Voce *x = voce_for(p->v, def->id, true);
            c->has_valore = x && x->has_valore;
            c->valore = c->has_valore ? x->valore : 0;
            if (!c->has_valore) {
                char *w = xasprintf("il valore di «%s» (%s)", def->nome, def->id);
                missing(p, w);
                free(w);
            }
            break;
        }
        }
    }
}

/* ---- resolving the file against the registry and the sistema ------------------------------- */

static const char *area_of(const ValutazionePersona *p) { return p->persona->area ? p->persona->area : "~"; }

static int cmp_people(const void *a, const void *b)
{
    const ValutazionePersona *x = a, *y = b;
    int c = strcmp(area_of(x), area_of(y));
    if (c)
        return c;
    const char *nx = x->persona->nome ? x->persona->nome : "", *ny = y->persona->nome ? y->persona->nome : "";
    const char *sx = strrchr(nx, ' '), *sy = strrchr(ny, ' ');
    char *kx = text_name_key(sx ? sx + 1 : nx), *ky = text_name_key(sy ? sy + 1 : ny);
    c = strcmp(kx, ky);
    free(kx);
    free(ky);
    if (c)
        return c;
    kx = text_name_key(nx);
    ky = text_name_key(ny);
    c = strcmp(kx, ky);
    free(kx);
    free(ky);
    return c;
}

static char *category_ids(const Sistema *s)
{
    StrBuf b = {0};
    for (size_t i = 0; i < s->n_categorie; i++) {
        strbuf_puts(&b, i ? ", " : "");
        strbuf_puts(&b, s->categorie[i].id ? s->categorie[i].id : "?");
    }
    return b.data ? b.data : xstrdup("");
}

static char *profile_names(const Sistema *s)
{
    StrBuf b = {0};
    for (size_t i = 0; i < s->premi.n_parametri; i++) {
        strbuf_puts(&b, i ? ", " : "");
        strbuf_puts(&b, s->premi.parametri[i].profilo);
    }
    return b.data ? b.data : xstrdup("");
}

/* Whether id is a vote or a value by hand of any category (CSV columns). */
static bool known_anywhere(const Sistema *s, const char *id)
{
    for (size_t i = 0; i < s->n_categorie; i++)
        if (categoria_comportamento(&s->categorie[i], id) || categoria_componente(&s->categorie[i], id))
            return true;
    return false;
}

static void check_votes(const Valutazioni *set, const Valutazione *v, const Categoria *cat, const Sistema *s,
                        DiagList *diags)
{
    char lo[64], hi[64];
    text_format_number(lo, sizeof lo, cat->scala[0]);
    text_format_number(hi, sizeof hi, cat->scala[1]);
    for (size_t i = 0; i < v->n_voti; i++) {
        const Voce *x = &v->voti[i];
        const char *field = "voti";
        const Comportamento *b = categoria_comportamento(cat, x->id);
        const Componente *c = categoria_componente(cat, x->id);
        char num[64];
        text_format_number(num, sizeof num, x->valore);
        if (b) {
            if (x->has_valore && !(x->valore >= cat->scala[0] && x->valore <= cat->scala[1]))
                valutazioni_diag(diags, DIAG_ERROR, set, v, field, x->id, "il voto %s di «%s» è fuori dalla scala %s–%s",
                                 num, x->id, lo, hi);
        } else if (set->csv && c && c->fonte == FONTE_MANUALE) {
            if (x->has_valore && !(x->valore >= 0 && x->valore <= 100))
                valutazioni_diag(diags, DIAG_ERROR, set, v, NULL, NULL, "il valore %s di «%s» è fuori dall'intervallo 0–100",
                                 num, x->id);
        } else if (set->csv) {
            /* One file may mix categories: another category's columns stay empty. */
            if (x->has_valore && known_anywhere(s, x->id))
                valutazioni_diag(diags, DIAG_ERROR, set, v, NULL, NULL,
                                 "la colonna «%s» non riguarda la categoria «%s»: va lasciata vuota", x->id, cat->id);
        } else if (c && c->fonte == FONTE_MANUALE) {
            valutazioni_diag(diags, DIAG_ERROR, set, v, field, x->id,
                             "«%s» è una componente con valore dato a mano: va in «manuali», non in «voti»", x->id);
        } else {
            valutazioni_diag(diags, DIAG_ERROR, set, v, field, x->id, "comportamento «%s» non previsto per la categoria «%s»",
                             x->id, cat->id);
        }
    }
    for (size_t i = 0; i < v->n_manuali; i++) {
        const Voce *x = &v->manuali[i];
        const char *field = "manuali";
        const Componente *c = categoria_componente(cat, x->id);
        char num[64];
        text_format_number(num, sizeof num, x->valore);
        if (!c)
            valutazioni_diag(diags, DIAG_ERROR, set, v, field, x->id, "componente «%s» non prevista per la categoria «%s»",
                             x->id, cat->id);
        else if (c->fonte != FONTE_MANUALE)
            valutazioni_diag(diags, DIAG_ERROR, set, v, field, x->id,
                             "la componente «%s» ha fonte «%s»: il suo valore lo calcola il programma, non si scrive",
                             x->id, fonte_name(c->fonte));
        else if (x->has_valore && !(x->valore >= 0 && x->valore <= 100))
            valutazioni_diag(diags, DIAG_ERROR, set, v, field, x->id, "il valore %s di «%s» è fuori dall'intervallo 0–100",
                             num, x->id);
    }
}

static void check_share(const Valutazioni *set, const Valutazione *v, const char *name, double x, DiagList *diags)
{
    if (fabs(x * 100 - round(x * 100)) > 1e-6) {
        char a[64], b[64];
        text_format_number(b, sizeof b, round(x * 100) / 100);
        snprintf(a, sizeof a, "%.6g", x);
        for (char *q = a; *q; q++)
            if (*q == '.')
                *q = ',';
        valutazioni_diag(diags, DIAG_WARNING, set, v, name, NULL, "«%s» %s: i premi lo usano con due decimali, %s", name, a, b);
    }
}

/* Resolves valutazione i; returns false (reported) when it cannot be used. */
static bool resolve(const Plan *plan, const Sistema *s, const Valutazioni *set, size_t i, ValutazioniAnno *out,
                    const Valutazione **named, DiagList *diags)
{
    const Valutazione *v = &set->items[i];
    if (!v->persona)
        return false;
    const Persona *who = persone_by_id(plan, v->persona);
    if (!who)
        who = persone_match(plan, v->persona);
    if (who && named[who - plan->persone]) {
        const Valutazione *first = named[who - plan->persone];
        if (first->line > 0)
            valutazioni_diag(diags, DIAG_ERROR, set, v, "persona", NULL, "«%s» è già valutata alla riga %d",
                             who->nome, first->line);
        else
            valutazioni_diag(diags, DIAG_ERROR, set, v, "persona", NULL, "«%s» è già valutata in %s", who->nome,
                             first->path ? first->path : "?");
        return false;
    }
    if (who)
        named[who - plan->persone] = v; /* evaluated, even if this valutazione has errors */
    if (!who) {
        const Persona *near = persone_closest(plan, v->persona);
        if (plan->n_persone == 0)
            valutazioni_diag(diags, DIAG_ERROR, set, v, "persona", NULL,
                             "«%s» non è nel registro: il piano non ha un registro delle persone («persone»)", v->persona);
        else if (near)
            valutazioni_diag(diags, DIAG_ERROR, set, v, "persona", NULL, "«%s» non è nel registro delle persone: forse «%s» (%s)?",
                             v->persona, near->nome, near->id ? near->id : "senza id");
        else
            valutazioni_diag(diags, DIAG_ERROR, set, v, "persona", NULL,
                             "«%s» non è nel registro delle persone (né come id né come nome o alias)", v->persona);
        return false;
    }
    const Categoria *cat = v->categoria ? sistema_categoria(s, v->categoria) : NULL;
    if (!cat) {
        if (v->categoria) {
            char *ids = category_ids(s);
            valutazioni_diag(diags, DIAG_ERROR, set, v, "categoria", NULL, "categoria «%s» non prevista dal sistema (%s)",
                             v->categoria, ids);
            free(ids);
        }
        return false;
    }
    size_t errors = diags->errors;
    check_votes(set, v, cat, s, diags);
    bool in_premi = sistema_categoria_in_premi(s, cat->id);
    if (in_premi && sistema_usa_proporzione(s, PROP_PARAMETRO)) {
        char *names = profile_names(s);
        if (!v->profilo)
            valutazioni_diag(diags, DIAG_ERROR, set, v, "profilo", NULL,
                             "manca il «profilo»: il premio è proporzionale al parametro del profilo (%s)", names);
        else if (!sistema_parametro(s, v->profilo))
            valutazioni_diag(diags, DIAG_ERROR, set, v, "profilo", NULL, "il profilo «%s» non è tra i parametri dei premi (%s)",
                             v->profilo, names);
        free(names);
    }
    if (in_premi) {
        check_share(set, v, "orario", v->orario, diags);
        check_share(set, v, "servizio", v->servizio, diags);
    }
    if (diags->errors > errors || v->invalid)
        return false;
    out->persone = xgrow(out->persone, out->n, &out->cap, sizeof *out->persone, 64);
    ValutazionePersona *p = &out->persone[out->n++];
    memset(p, 0, sizeof *p);
    p->v = v;
    p->persona = who;
    p->categoria = cat;
    p->nei_premi = in_premi;
    return true;
}

void valutazione_compute(const Plan *plan, const Esiti *esiti, const PersoneAnno *persone, const Sistema *sistema,
                         const Valutazioni *set, int anno, ValutazioniAnno *out, DiagList *diags)
{
    memset(out, 0, sizeof *out);
    out->anno = anno;
    out->sistema = sistema;
    if (set->n > 100000) {
        diag_add(diags, DIAG_ERROR, set->file, NULL, NULL, -1,
                 "%zu valutazioni: il programma ne ripartisce al più 100.000 in un anno", set->n);
        return;
    }
    if (set->has_anno && set->anno != anno)
        diag_add(diags, DIAG_ERROR, set->file, "$.anno", NULL, -1,
                 "il file riporta le valutazioni del %d, ma i risultati sono del %d", set->anno, anno);
    if (set->csv)
        for (size_t i = 0; i < set->n; i++)
            for (size_t k = 0; i == 0 && k < set->items[i].n_voti; k++)
                if (!known_anywhere(sistema, set->items[i].voti[k].id))
                    diag_add_at(diags, DIAG_WARNING, set->file, set->header_line, 0,
                                "colonna «%s» sconosciuta: non è un comportamento né una componente del sistema, ignorata",
                                set->items[i].voti[k].id);
    const Valutazione **named = xcalloc(plan->n_persone + 1, sizeof *named);
    for (size_t i = 0; i < set->n; i++)
        resolve(plan, sistema, set, i, out, named, diags);
    /* The ente component: every objective valued in the year, simple mean. */
    double sum = 0;
    for (size_t i = 0; esiti && i < esiti->n; i++)
        if (esiti->obiettivi[i].has_percentuale) {
            sum += esiti->obiettivi[i].percentuale;
            out->valutati_ente++;
        }
    out->has_ente = out->valutati_ente > 0;
    out->ente = out->has_ente ? sum / (double)out->valutati_ente : 0;
    for (size_t i = 0; i < out->n; i++) {
        ValutazionePersona *p = &out->persone[i];
        for (size_t k = 0; persone && k < persone->n; k++)
            if (persone->persone[k].registro == p->persona)
                p->partecipazione = &persone->persone[k];
        valutazione_componenti(p, plan, esiti, out);
        if (p->completa) {
            p->has_punteggio = valutazione_punteggio(p->componenti, p->n_componenti, &p->punteggio);
            if (p->has_punteggio) {
                /* From here on the score is the printed one, for every reader. */
                p->punteggio_centesimi = valutazione_centesimi(p->punteggio);
                p->punteggio = (double)p->punteggio_centesimi / 100.0;
                p->fascia = valutazione_fascia(sistema, p->punteggio);
            }
        } else {
            valutazione_punteggio(p->componenti, p->n_componenti, &(double){0});
            valutazioni_diag(diags, DIAG_WARNING, set, p->v, NULL, NULL,
                             "valutazione incompleta di %s: manca %s; nessun punteggio, nessuna fascia, nessun premio",
                             p->persona->nome, p->mancanze);
        }
    }
    for (size_t i = 0; i < plan->n_persone && !set->parziale; i++)
        if (!named[i]) {
            char *path = json_path_index("$.persone", i);
            diag_add(diags, DIAG_WARNING, set->file, NULL, NULL, -1, "%s (%s nel registro del piano) non ha una valutazione",
                     plan->persone[i].nome ? plan->persone[i].nome : "?", plan->persone[i].id ? plan->persone[i].id : path);
            free(path);
        }
    free(named);
    if (out->n > 1)
        qsort(out->persone, out->n, sizeof *out->persone, cmp_people);
    premi_compute(sistema, out);
}

const ValutazionePersona *valutazione_di(const ValutazioniAnno *va, const Persona *p)
{
    for (size_t i = 0; va && p && i < va->n; i++)
        if (va->persone[i].persona == p)
            return &va->persone[i];
    return NULL;
}

void valutazione_free(ValutazioniAnno *va)
{
    for (size_t i = 0; i < va->n; i++) {
        ValutazionePersona *p = &va->persone[i];
        free(p->componenti);
        free(p->comportamenti);
        free(p->diretti);
        free(p->mancanze);
        free(p->motivo);
    }
    free(va->persone);
    memset(va, 0, sizeof *va);
}
