"""webtest.py — what the tests of `schede web` share: a scratch archive with
the Sarzana plan and one user per role, a server on a free port, a client
that keeps its session cookie and reads each form's csrf token.

Run by ctest (tests/CMakeLists.txt) with Debian's own python3:
    SCHEDE=build-test/schede SCHEDE_SORGENTI=. /usr/bin/python3 tests/web/test_http.py
"""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse

SCHEDE = os.environ.get("SCHEDE", "build/schede")
SOURCES = os.environ.get("SCHEDE_SORGENTI", os.path.join(os.path.dirname(__file__), "..", ".."))
PLAN = os.path.join(SOURCES, "samples", "sarzana-2024-2026.json")

# user, role, persona, password
USERS = [
    ("segreteria", "amministratore", None, "segreteria-2024"),
    ("segretario", "dirigente", "Segretario generale", "segretario-2024"),
    ("pastorino", "dirigente", "Fulvio Pastorino", "pastorino-2024"),
    ("personale", "personale", None, "personale-2024"),
    ("oiv", "oiv", None, "oiv-valuta-2024"),
    ("bogo", "dipendente", "Alessandra Bogo", "bogo-bogo-2024"),
]
PASSWORD = {u[0]: u[3] for u in USERS}
SCRIPT = '<script>alert("x")</script>'


