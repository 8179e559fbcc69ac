#!/usr/bin/env bash
# The archive's speed (not part of CI): median wall time of RUNS runs, in
# milliseconds, start-up included, Release build in build/.
#   - archivio importa of the Sarzana plan into a new archive;
#   - stampa --archivio against stampa from the files (schede.pdf);
#   - archivio importa of a synthetic plan of 1,000 objectives (bench/genplan.c);
#   - archivio storia with 100,000 rows in the registro: all of them, and one
#     objective's (the index), written to /dev/null.
#   bench/archivio.sh [RUNS]     (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
work=bench/out/archivio
rm -rf "$work"
mkdir -p "$work"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEDE_SANITIZE=OFF -DSCHEDE_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
cc -O2 -o "$work/genplan" bench/genplan.c $(pkg-config --cflags --libs libcjson)
S=build/schede

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# Median milliseconds of RUNS runs; before each, the shell code in $PREPARE.
time_ms() {
  local t0 t1
  for _ in $(seq "$RUNS"); do
    eval "${PREPARE:-:}"
    t0=${EPOCHREALTIME/[.,]/}   # microseconds, without a process of its own
    "$@" >/dev/null 2>&1
    t1=${EPOCHREALTIME/[.,]/}
    echo $((t1 - t0))
  done | median | awk '{printf "%.1f", $1 / 1000}'
}

echo "bench/archivio.sh: mediana di $RUNS esecuzioni, in millisecondi; $(nproc) core; $(date -u +%Y-%m-%d)"
PREPARE="rm -f $work/a.db* && $S archivio crea $work/a.db --ente Prova >/dev/null"
echo "importa il piano di Sarzana (38 obiettivi):       $(time_ms $S archivio importa $work/a.db samples/sarzana-2024-2026.json) ms"
PREPARE=
$S archivio importa $work/a.db samples/raggiunto-2024.json --anno 2024 >/dev/null 2>&1
files=$(time_ms $S stampa samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.json --anno 2024 --solo schede --out "$work/f")
arch=$(time_ms $S stampa --archivio "$work/a.db" --anno 2024 --solo schede --out "$work/g")
echo "stampa --solo schede dai file:                    $files ms"
echo "stampa --solo schede --archivio:                  $arch ms ($(awk -v a="$arch" -v f="$files" 'BEGIN {printf "%+.1f %%", (a / f - 1) * 100}'))"
"$work/genplan" samples/sarzana-2024-2026.json 1000 > "$work/piano-1000.json"
PREPARE="rm -f $work/m.db* && $S archivio crea $work/m.db --ente Prova >/dev/null"
echo "importa un piano di 1.000 obiettivi:              $(time_ms $S archivio importa $work/m.db $work/piano-1000.json) ms"
PREPARE=
# 100,000 rows in the registro: the Sarzana rilevazioni imported, then their rows copied under
# other codici (python3's sqlite3; the chain of the copies is not what is measured here)
python3 - "$work/a.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT COUNT(*) FROM registro").fetchone()[0]
db.execute("DROP TRIGGER registro_senza_modifiche")
rows = db.execute("SELECT ente, quando, chi, operazione, tabella, chiave, obiettivo, campo, prima, dopo, motivo, hash FROM registro").fetchall()
i = 0
while n < 100000:
    r = list(rows[i % len(rows)])
    r[6] = "X-%d" % (n // 10)
    db.execute("INSERT INTO registro (ente, quando, chi, operazione, tabella, chiave, obiettivo, campo, prima, dopo, motivo, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", r)
    n += 1
    i += 1
db.commit()
print("registro: %d righe" % db.execute("SELECT COUNT(*) FROM registro").fetchone()[0])
EOF
echo "storia di tutto il registro (100.000 righe):      $(time_ms $S archivio storia "$work/a.db") ms"
echo "storia di un obiettivo (SG-01):                   $(time_ms $S archivio storia "$work/a.db" SG-01) ms"
echo "storia di tutto, in JSON:                         $(time_ms $S archivio storia "$work/a.db" --formato json) ms"
