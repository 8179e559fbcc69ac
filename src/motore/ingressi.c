/* SPDX-License-Identifier: EUPL-1.2 */
/* ingressi.c — the inputs, from files or the archive (ingressi.h). */
#include "ingressi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fontset.h"
#include "layout_file.h"
#include "plan_check.h"
#include "resources.h"
#include "scheda.h"
#include "text.h"
#include "wb_convert.h"

/* ---- the archive -------------------------------------------------------------------------- */

LoadStatus ingressi_archivio(Archivio *a, bool owned, int versione, ArchivioUso uso, InputOptions *o, char **error)
{
    struct ArchivioInput *in = xcalloc(1, sizeof *in);
    diag_list_init(&in->diags);
    in->a = a;
    in->owned = owned;
    o->archivio = in;
    ArchivioEsito e = archivio_piano_da_usare(a, versione, &in->piano, &in->versione, error);
    if (e != ARCHIVIO_OK)
        return e == ARCHIVIO_DATI ? LOAD_DATA_ERROR : LOAD_IO_ERROR;
    in->has_plan = true; /* freed by ingressi_chiudi, loaded or not */
    if (archivio_load_plan_file(&in->piano, &in->plan, &in->diags) != LOAD_OK) {
        *error = xasprintf("%s: la versione %d del piano non si legge più", archivio_path(a), in->versione.numero);
        return LOAD_DATA_ERROR;
    }
    in->profilo = archivio_profilo(a);
    /* what the year has, where the command line is silent */
    int anno = o->has_anno ? o->anno : o->has_al ? o->al.year : in->plan.triennio[0];
    char *ignored = NULL;
    if ((uso & ARCHIVIO_RILEVAZIONI) && !o->raggiunto &&
        archivio_rilevazioni(a, anno, o->has_al ? &o->al : NULL, &in->ril, &ignored) == ARCHIVIO_OK) {
        in->has_ril = true;
        o->raggiunto = in->ril.file;
    }
    free(ignored);
    ignored = NULL;
    /* the evaluations of the year, as a pair (the valutazioni are read with the SMVP), at year end only */
    if ((uso & ARCHIVIO_VALUTAZIONI) && !o->sistema && !o->valutazioni && !o->has_al &&
        archivio_sistema(a, &in->sistema, &ignored) == ARCHIVIO_OK) {
        free(ignored);
        ignored = NULL;
        if (archivio_valutazioni(a, anno, &in->valutazioni, &ignored) == ARCHIVIO_OK) {
            in->has_sistema = in->has_valutazioni = in->valutazioni_lette = true;
            o->sistema = in->sistema.file;
            o->valutazioni = in->valutazioni.file;
        } else {
            valutazioni_free(&in->valutazioni);
            archivio_file_free(&in->sistema);
        }
    }
    free(ignored);
    if ((uso & ARCHIVIO_VALUTAZIONI) && !o->has_al)
        in->n_prese = archivio_prese_visione(a, anno, &in->prese);
    return LOAD_OK;
}

LoadStatus ingressi_piano(InputOptions *o, const char *file, Plan *plan, DiagList *diags, const char **name)
{
    struct ArchivioInput *in = o->archivio;
    if (!in) {
        *name = file;
        return input_plan_load(file, plan, diags);
    }
    *plan = in->plan;
    in->has_plan = false;
    diag_list_move(diags, &in->diags); /* with a workbook's source map, for the checks that follow */
    *name = in->piano.file;
    return LOAD_OK;
}

void ingressi_sistema(InputOptions *o)
{
    struct ArchivioInput *in = o->archivio;
    char *error = NULL;
    if (in && !in->has_sistema && archivio_sistema(in->a, &in->sistema, &error) == ARCHIVIO_OK) {
        in->has_sistema = true;
        o->sistema = in->sistema.file;
    }
    free(error);
}

void ingressi_chiudi(InputOptions *o)
{
    struct ArchivioInput *in = o->archivio;
    if (!in)
        return;
    if (in->has_plan)
        plan_free(&in->plan);
    if (in->has_ril)
        raggiunto_free(&in->ril);
    diag_list_free(&in->diags);
    archivio_file_free(&in->piano);
    archivio_file_free(&in->sistema);
    if (in->has_valutazioni)
        valutazioni_free(&in->valutazioni);
    prese_visione_free(in->prese, in->n_prese);
    free(in->profilo);
    if (in->owned)
        archivio_chiudi(in->a);
    free(in);
    o->archivio = NULL;
}

/* ---- the plan's checks -------------------------------------------------------------------- */

/* Warns about characters that no font of the installed layout can print.
 * Without the data folder the check is skipped, and said so. */
