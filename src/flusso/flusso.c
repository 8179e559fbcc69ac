/* SPDX-License-Identifier: EUPL-1.2 */
/* flusso.c — the states, the table of transitions, checking and applying one (flusso.h). */
#include "flusso.h"

#include <stdlib.h>
#include <string.h>

#include "csv_values.h"
#include "guardie.h"
#include "text.h"

static const char *const STATI[N_STATI] = {
    [STATO_BOZZA] = "bozza",         [STATO_PROPOSTA] = "proposta",   [STATO_APPROVATA] = "approvata",
    [STATO_SUPERATA] = "superata",   [STATO_APERTA] = "aperta",       [STATO_INVIATA] = "inviata",
    [STATO_VALIDATA] = "validata",   [STATO_RIMANDATA] = "rimandata", [STATO_CHIUSA] = "chiusa",
    [STATO_COMUNICATA] = "comunicata", [STATO_PRESA_VISIONE] = "presa visione",
};

static const struct {
    const char *nome;
    StatoFlusso iniziale;
} FLUSSI[N_FLUSSI] = {
    [FLUSSO_VERSIONE] = {"versione", STATO_BOZZA},     [FLUSSO_RILEVAZIONI] = {"rilevazioni", STATO_APERTA},
    [FLUSSO_RACCOLTA] = {"raccolta", STATO_APERTA},    [FLUSSO_RELAZIONE] = {"relazione", STATO_BOZZA},
    [FLUSSO_VALUTAZIONI] = {"valutazioni", STATO_BOZZA}, [FLUSSO_VALUTAZIONE] = {"valutazione", STATO_BOZZA},
};

const char *stato_nome(StatoFlusso s) { return s < N_STATI ? STATI[s] : "?"; }

bool stato_da_nome(const char *nome, StatoFlusso *out)
{
    for (int i = 0; nome && i < N_STATI; i++)
        if (strcmp(STATI[i], nome) == 0) {
            *out = (StatoFlusso)i;
            return true;
        }
    return false;
}

const char *flusso_nome(Flusso f) { return f < N_FLUSSI ? FLUSSI[f].nome : "?"; }

bool flusso_da_nome(const char *nome, Flusso *out)
{
    for (int i = 0; nome && i < N_FLUSSI; i++)
        if (strcmp(FLUSSI[i].nome, nome) == 0) {
            *out = (Flusso)i;
            return true;
        }
    return false;
}

StatoFlusso flusso_iniziale(Flusso f) { return FLUSSI[f].iniziale; }

#define R(x) (1u << (x))
#define SEGRETERIA R(RUOLO_AMMINISTRATORE)
#define UFFICIO (R(RUOLO_AMMINISTRATORE) | R(RUOLO_PERSONALE))
#define OIV R(RUOLO_OIV)
#define DIRIGENTE R(RUOLO_DIRIGENTE)
#define TUTTI (R(RUOLO_AMMINISTRATORE) | R(RUOLO_DIRIGENTE) | R(RUOLO_PERSONALE) | R(RUOLO_OIV) | R(RUOLO_DIPENDENTE))

