# SPDX-License-Identifier: EUPL-1.2
"""test_motore.py — one engine beneath the command line and the web (issue 32):
the same archive and SOURCE_DATE_EPOCH give byte-identical documents from
`schede stampa --archivio` and from `GET /documenti/NAME.pdf`, for every
document of the catalogue and both profiles; the one version rule seen from
both sides; codici that need encoding browsed link by link; and the route ×
role matrix, generated from the table the server checks (`schede web
--permessi`): every role it leaves out is refused every route, and nothing
changes."""
import csv
import html
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
import webtest as w  # noqa: E402

EPOCH = "1700000000"
SAMPLES = os.path.join(w.SOURCES, "samples")


def sample(name):
    return os.path.join(SAMPLES, name)


def stampa(db, out, *args):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    p = subprocess.run([w.SCHEDE, "stampa", "--archivio", db, "--out", out, *args], capture_output=True, text=True,
                       env=env)
    if p.returncode != 0:
        raise AssertionError("stampa %s: %s%s" % (args, p.stdout, p.stderr))
    return p


def server(db):
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # the server's documents at the same time as stampa's
    try:
        return w.Server(db)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Documenti(unittest.TestCase):
    """An archive with the year's rilevazioni, a monitoring, the SMVP, the valutazioni and a presa visione taken in
    the web: every document the same bytes from both front ends, with each profile."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = w.Scratch()
        cls.db = os.path.join(cls.scratch.dir, "ciclo.db")
        w.run("archivio", "crea", cls.db, "--ente", "Comune di Sarzana")
        w.run("archivio", "importa", cls.db, w.PLAN, sample("raggiunto-2024.csv"), sample("sistema-smvp.json"),
              sample("valutazioni-2024.csv"), "--anno", "2024")
        w.run("archivio", "importa", cls.db, sample("raggiunto-2024-06-30.csv"), "--al", "30/06/2024")
        w.run("archivio", "approva", cls.db, "--versione", "1", "--giunta", "30/01/2024")
        for name, role, persona, password in w.USERS:
            args = ["archivio", "utente", cls.db, "--aggiungi", name, "--ruolo", role]
            w.run(*(args + (["--persona", persona] if persona else [])), stdin=password + "\n")
        cls.server = server(cls.db)
        office, bogo = w.Client(cls.server.port), w.Client(cls.server.port)
        office.login("personale")
        office.get("/persone/bogo-a")
        assert office.step("/persone/bogo-a/comunicazione", {}).status == 303
        bogo.login("bogo")
        bogo.get("/persone/bogo-a")
        assert bogo.step("/persone/bogo-a/presa-visione", {}).status == 303

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.scratch.remove()

    def compare_all(self, label):
        out, out_al = [os.path.join(self.scratch.dir, label + x) for x in ("", "-al")]
        stampa(self.db, out, "--anno", "2024")
        stampa(self.db, out_al, "--al", "30/06/2024", "--solo", "monitoraggio")
        c = w.Client(self.server.port)
        self.assertEqual(c.login("personale").status, 303)
        expected = [("/documenti/%s.pdf" % name, os.path.join(out, name + ".pdf"))
                    for name in ("schede", "persone", "relazione", "premi")]
        expected.append(("/documenti/monitoraggio.pdf?periodo=2024-06-30", os.path.join(out_al, "monitoraggio.pdf")))
        for address, path in expected:
            r = c.get(address)
            self.assertEqual(r.status, 200, (label, address, r.text[:300]))
            self.assertTrue(read(path) == r.body, "%s: %s differs between stampa --archivio and the web" % (label, address))
        return out

    def test_every_document_is_the_same_bytes_with_either_profile(self):
        sarzana = self.compare_all("sarzana")
        w.run("archivio", "profilo", self.db, "generico")
        try:
            generico = self.compare_all("generico")
        finally:
            w.run("archivio", "profilo", self.db, "sarzana")
        # the profile made a difference where it has forms of its own: the schede
        self.assertNotEqual(read(os.path.join(sarzana, "schede.pdf")), read(os.path.join(generico, "schede.pdf")))

    def test_one_objective_and_one_person_are_those_of_the_whole(self):
        c = w.Client(self.server.port)
        c.login("personale")
        r = c.get("/obiettivi/SG-01/scheda.pdf")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["content-disposition"],
                         "inline; filename=\"scheda-SG-01.pdf\"; filename*=UTF-8''scheda-SG-01.pdf")
        one = subprocess.run(["pdftotext", "-", "-"], input=r.body, capture_output=True).stdout.decode()
        self.assertIn("SG-01", one)
        self.assertNotIn("SG-02", one)
        r = c.get("/persone/bogo-a/scheda.pdf")
        self.assertEqual(r.status, 200)
        self.assertIn("Alessandra Bogo", subprocess.run(["pdftotext", "-", "-"], input=r.body,
                                                         capture_output=True).stdout.decode())


class Versione(unittest.TestCase):
    """The one version rule, from the web and the command line alike."""

    def test_data_the_approved_version_refuses_are_refused_by_both(self):
        """A rilevazione of an action the newly approved version no longer has: stampa --archivio prints nothing
        and says why, and so does the web (409, the same sentence), instead of a document that leaves it out."""
        scratch = w.Scratch()
        try:
            db = os.path.join(scratch.dir, "ciclo.db")
            w.run("archivio", "crea", db, "--ente", "Comune di Sarzana")
            w.run("archivio", "importa", db, w.PLAN, sample("raggiunto-2024.csv"), "--anno", "2024")
            w.run("archivio", "importa", db, sample("sarzana-2024-2026-variazione.json"))
            w.run("archivio", "approva", db, "--versione", "2", "--giunta", "15/07/2024")
            w.run("archivio", "utente", db, "--aggiungi", "oiv", "--ruolo", "oiv", stdin="oiv-valuta-2024\n")
            p = subprocess.run([w.SCHEDE, "stampa", "--archivio", db, "--anno", "2024", "--out",
                                os.path.join(scratch.dir, "out")], capture_output=True, text=True)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("DEMO-03: l'obiettivo non ha un'azione n. 3 nel 2024", p.stderr)
            s = w.Server(db)
            try:
                c = w.Client(s.port)
                c.login("oiv")
                r = c.get("/documenti/schede.pdf")
                self.assertEqual(r.status, 409, r.text[:300])
                self.assertIn("i dati dell&#39;archivio hanno errori", r.text)
                self.assertIn("DEMO-03: l&#39;obiettivo non ha un&#39;azione n. 3 nel 2024", r.text)
            finally:
                s.stop()
        finally:
            scratch.remove()

    def test_a_draft_uploaded_in_the_web_is_not_what_prints(self):
        scratch = w.Scratch()
        try:
            db = w.make_archive(scratch.dir)
            s = server(db)
            try:
                admin = w.Client(s.port)
                admin.login("segreteria")
                # nothing approved: the latest, and the home page and every document say so
                self.assertIn("nessuna versione approvata", admin.get("/").text)
                pdf = admin.get("/documenti/schede.pdf").body
                text = subprocess.run(["pdftotext", "-l", "1", "-", "-"], input=pdf, capture_output=True).stdout.decode()
                self.assertIn("Bozza: versione 1 del piano, non approvata dalla Giunta", text)
                # approved at the command line; then version 2 uploaded in the web, a draft
                w.run("archivio", "approva", db, "--versione", "1", "--giunta", "30/01/2024")
                admin.get("/piano")
                with open(sample("sarzana-2024-2026-variazione.json"), "rb") as f:
                    r = admin.upload("variazione.json", f.read())
                self.assertEqual(r.status, 303, r.text[:500])
                home = admin.get("/").text
                self.assertIn("versione 1, approvata; la versione 2, caricata dopo, è «bozza»", home)
                out = os.path.join(scratch.dir, "stampa")
                stampa(db, out, "--anno", "2024", "--solo", "schede")
                self.assertEqual(read(os.path.join(out, "schede.pdf")), admin.get("/documenti/schede.pdf").body)
                plain = os.path.join(scratch.dir, "file")
                env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
                subprocess.run([w.SCHEDE, "stampa", os.path.join(scratch.dir, "piano.json"), "--anno", "2024",
                                "--solo", "schede", "--out", plain], check=True, capture_output=True, env=env)
                self.assertEqual(read(os.path.join(plain, "schede.pdf")), read(os.path.join(out, "schede.pdf")),
                                 "version 1, as its file, not the draft")
            finally:
                s.stop()
        finally:
            scratch.remove()


# codici `verifica` accepts that a URL must encode: a slash, a space and a %, a ?, a #, quotes, accents, dots, an
# escape written literally
AWKWARD = ["SG/01", "AG 50%", "X?y", "Q#1", "Di \"lui\" e l'altro", "Città-è", "..", "A%2FB"]


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.actions = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "form" and a.get("action"):
            self.actions.append(a["action"])


def links_of(text):
    p = Links()
    p.feed(text)
    return p


class Codici(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = w.Scratch()
        plan = w.plan_json()
        for o, codice in zip(plan["obiettivi"], AWKWARD):
            o["codice"] = codice
        path = os.path.join(cls.scratch.dir, "strano.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(plan, f, ensure_ascii=False)
        p = subprocess.run([w.SCHEDE, "verifica", path], capture_output=True, text=True)
        assert p.returncode == 0, p.stdout + p.stderr  # accepted as they are
        cls.db = os.path.join(cls.scratch.dir, "ciclo.db")
        w.run("archivio", "crea", cls.db, "--ente", "Comune di Sarzana")
        w.run("archivio", "importa", cls.db, path)
        for name, role, persona, password in w.USERS:
            args = ["archivio", "utente", cls.db, "--aggiungi", name, "--ruolo", role]
            w.run(*(args + (["--persona", persona] if persona else [])), stdin=password + "\n")
        cls.server = w.Server(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.scratch.remove()

    def test_every_link_of_the_list_and_of_each_page_works(self):
        c = w.Client(self.server.port)
        c.login("oiv")
        listing = c.get("/obiettivi").text
        hrefs = [h for h in links_of(listing).hrefs if h.startswith("/obiettivi/")]
        self.assertEqual(len(hrefs), 38, hrefs)
        seen = set()
        for href in hrefs:
            r = c.get(href)
            self.assertEqual(r.status, 200, (href, r.text[:300]))
            title = re.search(r"<h1>Obiettivo (.*?)</h1>", r.text).group(1)
            seen.add(html.unescape(title))
            pdfs = [h for h in links_of(r.text).hrefs if h.endswith("/scheda.pdf")]
            self.assertEqual(len(pdfs), 1, href)
            pdf = c.get(pdfs[0])
            self.assertEqual(pdf.status, 200, pdfs[0])
            self.assertTrue(pdf.body.startswith(b"%PDF-"))
            # the file's name: an ASCII stand-in, and the codice itself percent-encoded (RFC 6266)
            self.assertRegex(pdf.headers["content-disposition"],
                             r"^inline; filename=\"scheda-[A-Za-z0-9._-]+\.pdf\"; filename\*=UTF-8''scheda-[A-Za-z0-9%._~-]+\.pdf$")
        for codice in AWKWARD:
            self.assertIn(codice, seen)

    def test_the_dirigente_posts_on_an_awkward_codice_and_comes_back(self):
        c = w.Client(self.server.port)
        c.login("segretario")  # the dirigente of the first three: SG/01, AG 50%, X?y
        for codice in AWKWARD[:3]:
            page = c.get("/obiettivi/" + urllib.parse.quote(codice, safe=""))
            self.assertEqual(page.status, 200, codice)
            actions = links_of(page.text).actions
            form = [a for a in actions if a.endswith("/rilevazioni")]
            self.assertEqual(len(form), 1, actions)
            r = c.post(form[0], {"azione": "1", "percentuale": "100", "nota": "prova"})
            self.assertIn(r.status, (303, 422), (codice, r.text[:300]))
            if r.status == 303:
                back = c.get(r.headers["location"].split("#")[0])
                self.assertEqual(back.status, 200, r.headers["location"])
                self.assertIn("Obiettivo %s" % html.escape(codice), back.text)
        # another dirigente's awkward codice is still refused, and an unknown one is not found
        self.assertEqual(c.get("/obiettivi/" + urllib.parse.quote(AWKWARD[3], safe="")).status, 403)
        self.assertEqual(c.get("/obiettivi/SG%2F99").status, 404)
        self.assertEqual(c.get("/obiettivi/%2").status, 400)


def permissions():
    text = subprocess.run([w.SCHEDE, "web", "--permessi"], capture_output=True, text=True, check=True).stdout
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


ROLE_USERS = {"amministratore": "segreteria", "dirigente": "segretario", "personale": "personale", "oiv": "oiv",
              "dipendente": "bogo"}
SAMPLE_ARGS = {"{codice}": "SG-03", "{id}": "bogo-a", "{file}": "schede.css"}


class Permessi(unittest.TestCase):
    """From the table the server checks: a role it does not list gets 403 on that route, for GET and POST alike,
    and the archive gains nothing but the row of the refusal."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = w.Scratch()
        cls.db = w.make_archive(cls.scratch.dir)
        cls.server = w.Server(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.scratch.remove()

    def test_the_table_lists_every_route_once(self):
        rows = permissions()
        keys = [(r["metodo"], r["percorso"]) for r in rows]
        self.assertEqual(len(keys), len(set(keys)))
        self.assertIn(("GET", "/documenti/premi.pdf"), keys)
        premi = [r for r in rows if r["percorso"] == "/documenti/premi.pdf"][0]
        self.assertEqual(premi["ruoli"], "amministratore,personale")  # reserved: not even the OIV
        self.assertEqual([r["ruoli"] for r in rows if r["percorso"] == "/utenti"], ["amministratore"] * 2)

    def test_every_role_the_table_leaves_out_is_refused_and_nothing_changes(self):
        clients = {role: w.Client(self.server.port) for role in ROLE_USERS}
        for role, user in ROLE_USERS.items():
            self.assertEqual(clients[role].login(user).status, 303)
        before = [r for r in w.storia(self.db).splitlines() if '"accesso negato"' not in r and '"accesso"' not in r]
        checked = 0
        for row in permissions():
            allowed = row["ruoli"].split(",")
            if row["ruoli"].startswith("chiunque"):
                continue
            path = row["percorso"]
            for k, v in SAMPLE_ARGS.items():
                path = path.replace(k, v)
            for role, c in clients.items():
                if role in allowed:
                    continue
                c.get("/")  # a fresh csrf
                r = c.get(path) if row["metodo"] == "GET" else c.post(path, {"stato": "validata", "nome": "x"})
                self.assertEqual(r.status, 403, "%s %s come %s: %s" % (row["metodo"], path, role, r.text[:200]))
                checked += 1
        self.assertGreater(checked, 60)
        after = [r for r in w.storia(self.db).splitlines() if '"accesso negato"' not in r and '"accesso"' not in r]
        self.assertEqual(before, after)


if __name__ == "__main__":
    unittest.main(verbosity=2)
