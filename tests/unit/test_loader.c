/* The plan loader: every error it reports, with its path, codice and exit code. */
#include <stdio.h>

#include "helpers.h"
#include "json_reader.h"

Test(loader, minimal_plan_loads_without_diagnostics)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION "}"));
    cr_assert_eq(l->status, LOAD_OK);
    cr_assert_eq(l->diags.count, 0, "unexpected diagnostics: %zu", l->diags.count);
    cr_assert_eq(diag_exit_code(&l->diags), 0);
    cr_assert_str_eq(l->plan.ente, "Comune di Prova");
    cr_assert_eq(l->plan.n_obiettivi, 1);
    const Obiettivo *o = &l->plan.obiettivi[0];
    cr_assert_str_eq(o->codice, "A-01");
    cr_assert_eq(o->triennio[0], 2024, "the objective inherits the plan's triennio");
    cr_assert_eq(o->triennio[1], 2026);
    cr_assert_eq(o->tipo, TIPO_COMUNE);
    cr_assert_eq(o->annualita[0].azioni[0].peso, 100.0);
    cr_assert_null(o->baseline, "an absent optional field is NULL");
    loaded_free(l);
}

Test(loader, wrong_formato_is_an_error)
{
    Loaded *l = load_q("{'formato':'schede-piano/2','ente':'E','triennio':[2024,2026],'obiettivi':[]}");
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    const Diag *d = expect_diag(l, DIAG_ERROR, "$.formato", "non supportato");
    cr_assert_null(d->codice);
    cr_assert_eq(diag_exit_code(&l->diags), 1);
    loaded_free(l);
}

Test(loader, achievement_file_given_as_plan_is_named_as_such)
{
    Loaded *l = load_q("{'formato':'schede-raggiunto/1','anno':2024,'rilevazioni':[]}");
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.formato", "file di rilevazioni");
    loaded_free(l);
}

Test(loader, missing_required_keys_are_errors_with_path_and_codice)
{
    Loaded *l = load_q(PLAN("{'codice':'A-01','tipo':'comune'}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    const Diag *d = expect_diag(l, DIAG_ERROR, "$.obiettivi[0].descrizione", "manca «descrizione»");
    cr_assert_str_eq(d->codice, "A-01");
    cr_assert_eq(d->objective, 0);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita", "l'obiettivo non ha annualità né indicatori");
    loaded_free(l);
}

/* docs/formato.md §1, §7: an objective measured by its indicators alone needs no annualità. */
#define ONE_INDICATOR "'indicatori':[{'nome':'Tempo medio','verso':'decrescente','valori':[{'anno':2024,'target':30}]}]"

Test(loader, an_objective_with_indicators_needs_no_annualita)
{
    const char *plans[] = {PLAN("{" OBJ_FIELDS("I-01") ",'annualita':[]," ONE_INDICATOR "}"),
                           PLAN("{" OBJ_FIELDS("I-01") "," ONE_INDICATOR "}")};
    for (size_t i = 0; i < 2; i++) {
        Loaded *l = load_q(plans[i]);
        cr_assert_eq(l->status, LOAD_OK, "plan %zu", i);
        cr_assert_eq(l->diags.errors, 0);
        cr_assert_eq(l->plan.obiettivi[0].n_annualita, 0);
        cr_assert(obiettivo_da_indicatori(&l->plan.obiettivi[0], 2024));
        loaded_free(l);
    }
    /* neither annualità nor indicators: nothing measures it */
    const char *none[] = {PLAN("{" OBJ_FIELDS("I-01") ",'annualita':[]}"),
                          PLAN("{" OBJ_FIELDS("I-01") ",'annualita':[],'indicatori':[]}")};
    for (size_t i = 0; i < 2; i++) {
        Loaded *l = load_q(none[i]);
        cr_assert_eq(l->status, LOAD_DATA_ERROR);
        const Diag *d = expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita", "non ha annualità né indicatori");
        cr_assert_str_eq(d->codice, "I-01");
        loaded_free(l);
    }
}

/* A risorse umane row without «azione» is for the whole objective: fine where the year is measured
 * by indicators, a warning where the year has actions; «azione» 0 is an error. */
Test(loader, a_risorsa_without_azione_is_for_the_whole_objective)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("I-01") "," ONE_INDICATOR ",'risorse_umane':[{'anno':2024,'personale':"
                            "[{'nome':'Anna Rossi','percentuale':100}]}]}"));
    cr_assert_eq(l->status, LOAD_OK);
    cr_assert_eq(l->plan.obiettivi[0].risorse_umane[0].azione, 0);
    cr_assert_null(diag_find(&l->diags, "risorse umane"), "no warning for the whole objective");
    loaded_free(l);
    l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION ",'risorse_umane':[{'anno':2024,'personale':"
                    "[{'nome':'Anna Rossi','percentuale':100}]}]}"));
    cr_assert_eq(l->status, LOAD_OK);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].risorse_umane[0]", "non indica l'«azione»");
    loaded_free(l);
    l = load_q(PLAN("{" OBJ_FIELDS("I-01") "," ONE_INDICATOR ",'risorse_umane':[{'anno':2024,'azione':1,'personale':"
                    "[{'nome':'Anna Rossi','percentuale':100}]}]}"));
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].risorse_umane[0]", "per l'intero obiettivo si omette «azione»");
    loaded_free(l);
    l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION ",'risorse_umane':[{'anno':2024,'azione':0}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].risorse_umane[0].azione", "non 0");
    loaded_free(l);
}

