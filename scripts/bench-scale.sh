#!/usr/bin/env bash
# Storage at scale (`scripts/bench.sh --scale`): the four services (release build, tokens
# required, on 127.0.0.1) grown step by step through the public API, on SQLite and then on a
# throwaway PostgreSQL 15 server of its own (scripts/postgres-server); after each step, each
# aggregate read's p50/p99, GetCase, a ListCases page at the end of the list, the dashboard,
# the services' resident memory and the databases' size (`keikyo-bench scale`).
#   scripts/bench.sh --scale [--steps 1000,10000,100000] [--write]
# --write puts the tables into docs/BENCHMARKS.md (between the scale markers).
set -euo pipefail
cd "$(dirname "$0")/.."
steps=1000,10000
write=false
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=${2:?steps}; shift 2 ;;
    --write) write=true; shift ;;
    *) sed -n '2,8p' "$0"; exit 64 ;;
  esac
done
scripts/install-deps.sh
swift build -c release --product keikyo >&2
bin=$(swift build -c release --show-bin-path)
swift build -c release --package-path Benchmarks --product KeikyoBench >&2
bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/KeikyoBench"

work=$(mktemp -d)
chmod 755 "$work"   # the postgres user runs the server in a folder of it
pids=()
stop_services() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_services
  scripts/postgres-server stop "$work/postgres" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/keikyo" tokens init --dir "$work/trust" >/dev/null
meti=$("$bin/keikyo" tokens issue --agency METI --file "$work/trust/tokens.json" | tail -n 1)
mofa=$("$bin/keikyo" tokens issue --agency MOFA --file "$work/trust/tokens.json" | tail -n 1)
declare -A port=([cases]=17401 [financing]=17402 [diplomacy]=17403 [kpi]=17404)
export KEIKYO_CASES_ADDR=127.0.0.1:${port[cases]} KEIKYO_FINANCING_ADDR=127.0.0.1:${port[financing]}
export KEIKYO_DIPLOMACY_ADDR=127.0.0.1:${port[diplomacy]} KEIKYO_KPI_ADDR=127.0.0.1:${port[kpi]}

# run LABEL SIZE-COMMAND: the services on the database KEIKYO_DATABASE_URL names (SQLite in
# $work/<label>/ when unset), seeded, grown and measured.
run() {
  local label=$1 size=$2
  for name in cases financing diplomacy kpi; do
    "$bin/keikyo" serve "$name" --listen "127.0.0.1:${port[$name]}" --data-dir "$work/$label/$name" --seed \
      --tokens-file "$work/trust/tokens.json" --rate-limit 0 --log-level warning 2>"$work/$label-$name.log" &
    pids+=($!)
    for _ in $(seq 1 300); do "$bin/keikyo" health "127.0.0.1:${port[$name]}" --timeout 1 >/dev/null 2>&1 && break; sleep 0.1; done
    "$bin/keikyo" health "127.0.0.1:${port[$name]}" --timeout 1 >/dev/null || { echo "$name did not start" >&2; cat "$work/$label-$name.log" >&2; exit 1; }
  done
  pid_flags=(); for pid in "${pids[@]}"; do pid_flags+=(--pid "$pid"); done
  "$bench" scale --cases "$KEIKYO_CASES_ADDR" --financing "$KEIKYO_FINANCING_ADDR" --diplomacy "$KEIKYO_DIPLOMACY_ADDR" \
    --kpi "$KEIKYO_KPI_ADDR" --tokens "METI=$meti;MOFA=$mofa" --steps "$steps" "${pid_flags[@]}" --label "$label" \
    --size-command "$size" | tee -a "$work/tables.md"
  echo >>"$work/tables.md"
  stop_services
}

run sqlite "du -cb $work/sqlite | tail -n 1 | cut -f1"
url=$(scripts/postgres-server start "$work/postgres" 55433)
export KEIKYO_DATABASE_URL=$url KEIKYO_DATABASE_PASSWORD
KEIKYO_DATABASE_PASSWORD=$(cat "$work/postgres/password")
run postgres "su postgres -s /bin/sh -c \"psql -h $work/postgres -p 55433 -qtA -c \\\"SELECT pg_database_size('keikyo')\\\"\""
unset KEIKYO_DATABASE_URL KEIKYO_DATABASE_PASSWORD

if $write; then
  {
    echo "<!-- scale:begin -->"
    echo "Run of \`scripts/bench.sh --scale --steps $steps\` on $(date -u +%Y-%m-%d), $(nproc) cores, release build; each cell p50 / p99 of 21 calls:"
    echo
    cat "$work/tables.md"
    echo "<!-- scale:end -->"
  } >"$work/section.md"
  python3 - "$work/section.md" docs/BENCHMARKS.md <<'PY'
import re, sys
section = open(sys.argv[1]).read().strip()
path = sys.argv[2]
text = open(path).read()
if "<!-- scale:begin -->" in text:
    text = re.sub(r"<!-- scale:begin -->.*<!-- scale:end -->", lambda _: section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n## Storage at scale\n\n" + section + "\n"
open(path, "w").write(text)
PY
  echo "updated docs/BENCHMARKS.md" >&2
fi
