/* SPDX-License-Identifier: EUPL-1.2 */
/* caricamento.c — an upload of the SMVP or of valutazioni, prepared and
 * applied (caricamento.h). */
#include "caricamento.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esiti.h"
#include "persone.h"
#include "sistema.h"
#include "text.h"
#include "utenti.h"
#include "valutazione.h"
#include "wb_convert.h"

const char *cambio_nome(TipoCambio t)
{
    static const char *const NAMES[] = {"nuova", "modificata", "uguale", "assente", "rimossa"};
    return NAMES[t];
}

/* ---- a year's base: its results and people ------------------------------------------------ */

typedef struct {
    int anno;
    bool has_ril;
    Rilevazioni ril;
    Esiti esiti;
    PersoneAnno persone;
} Anno;

/* The results of year anno as the documents have them: the archive's year-end rilevazioni, if any. */
static void anno_load(Archivio *a, const Plan *plan, int anno, Anno *y)
{
    memset(y, 0, sizeof *y);
    y->anno = anno;
    char *ignored = NULL;
    y->has_ril = archivio_rilevazioni(a, anno, NULL, &y->ril, &ignored) == ARCHIVIO_OK;
    if (!y->has_ril)
        raggiunto_free(&y->ril);
    free(ignored);
    DiagList d;
    diag_list_init(&d);
    esiti_compute_at(plan, y->has_ril ? &y->ril : NULL, anno, NULL, &y->esiti, &d);
    persone_compute(plan, &y->esiti, anno, &y->persone);
    diag_list_free(&d);
}

static void anno_free(Anno *y)
{
    persone_free(&y->persone);
    esiti_free(&y->esiti);
    if (y->has_ril)
        raggiunto_free(&y->ril);
}

/* The valutazioni of set computed as the documents compute them; their diagnostics to diags (NULL: dropped). */
static void compute(const Plan *plan, const Anno *y, const Sistema *s, const Valutazioni *set, ValutazioniAnno *out,
                    DiagList *diags)
{
    DiagList scratch;
    diag_list_init(&scratch);
    valutazione_compute(plan, &y->esiti, &y->persone, s, set, y->anno, out, diags ? diags : &scratch);
    diag_list_free(&scratch);
}

/* ---- what a valutazione shows --------------------------------------------------------------- */

typedef struct {
    char punteggio[32], fascia[128], premio[48];
    char *scheda; /* the components, their weights and values, as the person's sheet prints them */
} Mostra;

static const ValutazionePersona *find(const ValutazioniAnno *va, const char *nome)
{
    for (size_t i = 0; va && i < va->n; i++)
        if (va->persone[i].persona && strcmp(va->persone[i].persona->nome, nome) == 0)
            return &va->persone[i];
    return NULL;
}

static void mostra_di(const ValutazionePersona *p, Mostra *m)
{
    snprintf(m->punteggio, sizeof m->punteggio, "—");
    snprintf(m->fascia, sizeof m->fascia, "—");
    snprintf(m->premio, sizeof m->premio, "—");
    StrBuf b = {0};
    strbuf_puts(&b, "");
    if (p) {
        if (p->has_punteggio)
            snprintf(m->punteggio, sizeof m->punteggio, "%" PRId64 ",%02" PRId64, p->punteggio_centesimi / 100,
                     p->punteggio_centesimi % 100);
        else if (!p->completa)
            snprintf(m->punteggio, sizeof m->punteggio, "incompleta");
        if (p->fascia)
            snprintf(m->fascia, sizeof m->fascia, "%s", p->fascia->nome);
        if (p->has_premio)
            text_format_amount(m->premio, sizeof m->premio, (double)p->premio_centesimi / 100.0);
        for (size_t i = 0; i < p->n_componenti; i++) {
            const ValoreComponente *c = &p->componenti[i];
            strbuf_printf(&b, "%s|%.6g|%d|%.6g;", c->componente->nome, c->componente->peso, c->has_valore,
                          c->has_valore ? c->valore : 0);
        }
    }
    m->scheda = b.data;
}