Test(loader, missing_plan_keys)
{
    Loaded *l = load_q("{'formato':'schede-piano/1'}");
    expect_diag(l, DIAG_ERROR, "$.ente", "manca «ente»");
    expect_diag(l, DIAG_ERROR, "$.triennio", "manca «triennio»");
    expect_diag(l, DIAG_ERROR, "$.obiettivi", "manca «obiettivi»");
    cr_assert_eq(l->diags.errors, 3);
    loaded_free(l);
}

Test(loader, wrong_types_are_errors)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':'40','azione':7},{'n':2.5,'peso':60}]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].peso",
                "«peso» deve essere un numero (senza virgolette");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].azione",
                "«azione» deve essere un testo, non un numero");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[1].n",
                "deve essere un numero intero, non 2,5");
    loaded_free(l);
}

Test(loader, codice_used_twice)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION "},{" OBJ_FIELDS("A-01") "," ONE_ACTION "}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    const Diag *d = expect_diag(l, DIAG_ERROR, "$.obiettivi[1].codice",
                                "il codice «A-01» è già usato da $.obiettivi[0]");
    cr_assert_eq(d->objective, 1);
    cr_assert_eq(l->diags.errors, 1);
    loaded_free(l);
}

Test(loader, action_number_used_twice_in_one_annualita)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':50},{'n':1,'peso':50}]},{'anno':2025,'azioni':[{'n':1,'peso':100}]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[1].n",
                "l'azione n. 1 compare due volte nell'annualità 2024");
    cr_assert_eq(l->diags.errors, 1, "the same n in another annualità is fine");
    loaded_free(l);
}

Test(loader, impossible_and_malformed_dates)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':50,'scadenza':'2024-02-30'},{'n':2,'peso':50,'scadenza':'31/12/2024'}]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].scadenza",
                "la data «2024-02-30» non esiste");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[1].scadenza",
                "le date si scrivono AAAA-MM-GG");
    loaded_free(l);
}

Test(loader, leap_day_is_a_real_date)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'scadenza':'2024-02-29'}]}]}"));
    cr_assert_eq(l->status, LOAD_OK);
    Date d = l->plan.obiettivi[0].annualita[0].azioni[0].scadenza;
    cr_assert_eq(d.year, 2024);
    cr_assert_eq(d.month, 2);
    cr_assert_eq(d.day, 29);
    loaded_free(l);
}

