/* The warnings of plan_check and the loader: questionable but usable plans
 * still exit 0, and every warning names path and codice. */
#include "helpers.h"

static void expect_usable(const Loaded *l)
{
    cr_assert_eq(l->status, LOAD_OK);
    cr_assert_eq(l->diags.errors, 0);
    cr_assert_eq(diag_exit_code(&l->diags), 0);
}

Test(check, weights_not_summing_to_100)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("PL-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':25},{'n':2,'peso':25},{'n':3,'peso':25},{'n':4,'peso':25},{'n':5,'peso':25}]}]}"));
    expect_usable(l);
    const Diag *d = expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[0].azioni",
                                "i pesi delle azioni del 2024 sommano a 125, non a 100");
    cr_assert_str_eq(d->codice, "PL-01");
    loaded_free(l);
}

Test(check, weights_with_decimals_and_float_noise)
{
    /* 33.3 + 33.3 + 33.4 is 100 up to floating-point noise: no warning. */
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':33.3,'azione':'a','regola':{'tipo':'manuale'}},{'n':2,'peso':33.3,'azione':'b','regola':{'tipo':'manuale'}},{'n':3,'peso':33.4,'azione':'c','regola':{'tipo':'manuale'}}]},"
                            "{'anno':2025,'azioni':[{'n':1,'peso':49.5,'azione':'a','regola':{'tipo':'manuale'}},{'n':2,'peso':50,'azione':'b','regola':{'tipo':'manuale'}}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[1].azioni", "sommano a 99,5, non a 100");
    cr_assert_eq(l->diags.warnings, 1);
    loaded_free(l);
}

Test(check, empty_annualita_is_not_a_weight_problem)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':[{'n':1,'peso':100,'azione':'x','regola':{'tipo':'manuale'}}]},"
                            "{'anno':2025,'azioni':[]}]}"));
    expect_usable(l);
    cr_assert_eq(l->diags.count, 0);
    loaded_free(l);
}

Test(check, action_without_weight)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'azione':'x','regola':{'tipo':'manuale'}},{'n':2,'azione':'y','regola':{'tipo':'manuale'}}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[0].azioni[1]", "non ha un peso");
    cr_assert_eq(l->diags.warnings, 1, "no sum warning when a weight is missing");
    loaded_free(l);
}

Test(check, participation_not_summing_to_100)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("PROT-01") "," ONE_ACTION ",'risorse_umane':[{'azione':1,'personale':["
                            "{'nome':'Tognoni Antonella','percentuale':35},{'nome':'Bellantoni Ilaria','percentuale':30},"
                            "{'nome':'Arfanti Marco','percentuale':30}]}]}"));
    expect_usable(l);
    const Diag *d = expect_diag(l, DIAG_WARNING, "$.obiettivi[0].risorse_umane[0]",
                                "le percentuali di partecipazione dell'azione n. 1 del 2024 sommano a 95%, non a 100%");
    cr_assert_str_eq(d->codice, "PROT-01");
    loaded_free(l);
}

Test(check, group_without_percentage_is_fine_person_without_is_not)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION ",'risorse_umane':[{'azione':1,'personale':["
                            "{'nome':'Tutto il personale della P.L.','gruppo':true},{'nome':'Mario Rossi'}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].risorse_umane[0].personale[1]",
                "«Mario Rossi» non ha una percentuale");
    cr_assert_eq(l->diags.warnings, 1);
    loaded_free(l);
}

Test(check, pesatura_not_summing_to_100)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("DSS-01") "," ONE_ACTION ",'pesatura':{'rilevanza':50,"
                            "'innovativita':15,'complessita':20,'beneficio':20}}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].pesatura", "la pesatura dell'obiettivo somma a 105, non a 100");
    cr_assert_float_eq(pesatura_totale(&l->plan.obiettivi[0].pesatura), 105.0, 1e-9);
    loaded_free(l);
}

Test(check, risorse_row_pointing_at_missing_action_or_year)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") "," ONE_ACTION ",'risorse_umane':["
                            "{'azione':4,'personale':[{'nome':'A','percentuale':100}]},"
                            "{'azione':1,'anno':2026,'personale':[{'nome':'A','percentuale':100}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].risorse_umane[0]", "all'azione n. 4 del 2024, che non esiste");
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].risorse_umane[1]", "al 2026, che non è tra le annualità");
    loaded_free(l);
}

Test(check, risorse_anno_defaults_to_first_annualita)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'triennio':[2023,2025],'annualita':[{'anno':2023,'azioni':["
                            "{'n':1,'peso':100,'azione':'x','regola':{'tipo':'manuale'}}]},{'anno':2024,'azioni':[]}],'risorse_umane':[{'azione':1,"
                            "'personale':[{'nome':'A','percentuale':100}]}]}"));
    expect_usable(l);
    cr_assert_eq(l->plan.obiettivi[0].risorse_umane[0].anno, 2023);
    cr_assert_eq(l->diags.count, 0);
    loaded_free(l);
}

Test(check, ritardo_without_scadenza)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'azione':'x','tempi':'Tempestivo','regola':{'tipo':'ritardo','fasce':["
                            "{'giorni':0,'percentuale':100},{'giorni':30,'percentuale':40}]}}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[0].azioni[0]",
                "ha una regola «ritardo» ma nessuna «scadenza»");
    loaded_free(l);
}

