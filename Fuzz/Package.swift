// swift-tools-version:6.1
// libFuzzer targets for what a Keikyo service reads from the network and the CLI reads from
// users: frames and envelopes, every request message, and JSON to protobuf. Their own package,
// built with -sanitize=fuzzer,address by scripts/fuzz.sh, so the product's build is untouched.
import PackageDescription

/// A fuzzer: SwiftPM links an executable's entry point as `<Target>_main`, which each target
/// defines to hand over to libFuzzer's driver (`FuzzDriver.runFuzzer`).
let fuzzTarget: (String, [Target.Dependency]) -> Target = { name, dependencies in
    .executableTarget(
        name: name, dependencies: dependencies + ["FuzzDriver"], path: "Sources/\(name)",
        swiftSettings: [.swiftLanguageMode(.v6), .unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "KeikyoFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Keikyo", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        fuzzTarget("FuzzWire", [.product(name: "KeikyoWire", package: "Keikyo")]),
        fuzzTarget("FuzzRequests", [
            .product(name: "KeikyoWire", package: "Keikyo"), .product(name: "KeikyoAPI", package: "Keikyo"),
            .product(name: "KeikyoModel", package: "Keikyo"), "FuzzSupport",
        ]),
        fuzzTarget("FuzzJSON", [
            .product(name: "KeikyoWire", package: "Keikyo"), .product(name: "KeikyoAPI", package: "Keikyo"), "FuzzSupport",
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .target(name: "CFuzzer", path: "Sources/CFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CFuzzer"], path: "Sources/FuzzDriver", swiftSettings: [.swiftLanguageMode(.v6)]),
        // Writes the seed corpus (scripts/fuzz.sh seeds).
        .executableTarget(
            name: "FuzzSeeds",
            dependencies: [
                "FuzzSupport", .product(name: "KeikyoWire", package: "Keikyo"), .product(name: "KeikyoAPI", package: "Keikyo"),
                .product(name: "KeikyoModel", package: "Keikyo"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/FuzzSeeds", swiftSettings: [.swiftLanguageMode(.v6)]),
        // Every request type of every service, by method, for the two targets that need them.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "KeikyoWire", package: "Keikyo"), .product(name: "KeikyoAPI", package: "Keikyo"),
                .product(name: "KeikyoModel", package: "Keikyo"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/FuzzSupport", swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