static void add_diff(Differenza **list, size_t *n, const char *etichetta, const char *prima, const char *dopo)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = (Differenza){xstrdup(etichetta), xstrdup(prima), xstrdup(dopo)};
}

/* The results that move between before and after; whether what the person's sheet shows moves. */
static bool diff_results(CambioPersona *p, const ValutazionePersona *before, const ValutazionePersona *after)
{
    Mostra b, a;
    mostra_di(before, &b);
    mostra_di(after, &a);
    if (strcmp(b.punteggio, a.punteggio) != 0)
        add_diff(&p->esiti, &p->n_esiti, "punteggio finale", b.punteggio, a.punteggio);
    if (strcmp(b.fascia, a.fascia) != 0)
        add_diff(&p->esiti, &p->n_esiti, "fascia", b.fascia, a.fascia);
    if (strcmp(b.premio, a.premio) != 0)
        add_diff(&p->esiti, &p->n_esiti, "premio", b.premio, a.premio);
    bool sheet = strcmp(b.punteggio, a.punteggio) != 0 || strcmp(b.fascia, a.fascia) != 0 ||
                 strcmp(b.scheda, a.scheda) != 0;
    free(b.scheda);
    free(a.scheda);
    return sheet;
}

static void diff_fields(CambioPersona *p, const Valutazione *before, const Valutazione *after)
{
    CampoValutazione *cb = NULL, *ca = NULL;
    size_t nb = before ? valutazione_campi(before, &cb) : 0, na = after ? valutazione_campi(after, &ca) : 0;
    for (size_t i = 0; i < na; i++) {
        const CampoValutazione *o = NULL;
        for (size_t k = 0; k < nb && !o; k++)
            if (strcmp(cb[k].nome, ca[i].nome) == 0)
                o = &cb[k];
        if (!o ? strcmp(ca[i].json, "null") != 0 : strcmp(o->json, ca[i].json) != 0)
            add_diff(&p->campi, &p->n_campi, ca[i].etichetta, o ? o->testo : "—", ca[i].testo);
    }
    for (size_t k = 0; k < nb; k++) {
        bool kept = false;
        for (size_t i = 0; i < na && !kept; i++)
            kept = strcmp(cb[k].nome, ca[i].nome) == 0;
        if (!kept && strcmp(cb[k].json, "null") != 0)
            add_diff(&p->campi, &p->n_campi, cb[k].etichetta, cb[k].testo, "—");
    }
    valutazione_campi_free(cb, nb);
    valutazione_campi_free(ca, na);
}

/* ---- the locks ------------------------------------------------------------------------------ */

static StatoFlusso person_state(Archivio *a, int anno, const char *persona)
{
    char *key = archivio_chiave_valutazione(anno, persona), *error = NULL;
    Stato st;
    StatoFlusso out = flusso_iniziale(FLUSSO_VALUTAZIONE);
    if (archivio_stato(a, "valutazione", key, &st, &error) == ARCHIVIO_OK) {
        if (st.stato)
            stato_da_nome(st.stato, &out);
        stato_free(&st);
    }
    free(error);
    free(key);
    return out;
}

static bool year_validated(Archivio *a, int anno)
{
    char key[16], *error = NULL;
    snprintf(key, sizeof key, "%d", anno);
    Stato st;
    bool validated = false;
    if (archivio_stato(a, "valutazioni", key, &st, &error) == ARCHIVIO_OK) {
        validated = st.stato && strcmp(st.stato, stato_nome(STATO_VALIDATA)) == 0;
        stato_free(&st);
    }
    free(error);
    return validated;
}

static void append_diffs(StrBuf *b, const Differenza *d, size_t n, bool *first)
{
    for (size_t i = 0; i < n; i++, *first = false)
        strbuf_printf(b, "%s%s %s → %s", *first ? "" : "; ", d[i].etichetta, d[i].prima, d[i].dopo);
}

