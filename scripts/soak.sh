#!/usr/bin/env bash
# Load and soak: the four services (release build, tokens required, on 127.0.0.1) under a
# bounded mixed read/write load (`keikyo soak`) for a fixed time. Fails on any error or on
# memory that keeps growing; prints p50/p99 per operation and the services' resident memory.
#   scripts/soak.sh --quick          30 seconds (CI)
#   scripts/soak.sh --full           10 minutes; rewrites the soak section of docs/RELIABILITY.md
#   scripts/soak.sh --seconds N      any other length
# Arguments after `--` go to `keikyo soak` (e.g. `-- --records 1000000`: no bound on the data).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=30; full=false
case "${1:---quick}" in
  --quick) ;;
  --full) seconds=600; full=true ;;
  --seconds) seconds=${2:?seconds}; shift ;;
  *) sed -n '2,9p' "$0"; exit 64 ;;
esac
[ $# -gt 0 ] && shift
[ "${1:-}" = -- ] && shift
extra=("$@")
. scripts/stack.sh
stack_build

work=$(mktemp -d)
cleanup() {
  stack_stop
  rm -rf "$work"
}
trap cleanup EXIT
stack_tokens "$work/trust"
# Ports above the suite's defaults, so a running local suite is left alone.
stack_ports 17300
stack_start "$work" "$work/log"
stack_pid_flags
status=0
"$bin/keikyo" soak --cases "$KEIKYO_CASES_ADDR" --financing "$KEIKYO_FINANCING_ADDR" --diplomacy "$KEIKYO_DIPLOMACY_ADDR" \
  --kpi "$KEIKYO_KPI_ADDR" --tokens "METI=$meti;MOFA=$mofa" --seconds "$seconds" "${pid_flags[@]}" \
  --out "$work/soak.jsonl" "${extra[@]}" | tee "$work/soak.txt" || status=$?
echo "services: cases ${pids[0]}, financing ${pids[1]}, diplomacy ${pids[2]}, kpi ${pids[3]}"
for name in cases financing diplomacy kpi; do
  grep -E "error|critical" "$work/log-$name.log" | grep -v "ANONYMOUS" | head -n 5 || true
done

if $full && [ "$status" -eq 0 ]; then
  {
    echo "<!-- soak:begin -->"
    echo "Run of \`scripts/soak.sh --full\` on $(date -u +%Y-%m-%d), $(nproc) cores; services pids in order cases, financing, diplomacy, kpi:"
    echo
    echo '```'
    cat "$work/soak.txt"
    echo '```'
    echo "<!-- soak:end -->"
  } >"$work/section.md"
  python3 - "$work/section.md" docs/RELIABILITY.md <<'PY'
import re, sys
section = open(sys.argv[1]).read().strip()
path = sys.argv[2]
text = open(path).read()
text = re.sub(r"<!-- soak:begin -->.*<!-- soak:end -->", lambda _: section, text, flags=re.S)
open(path, "w").write(text)
PY
  echo "updated docs/RELIABILITY.md" >&2
fi
exit $status
