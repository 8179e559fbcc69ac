#!/usr/bin/env bash
# Fuzzing with libFuzzer (not part of CI). Builds the harnesses of tests/fuzz
# with clang, ASan and UBSan in build-fuzz/, seeds each corpus from the
# samples, the fixtures and tests/fuzz/seeds, and runs every harness for
# SECONDS seconds (default 600), JOBS at a time (default: the cores).
# Crashes, hangs (over 10 s) and leaks end up in bench/out/fuzz/TARGET/;
# a summary line per harness tells how many.
#   bench/fuzz.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(piano raggiunto csv graduazione testo sistema valutazioni workbook workbook_xml options archivio web caricamento objstm)
JOBS=${JOBS:-$(nproc)}
work=bench/out/fuzz

cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSCHEDE_FUZZ=ON -DSCHEDE_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null

seed() { # target files...
  local dir=$work/$1/corpus
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/$(basename "$f")"; done
}
seed piano samples/sarzana-2024-2026.json tests/fixtures/*.json
seed raggiunto samples/raggiunto-2024.json samples/raggiunto-2024.csv samples/raggiunto-2024-06-30.csv \
  tests/fixtures/monitoraggio/rilevazioni.* tests/fixtures/raggiunto* \
  tests/fixtures/*-raggiunto.json
seed csv samples/raggiunto-2024.csv tests/fixtures/*.csv
seed graduazione tests/fuzz/seeds/graduazione/*
seed testo tests/fuzz/seeds/testo/*
seed sistema samples/sistema-smvp.json tests/fixtures/valutazione/sistema.json
seed workbook tests/fixtures/workbook/*
seed workbook_xml tests/fuzz/seeds/workbook_xml/*
seed options tests/fuzz/seeds/options/*
seed archivio tests/fuzz/seeds/archivio/* tests/fixtures/workbook/*
seed web tests/fuzz/seeds/web/*
seed caricamento tests/fuzz/seeds/caricamento/* tests/fixtures/valutazione/*
seed objstm tests/fuzz/seeds/objstm/*
seed valutazioni samples/valutazioni-2024.json samples/valutazioni-2024.csv tests/fixtures/valutazione/valutazioni.*

run_one() { # target
  local t=$1 dict=()
  case $t in piano|raggiunto|sistema|valutazioni) dict=(-dict=tests/fuzz/json.dict) ;; esac
  rm -rf "$work/$t/artifacts" && mkdir -p "$work/$t/artifacts" # earlier finds are in tests/fixtures/fuzz
  # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: memory bound.
  "build-fuzz/tests/fuzz/fuzz_$t" "$work/$t/corpus" "${dict[@]}" -max_total_time="$SECONDS_EACH" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$work/$t/artifacts/" >"$work/$t/log.txt" 2>&1 || true
  local runs found
  runs=$(grep -a -m1 'stat::number_of_executed_units' "$work/$t/log.txt" | awk '{print $2}')
  found=$(find "$work/$t/artifacts" -type f | wc -l)
  printf '%-12s %10s esecuzioni in %s s, corpus %5s file, problemi trovati: %s\n' "$t" "${runs:-?}" \
    "$SECONDS_EACH" "$(find "$work/$t/corpus" -type f | wc -l)" "$found"
}

echo "fuzzing: ${targets[*]}, ${SECONDS_EACH} s ciascuno, $JOBS alla volta; $(date -u +%Y-%m-%dT%H:%MZ)"
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
