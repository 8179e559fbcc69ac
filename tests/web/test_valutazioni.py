# SPDX-License-Identifier: EUPL-1.2
"""test_valutazioni.py — the valutazioni kept person by person (issue 33):
an upload merges by person and shows its differences before anything is
written (POST /valutazioni → 200 with the hidden caricamento; POST
/valutazioni/conferma with conferma=1 → 303); a valutazione comunicata,
seen or validated is never changed by an upload, which is refused whole
(422) naming each locked person, until the ufficio personale reopens it
with a reason; nobody is removed unless the confirmation names them.

The scores are computed by hand from the sample SMVP (samples/sistema-smvp.json,
category comparto: obiettivi 50, ente 10, comportamenti 40; behaviours C1 30,
C2 25, C3 20, C4 25 on a scale to 10; comportamenti = Σ(peso·voto/10)/Σ(peso)
× 100, docs/manuale.md): Alessia Tronfi's votes 8, 9, 8, 8 give 82,77 with
the 2024 results; C1 from 8 to 10 adds 30·2/10 = 6 points to comportamenti,
40 % of which is 2,40 on the score: 85,17, still «Buona» (75–90)."""
import csv
import io
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

SAMPLES = os.path.join(w.SOURCES, "samples")


def sample_rows():
    with open(os.path.join(SAMPLES, "valutazioni-2024.csv"), encoding="utf-8-sig") as f:
        return f.read().splitlines()


def one_line_file(prefix, replace=None):
    """The sample's header and the one row starting with prefix (its first field), changed by replace."""
    rows = sample_rows()
    line = next(r for r in rows[1:] if r.split(";")[0] == prefix)
    if replace:
        line = replace(line)
    return ("\n".join([rows[0], line]) + "\n").encode()


def with_votes(line, votes):
    f = line.split(";")
    f[5:9] = [str(v) for v in votes]
    return ";".join(f)


def registro(db):
    return list(csv.DictReader(io.StringIO(w.storia(db)), delimiter=";"))


