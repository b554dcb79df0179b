#!/usr/bin/env bash
# Builds the service image keikyo:local for compose.yaml on the Docker engine at $DOCKER_HOST:
# a static release build of the multi-call `keikyo` binary (stripped), the service names as
# links to it, the local base image, then `docker build` (which pulls nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --static-swift-stdlib --scratch-path .build-static --product keikyo
bin=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)

context=.build-image
rm -rf "$context"
mkdir -p "$context/bin" "$context/data"
cp "$bin/keikyo" "$context/bin/keikyo"
strip "$context/bin/keikyo"
for service in keikyo-cases keikyo-financing keikyo-diplomacy keikyo-kpi; do ln -s keikyo "$context/bin/$service"; done

scripts/make-base-image.sh
/usr/bin/docker build --quiet -f Dockerfile -t keikyo:local "$context" >/dev/null
/usr/bin/docker image ls keikyo:local
