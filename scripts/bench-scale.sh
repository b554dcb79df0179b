#!/usr/bin/env bash
# Storage at scale (`scripts/bench.sh --scale`): the four services (release build, tokens
# required, on 127.0.0.1) grown step by step through the public API, on SQLite and then on a
# throwaway PostgreSQL 15 server of its own (scripts/postgres-server); after each step, each
# aggregate read's p50/p99, GetCase, a ListCases page at the end of the list, the dashboard,
# the services' resident memory and the databases' size (`keikyo-bench scale`).
#   scripts/bench.sh --scale [--steps 1000,10000,100000] [--databases sqlite,postgres] [--write]
# --databases runs one of the two only (both by default); --write puts the tables into
# docs/BENCHMARKS.md (between the scale markers).
set -euo pipefail
cd "$(dirname "$0")/.."
steps=1000,10000
databases=sqlite,postgres
write=false
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=${2:?steps}; shift 2 ;;
    --databases) databases=${2:?databases}; shift 2 ;;
    --write) write=true; shift ;;
    *) sed -n '2,9p' "$0"; exit 64 ;;
  esac
done
. scripts/stack.sh
stack_build
stack_bench

work=$(mktemp -d)
chmod 755 "$work"   # the postgres user runs the server in a folder of it
cleanup() {
  stack_stop
  scripts/postgres-server stop "$work/postgres" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
stack_tokens "$work/trust"
stack_ports 17400

# run LABEL SIZE-COMMAND: the services on the database KEIKYO_DATABASE_URL names (SQLite in
# $work/<label>/ when unset), seeded, grown and measured.
run() {
  local label=$1 size=$2
  stack_start "$work/$label" "$work/$label"
  stack_pid_flags
  "$bench" scale --cases "$KEIKYO_CASES_ADDR" --financing "$KEIKYO_FINANCING_ADDR" --diplomacy "$KEIKYO_DIPLOMACY_ADDR" \
    --kpi "$KEIKYO_KPI_ADDR" --tokens "METI=$meti;MOFA=$mofa" --steps "$steps" "${pid_flags[@]}" --label "$label" \
    --size-command "$size" | tee -a "$work/tables.md"
  echo >>"$work/tables.md"
  stack_stop
}

if [[ ",$databases," == *,sqlite,* ]]; then
  run sqlite "du -cb $work/sqlite | tail -n 1 | cut -f1"
fi
if [[ ",$databases," == *,postgres,* ]]; then
  url=$(scripts/postgres-server start "$work/postgres" 55433)
  export KEIKYO_DATABASE_URL=$url KEIKYO_DATABASE_PASSWORD
  KEIKYO_DATABASE_PASSWORD=$(cat "$work/postgres/password")
  run postgres "su postgres -s /bin/sh -c \"psql -h $work/postgres -p 55433 -qtA -c \\\"SELECT pg_database_size('keikyo')\\\"\""
  unset KEIKYO_DATABASE_URL KEIKYO_DATABASE_PASSWORD
fi

if $write; then
  {
    echo "<!-- scale:begin -->"
    echo "Run of \`scripts/bench.sh --scale --steps $steps --databases $databases\` on $(date -u +%Y-%m-%d), $(nproc) cores, release build; each cell p50 / p99 of 21 calls:"
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
