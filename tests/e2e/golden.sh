#!/usr/bin/env bash
# golden.sh SCHEDE SORGENTI [--aggiorna] — the documents of the samples,
# byte for byte. Renders every sample document (and one indicators-only plan)
# into a temporary folder with a fixed SOURCE_DATE_EPOCH and compares the
# SHA-256 of each file with tests/golden/documenti.sha256. A difference names
# the files; when a change of the output is intended, --aggiorna rewrites the
# list (and the commit says why the documents changed).
set -euo pipefail
trap 'echo "golden: comando non riuscito (riga $LINENO): $BASH_COMMAND" >&2; cat "$work/messaggi.txt" >&2 2>/dev/null' ERR
exe=$1 src=$2 update=${3:-}
list="$src/tests/golden/documenti.sha256"
work=$(mktemp -d "${TMPDIR:-/tmp}/schede-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8
cd "$src"
piano=samples/sarzana-2024-2026.json
# every command's messages (avvisi) are part of the output: kept in messaggi.txt
run() { "$exe" "$@" >/dev/null 2>>"$work/messaggi.txt"; }
quiet() { "$exe" "$@" 2>>"$work/messaggi.txt"; }
run stampa $piano --raggiunto samples/raggiunto-2024.csv --anno 2024 --out "$work/anno" --dati-aperti \
  --sistema samples/sistema-smvp.json --valutazioni samples/valutazioni-2024.csv
run stampa $piano --raggiunto samples/raggiunto-2024.csv --anno 2024 --out "$work/generico" --profilo generico \
  --dati-aperti --sistema samples/sistema-smvp.json --valutazioni samples/valutazioni-2024.csv
run stampa $piano --raggiunto samples/raggiunto-2024-06-30.csv --al 30/06/2024 --out "$work/monitoraggio" --dati-aperti
run stampa tests/fixtures/solo-indicatori/piano.json --raggiunto tests/fixtures/solo-indicatori/raggiunto-azioni.json \
  --anno 2025 --out "$work/solo-indicatori"
run confronta $piano samples/sarzana-2024-2026-variazione.json --formato pdf --out "$work/variazioni"
quiet verifica $piano --raggiunto samples/raggiunto-2024.csv --anno 2024 --sistema samples/sistema-smvp.json \
  --valutazioni samples/valutazioni-2024.csv >"$work/verifica.txt"
quiet esiti $piano --raggiunto samples/raggiunto-2024.csv --anno 2024 >"$work/esiti-2024.json"
quiet esiti $piano --raggiunto samples/raggiunto-2024.csv --anno 2024 --formato csv >"$work/esiti-2024.csv"
quiet esiti $piano --raggiunto samples/raggiunto-2024.csv --anno 2024 --sistema samples/sistema-smvp.json \
  --valutazioni samples/valutazioni-2024.csv >"$work/esiti-valutazioni-2024.json"
quiet esiti $piano --raggiunto samples/raggiunto-2024-06-30.csv --al 30/06/2024 >"$work/esiti-al.json"
quiet confronta $piano samples/sarzana-2024-2026-variazione.json >"$work/confronto.json"
quiet modello-raggiunto $piano --anno 2024 >"$work/modello-rilevazioni-2024.csv"
run esporta $piano "$work/piano.xlsx"
run modello-raggiunto $piano --anno 2024 --formato xlsx --out "$work/modello-rilevazioni-2024.xlsx"
run modello-valutazioni $piano --sistema samples/sistema-smvp.json --anno 2024 --out "$work/modello-valutazioni-2024.xlsx"

sums=$(cd "$work" && find . -type f | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum)
printf '%s\n' "$sums" >"$work/.sums"
if [ "$update" = --aggiorna ]; then
  cp "$work/.sums" "$list"
  echo "golden: $(wc -l <"$list") documenti in $list"
  exit 0
fi
if ! diff -u "$list" "$work/.sums"; then
  echo "golden: i documenti sono cambiati (sopra, - atteso, + ottenuto)." >&2
  echo "Se il cambiamento è voluto: tests/e2e/golden.sh build/schede . --aggiorna" >&2
  exit 1
fi
echo "golden: $(wc -l <"$list") documenti identici"
