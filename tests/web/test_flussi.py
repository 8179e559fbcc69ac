# SPDX-License-Identifier: EUPL-1.2
"""test_flussi.py — every step of the workflows' table (`schede web --flussi`,
src/flusso/flusso.c) × every role, generated from the table itself, so that
the table, the pages and the tests cannot drift: the thing is brought to the
step's starting state through the table's own steps (`schede archivio
stato`, as the offices do without the web), then each user the table leaves
out tries the step in the web and is refused (403 by the route, or 422 with
the table's sentence) with nothing changed; then the one it names makes it,
through the confirmation page, and the state is the table's."""
import csv
import io
import os
import re
import subprocess
import sys
import unittest
from collections import deque

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

ROLE_OF = {"segreteria": "amministratore", "segretario": "dirigente", "pastorino": "dirigente",
           "personale": "personale", "oiv": "oiv", "bogo": "dipendente"}
ANNO = "2024"


def table():
    text = subprocess.run([w.SCHEDE, "web", "--flussi"], capture_output=True, text=True, check=True).stdout
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def key_of(flusso):
    return {"versione": "1", "rilevazioni": ANNO + " SG-03", "raccolta": ANNO, "relazione": ANNO,
            "valutazioni": ANNO, "valutazione": ANNO + " Alessandra Bogo"}[flusso]


def reason(row):
    if not row["motivo"]:
        return None
    return "15/01/2024" if row["motivo"].startswith("Data") else "una prova"


def request(row):
    """The route and fields of a step in the web."""
    f, azione = row["oggetto"], row["passo"]
    fields = {"azione": azione}
    if reason(row):
        fields["motivo"] = reason(row)
    if f == "versione":
        return "/piano/stato", dict(fields, versione="1")
    if f == "rilevazioni":
        return ("/obiettivi/SG-03/invio" if azione == "invia" else "/obiettivi/SG-03/validazione"), fields
    if f == "raccolta":
        return "/raccolta", fields
    if f == "relazione":
        return "/relazione", fields
    if f == "valutazioni":
        return "/valutazioni/validazione", fields
    paths = {"comunica": "comunicazione", "presa-visione": "presa-visione",
             "presa-visione-cartacea": "presa-visione-cartacea", "riapri": "riapertura"}
    return "/persone/bogo-a/" + paths[azione], fields


def allowed_users(row):
    chi = row["chi"]
    if chi == "la persona valutata":
        return {"bogo"}
    if chi.endswith("(dell'obiettivo)"):
        return {"segretario"}  # the dirigente of SG-03
    roles = set(chi.split(","))
    return {u for u, r in ROLE_OF.items() if r in roles}


def path_to(rows, flusso, target):
    """The steps from the first state to target, by the table (the offices' own: no person's step)."""
    first = {"versione": "bozza", "rilevazioni": "aperta", "raccolta": "aperta", "relazione": "bozza",
             "valutazioni": "bozza", "valutazione": "bozza"}[flusso]
    seen, queue = {first: []}, deque([first])
    while queue:
        s = queue.popleft()
        if s == target:
            return seen[s]
        for r in rows:
            if r["oggetto"] == flusso and r["da"] == s and r["chi"] != "la persona valutata" and r["a"] not in seen:
                seen[r["a"]] = seen[s] + [r]
                queue.append(r["a"])
    raise AssertionError("%s: nessun cammino fino a «%s»" % (flusso, target))


def state(db, flusso):
    text = w.run("archivio", "stato", db).stdout
    m = re.search(r"^%s %s: ([a-z ]+) \(" % (flusso, re.escape(key_of(flusso))), text, re.M)
    return m.group(1) if m else None


class Flussi(unittest.TestCase):
    def test_every_step_for_every_role(self):
        rows = table()
        self.assertGreaterEqual(len(rows), 16)
        for row in rows:
            with self.subTest(step="%s %s → %s" % (row["oggetto"], row["passo"], row["a"])):
                self.check(rows, row)

    def check(self, rows, row):
        scratch = w.Scratch()
        try:
            db = w.make_archive(scratch.dir, valutazioni=True)
            f = row["oggetto"]
            if f == "rilevazioni":  # an action reported, so that it can be sent
                rilevazioni = os.path.join(scratch.dir, "r.csv")
                with open(rilevazioni, "w", encoding="utf-8") as out:
                    out.write("obiettivo;azione;data;valore;percentuale;raggiunto;nota\nSG-03;1;01/12/2024;;;;\n")
                w.run("archivio", "importa", db, rilevazioni, "--anno", ANNO)
            for step in path_to(rows, f, row["da"]):
                args = ["archivio", "stato", db, f, key_of(f), step["passo"]]
                w.run(*(args + (["--motivo", reason(step)] if reason(step) else [])))
            if f in ("relazione", "valutazioni"):  # their guard: the year's collection closed
                w.run("archivio", "stato", db, "raccolta", ANNO, "chiudi")
            self.assertEqual(state(db, f) or row["da"], row["da"])
            server = w.Server(db)
            try:
                path, fields = request(row)
                allowed = allowed_users(row)
                for user in sorted(set(ROLE_OF) - allowed):
                    c = w.Client(server.port)
                    self.assertEqual(c.login(user).status, 303)
                    c.get("/")
                    r = c.post(path, dict(fields, conferma="1"))
                    self.assertIn(r.status, (403, 422), "%s come %s: %d %s" % (path, user, r.status, r.text[:300]))
                    self.assertEqual(state(db, f) or row["da"], row["da"], "%s come %s ha cambiato lo stato" % (path, user))
                user = sorted(allowed)[0]
                c = w.Client(server.port)
                self.assertEqual(c.login(user).status, 303)
                c.get("/")
                r = c.post(path, fields)
                self.assertEqual(r.status, 200, "%s come %s: %s" % (path, user, r.text[:500]))
                self.assertIn('name="conferma" value="1"', r.text)
                self.assertEqual(state(db, f) or row["da"], row["da"], "nothing before the confirmation")
                r = c.post(path, dict(fields, conferma="1"))
                self.assertEqual(r.status, 303, "%s come %s: %s" % (path, user, r.text[:500]))
                self.assertEqual(state(db, f), row["a"])
            finally:
                server.stop()
        finally:
            scratch.remove()


if __name__ == "__main__":
    unittest.main(verbosity=2)