static void check_glyphs(const Plan *plan, const char *file, DiagList *diags)
{
    char *data = resources_dir();
    if (!data) {
        diag_add(diags, DIAG_WARNING, file, NULL, NULL, -1,
                 "controllo dei caratteri non eseguito: cartella dei dati (layouts/, fonts/) non trovata");
        return;
    }
    char *layouts = xasprintf("%s/layouts", data), *fonts_dir = xasprintf("%s/fonts", data);
    DiagList layout_diags;
    diag_list_init(&layout_diags);
    LayoutSpec spec;
    FontSet fonts = {0};
    const char *bad = NULL, *why = NULL;
    if (layout_spec_load(layouts, "scheda", fonts_dir, &SCHEDA_NEEDS, &spec, &layout_diags) &&
        fontset_load(&fonts, (const char *const *)spec.font_paths, &bad, &why))
        scheda_check_glyphs(plan, &fonts, file, diags);
    else
        diag_add(diags, DIAG_WARNING, file, NULL, NULL, -1,
                 "controllo dei caratteri non eseguito: impaginazione o caratteri non leggibili (%s)",
                 bad ? bad : spec.path);
    fontset_free(&fonts);
    layout_spec_free(&spec);
    diag_list_free(&layout_diags);
    free(layouts);
    free(fonts_dir);
    free(data);
}

void ingressi_controlla_piano(const Plan *plan, const char *file, int anno, DiagList *diags)
{
    plan_check(plan, file, diags);
    check_glyphs(plan, file, diags);
    persone_check(plan, anno, file, diags);
}

/* ---- results and valutazioni -------------------------------------------------------------- */

LoadStatus load_esiti(const Plan *plan, const InputOptions *o, Rilevazioni *ril, Esiti *esiti, DiagList *diags)
{
    memset(ril, 0, sizeof *ril);
    memset(esiti, 0, sizeof *esiti);
    LoadStatus rc = LOAD_OK;
    if (o->archivio && o->archivio->has_ril && o->raggiunto == o->archivio->ril.file) {
        *ril = o->archivio->ril; /* moved: the archive's rilevazioni of the year */
        o->archivio->has_ril = false;
    } else if (o->raggiunto) {
        LoadStatus st = input_raggiunto_load(o->raggiunto, o->codifica, ril, diags);
        if (st == LOAD_IO_ERROR)
            return LOAD_IO_ERROR;
        if (st == LOAD_DATA_ERROR)
            rc = LOAD_DATA_ERROR;
    }
    /* The year: --anno; with --al, the monitoring date's; else the file's; else the plan's first. */
    int anno = o->has_anno ? o->anno : o->has_al ? o->al.year : ril->has_anno ? ril->anno : plan->triennio[0];
    if ((o->has_anno || o->has_al) && ril->has_anno && ril->anno != anno) {
        diag_add(diags, DIAG_ERROR, ril->file, "$.anno", NULL, -1,
                 "il file riporta le rilevazioni del %d, ma è stato chiesto il %d (%s)", ril->anno, anno,
                 o->has_anno ? "--anno" : "--al");
        rc = LOAD_DATA_ERROR;
    }
    size_t errors = diags->errors;
    esiti_compute_at(plan, o->raggiunto ? ril : NULL, anno, o->has_al ? &o->al : NULL, esiti, diags);
    if (diags->errors > errors)
        rc = LOAD_DATA_ERROR;
    bool any = false;
    for (size_t i = 0; i < plan->n_obiettivi && !any; i++)
        any = obiettivo_annualita(&plan->obiettivi[i], anno) != NULL;
    if (!any)
        diag_add(diags, DIAG_WARNING, o->raggiunto ? o->raggiunto : "", NULL, NULL, -1,
                 "nessun obiettivo del piano ha un'annualità %d", anno);
    return rc;
}