/* The table. A row per (object, action, from): the same action from two states is two rows. */
const Transizione TRANSIZIONI[] = {
    {FLUSSO_VERSIONE, "proponi", STATO_BOZZA, STATO_PROPOSTA, SEGRETERIA, CHI_RUOLO, MOTIVO_NESSUNO,
     "Proponi alla Giunta", NULL, NULL, NULL, NULL,
     "La versione sarà proposta alla Giunta. Nessun documento cambia finché la Segreteria non ne registra "
     "l'approvazione."},
    {FLUSSO_VERSIONE, "approva", STATO_PROPOSTA, STATO_APPROVATA, SEGRETERIA, CHI_RUOLO, MOTIVO_DATA,
     "Registra l'approvazione", "Data della delibera di Giunta", "Giunta del %s", NULL, NULL,
     "La versione sarà quella approvata: da ora i documenti e le pagine la usano. La versione approvata prima di "
     "lei diventa «superata»; tutto resta nel registro."},
    {FLUSSO_RILEVAZIONI, "invia", STATO_APERTA, STATO_INVIATA, DIRIGENTE, CHI_DIRIGENTE, MOTIVO_NESSUNO,
     "Invia all'OIV", NULL, NULL, guardia_invio, "la raccolta è aperta e almeno un'azione ha la sua rilevazione",
     "Le rilevazioni saranno inviate all'OIV per la validazione: non si potranno più modificare, a meno che "
     "l'OIV le rimandi."},
    {FLUSSO_RILEVAZIONI, "invia", STATO_RIMANDATA, STATO_INVIATA, DIRIGENTE, CHI_DIRIGENTE, MOTIVO_NESSUNO,
     "Invia di nuovo all'OIV", NULL, NULL, guardia_invio,
     "la raccolta è aperta e almeno un'azione ha la sua rilevazione",
     "Le rilevazioni corrette saranno inviate di nuovo all'OIV: non si potranno più modificare, a meno che l'OIV "
     "le rimandi."},
    {FLUSSO_RILEVAZIONI, "valida", STATO_INVIATA, STATO_VALIDATA, OIV, CHI_RUOLO, MOTIVO_NESSUNO,
     "Valida le rilevazioni", NULL, NULL, NULL, NULL,
     "Le rilevazioni saranno validate così come sono. Si cambiano solo se l'OIV le rimanda al dirigente, con un "
     "motivo."},
    {FLUSSO_RILEVAZIONI, "rimanda", STATO_INVIATA, STATO_RIMANDATA, OIV, CHI_RUOLO, MOTIVO_TESTO,
     "Rimanda al dirigente", "Motivo", NULL, NULL, NULL,
     "Le rilevazioni tornano al dirigente, che le potrà correggere e inviare di nuovo; il motivo si legge nella "
     "pagina dell'obiettivo e resta nel registro."},
    {FLUSSO_RILEVAZIONI, "rimanda", STATO_VALIDATA, STATO_RIMANDATA, OIV, CHI_RUOLO, MOTIVO_TESTO,
     "Rimanda al dirigente", "Motivo", NULL, NULL, NULL,
     "Le rilevazioni già validate tornano al dirigente, che le potrà correggere e inviare di nuovo; il motivo si "
     "legge nella pagina dell'obiettivo e resta nel registro."},
    {FLUSSO_RACCOLTA, "chiudi", STATO_APERTA, STATO_CHIUSA, SEGRETERIA, CHI_RUOLO, MOTIVO_NESSUNO,
     "Chiudi la raccolta", NULL, NULL, NULL, NULL,
     "Nessun dirigente potrà più inserire o cambiare rilevazioni in questa raccolta, finché la Segreteria non la "
     "riapre."},
    {FLUSSO_RACCOLTA, "riapri", STATO_CHIUSA, STATO_APERTA, SEGRETERIA, CHI_RUOLO, MOTIVO_TESTO,
     "Riapri la raccolta", "Motivo della riapertura", NULL, NULL, NULL,
     "I dirigenti potranno di nuovo inserire rilevazioni in questa raccolta (quelle già inviate restano inviate)."},
    {FLUSSO_RELAZIONE, "valida", STATO_BOZZA, STATO_VALIDATA, OIV, CHI_RUOLO, MOTIVO_TESTO,
     "Valida la Relazione", "Commento dell'OIV", NULL, guardia_fine_anno, "la raccolta di fine anno è chiusa",
     "La Relazione sulla Performance sarà validata con il commento dell'OIV, che resta nel registro e nella pagina "
     "iniziale."},
    {FLUSSO_VALUTAZIONI, "valida", STATO_BOZZA, STATO_VALIDATA, OIV, CHI_RUOLO, MOTIVO_TESTO,
     "Valida le valutazioni", "Commento dell'OIV", NULL, guardia_valutazioni_anno,
     "la raccolta di fine anno è chiusa; l'archivio ha il sistema di valutazione e le valutazioni dell'anno",
     "Le valutazioni individuali dell'anno saranno validate con il commento dell'OIV."},
    {FLUSSO_VALUTAZIONE, "comunica", STATO_BOZZA, STATO_COMUNICATA, UFFICIO, CHI_RUOLO, MOTIVO_NESSUNO,
     "Comunica la valutazione", NULL, NULL, guardia_comunicazione,
     "l'archivio ha il sistema di valutazione e le valutazioni dell'anno",
     "La valutazione sarà comunicata alla persona, che ne potrà prendere visione; da ora non si cambia con un "
     "caricamento, ma solo riaprendola con un motivo."},
    {FLUSSO_VALUTAZIONE, "presa-visione", STATO_COMUNICATA, STATO_PRESA_VISIONE, TUTTI, CHI_PERSONA,
     MOTIVO_NESSUNO, "Prendo visione della mia valutazione", NULL, NULL, NULL, NULL,
     "Dichiari di aver preso visione della tua valutazione dell'anno: la data di oggi sarà stampata sulla tua "
     "scheda. Prendere visione non vuol dire essere d'accordo."},
    {FLUSSO_VALUTAZIONE, "presa-visione-cartacea", STATO_COMUNICATA, STATO_PRESA_VISIONE, UFFICIO, CHI_RUOLO,
     MOTIVO_DATA, "Registra la presa visione firmata su carta", "Data della firma", "firmata su carta il %s", NULL,
     NULL,
     "Sarà registrata la presa visione firmata su carta dalla persona, con la sua data, che la scheda PDF della "
     "persona riporterà."},
    {FLUSSO_VALUTAZIONE, "riapri", STATO_COMUNICATA, STATO_BOZZA, UFFICIO, CHI_RUOLO, MOTIVO_TESTO,
     "Riapri la valutazione", "Motivo della riapertura", NULL, NULL, NULL,
     "La valutazione torna in bozza e si potrà correggere; poi andrà comunicata di nuovo."},
    {FLUSSO_VALUTAZIONE, "riapri", STATO_PRESA_VISIONE, STATO_BOZZA, UFFICIO, CHI_RUOLO, MOTIVO_TESTO,
     "Riapri la valutazione", "Motivo della riapertura", NULL, NULL, NULL,
     "La valutazione torna in bozza e si potrà correggere: la presa visione data finora non vale più, e sarà "
     "chiesta di nuovo quando la valutazione sarà comunicata."},
};
const size_t N_TRANSIZIONI = sizeof TRANSIZIONI / sizeof *TRANSIZIONI;

