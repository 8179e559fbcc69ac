#!/usr/bin/env bash
# archivio_pg.sh SCHEDE SORGENTI — the archive on PostgreSQL, against a real
# server started here in a temporary folder (initdb + pg_ctl, a socket in
# that folder, no TCP) and stopped at the end: documents byte-identical to
# those from the files, the registro of a second version, bad input leaving
# it unchanged, the triggers, two enti in one database kept apart, a locked
# archive, two writers at once, writers killed mid-import. Exit 77 (ctest:
# skipped) when the server's programs are not installed.
set -euo pipefail
exe=$1 src=$2
bindir=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bindir/initdb" ] || bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || ! command -v psql >/dev/null; then
  echo "archivio_pg: PostgreSQL (initdb, pg_ctl, psql) non installato: prova saltata"
  exit 77
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/schede-pg.XXXXXX")
# initdb refuses to run as root: the server runs as postgres, then
as=()
if [ "$(id -u)" -eq 0 ]; then
  as=(runuser -u postgres --)
  chmod 755 "$T"
  mkdir "$T/pg" && chown postgres "$T/pg"
else
  mkdir "$T/pg"
fi
stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$T/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap stop EXIT
"${as[@]}" "$bindir/initdb" -D "$T/pg/data" -A trust -U schede --no-sync -E UTF8 --locale=C >"$T/initdb.log" 2>&1 ||
  { cat "$T/initdb.log"; exit 1; }
"${as[@]}" "$bindir/pg_ctl" -D "$T/pg/data" -w -l "$T/pg/log" \
  -o "-k $T/pg -c listen_addresses='' -c fsync=off" start >/dev/null
db() { "${as[@]}" "$bindir/createdb" -h "$T/pg" -U schede "$1"; echo "postgresql:///$1?host=$T/pg&user=schede"; }
sql() { psql -X -q -h "$T/pg" -U schede -d "$1" -v ON_ERROR_STOP=1 -c "$2"; }
fail() { echo "archivio_pg: $*" >&2; exit 1; }
run() { "$exe" "$@"; }
cd "$src"
export SOURCE_DATE_EPOCH=1700000000
P=samples/sarzana-2024-2026.json V=samples/sarzana-2024-2026-variazione.json
R=samples/raggiunto-2024.csv M=samples/raggiunto-2024-06-30.csv S=samples/sistema-smvp.json Q=samples/valutazioni-2024.csv

# documents from the archive are those from the files
A=$(db sarzana)
run archivio crea "$A" --ente "Comune di Sarzana" >/dev/null
run archivio importa "$A" $P $R $S $Q --anno 2024 --autore "M. Rossi" >/dev/null 2>&1
run archivio importa "$A" $M --al 30/06/2024 >/dev/null 2>&1
# not approved yet: the documents say so (the version rule, on PostgreSQL too)
run stampa --archivio "$A" --anno 2024 --solo schede --out "$T/bozza" >/dev/null 2>&1
pdftotext -l 1 "$T/bozza/schede.pdf" - | grep -q "Bozza: versione 1 del piano, non approvata dalla Giunta" ||
  fail "il piano non approvato non è detto nel documento"
run archivio approva "$A" --versione 1 --giunta 30/01/2024 >/dev/null
# the ente's profile of forms, kept in the archive (schema version 3)
run archivio profilo "$A" | grep -q "profilo sarzana" || fail "il profilo dell'ente"
run archivio profilo "$A" generico >/dev/null && run archivio profilo "$A" sarzana >/dev/null || fail "il cambio di profilo"
run archivio storia "$A" | grep 'profilo  ente: profilo "generico" → "sarzana"' >/dev/null || fail "il cambio di profilo nel registro"
run stampa $P --raggiunto $R --anno 2024 --sistema $S --valutazioni $Q --dati-aperti --out "$T/file" >/dev/null 2>&1
run stampa --archivio "$A" --anno 2024 --dati-aperti --out "$T/arch" >/dev/null 2>&1
for f in schede.pdf relazione.pdf relazione.csv premi.pdf premi.csv; do # persone: only the archive's prese visione
  cmp "$T/file/$f" "$T/arch/$f" || fail "$f dall'archivio è diverso da quello dai file"
