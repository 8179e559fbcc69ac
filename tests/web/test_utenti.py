# SPDX-License-Identifier: EUPL-1.2
"""test_utenti.py — who a user is in the plan (issue 33): the name typed for
--persona or on the Utenti page is matched against the plan's persons and
dirigenti across spellings and titles ("ROSSI MARIO" = "Dott. Mario Rossi –
Dirigente Area Tecnica") and kept in the plan's own spelling; a name the
plan has not is refused (exit 1; 422 by the field) with the closest names;
before any plan it is accepted with a warning and checked at the import.
The Utenti page offers the plan's names, keeps what was typed after an
error, and has no role chosen beforehand."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402


class Utenti(unittest.TestCase):
    def setUp(self):
        self.scratch = w.Scratch()
        self.db = w.make_archive(self.scratch.dir)

    def tearDown(self):
        self.scratch.remove()

    def add(self, name, role, persona, check=True):
        args = ["archivio", "utente", self.db, "--aggiungi", name, "--ruolo", role]
        if persona is not None:
            args += ["--persona", persona]
        return w.run(*args, stdin="una-password-lunga\n", check=check)

    def test_the_command_line_matches_the_name_in_the_plan(self):
        p = self.add("rossi", "dipendente", "BOGO ALESSANDRA")
        self.assertIn("utente rossi aggiunto (dipendente, Alessandra Bogo)", p.stdout)
        p = self.add("chiavacci", "dirigente", "Dott.ssa Valentina Chiavacci – Dirigente Area 2")
        self.assertIn("(dirigente, Valentina Chiavacci)", p.stdout)
        p = self.add("x", "dirigente", "Alesandra Bogo", check=False)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("«Alesandra Bogo» non è tra le persone né tra i dirigenti del piano (versione 1): forse "
                      "«Alessandra Bogo»", p.stderr)
        p = self.add("y", "dipendente", "Mario Inesistente", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("«Mario Inesistente» non è tra le persone né tra i dirigenti del piano (versione 1)", p.stderr)
        p = self.add("z", "dirigente", None, check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("un dirigente è una persona del piano: manca --persona", p.stderr)
        users = w.run("archivio", "storia", self.db).stdout
        self.assertNotIn("Mario Inesistente", users)

    def test_before_any_plan_a_name_is_kept_and_checked_at_the_import(self):
        db = os.path.join(self.scratch.dir, "nuovo.db")
        w.run("archivio", "crea", db, "--ente", "Comune di Prova")
        p = w.run("archivio", "utente", db, "--aggiungi", "rossi", "--ruolo", "dirigente", "--persona", "Mario Rossi",
                  stdin="una-password-lunga\n")
        self.assertIn("avviso: l'archivio non ha ancora un piano: «Mario Rossi» sarà confrontato", p.stderr)
        p = w.run("archivio", "importa", db, w.PLAN)
        self.assertIn("l'utente «rossi» (dirigente) è «Mario Rossi», che questo piano non ha tra le persone né tra i "
                      "dirigenti", p.stderr)

    def test_a_dirigente_sees_his_objectives_under_any_spelling(self):
        plan = w.plan_json()
        codes = [o["codice"] for o in plan["obiettivi"] if o.get("dirigente") == "Fulvio Pastorino"]
        self.assertTrue(codes)
        for o in plan["obiettivi"]:
            if o.get("dirigente") == "Fulvio Pastorino":
                o["dirigente"] = "Dott. Fulvio Pastorino – Dirigente Area 1"
        path = os.path.join(self.scratch.dir, "piano2.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(plan, f, ensure_ascii=False)
        w.run("archivio", "importa", self.db, path)
        self.add("fp", "dirigente", "PASTORINO FULVIO")
        server = w.Server(self.db)
        try:
            c = w.Client(server.port)
            self.assertEqual(c.login("fp", "una-password-lunga").status, 303)
            r = c.get("/obiettivi/" + codes[0])
            self.assertEqual(r.status, 200)
            self.assertIn("Salva la rilevazione", r.text)  # his own: the form of the rilevazioni is his
        finally:
            server.stop()

    def test_the_utenti_page_keeps_what_was_typed_and_chooses_no_role(self):
        server = w.Server(self.db)
        try:
            c = w.Client(server.port)
            self.assertEqual(c.login("segreteria").status, 303)
            page = c.get("/utenti").text
            self.assertIn('<option value="">— scegliere il ruolo —</option>', page)
            self.assertNotIn("selected", page.split('name="ruolo"')[1].split("</select>")[0])
            self.assertIn('<option value="Alessandra Bogo"></option>', page)  # the plan's names, offered
            self.assertIn('list="persona-elenco"', page)
            r = c.post("/utenti", {"nome": "nuovo", "ruolo": "", "persona": "Alesandra Bogo",
                                   "password": "una-password-lunga"})
            self.assertEqual(r.status, 422)
            self.assertIn("Scegliere il ruolo.", r.text)
            self.assertIn('id="errore-persona"', r.text)
            self.assertIn("«Alesandra Bogo» non è tra le persone né tra i dirigenti del piano (versione 1): forse "
                          "«Alessandra Bogo»", r.text)
            self.assertIn('name="nome" type="text" value="nuovo"', r.text)
            self.assertIn('value="Alesandra Bogo"', r.text)
            r = c.post("/utenti", {"nome": "nuovo", "ruolo": "dipendente", "persona": "bogo alessandra",
                                   "password": "una-password-lunga"})
            self.assertEqual(r.status, 303, r.text[:2000])
            page = c.get("/utenti").text
            self.assertIn('<th scope="row" data-etichetta="Utente">nuovo</th><td data-etichetta="Ruolo">dipendente</td>'
                          '<td data-etichetta="Persona nel piano">Alessandra Bogo</td>', page)
            r = c.post("/utenti", {"nome": "altro", "ruolo": "dirigente", "persona": "",
                                   "password": "una-password-lunga"})
            self.assertEqual(r.status, 422)
            self.assertIn("Un dirigente è una persona del piano: scriverne il nome.", r.text)
            self.assertIn('<option value="dirigente" selected>dirigente</option>', r.text)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
