# SPDX-License-Identifier: EUPL-1.2
"""test_scala.py — schede web at a big comune's size, as checks of
behaviour (the times are bench/web.sh's): the list of objectives comes in
pages of 50 with the counts, the filters kept from page to page; a page is
served while another user's whole schede.pdf is being made. (The queue's
limit and its 503 are tested without timing, in tests/unit/test_web.c.)"""
import json
import os
import re
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

N = 130  # objectives: three pages of the list


def big_archive(folder):
    """Sarzana's plan with its objectives copied up to N (codici G-001…), two users."""
    plan = w.plan_json()
    base = plan["obiettivi"]
    objs = []
    for i in range(N):
        o = json.loads(json.dumps(base[i % len(base)]))
        o["codice"] = "G-%03d" % (i + 1)
        objs.append(o)
    plan["obiettivi"] = objs
    path = os.path.join(folder, "piano.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False)
    db = os.path.join(folder, "ciclo.db")
    w.run("archivio", "crea", db, "--ente", "Comune di Prova")
    w.run("archivio", "importa", db, path)
    w.run("archivio", "utente", db, "--aggiungi", "segreteria", "--ruolo", "amministratore",
          stdin=w.PASSWORD["segreteria"] + "\n")
    w.run("archivio", "utente", db, "--aggiungi", "segretario", "--ruolo", "dirigente", "--persona",
          "Segretario generale", stdin=w.PASSWORD["segretario"] + "\n")
    return db, objs


def codes(page):
    return re.findall(r'<th scope="row" data-etichetta="Codice"><a href="/obiettivi/([^"?]+)"', page)


class Scala(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = w.Scratch()
        cls.db, cls.objs = big_archive(cls.scratch.dir)
        cls.server = w.Server(cls.db)

    @classmethod
    def tearDownClass(cls):
        rc, out, err = cls.server.stop()
        cls.scratch.remove()
        assert rc == 0, err

    def client(self, user):
        c = w.Client(self.server.port)
        self.assertEqual(c.login(user).status, 303)
        return c

    def test_the_list_comes_in_pages_of_50_with_the_counts(self):
        s = self.client("segreteria")
        first = s.get("/obiettivi").text
        self.assertEqual(codes(first), ["G-%03d" % i for i in range(1, 51)])
        self.assertIn("%d obiettivi: dal 1° al 50°, pagina 1 di 3." % N, first)
        self.assertIn('href="/obiettivi?q=&amp;stato=&amp;periodo=&amp;pagina=2">Successiva →</a>', first)
        self.assertNotIn("Precedente", first)
        last = s.get("/obiettivi?pagina=3").text
        self.assertEqual(codes(last), ["G-%03d" % i for i in range(101, N + 1)])
        self.assertIn("%d obiettivi: dal 101° al %d°, pagina 3 di 3." % (N, N), last)
        self.assertIn("pagina=2\">← Precedente</a>", last)
        self.assertNotIn("Successiva", last)
        self.assertEqual(codes(s.get("/obiettivi?pagina=99").text), codes(last))  # past the end: the last page
        for bad in ["0", "-1", "1e1", "x", "4294967297"]:
            self.assertEqual(s.get("/obiettivi?pagina=" + bad).status, 400, bad)
        self.assertLess(len(first.encode()), 150 * 1024)

    def test_filters_are_kept_from_page_to_page(self):
        s = self.client("segreteria")
        # the Segretario generale's objectives among the copies, found by the search
        mine = [o["codice"] for o in self.objs if o.get("dirigente") == "Segretario generale"]
        self.assertGreater(len(mine), 0)
        page = s.get("/obiettivi?q=Segretario%20generale").text
        self.assertEqual(codes(page), mine[:50])
        if len(mine) > 50:
            self.assertIn("q=Segretario%20generale&amp;stato=&amp;periodo=&amp;pagina=2", page)
        # a dirigente sees only his own, paged the same way
        d = self.client("segretario")
        self.assertEqual(codes(d.get("/obiettivi").text), mine[:50])
        # by state: all open, the state kept in the next page's link
        page = s.get("/obiettivi?stato=aperta").text
        self.assertIn("stato=aperta&amp;periodo=&amp;pagina=2", page)

    def test_a_page_is_served_while_the_whole_schede_pdf_is_made(self):
        s, d = self.client("segreteria"), self.client("segretario")
        done = {}

        def whole():
            t0 = time.monotonic()
            r = s.get("/documenti/schede.pdf")
            done["status"], done["s"] = r.status, time.monotonic() - t0

        t = threading.Thread(target=whole)
        t.start()
        time.sleep(0.2)
        waits = []
        while t.is_alive():
            t0 = time.monotonic()
            self.assertEqual(d.get("/obiettivi/G-001").status, 200)
            waits.append(time.monotonic() - t0)
            time.sleep(0.05)
        t.join()
        self.assertEqual(done["status"], 200)
        print("  [cifra] schede.pdf di %d obiettivi in %.2f s; intanto %d pagine, la più lenta %.0f ms"
              % (N, done["s"], len(waits), 1000 * max(waits or [0])), file=sys.stderr)
        self.assertGreater(len(waits), 0)
        # not a time check, a behaviour one: pages were answered while the PDF was being made, not all after it
        self.assertLess(max(waits), done["s"] * 0.8)


class Processi(unittest.TestCase):
    """Sessions and failed logins are rows of the archive: a restart keeps people logged in, and two server
    processes on one archive share them."""

    def test_a_session_survives_a_restart_and_two_processes_share_it(self):
        scratch = w.Scratch()
        try:
            db = w.make_archive(scratch.dir)
            first = w.Server(db)
            c = w.Client(first.port)
            self.assertEqual(c.login("segretario").status, 303)
            rc, out, err = first.stop()
            self.assertEqual(rc, 0, err)
            b, d = w.Server(db), w.Server(db)  # restarted, and a second process beside it
            try:
                for server in (b, d):
                    c.port = server.port
                    self.assertEqual(c.get("/").status, 200, "still logged in")
                # a rilevazione saved through one is on the other's page at once
                c.port = b.port
                c.get("/obiettivi/SG-01")
                self.assertEqual(c.post("/obiettivi/SG-01/rilevazioni", {"azione": "1", "data": "20/01/2025"}).status,
                                 303)
                c.port = d.port
                self.assertIn("20/01/2025", c.get("/obiettivi/SG-01").text)
                # logging out through one ends the session in both
                self.assertEqual(c.post("/uscita", {}).status, 303)
                token = c.cookie
                c.port = b.port
                self.assertEqual(c.get("/").status, 303)
                # failed logins counted once for both: five through b, the sixth through d waits
                x = w.Client(b.port, source="127.0.0.77")
                for _ in range(5):
                    self.assertEqual(x.login("oiv", "sbagliata-sbagliata").status, 401)
                x.port = d.port
                self.assertEqual(x.login("oiv").status, 429)
                self.assertIsNone(token)
            finally:
                for server in (b, d):
                    rc, out, err = server.stop()
                    self.assertEqual(rc, 0, err)
        finally:
            scratch.remove()


class Cache(unittest.TestCase):
    def test_results_are_kept_until_the_archive_changes_even_from_another_process(self):
        """The results of a period are computed once and kept; a change made by the command line (another
        process) is on the next page, and so is a plan version it approves."""
        scratch = w.Scratch()
        try:
            db = w.make_archive(scratch.dir)
            server = w.Server(db)
            try:
                d = w.Client(server.port)
                self.assertEqual(d.login("segretario").status, 303)
                before = d.get("/obiettivi/SG-01").text
                self.assertEqual(before, d.get("/obiettivi/SG-01").text)  # the same, from what was kept
                self.assertNotRegex(re.search(r'id="risultato">([^<]*)', before).group(1), r"\d %")  # no result yet
                w.run("archivio", "importa", db, os.path.join(w.SOURCES, "samples", "raggiunto-2024.csv"),
                      "--anno", "2024")
                after = d.get("/obiettivi/SG-01").text
                self.assertNotEqual(re.search(r'id="risultato">([^<]*)', before).group(1),
                                    re.search(r'id="risultato">([^<]*)', after).group(1))
                self.assertRegex(re.search(r'id="risultato">([^<]*)', after).group(1), r"\d+(,\d+)? %")
                a = w.Client(server.port)
                self.assertEqual(a.login("segreteria").status, 303)
                self.assertIn("Piano: versione 1 (nessuna versione approvata", a.get("/").text)
                w.run("archivio", "approva", db, "--versione", "1", "--giunta", "30/01/2024")
                self.assertIn("Piano: versione 1, approvata", a.get("/").text)
                w.run("archivio", "importa", db, os.path.join(w.SOURCES, "samples",
                                                              "sarzana-2024-2026-variazione.json"))
                w.run("archivio", "approva", db, "--versione", "2", "--giunta", "15/07/2024")
                self.assertIn("Piano: versione 2, approvata", a.get("/").text)
            finally:
                rc, out, err = server.stop()
                self.assertEqual(rc, 0, err)
        finally:
            scratch.remove()


if __name__ == "__main__":
    unittest.main(verbosity=2)
