# Shared by the scripts that load the whole stack (scripts/soak.sh, scripts/bench-scale.sh);
# sourced, not run. The four services run from the release build on 127.0.0.1, seeded,
# requiring tokens, with the rate limit lifted (the load is bounded by its concurrency).

# stack_build: the release `keikyo`, built as the service image's is (scripts/build-images.sh,
# .build-static), so that CI's soak reuses the build its container stage made; sets bin.
stack_build() {
  scripts/install-deps.sh
  local flags=(-c release --static-swift-stdlib --scratch-path .build-static)
  swift build "${flags[@]}" --product keikyo >&2
  bin=$(swift build "${flags[@]}" --show-bin-path)
}

# stack_bench: the release `KeikyoBench` of the Benchmarks package; sets bench.
stack_bench() {
  swift build -c release --package-path Benchmarks --product KeikyoBench >&2
  bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/KeikyoBench"
}

# stack_tokens DIR: a tokens file in DIR with a METI and a MOFA token; sets tokens_file, meti, mofa.
stack_tokens() {
  "$bin/keikyo" tokens init --dir "$1" >/dev/null
  tokens_file=$1/tokens.json
  meti=$("$bin/keikyo" tokens issue --agency METI --file "$tokens_file" | tail -n 1)
  mofa=$("$bin/keikyo" tokens issue --agency MOFA --file "$tokens_file" | tail -n 1)
}

# stack_ports BASE: the services at 127.0.0.1:BASE+1 ... BASE+4, exported as KEIKYO_*_ADDR.
declare -A port
stack_ports() {
  port=([cases]=$(($1 + 1)) [financing]=$(($1 + 2)) [diplomacy]=$(($1 + 3)) [kpi]=$(($1 + 4)))
  export KEIKYO_CASES_ADDR=127.0.0.1:${port[cases]} KEIKYO_FINANCING_ADDR=127.0.0.1:${port[financing]}
  export KEIKYO_DIPLOMACY_ADDR=127.0.0.1:${port[diplomacy]} KEIKYO_KPI_ADDR=127.0.0.1:${port[kpi]}
}

# stack_start DATA LOGS: the four services on data directories DATA/<name> (or the database
# KEIKYO_DATABASE_URL names), logging to LOGS-<name>.log, each waited for (30 s at most) until
# SERVING; their pids are appended to `pids`.
pids=()
stack_start() {
  local data=$1 logs=$2 name
  for name in cases financing diplomacy kpi; do
    "$bin/keikyo" serve "$name" --listen "127.0.0.1:${port[$name]}" --data-dir "$data/$name" --seed \
      --tokens-file "$tokens_file" --rate-limit 0 --log-level warning 2>"$logs-$name.log" &
    pids+=($!)
    for _ in $(seq 1 300); do "$bin/keikyo" health "127.0.0.1:${port[$name]}" --timeout 1 >/dev/null 2>&1 && break; sleep 0.1; done
    "$bin/keikyo" health "127.0.0.1:${port[$name]}" --timeout 1 >/dev/null || { echo "$name did not start" >&2; cat "$logs-$name.log" >&2; exit 1; }
  done
}

# stack_stop: drains every service started, and waits for them.
stack_stop() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

# stack_pid_flags: `--pid` flags for the services started, for the memory samples of `keikyo soak` and `keikyo-bench scale`.
stack_pid_flags() {
  local pid
  pid_flags=()
  for pid in "${pids[@]}"; do pid_flags+=(--pid "$pid"); done
}
