/* docs/formato.md §7: the keys other comuni's forms carry, read and
 * checked, every problem named by path and codice. */
#include <cjson/cJSON.h>

#include "helpers.h"
#include "run.h"

#define INDICATORS(list) "'indicatori':[" list "]"

Test(forms, every_key_is_read)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("G-01") "," ONE_ACTION ",'tipologia':'sviluppo','peso':30,"
                            "'valutazione_individuale':false,"
                            "'collegamenti':[{'livello':'Obiettivo strategico','codice':'OS-1.2','testo':'Una PA digitale'},"
                            "{'livello':'Obiettivo operativo','codice':'OO-1.2.3'}],"
                            "'campi':[{'etichetta':'Collegamento PNRR','valore':'M1C1'},{'etichetta':'Rischio'}],"
                            INDICATORS("{'nome':'Tempo medio di pagamento','tipo':'efficienza','unita':'giorni',"
                                       "'fonte':'PCC','formula':'Σ giorni / fatture','verso':'decrescente','peso':60,"
                                       "'baseline':{'anno':2023,'valore':38},"
                                       "'valori':[{'anno':2024,'target':35},{'anno':2025,'target':30},{'anno':2026,'target':28}]},"
                                       "{'nome':'Pratiche digitali','valori':[{'anno':2024,'target':50},{'anno':2025,'target':70},"
                                       "{'anno':2026,'target':90}],'regola':{'tipo':'proporzionale','obiettivo':80}}") "}"));
    cr_assert_eq(l->status, LOAD_OK);
    /* and the second indicator has no peso while the first has one */
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].indicatori[1]", "non ha un «peso» mentre altri indicatori");
    cr_assert_eq(l->diags.count, 1, "unexpected diagnostics: %zu", l->diags.count);
    const Obiettivo *o = &l->plan.obiettivi[0];
    cr_assert_str_eq(o->tipologia, "sviluppo");
    cr_assert(o->has_peso);
    cr_assert_eq(o->peso, 30);
    cr_assert_not(o->valutazione_individuale);
    cr_assert_eq(o->n_collegamenti, 2);
    cr_assert_str_eq(o->collegamenti[0].livello, "Obiettivo strategico");
    cr_assert_str_eq(o->collegamenti[0].codice, "OS-1.2");
    cr_assert_str_eq(o->collegamenti[0].testo, "Una PA digitale");
    cr_assert_null(o->collegamenti[1].testo);
    cr_assert_eq(o->n_campi, 2);
    cr_assert_str_eq(o->campi[0].etichetta, "Collegamento PNRR");
    cr_assert_str_eq(o->campi[0].valore, "M1C1");
    cr_assert_null(o->campi[1].valore);
    cr_assert_eq(o->n_indicatori, 2);
    const Indicatore *a = &o->indicatori[0], *b = &o->indicatori[1];
    cr_assert_str_eq(a->nome, "Tempo medio di pagamento");
    cr_assert_str_eq(a->tipo, "efficienza");
    cr_assert_str_eq(a->unita, "giorni");
    cr_assert_str_eq(a->fonte, "PCC");
    cr_assert_str_eq(a->formula, "Σ giorni / fatture");
    cr_assert_eq(a->verso, VERSO_DECRESCENTE);
    cr_assert(a->has_peso);
    cr_assert_eq(a->peso, 60);
    cr_assert(a->has_baseline);
    cr_assert_eq(a->baseline_anno, 2023);
    cr_assert_eq(a->baseline_valore, 38);
    cr_assert_eq(a->n_valori, 3);
    double t = 0;
    cr_assert(indicatore_target(a, 2025, &t));
    cr_assert_eq(t, 30);
    cr_assert_not(indicatore_target(a, 2027, &t));
    cr_assert_eq(a->regola.tipo, RULE_NONE, "no regola: the default of verso");
    cr_assert_eq(b->verso, VERSO_CRESCENTE, "crescente when absent");
    cr_assert_not(b->has_peso);
    cr_assert_eq(b->regola.tipo, RULE_PROPORZIONALE);
    cr_assert_eq(b->regola.obiettivo, 80);
    loaded_free(l);
}

Test(forms, absent_keys_keep_todays_meaning)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION "}"));
    const Obiettivo *o = &l->plan.obiettivi[0];
    cr_assert(o->valutazione_individuale, "counts in people's scores unless the plan says false");
    cr_assert_not(o->has_peso);
    cr_assert_null(o->tipologia);
    cr_assert_eq(o->n_indicatori + o->n_collegamenti + o->n_campi, 0);
    loaded_free(l);
}

Test(forms, verso_other_than_the_two_is_an_error)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("G-02") "," ONE_ACTION ","
                            INDICATORS("{'nome':'X','verso':'ascendente','valori':[{'anno':2024,'target':1},"
                                       "{'anno':2025,'target':1},{'anno':2026,'target':1}]}") "}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    const Diag *d = expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[0].verso",
                                "«verso» deve essere \"crescente\" o \"decrescente\", non «ascendente»");
    cr_assert_str_eq(d->codice, "G-02");
    loaded_free(l);
}

Test(forms, a_year_of_the_triennio_without_target_is_a_warning)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("G-03") "," ONE_ACTION ","
                            INDICATORS("{'nome':'Pratiche','valori':[{'anno':2024,'target':10},{'anno':2026,'target':30}]}") "}"));
    cr_assert_eq(l->status, LOAD_OK);
    cr_assert_eq(l->diags.errors, 0);
    const Diag *d = expect_diag(l, DIAG_WARNING, "$.obiettivi[0].indicatori[0]",
                                "l'indicatore n. 1 «Pratiche» non ha un target per il 2025: quell'anno non conterà");
    cr_assert_str_eq(d->codice, "G-03");
    cr_assert_eq(l->diags.warnings, 1, "only 2025 lacks a target");
    loaded_free(l);
}

