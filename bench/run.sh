#!/usr/bin/env bash
# Benchmarks of schede (not part of CI). Builds Release in build/, makes
# synthetic plans with their achievement data from the Sarzana sample
# (bench/genplan.c), and reports for each plan and each document the median
# wall time of RUNS runs of `schede stampa --solo DOC` (start-up included),
# the peak RSS (GNU time), the size of the PDF and the growth of the time
# from one size to the next (time ratio / size ratio: 1 is linear); then the
# whole sample in one run; the cost of PDF/A; then the comparison with WeasyPrint on the same
# schede as HTML (bench/htmlplan.c), when weasyprint is installed.
#   bench/run.sh [RUNS] [SIZES]     (default 5, "10 100 1000 5000")
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
SIZES=${2:-10 100 1000 5000}
work=bench/out
mkdir -p "$work"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEDE_SANITIZE=OFF -DSCHEDE_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
cc -O2 -o "$work/genplan" bench/genplan.c $(pkg-config --cflags --libs libcjson)
cc -O2 -o "$work/htmlplan" bench/htmlplan.c $(pkg-config --cflags --libs libcjson)

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# Median milliseconds of RUNS runs of a command.
time_ms() { # runs command...
  local runs=$1 t0 t1
  shift
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | median
}

declare -A last_ms last_n
bench_doc() { # label n plan results doc
  local label=$1 n=$2 plan=$3 results=$4 doc=$5 out=$work/out-$1
  local cmd=(build/schede stampa "$plan" --solo "$doc" --raggiunto "$results" --anno 2024 --out "$out")
  local ms rss size pages growth=""
  ms=$(time_ms "$RUNS" "${cmd[@]}")
  rss=$(/usr/bin/time -f %M "${cmd[@]}" 2>&1 >/dev/null | tail -1)
  size=$(stat -c %s "$out/$doc.pdf")
  pages=$(pdfinfo "$out/$doc.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  if [ -n "${last_ms[$doc]:-}" ] && [ "$n" -gt "${last_n[$doc]}" ]; then
    growth=$(awk -v a="$ms" -v b="${last_ms[$doc]}" -v m="$n" -v k="${last_n[$doc]}" \
      'BEGIN {printf "%.2f", (a / b) / (m / k)}')
  fi
  last_ms[$doc]=$ms
  last_n[$doc]=$n
  printf '%-16s %-10s %9s ms %9s KB %9s KB %7s pagine  %s\n' "$label" "$doc.pdf" "$ms" "$rss" \
    "$((size / 1024))" "$pages" "${growth:+crescita $growth}"
}

echo "schede stampa --solo DOC, mediana di $RUNS esecuzioni; $(nproc) core; $(date -u +%Y-%m-%d)"
printf '%-16s %-10s %12s %12s %12s %14s\n' "piano" "documento" "tempo" "RSS massimo" "PDF" ""
for doc in schede persone relazione; do
  bench_doc sarzana-38 38 samples/sarzana-2024-2026.json samples/raggiunto-2024.json "$doc"
done
for n in $SIZES; do
  "$work/genplan" samples/sarzana-2024-2026.json "$n" samples/raggiunto-2024.json "$work/raggiunto-$n.json" \
    > "$work/piano-$n.json"
done
for doc in schede persone relazione; do
  unset "last_ms[$doc]"
  for n in $SIZES; do
    bench_doc "sintetico-$n" "$n" "$work/piano-$n.json" "$work/raggiunto-$n.json" "$doc"
  done
done

echo
echo "l'esempio intero in una esecuzione (schede + persone + relazione)"
ms=$(time_ms "$RUNS" build/schede stampa samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.json \
  --anno 2024 --out "$work/out-tutto")
echo "sarzana-38: $ms ms (mediana di $RUNS)"

echo
echo "il costo del PDF/A (i PDF sono sempre etichettati): stesso documento con e senza"
for n in 38 1000; do
  plan=samples/sarzana-2024-2026.json results=samples/raggiunto-2024.json
  [ "$n" = 38 ] || { plan=$work/piano-$n.json; results=$work/raggiunto-$n.json; }
  [ -f "$plan" ] || continue
  for doc in schede relazione; do
    base=(build/schede stampa "$plan" --solo "$doc" --raggiunto "$results" --anno 2024)
    without=$(time_ms "$RUNS" "${base[@]}" --senza-pdfa --out "$work/pdfa-no")
    with=$(time_ms "$RUNS" "${base[@]}" --pdfa --out "$work/pdfa-si")
    printf '%-16s %-10s senza PDF/A %7s ms %7s KB   PDF/A %7s ms %7s KB
' "piano-$n" "$doc.pdf" "$without" \
      "$(( $(stat -c %s "$work/pdfa-no/$doc.pdf") / 1024 ))" "$with" "$(( $(stat -c %s "$work/pdfa-si/$doc.pdf") / 1024 ))"
  done
done

echo
if ! command -v weasyprint >/dev/null; then
  echo "WeasyPrint non installato (apt-get install weasyprint): confronto saltato"
  exit 0
fi
echo "confronto con WeasyPrint $(weasyprint --version 2>/dev/null | awk '{print $NF}') sulle stesse schede in HTML"
compare() { # label plan runs_weasy
  local label=$1 plan=$2 wruns=$3
  "$work/htmlplan" "$plan" > "$work/$label.html"
  local ours theirs pages
  ours=$(time_ms "$RUNS" build/schede stampa "$plan" --solo schede --out "$work/cmp-$label")
  theirs=$(time_ms "$wruns" weasyprint "$work/$label.html" "$work/$label-weasyprint.pdf")
  pages=$(pdfinfo "$work/$label-weasyprint.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  printf '%-16s schede %7s ms   WeasyPrint %9s ms (%s pagine)   rapporto %s×\n' "$label" "$ours" "$theirs" \
    "$pages" "$(awk -v a="$theirs" -v b="$ours" 'BEGIN {printf "%.0f", a / b}')"
}
compare sarzana-38 samples/sarzana-2024-2026.json 3
compare sintetico-1000 "$work/piano-1000.json" 1