/* Marks p locked, and says why, when the upload changes what her valutazione shows (sheet: her sheet moves). */
static void check_lock(Caricamento *c, CambioPersona *p, bool validated, bool sheet)
{
    bool locked_state = p->stato == STATO_COMUNICATA || p->stato == STATO_PRESA_VISIONE;
    bool changes = p->tipo == CAMBIO_NUOVA || p->tipo == CAMBIO_MODIFICATA || p->tipo == CAMBIO_RIMOSSA;
    bool blocked = (locked_state && (changes || sheet)) || (validated && (changes || p->n_esiti > 0));
    if (!blocked)
        return;
    p->bloccata = true;
    StrBuf b = {0};
    if (validated)
        strbuf_printf(&b, "%s (valutazioni del %d validate dall'OIV): ", p->persona, p->anno);
    else
        strbuf_printf(&b, "%s (valutazione del %d %s): ", p->persona, p->anno, stato_nome(p->stato));
    bool first = true;
    if (p->tipo == CAMBIO_RIMOSSA) {
        strbuf_puts(&b, "sarebbe rimossa");
        first = false;
    } else if (p->tipo == CAMBIO_NUOVA) {
        strbuf_puts(&b, "sarebbe aggiunta");
        first = false;
    }
    append_diffs(&b, p->campi, p->n_campi, &first);
    append_diffs(&b, p->esiti, p->n_esiti, &first);
    if (first)
        strbuf_puts(&b, "cambierebbero i pesi o i valori delle componenti della sua scheda");
    c->bloccate = xrealloc(c->bloccate, (c->n_bloccate + 1) * sizeof *c->bloccate);
    c->bloccate[c->n_bloccate++] = b.data;
}

/* ---- preparing ------------------------------------------------------------------------------ */

static CambioPersona *new_person(Caricamento *c, int anno, const char *persona, TipoCambio tipo)
{
    c->persone = xrealloc(c->persone, (c->n + 1) * sizeof *c->persone);
    CambioPersona *p = &c->persone[c->n++];
    memset(p, 0, sizeof *p);
    p->anno = anno;
    p->persona = xstrdup(persona);
    p->tipo = tipo;
    return p;
}

static void count(Caricamento *c, const CambioPersona *p)
{
    switch (p->tipo) {
    case CAMBIO_NUOVA: c->nuove++; break;
    case CAMBIO_MODIFICATA: c->modificate++; break;
    case CAMBIO_UGUALE: c->uguali++; break;
    case CAMBIO_ASSENTE: c->assenti++; break;
    case CAMBIO_RIMOSSA: c->rimosse++; break;
    }
    if (p->n_esiti)
        c->con_esiti_cambiati++;
}

/* The fingerprint: the file and every difference, in order. */
static void fingerprint(Caricamento *c, const char *bytes, size_t len)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)bytes, len);
    for (size_t i = 0; i < c->n; i++) {
        const CambioPersona *p = &c->persone[i];
        char *line = xasprintf("\n%d|%s|%d|%d", p->anno, p->persona, (int)p->tipo, (int)p->stato);
        crypto_hash_sha256_update(&st, (const unsigned char *)line, strlen(line));
        free(line);
        for (int k = 0; k < 2; k++) {
            const Differenza *d = k ? p->esiti : p->campi;
            size_t n = k ? p->n_esiti : p->n_campi;
            for (size_t j = 0; j < n; j++) {
                line = xasprintf("|%s=%s>%s", d[j].etichetta, d[j].prima, d[j].dopo);
                crypto_hash_sha256_update(&st, (const unsigned char *)line, strlen(line));
                free(line);
            }
        }
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(c->impronta, sizeof c->impronta, h, sizeof h);
}

