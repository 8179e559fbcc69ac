/* The parts of schede web that need no server, against values worked out
 * by hand: sessions and their timeouts, the CSRF comparison, the login
 * limit and its Retry-After, the one escaping function, the form, query,
 * multipart and cookie parsers. Time is passed in, so it can move. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "archivio.h"
#include "html_moduli.h"
#include "http.h"
#include "rotte.h"
#include "coda_stampa.h"
#include "sessioni.h"
#include "utenti.h"
#include "tentativi.h"

#define T0 ((time_t)1700000000)

/* A scratch archive for the sessions and the failed logins, which are its rows, with the users "mrossi"
 * (dirigente) and "altro" (oiv); removed by done(). */
typedef struct {
    char dir[32];
    char path[64];
    Archivio *a;
} Scratch;

static void open_scratch(Scratch *sc)
{
    cr_assert(sodium_init() >= 0);
    snprintf(sc->dir, sizeof sc->dir, "/tmp/test-web-XXXXXX");
    cr_assert_not_null(mkdtemp(sc->dir));
    snprintf(sc->path, sizeof sc->path, "%s/a.db", sc->dir);
    char *error = NULL;
    Autore chi = {"prova", NULL};
    ArchivioEsito e;
    cr_assert_eq(archivio_crea(sc->path, "Ente", ARCHIVIO_PROFILO_PREDEFINITO, &chi, &error), ARCHIVIO_OK, "%s", error);
    sc->a = archivio_apri(sc->path, true, &e, &error);
    cr_assert_not_null(sc->a, "%s", error);
    bool esiste;
    cr_assert_eq(archivio_inizia(sc->a, &error), ARCHIVIO_OK);
    cr_assert_eq(archivio_utente_salva(sc->a, "mrossi", RUOLO_DIRIGENTE, "Mario Rossi", "-", &chi, &esiste, &error),
                 ARCHIVIO_OK);
    cr_assert_eq(archivio_utente_salva(sc->a, "altro", RUOLO_OIV, NULL, "-", &chi, &esiste, &error), ARCHIVIO_OK);
    cr_assert_eq(archivio_conferma(sc->a, &error), ARCHIVIO_OK);
}

static void done(Scratch *sc)
{
    archivio_chiudi(sc->a);
    const char *files[] = {"a.db", "a.db-wal", "a.db-shm"};
    for (size_t i = 0; i < 3; i++) {
        char f[96];
        snprintf(f, sizeof f, "%s/%s", sc->dir, files[i]);
        unlink(f);
    }
    rmdir(sc->dir);
}

static Utente user(Ruolo r)
{
    return (Utente){.nome = "mrossi", .ruolo = r, .persona = "Mario Rossi"};
}

Test(web, a_session_lives_30_idle_minutes_and_10_hours_at_most)
{
    Scratch sc;
    open_scratch(&sc);
    Sessioni ss = {sc.a};
    Utente u = user(RUOLO_DIRIGENTE);
    Sessione s, found;
    char *token = sessioni_nuova(&ss, &u, "10.0.0.1", T0, &s);
    cr_assert_eq(strlen(token), 32);                   /* 128 bits, hex */
    cr_assert_str_neq(s.chiave, token);                /* kept only as its hash */
    cr_assert_eq(strlen(s.chiave), 64);
    cr_assert(sessioni_trova(&ss, token, T0 + 30 * 60, &found));      /* 30 minutes: still alive… */
    cr_assert_str_eq(found.utente, "mrossi");
    cr_assert_eq(found.ruolo, RUOLO_DIRIGENTE);
    sessione_free(&found);
    cr_assert_not(sessioni_trova(&ss, token, T0 + 30 * 60 + 30 * 60 + 1, &found)); /* …then 30 idle minutes and a second */
    /* renewed every 29 minutes, it still ends at 10 hours */
    free(token);
    sessione_free(&s);
    token = sessioni_nuova(&ss, &u, "10.0.0.1", T0, &s);
    time_t t = T0;
    while (t + 29 * 60 <= T0 + 10 * 3600) {
        t += 29 * 60;
        cr_assert(sessioni_trova(&ss, token, t, &found), "at %ld s", (long)(t - T0));
        sessione_free(&found);
    }
    cr_assert_not(sessioni_trova(&ss, token, T0 + 10 * 3600 + 1, &found));
    cr_assert_not(sessioni_trova(&ss, "00000000000000000000000000000000", T0, &found));
    cr_assert_not(sessioni_trova(&ss, NULL, T0, &found));
    free(token);
    sessione_free(&s);
    done(&sc);
}

