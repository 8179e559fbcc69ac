# SPDX-License-Identifier: EUPL-1.2
"""test_attacchi.py — schede web under attack, on loopback, with bounded
loops: spreadsheet bombs, big bodies before login, floods of failed logins,
lock-outs, stale sessions, periods nobody opened, loose numbers, formulas
and control characters aimed at what others open, slow clients, leaks on
failed uploads, a stop with a request stuck half-way. For each: the server
stays up, its memory and the archive stay bounded, the answer is the right
status and message, nothing changes, `archivio controlla` passes after,
and a legitimate request is still answered. Figures are printed (stderr)
for the closing note. Each address of 127/8 is loopback: attackers from
different addresses are clients bound to 127.0.0.2, 127.0.0.3, …"""
import csv
import io
import math
import os
import socket
import sqlite3
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

BOMBS = os.path.join(w.SOURCES, "tests", "fixtures", "fuzz", "workbook")
# In the sanitizer build, freed memory waits in AddressSanitizer's quarantine (256 MB by default) before it is
# reused: a small one, so that the server's resident memory says what it keeps, not what ASan holds back.
os.environ["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=4"


def figure(text):
    print("  [cifra] " + text, file=sys.stderr)


def registro_rows(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM registro").fetchone()[0]


def timed_get(port, path="/accesso", source="127.0.0.1"):
    t0 = time.monotonic()
    r = w.Client(port, source=source).get(path)
    return r.status, (time.monotonic() - t0) * 1000


def during(port, attack):
    """Runs attack() in a thread while a legitimate user (another address) opens the login page every 50 ms;
    returns attack's result and the slowest of those answers, in ms (all must be 200)."""
    result, samples = {}, []

    def run():
        result["v"] = attack()

    t = threading.Thread(target=run)
    t.start()
    while t.is_alive():
        samples.append(timed_get(port, source="127.0.0.99"))
        time.sleep(0.05)
    t.join()
    samples.append(timed_get(port, source="127.0.0.99"))
    assert all(status == 200 for status, _ in samples), samples
    return result.get("v"), max(ms for _, ms in samples)


class Attacchi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = w.Scratch()
        cls.db = w.make_archive(cls.scratch.dir, valutazioni=True)
        cls.log = os.path.join(cls.scratch.dir, "accessi.log")
        cls.server = w.Server(cls.db, log=cls.log)
        cls.port = cls.server.port

    @classmethod
    def tearDownClass(cls):
        rc, out, err = cls.server.stop()
        try:
            assert rc == 0, err
            assert "LeakSanitizer" not in err and "AddressSanitizer" not in err, err
            w.run("archivio", "controlla", cls.db)
        finally:
            cls.scratch.remove()

    def client(self, user, source="127.0.0.1"):
        c = w.Client(self.port, source=source)
        self.assertEqual(c.login(user).status, 303)
        return c

    def test_spreadsheet_bombs_are_refused_within_their_budget(self):
        base = self.server.rss_mb()
        personale, segreteria = self.client("personale"), self.client("segreteria")
        before = registro_rows(self.db)
        for name in sorted(os.listdir(BOMBS)):
            if not name.startswith("bomba-"):
                continue
            with open(os.path.join(BOMBS, name), "rb") as f:
                data = f.read()
            for who, path in ((personale, "/valutazioni"), (segreteria, "/piano")):
                who.get(path)
                self.server.reset_peak()
                t0 = time.monotonic()
                r, worst = during(self.port, lambda: who.upload(name, data, path))
                ms = (time.monotonic() - t0) * 1000
                self.assertEqual(r.status, 422, (name, path, r.text[:300]))
                self.assertIn("non riconosciuto", r.text.replace("&#39;", "'")) if path == "/valutazioni" else \
                    self.assertIn("oltre il limite", r.text)
                peak = self.server.rss_peak_mb()
                figure("%s (%d byte) su %s: %d in %.0f ms, memoria del server %.0f MB (picco %.0f); una richiesta "
                       "legittima nel frattempo al più %.0f ms" % (name, len(data), path, r.status, ms,
                                                                   self.server.rss_mb(), peak, worst))
                self.assertLess(peak - base, 200)
        self.assertEqual(registro_rows(self.db), before)  # nothing saved
        self.assertEqual(timed_get(self.port)[0], 200)

    def test_big_bodies_without_a_session_are_refused_from_the_head(self):
        base = self.server.rss_mb()

        def bodies():
            socks = []
            for i in range(40):
                s = socket.create_connection(("127.0.0.1", self.port))
                s.sendall(("POST /piano HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                           "Content-Length: %d\r\n\r\n" % (20 * 1024 * 1024 - 1)).encode() + b"x" * 65536)
                socks.append(s)
            answers = [s.recv(200) for s in socks]
            for s in socks:
                s.close()
            return answers

        answers, worst = during(self.port, bodies)
        for a in answers:
            self.assertTrue(a.startswith(b"HTTP/1.1 403"), a)
        grown = self.server.rss_mb() - base
        figure("40 corpi da 20 MB senza accesso: 403 dall'intestazione; memoria del server +%.1f MB; una richiesta "
               "legittima nel frattempo al più %.0f ms" % (grown, worst))
        self.assertLess(grown, 40)
        # a logged-in user of another role: refused from the head too (and in the registro, being a user)
        d = self.client("segretario")
        s = socket.create_connection(("127.0.0.1", self.port))
        s.sendall(("POST /valutazioni HTTP/1.1\r\nHost: x\r\nCookie: schede_sessione=%s\r\n"
                   "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 10000000\r\n\r\n"
                   % d.cookie).encode())
        self.assertTrue(s.recv(200).startswith(b"HTTP/1.1 403"))
        s.close()

    def test_a_flood_of_failed_logins_writes_a_handful_of_rows_and_hides_nothing(self):
        before_rows = registro_rows(self.db)
        before_size = os.path.getsize(self.db)
        attacker = w.Client(self.port, source="127.0.0.50")
        attacker.get("/accesso")
        statuses = {}

        def flood():
            t0 = time.monotonic()
            for i in range(1000):
                r = attacker.post("/accesso", {"utente": "segreteria", "password": "sbagliata-%d" % i})
                statuses[r.status] = statuses.get(r.status, 0) + 1
            return time.monotonic() - t0

        seconds, worst = during(self.port, flood)
        rows = registro_rows(self.db) - before_rows
        grown = os.path.getsize(self.db) - before_size
        figure("1.000 accessi non riusciti in %.1f s: %s; righe del registro +%d, archivio +%d byte; "
               "una richiesta legittima nel frattempo al più %.0f ms" % (seconds, statuses, rows, grown, worst))
        # the password checked five times, then once per delay (1 s, 2 s, 4 s…): a handful in any attack this short
        self.assertLessEqual(statuses.get(401, 0), 8)
        self.assertLessEqual(rows, 8)                   # first failure, first refusal, 10th, 100th, 1000th …
        self.assertLess(grown, 64 * 1024)
        # names of 64 KB: cut at 64 bytes in the registro
        for i in range(30):
            attacker.post("/accesso", {"utente": ("N%d" % i) + "x" * 65000, "password": "z" * 20})
        with sqlite3.connect(self.db) as con:
            longest = con.execute("SELECT max(length(chiave)) FROM registro WHERE tabella = 'accessi'").fetchone()[0]
        self.assertLessEqual(longest, 64)
        # the Segreteria, from her own address, logs in at once and her storia shows the changes, not the flood
        s = self.client("segreteria")
        page = s.get("/storia").text
        self.assertNotIn("accesso non riuscito", page)
        self.assertNotIn("accesso bloccato", page)
        self.assertIn("importata la versione 1 del piano", page)
        self.assertIn('<a href="/storia?tipo=accessi">Accessi</a>', page)  # a link, not markup shown as text
        accessi = s.get("/storia?tipo=accessi").text
        self.assertIn('<a href="/storia">Modifiche ai dati</a>', accessi)
        self.assertIn("accesso bloccato", accessi)
        self.assertIn("100 tentativi", accessi)  # the refusals' row at the 100th

    def test_nobody_locks_a_user_out_from_outside_and_tries_at_once_do_not_pass_the_limit(self):
        results = []
        ready = threading.Barrier(40)

        def attempt():
            c = w.Client(self.port, source="127.0.0.60")
            c.get("/accesso")
            ready.wait()  # the 40 forms posted together
            results.append(c.post("/accesso", {"utente": "oiv", "password": "indovino-%d" % len(results)}).status)

        threads = [threading.Thread(target=attempt) for _ in range(40)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.monotonic() - t0
        figure("40 tentativi insieme da un indirizzo in %.1f s: %d password controllate, %d rifiutati per l'attesa"
               % (seconds, results.count(401), results.count(429)))
        # five checked at once, never more (counted before the check); on a slow machine where the 40 take longer
        # than the delays, one more per delay elapsed (1 s, then 2, 4…), as the progressive delays allow
        self.assertLessEqual(results.count(401), 5 + int(math.log2(1 + seconds)))
        self.assertEqual(results.count(401) + results.count(429), 40)
        # the OIV herself, from her office, is not kept out
        self.assertEqual(w.Client(self.port, source="127.0.0.61").login("oiv").status, 303)

    def test_sessions_end_when_the_user_changes_or_is_disabled(self):
        w.run("archivio", "utente", self.db, "--aggiungi", "mutevole", "--ruolo", "dirigente", "--persona",
              "Segretario generale", stdin="mutevole-2024\n")
        d = w.Client(self.port)
        self.assertEqual(d.login("mutevole", "mutevole-2024").status, 303)
        d.get("/obiettivi/SG-01")
        self.assertEqual(d.get("/").status, 200)
        # the Segreteria makes her a dipendente on the Utenti page: her open session ends at once
        s = self.client("segreteria")
        s.get("/utenti")
        r = s.post("/utenti", {"nome": "mutevole", "ruolo": "dipendente", "persona": "Alessandra Bogo",
                               "password": "nuova-password-2024"})
        self.assertEqual(r.status, 303)
        self.assertEqual(d.get("/").status, 303)  # to the login
        self.assertEqual(d.post("/obiettivi/SG-01/rilevazioni", {"azione": "1", "data": "20/01/2025"}).status, 403)
        # disabled from the command line: a server already running ends her session, and she cannot log in
        e = w.Client(self.port)
        self.assertEqual(e.login("mutevole", "nuova-password-2024").status, 303)
        out = w.run("archivio", "utente", self.db, "--disattiva", "mutevole", "--motivo", "trasferita").stdout
        self.assertIn("utente mutevole disattivato", out)
        self.assertEqual(e.get("/").status, 303)
        r = e.login("mutevole", "nuova-password-2024")
        self.assertEqual(r.status, 401)
        self.assertIn("Questo utente è disattivato: rivolgersi alla Segreteria.", r.text)
        w.run("archivio", "utente", self.db, "--riattiva", "mutevole")
        self.assertEqual(e.login("mutevole", "nuova-password-2024").status, 303)
        # and from the Utenti page, with its buttons
        s.get("/utenti")
        self.assertEqual(s.post("/utenti/mutevole/accesso", {"attivo": "0"}).status, 303)
        self.assertEqual(e.get("/").status, 303)
        self.assertIn("disattivato", s.get("/utenti").text)
        self.assertEqual(s.post("/utenti/segreteria/accesso", {"attivo": "0"}).status, 409)  # not oneself
        rows = [x for x in csv.DictReader(io.StringIO(w.storia(self.db)), delimiter=";")
                if x["chiave"] == "mutevole" and "attiva" in x["operazione"]]
        self.assertEqual([x["operazione"] for x in rows], ["disattiva utente", "riattiva utente", "disattiva utente"])

    def test_no_request_opens_a_monitoring(self):
        d = self.client("segretario")
        d.get("/obiettivi/SG-01")
        before = registro_rows(self.db)
        r = d.post("/obiettivi/SG-01/rilevazioni", {"periodo": "2024-12-30", "azione": "1", "data": "20/12/2024"})
        self.assertEqual(r.status, 422)
        self.assertIn("Il monitoraggio al 30/12/2024 non c&#39;è: i monitoraggi li apre la Segreteria", r.text)
        self.assertEqual(d.get("/obiettivi/SG-01?periodo=2024-12-30").status, 404)
        self.assertEqual(registro_rows(self.db), before)
        self.assertNotIn("2024-12-30", d.get("/obiettivi/SG-01").text)

    def test_numbers_are_read_strictly(self):
        d = self.client("segretario")
        d.get("/obiettivi/SG-02")
        before = registro_rows(self.db)
        for field, value in [("azione", "4294967297"), ("azione", "0x1"), ("azione", " 1"), ("azione", "1e0"),
                             ("percentuale", "0x10"), ("percentuale", "1e2"), ("percentuale", "  50"),
                             ("percentuale", "50%"), ("percentuale", "100,01"), ("percentuale", "-0")]:
            fields = {"azione": "1", "percentuale": "50", "nota": "prova"}
            fields[field] = value
            r = d.post("/obiettivi/SG-02/rilevazioni", fields)
            self.assertEqual(r.status, 422, (field, value))
            self.assertIn('id="errore-%s"' % field, r.text, (field, value))
        self.assertEqual(registro_rows(self.db), before)
        r = d.post("/obiettivi/SG-02/rilevazioni", {"azione": "1", "percentuale": "62,5", "nota": "a metà"})
        self.assertEqual(r.status, 303)

    def test_what_others_open_carries_no_formula_and_no_control_character(self):
        c = w.Client(self.port, source="127.0.0.70")
        c.get("/accesso")
        c.post("/accesso", {"utente": '=HYPERLINK("http://esempio.invalid";"clic")', "password": "x" * 12})
        s = self.client("segreteria")
        text = s.get("/storia?tipo=accessi&formato=csv").text
        self.assertIn('"\'=HYPERLINK(', text)
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(rows[0][:3], ["id", "quando", "chi"])  # the header has the rows' separator
        self.assertTrue(all(len(r) == len(rows[0]) for r in rows if r))
        out = w.run("archivio", "storia", self.db, "--formato", "csv").stdout
        self.assertIn('"\'=HYPERLINK(', out)
        self.assertNotIn('"=HYPERLINK(', out)
        # a path with a line feed and an escape: one line in the access log, no raw control byte
        with open(self.log, "rb") as f:
            lines_before = f.read().count(b"\n")
        sock = socket.create_connection(("127.0.0.1", self.port))
        sock.sendall(b"GET /obiettivi/a%0a2026-01-01T00:00:00Z%201.2.3.4%20GET%20/finto%1b[31m HTTP/1.1\r\nHost: x\r\n"
                     b"Connection: close\r\n\r\n")
        sock.recv(1000)
        sock.close()
        time.sleep(0.2)
        with open(self.log, "rb") as f:
            data = f.read()
        self.assertEqual(data.count(b"\n"), lines_before + 1)
        self.assertNotIn(b"\x1b", data)

    def test_head_is_answered_where_get_is(self):
        for path, status in [("/accesso", 200), ("/", 303), ("/nulla", 404), ("/static/schede.css", 200)]:
            sock = socket.create_connection(("127.0.0.1", self.port))
            sock.sendall(("HEAD %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
            data = b""
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
            sock.close()
            self.assertTrue(data.startswith(b"HTTP/1.1 %d" % status), (path, data[:80]))
            self.assertTrue(data.endswith(b"\r\n\r\n"), path)  # the head only

    def test_two_uploads_at_once_then_503(self):
        personale = self.client("personale")
        head = ("POST /valutazioni HTTP/1.1\r\nHost: x\r\nCookie: schede_sessione=%s\r\n"
                "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n\r\n"
                % personale.cookie).encode()
        slow = []
        for _ in range(2):  # two uploads begun, their bodies still coming
            sock = socket.create_connection(("127.0.0.1", self.port))
            sock.sendall(head + b"x" * 1000)
            slow.append(sock)
        time.sleep(0.3)
        third = socket.create_connection(("127.0.0.1", self.port))
        third.sendall(head)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = third.recv(4096)
            if not chunk:
                break
            answer += chunk
        third.close()
        self.assertTrue(answer.startswith(b"HTTP/1.1 503"), answer)
        self.assertIn(b"Retry-After: 10", answer)
        for sock in slow:
            sock.close()
        time.sleep(0.3)  # their slots given back: the next upload is read
        personale.get("/valutazioni")
        self.assertEqual(personale.upload("v.csv", b"nome;punteggio\n", "/valutazioni").status, 422)

    def test_failed_uploads_give_their_memory_back(self):
        personale = self.client("personale")
        personale.get("/valutazioni")
        junk = b"nome;punteggio\n" + b"x" * (16 * 1024 * 1024)
        personale.upload("valutazioni.csv", junk, "/valutazioni")
        after_one = self.server.rss_mb()
        for _ in range(7):
            r = personale.upload("valutazioni.csv", junk, "/valutazioni")
            self.assertIn(r.status, (413, 422))
        grown = self.server.rss_mb() - after_one
        figure("8 caricamenti falliti da 16 MB: memoria del server +%.1f MB dopo il primo" % grown)
        self.assertLess(grown, 60)


class Connessioni(unittest.TestCase):
    """A server of its own: a small cap per address, so that the slow clients' attack is quick to set up."""

    def test_slow_clients_are_cut_at_their_deadline_and_one_address_cannot_take_every_slot(self):
        scratch = w.Scratch()
        try:
            db = w.make_archive(scratch.dir)
            server = w.Server(db, extra=["--connessioni-per-indirizzo", "4"])
            try:
                # one address: four connections, the fifth refused; another address still served
                mine = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(4)]
                time.sleep(0.3)
                fifth = socket.create_connection(("127.0.0.1", server.port))
                fifth.settimeout(5)
                try:
                    refused = fifth.recv(10) == b""
                except (ConnectionResetError, socket.timeout):
                    refused = True
                self.assertTrue(refused)
                fifth.close()
                self.assertEqual(timed_get(server.port, source="127.0.0.2")[0], 200)
                # slow clients from 60 addresses: a header line every 3 s
                slow = []
                for i in range(60):
                    s = socket.socket()
                    s.bind(("127.0.%d.%d" % (1 + i // 200, 10 + i % 200), 0))
                    s.connect(("127.0.0.1", server.port))
                    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
                    slow.append(s)
                t0 = time.monotonic()
                served = []
                while time.monotonic() - t0 < 13:
                    for s in slow:
                        try:
                            s.sendall(b"X-Lento: 1\r\n")
                        except OSError:
                            pass
                    served.append(timed_get(server.port, source="127.0.0.3"))
                    time.sleep(3)
                cut = 0
                for s in slow:
                    s.settimeout(1)
                    try:
                        cut += s.recv(10) == b""
                    except (ConnectionResetError, BrokenPipeError):
                        cut += 1
                    except socket.timeout:
                        pass
                    s.close()
                worst = max(ms for _, ms in served)
                figure("60 client lenti: chiusi dopo la scadenza della testa %d su 60; una richiesta legittima "
                       "nel frattempo al più %.0f ms" % (cut, worst))
                self.assertEqual(cut, 60)
                self.assertTrue(all(status == 200 for status, _ in served))
                self.assertLess(worst, 2000)
                for s in mine:
                    s.close()
                # a stop with a request stuck half-way through its body: within 30 s
                stuck = socket.socket()
                stuck.bind(("127.0.0.4", 0))
                stuck.connect(("127.0.0.1", server.port))
                login = w.Client(server.port, source="127.0.0.4")
                login.get("/accesso")  # a session, so that the head is admitted and the body awaited
                stuck.sendall(("POST /accesso HTTP/1.1\r\nHost: x\r\nCookie: schede_sessione=%s\r\n"
                               "Content-Length: 60000\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
                               "utente=" % login.cookie).encode())
                time.sleep(0.5)
                t0 = time.monotonic()
                rc, out, err = server.stop()
                stopped = time.monotonic() - t0
                figure("SIGTERM con una richiesta a metà del corpo: fermo in %.1f s" % stopped)
                self.assertGreater(stopped, 1)  # it did wait for the request in flight …
                self.assertEqual(rc, 0, err)
                self.assertLess(stopped, 31)  # … not for ever
                stuck.close()
            finally:
                if server.proc.poll() is None:
                    server.stop()
        finally:
            scratch.remove()

    def test_a_trusted_proxy_names_the_client_and_nobody_else_can(self):
        scratch = w.Scratch()
        try:
            db = w.make_archive(scratch.dir)
            server = w.Server(db, extra=["--proxy-fidato", "127.0.0.1"])
            try:
                def login(source, forwarded, password):
                    c = w.Client(server.port, source=source)
                    c.request("GET", "/accesso", headers={"X-Forwarded-For": forwarded})
                    return c.request("POST", "/accesso",
                                     "utente=oiv&password=%s&csrf=%s" % (password, c.csrf),
                                     {"Content-Type": "application/x-www-form-urlencoded",
                                      "X-Forwarded-For": forwarded})
                # behind the proxy: the client it names is delayed, another one it names is not
                tries = [login("127.0.0.1", "203.0.113.7", "sbagliata-1").status for _ in range(10)]
                self.assertEqual(tries[:5], [401] * 5)
                self.assertIn(429, tries)
                # a hop the client wrote itself, to the left of what the proxy added, is not believed
                self.assertEqual(login("127.0.0.1", "198.51.100.9, 203.0.113.7", "sbagliata-1").status, 429)
                self.assertEqual(login("127.0.0.1", "198.51.100.9", w.PASSWORD["oiv"]).status, 303)
                # a peer that is not the proxy cannot name a client
                tries = [login("127.0.0.5", "192.0.2.1", "sbagliata-2").status for _ in range(10)]
                self.assertIn(429, tries)
                self.assertEqual(login("127.0.0.5", "192.0.2.2", "sbagliata-2").status, 429)
                rows = [x for x in csv.DictReader(io.StringIO(w.storia(db)), delimiter=";")
                        if x["operazione"] == "accesso non riuscito"]
                self.assertEqual(sorted({x["dopo"] for x in rows}), ['"127.0.0.5"', '"203.0.113.7"'])
            finally:
                rc, out, err = server.stop()
                self.assertEqual(rc, 0, err)
        finally:
            scratch.remove()


if __name__ == "__main__":
    unittest.main(verbosity=2)