LoadStatus load_valutazione(const Plan *plan, const InputOptions *o, const Esiti *esiti, int anno,
                            ValutazioneInput *ev, DiagList *diags)
{
    memset(ev, 0, sizeof *ev);
    LoadStatus rc = LOAD_OK;
    struct ArchivioInput *ar = o->archivio;
    bool valutazioni_from_archive = ar && ar->has_valutazioni && o->valutazioni == ar->valutazioni.file;
    if (o->sistema) {
        LoadStatus st = load_sistema(o, &ev->sistema, diags);
        if (st == LOAD_IO_ERROR)
            return LOAD_IO_ERROR;
        ev->has_sistema = st == LOAD_OK;
        if (st != LOAD_OK)
            rc = LOAD_DATA_ERROR;
    }
    if (valutazioni_from_archive) {
        ev->valutazioni = ar->valutazioni; /* moved: the archive's, person by person */
        ar->has_valutazioni = false;
        ev->has_valutazioni = true;
    } else if (o->valutazioni) {
        LoadStatus st = input_valutazioni_load(o->valutazioni, o->codifica, &ev->valutazioni, diags);
        if (st == LOAD_IO_ERROR)
            return LOAD_IO_ERROR;
        ev->has_valutazioni = st == LOAD_OK;
        if (st != LOAD_OK)
            rc = LOAD_DATA_ERROR;
    }
    if (ev->has_sistema && ev->has_valutazioni) {
        size_t errors = diags->errors;
        persone_compute(plan, esiti, anno, &ev->persone);
        valutazione_compute(plan, esiti, &ev->persone, &ev->sistema, &ev->valutazioni, anno, &ev->anno, diags);
        if (diags->errors > errors)
            rc = LOAD_DATA_ERROR;
    } else {
        ev->has_valutazioni = false;
    }
    return rc;
}

LoadStatus load_sistema(const InputOptions *o, Sistema *s, DiagList *diags)
{
    const struct ArchivioInput *ar = o->archivio;
    if (ar && ar->has_sistema && o->sistema == ar->sistema.file)
        return sistema_load_buffer(ar->sistema.file, ar->sistema.bytes, ar->sistema.len, s, diags);
    return sistema_load_file(o->sistema, s, diags);
}

void valutazione_input_free(ValutazioneInput *ev)
{
    valutazione_free(&ev->anno);
    persone_free(&ev->persone);
    valutazioni_free(&ev->valutazioni);
    sistema_free(&ev->sistema);
    memset(ev, 0, sizeof *ev);
}

/* ---- what the documents are made from ------------------------------------------------------ */

char *ingressi_avviso_versione(const VersionePiano *v)
{
    if (v->approvata)
        return NULL;
    return xasprintf("Bozza: versione %d del piano, non approvata dalla Giunta", v->numero);
}

DatiEsito dati_documenti(InputOptions *o, const char *file, bool controlla, DatiDocumenti *out, DiagList *diags,
                         LoadStatus *status)
{
    memset(out, 0, sizeof *out);
    *status = ingressi_piano(o, file, &out->plan, diags, &out->nome_piano);
    out->has_plan = *status != LOAD_IO_ERROR;
    if (*status != LOAD_OK)
        return DATI_PIANO;
    if (controlla)
        ingressi_controlla_piano(&out->plan, out->nome_piano, o->has_anno ? o->anno : out->plan.triennio[0], diags);
    int anno = o->has_anno ? o->anno : o->has_al ? o->al.year : out->plan.triennio[0];
    if (o->raggiunto) {
        out->has_esiti = true;
        if ((*status = load_esiti(&out->plan, o, &out->ril, &out->esiti, diags)) != LOAD_OK)
            return DATI_RILEVAZIONI;
        anno = out->esiti.anno;
    }
    if (o->valutazioni && (*status = load_valutazione(&out->plan, o, &out->esiti, anno, &out->ev, diags)) != LOAD_OK)
        return DATI_VALUTAZIONI;
    const struct ArchivioInput *ar = o->archivio;
    if (ar && ar->n_prese) {
        out->prese = xcalloc(ar->n_prese, sizeof *out->prese);
        for (size_t i = 0; i < ar->n_prese; i++)
            out->prese[out->n_prese++] = (DocPresaVisione){ar->prese[i].nome, ar->prese[i].data};
    }
    if (ar)
        out->avviso = ingressi_avviso_versione(&ar->versione);
    out->doc = (DocInputs){
        .plan = &out->plan,
        .anno = anno,
        .esiti = out->has_esiti ? &out->esiti : NULL,
        .rilevazioni = out->has_esiti ? &out->ril : NULL,
        .valutazioni = out->ev.has_valutazioni ? &out->ev.anno : NULL,
        .has_al = o->has_al,
        .al = o->al,
        .prese = out->prese,
        .n_prese = out->n_prese,
        .prese_registrate = ar && (o->valutazioni == NULL || (ar->valutazioni_lette && o->valutazioni == ar->valutazioni.file)),
        .avviso = out->avviso,
    };
    return DATI_OK;
}

void dati_documenti_free(DatiDocumenti *d)
{
    valutazione_input_free(&d->ev);
    if (d->has_esiti) {
        esiti_free(&d->esiti);
        raggiunto_free(&d->ril);
    }
    if (d->has_plan)
        plan_free(&d->plan);
    free(d->prese);
    free(d->avviso);
    memset(d, 0, sizeof *d);
}