const Transizione *transizione_trova(Flusso f, StatoFlusso da, const char *azione)
{
    for (size_t i = 0; azione && i < N_TRANSIZIONI; i++)
        if (TRANSIZIONI[i].flusso == f && TRANSIZIONI[i].da == da && strcmp(TRANSIZIONI[i].azione, azione) == 0)
            return &TRANSIZIONI[i];
    return NULL;
}

/* The row's state (row->stato NULL: none yet) as a state of flusso f. */
static ArchivioEsito read_state(const ContestoFlusso *ctx, Stato *row, StatoFlusso *out, char **error)
{
    ArchivioEsito e = archivio_stato(ctx->a, flusso_nome(ctx->flusso), ctx->chiave, row, error);
    if (e != ARCHIVIO_OK)
        return e;
    *out = flusso_iniziale(ctx->flusso);
    if (row->stato && !stato_da_nome(row->stato, out)) {
        *error = xasprintf("%s %s: lo stato «%s» dell'archivio non è uno di quelli previsti", flusso_nome(ctx->flusso),
                           ctx->chiave, row->stato);
        stato_free(row);
        return ARCHIVIO_NON_USABILE;
    }
    return ARCHIVIO_OK;
}

ArchivioEsito flusso_stato(const ContestoFlusso *ctx, StatoFlusso *out, char **error)
{
    Stato row;
    ArchivioEsito e = read_state(ctx, &row, out, error);
    if (e == ARCHIVIO_OK)
        stato_free(&row);
    return e;
}

