# SPDX-License-Identifier: EUPL-1.2
"""test_da_fare.py — what each role must do next, on its home page (issue
33), and the lists it links to: the objectives by state with how many of
their actions are reported (GET /obiettivi?stato=…), the persons with the
state of their valutazione (GET /persone?stato=…). The archive is in the
middle of the 2024 cycle: the sample rilevazioni of the year end and of the
monitoring at 30/06/2024, SG-01 validated, SG-02 sent back with a reason,
SG-03 waiting for the OIV, Alessandra Bogo's valutazione communicated. The
expected counts are computed here from the sample files themselves, not
read from the program."""
import csv
import io
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

SAMPLES = os.path.join(w.SOURCES, "samples")
S = None


def setUpModule():
    global S
    S = type("S", (), {})()
    S.scratch = w.Scratch()
    S.db = w.make_archive_mid_year(S.scratch.dir)
    S.server = w.Server(S.db)


def tearDownModule():
    S.server.stop()
    S.scratch.remove()


def client(user):
    c = w.Client(S.server.port)
    assert c.login(user).status == 303
    return c


def da_fare(page):
    m = re.search(r'<section class="da-fare".*?</section>', page, re.S)
    assert m, page[:3000]
    return m.group(0)


def late_at_monitoring():
    """The objectives with an action due before 30/06/2024 that the monitoring's file does not report."""
    plan = w.plan_json()
    with open(os.path.join(SAMPLES, "raggiunto-2024-06-30.csv"), encoding="utf-8-sig") as f:
        reported = {(r["obiettivo"], int(r["azione"])) for r in csv.DictReader(f, delimiter=";")}
    late = []
    for o in plan["obiettivi"]:
        for an in o.get("annualita", []):
            if an["anno"] != 2024:
                continue
            if any(a.get("scadenza") and a["scadenza"] < "2024-06-30" and (o["codice"], a["n"]) not in reported
                   for a in an["azioni"]):
                late.append(o["codice"])
    return late


