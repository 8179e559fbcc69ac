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


if __name__ == "__main__":
    unittest.main(verbosity=2)