done
run stampa $P --raggiunto $M --al 30/06/2024 --out "$T/file-al" >/dev/null 2>&1
run stampa --archivio "$A" --al 30/06/2024 --out "$T/arch-al" >/dev/null 2>&1
for f in schede.pdf monitoraggio.pdf; do
  cmp "$T/file-al/$f" "$T/arch-al/$f" || fail "$f del monitoraggio dall'archivio è diverso"
done

# a second version: as many registro rows as confronta finds fields, and confronta --versioni equals the files'
run archivio importa "$A" $V --autore Giunta --motivo "Delibera n. 112" >/dev/null 2>&1
run archivio storia "$A" DEMO-03 >"$T/demo.txt"
grep -qF 'Giunta  importa piano  versione 2  DEMO-03: annualità 2024, azione 1: peso "40" → "60"  (motivo: Delibera n. 112)' "$T/demo.txt" ||
  fail "la storia non ha il peso 40 → 60 di DEMO-03"
fields=$(run confronta $P $V 2>/dev/null | grep -o '"campo"' | wc -l)
rows=$(run archivio storia "$A" --formato csv | grep -c '^"[^"]*";"Giunta";"importa piano";"obiettivi";"versione 2";"[^"]*";"[^"]*"')
[ "$fields" -gt 10 ] && [ "$rows" -eq "$fields" ] || fail "righe del registro $rows, campi di confronta $fields"
cmp <(run confronta --archivio "$A" --versioni 1 2 2>/dev/null) <(run confronta $P $V 2>/dev/null) ||
  fail "confronta --versioni diverso da confronta dei file"

# bad input changes nothing
snapshot() { run archivio storia "$A" | sha256sum; sql sarzana "SELECT count(*) FROM rilevazioni" ; }
before=$(snapshot)
if run archivio importa "$A" $V tests/fixtures/errori.json >"$T/err.txt" 2>&1; then fail "un piano con errori importato"; fi
grep -q "nessuna modifica" "$T/err.txt" || fail "manca «nessuna modifica»: $(cat "$T/err.txt")"
printf 'obiettivo;azione;percentuale\nXX-99;1;50\n' >"$T/ignoto.csv"
if run archivio importa "$A" "$T/ignoto.csv" --anno 2024 >"$T/err.txt" 2>&1; then fail "un codice ignoto importato"; fi
grep -q "nessun obiettivo del piano ha il codice «XX-99»" "$T/err.txt" || fail "$(cat "$T/err.txt")"
[ "$(snapshot)" = "$before" ] || fail "l'archivio è cambiato"
# not an archive
E=$(db vuoto)
if run archivio storia "$E" >"$T/err.txt" 2>&1; then fail "un database vuoto letto come archivio"; fi
grep -q "non è un archivio di schede" "$T/err.txt" || fail "$(cat "$T/err.txt")"

# the triggers refuse UPDATE, DELETE and TRUNCATE of the registro
for q in "UPDATE registro SET chi = 'x'" "DELETE FROM registro" "TRUNCATE registro"; do
  if sql sarzana "$q" >"$T/err.txt" 2>&1; then fail "$q accettato"; fi
  grep -q "il registro delle modifiche non si" "$T/err.txt" || fail "$q: $(cat "$T/err.txt")"
done
run archivio controlla "$A" >"$T/c.txt" || fail "controlla: $(cat "$T/c.txt")"
grep -q "archivio integro; 2 versioni del piano; registro completo" "$T/c.txt" || fail "controlla: $(cat "$T/c.txt")"

# two enti in one database, each seeing only its own
run archivio crea "$A" --ente "Comune di Prova" >/dev/null
if run archivio storia "$A" >"$T/err.txt" 2>&1; then fail "più enti senza SCHEDE_ENTE"; fi
grep -q "l'archivio ha più enti: indicare quale con la variabile SCHEDE_ENTE" "$T/err.txt" || fail "$(cat "$T/err.txt")"
SCHEDE_ENTE="Comune di Prova" run archivio importa "$A" tests/fixtures/solo-indicatori/piano.json >/dev/null 2>&1
[ "$(SCHEDE_ENTE="Comune di Prova" run archivio storia "$A" | grep -c 'Sarzana\|SG-01')" -eq 0 ] ||
  fail "l'ente di prova vede le righe di Sarzana"