bool transizione_permessa(const Transizione *t, const Attore *chi, char **perche)
{
    if (t->chi == CHI_PERSONA) {
        if (!chi->persona)
            *perche = xstrdup("questo passo lo fa soltanto la persona valutata, dal proprio accesso");
        return chi->persona;
    }
    if (!chi->operatore && !(t->ruoli & R(chi->ruolo))) {
        StrBuf who = {0};
        for (int r = 0; r < N_RUOLI; r++)
            if (t->ruoli & R(r)) {
                strbuf_puts(&who, who.len ? ", " : "");
                strbuf_puts(&who, ruolo_nome((Ruolo)r));
            }
        *perche = xasprintf("«%s» lo fa il ruolo %s", t->etichetta, who.data ? who.data : "");
        strbuf_free(&who);
        return false;
    }
    if (t->chi == CHI_DIRIGENTE && !chi->operatore && !chi->dirigente) {
        *perche = xstrdup("le rilevazioni di un obiettivo le invia il suo dirigente");
        return false;
    }
    return true;
}

/* The reason as the archive keeps it (a new string), or NULL with *error. */
static char *kept_reason(const Transizione *t, const char *motivo, char **error)
{
    const char *m = motivo ? motivo : "";
    while (*m == ' ')
        m++;
    if (t->motivo == MOTIVO_NESSUNO)
        return *m ? xstrdup(m) : NULL;
    if (!*m) {
        *error = xasprintf("«%s» richiede: %s", t->etichetta, t->motivo_etichetta);
        return NULL;
    }
    if (t->motivo == MOTIVO_DATA) {
        Date d;
        DateStatus st = csv_parse_date(m, &d);
        if (st != DATE_OK) {
            char *why = csv_date_problem(m, st);
            *error = xasprintf("%s: %s", t->motivo_etichetta, why);
            free(why);
            return NULL;
        }
        char it[11];
        date_format_it(d, it);
        return xasprintf(t->nota ? t->nota : "%s", it);
    }
    return t->nota ? xasprintf(t->nota, m) : xstrdup(m);
}

/* Checks the transition; *t, *row and *reason filled on ARCHIVIO_OK (the caller frees row and reason). */
static ArchivioEsito check(const ContestoFlusso *ctx, const char *azione, const Attore *chi, const Transizione **t,
                           Stato *row, char **reason, char **error, bool *del_motivo)
{
    *del_motivo = false;
    StatoFlusso now;
    *reason = NULL;
    ArchivioEsito e = read_state(ctx, row, &now, error);
    if (e != ARCHIVIO_OK)
        return e;
    *t = transizione_trova(ctx->flusso, now, azione);
    char *why = NULL;
    if (!*t) {
        StrBuf from = {0}; /* the states the action is made from */
        for (size_t i = 0; i < N_TRANSIZIONI; i++)
            if (TRANSIZIONI[i].flusso == ctx->flusso && strcmp(TRANSIZIONI[i].azione, azione ? azione : "") == 0) {
                strbuf_puts(&from, from.len ? " o «" : "«");
                strbuf_puts(&from, stato_nome(TRANSIZIONI[i].da));
                strbuf_puts(&from, "»");
            }
        *error = from.len ? xasprintf("%s %s è «%s»: il passo «%s» si fa quando è %s", flusso_nome(ctx->flusso),
                                      ctx->chiave, stato_nome(now), azione, from.data)
                          : xasprintf("«%s» non è un passo previsto per %s", azione ? azione : "",
                                      flusso_nome(ctx->flusso));
        strbuf_free(&from);
    } else if (!transizione_permessa(*t, chi, &why)) {
        *error = why;
    } else if (!(*reason = kept_reason(*t, ctx->motivo, error)) && (*t)->motivo != MOTIVO_NESSUNO) {
        *del_motivo = true; /* *error says which */
    } else if ((*t)->guardia && (why = (*t)->guardia(ctx))) {
        *error = why;
    } else {
        return ARCHIVIO_OK;
    }
    free(*reason);
    *reason = NULL;
    stato_free(row);
    return ARCHIVIO_DATI;
}

