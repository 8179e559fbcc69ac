#!/usr/bin/env bash
# The web interface's speed (not part of CI), Release build in build/, the
# times the server itself logs for each request (--log: milliseconds from
# the request read to the answer queued):
#   - the objective page, median and p99, under 50 sessions each posting 20
#     rilevazioni (each POST followed by the page it redirects to);
#   - one objective's scheda.pdf, on demand, median of RUNS;
#   - the whole Sarzana schede.pdf, median of RUNS;
#   - memory (VmRSS) of the idle server, after start and after the load;
#   - memory after 100 uploads of the Sarzana plan as a workbook (.xlsx),
#     against after the first: what a long-running server keeps of them
#     (target: at most 8 MB more).
#   - the pages that read the whole year (home pages with «Da fare», the
#     list of objectives filtered by state, the list of persons), median of
#     RUNS, as the client sees them, on a plan of 1,000 objectives
#     (bench/genplan.c) with its rilevazioni, SMVP and valutazioni, as each role.
#   bench/web.sh [RUNS]     (default 9)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-9}
work=bench/out/web
rm -rf "$work"
mkdir -p "$work"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEDE_SANITIZE=OFF -DSCHEDE_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
cc -O2 -o "$work/genplan" bench/genplan.c $(pkg-config --cflags --libs libcjson)
"$work/genplan" samples/sarzana-2024-2026.json 1000 samples/raggiunto-2024.json "$work/raggiunto-1000.json" \
  >"$work/piano-1000.json"
export SCHEDE=build/schede SCHEDE_SORGENTI=. WORK=$work RUNS
/usr/bin/python3 - <<'PY'
import os, re, statistics, sys, time
sys.path.insert(0, "tests/web")
import carico, webtest as w

work, runs = os.environ["WORK"], int(os.environ["RUNS"])
db = w.make_archive(work)
log = os.path.join(work, "accessi.log")
server = w.Server(db, log=log)

def rss():
    with open("/proc/%d/status" % server.proc.pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024

def times(pattern):
    with open(log) as f:
        return [float(m.group(1)) for line in f if (m := re.search(pattern + r" 200 \d+ ([\d.]+)ms$", line))]

def median(v):
    return statistics.median(v) if v else float("nan")

def p99(v):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * 0.99))] if v else float("nan")

idle = rss()
t0 = time.time()
threads, ok, errors = carico.carica(server.port, 50, 20)
carico.wait(threads)
wall = time.time() - t0
pages = times(r"GET /obiettivi/SG-0\d")
c = w.Client(server.port)
c.login("segreteria")
open(log, "a").close()
for _ in range(runs):
    c.get("/obiettivi/SG-01/scheda.pdf")
for _ in range(runs):
    c.get("/documenti/schede.pdf")
after = rss()
one, whole = times(r"GET /obiettivi/SG-01/scheda\.pdf"), times(r"GET /documenti/schede\.pdf")
xlsx = os.path.join(work, "piano.xlsx")
w.run("esporta", w.PLAN, xlsx)
with open(xlsx, "rb") as f:
    workbook = f.read()
c.get("/piano")
assert c.upload("piano.xlsx", workbook).status == 303  # the first: a new version, the allocator's arenas
before_uploads = rss()
for _ in range(100):
    c.get("/piano")
    assert c.upload("piano.xlsx", workbook).status == 303
after_uploads = rss()
server.stop()
import csv, io
notes = {r["dopo"].strip('"') for r in csv.DictReader(io.StringIO(w.storia(db)), delimiter=";") if r["campo"] == "nota"}
print("bench/web.sh: %d core; %s" % (os.cpu_count(), time.strftime("%Y-%m-%d")))
print("carico: 50 sessioni × 20 rilevazioni: %d confermate, %d nel registro, %d errori, %.1f s"
      % (len(ok), len(set(ok) & notes), len(errors), wall))
print("pagina dell'obiettivo sotto carico (%d richieste): mediana %.2f ms, p99 %.2f ms" % (len(pages), median(pages), p99(pages)))
print("scheda.pdf di un obiettivo (mediana di %d): %.1f ms" % (len(one), median(one)))
print("schede.pdf di tutto il piano (mediana di %d): %.1f ms" % (len(whole), median(whole)))
print("memoria del server: a riposo %.1f MB, dopo il carico %.1f MB" % (idle, after))
print("100 caricamenti del piano come .xlsx (%d KB): memoria %.1f MB dopo il primo, %.1f MB dopo i 100 (+%.1f MB)"
      % (len(workbook) // 1024, before_uploads, after_uploads, after_uploads - before_uploads))

# the pages that read the whole year, on 1,000 objectives
big = os.path.join(work, "grande")
os.makedirs(big)
db = os.path.join(big, "ciclo.db")
w.run("archivio", "crea", db, "--ente", "Comune grande")
w.run("archivio", "importa", db, os.path.join(work, "piano-1000.json"), os.path.join(work, "raggiunto-1000.json"),
      "samples/sistema-smvp.json", "samples/valutazioni-2024.csv", "--anno", "2024")
for name, role, persona, password in w.USERS:
    w.run("archivio", "utente", db, "--aggiungi", name, "--ruolo", role, *(["--persona", persona] if persona else []),
          stdin=password + "\n")
server = w.Server(db)
pages = [("segreteria", "/"), ("segretario", "/"), ("oiv", "/"), ("personale", "/"), ("oiv", "/obiettivi?stato=aperta"),
         ("segreteria", "/obiettivi"), ("segreteria", "/obiettivi?pagina=20"), ("personale", "/persone")]
print("piano di 1.000 obiettivi, con rilevazioni e valutazioni: tempo di risposta visto dal client (mediana di %d)" % runs)
for user, path in pages:
    c = w.Client(server.port)
    c.login(user)
    v = []
    for _ in range(runs):
        t = time.perf_counter()
        r = c.get(path)
        assert r.status == 200
        v.append((time.perf_counter() - t) * 1000)
    print("  %-10s %-26s %.1f ms, %.0f KB" % (user, path, median(v), len(r.body) / 1024))
# a page while another user downloads the whole schede.pdf (1,000 objectives)
import threading
s, d = w.Client(server.port), w.Client(server.port)
s.login("segreteria")
d.login("segretario")
made = {}
def whole():
    t = time.perf_counter()
    r = s.get("/documenti/schede.pdf")
    made["ms"], made["kb"] = (time.perf_counter() - t) * 1000, len(r.body) / 1024
th = threading.Thread(target=whole)
th.start()
time.sleep(0.1)
waits = []
while th.is_alive():
    t = time.perf_counter()
    assert d.get("/obiettivi").status == 200
    waits.append((time.perf_counter() - t) * 1000)
    time.sleep(0.02)
th.join()
print("  schede.pdf di 1.000 obiettivi: %.0f ms, %.0f KB; intanto %d pagine di un altro utente, mediana %.1f ms, "
      "la più lenta %.1f ms" % (made["ms"], made["kb"], len(waits), median(waits), max(waits)))
server.stop()
PY