Test(loader, unknown_rule_type)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'regola':{'tipo':'a_occhio'}}]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].regola.tipo",
                "tipo di regola sconosciuto «a_occhio»");
    loaded_free(l);
}

Test(loader, ritardo_bands_out_of_order)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'scadenza':'2024-12-31','regola':{'tipo':'ritardo','fasce':["
                            "{'giorni':30,'percentuale':70},{'giorni':0,'percentuale':100}]}}]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].regola.fasce[1].giorni",
                "fasce fuori ordine: «giorni» deve essere maggiore");
    loaded_free(l);
}

Test(loader, soglie_bands_order_depends_on_verso)
{
    /* crescente: the first band with valore >= da, so da must descend. */
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':50,'regola':{'tipo':'soglie','verso':'crescente','fasce':["
                            "{'da':50,'percentuale':60},{'da':80,'percentuale':80}]}},"
                            "{'n':2,'peso':50,'regola':{'tipo':'soglie','verso':'decrescente','fasce':["
                            "{'fino_a':1.5,'percentuale':100},{'fino_a':2,'percentuale':90}]}}]}]}"));
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].regola.fasce[1].da",
                "deve essere minore");
    cr_assert_eq(l->diags.errors, 1, "the decrescente bands are in order");
    const Rule *r = &l->plan.obiettivi[0].annualita[0].azioni[1].regola;
    cr_assert_eq(r->tipo, RULE_SOGLIE);
    cr_assert_eq(r->verso, VERSO_DECRESCENTE);
    cr_assert_eq(r->n_fasce, 2);
    cr_assert_float_eq(r->fasce[0].limit, 1.5, 1e-9);
    loaded_free(l);
}

Test(loader, band_percentage_outside_0_100)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'scadenza':'2024-12-31','regola':{'tipo':'ritardo','fasce':["
                            "{'giorni':0,'percentuale':110},{'giorni':30,'percentuale':-5}]}}]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].regola.fasce[0].percentuale",
                "percentuale 110 fuori dall'intervallo 0–100");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].regola.fasce[1].percentuale",
                "percentuale -5 fuori");
    loaded_free(l);
}

Test(loader, proporzionale_needs_a_positive_target)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'regola':{'tipo':'proporzionale','obiettivo':0}}]}]}"));
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].regola.obiettivo",
                "maggiore di zero");
    loaded_free(l);
}

Test(loader, more_than_three_annualita)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':[]},"
                            "{'anno':2025,'azioni':[]},{'anno':2026,'azioni':[]},{'anno':2027,'azioni':[]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita", "ha 4 annualità: il piano operativo ne prevede al massimo 3");
    loaded_free(l);
}

Test(loader, participation_outside_0_100)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION ",'risorse_umane':[{'azione':1,"
                            "'personale':[{'nome':'Mario Rossi','percentuale':120}]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].risorse_umane[0].personale[0].percentuale",
                "percentuale 120 fuori");
    loaded_free(l);
}

Test(loader, all_errors_reported_in_one_run)
{
    Loaded *l = load_q(PLAN("{'codice':'A-01','tipo':'misto','descrizione':'d','annualita':[{'anno':2024,"
                            "'azioni':[{'n':1,'peso':100,'scadenza':'2024-13-01'}]}]},"
                            "{'codice':'A-01','tipo':'comune','descrizione':5,'annualita':[{'anno':2024,'azioni':[]}]}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].tipo", "\"comune\" o \"individuale\"");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].scadenza", "non esiste");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[1].codice", "già usato");
    expect_diag(l, DIAG_ERROR, "$.obiettivi[1].descrizione", "deve essere un testo");
    cr_assert_eq(l->diags.errors, 4);
    loaded_free(l);
}

/* ---- syntax, encoding, size ------------------------------------------------ */