Test(forms, target_problems)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("G-04") "," ONE_ACTION ","
                            INDICATORS("{'nome':'A','valori':[{'anno':2024,'target':0},{'anno':2024,'target':5},"
                                       "{'anno':2025,'target':1},{'anno':2026,'target':1},{'anno':2029,'target':1}]},"
                                       "{'nome':'B','verso':'decrescente','valori':[{'anno':2024,'target':-2},"
                                       "{'anno':2025,'target':0},{'anno':2026,'target':1}]},"
                                       "{'nome':'C','valori':[{'anno':2024,'target':0},{'anno':2025,'target':1},"
                                       "{'anno':2026,'target':1}],'regola':{'tipo':'si_no'}}") "}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[0].valori[1].anno", "l'indicatore n. 1 ha due target per il 2024");
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].indicatori[0].valori[4].anno",
                "il target del 2029 dell'indicatore n. 1 è fuori dal triennio 2024–2026");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[0].valori[0].target",
                "il target zero dell'indicatore n. 1 non si può usare per calcolare la percentuale (valore / target)");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[1].valori[0].target",
                "il target negativo dell'indicatore n. 2");
    /* decrescente with target 0 is fine (0 / valore; valore 0 → 100), an explicit rule too */
    cr_assert_eq(l->diags.errors, 3, "errors: %zu", l->diags.errors);
    loaded_free(l);
}

Test(forms, ritardo_is_not_an_indicator_rule)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("G-05") "," ONE_ACTION ","
                            INDICATORS("{'nome':'A','valori':[{'anno':2024,'target':1},{'anno':2025,'target':1},"
                                       "{'anno':2026,'target':1}],'regola':{'tipo':'ritardo','fasce':[{'giorni':0,'percentuale':100}]}}") "}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[0].regola", "la regola «ritardo» misura i giorni");
    loaded_free(l);
}

Test(forms, other_problems_named_by_path)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("G-06") "," ONE_ACTION ",'peso':-1,'valutazione_individuale':'no',"
                            "'collegamenti':[{'livello':'Obiettivo strategico'}],'campi':[{'valore':'x'}],"
                            INDICATORS("{'tipo':'efficacia','peso':-5,'baseline':{'anno':2023},"
                                       "'valori':[{'anno':2024,'target':1},{'anno':2025,'target':1},{'anno':2026,'target':1}]}") "}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].peso", "il peso di un obiettivo non può essere negativo");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].valutazione_individuale", "deve essere true o false");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].collegamenti[0]", "almeno il «codice» o il «testo»");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].campi[0].etichetta", "manca «etichetta»");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[0].nome", "manca «nome»");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[0].peso", "il peso di un indicatore non può essere negativo");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].indicatori[0].baseline.valore", "manca «valore»");
    loaded_free(l);
}

Test(forms, objective_weights_on_part_of_a_dirigente)
{
    /* are Dirigente Area 1's: one weighted, one not → a warning on
     * the one without; B-01, another dirigente's, alone and unweighted: nothing. */
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION ",'peso':40},"
                            "{" OBJ_FIELDS("A-02") "," ONE_ACTION "},"
                            "{'codice':'B-01','tipo':'comune','descrizione':'D','bilancio':[{'missione':'01','programma':'02'}],"
                            "'dirigente':'Dirigente Area 2','target':'T','accessibilita':'R','unita_responsabile':'U',"
                            ONE_ACTION "}"));
    cr_assert_eq(l->status, LOAD_OK);
    const Diag *d = expect_diag(l, DIAG_WARNING, "$.obiettivi[1]",
                                "1 dei 2 obiettivi di «Dirigente Area 1» hanno un «peso», questo no");
    cr_assert_str_eq(d->codice, "A-02");
    cr_assert_eq(l->diags.warnings, 1);
    loaded_free(l);
}

/* confronta compares the keys of §7 too (tests/fixtures/altri-moduli-v2.json
 * is altri-moduli.json with, in OG-01: tipologia, peso 60 → 50, a
 * collegamento dropped, campo «Rischio» Medio → Alto, a new campo,
 * indicator 1's 2026 target 30 → 29, a third indicator; in OG-02:
 * valutazione_individuale back to true, indicator 1's 2027 target dropped;
 * and unchanged values written again: verso of indicator 1, peso of 2). */
