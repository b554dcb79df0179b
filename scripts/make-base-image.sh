#!/usr/bin/env bash
# Builds debian:bookworm-slim locally (there is no container registry here): mmdebstrap's
# essential variant from Debian's mirror, plus the libraries the services link, without
# documentation, man pages, translations and iconv modules (as Debian's own slim images drop
# docs), imported into the Docker engine at $DOCKER_HOST. Skips the work when the image exists.
set -euo pipefail
docker=/usr/bin/docker
if $docker image inspect debian:bookworm-slim >/dev/null 2>&1; then exit 0; fi
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
# Through a file, so that a failed mmdebstrap never leaves an empty image behind.
tarball=$(mktemp --suffix=.tar)
trap 'rm -f "$tarball"' EXIT
mmdebstrap --quiet --variant=essential \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/lib/x86_64-linux-gnu/gconv/*' \
  --include=libstdc++6,libprotobuf-c1,libzstd1,libsqlite3-0 \
  bookworm "$tarball" "$mirror"
$docker import "$tarball" debian:bookworm-slim
$docker image ls debian:bookworm-slim