Test(syntax, error_names_line_and_column)
{
    const char *text = "{\n  \"formato\": \"schede-piano/1\",\n  \"ente\": \"E\",\n}\n";
    Loaded *l = load_raw(text, strlen(text));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    cr_assert_eq(l->diags.count, 1);
    const Diag *d = &l->diags.items[0];
    cr_assert_eq(d->line, 4);
    cr_assert_eq(d->column, 1);
    cr_assert(strstr(d->message, "virgola di troppo"), "%s", d->message);
    loaded_free(l);
}

Test(syntax, column_counts_characters_not_bytes)
{
    /* "è" is two bytes; the stray x is the 9th character of line 1. */
    const char *text = "{\"è\": 1 x}";
    Loaded *l = load_raw(text, strlen(text));
    cr_assert_eq(l->diags.items[0].line, 1);
    cr_assert_eq(l->diags.items[0].column, 9);
    loaded_free(l);
}

Test(syntax, single_quotes_get_a_hint)
{
    const char *text = "{'formato': 1}";
    Loaded *l = load_raw(text, strlen(text));
    cr_assert(strstr(l->diags.items[0].message, "virgolette doppie"), "%s", l->diags.items[0].message);
    loaded_free(l);
}

Test(syntax, empty_file)
{
    Loaded *l = load_raw("  \n\t", 4);
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, NULL, "il file è vuoto");
    loaded_free(l);
}

Test(syntax, truncated_file)
{
    const char *text = "{\"formato\": \"schede-piano/1\", \"ente\": \"Comune";
    Loaded *l = load_raw(text, strlen(text));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    const Diag *d = expect_diag(l, DIAG_ERROR, NULL, "testo non chiuso: manca la virgoletta di chiusura");
    cr_assert_eq(d->column, 39, "points at the opening quote");
    loaded_free(l);
    text = "{\"formato\": \"schede-piano/1\", \"obiettivi\": [";
    l = load_raw(text, strlen(text));
    d = expect_diag(l, DIAG_ERROR, NULL, "il file finisce prima del previsto");
    cr_assert_eq(d->column, 45, "points just past the last character");
    loaded_free(l);
}

Test(syntax, deep_nesting_is_an_error_not_a_crash)
{
    size_t depth = 200000;
    char *text = malloc(2 * depth + 1);
    memset(text, '[', depth);
    memset(text + depth, ']', depth);
    text[2 * depth] = '\0';
    Loaded *l = load_raw(text, 2 * depth);
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    const Diag *d = expect_diag(l, DIAG_ERROR, NULL, "annidamento troppo profondo");
    cr_assert_eq(d->line, 1);
    cr_assert_eq(d->column, JSON_MAX_DEPTH + 1);
    free(text);
    loaded_free(l);
}

Test(syntax, brackets_inside_strings_do_not_count_as_nesting)
{
    char text[4096];
    char brackets[1001];
    memset(brackets, '[', 1000);
    brackets[1000] = '\0';
    snprintf(text, sizeof text, "{'formato':'schede-piano/1','ente':'%s','triennio':[2024,2026],'obiettivi':[]}",
             brackets);
    Loaded *l = load_q(text);
    cr_assert_eq(l->status, LOAD_OK);
    cr_assert_eq(strlen(l->plan.ente), 1000);
    loaded_free(l);
}

Test(syntax, byte_order_mark_is_skipped)
{
    const char *text = "\xEF\xBB\xBF{\"formato\":\"schede-piano/1\",\"ente\":\"E\",\"triennio\":[2024,2026],\"obiettivi\":[]}";
    Loaded *l = load_raw(text, strlen(text));
    cr_assert_eq(l->status, LOAD_OK);
    loaded_free(l);
}

Test(encoding, invalid_utf8_names_the_field)
{
    /* "Comune di Citt\xE0": Latin-1 à, as a file saved in the wrong encoding has it. */
    const char *text = "{\"formato\":\"schede-piano/1\",\"ente\":\"Comune di Citt\xE0\","
                       "\"triennio\":[2024,2026],\"obiettivi\":[]}";
    Loaded *l = load_raw(text, strlen(text));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    const Diag *d = expect_diag(l, DIAG_ERROR, "$.ente", "non è UTF-8 valido: byte 0xE0 al carattere 15");
    cr_assert_str_eq(d->file, "prova.json");
    loaded_free(l);
}