Test(check, scadenza_contradicting_tempi)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':50,'azione':'x','tempi':'Entro il 31/07/2024','scadenza':'2024-07-30','regola':{'tipo':'manuale'}},"
                            "{'n':2,'peso':50,'azione':'y','tempi':'entro il 30 giugno 2024','scadenza':'2024-06-30','regola':{'tipo':'manuale'}}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[0].azioni[0].scadenza",
                "la scadenza 30/07/2024 dell'azione n. 1 non corrisponde alla data scritta nei tempi (31/07/2024)");
    cr_assert_eq(l->diags.warnings, 1, "a date in words that matches is fine");
    loaded_free(l);
}

Test(check, scadenza_before_its_year)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':[{'n':1,'peso':100,'azione':'x','regola':{'tipo':'manuale'}}]},"
                            "{'anno':2025,'azioni':[{'n':1,'peso':100,'azione':'x','tempi':'Entro 30/06/2024','scadenza':'2024-06-30'}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[1].azioni[0].scadenza", "cade prima dell'annualità 2025");
    loaded_free(l);
}

Test(check, unknown_keys_with_suggestion)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':100,'azione':'x','indicatori':'y'}]}],'colore':'blu'}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[0].azioni[0].indicatori",
                "chiave sconosciuta «indicatori», ignorata (forse «indicatore»?)");
    const Diag *d = expect_diag(l, DIAG_WARNING, "$.obiettivi[0].colore", "chiave sconosciuta «colore», ignorata");
    cr_assert_null(strstr(d->message, "forse"), "no suggestion when nothing is close");
    loaded_free(l);
}

Test(check, empty_form_fields)
{
    Loaded *l = load_q(PLAN("{'codice':'A-01','tipo':'individuale','descrizione':'d'," ONE_ACTION "}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0]", "manca il collegamento al bilancio");
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].dirigente", "manca il dirigente responsabile");
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].target", "manca il traguardo atteso");
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].accessibilita", "D. lgs. 222/2023");
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].unita_responsabile", "manca l'unità organizzativa");
    loaded_free(l);
}

Test(check, weight_without_action_text)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':[{'n':1,'peso':100,'azione':'x','regola':{'tipo':'manuale'}}]},"
                            "{'anno':2025,'azioni':[{'n':1,'peso':100}]}]}"));
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[1].azioni[0]", "ha un peso ma nessuna descrizione");
    loaded_free(l);
}

Test(check, diagnostics_sort_by_objective_stably)
{
    DiagList list;
    diag_list_init(&list);
    diag_add(&list, DIAG_WARNING, "f", "$.obiettivi[2]", "C", 2, "terzo");
    diag_add(&list, DIAG_ERROR, "f", "$.obiettivi[0]", "A", 0, "primo a");
    diag_add(&list, DIAG_WARNING, "f", "$.ente", NULL, -1, "piano");
    diag_add(&list, DIAG_WARNING, "f", "$.obiettivi[0]", "A", 0, "primo b");
    diag_list_sort(&list);
    cr_assert_str_eq(list.items[0].message, "piano");
    cr_assert_str_eq(list.items[1].message, "primo a");
    cr_assert_str_eq(list.items[2].message, "primo b");
    cr_assert_str_eq(list.items[3].message, "terzo");
    cr_assert_eq(list.errors, 1);
    cr_assert_eq(list.warnings, 3);
    diag_list_free(&list);
}

Test(check, registry_duplicate_names)
{
    Loaded *l = load_q("{'formato':'schede-piano/1','ente':'E','triennio':[2024,2026],'persone':["
                       "{'id':'a','nome':'Anna Maria Vesnaver'},{'id':'b','nome':'ANNA  MARIA VESNAVER'},"
                       "{'id':'a','nome':'Altro'}],'obiettivi':[]}");
    expect_diag(l, DIAG_WARNING, "$.persone[1]", "già nel registro come $.persone[0]");
    expect_diag(l, DIAG_ERROR, "$.persone[2].id", "l'id «a» è già usato");
    loaded_free(l);
}

Test(check, rule_read_from_text_or_manual_with_a_warning)
{
    Loaded *l = load_q(PLAN("{" OBJ_FIELDS("A-01") ",'annualita':[{'anno':2024,'azioni':["
                            "{'n':1,'peso':50,'azione':'x','tempi':'Tempestivo','graduazione':'Ritardo fino a 30 giorni = 40%'},"
                            "{'n':2,'peso':50,'azione':'y','graduazione':'Rafforzare i progetti di vita'}]}]}"));
    expect_usable(l);
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[0].azioni[0]",
                "ha una regola «ritardo» (letta dalla graduazione) ma nessuna «scadenza»");
    expect_diag(l, DIAG_WARNING, "$.obiettivi[0].annualita[0].azioni[1]",
                "non ha una «regola» e la graduazione non indica fasce leggibili: la percentuale dovrà indicarla l'ufficio");
    cr_assert_eq(l->diags.warnings, 2);
    loaded_free(l);
}
