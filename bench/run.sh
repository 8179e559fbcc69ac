#!/usr/bin/env bash
# Benchmarks of schede (not part of CI). Builds Release in build/, makes
# synthetic plans from the Sarzana sample, and reports for each size the
# median wall time of RUNS runs of `schede stampa --solo schede` (start-up
# included), the peak RSS (GNU time) and the size of schede.pdf; then the
# same for persone.pdf and relazione.pdf of the sample with its example results.
#   bench/run.sh [RUNS]        (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
work=bench/out
mkdir -p "$work"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEDE_SANITIZE=OFF -DSCHEDE_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

bench_plan() { # name plan document [extra arguments]
  local name=$1 plan=$2 doc=$3 times=() rss
  shift 3
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    build/schede stampa "$plan" --solo "$doc" --out "$work/$name" "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  rss=$(/usr/bin/time -f %M build/schede stampa "$plan" --solo "$doc" --out "$work/$name" "$@" 2>&1 >/dev/null | tail -1)
  local size pages
  size=$(stat -c %s "$work/$name/$doc.pdf")
  pages=$(pdfinfo "$work/$name/$doc.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  printf '%-14s %8s ms %10s KB %10s KB %7s pagine   (tempi: %s)\n' "$name" \
    "$(printf '%s\n' "${times[@]}" | median)" "$rss" "$((size / 1024))" "$pages" "${times[*]}"
}

cc -O2 -o "$work/genplan" bench/genplan.c $(pkg-config --cflags --libs libcjson)
echo "schede stampa, mediana di $RUNS esecuzioni; $(nproc) core; $(date -u +%Y-%m-%d)"
printf '%-14s %11s %13s %13s %14s\n' "piano" "tempo" "RSS massimo" "PDF" ""
echo "schede.pdf"
bench_plan sarzana-38 samples/sarzana-2024-2026.json schede
for n in 100 1000 2000; do
  "$work/genplan" samples/sarzana-2024-2026.json "$n" > "$work/piano-$n.json"
  bench_plan "sintetico-$n" "$work/piano-$n.json" schede
done
echo "persone.pdf (con le rilevazioni 2024 di esempio)"
bench_plan persone-sarzana samples/sarzana-2024-2026.json persone --raggiunto samples/raggiunto-2024.csv --anno 2024
echo "relazione.pdf (con le rilevazioni 2024 di esempio)"
bench_plan relazione-sarzana samples/sarzana-2024-2026.json relazione --raggiunto samples/raggiunto-2024.csv --anno 2024
