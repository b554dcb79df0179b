#!/usr/bin/env bash
# Builds debian:bookworm-slim locally (there is no container registry here): mmdebstrap's
# essential variant from Debian's mirror, plus the libraries the services link, without
# documentation, man pages, translations and iconv modules (as Debian's own slim images drop
# docs), imported into the Docker engine at $DOCKER_HOST. Also PostgreSQL 15's pg_dump and
# pg_restore (for `keikyo backup`/`restore` on PostgreSQL) with libpq: the two programs are
# taken from Debian's postgresql-client-15 package, without the package itself (it would
# bring Perl for its wrapper scripts). Skips the work when the image of this recipe exists
# (the `keikyo.base` label).
set -euo pipefail
docker=/usr/bin/docker
recipe=2
if [ "$($docker image inspect --format '{{ index .Config.Labels "keikyo.base" }}' debian:bookworm-slim 2>/dev/null)" = "$recipe" ]; then
  exit 0
fi
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
# Through a file, so that a failed mmdebstrap never leaves an empty image behind.
tarball=$(mktemp --suffix=.tar)
postgres=$(mktemp -d)
trap 'rm -rf "$tarball" "$postgres"' EXIT
# The package of the mirror's version, fetched by the host's apt (the same mirror and release).
(cd "$postgres" && apt-get -o APT::Sandbox::User=root download -qq postgresql-client-15)
dpkg-deb -x "$postgres"/postgresql-client-15_*.deb "$postgres/root"
mmdebstrap --quiet --variant=essential \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/lib/x86_64-linux-gnu/gconv/*' \
  --include=libstdc++6,libprotobuf-c1,libzstd1,libsqlite3-0,libpq5,liblz4-1,zlib1g \
  --customize-hook='mkdir -p "$1/usr/lib/postgresql/15/bin"' \
  --customize-hook="copy-in $postgres/root/usr/lib/postgresql/15/bin/pg_dump $postgres/root/usr/lib/postgresql/15/bin/pg_restore /usr/lib/postgresql/15/bin" \
  bookworm "$tarball" "$mirror"
$docker import --change "LABEL keikyo.base=$recipe" "$tarball" debian:bookworm-slim
$docker image ls debian:bookworm-slim