SCHEDE_ENTE="Comune di Sarzana" run archivio controlla "$A" >/dev/null || fail "Sarzana dopo il secondo ente"
SCHEDE_ENTE="Comune di Prova" run archivio controlla "$A" >/dev/null || fail "l'ente di prova"
if run archivio crea "$A" --ente "Comune di Prova" >"$T/err.txt" 2>&1; then fail "un ente creato due volte"; fi
grep -q "ha già il suo archivio" "$T/err.txt" || fail "$(cat "$T/err.txt")"

# a locked archive: an error, and nothing changed
B=$(db blocco)
run archivio crea "$B" --ente Prova >/dev/null
run archivio importa "$B" $V >/dev/null 2>&1
psql -X -q -h "$T/pg" -U schede -d blocco -c "BEGIN; LOCK TABLE registro IN EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT;" \
  >/dev/null 2>&1 &
holder=$!
sleep 0.5
if SCHEDE_ARCHIVIO_ATTESA_MS=200 run archivio importa "$B" $P >"$T/err.txt" 2>&1; then fail "import in un archivio bloccato"; fi
grep -q "l'archivio è occupato da un'altra scrittura" "$T/err.txt" || fail "$(cat "$T/err.txt")"
wait $holder
run archivio storia "$B" >"$T/b.txt"
if grep -q "versione 2" "$T/b.txt"; then fail "una versione 2 nell'archivio bloccato"; fi

# two writers at once both succeed; writers killed mid-import leave every import they reported
C=$(db concorrenti)
run archivio crea "$C" --ente Prova >/dev/null
run archivio importa "$C" $P >/dev/null 2>&1
"$exe" archivio importa "$C" $R --anno 2024 >"$T/1.txt" 2>&1 & a=$!
"$exe" archivio importa "$C" $M --al 30/06/2024 >"$T/2.txt" 2>&1 & b=$!
wait $a && wait $b || fail "due scritture insieme: $(cat "$T/1.txt" "$T/2.txt")"
for i in $(seq 1 12); do
  if [ $((i % 2)) -eq 0 ]; then f=$P; else f=$V; fi
  "$exe" archivio importa "$C" $f >"$T/k-$i.txt" 2>&1 & pid=$! # the program itself, not a subshell, gets the kill
  sleep 0.0$(((i * 37) % 9 + 1)); kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
done
run archivio controlla "$C" >/dev/null || fail "controlla dopo kill -9: $(run archivio controlla "$C")"
run archivio storia "$C" >"$T/storia.txt"
for n in $(cat "$T"/k-*.txt | grep -o 'piano, versione [0-9]*' | grep -o '[0-9]*$'); do
  grep -q "importa piano  versione $n " "$T/storia.txt" || { cat "$T"/k-*.txt >&2; fail "la versione $n riportata non c'è"; }