Test(web, a_session_is_in_the_archive_for_every_process_and_survives_a_restart)
{
    Scratch sc;
    open_scratch(&sc);
    Sessioni ss = {sc.a};
    Utente u = user(RUOLO_DIRIGENTE);
    Sessione s, found;
    char *token = sessioni_nuova(&ss, &u, "10.0.0.1", T0, &s);
    /* another connection to the same archive: another process, or the same server after a restart */
    char *error = NULL;
    ArchivioEsito e;
    Archivio *other = archivio_apri(sc.path, true, &e, &error);
    cr_assert_not_null(other);
    Sessioni ss2 = {other};
    cr_assert(sessioni_trova(&ss2, token, T0 + 5, &found));
    cr_assert_str_eq(found.csrf, s.csrf);
    sessione_free(&found);
    sessioni_chiudi(&ss2, token); /* logging out there ends it here too */
    cr_assert_not(sessioni_trova(&ss, token, T0 + 6, &found));
    archivio_chiudi(other);
    free(token);
    sessione_free(&s);
    done(&sc);
}

Test(web, a_session_ends_when_its_user_changes_or_is_disabled)
{
    Scratch sc;
    open_scratch(&sc);
    Sessioni ss = {sc.a};
    Utente u;
    char *error = NULL;
    cr_assert_eq(archivio_utente(sc.a, "mrossi", &u, &error), ARCHIVIO_OK);
    Sessione s, found;
    char *token = sessioni_nuova(&ss, &u, "10.0.0.1", T0, &s);
    cr_assert(sessioni_trova(&ss, token, T0, &found));
    sessione_free(&found);
    Autore chi = {"prova", NULL};
    cr_assert_eq(archivio_inizia(sc.a, &error), ARCHIVIO_OK);
    cr_assert_eq(archivio_utente_attivo(sc.a, "mrossi", false, &chi, &error), ARCHIVIO_OK);
    cr_assert_eq(archivio_conferma(sc.a, &error), ARCHIVIO_OK);
    cr_assert_not(sessioni_trova(&ss, token, T0 + 1, &found));
    utente_free(&u);
    free(token);
    sessione_free(&s);
    done(&sc);
}

Test(web, closing_a_session_forgets_it_and_tokens_differ)
{
    Scratch sc;
    open_scratch(&sc);
    Sessioni ss = {sc.a};
    Utente u = {.nome = "altro", .ruolo = RUOLO_OIV};
    Sessione a, b, found;
    char *ta = sessioni_nuova(&ss, &u, "10.0.0.1", T0, &a);
    char *tb = sessioni_nuova(&ss, &u, "10.0.0.1", T0, &b);
    cr_assert_str_neq(ta, tb);
    cr_assert_str_neq(a.csrf, b.csrf);
    sessioni_chiudi(&ss, ta);
    cr_assert_not(sessioni_trova(&ss, ta, T0 + 1, &found));
    cr_assert(sessioni_trova(&ss, tb, T0 + 1, &found));
    sessione_free(&found);
    free(ta);
    free(tb);
    sessione_free(&a);
    sessione_free(&b);
    done(&sc);
}

Test(web, csrf_must_be_the_sessions_own)
{
    Scratch sc;
    open_scratch(&sc);
    Sessioni ss = {sc.a};
    Sessione s;
    char *t = sessioni_nuova(&ss, NULL, "10.0.0.1", T0, &s);
    cr_assert(s.anonima);
    char good[33];
    memcpy(good, s.csrf, 33);
    cr_assert(sessione_csrf_ok(&s, good));
    char bad[33];
    memcpy(bad, good, 33);
    bad[31] = bad[31] == '0' ? '1' : '0';
    cr_assert_not(sessione_csrf_ok(&s, bad));
    cr_assert_not(sessione_csrf_ok(&s, ""));
    cr_assert_not(sessione_csrf_ok(&s, NULL));
    cr_assert_not(sessione_csrf_ok(NULL, good));
    good[31] = '\0'; /* a prefix is not the token */
    cr_assert_not(sessione_csrf_ok(&s, good));
    free(t);
    sessione_free(&s);
    done(&sc);
}

