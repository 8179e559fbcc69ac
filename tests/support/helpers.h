/* helpers.h — shared by the unit tests: plans written with single quotes
 * (turned into double quotes before parsing) and lookups in the diagnostics. */
#ifndef SCHEDE_TEST_HELPERS_H
#define SCHEDE_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "plan_check.h"
#include "plan_load.h"

/* A minimal valid objective: every field verifica expects is filled. */
#define OBJ_FIELDS(codice)                                                                 \
    "'codice':'" codice "','tipo':'comune','descrizione':'Descrizione',"                \
    "'bilancio':[{'missione':'01','programma':'02'}],'dirigente':'Dirigente Area 1',"   \
    "'target':'Traguardo','accessibilita':'Rispettato','unita_responsabile':'Ufficio'"

#define ONE_ACTION "'annualita':[{'anno':2024,'azioni':[{'n':1,'peso':100,'azione':'Fare','regola':{'tipo':'manuale'}}]}]"

#define PLAN(objectives)                                                                   \
    "{'formato':'schede-piano/1','ente':'Comune di Prova','triennio':[2024,2026],"      \
    "'obiettivi':[" objectives "]}"

typedef struct {
    Plan plan;
    DiagList diags;
    LoadStatus status;
} Loaded;

/* Loads a single-quoted JSON text as file "prova.json", then runs the checks. */
static inline Loaded *load_q(const char *single_quoted)
{
    Loaded *l = calloc(1, sizeof *l);
    char *text = strdup(single_quoted);
    for (char *p = text; *p; p++)
        if (*p == '\'')
            *p = '"';
    diag_list_init(&l->diags);
    l->status = plan_load_buffer("prova.json", text, strlen(text), &l->plan, &l->diags);
    plan_check(&l->plan, "prova.json", &l->diags);
    free(text);
    return l;
}

static inline Loaded *load_raw(const char *text, size_t len)
{
    Loaded *l = calloc(1, sizeof *l);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    diag_list_init(&l->diags);
    l->status = plan_load_buffer("prova.json", copy, len, &l->plan, &l->diags);
    free(copy);
    return l;
}

static inline void loaded_free(Loaded *l)
{
    plan_free(&l->plan);
    diag_list_free(&l->diags);
    free(l);
}

/* Asserts that a diagnostic with this severity, path and message fragment
 * exists, and returns it. */
static inline const Diag *expect_diag(const Loaded *l, DiagSeverity sev, const char *path,
                                      const char *fragment)
{
    for (size_t i = 0; i < l->diags.count; i++) {
        const Diag *d = &l->diags.items[i];
        if (d->severity == sev && strstr(d->message, fragment) &&
            ((!path && !d->path) || (path && d->path && strcmp(d->path, path) == 0)))
            return d;
    }
    for (size_t i = 0; i < l->diags.count; i++)
        cr_log_info("diag: %s | %s | %s", l->diags.items[i].path ? l->diags.items[i].path : "-",
                    l->diags.items[i].codice ? l->diags.items[i].codice : "-",
                    l->diags.items[i].message);
    cr_assert_fail("no %s at %s containing «%s»", sev == DIAG_ERROR ? "error" : "warning",
                   path ? path : "(no path)", fragment);
    return NULL;
}

#endif