class DaFare(unittest.TestCase):
    def test_the_segreteria_sees_the_objectives_by_state_and_who_is_late(self):
        box = da_fare(client("segreteria").get("/").text)
        n = sum(1 for o in w.plan_json()["obiettivi"] if any(a["anno"] == 2024 for a in o.get("annualita", [])))
        self.assertIn('<a href="/obiettivi?stato=aperta">%d aperte</a>' % (n - 3), box)
        self.assertIn('<a href="/obiettivi?stato=rimandata">1 rimandata</a>', box)
        self.assertIn('<a href="/obiettivi?stato=inviata">1 inviata</a>', box)
        self.assertIn('<a href="/obiettivi?stato=validata">1 validata</a>', box)
        self.assertIn('<a href="/obiettivi?stato=aperta&amp;periodo=2024-06-30">%d aperte</a>' % n, box)
        self.assertEqual(late_at_monitoring(), [])  # every action due before 30/06 is in the monitoring's file
        self.assertNotIn("Azioni con la scadenza passata", box)
        self.assertNotIn("In ritardo", box)  # no termine set for the raccolta
        self.assertIn("La versione 1 del piano è «bozza»", box)

    def test_late_objectives_are_those_with_a_deadline_passed_and_no_rilevazione(self):
        """A fresh archive: no rilevazione at all; today is after 2024, so every objective with a deadline is late."""
        scratch = w.Scratch()
        try:
            db = w.make_archive(scratch.dir)
            server = w.Server(db)
            try:
                c = w.Client(server.port)
                self.assertEqual(c.login("segreteria").status, 303)
                box = da_fare(c.get("/").text)
            finally:
                server.stop()
        finally:
            scratch.remove()
        late = [o["codice"] for o in w.plan_json()["obiettivi"] for an in o.get("annualita", [])
                if an["anno"] == 2024 and any(a.get("scadenza") for a in an["azioni"])]
        self.assertGreater(len(late), 10)
        self.assertIn("Azioni con la scadenza passata senza rilevazione: %d obiettivi." % len(late), box)
        listed = re.findall(r'<li><a href="/obiettivi/([^"?]+)">', box.split("Azioni con la scadenza passata")[1])
        self.assertEqual(listed, late[:10])  # the first ten, in the plan's order
        self.assertIn("<li>…</li>", box)

    def test_a_raccolta_deadline_tells_who_is_late(self):
        """The Segreteria sets the year end's deadline (a change with its row in the registro, no confirmation):
        past it, the objectives not sent to the OIV are late, named with their dirigente."""
        scratch = w.Scratch()
        try:
            db = w.make_archive_mid_year(scratch.dir)
            server = w.Server(db)
            try:
                admin, d = w.Client(server.port), w.Client(server.port)
                self.assertEqual(admin.login("segreteria").status, 303)
                self.assertEqual(d.login("segretario").status, 303)
                home = admin.get("/").text
                self.assertIn("Raccolta fine anno, aperta, senza un termine per le rilevazioni", home)
                for wrong, message in [("31/02/2025", "il 31/02/2025 non esiste nel calendario"),
                                       ("15/03/2030", "il 15/03/2030 non è del 2024 né del 2025")]:
                    r = admin.post("/raccolta", {"periodo": "", "termine": wrong})
                    self.assertEqual(r.status, 422)
                    self.assertIn('id="errore-termine-fine-anno"', r.text)
                    self.assertIn(message, r.text)
                    self.assertIn('value="%s"' % wrong, r.text)  # what was typed, kept
                r = admin.post("/raccolta", {"periodo": "", "termine": "31/01/2025"})
                self.assertEqual(r.status, 303)
                self.assertEqual(r.headers["location"], "/?salvato=termine")
                box = da_fare(admin.get("/?salvato=termine").text)
                n = sum(1 for o in w.plan_json()["obiettivi"] if any(a["anno"] == 2024 for a in o.get("annualita", [])))
                self.assertIn("termine per le rilevazioni il 31/01/2025", box)
                # past (today is after 2025): all but SG-01 (validated) and SG-03 (sent) are late, SG-02 sent back
                self.assertIn("<strong>In ritardo</strong>: il termine del 31/01/2025 è passato e %d obiettivi non "
                              "sono ancora inviati all&#39;OIV." % (n - 2), box.replace("all'OIV", "all&#39;OIV"))
                self.assertIn('<a href="/obiettivi/SG-02">SG-02</a> (Segretario generale): rimandata', box)
                self.assertNotIn('<a href="/obiettivi/SG-03">SG-03</a> (Segretario generale)', box)
                mine = da_fare(d.get("/").text)
                self.assertIn("Raccolta fine anno, aperta, da inviare all&#39;OIV entro il 31/01/2025 (passato)", mine)
                rows = [x for x in csv.DictReader(io.StringIO(w.storia(db)), delimiter=";") if x["operazione"] == "termine"]
                self.assertEqual([(x["chi"], x["chiave"], x["dopo"]) for x in rows], [("segreteria", "2024", '"2025-01-31"')])
                self.assertIn("termine per le rilevazioni della raccolta fine anno 2024: — → 31/01/2025",
                              admin.get("/storia").text)
                self.assertEqual(d.post("/raccolta", {"periodo": "", "termine": "31/12/2025"}).status, 403)
            finally:
                server.stop()
        finally:
            scratch.remove()

    def test_a_dirigente_sees_his_objectives_sent_back_first_with_the_reason(self):
        box = da_fare(client("segretario").get("/").text)
        year_end = box.split("I suoi obiettivi (fine anno)")[1].split("</table>")[0]
        codes = re.findall(r'data-etichetta="Obiettivo"><a href="/obiettivi/([^"?]+)"', year_end)
        self.assertEqual(codes, ["SG-02", "SG-03", "SG-01"])  # rimandata, inviata, validata
        self.assertIn("correggere e inviare di nuovo; l'OIV: «manca la data di pubblicazione»", year_end)
        with open(os.path.join(SAMPLES, "raggiunto-2024.csv"), encoding="cp1252") as f:  # as a spreadsheet saves it
            sg02 = {r["azione"] for r in csv.DictReader(f, delimiter=";") if r["obiettivo"] == "SG-02"}
        actions = next(len(a["azioni"]) for o in w.plan_json()["obiettivi"] if o["codice"] == "SG-02"
                       for a in o["annualita"] if a["anno"] == 2024)
        self.assertIn(">%d su %d</td>" % (len(sg02), actions), year_end)
        other = da_fare(client("pastorino").get("/").text)
        self.assertNotIn("SG-02", other)

    def test_the_oiv_sees_what_waits_for_it(self):
        box = da_fare(client("oiv").get("/").text)
        self.assertIn("Raccolta fine anno: 1 obiettivo attende la validazione", box)
        self.assertIn('<a href="/obiettivi/SG-03">SG-03</a>', box)
        self.assertIn("La Relazione sulla Performance del 2024: non ancora da validare (prima la Segreteria chiude la "
                      "raccolta delle rilevazioni di fine anno del 2024)", box)

    def test_the_ufficio_personale_sees_the_valutazioni_by_state(self):
        box = da_fare(client("personale").get("/").text)
        self.assertIn('<a href="/persone?stato=bozza">47 in bozza</a>', box)
        self.assertIn('<a href="/persone?stato=comunicata">1 comunicata</a>', box)
        self.assertIn('<a href="/persone?stato=presa%20visione">0 con presa visione</a>', box)
        self.assertNotIn("senza valutazione", box)  # the sample evaluates all 48 of the registro

    def test_the_person_sees_her_valutazione_waiting(self):
        box = da_fare(client("bogo").get("/").text)
        self.assertIn("La sua valutazione del 2024 le è stata comunicata", box)
        self.assertIn('<a href="/persone/bogo-a">leggerla e prenderne visione</a>', box)

    def test_the_list_of_objectives_filters_by_state(self):
        page = client("oiv").get("/obiettivi?stato=inviata").text
        rows = re.findall(r'<tr><th scope="row" data-etichetta="Codice"><a href="/obiettivi/([^"?]+)"', page)
        self.assertEqual(rows, ["SG-03"])
        self.assertIn("<p>1 obiettivo.</p>", page)
        self.assertIn('<option value="inviata" selected>inviate all&#39;OIV</option>', page)
        page = client("segretario").get("/obiettivi?stato=rimandata").text
        self.assertEqual(re.findall(r'data-etichetta="Codice"><a href="/obiettivi/([^"?]+)"', page), ["SG-02"])
        page = client("pastorino").get("/obiettivi?stato=rimandata").text  # not his
        self.assertIn("<p>0 obiettivi.</p>", page)
        self.assertEqual(client("segreteria").get("/obiettivi?periodo=2023-01-01").status, 404)

    def test_the_list_of_persons(self):
        office = client("personale")
        page = office.get("/persone?stato=comunicata").text
        self.assertEqual(re.findall(r'data-etichetta="Persona"><a href="/persone/([^"]+)"', page), ["bogo-a"])
        self.assertIn('<td data-etichetta="Punteggio finale">84,97</td>', page)
        self.assertIn("<p>1 persona.</p>", page)
        self.assertIn("<p>0 persone.</p>", office.get("/persone?stato=senza").text)
        self.assertIn("<p>48 persone.</p>", office.get("/persone").text)
        for user in ("bogo", "segretario"):
            self.assertEqual(client(user).get("/persone").status, 403, user)


if __name__ == "__main__":
    unittest.main(verbosity=2)