Test(web, failures_of_a_user_from_one_address_delay_that_address_only_and_double_each_time)
{
    Scratch sc;
    open_scratch(&sc);
    Tentativi ts = {sc.a};
    for (int i = 0; i < 4; i++)
        tentativi_inizio(&ts, "segreteria", "10.0.0.1", T0 + i);
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 4), 0); /* 4: may try */
    /* the 5th: 1 s, whole: in whole seconds, until the second after next (never shorter than 1 s) */
    tentativi_inizio(&ts, "segreteria", "10.0.0.1", T0 + 10);
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 10), 2);
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 11), 1);
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 12), 0);
    tentativi_inizio(&ts, "segreteria", "10.0.0.1", T0 + 12);                 /* the 6th: 2 s, the 7th: 4 s */
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 12), 3);
    tentativi_inizio(&ts, "segreteria", "10.0.0.1", T0 + 13);
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 13), 5);
    /* the same user from any other address: no wait at all (nobody locks the Segreteria out from outside) */
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.2", T0 + 13), 0);
    cr_assert_eq(tentativi_attesa(&ts, "altro", "10.0.0.1", T0 + 13), 0);
    /* 10 more failures: 2^(15 − 5) = 1024 s, cut to 15 minutes */
    for (int i = 0; i < 10; i++)
        tentativi_inizio(&ts, "segreteria", "10.0.0.1", T0 + 20);
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 20), 901);
    /* forgotten 15 minutes after the last failure */
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 20 + 900), 0);
    tentativi_inizio(&ts, "segreteria", "10.0.0.1", T0 + 2000);
    cr_assert_eq(tentativi_attesa(&ts, "segreteria", "10.0.0.1", T0 + 2000), 0); /* counting from 1 again */
    tentativi_riuscito(&ts, "segreteria", "10.0.0.1");
    done(&sc);
}

Test(web, a_try_counts_before_its_check_so_tries_at_once_cannot_pass_the_limit)
{
    Scratch sc;
    open_scratch(&sc);
    Tentativi ts = {sc.a};
    int checked = 0;
    for (int i = 0; i < 40; i++) /* 40 at the same second: each is counted before the next is admitted */
        if (tentativi_attesa(&ts, "oiv", "10.0.0.7", T0) == 0) {
            tentativi_inizio(&ts, "oiv", "10.0.0.7", T0);
            checked++;
        }
    cr_assert_eq(checked, TENTATIVI_MAX);
    /* a second process on the same archive counts the same tries */
    char *error = NULL;
    ArchivioEsito e;
    Archivio *other = archivio_apri(sc.path, true, &e, &error);
    Tentativi ts2 = {other};
    cr_assert_gt(tentativi_attesa(&ts2, "oiv", "10.0.0.7", T0), 0);
    archivio_chiudi(other);
    /* a success takes its try back and forgets the user's count */
    tentativi_riuscito(&ts, "oiv", "10.0.0.7");
    cr_assert_eq(tentativi_attesa(&ts, "oiv", "10.0.0.7", T0), 0);
    done(&sc);
}

Test(web, fifty_failures_from_one_address_delay_every_user_of_that_address_only)
{
    Scratch sc;
    open_scratch(&sc);
    Tentativi ts = {sc.a};
    char name[32];
    for (int i = 0; i < 50; i++) {
        snprintf(name, sizeof name, "utente%d", i);
        tentativi_inizio(&ts, name, "10.9.9.9", T0 + i);
    }
    cr_assert_eq(tentativi_attesa(&ts, "nuovo", "10.9.9.9", T0 + 49), 2); /* the 50th: 1 s, whole */
    cr_assert_eq(tentativi_attesa(&ts, "nuovo", "10.9.9.9", T0 + 51), 0);
    cr_assert_eq(tentativi_attesa(&ts, "nuovo", "10.9.9.8", T0 + 49), 0);
    done(&sc);
}

