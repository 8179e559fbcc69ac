#!/usr/bin/env bash
# Instructions executed (valgrind --tool=callgrind), the measure of issue 16:
# stable from run to run on a shared machine, unlike times. For each case
# the count and the size of the PDF written. Not part of CI.
#   bench/instructions.sh [BUILD_DIR]     (default build/, compiled in Release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=bench/out/instructions
mkdir -p "$work"
if [ "$build" = build ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEDE_SANITIZE=OFF -DSCHEDE_TESTS=OFF >/dev/null
  cmake --build build -j"$(nproc)" >/dev/null
fi
cc -O2 -o "$work/genplan" bench/genplan.c $(pkg-config --cflags --libs libcjson)
"$work/genplan" samples/sarzana-2024-2026.json 1 > "$work/piano-1.json"

count() { # label doc command...
  local label=$1 doc=$2
  shift 2
  rm -rf "$work/out"
  local n
  n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" --out "$work/out" 2>&1 |
      awk '/Collected :/ {print $4}')
  printf '%-34s %14s istruzioni %10s byte\n' "$label" "$(printf "%'d" "$n")" "$(stat -c %s "$work/out/$doc.pdf")"
}

echo "valgrind --tool=callgrind, $build/schede, $(date -u +%Y-%m-%d)"
count "Sarzana schede.pdf" schede "$build/schede" stampa samples/sarzana-2024-2026.json --solo schede
count "Sarzana persone.pdf" persone "$build/schede" stampa samples/sarzana-2024-2026.json --solo persone \
  --raggiunto samples/raggiunto-2024.csv --anno 2024
count "Sarzana relazione.pdf (PDF/A)" relazione "$build/schede" stampa samples/sarzana-2024-2026.json \
  --solo relazione --raggiunto samples/raggiunto-2024.csv --anno 2024
count "un obiettivo, schede.pdf" schede "$build/schede" stampa "$work/piano-1.json" --solo schede
