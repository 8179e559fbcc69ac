#!/usr/bin/env bash
# Installa le dipendenze, compila schede in Debug con AddressSanitizer e
# UndefinedBehaviorSanitizer in build-test/ ed esegue tutti i test, in
# localizzazione it_IT.UTF-8 (i risultati non devono dipenderne); poi
# compila in build-valgrind/ senza sanitizer ed esegue i test che usano il
# programma con il programma sotto valgrind (zero errori, zero perdite).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DSCHEDE_SANITIZE=ON -DSCHEDE_VALGRIND=OFF >/dev/null
cmake --build build-test -j"$(nproc)"
LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 ctest --test-dir build-test --output-on-failure -j"$(nproc)"

echo "test: i test del programma con valgrind"
cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=Debug -DSCHEDE_SANITIZE=OFF -DSCHEDE_VALGRIND=ON >/dev/null
cmake --build build-valgrind -j"$(nproc)"
ctest --test-dir build-valgrind --output-on-failure -L e2e