Test(forms, the_comparison_reports_the_keys_of_other_forms, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run("confronta tests/fixtures/altri-moduli.json tests/fixtures/altri-moduli-v2.json 2>/dev/null");
    cr_assert_eq(r.status, 0, "%s", r.out);
    cJSON *j = cJSON_Parse(r.out);
    cr_assert_not_null(j, "%s", r.out);
    const cJSON *mod = cJSON_GetObjectItem(j, "modificati");
    cr_assert_eq(cJSON_GetArraySize(mod), 2);
    static const char *const og1[][3] = {
        {"tipologia", "sviluppo", "strategico"},
        {"peso dell'obiettivo", "60", "50"},
        {"collegamenti",
         "Obiettivo strategico OS-1.2 – Una amministrazione efficiente\nObiettivo operativo OO-1.2.3 – Pagare nei tempi "
         "di legge",
         "Obiettivo strategico OS-1.2 – Una amministrazione efficiente"},
        {"campo «Rischio»", "Medio", "Alto"},
        {"campo «Stakeholder chiave»", NULL, "Imprese fornitrici"},
        {"indicatore 1: target 2026", "30", "29"},
        {"indicatore 3", NULL, "Fatture contestate (%, decrescente, peso 0): target 2025: 5; 2026: 4; 2027: 3"}};
    static const char *const og2[][3] = {{"valutazione individuale", "no", "sì"},
                                         {"indicatore 1: target 2027", "12", NULL}};
    struct {
        const char *codice;
        const char *const (*rows)[3];
        size_t n;
    } expected[] = {{"OG-01", og1, sizeof og1 / sizeof *og1}, {"OG-02", og2, sizeof og2 / sizeof *og2}};
    for (int o = 0; o < 2; o++) {
        const cJSON *m = cJSON_GetArrayItem(mod, o);
        cr_assert_str_eq(cJSON_GetObjectItem(m, "codice")->valuestring, expected[o].codice);
        const cJSON *campi = cJSON_GetObjectItem(m, "campi");
        cr_assert_eq((size_t)cJSON_GetArraySize(campi), expected[o].n, "%s: %s", expected[o].codice, r.out);
        for (size_t k = 0; k < expected[o].n; k++) {
            const cJSON *c = cJSON_GetArrayItem(campi, (int)k);
            cr_assert_str_eq(cJSON_GetObjectItem(c, "campo")->valuestring, expected[o].rows[k][0]);
            const cJSON *prima = cJSON_GetObjectItem(c, "prima"), *dopo = cJSON_GetObjectItem(c, "dopo");
            if (expected[o].rows[k][1])
                cr_assert_str_eq(prima->valuestring, expected[o].rows[k][1]);
            else
                cr_assert(cJSON_IsNull(prima));
            if (expected[o].rows[k][2])
                cr_assert_str_eq(dopo->valuestring, expected[o].rows[k][2]);
            else
                cr_assert(cJSON_IsNull(dopo));
        }
    }
    cJSON_Delete(j);
    free(r.out);
    /* a label the form repeats: matched by its occurrence, so an unchanged plan has no change */
    char *dir = test_dir("forms", "campi-ripetuti");
    char *a = xasprintf("%s/a.json", dir), *b = xasprintf("%s/b.json", dir);
    static const char *const plan_fmt =
        "{\"formato\":\"schede-piano/1\",\"ente\":\"E\",\"triennio\":[2024,2026],\"obiettivi\":[{\"codice\":"
        "\"C-1\",\"tipo\":\"comune\",\"descrizione\":\"D\",\"campi\":[{\"etichetta\":\"Rischio\",\"valore\":"
        "\"Alto\"},{\"etichetta\":\"Rischio\",\"valore\":\"%s\"}],\"annualita\":[{\"anno\":2024,\"azioni\":[]}]}]}";
    for (int side = 0; side < 2; side++) {
        FILE *f = fopen(side ? b : a, "w");
        cr_assert_not_null(f);
        fprintf(f, plan_fmt, side ? "Medio" : "Basso");
        fclose(f);
    }
    char *cmd = xasprintf("confronta '%s' '%s' 2>&1", a, a);
    Run same = run(cmd);
    expect_contains(&same, "nessuna differenza");
    free(same.out);
    free(cmd);
    cmd = xasprintf("confronta '%s' '%s' 2>/dev/null", a, b);
    Run changed = run(cmd);
    cJSON *jc = cJSON_Parse(changed.out);
    const cJSON *campi = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(jc, "modificati"), 0), "campi");
    cr_assert_eq(cJSON_GetArraySize(campi), 1, "%s", changed.out);
    cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(campi, 0), "prima")->valuestring, "Basso");
    cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(campi, 0), "dopo")->valuestring, "Medio");
    cJSON_Delete(jc);
    free(changed.out);
    free(cmd);
    free(a);
    free(b);
    free(dir);
    /* and no warning that they are not compared */
    r = run("confronta tests/fixtures/altri-moduli.json tests/fixtures/altri-moduli-v2.json 2>&1 >/dev/null");
    cr_assert_str_eq(r.out, "", "%s", r.out);
    free(r.out);
}

/* ---- indicator scoring (docs/formato.md §7), by hand ------------------------------------------------ */

#include "esiti.h"
#include "raggiunto.h"

typedef struct {
    Plan plan;
    Rilevazioni ril;
    Esiti esiti;
    DiagList diags;
} Scored;

static Scored *score(const char *rilevazioni_json)
{
    Scored *s = calloc(1, sizeof *s);
    diag_list_init(&s->diags);
    cr_assert_eq(plan_load_file(SCHEDE_SOURCE_DIR "/tests/fixtures/indicatori-piano.json", &s->plan, &s->diags),
                 LOAD_OK);
    char *text = xasprintf("{\"formato\":\"schede-raggiunto/1\",\"anno\":2024,\"rilevazioni\":[%s]}",
                           rilevazioni_json);
    cr_assert_eq(raggiunto_load_buffer("r.json", text, strlen(text), CODIFICA_AUTO, &s->ril, &s->diags), LOAD_OK);
    free(text);
    esiti_compute(&s->plan, &s->ril, 2024, &s->esiti, &s->diags);
    return s;
}

static void scored_free(Scored *s)
{
    esiti_free(&s->esiti);
    raggiunto_free(&s->ril);
    plan_free(&s->plan);
    diag_list_free(&s->diags);
    free(s);
}

Test(forms, indicators_score_an_objective_without_actions)
{
    Scored *s = score("{\"obiettivo\":\"I-01\",\"indicatore\":1,\"valore\":32},"
                      "{\"obiettivo\":\"I-01\",\"indicatore\":2,\"valore\":100},"
                      "{\"obiettivo\":\"I-01\",\"indicatore\":3,\"valore\":75}");
    cr_assert_eq(s->diags.errors, 0);
    const EsitoObiettivo *o = &s->esiti.obiettivi[0];
    /* decrescente: 30 / 32 = 93.75 %; crescente: 100 / 80 = 125 % → 100 %;
     * soglie: 75 ≥ 70 → 50 %, but it has no peso while the others do: weight 0.
     * (60 × 93.75 + 40 × 100) / (60 + 40) = 9625 / 100 = 96.25 % */
    cr_assert_float_eq(o->indicatori[0].percentuale, 93.75, 1e-9);
    cr_assert_str_eq(o->indicatori[0].dettaglio, "decrescente: target 30 / valore 32 = 93,75\u00A0%");
    cr_assert_float_eq(o->indicatori[1].percentuale, 100.0, 1e-9);
    cr_assert_str_eq(o->indicatori[1].dettaglio, "crescente: valore 100 / target 80 = 100,00\u00A0% (al massimo 100\u00A0%)");
    cr_assert_float_eq(o->indicatori[2].percentuale, 50.0, 1e-9, "the explicit rule");
    cr_assert(o->da_indicatori);
    cr_assert(o->has_percentuale);
    cr_assert_float_eq(o->percentuale, 96.25, 1e-9);
    /* the loader said that indicator 3 weighs nothing */
    const Diag *d = diag_find(&s->diags, "l'indicatore n. 3 non ha un «peso» mentre altri");
    cr_assert_not_null(d);
    cr_assert_str_eq(d->path, "$.obiettivi[0].indicatori[2]");
    scored_free(s);
}

