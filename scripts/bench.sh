#!/usr/bin/env bash
# The side-by-side benchmark: KWP/1, gRPC (grpc-swift-2, HTTP/2 plaintext, its defaults) and a
# raw length-prefixed NIO echo, the same messages, in one run on this machine.
#   scripts/bench.sh --quick   a smoke run (under 3 minutes): one run per scenario, short
#   scripts/bench.sh --scale   storage at scale (scripts/bench-scale.sh: SQLite and PostgreSQL)
#   scripts/bench.sh --full    the published tables: 5 runs per scenario, medians; rewrites
#                              docs/BENCHMARKS.md (comparison, codec, allocations, the cases
#                              service on 100,000 cases) and docs/benchmarks.svg
# Each server runs in its own process pinned to CPU 0 (taskset) with one event-loop thread;
# the load generator runs pinned to CPU 1, so neither starves the other of CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:---quick}
if [ "$mode" = --scale ]; then shift; exec scripts/bench-scale.sh "$@"; fi
case "$mode" in
  --quick) runs=1; seconds=1.5; warmup=0.5 ;;
  --full) runs=5; seconds=8; warmup=2 ;;
  *) echo "usage: scripts/bench.sh [--quick|--full]" >&2; exit 64 ;;
esac
scripts/install-deps.sh
if ! dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "install ok installed"; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq zlib1g-dev >/dev/null   # gzip, the codec comparison's baseline
fi
swift build -c release --package-path Benchmarks --product KeikyoBench >&2
swift build -c release --package-path Benchmarks --product MallocInterposerSwift >&2
bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/KeikyoBench"
# Counts every malloc of a process it is preloaded into (allocations per call).
interposer="$(swift build -c release --package-path Benchmarks --show-bin-path)/libMallocInterposerSwift.so"
cpus=$(nproc)
server_cpu=0; client_cpu=$(( cpus > 1 ? 1 : 0 ))

# payload inflight connections
scenarios=("small 1 1" "small 64 1" "small 64 8" "case 1 1" "case 64 1" "case 64 8" "caselist 1 1" "caselist 8 1" "caselist 64 1" "caselist 64 8")
[ "$mode" = "--quick" ] && scenarios=("small 1 1" "small 64 1" "case 64 1" "caselist 8 1")

work=$(mktemp -d)
results="$work/results.jsonl"
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for contender in kwp grpc raw; do
  fifo="$work/$contender.in"
  mkfifo "$fifo"
  taskset -c "$server_cpu" "$bench" serve --contender "$contender" <"$fifo" >"$work/$contender.out" &
  server_pid=$!
  exec 3>"$fifo"   # holds the server's standard input open; closing it stops the server
  for _ in $(seq 1 100); do grep -q '^listening' "$work/$contender.out" 2>/dev/null && break; sleep 0.1; done
  port=$(awk '/^listening/ {print $2}' "$work/$contender.out")
  [ -n "$port" ] || { echo "$contender server did not start" >&2; exit 1; }
  for scenario in "${scenarios[@]}"; do
    read -r payload inflight connections <<<"$scenario"
    for run in $(seq 1 "$runs"); do
      taskset -c "$client_cpu" "$bench" load --contender "$contender" --port "$port" --payload "$payload" \
        --inflight "$inflight" --connections "$connections" --seconds "$seconds" --warmup "$warmup" \
        --server-pid "$server_pid" | tee -a "$results" >&2
    done
  done
  exec 3>&-
  wait "$server_pid" || true
  server_pid=
done

note="$(date -u +%Y-%m-%d), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); server on CPU $server_cpu, load generator on CPU $client_cpu; $runs run(s) of ${seconds}s after ${warmup}s of warm-up per scenario; medians. Command: scripts/bench.sh $mode"
if [ "$mode" = "--full" ]; then
  "$bench" report --results "$results" --markdown docs/BENCHMARKS.md --svg docs/benchmarks.svg --note "$note"
  taskset -c "$client_cpu" "$bench" codec --seconds 3 --markdown docs/BENCHMARKS.md
  LD_PRELOAD="$interposer" "$bench" allocations --calls 5000 --markdown docs/BENCHMARKS.md
  # The service level: the product's own keikyo-cases on a store of 100,000 cases.
  swift build -c release --product keikyo-cases >&2
  taskset -c "$client_cpu" "$bench" cases --runs 5 --server-cpu "$server_cpu" \
    --bin "$(swift build -c release --show-bin-path)" --markdown docs/BENCHMARKS.md
  echo "updated docs/BENCHMARKS.md and docs/benchmarks.svg" >&2
else
  "$bench" report --results "$results" --note "$note"
  taskset -c "$client_cpu" "$bench" codec --seconds 0.3
  LD_PRELOAD="$interposer" "$bench" allocations --calls 500
fi
