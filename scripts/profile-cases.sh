#!/usr/bin/env bash
# Where a CreateCase's time goes: the release keikyo-cases under `keikyo-bench cases` load
# (pinned to CPU 0, the load on the other), sampled by perf for 12 s during the CreateCase
# phase; prints the shares by library and the store's functions (children included).
#   scripts/profile-cases.sh [cases in the store, default 5000]
# Needs perf (Debian: linux-perf). Writes /tmp/keikyo-profile/perf.data.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-5000}
command -v perf >/dev/null || { echo "perf not found: apt-get install linux-perf" >&2; exit 2; }
swift build -c release --product keikyo >&2
swift build -c release --package-path Benchmarks --product KeikyoBench >&2
out=/tmp/keikyo-profile
rm -rf "$out" && mkdir -p "$out/bin"
ln -s "$(swift build -c release --show-bin-path)/keikyo" "$out/bin/keikyo-cases"
bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/KeikyoBench"
"$bench" cases --cases "$cases" --calls 300 --seconds 15 --runs 1 --server-cpu 0 --bin "$out/bin" >"$out/bench.log" 2>&1 &
bench_pid=$!
trap 'kill "$bench_pid" 2>/dev/null || true' EXIT
pid=""
for _ in $(seq 1 300); do
  pid=$(pgrep -f "keikyo-cases --data-dir" | head -n 1 || true)
  [ -n "$pid" ] && break
  sleep 1
done
[ -n "$pid" ] || { cat "$out/bench.log" >&2; echo "keikyo-cases did not start" >&2; exit 1; }
# The ListCases phase (300 calls) comes first and takes a second or two: sample after it.
sleep 3
perf record -F 999 -g -p "$pid" -o "$out/perf.data" -- sleep 12 >/dev/null 2>&1
wait "$bench_pid"
grep '^run' "$out/bench.log"
# Samples over 12 s at 999 Hz: the share of the pinned core the service kept busy.
echo "samples: $(perf script -i "$out/perf.data" -F time 2>/dev/null | wc -l) of 11,988 for a core busy all the time"
echo "== by library"
perf report -i "$out/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -8
echo "== the store's functions (with what they call)"
perf report -i "$out/perf.data" --children --sort symbol -g none --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' \
  | grep -E 'CaseStore|KeptTotals|GRDBExecutor|StatementArguments|newID|getKeyPath|fdatasync' | head -20 | cut -c1-160