ArchivioEsito flusso_controlla(const ContestoFlusso *ctx, const char *azione, const Attore *chi, const Transizione **t,
                               char **error, bool *del_motivo)
{
    Stato row;
    char *reason;
    ArchivioEsito e = check(ctx, azione, chi, t, &row, &reason, error, del_motivo);
    if (e == ARCHIVIO_OK) {
        stato_free(&row);
        free(reason);
    }
    return e;
}

char *flusso_guardia(const ContestoFlusso *ctx, const char *azione)
{
    StatoFlusso now;
    char *error = NULL;
    if (flusso_stato(ctx, &now, &error) != ARCHIVIO_OK)
        return error;
    const Transizione *t = transizione_trova(ctx->flusso, now, azione);
    if (!t)
        return xasprintf("è «%s»", stato_nome(now));
    return t->guardia ? t->guardia(ctx) : NULL;
}

/* One approved version at a time: the others approved before become superata, recorded. */
static ArchivioEsito supersede(const ContestoFlusso *ctx, const Autore *chi, char **error)
{
    char **keys;
    Stato *st;
    size_t n = archivio_stati(ctx->a, "versione", "", &keys, &st);
    ArchivioEsito e = ARCHIVIO_OK;
    for (size_t i = 0; i < n; i++) {
        if (e == ARCHIVIO_OK && strcmp(keys[i], ctx->chiave) != 0 && st[i].stato &&
            strcmp(st[i].stato, stato_nome(STATO_APPROVATA)) == 0) {
            char *nota = xasprintf("superata dalla versione %s", ctx->chiave);
            Autore why = {chi->autore, nota};
            e = archivio_cambia_stato(ctx->a, "versione", keys[i], NULL, st[i].stato, stato_nome(STATO_SUPERATA), nota,
                                      &why, error);
            free(nota);
        }
        free(keys[i]);
        stato_free(&st[i]);
    }
    free(keys);
    free(st);
    return e;
}

ArchivioEsito flusso_applica(const ContestoFlusso *ctx, const char *azione, const Attore *chi, char **error)
{
    const Transizione *t;
    Stato row;
    char *reason;
    bool del_motivo;
    ArchivioEsito e = check(ctx, azione, chi, &t, &row, &reason, error, &del_motivo);
    if (e != ARCHIVIO_OK)
        return e;
    Autore autore = {chi->nome, reason};
    const char *codice = ctx->flusso == FLUSSO_RILEVAZIONI && ctx->obiettivo ? ctx->obiettivo->codice : NULL;
    e = archivio_cambia_stato(ctx->a, flusso_nome(ctx->flusso), ctx->chiave, codice, row.stato, stato_nome(t->a), reason,
                              &autore, error);
    if (e == ARCHIVIO_OK && ctx->flusso == FLUSSO_VERSIONE && t->a == STATO_APPROVATA)
        e = supersede(ctx, &autore, error);
    stato_free(&row);
    free(reason);
    return e;
}

char *flusso_conferma_dettaglio(const ContestoFlusso *ctx, const Transizione *t)
{
    if (t->flusso != FLUSSO_RILEVAZIONI || t->a != STATO_INVIATA || !ctx->obiettivo)
        return NULL;
    const Annualita *y = obiettivo_annualita(ctx->obiettivo, ctx->anno);
    int *done;
    size_t n_done = archivio_azioni_rilevate(ctx->a, ctx->anno, ctx->has_al ? &ctx->al : NULL, ctx->obiettivo->codice,
                                             &done);
    StrBuf b = {0};
    size_t missing = 0;
    for (size_t k = 0; y && k < y->n_azioni; k++) {
        bool found = false;
        for (size_t i = 0; i < n_done && !found; i++)
            found = done[i] == y->azioni[k].n;
        if (found)
            continue;
        strbuf_printf(&b, "%s azione %d (%s)", missing++ ? ";" : "", y->azioni[k].n,
                      y->azioni[k].azione ? y->azioni[k].azione : "");
    }
    free(done);
    char *text = missing ? xasprintf("%s senza una rilevazione:%s. Saranno inviate così: per l'OIV non sono rilevate.",
                                     missing == 1 ? "Resta un'azione" : "Restano azioni", b.data)
                         : xasprintf("Tutte le %zu azioni dell'anno hanno la loro rilevazione.", y ? y->n_azioni : 0);
    strbuf_free(&b);
    return text;
}