done
# schede web on PostgreSQL (schema version 2: users, workflow states): a dirigente logs in, enters
# a rilevazione and sends it; the OIV validates it; all of it in the registro
W=$(db web)
run archivio crea "$W" --ente "Comune di Sarzana" >/dev/null
run archivio importa "$W" $P >/dev/null 2>&1
printf 'segretario-2024\n' | run archivio utente "$W" --aggiungi segretario --ruolo dirigente --persona "Segretario generale" >/dev/null
printf 'oiv-valuta-2024\n' | run archivio utente "$W" --aggiungi oiv --ruolo oiv >/dev/null
printf 'segreteria-2024\n' | run archivio utente "$W" --aggiungi segreteria --ruolo amministratore >/dev/null
SCHEDE="$exe" SCHEDE_SORGENTI=. WEB_ARCHIVIO="$W" /usr/bin/python3 - <<'PY' || fail "schede web su PostgreSQL"
import os, sys
sys.path.insert(0, "tests/web")
import webtest as w
s = w.Server(os.environ["WEB_ARCHIVIO"])
d, o = w.Client(s.port), w.Client(s.port)
assert d.login("segretario").status == 303
d.get("/obiettivi/SG-01")
r = d.post("/obiettivi/SG-01/rilevazioni", {"azione": "1", "data": "20/01/2025"})
assert r.status == 303, r.text
assert 'id="risultato">70 %' in d.get("/obiettivi/SG-01").text  # 20 days late: 70 %, the only action reported
assert d.step("/obiettivi/SG-01/invio", {}).status == 303
assert o.login("oiv").status == 303
o.get("/obiettivi/SG-01")
assert o.step("/obiettivi/SG-01/validazione", {"azione": "valida"}).status == 303
assert d.get("/obiettivi/STAMPA-01").status == 403
# the Segreteria sets the year end's termine; past it, the dirigente's home says so
g = w.Client(s.port)
assert g.login("segreteria").status == 303
assert g.post("/raccolta", {"periodo": "", "termine": "31/01/2025"}).status == 303
assert "termine per le rilevazioni il 31/01/2025" in g.get("/").text
assert "entro il 31/01/2025 (passato)" in d.get("/").text
rc, out, err = s.stop()
assert rc == 0, err
PY
storia=$(run archivio storia "$W" SG-01 --formato csv)
grep -q '"segretario";"stato";"stati";"2024 SG-01"' <<<"$storia" || fail "il registro su PostgreSQL: $storia"
grep -q '"oiv";"stato";"stati";"2024 SG-01";"SG-01";"rilevazioni";"""inviata""";"""validata"""' <<<"$storia" ||
  fail "la validazione nel registro su PostgreSQL: $storia"
grep -q '"segreteria";"termine";"raccolte";"2024"' <<<"$(run archivio storia "$W" --formato csv)" ||
  fail "il termine della raccolta nel registro su PostgreSQL"
run archivio controlla "$W" >/dev/null || fail "controlla dopo schede web: $(run archivio controlla "$W")"