/* The plan the archive's readers use, and its SMVP (when wanted). */
static bool load_base(Archivio *a, Plan *plan, bool want_sistema, Sistema *sistema, DiagList *diags, char **error)
{
    ArchivioFile pf;
    VersionePiano v;
    char *why = NULL;
    if (archivio_piano_da_usare(a, 0, &pf, &v, &why) != ARCHIVIO_OK) {
        free(why); /* it names the archive's file: not for a page */
        *error = xstrdup("l'archivio non ha ancora un piano: il sistema e le valutazioni si caricano dopo il piano");
        return false;
    }
    DiagList scratch;
    diag_list_init(&scratch);
    bool ok = archivio_load_plan_file(&pf, plan, &scratch) == LOAD_OK;
    diag_list_free(&scratch);
    archivio_file_free(&pf);
    if (!ok) {
        plan_free(plan); /* what the failed load left */
        *error = xasprintf("la versione %d del piano nell'archivio non si legge più", v.numero);
        return false;
    }
    if (!want_sistema)
        return true;
    ArchivioFile sf;
    if (archivio_sistema(a, &sf, &why) != ARCHIVIO_OK) {
        free(why);
        *error = xstrdup("l'archivio non ha ancora il sistema di misurazione e valutazione (SMVP): va caricato prima "
                         "delle valutazioni, che ne usano le categorie e i comportamenti");
        plan_free(plan);
        return false;
    }
    ok = sistema_load_buffer(sf.file, sf.bytes, sf.len, sistema, diags) == LOAD_OK;
    archivio_file_free(&sf);
    if (!ok) {
        *error = xstrdup("il sistema di valutazione dell'archivio non si legge più: caricarne uno nuovo");
        plan_free(plan);
    }
    return ok;
}

static const Valutazione *in_set(const Valutazioni *set, const char *persona)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->items[i].persona && strcmp(set->items[i].persona, persona) == 0)
            return &set->items[i];
    return NULL;
}

static bool asked_to_remove(const RichiestaCaricamento *r, const char *persona)
{
    for (size_t i = 0; i < r->n_rimuovi; i++)
        if (strcmp(r->rimuovi[i], persona) == 0)
            return true;
    return false;
}

static EsitoCaricamento prepare_valutazioni(Archivio *a, const RichiestaCaricamento *r, Caricamento *out,
                                            DiagList *diags, char **error)
{
    Plan plan;
    Sistema sistema;
    if (!load_base(a, &plan, true, &sistema, diags, error))
        return CARICAMENTO_ARCHIVIO;
    Valutazioni *file = &out->scrivere;
    EsitoCaricamento rc = CARICAMENTO_OK;
    if (input_valutazioni_read(r->file, r->bytes, r->len, r->codifica, file, diags) != LOAD_OK) {
        plan_free(&plan);
        sistema_free(&sistema);
        return CARICAMENTO_ERRORI;
    }
    int anno = r->anno > 0 ? r->anno : file->has_anno ? file->anno : plan.triennio[0];
    out->anno = anno;
    Anno y;
    anno_load(a, &plan, anno, &y);
    /* the file alone, as verifica checks it: errors at its lines */
    file->parziale = true;
    size_t errors = diags->errors;
    ValutazioniAnno va;
    compute(&plan, &y, &sistema, file, &va, diags);
    valutazione_free(&va);
    for (size_t i = 0; i < file->n; i++)
        if (file->items[i].has_presa_visione) {
            diag_add(diags, DIAG_WARNING, file->file, NULL, NULL, -1,
                     "la colonna «presa_visione» del file non vale come presa visione: la registra la persona "
                     "nel web, o l'ufficio personale quando è firmata su carta");
            break;
        }
    Valutazioni before = {0}, after = {0};
    char *ignored = NULL;
    if (diags->errors == errors) {
        for (size_t i = 0; i < file->n; i++)
            valutazione_normalizza(&plan, &sistema, &file->items[i]);
        archivio_valutazioni(a, anno, &before, &ignored);
        free(ignored);
        ignored = NULL;
        for (size_t i = 0; i < r->n_rimuovi; i++)
            if (!in_set(&before, r->rimuovi[i]))
                diag_add(diags, DIAG_ERROR, r->file, NULL, NULL, -1,
                         "«%s» non ha una valutazione del %d nell'archivio: non c'è nulla da rimuovere", r->rimuovi[i],
                         anno);
            else if (in_set(file, r->rimuovi[i]))
                diag_add(diags, DIAG_ERROR, r->file, NULL, NULL, -1,
                         "«%s» è nel file: la sua valutazione si aggiorna, non si rimuove", r->rimuovi[i]);
    }
    if (diags->errors > errors) {
        rc = CARICAMENTO_ERRORI;
    } else {
        /* after: the archive's, less those the file names or the confirmation removes, then the file's */
        after.file = xstrdup(file->file);
        for (size_t i = 0; i < before.n; i++)
            if (!in_set(file, before.items[i].persona) && !asked_to_remove(r, before.items[i].persona))
                valutazione_copia(valutazioni_nuova(&after), &before.items[i]);
        for (size_t i = 0; i < file->n; i++)
            if (file->items[i].persona)
                valutazione_copia(valutazioni_nuova(&after), &file->items[i]);
        before.parziale = after.parziale = true;
        ValutazioniAnno vb, vafter;
        compute(&plan, &y, &sistema, &before, &vb, NULL);
        compute(&plan, &y, &sistema, &after, &vafter, NULL);
        bool validated = year_validated(a, anno);
        for (size_t i = 0; i < file->n; i++) {
            const Valutazione *now = &file->items[i];
            if (!now->persona)
                continue;
            const Valutazione *old = in_set(&before, now->persona);
            CambioPersona *p = new_person(out, anno, now->persona, old ? CAMBIO_MODIFICATA : CAMBIO_NUOVA);
            diff_fields(p, old, now);
            if (old && p->n_campi == 0)
                p->tipo = CAMBIO_UGUALE;
            p->stato = person_state(a, anno, now->persona);
            bool sheet = diff_results(p, find(&vb, now->persona), find(&vafter, now->persona));
            check_lock(out, p, validated, sheet);
            count(out, p);
        }
        for (size_t i = 0; i < before.n; i++) {
            const Valutazione *old = &before.items[i];
            if (in_set(file, old->persona))
                continue;
            bool removed = asked_to_remove(r, old->persona);
            CambioPersona *p = new_person(out, anno, old->persona, removed ? CAMBIO_RIMOSSA : CAMBIO_ASSENTE);
            p->stato = person_state(a, anno, old->persona);
            bool sheet = diff_results(p, find(&vb, old->persona), find(&vafter, old->persona));
            check_lock(out, p, validated, sheet);
            count(out, p);
        }
        valutazione_free(&vb);
        valutazione_free(&vafter);
        fingerprint(out, r->bytes, r->len);
        rc = out->n_bloccate ? CARICAMENTO_BLOCCATO : CARICAMENTO_OK;
    }
    valutazioni_free(&before);
    valutazioni_free(&after);
    anno_free(&y);
    plan_free(&plan);
    sistema_free(&sistema);
    return rc;
}

