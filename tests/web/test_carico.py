"""test_carico.py — `schede web` under load and killed: sessions posting
rilevazioni at once all land in the archive and in the registro; a server
killed with SIGKILL in the middle of it restarts on an archive that
`archivio controlla` passes, with every rilevazione whose POST got its
redirect. The full-size run (50 sessions × 20) is bench/web.sh."""
import csv
import io
import os
import signal
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import carico  # noqa: E402
import webtest as w  # noqa: E402

SESSIONS = int(os.environ.get("SCHEDE_CARICO_SESSIONI", "10"))
POSTS = int(os.environ.get("SCHEDE_CARICO_INVII", "10"))


def notes_in_registro(db):
    rows = csv.DictReader(io.StringIO(w.storia(db)), delimiter=";")
    return {r["dopo"].strip('"') for r in rows if r["campo"] == "nota"}


class Carico(unittest.TestCase):
    def setUp(self):
        self.scratch = w.Scratch()
        self.db = w.make_archive(self.scratch.dir)

    def tearDown(self):
        self.scratch.remove()

    def test_concurrent_sessions_all_land_in_the_archive(self):
        server = w.Server(self.db)
        threads, ok, errors = carico.carica(server.port, SESSIONS, POSTS)
        carico.wait(threads)
        rc, out, err = server.stop()
        self.assertEqual(errors, [])
        self.assertEqual(len(ok), SESSIONS * POSTS)
        self.assertEqual(rc, 0, err)
        self.assertTrue(set(ok) <= notes_in_registro(self.db))
        self.assertIn("archivio integro", w.run("archivio", "controlla", self.db).stdout)

    def test_sigkill_during_the_load_loses_nothing_acknowledged(self):
        server = w.Server(self.db)
        stop = threading.Event()
        threads, ok, errors = carico.carica(server.port, SESSIONS, POSTS * 10, stop)
        deadline = time.time() + 30
        while len(ok) < SESSIONS * 2 and time.time() < deadline:
            time.sleep(0.01)
        server.proc.send_signal(signal.SIGKILL)
        server.stop()
        stop.set()
        carico.wait(threads)
        acknowledged = list(ok)
        self.assertGreaterEqual(len(acknowledged), SESSIONS * 2)
        self.assertIn("archivio integro", w.run("archivio", "controlla", self.db).stdout)
        self.assertTrue(set(acknowledged) <= notes_in_registro(self.db))
        again = w.Server(self.db)  # restarts on the same archive
        c = w.Client(again.port)
        self.assertEqual(c.login("segretario").status, 303)
        self.assertEqual(c.get("/obiettivi/SG-01").status, 200)
        rc, out, err = again.stop()
        self.assertEqual(rc, 0, err)


class Arresto(unittest.TestCase):
    def test_sigterm_finishes_the_requests_in_flight(self):
        scratch = w.Scratch()
        try:
            server = w.Server(w.make_archive(scratch.dir))
            c = w.Client(server.port)
            self.assertEqual(c.login("segreteria").status, 303)
            got = {}

            def fetch():
                r = c.get("/documenti/schede.pdf")  # the whole plan's schede: tens of milliseconds to make
                got["r"] = (r.status, r.body)

            t = threading.Thread(target=fetch)
            t.start()
            time.sleep(0.005)
            rc, out, err = server.stop()  # SIGTERM while the PDF is being made
            t.join()
            self.assertEqual(rc, 0, err)
            self.assertIn("fermato (SIGTERM)", out)
            status, body = got["r"]
            self.assertEqual(status, 200)
            self.assertTrue(body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF"))
            refused = w.Client(server.port)
            with self.assertRaises(OSError):
                refused.get("/salute")
        finally:
            scratch.remove()


if __name__ == "__main__":
    unittest.main(verbosity=2)
