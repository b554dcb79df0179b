#!/usr/bin/env bash
# Where a CreateCase's time goes: the release stack under `keikyo soak --only cases.create`
# (scripts/soak.sh, N calls in flight on one connection), `keikyo-cases` sampled by perf for
# 8 s, then the whole machine for 3 s (how much of the two cores is idle), then its syscalls
# counted for 3 s (fdatasync: commits flushed; pwrite64: pages written; openat: temporary files).
#   scripts/profile-cases.sh [calls in flight, default 16]
# Needs perf (Debian: linux-perf). Writes /tmp/keikyo-profile/.
set -euo pipefail
# (The reports below are cut with head: their pipes end early by design, hence `|| true`.)
cd "$(dirname "$0")/.."
in_flight=${1:-16}
command -v perf >/dev/null || { echo "perf not found: apt-get install linux-perf" >&2; exit 2; }
out=/tmp/keikyo-profile
rm -rf "$out" && mkdir -p "$out"
scripts/soak.sh --seconds 30 -- --only cases.create --records 100000000 --concurrency "$in_flight" >"$out/soak.log" 2>&1 &
soak=$!
trap 'kill "$soak" 2>/dev/null || true' EXIT
pid=""
for _ in $(seq 1 600); do
  pid=$(pgrep -f "keikyo serve cases" | head -n 1 || true)
  [ -n "$pid" ] && break
  sleep 0.5
done
[ -n "$pid" ] || { cat "$out/soak.log" >&2; echo "keikyo-cases did not start" >&2; exit 1; }
# Past the start of the load.
sleep 6
perf record -F 999 -g -p "$pid" -o "$out/service.data" -- sleep 8 >/dev/null 2>&1
perf record -F 499 -a -o "$out/machine.data" -- sleep 3 >/dev/null 2>&1
timeout -s INT 3 perf trace -s -p "$pid" -e 'fdatasync,pwrite64,openat' >"$out/trace.txt" 2>&1 || true
wait "$soak" || true
grep "calls in" "$out/soak.log"
echo "== the machine by command (swapper: idle)"
perf report -i "$out/machine.data" --no-children --sort comm --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -5 || true
echo "== keikyo-cases by library"
perf report -i "$out/service.data" --no-children --sort dso -g none --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -6 || true
echo "== the store's functions (with what they call)"
perf report -i "$out/service.data" --children --sort symbol -g none --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' \
  | grep -E 'CaseStore|KeptTotals|CaseTotals|GRDBExecutor|StatementArguments|newID' | head -12 | cut -c1-160 || true
echo "== syscalls in 3 s, per thread"
grep -E 'fdatasync|pwrite64|openat' "$out/trace.txt" || true
