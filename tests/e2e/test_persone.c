/* People: matching, groups, warnings, the score by hand, the documents. */
#include <cjson/cJSON.h>

#include "esiti.h"
#include "persone.h"
#include "plan_load.h"
#include "raggiunto.h"
#include "run.h"
#include "load.h"

static Plan plan;
static Rilevazioni ril;
static Esiti esiti;
static PersoneAnno people;

static void setup(void)
{
    DiagList d;
    diag_list_init(&d);
    load_plan_ok(SCHEDE_SOURCE_DIR "/tests/fixtures/persone-piano.json", &plan);
    load_raggiunto_ok(SCHEDE_SOURCE_DIR "/tests/fixtures/persone-raggiunto.json", CODIFICA_AUTO, &ril);
    esiti_compute(&plan, &ril, 2024, &esiti, &d);
    cr_assert_eq(d.errors, 0);
    persone_compute(&plan, &esiti, 2024, &people);
    diag_list_free(&d);
}

static void teardown(void)
{
    persone_free(&people);
    esiti_free(&esiti);
    raggiunto_free(&ril);
    plan_free(&plan);
}

TestSuite(persone, .init = setup, .fini = teardown);

static const PersonaAnno *person(const char *nome)
{
    for (size_t i = 0; i < people.n; i++)
        if (strcmp(people.persone[i].nome, nome) == 0)
            return &people.persone[i];
    cr_assert_fail("no person %s", nome);
    return NULL;
}

Test(persone, matching_by_name_alias_case_accents_apostrophes)
{
    const Persona *p = persone_match(&plan, "D’AGOSTINO  Maria Grazia");
    cr_assert(p && strcmp(p->id, "dagostino-mg") == 0, "the alias, with ’ and two spaces");
    cr_assert_eq(persone_match(&plan, "maria grazia d'agostino"), p, "the nome, lower case, straight apostrophe");
    cr_assert_eq(persone_match(&plan, "Maria Grazia D`Agostino"), p, "a backtick apostrophe");
    cr_assert_not_null(persone_match(&plan, "luca  BIANCHI"));
    cr_assert_null(persone_match(&plan, "Luca Bianchini"), "a near miss is not a match");
    /* one person under three spellings: one set of rows */
    const PersonaAnno *dag = person("Maria Grazia D'Agostino");
    cr_assert_eq(dag->n_righe, 3);
    cr_assert_str_eq(dag->registro->matricola, "0417");
}

Test(persone, groups_get_no_rows_and_unmatched_names_are_people_of_their_own)
{
    /* D'Agostino, Bianchi, Bianchini, Anna Neri, Anna-Neri: the group is not a person */
    cr_assert_eq(people.n, 5);
    for (size_t i = 0; i < people.n; i++)
        cr_assert_neq(strcmp(people.persone[i].nome, "Tutto il personale"), 0);
    const PersonaAnno *x = person("Luca Bianchini");
    cr_assert_null(x->registro);
    cr_assert_eq(x->n_righe, 1);
    /* sorted by area, then surname; people outside the registry last */
    cr_assert_str_eq(people.persone[0].nome, "Maria Grazia D'Agostino");
    cr_assert_str_eq(people.persone[1].nome, "Luca Bianchi");
}

Test(persone, score_by_hand)
{
    /* D'Agostino: P-01/1 q 50 w 60 s 100; P-01/2 q 100 w 40 s 80; P-02/1 q 70 not reported.
     * (50·60·100 + 100·40·80) / (50·60 + 100·40) = 620000 / 7000 = 88,5714… */
    const PersonaAnno *dag = person("Maria Grazia D'Agostino");
    cr_assert(dag->has_punteggio);
    cr_assert_float_eq(dag->punteggio, 620000.0 / 7000.0, 1e-9);
    cr_assert_eq(dag->escluse, 1, "the row not reported is listed and excluded");
    cr_assert_float_eq(dag->righe[0].contributo, 300000.0 / 7000.0, 1e-9);
    cr_assert_float_eq(dag->righe[1].contributo, 320000.0 / 7000.0, 1e-9);
    cr_assert_float_eq(dag->righe[0].contributo + dag->righe[1].contributo, dag->punteggio, 1e-9,
                       "the contributions add up to the score");
    cr_assert_eq(dag->n_subtotali, 2);
    cr_assert_float_eq(dag->subtotali[0].punteggio, 620000.0 / 7000.0, 1e-9);
    cr_assert_not(dag->subtotali[1].has_punteggio, "P-02: nothing reported");
    const PersonaAnno *b = person("Luca Bianchi");
    cr_assert_float_eq(b->punteggio, 100.0, 1e-9);
    cr_assert_not(person("Anna Neri")->has_punteggio, "only a row not yet reported");
}

