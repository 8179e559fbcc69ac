"""test_memoria.py — one visit of every kind of page, form and document,
each role, then SIGTERM: the server exits 0. Labelled e2e, so that the
valgrind pass of scripts/test.sh runs it with the server under valgrind
(SCHEDE is then the valgrind wrapper, which exits 99 on any memory error or
leak); in the sanitizer build LeakSanitizer does the same at exit."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402


class Memoria(unittest.TestCase):
    def test_every_kind_of_request_then_a_clean_exit(self):
        scratch = w.Scratch()
        try:
            server_db = w.make_archive(scratch.dir)
            server = w.Server(server_db)
            d = w.Client(server.port)
            self.assertEqual(d.login("segretario").status, 303)
            d.get("/obiettivi/SG-01")
            self.assertEqual(d.post("/obiettivi/SG-01/rilevazioni", {"azione": "1", "data": "20/01/2025"}).status, 303)
            self.assertEqual(d.post("/obiettivi/SG-01/rilevazioni", {"azione": "2", "data": "2024-12-15"}).status, 422)
            self.assertEqual(d.step("/obiettivi/SG-01/invio", {}).status, 303)
            self.assertEqual(d.get("/obiettivi/SG-01/scheda.pdf").status, 200)
            self.assertEqual(d.get("/obiettivi/STAMPA-01").status, 403)
            a = w.Client(server.port)
            self.assertEqual(a.login("segreteria").status, 303)
            r = a.get("/documenti/monitoraggio.pdf")
            self.assertEqual(r.status, 404)
            self.assertIn("non c&#39;è ancora un monitoraggio", r.text)
            self.assertEqual(a.step("/raccolta", {"nuovo": "30/06/2024"}).status, 303)
            expected = {"/obiettivi?q=trasparenza": 200, "/storia": 200, "/storia?formato=csv": 200, "/piano": 200,
                        "/utenti": 200, "/valutazioni": 200, "/persone/bogo-a": 200, "/persone/bogo-a/scheda.pdf": 200,
                        "/documenti/relazione.pdf": 200, "/documenti/monitoraggio.pdf": 200,
                        "/documenti/premi.pdf": 404, "/nulla": 404, "/obiettivi/%zz": 400, "/static/schede.css": 200}
            for path, status in expected.items():
                self.assertEqual(a.get(path).status, status, path)
            self.assertEqual(a.step("/piano/stato", {"versione": "1", "azione": "proponi"}).status, 303)
            self.assertEqual(a.step("/raccolta", {"azione": "chiudi"}).status, 303)
            self.assertEqual(a.post("/raccolta", {"azione": "riapri"}).status, 422)
            self.assertEqual(a.step("/persone/bogo-a/riapertura", {"motivo": "x"}).status, 422)  # still bozza
            self.assertEqual(w.Client(server.port).login("oiv", "sbagliata-davvero").status, 401)
            # failed uploads: a spreadsheet bomb, a valutazioni file that does not parse, a body refused by its head
            bombs = os.path.join(w.SOURCES, "tests", "fixtures", "fuzz", "workbook")
            with open(os.path.join(bombs, "bomba-xlsx-xfd.xlsx"), "rb") as f:
                bomb = f.read()
            a.get("/piano")
            self.assertEqual(a.upload("bomba.xlsx", bomb, "/piano").status, 422)
            a.get("/valutazioni")
            self.assertEqual(a.upload("v.csv", b"nome;punteggio\n" + b"x" * 100000, "/valutazioni").status, 422)
            self.assertEqual(w.Client(server.port).request("POST", "/piano", b"x" * 1000,
                                                           {"Content-Type": "text/plain"}).status, 403)
            # a user disabled while logged in: her session ends at her next request
            o = w.Client(server.port)
            self.assertEqual(o.login("oiv").status, 303)
            self.assertEqual(o.get("/").status, 200)
            w.run("archivio", "utente", server_db, "--disattiva", "oiv")
            self.assertEqual(o.get("/").status, 303)
            self.assertEqual(a.post("/uscita", {}).status, 303)
            rc, out, err = server.stop()
            self.assertEqual(rc, 0, err)
            self.assertIn("fermato (SIGTERM)", out)
        finally:
            scratch.remove()


if __name__ == "__main__":
    unittest.main(verbosity=2)
