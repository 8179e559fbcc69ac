/* SPDX-License-Identifier: EUPL-1.2 */
/* rotte.c — the table of routes with the capability each needs, the
 * capabilities of each role, the matching of a path (rotte.h). */
#include "rotte.h"

#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "server.h"
#include "text.h"
#include "web.h"

static const unsigned CAPACITA[N_RUOLI] = {
    [RUOLO_AMMINISTRATORE] = CAP_ACCESSO | CAP_OBIETTIVI | CAP_DOCUMENTI | CAP_RISERVATI | CAP_PERSONE |
                             CAP_SCHEDA_PROPRIA | CAP_VALUTAZIONI | CAP_STORIA | CAP_PIANO | CAP_UTENTI | CAP_RACCOLTE,
    [RUOLO_DIRIGENTE] = CAP_ACCESSO | CAP_OBIETTIVI_PROPRI | CAP_RILEVAZIONI | CAP_SCHEDA_PROPRIA,
    [RUOLO_PERSONALE] = CAP_ACCESSO | CAP_OBIETTIVI | CAP_DOCUMENTI | CAP_RISERVATI | CAP_PERSONE | CAP_SCHEDA_PROPRIA |
                        CAP_VALUTAZIONI,
    [RUOLO_OIV] = CAP_ACCESSO | CAP_OBIETTIVI | CAP_VALIDAZIONE | CAP_DOCUMENTI | CAP_PERSONE | CAP_SCHEDA_PROPRIA |
                  CAP_STORIA,
    [RUOLO_DIPENDENTE] = CAP_ACCESSO | CAP_SCHEDA_PROPRIA,
};

unsigned capacita_di(Ruolo r)
{
    return r < N_RUOLI ? CAPACITA[r] : 0;
}

#define OBIETTIVI (CAP_OBIETTIVI | CAP_OBIETTIVI_PROPRI)
#define PERSONE (CAP_PERSONE | CAP_SCHEDA_PROPRIA)