Test(web, the_registro_gets_the_first_failure_then_the_10th_100th_and_names_cut_at_64_bytes)
{
    Scratch sc;
    open_scratch(&sc);
    Tentativi ts = {sc.a};
    long count;
    bool by_address;
    int rows = 0;
    for (int i = 1; i <= 1000; i++)
        if (tentativi_da_registrare(&ts, "segreteria", "10.0.0.1", false, T0, &count, &by_address)) {
            rows++;
            cr_assert_not(by_address);
            cr_assert(count == 1 || count == 10 || count == 100 || count == 1000, "%ld", count);
        }
    cr_assert_eq(rows, 4);
    /* the first try refused for its delay has its row, whatever the failures before it */
    cr_assert(tentativi_da_registrare(&ts, "segreteria", "10.0.0.1", true, T0, &count, &by_address));
    cr_assert_eq(count, 1);
    /* 1,000 different names from one address: 20 with a row of their own, then rows by the address's count */
    rows = 0;
    char name[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "x%d", i);
        if (tentativi_da_registrare(&ts, name, "10.0.0.9", false, T0, &count, &by_address))
            rows++;
    }
    cr_assert_eq(rows, 20 + 2, "%d", rows); /* the names 1–20, then the address at its 100th and 1000th */
    char long_name[200], kept[TENTATIVI_NOME_MAX + 1];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    long_name[63] = '\xc3'; /* "à" across the 64th byte: cut before it */
    long_name[64] = '\xa0';
    tentativi_nome(long_name, kept);
    cr_assert_eq(strlen(kept), 63);
    done(&sc);
}

Test(web, anonymous_sessions_of_one_address_cannot_push_out_anybody_elses)
{
    Scratch sc;
    open_scratch(&sc);
    Sessioni ss = {sc.a};
    Sessione s, found;
    char *mine = sessioni_nuova(&ss, NULL, "10.0.0.1", T0, &s);
    sessione_free(&s);
    char *t[300];
    for (int i = 0; i < 300; i++) { /* an address opening login forms by the hundred */
        t[i] = sessioni_nuova(&ss, NULL, "10.6.6.6", T0 + 1 + i, &s);
        sessione_free(&s);
    }
    cr_assert(sessioni_trova(&ss, mine, T0 + 400, &found)); /* the other address's form is still there */
    sessione_free(&found);
    long same, all;
    char oldest[65];
    archivio_sessioni_anonime(sc.a, "10.6.6.6", &same, &all, oldest);
    cr_assert_eq(same, SESSIONI_ANONIME_PER_INDIRIZZO);
    cr_assert(sessioni_trova(&ss, t[299], T0 + 400, &found)); /* its newest kept, its oldest gone */
    sessione_free(&found);
    cr_assert_not(sessioni_trova(&ss, t[0], T0 + 400, &found));
    for (int i = 0; i < 300; i++)
        free(t[i]);
    free(mine);
    done(&sc);
}

Test(web, a_users_sessions_end_together)
{
    Scratch sc;
    open_scratch(&sc);
    Sessioni ss = {sc.a};
    Utente u = user(RUOLO_DIRIGENTE), v = {.nome = "altro", .ruolo = RUOLO_OIV};
    Sessione s, found;
    char *a = sessioni_nuova(&ss, &u, "10.0.0.1", T0, &s);
    sessione_free(&s);
    char *b = sessioni_nuova(&ss, &u, "10.0.0.2", T0, &s);
    sessione_free(&s);
    char *c = sessioni_nuova(&ss, &v, "10.0.0.1", T0, &s);
    sessione_free(&s);
    cr_assert_eq(sessioni_chiudi_utente(&ss, "mrossi"), 2);
    cr_assert_not(sessioni_trova(&ss, a, T0, &found));
    cr_assert_not(sessioni_trova(&ss, b, T0, &found));
    cr_assert(sessioni_trova(&ss, c, T0, &found));
    sessione_free(&found);
    free(a);
    free(b);
    free(c);
    done(&sc);
}