char *flusso_chiave_raccolta(int anno, const Date *al)
{
    char d[11];
    if (!al)
        return xasprintf("%d", anno);
    date_format_iso(*al, d);
    return xasprintf("%d al %s", anno, d);
}

char *flusso_chiave_rilevazioni(int anno, const Date *al, const char *codice)
{
    char *raccolta = flusso_chiave_raccolta(anno, al), *key = xasprintf("%s %s", raccolta, codice);
    free(raccolta);
    return key;
}

char *flusso_chiave_versione(int numero)
{
    return xasprintf("%d", numero);
}

void flusso_tabella(FILE *out)
{
    fputs("oggetto\tda\tpasso\ta\tchi\tmotivo\tcondizione\n", out);
    for (size_t i = 0; i < N_TRANSIZIONI; i++) {
        const Transizione *t = &TRANSIZIONI[i];
        fprintf(out, "%s\t%s\t%s\t%s\t", flusso_nome(t->flusso), stato_nome(t->da), t->azione, stato_nome(t->a));
        if (t->chi == CHI_PERSONA) {
            fputs("la persona valutata", out);
        } else {
            bool first = true;
            for (int r = 0; r < N_RUOLI; r++)
                if (t->ruoli & R(r)) {
                    fprintf(out, "%s%s", first ? "" : ",", ruolo_nome((Ruolo)r));
                    first = false;
                }
            if (t->chi == CHI_DIRIGENTE)
                fputs(" (dell'obiettivo)", out);
        }
        fprintf(out, "\t%s\t%s\n", t->motivo == MOTIVO_NESSUNO ? "" : t->motivo_etichetta,
                t->guardia_testo ? t->guardia_testo : "");
    }
}

bool flusso_rilevazioni_modificabili(StatoFlusso s)
{
    return transizione_trova(FLUSSO_RILEVAZIONI, s, "invia") != NULL;
}

char *flusso_rilevazioni_bloccate(Archivio *a, int anno, const Date *al, const char *codice)
{
    char *key = flusso_chiave_raccolta(anno, al), *error = NULL;
    ContestoFlusso ctx = {.a = a, .flusso = FLUSSO_RACCOLTA, .chiave = key, .anno = anno};
    StatoFlusso raccolta = STATO_APERTA, ril = STATO_APERTA;
    ArchivioEsito e = flusso_stato(&ctx, &raccolta, &error);
    free(key);
    char *why = NULL;
    if (e == ARCHIVIO_OK && raccolta == STATO_CHIUSA) {
        why = xstrdup("la raccolta di queste rilevazioni è chiusa: la riapre la Segreteria");
    } else if (e == ARCHIVIO_OK) {
        ctx.flusso = FLUSSO_RILEVAZIONI;
        ctx.chiave = key = flusso_chiave_rilevazioni(anno, al, codice);
        e = flusso_stato(&ctx, &ril, &error);
        free(key);
        if (e == ARCHIVIO_OK && !flusso_rilevazioni_modificabili(ril))
            why = xasprintf("le rilevazioni di %s sono «%s»: cambiano solo dopo che l'OIV le rimanda al dirigente",
                            codice, stato_nome(ril));
    }
    if (e != ARCHIVIO_OK)
        why = error ? error : xstrdup("lo stato delle rilevazioni non si legge");
    else
        free(error);
    return why;
}
