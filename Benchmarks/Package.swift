// swift-tools-version:6.1
// Benchmarks live in their own package so that the product's build never pulls in what only
// benchmarks need. Run from this folder: swift run -c release keikyo-bench --help
import PackageDescription

let package = Package(
    name: "KeikyoBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Keikyo", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "KeikyoBench",
            dependencies: [
                .product(name: "KeikyoWire", package: "Keikyo"),
                .product(name: "KeikyoAPI", package: "Keikyo"),
                .product(name: "KeikyoModel", package: "Keikyo"),
                .product(name: "CasesService", package: "Keikyo"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/KeikyoBench",
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