Test(forms, indicators_without_weights_count_equally_and_missing_values_not_at_all)
{
    Scored *s = score("{\"obiettivo\":\"I-02\",\"indicatore\":1,\"valore\":5},"
                      "{\"obiettivo\":\"I-02\",\"indicatore\":2,\"valore\":20},"
                      "{\"obiettivo\":\"I-02\",\"indicatore\":4,\"valore\":2}");
    const EsitoObiettivo *o = &s->esiti.obiettivi[1];
    /* 5 / 10 = 50 %, 20 / 20 = 100 %; C not reported; D has no 2024 target
     * (a warning, not counted): (50 + 100) / 2 = 75 % */
    cr_assert_float_eq(o->indicatori[0].percentuale, 50.0, 1e-9);
    cr_assert_float_eq(o->indicatori[1].percentuale, 100.0, 1e-9);
    cr_assert_eq(o->indicatori[2].stato, STATO_NON_RILEVATO);
    cr_assert_not(o->indicatori[3].has_target);
    cr_assert_eq(o->indicatori[3].stato, STATO_NON_RILEVATO);
    cr_assert_not_null(diag_find(&s->diags, "l'indicatore n. 4 non ha un target per il 2024: la rilevazione non conta"));
    cr_assert_float_eq(o->percentuale, 75.0, 1e-9);
    cr_assert_eq(s->diags.errors, 0);
    scored_free(s);
}

Test(forms, with_actions_the_objective_is_scored_from_them)
{
    Scored *s = score("{\"obiettivo\":\"I-03\",\"azione\":1,\"valore\":false},"
                      "{\"obiettivo\":\"I-03\",\"indicatore\":1,\"valore\":0}");
    const EsitoObiettivo *o = &s->esiti.obiettivi[2];
    /* the action is not done: 0 %; the indicator (decrescente, valore 0 → 100 %) is reported beside */
    cr_assert_not(o->da_indicatori);
    cr_assert_float_eq(o->percentuale, 0.0, 1e-9);
    cr_assert_float_eq(o->indicatori[0].percentuale, 100.0, 1e-9);
    cr_assert_str_eq(o->indicatori[0].dettaglio, "decrescente: valore 0, target 15 = 100,00\u00A0%");
    scored_free(s);
}

/* The diagnostic with this severity whose message contains text. */
static const Diag *diag_with(const DiagList *d, DiagSeverity sev, const char *path, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == sev && strstr(d->items[i].message, text) &&
            (!path || (d->items[i].path && strcmp(d->items[i].path, path) == 0)))
            return &d->items[i];
    cr_assert_fail("no %s at %s with «%s»", sev == DIAG_ERROR ? "error" : "warning", path ? path : "-", text);
    return NULL;
}

Test(forms, indicator_rilevazioni_in_error)
{
    Scored *s = score("{\"obiettivo\":\"I-01\",\"indicatore\":9,\"valore\":1},"
                      "{\"obiettivo\":\"I-01\",\"indicatore\":1,\"valore\":true},"
                      "{\"obiettivo\":\"I-01\",\"indicatore\":2,\"valore\":70,\"percentuale\":90},"
                      "{\"obiettivo\":\"I-02\",\"indicatore\":1,\"valore\":10},"
                      "{\"obiettivo\":\"I-02\",\"indicatore\":1,\"valore\":11},"
                      "{\"obiettivo\":\"I-02\",\"indicatore\":2,\"valore\":10,\"percentuale\":80,"
                      "\"nota\":\"dato PCC rettificato\"}");
    diag_with(&s->diags, DIAG_ERROR, "$.rilevazioni[0]", "l'obiettivo ha 3 indicatori: non c'è l'indicatore n. 9");
    diag_with(&s->diags, DIAG_ERROR, "$.rilevazioni[1]", "indicatore n. 1: serve un «valore» numerico");
    diag_with(&s->diags, DIAG_ERROR, "$.rilevazioni[2]", "la «percentuale» sostituisce quella calcolata dal valore "
                                                         "solo con una «nota»");
    diag_with(&s->diags, DIAG_ERROR, "$.rilevazioni[4]", "seconda rilevazione per l'indicatore n. 1 del 2024");
    cr_assert_eq(s->diags.errors, 4, "errors: %zu", s->diags.errors);
    /* the override with its nota stands: forzato at 80 %; A at 10 / 10 = 100 %: (100 + 80) / 2 = 90 % */
    const EsitoObiettivo *o = &s->esiti.obiettivi[1];
    cr_assert_eq(o->indicatori[1].stato, STATO_FORZATO);
    cr_assert_float_eq(o->indicatori[1].percentuale, 80.0, 1e-9);
    cr_assert_float_eq(o->percentuale, 90.0, 1e-9);
    cr_assert_not(s->esiti.obiettivi[0].has_percentuale, "nothing valid was reported for I-01");
    scored_free(s);
}

Test(forms, indicator_rilevazioni_read_from_json_and_csv)
{
    const char *csv = "obiettivo;azione;indicatore;valore;nota\n"
                      "I-01;;1;32;\n"
                      "I-01;;2;70,5;stima\n"
                      "I-01;2;1;5;\n"
                      "I-01;;x;5;\n";
    Rilevazioni r;
    DiagList d;
    diag_list_init(&d);
    raggiunto_load_buffer("r.csv", csv, strlen(csv), CODIFICA_AUTO, &r, &d);
    cr_assert_eq(r.items[0].indicatore, 1);
    cr_assert_eq(r.items[0].azione, 0);
    cr_assert_float_eq(r.items[0].valore, 32.0, 1e-9);
    cr_assert_eq(r.items[1].indicatore, 2);
    cr_assert_float_eq(r.items[1].valore, 70.5, 1e-9);
    const Diag *x = diag_find(&d, "una riga riguarda un'azione o un indicatore, non entrambi");
    cr_assert_not_null(x);
    cr_assert_eq(x->line, 4);
    x = diag_find(&d, "«indicatore» deve essere il numero dell'indicatore (1, 2, …), non «x»");
    cr_assert_not_null(x);
    cr_assert_eq(x->line, 5);
    raggiunto_free(&r);
    diag_list_free(&d);

    const char *json = "{\"formato\":\"schede-raggiunto/1\",\"anno\":2024,\"rilevazioni\":["
                       "{\"obiettivo\":\"I-01\",\"indicatore\":0,\"valore\":1},"
                       "{\"obiettivo\":\"I-01\",\"indicatore\":1,\"azione\":1,\"valore\":1}]}";
    diag_list_init(&d);
    raggiunto_load_buffer("r.json", json, strlen(json), CODIFICA_AUTO, &r, &d);
    diag_with(&d, DIAG_ERROR, "$.rilevazioni[0].indicatore", "è la posizione dell'indicatore nell'obiettivo (1, 2, …), non 0");
    diag_with(&d, DIAG_ERROR, "$.rilevazioni[1].indicatore", "una rilevazione riguarda un'azione o un indicatore, non entrambi");
    raggiunto_free(&r);
    diag_list_free(&d);
}