# an archive of schema version 3 (valutazioni kept as whole files) is brought to version 4 at its first write: the
# year's last file, one row per person, giving the counts of the file
O=$(db vecchio)
awk '/^-- @versione 4/{exit} {print}' src/archivio/schema/postgresql.sql >"$T/v3.sql"
psql -X -q -h "$T/pg" -U schede -d vecchio -v ON_ERROR_STOP=1 -f "$T/v3.sql" >/dev/null
for f in $P $S $Q; do cp "$f" "$T/"; done
chmod a+r "$T"/*.json "$T"/*.csv
sql vecchio "UPDATE schema_versione SET versione = 3;
INSERT INTO enti (nome, creato) VALUES ('Comune di Sarzana', '2025-01-01T00:00:00Z');
INSERT INTO versioni (ente, numero, importato, autore, file, contenuto)
  VALUES (1, 1, '2025-01-01T00:00:00Z', 'prova', '$P', pg_read_binary_file('$T/$(basename $P)'));
INSERT INTO sistemi (ente, importato, autore, file, contenuto)
  VALUES (1, '2025-01-01T00:00:00Z', 'prova', '$S', pg_read_binary_file('$T/$(basename $S)'));
INSERT INTO valutazioni (ente, anno, importato, autore, file, contenuto)
  VALUES (1, 2024, '2025-01-01T00:00:00Z', 'prova', '$Q', pg_read_binary_file('$T/$(basename $Q)'));" >/dev/null
run archivio importa "$O" $R --anno 2024 >/dev/null 2>&1 || fail "l'aggiornamento dell'archivio alla versione 4"
run verifica --archivio "$O" --anno 2024 2>&1 | grep "(valutazioni del 2024): 48 persone valutate, 47 con punteggio finale, 1 incompleta" >/dev/null ||
  fail "le valutazioni portate in righe: $(run verifica --archivio "$O" --anno 2024 2>&1 | tail -3)"

# Hosted use: two `schede web` processes on one PostgreSQL database behind a real nginx (Debian's, started here on
# loopback with both as upstreams). A user logs in through nginx; requests alternate between the two; a rilevazione
# saved through one is on the other's page; one process is killed with SIGKILL and the user carries on through the
# other with nothing lost.
if ! command -v nginx >/dev/null; then
  echo "archivio_pg: nginx non installato: la parte «due processi dietro nginx» è saltata"
  exit 77
fi
H=$(db ospitato)
run archivio crea "$H" --ente "Comune di Sarzana" >/dev/null
run archivio importa "$H" $P >/dev/null 2>&1
printf 'segretario-2024\n' | run archivio utente "$H" --aggiungi segretario --ruolo dirigente --persona "Segretario generale" >/dev/null
mkdir -p "$T/nginx/logs"
SCHEDE="$exe" SCHEDE_SORGENTI=. WEB_ARCHIVIO="$H" NGINX_DIR="$T/nginx" /usr/bin/python3 - <<'PY' || fail "due processi dietro nginx"
import os, re, signal, socket, subprocess, sys, time
sys.path.insert(0, "tests/web")
import webtest as w
folder = os.environ["NGINX_DIR"]
logs = [os.path.join(folder, "a.log"), os.path.join(folder, "b.log")]
servers = [w.Server(os.environ["WEB_ARCHIVIO"], log=logs[i], extra=["--proxy-fidato", "127.0.0.1"]) for i in range(2)]
with socket.socket() as probe:  # a free port for nginx
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
conf = os.path.join(folder, "nginx.conf")
with open(conf, "w") as f:
    f.write("""daemon off;
worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(d)s/logs/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %(d)s/body;
    proxy_temp_path %(d)s/proxy;
    fastcgi_temp_path %(d)s/fastcgi;
    uwsgi_temp_path %(d)s/uwsgi;
    scgi_temp_path %(d)s/scgi;
    upstream schede { server 127.0.0.1:%(a)d max_fails=1 fail_timeout=60s; server 127.0.0.1:%(b)d max_fails=1 fail_timeout=60s; }
    server {
        listen 127.0.0.1:%(port)d;
        client_max_body_size 20m;
        location / {
            proxy_pass http://schede;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_next_upstream error timeout non_idempotent;
        }
    }
}
""" % {"d": folder, "a": servers[0].port, "b": servers[1].port, "port": port})
nginx = subprocess.Popen(["nginx", "-p", folder, "-c", conf], stderr=subprocess.PIPE)
try:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    c = w.Client(port, source="127.0.0.5")
    assert c.login("segretario").status == 303
    for _ in range(6):
        assert c.get("/").status == 200
    def served(i):
        with open(logs[i]) as f:
            return sum(1 for line in f if " GET / 200 " in line)
    assert served(0) > 0 and served(1) > 0, (served(0), served(1))  # requests alternate between the two
    c.get("/obiettivi/SG-01")
    r = c.post("/obiettivi/SG-01/rilevazioni", {"azione": "1", "data": "20/01/2025"})
    assert r.status == 303, r.status
    for _ in range(2):  # on both processes' pages, whichever answers
        assert "20/01/2025" in c.get("/obiettivi/SG-01").text
    servers[0].proc.send_signal(signal.SIGKILL)
    servers[0].proc.wait()
    for _ in range(4):  # the user carries on through the other, still logged in
        assert c.get("/").status == 200
    c.get("/obiettivi/SG-01")
    r = c.post("/obiettivi/SG-01/rilevazioni", {"azione": "2", "data": "15/12/2024"})
    assert r.status in (303, 422), r.status  # answered by the living one (422: the data's own rule, not a failure)
    page = c.get("/obiettivi/SG-01").text
    assert "20/01/2025" in page, "nothing lost"
    with open(logs[1]) as f:  # the client's address as nginx forwarded it, not nginx's own
        assert all(line.split()[1] == "127.0.0.5" for line in f)
finally:
    nginx.terminate()
    nginx.wait()
    rc, out, err = servers[1].stop()
    assert rc == 0, err
print("due processi dietro nginx: sessione condivisa, rilevazione vista da entrambi, uno ucciso senza perdere nulla")
PY

echo "archivio_pg: $(psql --version): tutto come con SQLite"