def run(*args, stdin=None, check=True):
    p = subprocess.run([SCHEDE, *args], input=stdin, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError("schede %s: %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def plan_json():
    with open(PLAN, encoding="utf-8") as f:
        return json.load(f)


def make_archive(folder, valutazioni=False):
    """An archive with the Sarzana plan (SG-01's description carrying a
    <script>, to see it escaped) and one user per role; no rilevazioni; with
    valutazioni, the sample SMVP and the valutazioni of 2024."""
    plan = plan_json()
    plan["obiettivi"][0]["descrizione"] += " " + SCRIPT
    path = os.path.join(folder, "piano.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False)
    db = os.path.join(folder, "ciclo.db")
    run("archivio", "crea", db, "--ente", "Comune di Sarzana")
    run("archivio", "importa", db, path, "--autore", "prova")
    if valutazioni:
        samples = os.path.join(SOURCES, "samples")
        run("archivio", "importa", db, os.path.join(samples, "sistema-smvp.json"),
            os.path.join(samples, "valutazioni-2024.csv"), "--anno", "2024", "--autore", "prova")
    for name, role, persona, password in USERS:
        args = ["archivio", "utente", db, "--aggiungi", name, "--ruolo", role]
        if persona:
            args += ["--persona", persona]
        run(*args, stdin=password + "\n")
    return db


def make_archive_mid_year(folder):
    """An archive in the middle of the 2024 cycle: make_archive with valutazioni, the sample rilevazioni of the year
    end and of the monitoring at 30/06/2024; SG-01 validated, SG-02 sent back with a reason, SG-03 waiting for the
    OIV; Alessandra Bogo's valutazione communicated."""
    db = make_archive(folder, valutazioni=True)
    samples = os.path.join(SOURCES, "samples")
    run("archivio", "importa", db, os.path.join(samples, "raggiunto-2024.csv"), "--anno", "2024")
    run("archivio", "importa", db, os.path.join(samples, "raggiunto-2024-06-30.csv"), "--al", "30/06/2024")
    for args in (["rilevazioni", "2024 SG-01", "invia"], ["rilevazioni", "2024 SG-01", "valida"],
                 ["rilevazioni", "2024 SG-02", "invia"],
                 ["rilevazioni", "2024 SG-02", "rimanda", "--motivo", "manca la data di pubblicazione"],
                 ["rilevazioni", "2024 SG-03", "invia"], ["valutazione", "2024 Alessandra Bogo", "comunica"]):
        run("archivio", "stato", db, *args)
    return db


def chromium(webdriver, service, width=1200):
    """Debian's Chromium, headless, in Italian, driven by chromedriver."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=%d,900" % width, "--lang=it-IT"]:
        opts.add_argument(a)
    return webdriver.Chrome(service=service(shutil.which("chromedriver")), options=opts)


class Server:
    """`schede web` on a free port, until stop()."""

    def __init__(self, db, log=None, anno="2024", https=False, extra=()):
        args = [SCHEDE, "web", db, "--porta", "0", "--anno", anno] + (["--https"] if https else []) + list(extra)
        if log:
            args += ["--log", log]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise AssertionError("il server non è partito: %r %s" % (line, self.proc.stderr.read()))
        self.port = int(m.group(1))
        self.first_line = line

    def rss_peak_mb(self):
        """The server's peak resident memory so far (VmHWM), in MB."""
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0

    def reset_peak(self):
        """VmHWM from now on (Linux: 5 written to clear_refs resets the peak)."""
        with open("/proc/%d/clear_refs" % self.proc.pid, "w") as f:
            f.write("5")

    def rss_mb(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, out, err


class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = {k.lower(): v for k, v in r.getheaders()}
        self.body = r.read()
        self.text = self.body.decode("utf-8", "replace")


class Client:
    """One browser: its cookie, its last page's csrf token."""

    def __init__(self, port, source="127.0.0.1"):
        self.port = port
        self.cookie = None
        self.csrf = None
        self.source = source  # the whole of 127/8 is loopback: another address, for the per-address defences

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60, source_address=(self.source, 0))
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = "schede_sessione=" + self.cookie
        c.request(method, path, body=body, headers=h)
        r = Response(c.getresponse())
        c.close()
        sc = r.headers.get("set-cookie")
        if sc:
            m = re.match(r"schede_sessione=([^;]*)", sc)
            self.cookie = m.group(1) or None
        m = re.search(r'name="csrf" value="([0-9a-f]*)"', r.text)
        if m:
            self.csrf = m.group(1)
        return r

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, csrf=True):
        data = dict(fields)
        if csrf and "csrf" not in data:
            data["csrf"] = self.csrf or ""
        return self.request("POST", path, urllib.parse.urlencode(data),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def step(self, path, fields):
        """A workflow's step as a person makes it: the form, then its confirmation page (200, the same fields with
        conferma=1), then the step. Returns the last answer: 303, or the form's errors (422) or a refusal."""
        r = self.post(path, fields)
        if r.status != 200:
            return r
        assert 'name="conferma" value="1"' in r.text, r.text[:500]
        return self.post(path, dict(fields, conferma="1"))

    def upload(self, name, data, path="/piano"):
        """A file as a browser sends it (multipart/form-data), with the page's csrf."""
        boundary = "schedeconfine"
        body = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
                "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (boundary, self.csrf, boundary, name)).encode() + \
            data + ("\r\n--%s--\r\n" % boundary).encode()
        return self.request("POST", path, body, {"Content-Type": "multipart/form-data; boundary=" + boundary})

    def carica(self, name, data, rimuovi=()):
        """An upload of the SMVP or of valutazioni as the ufficio personale makes it: the file, the page of its
        differences (200, with the hidden field caricamento), then its confirmation, first with the persons to
        remove (the differences shown again), then as shown. Returns the last answer: 303, or a refusal (422)."""
        r = self.upload(name, data, "/valutazioni")
        if r.status != 200:
            return r
        fields = [("caricamento", self.token_caricamento(r)), ("conferma", "1")] + [("rimuovi", n) for n in rimuovi]
        if rimuovi:
            r = self.post_pairs("/valutazioni/conferma", fields)
            if r.status != 200:
                return r
            assert "Le differenze tengono conto delle persone da togliere" in r.text, r.text[:800]
        return self.post_pairs("/valutazioni/conferma", fields)

    @staticmethod
    def token_caricamento(r):
        m = re.search(r'name="caricamento" value="([0-9a-f]{32})"', r.text)
        assert m, r.text[:800]
        return m.group(1)

    def post_pairs(self, path, pairs):
        """A POST whose fields may repeat (checkboxes of the same name)."""
        return self.request("POST", path, urllib.parse.urlencode([("csrf", self.csrf or "")] + list(pairs)),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def login(self, user, password=None):
        self.get("/accesso")
        r = self.post("/accesso", {"utente": user, "password": password or PASSWORD[user]})
        if r.status == 303:
            self.get("/")
        return r


def storia(db, *args):
    return run("archivio", "storia", db, *args, "--formato", "csv").stdout


class Scratch:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="schede-web-")

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)