Test(web, one_escaping_function_for_text_and_attributes)
{
    StrBuf b = {0};
    html_text(&b, "<script>alert(\"x\") & 'y'</script>");
    cr_assert_str_eq(b.data, "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
    strbuf_free(&b);
    html_printf(&b, "<a href=\"/obiettivi/%s\">%s %d%%</a>", "A\"B", "<b>", 7);
    cr_assert_str_eq(b.data, "<a href=\"/obiettivi/A&quot;B\">&lt;b&gt; 7%</a>");
    strbuf_free(&b);
    html_printf(&b, "%zu %ld %s", (size_t)38, -12L, "<");
    cr_assert_str_eq(b.data, "38 -12 &lt;");
    strbuf_free(&b);
}

/* A link's path: each argument one segment, every byte outside A-Z a-z 0-9 - . _ ~ encoded (UTF-8 byte by byte), then
   escaped as an attribute; decoding a segment gives the codice back. */
Test(web, url_segments_are_encoded_and_come_back_whole)
{
    const char *codici[] = {"SG/01", "AG 50%", "X?y", "Q#1", "Di \"lui\" e l'altro", "Città-è", "..", "A%2FB"};
    const char *expected[] = {"/obiettivi/SG%2F01", "/obiettivi/AG%2050%25", "/obiettivi/X%3Fy", "/obiettivi/Q%231",
                              "/obiettivi/Di%20%22lui%22%20e%20l%27altro", "/obiettivi/Citt%C3%A0-%C3%A8",
                              "/obiettivi/..", "/obiettivi/A%252FB"};
    for (size_t i = 0; i < sizeof codici / sizeof *codici; i++) {
        char *path = url_path("/obiettivi/%s", codici[i]);
        cr_assert_str_eq(path, expected[i]);
        char *back;
        size_t n;
        cr_assert(web_percent_decode(path + 11, strlen(path + 11), false, &back, &n));
        cr_assert_str_eq(back, codici[i]);
        free(back);
        free(path);
    }
    char *q = url_path("/obiettivi/%s?periodo=%s#rilevazioni", "a&b=c", "2024-06-30");
    cr_assert_str_eq(q, "/obiettivi/a%26b%3Dc?periodo=2024-06-30#rilevazioni");
    free(q);
    StrBuf b = {0};
    html_url(&b, "/persone/%s", "<x>&\"");
    cr_assert_str_eq(b.data, "/persone/%3Cx%3E%26%22"); /* nothing left for HTML to escape */
    strbuf_free(&b);
}

/* Elements: attributes escaped, NULL left out, the boolean ones alone, "" kept as a value elsewhere. */
Test(web, elements_escape_their_attributes_and_leave_out_null)
{
    StrBuf b = {0};
    html_element(&b, "option", ATTRS({"value", "a\"b"}, {"selected", ""}, {"title", NULL}, {"data-x", ""}), "<1>");
    cr_assert_str_eq(b.data, "<option value=\"a&quot;b\" selected data-x=\"\">&lt;1&gt;</option>");
    strbuf_free(&b);
}

/* Every POST form carries the session's csrf; a field has its label, hint, error and aria attributes, and an error
   summary links to the field; a GET form carries no token. */
Test(web, forms_carry_their_csrf_and_fields_their_errors)
{
    StrBuf b = {0};
    Errori e = {0};
    errori_add(&e, "data", "La data non è valida");
    errori_add(&e, "", "Riprovare");
    html_form(&b, &(Form){.action = "/obiettivi/SG%2F01/rilevazioni", .csrf = "0123abcd"});
    html_campo(&b, &(CampoForm){CAMPO_TESTO, "data", "Data", "gg/mm/aaaa", "31/02/2024"}, &e);
    html_campo(&b, &(CampoForm){CAMPO_TESTO, "nota", "Nota", .valore = "<b>"}, &e);
    html_form_fine(&b);
    html_riepilogo(&b, &e, "Da correggere");
    const char *html = b.data;
    cr_assert(strstr(html, "<form method=\"post\" action=\"/obiettivi/SG%2F01/rilevazioni\" novalidate>"
                           "<input type=\"hidden\" name=\"csrf\" value=\"0123abcd\">"), "%s", html);
    cr_assert(strstr(html, "<label for=\"data\">Data</label><span class=\"aiuto\" id=\"aiuto-data\">gg/mm/aaaa</span>"
                           "<input id=\"data\" name=\"data\" type=\"text\" value=\"31/02/2024\" "
                           "aria-describedby=\"aiuto-data errore-data\" aria-invalid=\"true\">"
                           "<div class=\"errore\" id=\"errore-data\"><p>La data non è valida</p></div>"), "%s", html);
    cr_assert(strstr(html, "<input id=\"nota\" name=\"nota\" type=\"text\" value=\"&lt;b&gt;\">"), "%s", html);
    cr_assert(strstr(html, "<li><a href=\"#data\">La data non è valida</a></li><li>Riprovare</li>"), "%s", html);
    strbuf_free(&b);
    html_form(&b, &(Form){.action = "/obiettivi", .ruolo = "search"});
    cr_assert_str_eq(b.data, "<form method=\"get\" action=\"/obiettivi\" role=\"search\">\n");
    strbuf_free(&b);
    errori_free(&e);
}

/* The route of a path as sent: an encoded / stays in its segment, a suffix is matched inside one, an empty argument
   matches nothing, a wrong method or a bad escape is told apart from an unknown path. */
Test(web, routes_are_found_on_the_path_as_sent)
{
    char *arg;
    bool known, bad;
    const Rotta *r = rotta_trova("GET", "/obiettivi/SG%2F01", &arg, &known, &bad);
    cr_assert(r && strcmp(r->schema, "/obiettivi/{codice}") == 0);
    cr_assert_str_eq(arg, "SG/01");
    free(arg);
    r = rotta_trova("GET", "/obiettivi/SG%2F01/scheda.pdf", &arg, &known, &bad);
    cr_assert(r && r->oggetto == OGGETTO_OBIETTIVO && strcmp(r->schema, "/obiettivi/{codice}/scheda.pdf") == 0);
    free(arg);
    r = rotta_trova("GET", "/documenti/premi.pdf", &arg, &known, &bad);
    cr_assert(r && r->oggetto == OGGETTO_DOCUMENTO);
    cr_assert_str_eq(arg, "premi");
    free(arg);
    cr_assert_null(rotta_trova("GET", "/documenti/.pdf", &arg, &known, &bad));
    cr_assert(!known && !bad);
    cr_assert_null(rotta_trova("GET", "/obiettivi/SG-01/rilevazioni", &arg, &known, &bad));
    cr_assert(known && !bad, "a POST route asked with GET: 405");
    cr_assert_null(rotta_trova("GET", "/obiettivi/%zz", &arg, &known, &bad));
    cr_assert(bad);
    cr_assert_null(rotta_trova("GET", "/obiettivi//scheda.pdf", &arg, &known, &bad));
    cr_assert(!known);
    cr_assert_null(rotta_trova("GET", "obiettivi", &arg, &known, &bad));
    r = rotta_trova("GET", "/", &arg, &known, &bad);
    cr_assert(r && r->capacita == CAP_ACCESSO && !arg);
}

/* Capabilities by role, as the table of permissions promises (docs/web.md). */
Test(web, what_each_role_may_do)
{
    const Documento *premi = catalogo_trova("premi"), *schede = catalogo_trova("schede");
    cr_assert(documento_consentito(premi, capacita_di(RUOLO_PERSONALE)));
    cr_assert(documento_consentito(premi, capacita_di(RUOLO_AMMINISTRATORE)));
    cr_assert(!documento_consentito(premi, capacita_di(RUOLO_OIV)));
    cr_assert(documento_consentito(schede, capacita_di(RUOLO_OIV)));
    cr_assert(!documento_consentito(schede, capacita_di(RUOLO_DIRIGENTE)));
    cr_assert(!documento_consentito(schede, capacita_di(RUOLO_DIPENDENTE)));
    cr_assert_eq(capacita_di(RUOLO_DIPENDENTE), CAP_ACCESSO | CAP_SCHEDA_PROPRIA);
    cr_assert(!(capacita_di(RUOLO_OIV) & (CAP_PIANO | CAP_UTENTI | CAP_VALUTAZIONI | CAP_RACCOLTE | CAP_RILEVAZIONI)),
              "the OIV changes no data but its validations");
}

Test(web, percent_decoding_refuses_what_is_malformed)
{
    char *out;
    size_t n;
    cr_assert(web_percent_decode("a%20b+c%C3%A8", 13, true, &out, &n));
    cr_assert_str_eq(out, "a b cè");
    cr_assert_eq(n, 7);
    free(out);
    cr_assert(web_percent_decode("a+b", 3, false, &out, NULL)); /* a path keeps its + */
    cr_assert_str_eq(out, "a+b");
    free(out);
    const char *bad[] = {"%", "%2", "%zz", "a%0", "%00", "%g1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cr_assert_not(web_percent_decode(bad[i], strlen(bad[i]), true, &out, NULL), "%s", bad[i]);
        cr_assert_null(out);
    }
}

Test(web, urlencoded_forms_and_cookies)
{
    Modulo m;
    const char *body = "csrf=abc&azione=2&nota=conclusa+il+30%2F06&vuoto=&solo";
    cr_assert(modulo_urlencoded(body, strlen(body), &m));
    cr_assert_eq(m.n, 5);
    cr_assert_str_eq(modulo_valore(&m, "nota"), "conclusa il 30/06");
    cr_assert_str_eq(modulo_valore(&m, "vuoto"), "");
    cr_assert_str_eq(modulo_valore(&m, "solo"), "");
    cr_assert_null(modulo_valore(&m, "manca"));
    modulo_free(&m);
    cr_assert_not(modulo_urlencoded("a=%zz", 5, &m));
    char *c = web_cookie("tema=scuro; schede_sessione=0123abcd; altro=1", "schede_sessione");
    cr_assert_str_eq(c, "0123abcd");
    free(c);
    cr_assert_null(web_cookie("xschede_sessione=1", "schede_sessione"));
    cr_assert_null(web_cookie(NULL, "schede_sessione"));
}

Test(web, multipart_uploads_keep_their_bytes)
{
    const char body[] = "--zz\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
                        "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"piano.json\"\r\n"
                        "Content-Type: application/json\r\n\r\n{\"a\":\0\"b\"}\r\n--zz--\r\n";
    Modulo m;
    cr_assert(modulo_multipart("multipart/form-data; boundary=zz", body, sizeof body - 1, &m));
    cr_assert_eq(m.n, 2);
    cr_assert_str_eq(modulo_valore(&m, "csrf"), "abc");
    const CampoModulo *f = modulo_campo(&m, "file");
    cr_assert_str_eq(f->file, "piano.json");
    cr_assert_eq(f->len, 10); /* {"a":\0"b"}: the NUL kept */
    cr_assert_eq(memcmp(f->valore, "{\"a\":\0\"b\"}", 10), 0);
    modulo_free(&m);
    const char *bad[] = {"--zz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--zz--", /* no name */
                         "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",  /* no end */
                         "senza confini"};
    for (size_t i = 0; i < 3; i++)
        cr_assert_not(modulo_multipart("multipart/form-data; boundary=zz", bad[i], strlen(bad[i]), &m), "%zu", i);
    cr_assert_not(modulo_multipart("multipart/form-data", body, sizeof body - 1, &m)); /* no boundary */
}

static void *wait_turn(void *arg)
{
    CodaStampa *q = arg;
    bool got = coda_stampa_entra(q);
    if (got)
        coda_stampa_esci(q);
    return (void *)(intptr_t)got;
}

Test(web, the_pdf_queue_makes_as_many_at_once_as_allowed_lets_some_wait_and_refuses_the_rest)
{
    CodaStampa q;
    coda_stampa_apri(&q, 8, 2); /* 8 threads, 2 PDFs at once: 4 may wait, two threads stay for the pages */
    cr_assert_eq(q.insieme, 2);
    cr_assert_eq(q.attesa_max, 4);
    cr_assert(coda_stampa_entra(&q));
    cr_assert(coda_stampa_entra(&q));
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, wait_turn, &q);
    for (int tries = 0; tries < 500; tries++) { /* until the four wait */
        pthread_mutex_lock(&q.lock);
        int waiting = q.in_attesa;
        pthread_mutex_unlock(&q.lock);
        if (waiting == 4)
            break;
        nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
    cr_assert_eq(q.in_attesa, 4);
    cr_assert_not(coda_stampa_entra(&q)); /* the seventh: refused at once (503) */
    coda_stampa_esci(&q);
    coda_stampa_esci(&q);
    for (int i = 0; i < 4; i++) {
        void *got;
        pthread_join(t[i], &got);
        cr_assert(got, "a waiting PDF gets its turn");
    }
    cr_assert_eq(q.in_corso, 0);
    coda_stampa_chiudi(&q);
    CodaStampa big;
    coda_stampa_apri(&big, 8, 64); /* never more than half the threads making PDFs */
    cr_assert_eq(big.insieme, 4);
    cr_assert_eq(big.attesa_max, 2);
    coda_stampa_chiudi(&big);
}
