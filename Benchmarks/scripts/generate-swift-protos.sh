#!/usr/bin/env bash
# Regenerates Benchmarks/Sources/BenchProtos: swift-protobuf messages and grpc-swift-2 stubs
# for the benchmark's gRPC contender, from the same Protos/ files as the product's protobuf-c
# code.
#   Benchmarks/scripts/generate-swift-protos.sh          rewrite the committed code
#   Benchmarks/scripts/generate-swift-protos.sh --check  exit 1 if it differs from a fresh generation
# Needs protoc (Debian: protobuf-compiler). The two protoc plugins are built from the pinned
# packages into $KEIKYO_PLUGIN_DIR (default /tmp/keikyo-protoc-plugins), once.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
protos="$here/../Protos"
target="$here/Sources/BenchProtos"
plugins=${KEIKYO_PLUGIN_DIR:-/tmp/keikyo-protoc-plugins}
command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 2; }

if [ ! -x "$plugins/bin/protoc-gen-swift" ] || [ ! -x "$plugins/bin/protoc-gen-grpc-swift-2" ]; then
  mkdir -p "$plugins/package/Empty" "$plugins/bin"
  cat >"$plugins/package/Package.swift" <<'PACKAGE'
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "ProtocPlugins",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
    ],
    targets: [.target(name: "Empty", path: "Empty")]
)
PACKAGE
  : >"$plugins/package/Empty/Empty.swift"
  for product in protoc-gen-swift protoc-gen-grpc-swift-2; do
    swift build -c release --package-path "$plugins/package" --product "$product" >&2
  done
  bin=$(swift build -c release --package-path "$plugins/package" --show-bin-path)
  cp "$bin/protoc-gen-swift" "$bin/protoc-gen-grpc-swift-2" "$plugins/bin/"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=(keikyo/common/v1/common.proto keikyo/cases/v1/cases.proto keikyo/echo/v1/echo.proto keikyo/bench/v1/bench.proto)
(cd "$protos" && protoc -I. \
  --plugin=protoc-gen-swift="$plugins/bin/protoc-gen-swift" --swift_out="$work" --swift_opt=Visibility=Public "${files[@]}")
(cd "$protos" && protoc -I. \
  --plugin=protoc-gen-grpc-swift-2="$plugins/bin/protoc-gen-grpc-swift-2" --grpc-swift-2_out="$work" \
  --grpc-swift-2_opt=Visibility=Public,Client=true,Server=true keikyo/bench/v1/bench.proto)
# bench.proto has services only: its .pb.swift holds no code.
rm -f "$work/keikyo/bench/v1/bench.pb.swift"

if [ "${1:-}" = "--check" ]; then
  if ! diff -r "$work" "$target" >/dev/null; then
    diff -r "$work" "$target" | head -40 >&2
    echo "Benchmarks/Sources/BenchProtos differs from Protos/: run Benchmarks/scripts/generate-swift-protos.sh" >&2
    exit 1
  fi
  echo "Benchmarks/Sources/BenchProtos matches Protos/"
else
  rm -rf "$target"
  mkdir -p "$target"
  cp -R "$work"/. "$target"/
  echo "regenerated $target"
fi
