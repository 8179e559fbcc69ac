#!/usr/bin/env bash
# Installa le dipendenze, compila schede (Release) in build/ ed elabora gli esempi in out/:
# out/schede.pdf (le schede del piano di Sarzana con i risultati 2024 di esempio),
# out/persone.pdf (prospetto e schede di valutazione del personale, con il sistema e le valutazioni
# di esempio), out/relazione.pdf e out/relazione.csv (la Relazione sulla Performance 2024 e i suoi
# dati aperti), out/premi.pdf e out/premi.csv (la ripartizione del fondo, riservata),
# out/esiti-2024.csv (i risultati come dati) e out/verifica-sarzana-2024-2026.txt (il rapporto di
# `schede verifica`, anche del sistema e delle valutazioni); out/piano-sarzana-2024-2026.xlsx e
# out/modello-rilevazioni-2024.xlsx (il piano e il modello da compilare come fogli di calcolo);
# in out/monitoraggio/ il monitoraggio al
# 30/06/2024 con le rilevazioni di metà anno di esempio (monitoraggio.pdf, monitoraggio.csv, schede.pdf).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEDE_SANITIZE=OFF -DSCHEDE_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"

mkdir -p out
report=out/verifica-sarzana-2024-2026.txt
tmp=$(mktemp out/.verifica.XXXXXX)
trap 'rm -f "$tmp"' EXIT
build/schede verifica samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 \
  --sistema samples/sistema-smvp.json --valutazioni samples/valutazioni-2024.csv >"$tmp"
chmod 644 "$tmp"
mv "$tmp" "$report"
trap - EXIT
echo "scritto $report: $(tail -n 1 "$report")"
build/schede stampa samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 --out out \
  --dati-aperti --sistema samples/sistema-smvp.json --valutazioni samples/valutazioni-2024.csv
tmp=$(mktemp out/.esiti.XXXXXX)
trap 'rm -f "$tmp"' EXIT
build/schede esiti samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024.csv --anno 2024 \
  --formato csv >"$tmp"
chmod 644 "$tmp"
mv "$tmp" out/esiti-2024.csv
trap - EXIT
echo "scritto out/esiti-2024.csv"
mkdir -p out/monitoraggio
build/schede stampa samples/sarzana-2024-2026.json --raggiunto samples/raggiunto-2024-06-30.csv --al 30/06/2024 \
  --out out/monitoraggio --dati-aperti
# Il piano come foglio di calcolo e il modello delle rilevazioni da compilare.
build/schede esporta samples/sarzana-2024-2026.json out/piano-sarzana-2024-2026.xlsx
build/schede modello-raggiunto samples/sarzana-2024-2026.json --anno 2024 --formato xlsx \
  --out out/modello-rilevazioni-2024.xlsx
echo "scritto out/modello-rilevazioni-2024.xlsx"
# Le variazioni di luglio (inventate) rispetto al piano adottato, per la delibera di Giunta.
build/schede confronta samples/sarzana-2024-2026.json samples/sarzana-2024-2026-variazione.json \
  --formato pdf --out out/variazioni
