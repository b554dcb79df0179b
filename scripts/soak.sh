#!/usr/bin/env bash
# Load and soak: the four services (release build, tokens required, on 127.0.0.1) under a
# bounded mixed read/write load (`keikyo-bench soak`) for a fixed time. Fails on any error or on
# memory that keeps growing; prints p50/p99 per operation and the services' resident memory.
#   scripts/soak.sh --quick          30 seconds (CI)
#   scripts/soak.sh --full           10 minutes; rewrites the soak section of docs/RELIABILITY.md
#   scripts/soak.sh --seconds N      any other length
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=30; full=false
case "${1:---quick}" in
  --quick) ;;
  --full) seconds=600; full=true ;;
  --seconds) seconds=${2:?seconds} ;;
  *) sed -n '2,8p' "$0"; exit 64 ;;
esac
scripts/install-deps.sh
swift build -c release --product keikyo >&2
bin=$(swift build -c release --show-bin-path)
swift build -c release --package-path Benchmarks --product KeikyoBench >&2
bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/KeikyoBench"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/keikyo" tokens init --dir "$work/trust" >/dev/null
meti=$("$bin/keikyo" tokens issue --agency METI --file "$work/trust/tokens.json" | tail -n 1)
mofa=$("$bin/keikyo" tokens issue --agency MOFA --file "$work/trust/tokens.json" | tail -n 1)

# Ports above the suite's defaults, so a running local suite is left alone. The load is bounded by
# its concurrency, so the per-agency rate limit is lifted (it is tested on its own).
declare -A port=([cases]=17301 [financing]=17302 [diplomacy]=17303 [kpi]=17304)
export KEIKYO_CASES_ADDR=127.0.0.1:${port[cases]} KEIKYO_FINANCING_ADDR=127.0.0.1:${port[financing]}
export KEIKYO_DIPLOMACY_ADDR=127.0.0.1:${port[diplomacy]} KEIKYO_KPI_ADDR=127.0.0.1:${port[kpi]}
for name in cases financing diplomacy kpi; do
  "$bin/keikyo" serve "$name" --listen "127.0.0.1:${port[$name]}" --data-dir "$work/$name" --seed \
    --tokens-file "$work/trust/tokens.json" --rate-limit 0 --log-level warning 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 100); do "$bin/keikyo" health "127.0.0.1:${port[$name]}" --timeout 1 >/dev/null 2>&1 && break; sleep 0.1; done
  "$bin/keikyo" health "127.0.0.1:${port[$name]}" --timeout 1 >/dev/null || { echo "$name did not start" >&2; cat "$work/$name.log" >&2; exit 1; }
done

pid_flags=(); for pid in "${pids[@]}"; do pid_flags+=(--pid "$pid"); done
status=0
"$bench" soak --cases "$KEIKYO_CASES_ADDR" --financing "$KEIKYO_FINANCING_ADDR" --diplomacy "$KEIKYO_DIPLOMACY_ADDR" \
  --kpi "$KEIKYO_KPI_ADDR" --tokens "METI=$meti;MOFA=$mofa" --seconds "$seconds" "${pid_flags[@]}" \
  --out "$work/soak.jsonl" | tee "$work/soak.txt" || status=$?
echo "services: cases ${pids[0]}, financing ${pids[1]}, diplomacy ${pids[2]}, kpi ${pids[3]}"
for name in cases financing diplomacy kpi; do
  grep -E "error|critical" "$work/$name.log" | grep -v "ANONYMOUS" | head -n 5 || true
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
