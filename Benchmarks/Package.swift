// swift-tools-version:6.1
// Benchmarks live in their own package so that the product's build never pulls in what only
// benchmarks need (gRPC, swift-protobuf). Run everything with scripts/bench.sh from the root.
import PackageDescription

let package = Package(
    name: "KeikyoBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Keikyo", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", exact: "0.2.0"),
        // Only built, never linked: scripts/bench.sh preloads it for `keikyo-bench allocations`.
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", exact: "1.6.1"),
    ],
    targets: [
        // swift-protobuf messages and grpc-swift-2 stubs from ../Protos (scripts/generate-swift-protos.sh).
        .target(
            name: "BenchProtos",
            dependencies: [
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            ],
            path: "Sources/BenchProtos"
        ),
        // zlib, for gzip: what gRPC compresses with.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .executableTarget(
            name: "KeikyoBench",
            dependencies: [
                "BenchProtos",
                "CZlib",
                .product(name: "KeikyoWire", package: "Keikyo"),
                .product(name: "KeikyoAPI", package: "Keikyo"),
                .product(name: "KeikyoModel", package: "Keikyo"),
                .product(name: "KeikyoTrust", package: "Keikyo"),
                .product(name: "CasesService", package: "Keikyo"),
                .product(name: "KeikyoStorage", package: "Keikyo"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Sources/KeikyoBench",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