class Valutazioni(unittest.TestCase):
    def setUp(self):
        self.scratch = w.Scratch()
        self.db = w.make_archive(self.scratch.dir, valutazioni=True)
        rilevazioni = os.path.join(SAMPLES, "raggiunto-2024.csv")
        w.run("archivio", "importa", self.db, rilevazioni, "--anno", "2024")
        self.server = w.Server(self.db)

    def tearDown(self):
        self.server.stop()
        self.scratch.remove()

    def login(self, user):
        c = w.Client(self.server.port)
        self.assertEqual(c.login(user).status, 303)
        return c

    def score_of(self, c, person):
        """The punteggio finale on the person's page."""
        page = c.get("/persone/" + person).text
        m = re.search(r'id="punteggio">([^<]*)<', page)
        return m.group(1) if m else page[:2000]

    def test_an_upload_of_one_person_changes_her_alone_after_its_confirmation(self):
        office, me = self.login("personale"), self.login("bogo")
        office.get("/valutazioni")
        # Alessandra Bogo's valutazione communicated and seen
        office.get("/persone/bogo-a")
        self.assertEqual(office.step("/persone/bogo-a/comunicazione", {}).status, 303)
        me.get("/persone/bogo-a")
        self.assertEqual(me.step("/persone/bogo-a/presa-visione", {}).status, 303)
        before = len(registro(self.db))
        # one line, Alessia Tronfi by her name, C1 8 → 10: the differences first, nothing written
        office.get("/valutazioni")
        data = one_line_file("tronfi-a", lambda l: with_votes(l.replace("tronfi-a", "Alessia Tronfi"), [10, 9, 8, 8]))
        r = office.upload("tronfi.csv", data, "/valutazioni")
        self.assertEqual(r.status, 200, r.text[:1500])
        self.assertIn("Valutazioni nuove: <strong>0</strong>; modificate: <strong>1</strong>", r.text)
        self.assertIn("Persone dell'archivio che il file non nomina: 47 (restano come sono", r.text)
        # the premi of the 43 others of comparto (the category with premi) move, but for the three with none
        # (Michela Vanzore under the threshold, Francesco Menghini excluded, Nicola Boni incomplete)
        self.assertIn("Il premio cambia anche per altre 40 persone: il fondo si ripartisce di nuovo", r.text)
        row = re.search(r"<tr><th scope=\"row\" data-etichetta=\"Persona\">Alessia Tronfi</th>.*?</tr>", r.text, re.S)
        self.assertIsNotNone(row, r.text[:3000])
        self.assertIn("<li>voto C1: 8 → <strong>10</strong></li>", row.group(0))
        self.assertIn("<li>punteggio finale: 82,77 → <strong>85,17</strong></li>", row.group(0))
        self.assertNotIn("fascia:", row.group(0))  # Buona before and after
        self.assertEqual(len(registro(self.db)), before, "nothing written before the confirmation")
        token = office.token_caricamento(r)
        # another user of the ufficio personale cannot confirm it
        w.run("archivio", "utente", self.db, "--aggiungi", "personale2", "--ruolo", "personale",
              stdin="personale2-2024\n")
        other = w.Client(self.server.port)
        self.assertEqual(other.login("personale2", "personale2-2024").status, 303)
        other.get("/valutazioni")
        r2 = other.post("/valutazioni/conferma", {"caricamento": token, "conferma": "1"})
        self.assertEqual(r2.status, 422)
        self.assertIn("il file caricato non c&#39;è più", r2.text)
        # confirmed: 303, Tronfi's score moved, Bogo's (seen) and the 46 others are as they were
        r = office.post("/valutazioni/conferma", {"caricamento": token, "conferma": "1"})
        self.assertEqual(r.status, 303, r.text[:1500])
        self.assertEqual(r.headers["location"], "/valutazioni?caricato=valutazioni")
        self.assertEqual(self.score_of(office, "tronfi-a"), "85,17")
        self.assertEqual(self.score_of(office, "bogo-a"), "84,97")
        page = office.get("/valutazioni").text
        self.assertIn("Valutazioni del 2024: <strong>48</strong> persone (in bozza 47, comunicate 0, con presa "
                      "visione 1)", page)
        rows = [x for x in registro(self.db)[: len(registro(self.db)) - before]]
        changed = [x for x in rows if x["operazione"] == "modifica valutazione"]
        self.assertEqual([(x["chiave"], x["campo"], x["prima"], x["dopo"]) for x in changed],
                         [("2024 Alessia Tronfi", "voti.C1", "8", "10")])
        # the same confirmation again: gone
        r = office.post("/valutazioni/conferma", {"caricamento": token, "conferma": "1"})
        self.assertEqual(r.status, 422)

    def test_a_locked_valutazione_refuses_the_whole_upload_until_reopened(self):
        office, me = self.login("personale"), self.login("bogo")
        office.get("/persone/bogo-a")
        self.assertEqual(office.step("/persone/bogo-a/comunicazione", {}).status, 303)
        me.get("/persone/bogo-a")
        self.assertEqual(me.step("/persone/bogo-a/presa-visione", {}).status, 303)
        before = len(registro(self.db))
        # Bogo C1 9 → 10 and Tronfi C1 8 → 10 in one file: refused whole, naming Bogo, no confirmation offered
        rows = sample_rows()
        bogo = next(r for r in rows if r.startswith("ALESSANDRA BOGO;"))
        tronfi = next(r for r in rows if r.startswith("tronfi-a;"))
        data = ("\n".join([rows[0], with_votes(bogo, [10, 9, 8, 9]), with_votes(tronfi, [10, 9, 8, 8])]) + "\n").encode()
        office.get("/valutazioni")
        r = office.upload("due.csv", data, "/valutazioni")
        self.assertEqual(r.status, 422, r.text[:1500])
        # C1 9 → 10: 30·1/10 = 3 points of comportamenti, 40 % of them on the score: 84,97 + 1,20
        self.assertIn("Alessandra Bogo (valutazione del 2024 presa visione): voto C1 9 → 10; punteggio finale "
                      "84,97 → 86,17", r.text)
        self.assertNotIn('name="caricamento"', r.text)
        self.assertNotIn("Alessia Tronfi (", r.text)  # not locked: not named among the locked ones
        self.assertEqual(len(registro(self.db)), before, "nothing written")
        # reopened with a reason: back to bozza, presa visione cleared; then the same file goes through
        office.get("/persone/bogo-a")
        self.assertEqual(office.step("/persone/bogo-a/riapertura", {"motivo": "voto C1 da correggere"}).status, 303)
        office.get("/valutazioni")
        self.assertEqual(office.carica("due.csv", data).status, 303)
        self.assertEqual(self.score_of(office, "bogo-a"), "86,17")
        self.assertEqual(self.score_of(office, "tronfi-a"), "85,17")

    def test_a_person_is_removed_only_when_the_confirmation_names_her(self):
        office = self.login("personale")
        office.get("/valutazioni")
        data = one_line_file("tronfi-a")
        r = office.upload("tronfi.csv", data, "/valutazioni")
        self.assertEqual(r.status, 200)
        self.assertIn('name="rimuovi" value="Cinzia Baruzzo"', r.text)
        self.assertNotIn('value="Cinzia Baruzzo" checked', r.text)
        self.assertEqual(office.carica("tronfi.csv", data, rimuovi=["Cinzia Baruzzo"]).status, 303)
        page = office.get("/valutazioni").text
        self.assertIn("Valutazioni del 2024: <strong>47</strong> persone", page)
        removed = [x for x in registro(self.db) if x["operazione"] == "rimuove valutazione"]
        self.assertEqual([x["chiave"] for x in removed], ["2024 Cinzia Baruzzo"])
        self.assertIn('"voti.C1": 9', removed[0]["prima"])  # the whole valutazione, in the registro
        # a name the archive has not, or one the file names, is refused with nothing written
        r = office.upload("tronfi.csv", data, "/valutazioni")
        token = office.token_caricamento(r)
        for name, message in [("Persona Inesistente", "non ha una valutazione del 2024 nell&#39;archivio"),
                              ("Alessia Tronfi", "è nel file: la sua valutazione si aggiorna, non si rimuove")]:
            r = office.post_pairs("/valutazioni/conferma", [("caricamento", token), ("conferma", "1"),
                                                            ("rimuovi", name)])
            self.assertEqual(r.status, 422)
            self.assertIn(message, r.text)

    def test_validated_valutazioni_take_no_upload(self):
        admin, oiv, office = self.login("segreteria"), self.login("oiv"), self.login("personale")
        admin.get("/")
        self.assertEqual(admin.step("/raccolta", {"azione": "chiudi"}).status, 303)
        oiv.get("/")
        self.assertEqual(oiv.step("/valutazioni/validazione", {"motivo": "fasce coerenti"}).status, 303)
        office.get("/valutazioni")
        data = one_line_file("tronfi-a", lambda l: with_votes(l, [10, 9, 8, 8]))
        r = office.upload("tronfi.csv", data, "/valutazioni")
        self.assertEqual(r.status, 422)
        self.assertIn("Alessia Tronfi (valutazioni del 2024 validate dall&#39;OIV): voto C1 8 → 10", r.text)
        # the same values change nothing, and are not refused
        r = office.upload("uguale.csv", one_line_file("tronfi-a"), "/valutazioni")
        self.assertEqual(r.status, 200)
        self.assertIn("Il file non cambia nulla nell'archivio.", r.text)

    def test_a_new_smvp_that_would_change_a_seen_score_is_refused(self):
        office, me = self.login("personale"), self.login("bogo")
        office.get("/persone/bogo-a")
        self.assertEqual(office.step("/persone/bogo-a/comunicazione", {}).status, 303)
        me.get("/persone/bogo-a")
        self.assertEqual(me.step("/persone/bogo-a/presa-visione", {}).status, 303)
        with open(os.path.join(SAMPLES, "sistema-smvp.json"), encoding="utf-8") as f:
            s = json.load(f)
        # C1 weighs 40 instead of 30: Bogo's comportamenti (9, 9, 8, 9) go from 88 to (9·40 + 9·25 + 8·20 + 9·25)/110
        # × 10 = 88,18, her score from 84,97 to 85,04
        s["categorie"][0]["comportamenti"][0]["peso"] = 40
        office.get("/valutazioni")
        r = office.upload("smvp-nuovo.json", json.dumps(s).encode(), "/valutazioni")
        self.assertEqual(r.status, 422, r.text[:1500])
        self.assertIn("Alessandra Bogo (valutazione del 2024 presa visione): punteggio finale 84,97 → 85,04", r.text)
        self.assertNotIn('name="caricamento"', r.text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