Test(persone, file_names)
{
    char *s = persone_slug("Maria Grazia D'Agostino");
    cr_assert_str_eq(s, "maria-grazia-dagostino");
    free(s);
    s = persone_slug("  Niccolò   Àlvarez-Rossi ");
    cr_assert_str_eq(s, "niccolo-alvarez-rossi");
    free(s);
    s = persone_slug("../../etc/passwd");
    cr_assert_str_eq(s, "etc-passwd", "no path can come out of a name");
    free(s);
}

Test(persone_cli, verifica_warns_about_people)
{
    Run r = run("verifica tests/fixtures/persone-piano.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "P-02: $.obiettivi[1].risorse_umane[0].personale[1].nome: «Luca Bianchini» non è nel registro delle "
                        "persone: forse «Luca Bianchi»?");
    expect_contains(&r, "$.persone[2]: «Giulia Verdi» è nel registro ma non compare nel personale di nessuna azione");
    expect_contains(&r, "«Anna Neri» non è nel registro delle persone: sarà trattata come una persona a sé");
    free(r.out);
    r = run("verifica samples/sarzana-2024-2026.json");
    expect_contains(&r, "«dott.ssa Federica Vargelli» non è nel registro delle persone: forse «Federica Vangeli»?");
    expect_contains(&r, "«dott.ssa Raffaella Fiedani» non è nel registro delle persone: forse «Raffaella Frediani»?");
    expect_contains(&r, "$.persone[8]: «Nicola Bosco» non partecipa a nessuna azione del 2024");
    free(r.out);
}

Test(persone_cli, esiti_json_lists_people)
{
    Run r = run("esiti tests/fixtures/persone-piano.json --raggiunto tests/fixtures/persone-raggiunto.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "\"id\":\t\"dagostino-mg\",\n\t\t\t\"nome\":\t\"Maria Grazia D'Agostino\",\n\t\t\t\"matricola\":\t\"0417\","
                        "\n\t\t\t\"area\":\t\"Area 1\",\n\t\t\t\"punteggio\":\t88.57,");
    expect_contains(&r, "\"id\":\tnull,\n\t\t\t\"nome\":\t\"Luca Bianchini\"");
    expect_contains(&r, "\"obiettivo\":\t\"P-02\",\n\t\t\t\t\t\"azione\":\t1,\n\t\t\t\t\t\"partecipazione\":\t70,\n\t\t\t\t\t\"peso\":\t100,"
                        "\n\t\t\t\t\t\"percentuale\":\tnull");
    free(r.out);
}

