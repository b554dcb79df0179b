#!/usr/bin/env bash
# Integration tests over the compose stack, as CI runs them: a private Docker engine, the local
# base image, the service image, compose.yaml with compose.ci.yaml (every service on the host's
# network at its own 127.0.0.1 port, so test traffic stays on loopback), the IntegrationTests
# suite against it, then everything torn down. With KEIKYO_TEST_DATABASE_URL (and _PASSWORD)
# naming a PostgreSQL server on loopback, the second run (mutual TLS) keeps its data there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${KEIKYO_DOCKER_DIR:-/tmp/keikyo-docker}
project=keikyo-ci

missing=()
for package in docker.io docker-compose mmdebstrap; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOCKER_HOST
DOCKER_HOST=$(scripts/docker-daemon.sh start)
merged="$work/compose.ci.merged.yaml"
compose() { docker-compose -p "$project" -f "$merged" "$@"; }
cleanup() {
  [ -f "$merged" ] && compose down -v --remove-orphans >/dev/null 2>&1 || true
  scripts/docker-daemon.sh stop
}
trap cleanup EXIT

scripts/build-images.sh

swift build --build-tests
bin=$(swift build --show-bin-path)
export KEIKYO_INTEGRATION=compose
export KEIKYO_INTEGRATION_COMPOSE="docker-compose -p $project -f $merged"
export KEIKYO_CASES_ADDR=127.0.0.1:17101
export KEIKYO_FINANCING_ADDR=127.0.0.1:17102
export KEIKYO_DIPLOMACY_ADDR=127.0.0.1:17103
export KEIKYO_KPI_ADDR=127.0.0.1:17104
trustdir=/var/lib/keikyo-trust

# Brings the stack up from compose.yaml, compose.ci.yaml and the given overrides, runs the suite
# against it, and takes it down with its volumes.
run_stack() {
  # compose.yaml publishes ports, which host networking refuses: merge, then drop them.
  docker-compose -p "$project" -f compose.yaml -f compose.ci.yaml "$@" config |
    /usr/bin/python3 -c '
import sys, yaml
config = yaml.safe_load(sys.stdin)
for service in config["services"].values():
    service.pop("ports", None)
yaml.safe_dump(config, sys.stdout, sort_keys=False)
' >"$merged"

  compose up -d
  # Every service but the one-shot `trust` job has a healthcheck.
  services=$(compose config --services | grep -cvx trust)
  echo "waiting for $services service(s) to be healthy"
  for _ in $(seq 1 120); do
    healthy=$(/usr/bin/docker ps --filter "label=com.docker.compose.project=$project" --format '{{.Status}}' | grep -c "(healthy)" || true)
    [ "$healthy" -eq "$services" ] && break
    sleep 1
  done
  /usr/bin/docker ps --filter "label=com.docker.compose.project=$project" --format '{{.Names}}  {{.Status}}'
  [ "$healthy" -eq "$services" ] || { compose logs --tail 50; exit 1; }

  # Tokens for the agencies the tests act as, issued the way an operator would, then SIGHUP.
  tokens=""
  for agency in METI JICA MOFA; do
    token=$(compose run --rm -T --entrypoint /usr/local/bin/keikyo trust tokens issue --agency "$agency" --file "$trustdir/tokens.json" --note integration-tests | tail -n 1)
    tokens="$tokens$agency=$token;"
  done
  tokens="${tokens}CAS=$(compose run --rm -T --entrypoint cat trust "$trustdir/operator.token")"
  compose kill -s SIGHUP cases financing diplomacy kpi >/dev/null
  export KEIKYO_TEST_TOKENS=$tokens
  meti=$(tr ';' '\n' <<<"$tokens" | sed -n 's/^METI=//p')

  # Under TLS: the CA and the operator's certificate, out of the trust volume.
  unset KEIKYO_TLS_CA KEIKYO_CLIENT_CERT KEIKYO_CLIENT_KEY
  if compose run --rm -T --entrypoint test trust -f "$trustdir/tls/ca.pem"; then
    for file in ca.pem operator.pem operator-key.pem; do
      compose run --rm -T --entrypoint cat trust "$trustdir/tls/$file" >"$work/$file"
    done
    export KEIKYO_TLS_CA=$work/ca.pem KEIKYO_CLIENT_CERT=$work/operator.pem KEIKYO_CLIENT_KEY=$work/operator-key.pem
  fi

  # Wait (bounded) until every service has reread the tokens file.
  for attempt in $(seq 1 60); do
    "$bin/keikyo" audit --token "$meti" --limit 1 >/dev/null 2>&1 && break
    [ "$attempt" -eq 60 ] && { echo "the services did not accept the new tokens" >&2; exit 1; }
    sleep 0.5
  done
  swift test --skip-build --filter IntegrationTests
  if [ -n "${backup_check:-}" ]; then
    # `keikyo backup` inside the image, with its pg_dump, of the running cases service's schema.
    compose exec -T cases keikyo backup --service cases --to /tmp/backup
    tables=$(compose exec -T cases pg_restore --list /tmp/backup/cases.pgdump | grep -c "TABLE DATA")
    echo "the image's pg_dump wrote $tables tables' data; pg_restore read them"
    [ "$tables" -gt 5 ] || { echo "expected the cases schema's tables in the dump" >&2; exit 1; }
  fi
  compose down -v --remove-orphans >/dev/null
}

echo "== the stack in plaintext"
run_stack
if [ -n "${KEIKYO_TEST_DATABASE_URL:-}" ]; then
  # Every service on the PostgreSQL server the run started (host networking: its loopback port),
  # each in its schema of one database.
  cat >"$work/compose.postgres.yaml" <<YAML
version: "2.4"
services:
YAML
  for service in cases financing diplomacy kpi; do
    cat >>"$work/compose.postgres.yaml" <<YAML
  $service:
    environment:
      KEIKYO_DATABASE_URL: "$KEIKYO_TEST_DATABASE_URL?schema=integration_$service"
      KEIKYO_DATABASE_PASSWORD: "$KEIKYO_TEST_DATABASE_PASSWORD"
YAML
  done
  echo "== the stack with mutual TLS (compose.tls.yaml), on PostgreSQL"
  backup_check=1 run_stack -f compose.tls.yaml -f "$work/compose.postgres.yaml"
else
  echo "== the stack with mutual TLS (compose.tls.yaml)"
  run_stack -f compose.tls.yaml
fi
