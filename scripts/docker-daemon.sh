#!/usr/bin/env bash
# Starts or stops a private Docker engine for this project (there is no systemd here).
#   scripts/docker-daemon.sh start   # prints the DOCKER_HOST to export
#   scripts/docker-daemon.sh stop
# State lives under $KEIKYO_DOCKER_DIR (default /tmp/keikyo-docker). Needs docker.io.
set -euo pipefail
dir=${KEIKYO_DOCKER_DIR:-/tmp/keikyo-docker}
socket="$dir/docker.sock"
pidfile="$dir/dockerd.pid"

case "${1:-}" in
start)
  mkdir -p "$dir"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "unix://$socket"
    exit 0
  fi
  dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$pidfile" -H "unix://$socket" \
    >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do
    DOCKER_HOST="unix://$socket" /usr/bin/docker version >/dev/null 2>&1 && { echo "unix://$socket"; exit 0; }
    sleep 0.5
  done
  echo "dockerd did not start; its log:" >&2
  tail -30 "$dir/dockerd.log" >&2
  exit 1
  ;;
stop)
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  # What dockerd leaves mounted.
  umount "$dir/exec/netns/default" 2>/dev/null || true
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
