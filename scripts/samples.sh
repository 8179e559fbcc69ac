#!/usr/bin/env bash
# Installa le dipendenze, compila schede (Release) in build/ ed elabora gli esempi in out/.
# Finché la stampa dei PDF non è pronta, l'elaborazione è `schede verifica` del piano di esempio.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEDE_SANITIZE=OFF -DSCHEDE_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"

mkdir -p out
report=out/verifica-sarzana-2024-2026.txt
tmp=$(mktemp out/.verifica.XXXXXX)
trap 'rm -f "$tmp"' EXIT
build/schede verifica samples/sarzana-2024-2026.json >"$tmp"
mv "$tmp" "$report"
trap - EXIT
tail -n 1 "$report"
echo "scritto $report"