static EsitoCaricamento prepare_sistema(Archivio *a, const RichiestaCaricamento *r, Caricamento *out, DiagList *diags)
{
    Sistema nuovo;
    if (sistema_load_buffer(r->file, r->bytes, r->len, &nuovo, diags) != LOAD_OK)
        return CARICAMENTO_ERRORI;
    Plan plan;
    char *why = NULL;
    int *anni = NULL;
    size_t n_anni = archivio_anni_valutazioni(a, &anni);
    if (n_anni == 0 || !load_base(a, &plan, false, NULL, diags, &why)) {
        /* no valutazioni yet (or no plan): nothing the SMVP changes */
        free(why);
        free(anni);
        sistema_free(&nuovo);
        fingerprint(out, r->bytes, r->len);
        return CARICAMENTO_OK;
    }
    Sistema vecchio;
    ArchivioFile sf = {0};
    DiagList scratch;
    diag_list_init(&scratch);
    bool has_old = archivio_sistema(a, &sf, &why) == ARCHIVIO_OK &&
                   sistema_load_buffer(sf.file, sf.bytes, sf.len, &vecchio, &scratch) == LOAD_OK;
    archivio_file_free(&sf);
    free(why);
    diag_list_free(&scratch);
    size_t errors = diags->errors;
    for (size_t k = 0; k < n_anni; k++) {
        Valutazioni set;
        char *ignored = NULL;
        if (archivio_valutazioni(a, anni[k], &set, &ignored) != ARCHIVIO_OK) {
            free(ignored);
            valutazioni_free(&set);
            continue;
        }
        set.parziale = true;
        Anno y;
        anno_load(a, &plan, anni[k], &y);
        ValutazioniAnno vb = {0}, vn;
        if (has_old)
            compute(&plan, &y, &vecchio, &set, &vb, NULL);
        /* the year's valutazioni must still read under the new SMVP: its errors name them */
        compute(&plan, &y, &nuovo, &set, &vn, diags);
        bool validated = year_validated(a, anni[k]);
        for (size_t i = 0; i < set.n; i++) {
            const char *nome = set.items[i].persona;
            CambioPersona probe = {.anno = anni[k], .persona = (char *)nome};
            bool sheet = diff_results(&probe, has_old ? find(&vb, nome) : NULL, find(&vn, nome));
            if (probe.n_esiti == 0 && !sheet)
                continue;
            CambioPersona *p = new_person(out, anni[k], nome, CAMBIO_UGUALE);
            p->esiti = probe.esiti;
            p->n_esiti = probe.n_esiti;
            p->stato = person_state(a, anni[k], nome);
            check_lock(out, p, validated, sheet);
            count(out, p);
        }
        if (has_old)
            valutazione_free(&vb);
        valutazione_free(&vn);
        anno_free(&y);
        valutazioni_free(&set);
    }
    free(anni);
    if (has_old)
        sistema_free(&vecchio);
    sistema_free(&nuovo);
    plan_free(&plan);
    if (diags->errors > errors)
        return CARICAMENTO_ERRORI;
    fingerprint(out, r->bytes, r->len);
    return out->n_bloccate ? CARICAMENTO_BLOCCATO : CARICAMENTO_OK;
}

