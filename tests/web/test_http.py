"""test_http.py — `schede web` over HTTP: every route for every role
(allowed or 403), login and its limit, sessions, CSRF, escaping, limits,
the rilevazioni of a dirigente with the % the rules give (computed here by
hand), the workflow, presa visione, and the registro of all of it."""
import csv
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

S = None  # the module's server, archive and scratch folder


def setUpModule():
    global S
    scratch = w.Scratch()
    db = w.make_archive(scratch.dir, valutazioni=True)
    log = os.path.join(scratch.dir, "accessi.log")
    S = type("S", (), {})()
    S.scratch, S.db, S.log = scratch, db, log
    S.server = w.Server(db, log=log)


def tearDownModule():
    rc, out, err = S.server.stop()
    assert rc == 0, (rc, out, err)
    assert "fermato (SIGTERM)" in out, out
    S.scratch.remove()


def client(user=None):
    c = w.Client(S.server.port)
    if user:
        r = c.login(user)
        assert r.status == 303, (user, r.status, r.text)
    return c


def registro():
    return list(csv.DictReader(io.StringIO(w.storia(S.db)), delimiter=";"))


class Accesso(unittest.TestCase):
    def test_salute_answers_without_login(self):
        r = w.Client(S.server.port).get("/salute")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.text, "ok\n")

    def test_every_answer_carries_the_security_headers(self):
        c = client("oiv")
        for path in ["/salute", "/accesso", "/", "/obiettivi", "/non-esiste", "/static/schede.css"]:
            r = c.get(path)
            self.assertEqual(r.headers.get("content-security-policy"), "default-src 'self'", path)
            self.assertEqual(r.headers.get("x-content-type-options"), "nosniff", path)
            self.assertEqual(r.headers.get("referrer-policy"), "same-origin", path)
            self.assertEqual(r.headers.get("x-frame-options"), "DENY", path)

    def test_pages_need_a_login(self):
        c = w.Client(S.server.port)
        for path in ["/", "/obiettivi", "/obiettivi/SG-01", "/storia", "/documenti/schede.pdf", "/persone/bogo-a"]:
            r = c.get(path)
            self.assertEqual(r.status, 303, path)
            self.assertEqual(r.headers["location"], "/accesso")

    def test_login_gives_a_new_token_in_a_strict_httponly_cookie(self):
        c = w.Client(S.server.port)
        r = c.get("/accesso")
        self.assertIn('lang="it"', r.text)
        self.assertIn('<label for="utente">', r.text)
        before = c.cookie
        r = c.post("/accesso", {"utente": "oiv", "password": w.PASSWORD["oiv"]})
        self.assertEqual(r.status, 303)
        cookie = r.headers["set-cookie"]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertIn("Path=/", cookie)
        self.assertNotIn("Secure", cookie)  # not behind HTTPS here (--https adds it)
        self.assertNotEqual(c.cookie, before)
        self.assertRegex(c.cookie, r"^[0-9a-f]{32}$")  # 128 bits
        self.assertEqual(c.get("/").status, 200)

    def test_behind_https_the_cookie_is_secure(self):
        server = w.Server(S.db, https=True)
        try:
            c = w.Client(server.port)
            self.assertIn("Secure", c.get("/accesso").headers["set-cookie"])
            r = c.post("/accesso", {"utente": "oiv", "password": w.PASSWORD["oiv"]})
            self.assertEqual(r.status, 303)
            self.assertIn("; Secure", r.headers["set-cookie"])
        finally:
            server.stop()

    def test_the_segreteria_creates_a_user_who_then_logs_in(self):
        admin = client("segreteria")
        admin.get("/utenti")
        r = admin.post("/utenti", {"nome": "nuovo", "ruolo": "oiv", "password": "corta"})
        self.assertEqual(r.status, 422)
        self.assertIn("almeno 10 caratteri", r.text)
        r = admin.post("/utenti", {"nome": "nuovo", "ruolo": "oiv", "persona": "", "password": "una-password-nuova"})
        self.assertEqual(r.status, 303)
        self.assertIn('<th scope="row" data-etichetta="Utente">nuovo</th><td data-etichetta="Ruolo">oiv</td>',
                      admin.get("/utenti").text)
        self.assertEqual(w.Client(S.server.port).login("nuovo", "una-password-nuova").status, 303)
        rows = [x for x in registro() if x["chiave"] == "nuovo" and x["chi"] == "segreteria"]
        self.assertEqual(sorted(x["operazione"] for x in rows), ["nuova password", "nuovo utente"])
        self.assertNotIn("una-password-nuova", w.storia(S.db))

    def test_logout_ends_the_session_on_the_server(self):
        c = client("oiv")
        token = c.cookie
        self.assertEqual(c.post("/uscita", {}).status, 303)
        old = w.Client(S.server.port)
        old.cookie = token
        self.assertEqual(old.get("/").status, 303)  # back to /accesso: the token is gone

    def test_a_wrong_password_is_refused_and_recorded(self):
        c = w.Client(S.server.port)
        r = c.login("personale", "sbagliata-davvero")
        self.assertEqual(r.status, 401)
        self.assertIn("Nome utente o password non corretti", r.text)
        rows = [x for x in registro() if x["operazione"] == "accesso non riuscito" and x["chiave"] == "personale"]
        self.assertTrue(rows)

    def test_five_failures_then_429_from_that_address_only(self):
        """Five failures of a user from one address: that address waits (1 s, then twice as long at each further
        failure); the same user from another address logs in at once: nobody locks a user out from outside."""
        w.run("archivio", "utente", S.db, "--aggiungi", "bersaglio", "--ruolo", "oiv", stdin="bersaglio-2024\n")
        c = w.Client(S.server.port, source="127.0.0.9")
        for _ in range(5):
            self.assertEqual(c.login("bersaglio", "no-no-no-no").status, 401)
        r = c.login("bersaglio", "bersaglio-2024")  # even the right password waits, from there
        self.assertEqual(r.status, 429)
        self.assertIn(int(r.headers["retry-after"]), (1, 2))  # 1 s, in whole seconds
        self.assertIn("Troppi tentativi di accesso non riusciti: riprovare fra", r.text)
        self.assertIn("accesso bloccato", w.storia(S.db))
        elsewhere = w.Client(S.server.port, source="127.0.0.10")
        self.assertEqual(elsewhere.login("bersaglio", "bersaglio-2024").status, 303)
        time.sleep(2.1)
        self.assertEqual(c.login("bersaglio", "no-no-no-no").status, 401)  # the 6th failure: 2 s
        r = c.login("bersaglio", "bersaglio-2024")
        self.assertEqual(r.status, 429)
        self.assertIn(int(r.headers["retry-after"]), (2, 3))

    def test_the_access_log_has_no_password_and_no_token(self):
        c = client("oiv")
        with open(S.log, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("POST /accesso 303", text)
        for secret in [w.PASSWORD["oiv"], c.cookie, c.csrf]:
            self.assertNotIn(secret, text)


class Csrf(unittest.TestCase):
    def test_a_post_without_or_with_a_wrong_token_is_403_and_changes_nothing(self):
        c = client("segretario")
        other = client("pastorino")  # another session's token is wrong too
        c.get("/obiettivi/SG-02")
        before = len(registro())
        fields = {"azione": "1", "data": "10/12/2024"}
        self.assertEqual(c.post("/obiettivi/SG-02/rilevazioni", fields, csrf=False).status, 403)
        self.assertEqual(c.post("/obiettivi/SG-02/rilevazioni", dict(fields, csrf="0" * 32)).status, 403)
        self.assertEqual(c.post("/obiettivi/SG-02/rilevazioni", dict(fields, csrf=other.csrf)).status, 403)
        self.assertEqual(c.post("/uscita", {"csrf": ""}).status, 403)
        self.assertEqual(len(registro()), before)
        self.assertEqual(c.get("/").status, 200)  # still logged in

    def test_the_login_form_has_its_token_too(self):
        c = w.Client(S.server.port)
        c.get("/accesso")
        r = c.post("/accesso", {"utente": "oiv", "password": w.PASSWORD["oiv"]}, csrf=False)
        self.assertEqual(r.status, 403)


# route → expected status per role (amministratore, dirigente of SG-*, personale, oiv, dipendente)
ROUTES = [
    ("/", [200, 200, 200, 200, 200]),
    ("/obiettivi", [200, 200, 200, 200, 403]),
    ("/obiettivi/SG-03", [200, 200, 200, 200, 403]),
    ("/obiettivi/STAMPA-01", [200, 403, 200, 200, 403]),
    ("/obiettivi/SG-03/scheda.pdf", [200, 200, 200, 200, 403]),
    ("/obiettivi/STAMPA-01/scheda.pdf", [200, 403, 200, 200, 403]),
    ("/documenti/schede.pdf", [200, 403, 200, 200, 403]),
    ("/documenti/persone.pdf", [200, 403, 200, 200, 403]),
    ("/documenti/relazione.pdf", [200, 403, 200, 200, 403]),
    ("/documenti/monitoraggio.pdf", [404, 403, 404, 404, 403]),  # no monitoring opened yet: 404 saying so
    ("/documenti/premi.pdf", [200, 403, 200, 403, 403]),
    ("/persone/bogo-a", [200, 403, 200, 200, 200]),
    ("/persone/tronfi-a", [200, 403, 200, 200, 403]),
    ("/persone/bogo-a/scheda.pdf", [200, 403, 200, 200, 200]),
    ("/persone/tronfi-a/scheda.pdf", [200, 403, 200, 200, 403]),
    ("/storia", [200, 403, 403, 200, 403]),
    ("/storia?formato=csv", [200, 403, 403, 200, 403]),
    ("/piano", [200, 403, 403, 403, 403]),
    ("/utenti", [200, 403, 403, 403, 403]),
    ("/valutazioni", [200, 403, 200, 403, 403]),
    ("/obiettivi/NON-ESISTE", [404, 404, 404, 404, 403]),
    ("/documenti/altro.pdf", [404, 403, 404, 404, 403]),  # no document for them at all: not even which exist
]
ROLES = ["segreteria", "segretario", "personale", "oiv", "bogo"]


class Ruoli(unittest.TestCase):
    def test_every_get_route_for_every_role(self):
        clients = [client(u) for u in ROLES]
        for path, expected in ROUTES:
            for c, user, status in zip(clients, ROLES, expected):
                r = c.get(path)
                self.assertEqual(r.status, status, "%s come %s: %s" % (path, user, r.text[:300]))
                if status == 200 and path.endswith(".pdf"):
                    self.assertTrue(r.body.startswith(b"%PDF-"), path)
                    self.assertEqual(r.headers["content-type"], "application/pdf")

    def test_posts_that_change_data_for_every_role(self):
        # (path, fields, who may) — the others get 403
        posts = [
            ("/obiettivi/SG-03/rilevazioni", {"azione": "1", "data": "10/12/2024"}, {"segretario"}),
            ("/piano/stato", {"versione": "1", "azione": "proponi"}, {"segreteria"}),
            ("/utenti", {"nome": "x", "ruolo": "oiv", "password": "abcdefghijkl"}, {"segreteria"}),
            ("/persone/bogo-a/comunicazione", {}, {"segreteria", "personale"}),
            ("/raccolta", {"azione": "chiudi"}, {"segreteria"}),
            ("/relazione", {"motivo": "x"}, {"oiv"}),
            ("/valutazioni", {}, {"segreteria", "personale"}),
            ("/valutazioni/validazione", {"motivo": "x"}, {"oiv"}),
            ("/persone/bogo-a/riapertura", {"motivo": "x"}, {"segreteria", "personale"}),
            ("/obiettivi/SG-03/validazione", {"azione": "valida"}, {"oiv"}),
        ]
        for path, fields, allowed in posts:
            for user in ["oiv", "bogo", "pastorino", "personale", "segretario", "segreteria"]:
                if user in allowed:
                    continue
                c = client(user)
                r = c.post(path, fields)
                self.assertEqual(r.status, 403, "%s come %s" % (path, user))

    def test_a_refused_access_leaves_a_row_in_the_registro(self):
        c = client("pastorino")
        self.assertEqual(c.get("/obiettivi/SG-01").status, 403)
        rows = [x for x in registro() if x["operazione"] == "accesso negato" and x["chi"] == "pastorino"]
        self.assertTrue(any(x["obiettivo"] == "SG-01" for x in rows), rows)


class Sicurezza(unittest.TestCase):
    def test_plan_text_is_escaped(self):
        c = client("segreteria")
        for path in ["/obiettivi", "/obiettivi/SG-01"]:
            r = c.get(path)
            self.assertNotIn(w.SCRIPT, r.text)
            self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", r.text)

    def test_a_query_is_escaped_back_into_the_page(self):
        c = client("segreteria")
        r = c.get("/obiettivi?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E")
        self.assertNotIn("<script>x", r.text)
        self.assertIn("&quot;&gt;&lt;script&gt;x", r.text)

    def test_413_for_a_form_over_64_kb_and_an_upload_over_20_mb(self):
        c = client("segreteria")
        r = c.post("/obiettivi/SG-01/rilevazioni", {"nota": "x" * (65 * 1024)})
        self.assertEqual(r.status, 413)
        # announced too large: answered before the body is read
        s = socket.create_connection(("127.0.0.1", S.server.port))
        s.sendall(("POST /piano HTTP/1.1\r\nHost: x\r\nCookie: schede_sessione=%s\r\n"
                   "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n"
                   % (c.cookie, 21 * 1024 * 1024)).encode() + b"x" * 65536)
        self.assertTrue(s.recv(100).startswith(b"HTTP/1.1 413"))
        s.close()
        # sent in chunks, without a length: stopped at the limit
        s = socket.create_connection(("127.0.0.1", S.server.port))
        s.sendall(("POST /raccolta HTTP/1.1\r\nHost: x\r\nCookie: schede_sessione=%s\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                   % c.cookie).encode())
        for _ in range(70):
            s.sendall(b"400\r\n" + b"y" * 1024 + b"\r\n")
        s.sendall(b"0\r\n\r\n")
        got = s.recv(100)
        self.assertTrue(got.startswith(b"HTTP/1.1 413"), got)
        s.close()
        self.assertEqual(c.get("/").status, 200)

    def test_static_files_only_by_name(self):
        c = w.Client(S.server.port)
        self.assertEqual(c.get("/static/schede.css").status, 200)
        self.assertEqual(c.get("/static/fonts/TitilliumWeb_400Regular.ttf").status, 200)
        for path in ["/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/fonts/../LICENSE",
                     "/static/fonts/DejaVuSans.ttf", "/static/"]:
            self.assertEqual(c.get(path).status, 404, path)

    def test_malformed_percent_encoding_is_400(self):
        c = client("oiv")
        self.assertEqual(c.get("/obiettivi/%zz").status, 400)
        self.assertEqual(c.get("/obiettivi/%00").status, 400)
        self.assertEqual(c.get("/obiettivi?q=%e").status, 400)

    def test_oversize_headers_and_slow_clients_do_not_harm_the_server(self):
        s = socket.create_connection(("127.0.0.1", S.server.port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
        answer = s.recv(100)
        s.close()
        self.assertTrue(answer == b"" or re.match(rb"HTTP/1.1 4(13|31)", answer), answer)
        slow = socket.create_connection(("127.0.0.1", S.server.port))
        slow.sendall(b"GET /salute HTTP/1.1\r\nHost: x\r\n")  # never finished
        self.assertEqual(w.Client(S.server.port).get("/salute").status, 200)
        slow.close()

    def test_a_password_on_the_command_line_is_not_accepted(self):
        p = w.run("archivio", "utente", S.db, "--aggiungi", "x", "--ruolo", "oiv", "--password", "segreta",
                  check=False)
        self.assertEqual(p.returncode, 2)
        p = w.run("archivio", "utente", S.db, "--aggiungi", "x", "--ruolo", "oiv", stdin="corta\n", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("almeno 10 caratteri", p.stderr)

    def test_passwords_are_argon2id_in_the_archive(self):
        import sqlite3
        db = sqlite3.connect(S.db)
        for (h,) in db.execute("SELECT password FROM utenti"):
            m = re.match(r"\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$", h)
            self.assertTrue(m, h)
            self.assertGreaterEqual(int(m.group(1)), 19 * 1024)
            self.assertGreaterEqual(int(m.group(2)), 2)
        db.close()
        self.assertNotIn("$argon2id$", w.storia(S.db))


class Rilevazioni(unittest.TestCase):
    """SG-01 of 2024, by hand: action 1 (peso 50, ritardo with scadenza 31/12/2024: up to 30 days late
    70 %), action 2 (peso 25, ritardo without a scadenza: 100 % written with a nota), action 3 (peso 25, soglie: a % written with a nota)."""

    def page_result(self, c):
        r = c.get("/obiettivi/SG-01")
        self.assertEqual(r.status, 200)
        return re.search(r'id="risultato">([^<]*)<', r.text).group(1)

    def test_1_the_dirigente_enters_rilevazioni_and_sees_the_percentage(self):
        c = client("segretario")
        self.assertEqual(self.page_result(c), "non rilevato")
        r = c.post("/obiettivi/SG-01/rilevazioni", {"azione": "1", "data": "20/01/2025", "percentuale": "", "nota": ""})
        self.assertEqual(r.status, 303, re.findall(r'class="errore"[^>]*>([^<]*)', r.text))
        self.assertEqual(r.headers["location"], "/obiettivi/SG-01?salvato=1#azione-1")
        page = c.get(r.headers["location"].split("#")[0]).text
        self.assertIn('<p class="fatto" role="status">Rilevazione dell\'azione 1 salvata.</p>', page)
        # every saved field, the rule in words, the % it gives and how
        row = re.search(r'<tr id="azione-1">(.*?)</tr>', page, re.S).group(1)
        self.assertIn("conclusa il 20/01/2025", row)
        self.assertIn("20 giorni", row)
        self.assertIn("70 %", row)
        self.assertEqual(self.page_result(c), "70 % su 1 azione rilevata di 3")  # 50×70 / 50
        r = c.post("/obiettivi/SG-01/rilevazioni", {"azione": "2", "data": "2024-12-15"})
        self.assertEqual(r.status, 422)  # no scadenza in the plan: the rule cannot give a % from the date
        self.assertIn("non ha una «scadenza» nel piano", r.text)
        r = c.post("/obiettivi/SG-01/rilevazioni", {"azione": "2", "data": "2024-12-15", "percentuale": "100",
                                                    "nota": "verifica conclusa entro l'anno"})
        self.assertEqual(r.status, 303, re.findall(r'class="errore"[^>]*>([^<]*)', r.text))
        self.assertEqual(self.page_result(c), "80 % su 2 azioni rilevate di 3")  # (50×70 + 25×100) / 75
        r = c.post("/obiettivi/SG-01/rilevazioni", {"azione": "3", "percentuale": "40", "nota": "due ore di formazione"})
        self.assertEqual(r.status, 303, re.findall(r'class="errore"[^>]*>([^<]*)', r.text))
        self.assertEqual(self.page_result(c), "70 %")  # (3500 + 2500 + 25×40) / 100
        pdf = c.get("/obiettivi/SG-01/scheda.pdf")
        self.assertEqual(pdf.status, 200)
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.body, capture_output=True).stdout.decode()
        self.assertIn("SG-01", text)
        self.assertRegex(text, r"70(,00)? ?%")
        rows = [x for x in registro() if x["obiettivo"] == "SG-01" and x["chi"] == "segretario"]
        self.assertGreaterEqual(len(rows), 3)
        page = c.get("/obiettivi/SG-01").text
        self.assertRegex(page, r"\d\d/\d\d/\d{4} \d\d:\d\d</time> — <strong>segretario</strong>: la rilevazione di "
                               r"SG-01, azione 3 \(fine anno 2024\), inserita dal web — percentuale: — → 40")
        self.assertIn("la rilevazione di SG-01, azione 1 (fine anno 2024), inserita dal web — data di conclusione: — → "
                      "20/01/2025", page)  # a date as the documents write it, no JSON
        self.assertNotIn("&quot;", page.split('<ol class="storia">')[1])

    def test_2_errors_are_shown_next_to_the_field(self):
        c = client("segretario")
        c.get("/obiettivi/SG-02")
        before = len(registro())
        r = c.post("/obiettivi/SG-02/rilevazioni", {"azione": "1", "data": "31/02/2024"})
        self.assertEqual(r.status, 422)
        self.assertIn('id="errore-data"', r.text)
        self.assertIn("La data non è valida", r.text)
        self.assertIn('value="31/02/2024"', r.text)  # what was typed stays
        r = c.post("/obiettivi/SG-02/rilevazioni", {"azione": "1", "percentuale": "150"})
        self.assertIn('id="errore-percentuale"', r.text)
        r = c.post("/obiettivi/SG-02/rilevazioni", {"azione": "99", "percentuale": "10"})
        self.assertIn('id="errore-azione"', r.text)
        r = c.post("/obiettivi/SG-02/rilevazioni", {"azione": "1", "percentuale": "60"})  # the rule's, overridden
        self.assertEqual(r.status, 422)
        self.assertIn('id="errore-nota"', r.text)
        self.assertIn("«nota»", r.text)
        self.assertEqual(len(registro()), before)

    def test_3_workflow_inviata_rimandata_validata(self):
        d, oiv = client("segretario"), client("oiv")
        d.get("/obiettivi/SG-03")
        r = d.post("/obiettivi/SG-03/invio", {})  # nothing reported yet: not sent, and said why, on the page
        self.assertEqual(r.status, 422)
        self.assertIn("nessuna azione ha ancora una rilevazione in questa raccolta", r.text)
        self.assertEqual(d.post("/obiettivi/SG-03/rilevazioni", {"azione": "1", "data": "01/12/2024"}).status, 303)
        r = d.post("/obiettivi/SG-03/invio", {})  # the confirmation first: what happens, which actions have none
        self.assertEqual(r.status, 200)
        self.assertIn("Le rilevazioni saranno inviate all&#39;OIV", r.text)
        self.assertRegex(r.text, r"senza una rilevazione: azione 2 \(")
        self.assertIn('id="stato-rilevazioni">aperta', d.get("/obiettivi/SG-03").text)  # nothing yet
        self.assertEqual(d.step("/obiettivi/SG-03/invio", {}).status, 303)
        page = d.get("/obiettivi/SG-03").text
        self.assertIn('id="stato-rilevazioni">inviata', page)
        self.assertNotIn("Salva la rilevazione", page)
        self.assertEqual(d.post("/obiettivi/SG-03/rilevazioni", {"azione": "1", "data": "02/12/2024"}).status, 409)
        self.assertEqual(d.post("/obiettivi/SG-03/validazione", {"azione": "valida"}).status, 403)
        page = oiv.get("/obiettivi/SG-03").text
        # the reason belongs to the send-back form alone: Enter in it cannot validate
        forms = re.findall(r"<form[^>]*/validazione\"[^>]*>(.*?)</form>", page, re.S)
        self.assertEqual(len(forms), 2, forms)
        valida, rimanda = forms
        self.assertIn('name="azione" value="valida"', valida)
        self.assertNotIn('name="motivo"', valida)
        self.assertIn('name="azione" value="rimanda"', rimanda)
        self.assertIn('name="motivo"', rimanda)
        self.assertNotIn("valida\"", rimanda.replace('value="rimanda"', ""))
        r = oiv.post("/obiettivi/SG-03/validazione", {"azione": "rimanda"})
        self.assertEqual(r.status, 422)
        self.assertIn('id="errore-motivo"', r.text)
        self.assertEqual(oiv.step("/obiettivi/SG-03/validazione", {"azione": "rimanda", "motivo": "manca la data"}).status,
                         303)
        self.assertIn("Salva la rilevazione", d.get("/obiettivi/SG-03").text)
        self.assertEqual(d.step("/obiettivi/SG-03/invio", {}).status, 303)
        oiv.get("/obiettivi/SG-03")
        self.assertEqual(oiv.step("/obiettivi/SG-03/validazione", {"azione": "valida"}).status, 303)
        r = oiv.post("/obiettivi/SG-03/validazione", {"azione": "valida"})  # not from validata
        self.assertEqual(r.status, 422)
        self.assertIn("si fa quando è «inviata»", r.text)
        rows = [(x["prima"], x["dopo"]) for x in registro() if x["tabella"] == "stati" and x["obiettivo"] == "SG-03"]
        self.assertEqual(rows, [('"inviata"', '"validata"'), ('"rimandata"', '"inviata"'),
                                ('"inviata"', '"rimandata"'), ('', '"inviata"')])


class Persone(unittest.TestCase):
    def sheet_text(self, c, pid):
        r = c.get("/persone/%s/scheda.pdf" % pid)
        self.assertEqual(r.status, 200, r.text[:300])
        return subprocess.run(["pdftotext", "-layout", "-", "-"], input=r.body, capture_output=True).stdout.decode()

    def test_presa_visione(self):
        me, office = client("bogo"), client("personale")
        today = time.strftime("%d/%m/%Y")
        self.assertNotIn(today, self.sheet_text(me, "bogo-a"))
        r = me.get("/persone/bogo-a")
        self.assertIn('id="stato-valutazione">bozza', r.text)
        self.assertNotIn("Prendo visione", r.text)
        self.assertEqual(me.post("/persone/bogo-a/presa-visione", {}).status, 422)  # not yet communicated
        office.get("/persone/bogo-a")
        self.assertEqual(office.step("/persone/bogo-a/comunicazione", {}).status, 303)
        self.assertEqual(office.post("/persone/bogo-a/presa-visione", {}).status, 403)  # only the person
        r = me.get("/persone/bogo-a")
        self.assertIn("Prendo visione", r.text)
        r = me.post("/persone/bogo-a/presa-visione", {})  # what it means, before
        self.assertEqual(r.status, 200)
        self.assertIn("Prendere visione non vuol dire essere d&#39;accordo", r.text)
        self.assertEqual(me.step("/persone/bogo-a/presa-visione", {}).status, 303)
        r = me.get("/persone/bogo-a")
        self.assertIn('id="stato-valutazione">presa visione', r.text)
        self.assertRegex(r.text, r"bogo, \d\d/\d\d/\d{4} \d\d:\d\d")
        self.assertEqual(me.post("/persone/bogo-a/presa-visione", {}).status, 422)  # once
        text = self.sheet_text(me, "bogo-a")  # printed on the sheet afterwards, in the signatures' date
        self.assertIn("Alessandra Bogo", text)
        self.assertIn(today, text)
        self.assertEqual(me.get("/persone/tronfi-a/scheda.pdf").status, 403)
        self.assertEqual(me.post("/persone/tronfi-a/presa-visione", {}).status, 403)
        rows = [x for x in registro() if x["chiave"] == "2024 Alessandra Bogo" and x["tabella"] == "stati"]
        self.assertEqual([x["dopo"] for x in rows], ['"presa visione"', '"comunicata"'])


def pdf_text(data):
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True).stdout.decode()


class Documenti(unittest.TestCase):
    """The PDFs the server makes are those of `schede stampa --archivio` on the same archive: the Sarzana
    plan with its rilevazioni, SMVP and valutazioni of 2024 (their text compared, page by page)."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = w.Scratch()
        cls.db = os.path.join(cls.scratch.dir, "ciclo.db")
        samples = os.path.join(w.SOURCES, "samples")
        w.run("archivio", "crea", cls.db, "--ente", "Comune di Sarzana")
        w.run("archivio", "importa", cls.db, w.PLAN, *[os.path.join(samples, f) for f in
              ("raggiunto-2024.json", "sistema-smvp.json", "valutazioni-2024.json")], "--anno", "2024")
        for name, role, persona, password in w.USERS:
            w.run("archivio", "utente", cls.db, "--aggiungi", name, "--ruolo", role,
                  *(["--persona", persona] if persona else []), stdin=password + "\n")
        cls.out = os.path.join(cls.scratch.dir, "stampa")
        w.run("stampa", "--archivio", cls.db, "--anno", "2024", "--out", cls.out)
        cls.server = w.Server(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.scratch.remove()

    def test_the_web_documents_are_those_of_stampa(self):
        c = w.Client(self.server.port)
        self.assertEqual(c.login("personale").status, 303)
        for name in ["schede", "persone", "relazione", "premi"]:
            r = c.get("/documenti/%s.pdf" % name)
            self.assertEqual(r.status, 200, (name, r.text[:300]))
            with open(os.path.join(self.out, name + ".pdf"), "rb") as f:
                self.assertEqual(pdf_text(r.body), pdf_text(f.read()), name)

    def test_the_relazione_is_pdfa_as_stampa_makes_it(self):
        c = w.Client(self.server.port)
        c.login("oiv")
        body = c.get("/documenti/relazione.pdf").body
        self.assertIn(b"pdfaid:part", body)
        path = os.path.join(self.scratch.dir, "web-relazione.pdf")
        with open(path, "wb") as f:
            f.write(body)
        self.assertEqual(subprocess.run(["qpdf", "--check", path], capture_output=True).returncode, 0)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        self.assertRegex(info, r"Tagged:\s+yes")


class Piano(unittest.TestCase):
    """On an archive and a server of its own: a second version changes what the others print."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = w.Scratch()
        cls.db = w.make_archive(cls.scratch.dir)
        cls.server = w.Server(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.scratch.remove()

    def client(self):
        c = w.Client(self.server.port)
        self.assertEqual(c.login("segreteria").status, 303)
        return c

    def upload(self, c, name, data, path="/piano"):
        return c.upload(name, data, path)

    def login(self, user):
        c = w.Client(self.server.port)
        self.assertEqual(c.login(user).status, 303)
        return c

    def test_the_raccolta_closed_refuses_rilevazioni_until_reopened(self):
        admin, d = self.login("segreteria"), self.login("segretario")
        self.assertIn('data-periodo="">aperta', admin.get("/").text)
        self.assertEqual(admin.step("/raccolta", {"azione": "chiudi"}).status, 303)
        self.assertEqual(admin.post("/raccolta", {"azione": "chiudi"}).status, 422)
        page = d.get("/obiettivi/SG-02").text
        self.assertIn("La raccolta delle rilevazioni (fine anno) è chiusa", page)
        self.assertNotIn("Salva la rilevazione", page)
        r = d.post("/obiettivi/SG-02/rilevazioni", {"azione": "1", "percentuale": "50", "nota": "x"})
        self.assertEqual(r.status, 409)
        admin.get("/")
        r = admin.post("/raccolta", {"azione": "riapri"})  # a reopening says why
        self.assertEqual(r.status, 422)
        self.assertIn('id="errore-motivo-raccolta-fine-anno"', r.text)
        self.assertEqual(admin.step("/raccolta", {"azione": "riapri", "motivo": "un dirigente in ritardo"}).status, 303)
        d.get("/obiettivi/SG-02")
        r = d.post("/obiettivi/SG-02/rilevazioni", {"azione": "1", "percentuale": "50", "nota": "x"})
        self.assertEqual(r.status, 303)

    def test_a_monitoring_period_of_its_own(self):
        """The Segreteria opens the monitoring at 30/06/2024; the dirigente enters SG-02's action 1 (peso 25,
        scadenza 15/06/2024, ritardo) concluded on 10/06/2024: 100 % on time, the only action known at 30/06,
        so the objective is 100 % at 30/06, while the year end stays without rilevazioni."""
        admin, d = self.login("segreteria"), self.login("segretario")
        admin.get("/")
        r = admin.post("/raccolta", {"nuovo": "31/06/2024"})
        self.assertEqual(r.status, 422)
        self.assertIn("il 31/06/2024 non esiste nel calendario", r.text)
        self.assertIn('id="errore-nuovo"', r.text)
        self.assertIn('value="31/06/2024"', r.text)  # what was typed stays, on the page it was typed in
        self.assertEqual(admin.post("/raccolta", {"nuovo": "30/06/2023"}).status, 422)  # not in the server's year
        self.assertEqual(admin.step("/raccolta", {"nuovo": "30/06/24"}).status, 303)  # a two-digit year too
        self.assertEqual(admin.post("/raccolta", {"nuovo": "30/06/2024"}).status, 422)  # there already
        self.assertIn('data-periodo="2024-06-30">aperta', admin.get("/").text)
        page = d.get("/obiettivi/SG-02?periodo=2024-06-30").text
        self.assertIn("Nuova rilevazione (monitoraggio al 30/06/2024)", page)
        self.assertIn('href="/obiettivi/SG-02?periodo=#rilevazioni">fine anno</a>', page)
        r = d.post("/obiettivi/SG-02/rilevazioni", {"periodo": "2024-06-30", "azione": "1", "data": "10/06/2024"})
        self.assertEqual(r.status, 303, r.text[-2000:])
        self.assertEqual(r.headers["location"], "/obiettivi/SG-02?periodo=2024-06-30&salvato=1#azione-1")
        page = d.get("/obiettivi/SG-02?periodo=2024-06-30").text
        self.assertIn('id="risultato">100 %', page)
        self.assertIn('id="risultato">non rilevato', d.get("/obiettivi/SG-02").text)  # the year end: nothing yet
        self.assertNotIn('name="avanzamento"', d.get("/obiettivi/SG-02").text)  # progress: a monitoring's field
        d.get("/obiettivi/SG-02?periodo=2024-06-30")
        r = d.post("/obiettivi/SG-02/rilevazioni", {"periodo": "2024-06-30", "azione": "3", "avanzamento": "150"})
        self.assertEqual(r.status, 422)
        self.assertIn('id="errore-avanzamento"', r.text)
        r = d.post("/obiettivi/SG-02/rilevazioni", {"periodo": "2024-06-30", "azione": "3", "avanzamento": "40",
                                                    "criticita": "aule non disponibili", "proposta": "corsi in FAD"})
        self.assertEqual(r.status, 303, r.text[-1500:])
        self.assertIn('id="risultato">100 %', d.get("/obiettivi/SG-02?periodo=2024-06-30").text)  # under way: not in the %
        self.assertEqual(d.step("/obiettivi/SG-02/invio", {"periodo": "2024-06-30"}).status, 303)
        self.assertIn('id="stato-rilevazioni">aperta', d.get("/obiettivi/SG-02").text)  # each period its own state
        self.assertEqual(d.get("/obiettivi/SG-02?periodo=2024-13-01").status, 400)
        self.assertEqual(d.get("/obiettivi/SG-02?periodo=2025-06-30").status, 400)
        admin.get("/")
        self.assertEqual(admin.step("/raccolta", {"periodo": "2024-06-30", "azione": "chiudi"}).status, 303)
        r = d.post("/obiettivi/SG-02/rilevazioni", {"periodo": "2024-06-30", "azione": "2", "percentuale": "10", "nota": "x"})
        self.assertEqual(r.status, 409)
        out = os.path.join(self.scratch.dir, "monitoraggio")
        w.run("stampa", "--archivio", self.db, "--al", "30/06/2024", "--solo", "monitoraggio", "--out", out)
        with open(os.path.join(out, "monitoraggio.pdf"), "rb") as f:  # the CLI reads the same raccolta
            cli = pdf_text(f.read())
        web = admin.get("/documenti/monitoraggio.pdf?periodo=2024-06-30")
        self.assertEqual(web.status, 200)
        self.assertEqual(pdf_text(web.body), cli)
        self.assertIn("30/06/2024", cli)
        self.assertEqual(pdf_text(admin.get("/documenti/monitoraggio.pdf").body), cli)  # the latest monitoring
        self.assertEqual(admin.get("/documenti/monitoraggio.pdf?periodo=x").status, 400)
        keys = [x["chiave"] for x in csv.DictReader(io.StringIO(w.storia(self.db)), delimiter=";")]
        self.assertIn("2024 al 2024-06-30 SG-02", keys)
        self.assertIn("2024 al 2024-06-30", keys)
        rows = list(csv.DictReader(io.StringIO(w.storia(self.db, "SG-02")), delimiter=";"))
        self.assertTrue(any(x["campo"] == "avanzamento" and x["dopo"] == "40" for x in rows), rows)
        self.assertTrue(any(x["campo"] == "criticita" and x["dopo"] == '"aule non disponibili"' for x in rows))

    def test_the_oiv_validates_the_relazione_with_a_comment(self):
        oiv, admin = self.login("oiv"), self.login("segreteria")
        home = oiv.get("/").text
        self.assertIn('id="stato-relazione">bozza', home)
        r = oiv.post("/relazione", {"motivo": "conforme al <SMVP>"})  # the year's collection still open
        self.assertEqual(r.status, 422)
        self.assertIn("prima la Segreteria chiude la raccolta delle rilevazioni di fine anno del 2024", r.text)
        admin.get("/")
        self.assertEqual(admin.step("/raccolta", {"azione": "chiudi"}).status, 303)
        oiv.get("/")
        r = oiv.post("/relazione", {"motivo": "  "})  # an empty comment is none
        self.assertEqual(r.status, 422)
        self.assertIn('id="errore-motivo-relazione"', r.text)
        self.assertEqual(oiv.step("/relazione", {"motivo": "conforme al <SMVP>"}).status, 303)
        home = oiv.get("/").text
        self.assertIn('id="stato-relazione">validata', home)
        self.assertIn("«conforme al &lt;SMVP&gt;»", home)
        self.assertEqual(oiv.post("/relazione", {"motivo": "di nuovo"}).status, 422)
        self.assertIn('id="stato-valutazioni">bozza', home)
        r = oiv.post("/valutazioni/validazione", {"motivo": "fasce coerenti"})  # no SMVP in this archive yet
        self.assertEqual(r.status, 422)
        self.assertIn("l&#39;archivio non ha ancora il sistema di valutazione", r.text)
        admin.get("/")
        self.assertEqual(admin.step("/raccolta", {"azione": "riapri", "motivo": "per le altre prove"}).status, 303)
        rows = list(csv.DictReader(io.StringIO(w.storia(self.db)), delimiter=";"))
        self.assertTrue(any(r["tabella"] == "stati" and r["campo"] == "relazione" and r["motivo"] == "conforme al <SMVP>"
                            for r in rows))

    def test_the_ufficio_personale_uploads_the_smvp_and_the_valutazioni(self):
        c = self.login("personale")
        samples = os.path.join(w.SOURCES, "samples")
        self.assertEqual(c.get("/documenti/premi.pdf").status, 404)  # nothing to share yet
        c.get("/valutazioni")
        with open(os.path.join(samples, "valutazioni-2024.csv"), "rb") as f:
            good = f.read()
        bad = good.replace(b"ALESSANDRA BOGO", b"PERSONA INESISTENTE")
        with open(os.path.join(samples, "valutazioni-2024.csv"), "rb") as f:  # not before the SMVP
            r = self.upload(c, "valutazioni-2024.csv", f.read(), "/valutazioni")
        self.assertEqual(r.status, 422)
        self.assertIn("l&#39;archivio non ha ancora il sistema di misurazione e valutazione (SMVP)", r.text)
        with open(os.path.join(samples, "sistema-smvp.json"), "rb") as f:
            self.assertEqual(c.carica("sistema-smvp.json", f.read()).status, 303)
        r = self.upload(c, "valutazioni-rotte.csv", bad, "/valutazioni")
        self.assertEqual(r.status, 422)
        self.assertIn("valutazioni-rotte.csv:2", r.text)  # file and line, as verifica says it
        self.assertIn("PERSONA INESISTENTE", r.text)
        self.assertEqual(self.upload(c, "appunti.txt", b"niente di utile", "/valutazioni").status, 422)
        self.assertEqual(c.carica("valutazioni-2024.csv", good).status, 303)
        page = c.get("/valutazioni?caricato=valutazioni").text
        self.assertIn("Valutazioni scritte nell'archivio.", page)
        self.assertIn("Valutazioni del 2024: <strong>48</strong> persone (in bozza 48, comunicate 0, con presa "
                      "visione 0)", page)
        self.assertIn("<strong>sistema-smvp.json</strong>", page)
        r = c.get("/documenti/premi.pdf")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b"%PDF-"))
        rows = [x for x in csv.DictReader(io.StringIO(w.storia(self.db)), delimiter=";") if x["chi"] == "personale"]
        self.assertEqual(len({x["tabella"] for x in rows} & {"sistemi", "valutazioni"}), 2, rows)

    def test_an_upload_with_errors_shows_them_and_changes_nothing(self):
        c = self.client()
        c.get("/piano")
        versions = w.run("archivio", "controlla", self.db).stdout
        r = self.upload(c, "rotto.json", b'{"formato": "schede-piano/1", "ente": 3}')
        self.assertEqual(r.status, 422)
        self.assertIn("rotto.json", r.text)
        self.assertIn("Il piano non è stato caricato", r.text)
        self.assertEqual(w.run("archivio", "controlla", self.db).stdout, versions)

    def test_a_version_uploaded_proposed_and_approved_is_what_prints(self):
        c = self.client()
        c.get("/piano")
        with open(w.PLAN, "rb") as f:
            r = self.upload(c, "sarzana.json", f.read())
        self.assertEqual(r.status, 303, r.text)
        page = c.get("/piano").text
        self.assertIn('<th scope="row" data-etichetta="Versione">2</th><td data-etichetta="Stato">bozza', page)
        r = c.post("/piano/stato", {"versione": "2", "azione": "approva", "motivo": "10/01/2024"})
        self.assertEqual(r.status, 422)
        self.assertIn("il passo «approva» si fa quando è «proposta»", r.text)
        self.assertEqual(c.step("/piano/stato", {"versione": "2", "azione": "proponi"}).status, 303)
        r = c.post("/piano/stato", {"versione": "2", "azione": "approva"})
        self.assertEqual(r.status, 422)
        self.assertIn('id="errore-motivo-versione-2"', r.text)
        r = c.post("/piano/stato", {"versione": "2", "azione": "approva", "motivo": "31/02/2024"})
        self.assertIn("il 31/02/2024 non esiste nel calendario", r.text)
        self.assertEqual(c.step("/piano/stato", {"versione": "2", "azione": "approva", "motivo": "10/01/2024"}).status,
                         303)
        self.assertIn("versione 2, approvata", c.get("/").text)
        h1 = re.search(r"<h1>(.*?)</h1>", c.get("/obiettivi/SG-01").text).group(1)
        self.assertNotIn("&lt;script&gt;", h1)  # version 2 has no <script>
        # one approved version at a time: approving version 1 after it makes version 2 superata, recorded
        self.assertEqual(c.step("/piano/stato", {"versione": "1", "azione": "proponi"}).status, 303)
        self.assertEqual(c.step("/piano/stato", {"versione": "1", "azione": "approva", "motivo": "20/01/2024"}).status,
                         303)
        page = c.get("/piano").text
        self.assertIn('<th scope="row" data-etichetta="Versione">2</th><td data-etichetta="Stato">superata — superata '
                      'dalla versione 1', page)
        self.assertIn('<th scope="row" data-etichetta="Versione">1</th><td data-etichetta="Stato">approvata — Giunta del '
                      '20/01/2024', page)
        self.assertIn("versione 1, approvata; la versione 2, caricata dopo, è «superata»", c.get("/").text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