Test(persone_cli, persone_pdf_and_one_file_per_person, .timeout = 60 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run_shell("rm -rf $T/persone && '" SCHEDE_EXE "' stampa tests/fixtures/persone-piano.json --raggiunto "
                      "tests/fixtures/persone-raggiunto.json --solo persone --una-per-persona --out $T/persone && "
                      "ls $T/persone $T/persone/persone");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "persone.pdf");
    expect_contains(&r, "0417-maria-grazia-dagostino.pdf");
    expect_contains(&r, "0100-luca-bianchi.pdf");
    expect_contains(&r, "anna-neri.pdf");
    expect_contains(&r, "anna-neri-2.pdf");
    cr_assert_null(strstr(r.out, "schede.pdf"), "--solo persone");
    free(r.out);
    r = run_shell("pdftotext -raw $T/persone/persone.pdf - 2>/dev/null");
    expect_contains(&r, "Prospetto di partecipazione 2024");
    expect_contains(&r, "Scheda individuale di partecipazione agli obiettivi – anno 2024");
    expect_contains(&r, "PUNTEGGIO 2024 88,57");
    expect_contains(&r, "Punteggio sull'obiettivo P-01 88,57");
    expect_contains(&r, "non rilevata non conta");
    expect_contains(&r, "1 righe non contano nel punteggio");
    expect_contains(&r, "Punteggio = somma di (partecipazione × peso dell'azione × percentuale raggiunta");
    expect_contains(&r, "Il dipendente Il dirigente Data");
    expect_contains(&r, "Pag. 1 di 1 – foglio 2 di 6");
    free(r.out);
    r = run_shell("pdftotext -raw $T/persone/persone/0417-maria-grazia-dagostino.pdf - 2>/dev/null");
    expect_contains(&r, "Maria Grazia D'Agostino");
    expect_contains(&r, "Pag. 1 di 1 – foglio 1 di 1");
    cr_assert_null(strstr(r.out, "Prospetto"), "one person's file has only their sheet");
    free(r.out);
    r = run_shell("qpdf --json --json-key=outlines $T/persone/persone.pdf | grep -c '\"title\"'");
    cr_assert_eq(atoi(r.out), 6, "a bookmark for the matrix and for each of the 5 people");
    free(r.out);
}

/* ---- an objective measured by its indicators alone (tests/fixtures/solo-indicatori) ----
 * I-01 has no annualità: 30 / 40 = 75 % (peso 60), 180 / 200 = 90 % (peso 40):
 *   (60·75 + 40·90) / 100 = 81. Its risorse umane row names no action: the whole objective, w = 100.
 * its action 60 % (manuale); its indicator 72 / 80 = 90 % is reported beside, not in the %.
 * Anna Rossi: I-01 q 50, A-01 q 100: (50·100·81 + 100·100·60) / (50·100 + 100·100) = 67.
 * Bruno Verdi: I-01 q 50 → 81. */
#define SOLO "tests/fixtures/solo-indicatori/"

Test(persone_cli, an_objective_measured_by_indicators_alone, .timeout = 120 * SCHEDE_TIMEOUT_SCALE)
{
    Run r = run("esiti " SOLO "piano.json --raggiunto " SOLO "raggiunto.json");
    cr_assert_eq(r.status, 0, "%s", r.out);
    const char *json_out = strstr(r.out, "{");
    cJSON *root = cJSON_Parse(json_out);
    cr_assert_not_null(root, "%s", r.out);
    cJSON *objs = cJSON_GetObjectItem(root, "obiettivi");
    cJSON *i01 = cJSON_GetArrayItem(objs, 0), *a01 = cJSON_GetArrayItem(objs, 1);
    cr_assert_float_eq(cJSON_GetObjectItem(i01, "percentuale")->valuedouble, 81, 1e-9);
    cr_assert_str_eq(cJSON_GetObjectItem(i01, "percentuale_da")->valuestring, "indicatori");
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(i01, "azioni")), 0);
    cr_assert_float_eq(cJSON_GetObjectItem(a01, "percentuale")->valuedouble, 60, 1e-9);
    cJSON *people_j = cJSON_GetObjectItem(root, "persone");
    cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(people_j, 0), "nome")->valuestring, "Anna Rossi");
    cr_assert_float_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(people_j, 0), "punteggio")->valuedouble, 67, 1e-9);
    cr_assert_float_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(people_j, 1), "punteggio")->valuedouble, 81, 1e-9);
    cJSON *row = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(people_j, 0), "righe"), 0);
    cr_assert_eq(cJSON_GetObjectItem(row, "azione")->valueint, 0, "0: the whole objective");
    cr_assert_float_eq(cJSON_GetObjectItem(row, "peso")->valuedouble, 100, 1e-9);
    cJSON_Delete(root);
    char *from_json = xstrdup(json_out);
    free(r.out);

    /* the CSV: the indicators' rows of I-01 */
    r = run("esiti " SOLO "piano.json --raggiunto " SOLO "raggiunto.json --formato csv");
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "I-01");
    expect_contains(&r, "Tempo medio di pagamento");
    free(r.out);

    /* the documents */
    char *dir = test_dir("persone", "solo-indicatori");
    char *args = xasprintf("stampa " SOLO "piano.json --raggiunto " SOLO "raggiunto.json --out '%s'", dir);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "/schede.pdf");
    expect_contains(&r, "/persone.pdf");
    expect_contains(&r, "/relazione.pdf");
    free(r.out);
    free(args);
    char *pdf = xasprintf("%s/persone.pdf", dir);
    char *text = pdf_raw_text(pdf, true);
    cr_assert(strstr(text, "l'intero obiettivo, misurato dagli indicatori"), "%s", text);
    cr_assert(strstr(text, "67,00"), "Anna Rossi's score: %s", text);
    free(text);
    free(pdf);

    /* a workbook and back: the same results */
    args = xasprintf("esporta " SOLO "piano.json '%s/piano.xlsx'", dir);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    free(r.out);
    free(args);
    args = xasprintf("esiti '%s/piano.xlsx' --raggiunto " SOLO "raggiunto.json", dir);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert_str_eq(strstr(r.out, "{"), from_json, "the workbook gives the same results");
    free(r.out);
    free(args);

    /* the comparison of the plan with its workbook: no difference */
    args = xasprintf("confronta " SOLO "piano.json '%s/piano.xlsx'", dir);
    r = run(args);
    cr_assert_eq(r.status, 0, "%s", r.out);
    expect_contains(&r, "nessuna differenza");
    free(r.out);
    free(args);
    free(from_json);
    free(dir);
}