EsitoCaricamento caricamento_prepara(Archivio *a, const RichiestaCaricamento *r, Caricamento *out, DiagList *diags,
                                     char **error)
{
    memset(out, 0, sizeof *out);
    out->file = xstrdup(r->file);
    out->tipo = archivio_tipo_file(r->file, r->bytes, r->len);
    if (out->tipo == TIPO_SISTEMA)
        return prepare_sistema(a, r, out, diags);
    if (out->tipo == TIPO_VALUTAZIONI)
        return prepare_valutazioni(a, r, out, diags, error);
    diag_add(diags, DIAG_ERROR, r->file, NULL, NULL, -1,
             "file non riconosciuto: non è un sistema di valutazione né un file di valutazioni (un JSON "
             "«schede-sistema/1» o «schede-valutazioni/1», un CSV con la colonna «persona», un foglio «Valutazioni»)");
    return CARICAMENTO_ERRORI;
}

/* ---- applying ------------------------------------------------------------------------------- */

ArchivioEsito caricamento_applica(Archivio *a, const Caricamento *c, const RichiestaCaricamento *r, const Autore *chi,
                                  char **error)
{
    bool nuovo;
    if (c->tipo == TIPO_SISTEMA)
        return archivio_importa_sistema(a, r->file, r->bytes, r->len, chi, &nuovo, error);
    for (size_t i = 0; i < c->scrivere.n; i++) {
        const Valutazione *v = &c->scrivere.items[i];
        bool cambiata;
        ArchivioEsito e = v->persona ? archivio_scrivi_valutazione(a, c->anno, v, chi, &cambiata, error) : ARCHIVIO_OK;
        if (e != ARCHIVIO_OK)
            return e;
    }
    for (size_t i = 0; i < c->n; i++)
        if (c->persone[i].tipo == CAMBIO_RIMOSSA) {
            ArchivioEsito e = archivio_rimuovi_valutazione(a, c->anno, c->persone[i].persona, chi, error);
            if (e != ARCHIVIO_OK)
                return e;
        }
    return archivio_conserva_valutazioni(a, c->anno, r->file, r->bytes, r->len, chi, &nuovo, error);
}

static void free_diffs(Differenza *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(d[i].etichetta);
        free(d[i].prima);
        free(d[i].dopo);
    }
    free(d);
}

void caricamento_free(Caricamento *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->persone[i].persona);
        free_diffs(c->persone[i].campi, c->persone[i].n_campi);
        free_diffs(c->persone[i].esiti, c->persone[i].n_esiti);
    }
    free(c->persone);
    for (size_t i = 0; i < c->n_bloccate; i++)
        free(c->bloccate[i]);
    free(c->bloccate);
    free(c->file);
    valutazioni_free(&c->scrivere);
    memset(c, 0, sizeof *c);
}