/* ---- objective weights in the means (docs/formato.md §7), by hand --------------------------------- */

#include "sintesi.h"

static void relazione_mean(const char *pesi[3], bool *per_peso, bool *has, double *media, double *ponderata)
{
    char *plan_text = xasprintf(
        "{'formato':'schede-piano/1','ente':'E','triennio':[2024,2026],'obiettivi':["
        "{'codice':'P-1','tipo':'comune','descrizione':'D'%s,'annualita':[{'anno':2024,'azioni':[{'n':1,'peso':100,'regola':{'tipo':'manuale'}}]}]},"
        "{'codice':'P-2','tipo':'comune','descrizione':'D'%s,'annualita':[{'anno':2024,'azioni':[{'n':1,'peso':100,'regola':{'tipo':'manuale'}}]}]},"
        "{'codice':'P-3','tipo':'comune','descrizione':'D'%s,'annualita':[{'anno':2024,'azioni':[{'n':1,'peso':100,'regola':{'tipo':'manuale'}}]}]}]}",
        pesi[0], pesi[1], pesi[2]);
    Loaded *l = load_q(plan_text);
    free(plan_text);
    cr_assert_eq(l->status, LOAD_OK);
    const char *text = "{\"formato\":\"schede-raggiunto/1\",\"anno\":2024,\"rilevazioni\":["
                       "{\"obiettivo\":\"P-1\",\"azione\":1,\"percentuale\":100},"
                       "{\"obiettivo\":\"P-2\",\"azione\":1,\"percentuale\":50},"
                       "{\"obiettivo\":\"P-3\",\"azione\":1,\"percentuale\":0}]}";
    Rilevazioni r;
    cr_assert_eq(raggiunto_load_buffer("r.json", text, strlen(text), CODIFICA_AUTO, &r, &l->diags), LOAD_OK);
    Esiti e;
    esiti_compute(&l->plan, &r, 2024, &e, &l->diags);
    static const double LIMITS[] = {90, 60, 0};
    Sintesi s;
    sintesi_compute(&l->plan, &e, NULL, LIMITS, 3, &s);
    *per_peso = s.per_peso;
    *has = s.has_media_ponderata;
    *media = s.totale.media;
    *ponderata = s.media_ponderata;
    sintesi_free(&s);
    esiti_free(&e);
    raggiunto_free(&r);
    loaded_free(l);
}

Test(forms, relazione_weighted_by_objective_peso_when_all_have_one)
{
    bool per_peso, has;
    double media, ponderata;
    /* 100 %, 50 %, 0 % with pesi 50, 30, 20: (5000 + 1500 + 0) / 100 = 65 %; simple mean 50 % */
    const char *all[3] = {",'peso':50", ",'peso':30", ",'peso':20"};
    relazione_mean(all, &per_peso, &has, &media, &ponderata);
    cr_assert(per_peso);
    cr_assert(has);
    cr_assert_float_eq(media, 50.0, 1e-9);
    cr_assert_float_eq(ponderata, 65.0, 1e-9);
    /* one without a peso: no weighted mean by peso (and no pesatura either) */
    const char *some[3] = {",'peso':50", ",'peso':30", ""};
    relazione_mean(some, &per_peso, &has, &media, &ponderata);
    cr_assert_not(per_peso);
    cr_assert_not(has);
    cr_assert_float_eq(media, 50.0, 1e-9);
}

/* ---- layout profiles ------------------------------------------------------------ */

/* A data folder: the project's layouts and fonts, and the profile "prova",
 * which has only its own scheda.json (one label changed). */
static char *data_with_profile(void)
{
    char *dir = test_dir("forms", "profili");
    run_shell_ok(xasprintf("mkdir -p '%s/dati/layouts/prova' && cp -r layouts/* '%s/dati/layouts/' && "
                           "ln -s '%s/fonts' '%s/dati/fonts' && "
                           "sed 's/\"Linea programmatica di mandato\"/\"Linea del programma del sindaco\"/' "
                           "layouts/scheda.json > '%s/dati/layouts/prova/scheda.json'",
                           dir, dir, SCHEDE_SOURCE_DIR, dir, dir));
    return dir;
}

static Run run_with_data(const char *dir, const char *args)
{
    char *cmd = xasprintf("SCHEDE_DATI='%s/dati' '%s' %s", dir, SCHEDE_EXE, args);
    Run r = run_shell(cmd);
    free(cmd);
    return r;
}

