// swift-tools-version:6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

/// A service's library: its handlers and its SQLite storage.
func serviceLibrary(_ name: String, path: String) -> Target {
    .target(
        name: name,
        dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "KeikyoWire",
            "KeikyoModel",
            "KeikyoAPI",
            "KeikyoServiceCore",
            "KeikyoStorage",
            "KeikyoTrust",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: path,
        swiftSettings: strictSwift
    )
}

/// A service's executable: a thin `main` around its library's command.
func serviceExecutable(_ name: String, library: String, path: String) -> Target {
    .executableTarget(name: name, dependencies: [.byName(name: library)], path: path, swiftSettings: strictSwift)
}

let package = Package(
    name: "Keikyo",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "keikyo-cases", targets: ["KeikyoCasesMain"]),
        .executable(name: "keikyo-financing", targets: ["KeikyoFinancingMain"]),
        .executable(name: "keikyo-diplomacy", targets: ["KeikyoDiplomacyMain"]),
        .executable(name: "keikyo-kpi", targets: ["KeikyoKPIMain"]),
        .executable(name: "keikyo", targets: ["KeikyoCLI"]),
        .library(name: "KeikyoWire", targets: ["KeikyoWire"]),
        .library(name: "KeikyoModel", targets: ["KeikyoModel"]),
        .library(name: "KeikyoAPI", targets: ["KeikyoAPI"]),
        .library(name: "KeikyoTrust", targets: ["KeikyoTrust"]),
        .library(name: "KeikyoStorage", targets: ["KeikyoStorage"]),
        .library(name: "CasesService", targets: ["CasesService"]),
        .library(name: "FinancingService", targets: ["FinancingService"]),
        .library(name: "DiplomacyService", targets: ["DiplomacyService"]),
        .library(name: "KPIService", targets: ["KPIService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // C libraries from the system (Debian: libzstd-dev, libprotobuf-c-dev).
        .systemLibrary(
            name: "CZstd",
            path: "Shared/CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CProtobufC",
            path: "Shared/CProtobufC",
            pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]
        ),
        // protoc-c output for every file under Protos/ (scripts/generate-protos.sh).
        .target(
            name: "CKeikyoProtos",
            dependencies: ["CProtobufC"],
            path: "Shared/CKeikyoProtos",
            sources: ["src"],
            publicHeadersPath: "include"
        ),
        // KWP/1: framing, protobuf-c codec, compression, server, client.
        .target(
            name: "KeikyoWire",
            dependencies: [
                "CZstd",
                "CProtobufC",
                "CKeikyoProtos",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/KeikyoWire",
            swiftSettings: strictSwift
        ),
        // The domain: cases, money, code lists, validation, seed data. No NIO, no C.
        .target(
            name: "KeikyoModel",
            path: "Shared/KeikyoModel",
            swiftSettings: strictSwift
        ),
        // The service APIs on the wire: model types <-> protobuf-c messages, and method tables.
        .target(
            name: "KeikyoAPI",
            dependencies: ["KeikyoModel", "KeikyoWire", "CKeikyoProtos", "CProtobufC"],
            path: "Shared/KeikyoAPI",
            swiftSettings: strictSwift
        ),
        // Who may do what: tokens, the permissions policy, rate limits, the trust interceptor.
        .target(
            name: "KeikyoTrust",
            dependencies: [
                "KeikyoWire",
                "KeikyoModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/KeikyoTrust",
            swiftSettings: strictSwift
        ),
        // The start-up every service executable shares: flags, environment, logging, shutdown.
        .target(
            name: "KeikyoServiceCore",
            dependencies: [
                "KeikyoWire",
                "KeikyoStorage",
                "KeikyoAPI",
                "KeikyoTrust",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Shared/KeikyoServiceCore",
            swiftSettings: strictSwift
        ),
        // The store core every service configures: SQLite (GRDB) or PostgreSQL (postgres-nio),
        // migrations, idempotency keys, history, kept totals, page tokens.
        .target(
            name: "KeikyoStorage",
            dependencies: [
                "KeikyoWire",
                "KeikyoModel",
                "KeikyoAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/KeikyoStorage",
            swiftSettings: strictSwift
        ),

        // Cases service: library (handlers, storage) and its executable.
        serviceLibrary("CasesService", path: "Services/Cases/CasesService"),
        serviceExecutable("KeikyoCasesMain", library: "CasesService", path: "Services/Cases/Main"),

        // Financing service: public finance, pledges, the exchange-rate table.
        serviceLibrary("FinancingService", path: "Services/Financing/FinancingService"),
        serviceExecutable("KeikyoFinancingMain", library: "FinancingService", path: "Services/Financing/Main"),

        // Diplomacy service: top-sales events linked to cases.
        serviceLibrary("DiplomacyService", path: "Services/Diplomacy/DiplomacyService"),
        serviceExecutable("KeikyoDiplomacyMain", library: "DiplomacyService", path: "Services/Diplomacy/Main"),

        // KPI service: indicators, targets, official figures, progress, the dashboard.
        serviceLibrary("KPIService", path: "Services/KPI/KPIService"),
        serviceExecutable("KeikyoKPIMain", library: "KPIService", path: "Services/KPI/Main"),

        // The `keikyo` command line.
        .executableTarget(
            name: "KeikyoCLI",
            dependencies: [
                "CasesService",
                "FinancingService",
                "DiplomacyService",
                "KPIService",
                "KeikyoWire",
                "KeikyoModel",
                "KeikyoAPI",
                "KeikyoServiceCore",
                "KeikyoTrust",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/CLI",
            swiftSettings: strictSwift
        ),

        .target(
            name: "KeikyoTestSupport",
            dependencies: [
                "KeikyoWire",
                "KeikyoStorage",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/KeikyoTestSupport",
            swiftSettings: strictSwift
        ),
        // Raw KWP/1 connections for protocol tests (reaches KeikyoWire's internals: debug builds only).
        .target(
            name: "KeikyoWireTestSupport",
            dependencies: [
                "KeikyoWire", "KeikyoTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/KeikyoWireTestSupport",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KeikyoStorageTests",
            dependencies: [
                "KeikyoStorage", "KeikyoWire", "KeikyoTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/KeikyoStorageTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CasesServiceTests",
            dependencies: [
                "CasesService", "KeikyoAPI", "KeikyoModel", "KeikyoWire", "KeikyoTestSupport", "KeikyoServiceCore",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/CasesServiceTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "FinancingServiceTests",
            dependencies: [
                "FinancingService", "CasesService", "KeikyoAPI", "KeikyoModel", "KeikyoWire", "KeikyoTestSupport", "KeikyoServiceCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/FinancingServiceTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "DiplomacyServiceTests",
            dependencies: [
                "DiplomacyService", "CasesService", "KeikyoAPI", "KeikyoModel", "KeikyoWire", "KeikyoTestSupport", "KeikyoServiceCore",
            ],
            path: "Tests/DiplomacyServiceTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KPIServiceTests",
            dependencies: [
                "KPIService", "CasesService", "FinancingService", "DiplomacyService", "KeikyoAPI", "KeikyoModel", "KeikyoWire",
                "KeikyoTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/KPIServiceTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KeikyoAPITests",
            dependencies: ["KeikyoAPI", "KeikyoModel", "KeikyoWire", "CKeikyoProtos", "CProtobufC"],
            path: "Tests/KeikyoAPITests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["KeikyoCLI", "CasesService", "FinancingService", "DiplomacyService", "KPIService", "KeikyoAPI", "KeikyoModel", "KeikyoWire", "KeikyoTestSupport"],
            path: "Tests/CLITests",
            swiftSettings: strictSwift
        ),
        // Runs only against a running stack: KEIKYO_INTEGRATION=compose|local (scripts/integration-test.sh).
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["KeikyoAPI", "KeikyoModel", "KeikyoWire", "KeikyoTestSupport", "KeikyoServiceCore", "KeikyoTrust"],
            path: "Tests/IntegrationTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KeikyoTrustTests",
            dependencies: [
                "KeikyoTrust", "KeikyoWire", "KeikyoTestSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Tests/KeikyoTrustTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "TrustTests",
            dependencies: [
                "KeikyoTrust", "KeikyoAPI", "KeikyoModel", "KeikyoWire", "KeikyoTestSupport", "KeikyoWireTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TrustTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KeikyoModelTests",
            dependencies: ["KeikyoModel", "KeikyoTestSupport"],
            path: "Tests/KeikyoModelTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KeikyoWireTests",
            dependencies: [
                "KeikyoWire",
                "KeikyoTestSupport",
                "KeikyoWireTestSupport",
                "CKeikyoProtos",
                "CZstd",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/KeikyoWireTests",
            swiftSettings: strictSwift
        ),
    ]
)