const Rotta ROTTE[] = {
    {"GET", "/accesso", 0, OGGETTO_NESSUNO, pagina_accesso, NULL, NULL, NULL},
    {"POST", "/accesso", 0, OGGETTO_NESSUNO, post_accesso, NULL, NULL, NULL},
    {"POST", "/uscita", CAP_ACCESSO, OGGETTO_NESSUNO, post_uscita, NULL, NULL, NULL},
    {"GET", "/", CAP_ACCESSO, OGGETTO_NESSUNO, pagina_home, NULL, NULL, NULL},
    {"GET", "/obiettivi", OBIETTIVI, OGGETTO_NESSUNO, pagina_obiettivi,
     "L'elenco degli obiettivi non è tra le pagine di questo ruolo.", "Obiettivi",
     "Le schede, le rilevazioni e il loro stato"},
    {"GET", "/obiettivi/{codice}", OBIETTIVI, OGGETTO_OBIETTIVO, pagina_obiettivo,
     "Le pagine degli obiettivi non sono tra quelle di questo ruolo.", NULL, NULL},
    {"GET", "/obiettivi/{codice}/scheda.pdf", OBIETTIVI, OGGETTO_OBIETTIVO, pagina_obiettivo_pdf,
     "Le schede degli obiettivi non sono tra i documenti di questo ruolo.", NULL, NULL},
    {"POST", "/obiettivi/{codice}/rilevazioni", CAP_RILEVAZIONI, OGGETTO_OBIETTIVO_PROPRIO, post_rilevazione,
     "Le rilevazioni di un obiettivo le inserisce il suo dirigente.", NULL, NULL},
    {"POST", "/obiettivi/{codice}/invio", CAP_RILEVAZIONI, OGGETTO_OBIETTIVO_PROPRIO, post_invio,
     "Le rilevazioni le invia il dirigente dell'obiettivo.", NULL, NULL},
    {"POST", "/obiettivi/{codice}/validazione", CAP_VALIDAZIONE, OGGETTO_OBIETTIVO, post_validazione_rilevazioni,
     "Le rilevazioni le valida o le rimanda l'OIV.", NULL, NULL},
    {"GET", "/documenti/{nome}.pdf", CAP_DOCUMENTI, OGGETTO_DOCUMENTO, documento_pdf,
     "I documenti dell'ente li scaricano la Segreteria, l'ufficio personale e l'OIV.", NULL, NULL},
    {"GET", "/persone", CAP_PERSONE, OGGETTO_NESSUNO, pagina_persone,
     "L'elenco delle persone non è tra le pagine di questo ruolo.", "Persone",
     "Le persone del piano e lo stato della loro valutazione"},
    {"GET", "/persone/{id}", PERSONE, OGGETTO_PERSONA, pagina_persona, "Si può vedere soltanto la propria scheda.", NULL,
     NULL},
    {"GET", "/persone/{id}/scheda.pdf", PERSONE, OGGETTO_PERSONA, pagina_persona_pdf,
     "Si può scaricare soltanto la propria scheda.", NULL, NULL},
    {"POST", "/persone/{id}/presa-visione", CAP_SCHEDA_PROPRIA, OGGETTO_SE_STESSI, post_presa_visione,
     "La presa visione la dà soltanto la persona valutata.", NULL, NULL},
    {"POST", "/persone/{id}/comunicazione", CAP_VALUTAZIONI, OGGETTO_PERSONA, post_comunicazione,
     "La valutazione la comunica l'ufficio personale.", NULL, NULL},
    {"POST", "/persone/{id}/riapertura", CAP_VALUTAZIONI, OGGETTO_PERSONA, post_riapertura,
     "Una valutazione la riapre l'ufficio personale.", NULL, NULL},
    {"POST", "/persone/{id}/presa-visione-cartacea", CAP_VALUTAZIONI, OGGETTO_PERSONA, post_presa_visione_cartacea,
     "La presa visione firmata su carta la registra l'ufficio personale.", NULL, NULL},
    {"GET", "/valutazioni", CAP_VALUTAZIONI, OGGETTO_NESSUNO, pagina_valutazioni,
     "Le valutazioni le cura l'ufficio personale.", "Valutazioni", "Il sistema di valutazione e le valutazioni dell'anno"},
    {"POST", "/valutazioni", CAP_VALUTAZIONI, OGGETTO_NESSUNO, post_valutazioni,
     "Le valutazioni le cura l'ufficio personale.", NULL, NULL},
    {"POST", "/valutazioni/conferma", CAP_VALUTAZIONI, OGGETTO_NESSUNO, post_conferma_valutazioni,
     "Le valutazioni le cura l'ufficio personale.", NULL, NULL},
    {"POST", "/valutazioni/validazione", CAP_VALIDAZIONE, OGGETTO_NESSUNO, post_validazione_valutazioni,
     "Le valutazioni le valida l'OIV.", NULL, NULL},
    {"POST", "/relazione", CAP_VALIDAZIONE, OGGETTO_NESSUNO, post_relazione, "La Relazione la valida l'OIV.", NULL, NULL},
    {"GET", "/piano", CAP_PIANO, OGGETTO_NESSUNO, pagina_piano, "Il piano lo carica la Segreteria (ruolo amministratore).",
     "Piano e versioni", "Caricare una versione, proporla, approvarla"},
    {"POST", "/piano", CAP_PIANO, OGGETTO_NESSUNO, post_piano, "Il piano lo carica la Segreteria (ruolo amministratore).",
     NULL, NULL},
    {"POST", "/piano/stato", CAP_PIANO, OGGETTO_NESSUNO, post_stato_piano,
     "Lo stato del piano lo cambia la Segreteria (ruolo amministratore).", NULL, NULL},
    {"GET", "/utenti", CAP_UTENTI, OGGETTO_NESSUNO, pagina_utenti,
     "Gli utenti li gestisce la Segreteria (ruolo amministratore).", "Utenti", "Chi accede e con quale ruolo"},
    {"POST", "/utenti", CAP_UTENTI, OGGETTO_NESSUNO, post_utenti,
     "Gli utenti li gestisce la Segreteria (ruolo amministratore).", NULL, NULL},
    {"POST", "/utenti/{nome}/accesso", CAP_UTENTI, OGGETTO_NESSUNO, post_accesso_utente,
     "Gli utenti li gestisce la Segreteria (ruolo amministratore).", NULL, NULL},
    {"POST", "/raccolta", CAP_RACCOLTE, OGGETTO_NESSUNO, post_raccolta,
     "Le raccolte delle rilevazioni le apre e le chiude la Segreteria.", NULL, NULL},
    {"GET", "/storia", CAP_STORIA, OGGETTO_NESSUNO, pagina_storia,
     "La storia delle modifiche la leggono la Segreteria e l'OIV.", "Storia delle modifiche",
     "Chi ha cambiato che cosa, e quando"},
};
const size_t N_ROTTE = sizeof ROTTE / sizeof *ROTTE;

bool rotta_consentita(const Rotta *r, unsigned cap)
{
    return r->capacita == 0 || (r->capacita & cap) != 0;
}

bool documento_consentito(const Documento *d, unsigned cap)
{
    return (cap & CAP_DOCUMENTI) && (!d->riservato || (cap & CAP_RISERVATI));
}

/* ---- matching ------------------------------------------------------------------------------ */

