#!/usr/bin/env bash
# Installa le dipendenze, compila schede in Debug con AddressSanitizer e
# UndefinedBehaviorSanitizer in build-test/ ed esegue tutti i test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DSCHEDE_SANITIZE=ON >/dev/null
cmake --build build-test -j"$(nproc)"
ctest --test-dir build-test --output-on-failure
