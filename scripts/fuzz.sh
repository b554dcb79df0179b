#!/usr/bin/env bash
# libFuzzer targets (Fuzz/): FuzzWire (a connection's bytes as a server reads them), FuzzRequests
# (any method's request message), FuzzJSON (JSON to protobuf, as `keikyo call` reads it).
#   scripts/fuzz.sh build                 build the three fuzzers (AddressSanitizer, coverage)
#   scripts/fuzz.sh seeds                 rewrite the seed corpus Fuzz/Corpus/<fuzzer>/ from the seed data
#   scripts/fuzz.sh run SECONDS [NAME]    run each fuzzer (or NAME) for SECONDS from the seed corpus;
#                                         a crash is kept in Fuzz/Crashes/<fuzzer>/ and fails the run
# The corpus a run grows stays in $KEIKYO_FUZZ_DIR (default /tmp/keikyo-fuzz), not in the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzzers=(FuzzWire FuzzRequests FuzzJSON)
runtime=$(dirname "$(find /opt/swift /usr -name 'libclang_rt.fuzzer_no_main-x86_64.a' 2>/dev/null | head -n 1)")
flags=(--package-path Fuzz --scratch-path Fuzz/.build -c release
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
  -Xlinker "$runtime/libclang_rt.fuzzer_no_main-x86_64.a" -Xlinker -lstdc++)
work=${KEIKYO_FUZZ_DIR:-/tmp/keikyo-fuzz}

case "${1:-}" in
build)
  [ -n "$runtime" ] || { echo "libclang_rt.fuzzer_no_main not found in the Swift toolchain" >&2; exit 2; }
  for fuzzer in "${fuzzers[@]}"; do swift build "${flags[@]}" --product "$fuzzer"; done
  ;;
seeds)
  swift build "${flags[@]}" --product FuzzSeeds
  Fuzz/.build/release/FuzzSeeds Fuzz/Corpus
  ;;
run)
  seconds=${2:?seconds}
  selected=("${fuzzers[@]}")
  [ -n "${3:-}" ] && selected=("$3")
  status=0
  for fuzzer in "${selected[@]}"; do
    mkdir -p "$work/$fuzzer" "Fuzz/Crashes/$fuzzer"
    log="$work/$fuzzer.log"
    echo "== $fuzzer for $seconds s"
    if ! ASAN_OPTIONS=detect_leaks=0 "Fuzz/.build/release/$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="Fuzz/Crashes/$fuzzer/" \
      "$work/$fuzzer" "Fuzz/Corpus/$fuzzer" >"$log" 2>&1; then
      echo "$fuzzer FAILED: artifacts in Fuzz/Crashes/$fuzzer/" >&2
      grep -E "ERROR|Fatal|SUMMARY|panic" "$log" | head -n 20 >&2 || true
      status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:" "$log" | tail -n 3
  done
  exit $status
  ;;
*)
  sed -n '2,9p' "$0"
  exit 2
  ;;
esac