/* One person under the ways people write her name: case, accents, titles, a role after a dash, the order of the words
   (users of the web say who they are in the plan with any of them). */
Test(persone, one_name_under_many_spellings)
{
    cr_assert(persone_stesso_nome("Mario Rossi", "Dott. Mario Rossi – Dirigente Area Tecnica"));
    cr_assert(persone_stesso_nome("ROSSI MARIO", "Mario Rossi"));
    cr_assert(persone_stesso_nome("dott.ssa  Maria Grazia D’Agostino", "D'AGOSTINO MARIA GRAZIA, Dirigente"));
    cr_assert(persone_stesso_nome("Ing. Arch. Niccolò Fabbri", "Niccolo Fabbri"));
    cr_assert_not(persone_stesso_nome("Mario Rossi", "Mario Rossini"));
    cr_assert_not(persone_stesso_nome("Mario Rossi", "Maria Rossi"));
    cr_assert_not(persone_stesso_nome("", ""), "no name is nobody's");
    char *k = persone_chiave_nome("Dott. Mario Rossi – Dirigente Area Tecnica");
    cr_assert_str_eq(k, "mario rossi");
    free(k);
}

/* Against the Sarzana plan: the registry's spelling for a person, the objective's for a dirigente outside it, the
   closest names for one that is neither. */
Test(persone, a_users_persona_is_a_name_of_the_plan)
{
    Plan sarzana;
    load_plan_ok(SCHEDE_SOURCE_DIR "/samples/sarzana-2024-2026.json", &sarzana);
    cr_assert_str_eq(persone_nome_nel_piano(&sarzana, "BOGO ALESSANDRA"), "Alessandra Bogo");
    cr_assert_str_eq(persone_nome_nel_piano(&sarzana, "Dott.ssa Valentina Chiavacci – Dirigente Area 2"),
                     "Valentina Chiavacci");
    cr_assert_str_eq(persone_nome_nel_piano(&sarzana, "segretario GENERALE"), "Segretario generale");
    cr_assert_null(persone_nome_nel_piano(&sarzana, "Mario Inesistente"));
    const char *near[3];
    size_t n = persone_nomi_vicini(&sarzana, "Alesandra Bogo", near, 3);
    cr_assert_geq(n, 1);
    cr_assert_str_eq(near[0], "Alessandra Bogo");
    cr_assert_eq(persone_nomi_vicini(&sarzana, "Zzyzx Qwerty", near, 3), 0);
    plan_free(&sarzana);
}