/* The next segment of a path from *p (after its '/'): [start, end). False at the end. */
static bool next_segment(const char **p, const char **start, size_t *len)
{
    if (**p != '/')
        return false;
    *start = ++*p;
    while (**p && **p != '/')
        (*p)++;
    *len = (size_t)(*p - *start);
    return true;
}

/* Whether the raw path matches the schema; the argument's raw text in [*arg, *arg + *arg_len). */
static bool matches(const char *schema, const char *path, const char **arg, size_t *arg_len)
{
    const char *s = schema, *p = path, *ss, *ps;
    size_t sl, pl;
    if (strcmp(schema, "/") == 0)
        return strcmp(path, "/") == 0;
    while (true) {
        bool more_s = next_segment(&s, &ss, &sl), more_p = next_segment(&p, &ps, &pl);
        if (!more_s || !more_p)
            return !more_s && !more_p && !*p;
        if (sl > 0 && ss[0] == '{') {
            const char *close = memchr(ss, '}', sl);
            size_t suffix = sl - (size_t)(close - ss) - 1;
            if (pl <= suffix || memcmp(ps + pl - suffix, close + 1, suffix) != 0) /* an empty argument is none */
                return false;
            *arg = ps;
            *arg_len = pl - suffix;
        } else if (sl != pl || memcmp(ss, ps, sl) != 0) {
            return false;
        }
    }
}

const Rotta *rotta_trova(const char *metodo, const char *percorso, char **argomento, bool *esiste, bool *malformato)
{
    *argomento = NULL;
    *esiste = *malformato = false;
    for (size_t i = 0; i < N_ROTTE; i++) {
        const char *arg = NULL;
        size_t arg_len = 0;
        if (!matches(ROTTE[i].schema, percorso, &arg, &arg_len))
            continue;
        *esiste = true;
        if (strcmp(metodo, ROTTE[i].metodo) != 0)
            continue;
        if (arg) {
            size_t n;
            if (!web_percent_decode(arg, arg_len, false, argomento, &n) || n == 0) {
                free(*argomento);
                *argomento = NULL;
                *malformato = true;
                return NULL;
            }
        }
        return &ROTTE[i];
    }
    return NULL;
}

/* ---- the matrix ---------------------------------------------------------------------------- */

static const char *rule_of(Oggetto o)
{
    switch (o) {
    case OGGETTO_OBIETTIVO: return "l'obiettivo deve esistere (404); chi vede solo i propri obiettivi, solo quelli";
    case OGGETTO_OBIETTIVO_PROPRIO: return "l'obiettivo deve esistere (404) ed esserne il dirigente";
    case OGGETTO_PERSONA: return "la persona deve esistere (404); chi vede solo la propria scheda, solo quella";
    case OGGETTO_SE_STESSI: return "la persona deve esistere (404) ed essere chi ha fatto l'accesso";
    case OGGETTO_DOCUMENTO: return "il documento deve esistere (404)";
    case OGGETTO_NESSUNO: break;
    }
    return "";
}

static void print_roles(FILE *out, bool (*allowed)(const void *what, unsigned cap), const void *what)
{
    bool first = true;
    for (int r = 0; r < N_RUOLI; r++)
        if (allowed(what, capacita_di((Ruolo)r))) {
            fprintf(out, "%s%s", first ? "" : ",", ruolo_nome((Ruolo)r));
            first = false;
        }
    if (first)
        fputs("-", out);
}

static bool route_allows(const void *what, unsigned cap) { return rotta_consentita(what, cap); }
static bool document_allows(const void *what, unsigned cap) { return documento_consentito(what, cap); }

void web_permessi(FILE *out)
{
    fputs("metodo\tpercorso\truoli\tcondizione\n", out);
    /* answered before any session is looked for (dispatch.c) */
    fputs("GET\t/salute\tchiunque, anche senza accesso\t\n", out);
    fputs("GET\t/static/{file}\tchiunque, anche senza accesso\tsolo il foglio di stile e i caratteri Titillium\n", out);
    for (size_t i = 0; i < N_ROTTE; i++) {
        const Rotta *r = &ROTTE[i];
        if (r->oggetto == OGGETTO_DOCUMENTO) { /* one line per document of the catalogue */
            for (size_t k = 0; k < N_DOCUMENTI; k++) {
                fprintf(out, "%s\t/documenti/%s.pdf\t", r->metodo, CATALOGO[k].nome);
                print_roles(out, document_allows, &CATALOGO[k]);
                fprintf(out, "\t%s\n", CATALOGO[k].riservato ? "riservato" : "");
            }
            continue;
        }
        fprintf(out, "%s\t%s\t", r->metodo, r->schema);
        if (r->capacita == 0)
            fputs("chiunque, anche senza accesso", out);
        else
            print_roles(out, route_allows, r);
        fprintf(out, "\t%s\n", rule_of(r->oggetto));
    }
}