Test(forms, a_profile_changes_its_files_and_takes_the_others_from_the_default, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = data_with_profile();
    char *args = xasprintf("stampa samples/sarzana-2024-2026.json --profilo prova --raggiunto samples/raggiunto-2024.csv "
                           "--anno 2024 --out '%s/prova'", dir);
    Run r = run_with_data(dir, args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    char *pdf = xasprintf("%s/prova/schede.pdf", dir);
    char *text = pdf_raw_text(pdf, true);
    cr_assert(strstr(text, "Linea del programma del sindaco"), "the profile's scheda.json");
    cr_assert_null(strstr(text, "Linea programmatica di mandato"));
    free(text);
    free(pdf);
    /* persone.pdf and relazione.pdf: the default profile's files */
    pdf = xasprintf("%s/prova/relazione.pdf", dir);
    text = pdf_raw_text(pdf, true);
    cr_assert(strstr(text, "Relazione sulla Performance"));
    free(text);
    free(pdf);

    /* the default profile by name prints what no profile prints */
    args = xasprintf("stampa samples/sarzana-2024-2026.json --profilo sarzana --solo schede --out '%s/sarzana' && "
                     "'%s' stampa samples/sarzana-2024-2026.json --solo schede --out '%s/nessuno'",
                     dir, SCHEDE_EXE, dir);
    r = run_with_data(dir, args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    char *cmd = xasprintf("cmp <(pdftotext '%s/sarzana/schede.pdf' -) <(pdftotext '%s/nessuno/schede.pdf' -)", dir, dir);
    char *bash = xasprintf("bash -c \"%s\"", cmd);
    run_shell_ok(bash);
    free(cmd);

    /* esiti --al reads the monitoraggio layout through the profile (from the default) */
    args = xasprintf("esiti samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024-06-30.csv --al 30/06/2024 "
                     "--profilo prova > /dev/null");
    r = run_with_data(dir, args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    free(dir);
}

Test(forms, profile_usage_errors)
{
    char *dir = data_with_profile();
    Run r = run_with_data(dir, "stampa samples/sarzana-2024-2026.json --profilo nessuno --out $T/mai");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "profilo «nessuno» sconosciuto: i profili sono le cartelle di");
    expect_contains(&r, "(sarzana, generico, prova)");
    free(r.out);
    r = run_with_data(dir, "stampa samples/sarzana-2024-2026.json --profilo ../layouts --out $T/mai");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "profilo «../layouts» sconosciuto");
    free(r.out);
    r = run_with_data(dir, "stampa samples/sarzana-2024-2026.json --profilo prova --layout layouts --out $T/mai");
    cr_assert_eq(r.status, 2, "%s", r.out);
    expect_contains(&r, "--layout e --profilo insieme: indicarne uno solo");
    free(r.out);
    r = run_shell("test ! -e $T/mai");
    cr_assert_eq(r.status, 0, "a usage error wrote something");
    free(r.out);
    free(dir);
}

/* With the default profile the Sarzana schede print
 * the same text as before profiles and sections existed — the fixture is
 * `pdftotext -raw` of schede.pdf written by commit 5ba785e with
 * SOURCE_DATE_EPOCH=1700000000. */
Test(forms, sarzana_prints_the_text_it_printed_before_profiles, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = test_dir("forms", "sarzana");
    for (int named = 0; named < 2; named++) {
        char *cmd = xasprintf("SOURCE_DATE_EPOCH=1700000000 '%s' stampa samples/sarzana-2024-2026.json --solo schede "
                              "%s --out '%s' >/dev/null && pdftotext -raw '%s/schede.pdf' '%s/testo.txt' && "
                              "zcat tests/fixtures/sarzana-schede-testo.txt.gz | cmp - '%s/testo.txt'",
                              SCHEDE_EXE, named ? "--profilo sarzana" : "", dir, dir, dir, dir);
        Run r = run_shell(cmd);
        cr_assert_eq(r.status, 0, "%s the text differs from before: %s", named ? "--profilo sarzana:" : "", r.out);
        free(r.out);
        free(cmd);
    }
    free(dir);
}

/* The Relazione with indicators (tests/fixtures/relazione-indicatori-*):
 *   R-01 Rossi, peso 30: action done → 100 %; its indicator (decrescente,
 *        target 15, valore 20) 15 / 20 = 75 %, beside, a scostamento;
 *   R-02 Rossi, peso 70, no actions: 60 / 80 = 75 % (peso 50) and
 *        10 / 8 → 100 % (peso 50): (50 × 75 + 50 × 100) / 100 = 87.5 %;
 *   R-03 Bianchi, peso 50, no actions, its indicator not reported: not valued;
 *   R-04 Bianchi, peso 50: manuale 40 %.
 * Valued 3 of 4; simple mean (100 + 87.5 + 40) / 3 = 75.8333; by peso
 * (30 × 100 + 70 × 87.5 + 50 × 40) / 150 = 11125 / 150 = 74.1667;
 * Rossi (30 × 100 + 70 × 87.5) / 100 = 91.25 (simple 93.75); Bianchi 40.
 * Scostamenti: R-01's and R-02's first indicators (75 %), R-03's
 * indicator (not reported where it scores), R-04's action: 4. */
static void load_relazione_fixture(Plan *plan, Esiti *esiti, DiagList *diags)
{
    Rilevazioni ril;
    diag_list_init(diags);
    cr_assert_eq(plan_load_file(SCHEDE_SOURCE_DIR "/tests/fixtures/relazione-indicatori-piano.json", plan, diags),
                 LOAD_OK);
    cr_assert_eq(raggiunto_load_file(SCHEDE_SOURCE_DIR "/tests/fixtures/relazione-indicatori-raggiunto.json",
                                     CODIFICA_AUTO, &ril, diags),
                 LOAD_OK);
    esiti_compute(plan, &ril, 2024, esiti, diags);
    cr_assert_eq(diags->errors, 0);
    raggiunto_free(&ril);
}

Test(forms, the_sintesi_counts_objectives_scored_from_indicators)
{
    static const double LIMITS[] = {90, 60, 0};
    Plan plan;
    Esiti e;
    DiagList diags;
    load_relazione_fixture(&plan, &e, &diags);
    Sintesi s;
    sintesi_compute(&plan, &e, NULL, LIMITS, 3, &s);
    cr_assert_eq(s.totale.obiettivi, 4);
    cr_assert_eq(s.totale.valutati, 3);
    cr_assert_float_eq(s.totale.media, (100 + 87.5 + 40) / 3.0, 1e-9);
    cr_assert(s.per_peso);
    cr_assert_float_eq(s.media_ponderata, 11125.0 / 150.0, 1e-9);
    cr_assert_eq(s.azioni, 2);
    cr_assert_eq(s.azioni_rilevate, 2);
    cr_assert_eq(s.indicatori, 3, "R-02's two and R-03's one; R-01's has actions beside it");
    cr_assert_eq(s.indicatori_rilevati, 2);
    cr_assert_eq(s.scostamenti, 4);
    cr_assert_eq(s.totale.per_fascia[0], 1);
    cr_assert_eq(s.totale.per_fascia[1], 1);
    cr_assert_eq(s.totale.per_fascia[2], 1);
    const Raggruppamento *d = &s.gruppi[GRUPPO_DIRIGENTE];
    cr_assert_eq(d->n, 2);
    cr_assert_str_eq(d->gruppi[0].nome, "Anna Bianchi");
    cr_assert_eq(d->gruppi[0].agg.obiettivi, 2);
    cr_assert_eq(d->gruppi[0].agg.valutati, 1);
    cr_assert_float_eq(d->gruppi[0].agg.media, 40.0, 1e-9);
    cr_assert_str_eq(d->gruppi[1].nome, "Mario Rossi");
    cr_assert(d->gruppi[1].agg.per_peso);
    cr_assert_float_eq(d->gruppi[1].agg.media, 91.25, 1e-9);
    cr_assert_not(s.totale.per_peso, "the total's mean stays simple: its weighted mean is a row of its own");
    sintesi_free(&s);
    /* with nothing reported: the same objectives, none valued; scostamenti are the 2 actions and the
       3 indicators that score their objective (R-01's, beside actions, is not one until reported) */
    sintesi_compute(&plan, NULL, NULL, LIMITS, 3, &s);
    cr_assert_eq(s.totale.obiettivi, 4);
    cr_assert_eq(s.totale.valutati, 0);
    cr_assert_eq(s.indicatori, 3);
    cr_assert_eq(s.indicatori_rilevati, 0);
    cr_assert_eq(s.scostamenti, 5);
    sintesi_free(&s);
    /* without R-02's peso, Rossi's group and the total fall back to the simple mean */
    plan.obiettivi[1].has_peso = false;
    sintesi_compute(&plan, &e, NULL, LIMITS, 3, &s);
    cr_assert_not(s.gruppi[GRUPPO_DIRIGENTE].gruppi[1].agg.per_peso);
    cr_assert_float_eq(s.gruppi[GRUPPO_DIRIGENTE].gruppi[1].agg.media, 93.75, 1e-9);
    cr_assert_not(s.per_peso);
    sintesi_free(&s);
    esiti_free(&e);
    plan_free(&plan);
    diag_list_free(&diags);
}

Test(forms, the_relazione_and_its_open_data_report_the_indicators, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    char *dir = test_dir("forms", "relazione");
    char *args = xasprintf("stampa tests/fixtures/relazione-indicatori-piano.json --raggiunto "
                           "tests/fixtures/relazione-indicatori-raggiunto.json --solo relazione --dati-aperti --out '%s'",
                           dir);
    Run r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert_null(strstr(r.out, "non riportano"), "%s", r.out);
    char *pdf = xasprintf("%s/relazione.pdf", dir);
    char *text = pdf_raw_text(pdf, true);
    static const char *const expected[] = {
        "Indicatori degli obiettivi senza azioni nell'anno: rilevati / totali 2 / 3",
        "Obiettivi valutati 3",
        "Media semplice dei risultati degli obiettivi valutati 75,83",
        "Media ponderata sul peso degli obiettivi 74,17",
        "Mario Rossi 2 2 91,25",
        "Anna Bianchi 2 1 40,00",
        "Le medie segnate con * sono ponderate sul peso degli obiettivi",
        "Mario Rossi 2 2 91,25 % *",
        "ind. 1 Attesa allo sportello · target 15 giorni · valore 20 giorni · 75,00",
        "ind. 2 Tempo di rilascio · target 10 giorni · valore 8 giorni · 100,00",
        "87,50",
        "ind. 1 Controlli svolti · target 100 · non rilevato",
        "R-01 – indicatore 1 Attesa allo sportello Target 2024: 15 giorni 20 giorni 75,00",
        "Due addetti in meno da marzo",
        "R-03 – indicatore 1 Controlli svolti Target 2024: 100 non rilevato",
        "R-04 – azione 1",
    };
    /* pdftotext gives the no-break spaces as spaces */
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        cr_assert(strstr(text, expected[i]), "the Relazione lacks «%s»:\n%s", expected[i], text);
    /* the scostamenti table has the 4 rows the sintesi counts, and not R-02's indicator at 100 % */
    size_t rows = 0;
    for (const char *at = text; (at = strstr(at, " \u2013 indicatore ")) != NULL; at++)
        rows++;
    for (const char *at = text; (at = strstr(at, " \u2013 azione ")) != NULL; at++)
        rows++;
    cr_assert_eq(rows, 4, "%s", text);
    cr_assert_null(strstr(text, "R-02 \u2013 indicatore 2"));
    expect_opens_in_mupdf(pdf);
    free(text);
    free(pdf);
    free(r.out);
    /* open data: one row per indicator targeted in the year, in columns of their own */
    char *csv_cmd = xasprintf("cat '%s/relazione.csv'", dir);
    Run csv = run_shell(csv_cmd);
    expect_contains(&csv, "anno;obiettivo;percentuale_obiettivo;azioni_non_rilevate;azione;peso;stato;"
                          "percentuale_azione;regola;raggiunto;dettaglio;nota;indicatore;nome_indicatore;target;valore;"
                          "percentuale_indicatore;percentuale_da\r\n");
    expect_contains(&csv, "2024;R-02;87,50;0;;50;rilevato;;;;crescente: valore 60 / target 80 = 75,00\u00A0%;;1;"
                          "Pratiche presentate online;80;60;75,00;indicatori\r\n");
    expect_contains(&csv, "2024;R-01;100,00;0;;;rilevato;;;;decrescente: target 15 / valore 20 = 75,00\u00A0%;"
                          "Due addetti in meno da marzo;1;Attesa allo sportello;15;20;75,00;azioni\r\n");
    expect_contains(&csv, "2024;R-03;;0;;;non_rilevato;;;;;;1;Controlli svolti;100;;;indicatori\r\n");
    expect_contains(&csv, "2024;R-04;40,00;0;1;100;rilevato;40,00;");
    expect_contains(&csv, ";Metà dei faldoni riordinati;;;;;;azioni\r\n");
    free(csv.out);
    free(csv_cmd);
    free(args);
    free(dir);
}

/* The texts of §7 a profile may print are checked for characters no font
 * has, like every other field (☃ is DejaVu's: no warning). */
Test(forms, characters_no_font_can_print_are_warned_in_the_new_keys)
{
    Run r = run("verifica tests/fixtures/caratteri-altri-moduli.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "OG-01: $.obiettivi[0].campi[1].valore: nessun carattere tipografico può stampare "
                        "«\xF0\x9F\x98\x80» (U+1F600)");
    expect_contains(&r, "OG-01: $.obiettivi[0].indicatori[1].fonte: nessun carattere tipografico può stampare "
                        "«\xF0\x9F\x93\x88» (U+1F4C8)");
    expect_contains(&r, "OG-01: $.obiettivi[0].collegamenti[0].testo: nessun carattere tipografico può stampare "
                        "«\xF0\x9F\x9A\x80» (U+1F680)");
    cr_assert_null(strstr(r.out, "U+2603"), "%s", r.out);
    free(r.out);
}

/* The CSV template of the rilevazioni: a row per indicator targeted in the
 * year, numbered in a last column «indicatore»; untouched, it reads back as
 * nothing reported; filled in, it scores as the JSON does. */
Test(forms, indicators_in_the_csv_template, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run("modello-raggiunto tests/fixtures/relazione-indicatori-piano.json --anno 2024");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "obiettivo;azione;testo_azione;scadenza;regola;data;valore;percentuale;raggiunto;nota;"
                        "avanzamento;criticita;proposta;indicatore\r\n");
    expect_contains(&r, "R-01;1;Aprire lo sportello;;sì/no: realizzata 100,00\u00A0%, non realizzata 0,00\u00A0%;;;;;;;"
                        ";;\r\n");
    expect_contains(&r, "R-02;;Tempo di rilascio (target 2024: 10\u00A0giorni);;decrescente: target / valore × 100, al "
                        "massimo 100\u00A0% (valore 0: 100\u00A0%);;;;;;;;;2\r\n");
    expect_contains(&r, "R-03;;Controlli svolti (target 2024: 100);;crescente: valore / target × 100, al massimo "
                        "100\u00A0%;;;;;;;;;1\r\n");
    free(r.out);
    char *dir = test_dir("forms", "modello");
    /* untouched: no rilevazioni, no errors; then R-02's second indicator filled in (8 days → 100 %) */
    char *sh = xasprintf("E='%s'; cd '%s' && $E modello-raggiunto tests/fixtures/relazione-indicatori-piano.json "
                         "--anno 2024 > '%s/m.csv' && $E esiti tests/fixtures/relazione-indicatori-piano.json "
                         "--raggiunto '%s/m.csv' --anno 2024 --formato csv 2>&1 | grep -c ';non_rilevato;' && "
                         "sed 's/^\\(R-02;;Tempo di rilascio[^;]*;;[^;]*;;\\)/\\18/' '%s/m.csv' > '%s/f.csv' && "
                         "$E esiti tests/fixtures/relazione-indicatori-piano.json --raggiunto '%s/f.csv' --anno 2024 "
                         "--formato csv 2>&1 | grep '^2024;R-02;'",
                         SCHEDE_EXE, SCHEDE_SOURCE_DIR, dir, dir, dir, dir, dir);
    r = run_shell(sh);
    cr_assert_eq(r.status, 0, "%s", r.out);
    /* 2 actions + 4 indicators (R-01 1, R-02 2, R-03 1), none reported */
    cr_assert(strncmp(r.out, "6\n", 2) == 0, "%s", r.out);
    /* only its second indicator, 10 / 8 → 100 %, makes the objective's % */
    expect_contains(&r, "2024;R-02;100,00;0;;50;rilevato;;;;decrescente: target 10 / valore 8 = 100,00\u00A0% (al "
                        "massimo 100\u00A0%);;2;Tempo di rilascio;10;8;100,00;indicatori\r\n");
    expect_contains(&r, "2024;R-02;100,00;0;;50;non_rilevato;;;;;;1;Pratiche presentate online;80;;;indicatori\r\n");
    free(r.out);
    free(sh);
    free(dir);
}

