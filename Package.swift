// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "briefings",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "briefings", targets: ["briefings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // 4.x for jwt-kit 5 (single sign-on); 3.12.3 still satisfies everything else.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The desk's file uploads (a briefing's material): multipart/form-data bodies.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        .systemLibrary(
            name: "BriefingsCLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        .target(
            name: "BriefingsDomain"
        ),
        .target(
            name: "BriefingsMessages",
            dependencies: ["BriefingsDomain", .product(name: "Mustache", package: "swift-mustache")],
            plugins: ["EmbedTemplates"]
        ),
        .target(
            name: "BriefingsStore",
            dependencies: [
                "BriefingsDomain",
                "BriefingsMessages",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            plugins: ["EmbedSchema"]
        ),
        .executableTarget(name: "schema-embed"),
        .plugin(name: "EmbedSchema", capability: .buildTool(), dependencies: ["schema-embed"]),
        .plugin(name: "EmbedOpenAPI", capability: .buildTool(), dependencies: ["schema-embed"]),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["schema-embed"]),
        .target(
            name: "BriefingsAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            name: "BriefingsClient",
            dependencies: [
                "BriefingsAPI",
                "BriefingsDomain",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
        // The command line's client of a remote service: the desk's values over the generated client. It must never
        // depend on BriefingsStore (docs/architecture.md): then it cannot import it, and the remote mode links no database.
        .target(
            name: "BriefingsRemote",
            dependencies: [
                "BriefingsDomain",
                "BriefingsAPI",
                "BriefingsClient",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ]
        ),
        .target(
            name: "BriefingsCalendar",
            dependencies: ["BriefingsDomain", "BriefingsCLibical"]
        ),
        // Reads other systems' calendars over HTTP (issue 26): officers' published calendars and the committee calendar
        // (ModernGov's web service or an iCalendar feed), with size and time limits and conditional GETs.
        .target(
            name: "BriefingsImports",
            dependencies: [
                "BriefingsDomain",
                "BriefingsStore",
                "BriefingsCalendar",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "BriefingsMail",
            dependencies: ["BriefingsDomain", "BriefingsMessages", "BriefingsStore", "BriefingsCalendar"]
        ),
        .target(
            name: "BriefingsServer",
            dependencies: [
                "BriefingsDomain",
                "BriefingsMessages",
                "BriefingsStore",
                "BriefingsCalendar",
                "BriefingsMail",
                "BriefingsImports",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                "BriefingsAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedOpenAPI", "EmbedTemplates"]
        ),
        .target(
            name: "BriefingsCLI",
            dependencies: [
                "BriefingsDomain",
                "BriefingsMessages",
                "BriefingsStore",
                "BriefingsCalendar",
                "BriefingsServer",
                "BriefingsMail",
                "BriefingsImports",
                "BriefingsClient",
                "BriefingsRemote",
                "BriefingsAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "briefings",
            dependencies: ["BriefingsCLI"]
        ),
        .executableTarget(
            name: "briefings-bench",
            dependencies: ["BriefingsStore", "BriefingsDomain", "BriefingsCalendar", .product(name: "GRDB", package: "GRDB.swift")],
            path: "benchmarks/Sources/briefings-bench"
        ),
        .testTarget(name: "BriefingsDomainTests", dependencies: ["BriefingsDomain"]),
        .testTarget(name: "BriefingsMessagesTests", dependencies: ["BriefingsMessages", "BriefingsDomain"]),
        .testTarget(name: "BriefingsStoreTests", dependencies: [
            "BriefingsStore", "BriefingsDomain", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "BriefingsCalendarTests", dependencies: ["BriefingsCalendar", "BriefingsDomain"]),
        .testTarget(name: "BriefingsMailTests", dependencies: ["BriefingsMail", "BriefingsStore", "BriefingsDomain"]),
        .testTarget(name: "BriefingsServerTests", dependencies: [
            "BriefingsServer", "BriefingsStore", "BriefingsDomain", "BriefingsCLI", "BriefingsImports",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "JWTKit", package: "jwt-kit"),
        ]),
        .testTarget(name: "BriefingsImportsTests", dependencies: [
            "BriefingsImports", "BriefingsStore", "BriefingsDomain", "BriefingsCalendar", "BriefingsCLI", "BriefingsServer",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "BriefingsCLITests", dependencies: [
            "BriefingsCLI", "BriefingsStore", "BriefingsDomain", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