Test(encoding, invalid_utf8_deep_in_an_objective)
{
    const char *text = "{\"formato\":\"schede-piano/1\",\"ente\":\"E\",\"triennio\":[2024,2026],"
                       "\"obiettivi\":[{\"codice\":\"X-1\",\"tipo\":\"comune\",\"descrizione\":\"d\","
                       "\"annualita\":[{\"anno\":2024,\"azioni\":[{\"n\":1,\"peso\":100,\"azione\":\"ok \xC3\x28\"}]}]}]}";
    Loaded *l = load_raw(text, strlen(text));
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].annualita[0].azioni[0].azione", "non è UTF-8 valido");
    loaded_free(l);
}

Test(encoding, overlong_and_surrogate_sequences_are_invalid)
{
    const char *text = "{\"formato\":\"schede-piano/1\",\"ente\":\"\xC0\xAF \xED\xA0\x80\","
                       "\"triennio\":[2024,2026],\"obiettivi\":[]}";
    Loaded *l = load_raw(text, strlen(text));
    expect_diag(l, DIAG_ERROR, "$.ente", "byte 0xC0");
    loaded_free(l);
}

Test(encoding, escapes_that_would_lose_text_are_errors)
{
    const char *cases[][2] = {
        {"{\"ente\": \"Comune\\u0000 di\"}", "\\u0000 non è ammesso"},
        {"{\"ente\": \"\\uD800x\"}", "coppia surrogata incompleta"},
        {"{\"ente\": \"\\uDC00\"}", "seconda metà di una coppia surrogata"},
        {"{\"ente\": \"\\u12G4\"}", "quattro cifre esadecimali"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Loaded *l = load_raw(cases[i][0], strlen(cases[i][0]));
        cr_assert_eq(l->status, LOAD_DATA_ERROR);
        const Diag *d = expect_diag(l, DIAG_ERROR, NULL, cases[i][1]);
        cr_assert_eq(d->line, 1);
        int expected_column = i == 0 ? 17 : 11; /* the backslash of the escape */
        cr_assert_eq(d->column, expected_column, "case %zu: column %d", i, d->column);
        loaded_free(l);
    }
    /* A proper pair is fine: U+1F600 as \uD83D\uDE00. */
    const char *ok = "{\"formato\":\"schede-piano/1\",\"ente\":\"\\uD83D\\uDE00\",\"triennio\":[2024,2026],\"obiettivi\":[]}";
    Loaded *l = load_raw(ok, strlen(ok));
    cr_assert_eq(l->status, LOAD_OK);
    cr_assert_str_eq(l->plan.ente, "\xF0\x9F\x98\x80");
    loaded_free(l);
}

Test(encoding, nul_byte_in_file)
{
    const char text[] = "{\"formato\":\0\"x\"}";
    Loaded *l = load_raw(text, sizeof text - 1);
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, NULL, "byte nullo");
    loaded_free(l);
}

Test(loader, duplicate_key_is_an_error)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION ",'descrizione':'Altra'}"));
    cr_assert_eq(l->status, LOAD_DATA_ERROR);
    expect_diag(l, DIAG_ERROR, "$.obiettivi[0].descrizione", "scritta due volte");
    loaded_free(l);
}

Test(loader, file_that_does_not_exist_is_an_io_error)
{
    Plan plan;
    DiagList diags;
    diag_list_init(&diags);
    LoadStatus st = plan_load_file("/nonexistent/piano.json", &plan, &diags);
    cr_assert_eq(st, LOAD_IO_ERROR);
    cr_assert(strstr(diags.items[0].message, "il file non esiste"));
    plan_free(&plan);
    diag_list_free(&diags);
}