/* ---- the objective's own % on the scheda (docs/formato.md §7), both profiles ----
 * tests/fixtures/solo-indicatori: I-01 from its indicators (60·75 + 40·90) / 100 = 81,00 %;
 * A-01 from its action, 60,00 %, with its indicator's 90,00 % reported beside. */
Test(forms, the_scheda_prints_the_objective_percent_from_indicators, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    static const char *const profiles[] = {"sarzana", "generico"};
    for (size_t p = 0; p < 2; p++) {
        char *dir = test_dir("forms", profiles[p]);
        char *args = xasprintf("stampa tests/fixtures/solo-indicatori/piano.json --raggiunto "
                               "tests/fixtures/solo-indicatori/raggiunto.json --solo schede --profilo %s --out '%s'",
                               profiles[p], dir);
        Run r = run(args);
        cr_assert_eq(r.status, 0, "%s", r.out);
        free(r.out);
        char *pdf = xasprintf("%s/schede.pdf", dir);
        expect_opens_in_mupdf(pdf);
        char *text = pdf_raw_text(pdf, true);
        cr_assert(strstr(text, "RAGGIUNGIMENTO DELL'OBIETTIVO NEL 2025 – dagli indicatori (nessuna azione nell'anno) 81,00 %"),
                  "%s: %s", profiles[p], text);
        cr_assert(strstr(text, "Come si forma: media pesata sui pesi degli indicatori rilevati: Tempo medio di "
                               "pagamento 75,00 % (peso 60); Pratiche evase 90,00 % (peso 40)."), "%s", text);
        cr_assert(strstr(text, "MEDIA DEGLI INDICATORI NEL 2025 – riportata accanto: il risultato dell'obiettivo è "
                               "quello delle azioni 90,00 %"), "%s", text);
        cr_assert(strstr(text, "che è quello delle azioni: 60,00 %): media semplice degli indicatori rilevati: "
                               "Soddisfazione degli uffici 90,00 %."), "%s", text);
        free(text);
        free(args);
        /* nothing reported for the indicators: "non rilevato", never 0 */
        args = xasprintf("stampa tests/fixtures/solo-indicatori/piano.json --raggiunto "
                         "tests/fixtures/solo-indicatori/raggiunto-azioni.json --solo schede --profilo %s --out '%s'",
                         profiles[p], dir);
        r = run(args);
        cr_assert_eq(r.status, 0, "%s", r.out);
        free(r.out);
        text = pdf_raw_text(pdf, true);
        cr_assert(strstr(text, "dagli indicatori (nessuna azione nell'anno) 2 indicatori non rilevati non rilevato"),
                  "%s: %s", profiles[p], text);
        cr_assert(strstr(text, "Tempo medio di pagamento non rilevato (peso 60)"), "%s", text);
        free(text);
        free(pdf);
        free(args);
        free(dir);
    }
}
