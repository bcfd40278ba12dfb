// swift-tools-version: 6.1
import PackageDescription

/// Settings every target of refsh shares: Swift 6 mode with strict concurrency is the package
/// default; `ExistentialAny` makes every existential spelled `any`.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "refsh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "refsh", targets: ["refsh"]),
        .library(name: "ReferralKit", targets: ["ReferralKit"]),
        .library(name: "RefScript", targets: ["RefScript"]),
        .executable(name: "refsh-sandbox", targets: ["refsh-sandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // Core model: order-preserving JSON, paths, the Referral schema, transitions, diff/patch. No I/O.
        .target(
            name: "ReferralKit",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strict
        ),
        // The wire contract the client and the sandbox share: paths, headers, the error body, the
        // list page, the server-set fields, WriteRequest and the service protocol. No I/O.
        .target(name: "ReferralsWire", dependencies: ["ReferralKit"], swiftSettings: strict),
        // The command language: lexer, parser, checked syntax tree, interpreter, commands. No I/O.
        .target(
            name: "RefScript",
            dependencies: ["ReferralKit", "ReferralsWire", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: strict
        ),
        // The Referrals API as a pure function of request and store; the embedded sandbox's core. No I/O.
        .target(
            name: "SandboxCore",
            dependencies: [
                "ReferralKit", "ReferralsWire", .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The sandbox over HTTP: Hummingbird on loopback around SandboxCore.
        .target(
            name: "SandboxServer",
            dependencies: [
                "SandboxCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The standalone sandbox server: flags only.
        .executableTarget(
            name: "refsh-sandbox",
            dependencies: [
                "SandboxServer", "SandboxCore", "ReferralsWire", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks only: a trivial Hummingbird route, the limit scripts/bench-sandbox compares with.
        .executableTarget(
            name: "sandbox-baseline",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/SandboxBaseline",
            swiftSettings: strict
        ),
        // HTTP to the Referrals API behind a transport protocol: a ReferralService.
        .target(
            name: "Client",
            dependencies: [
                "ReferralKit", "ReferralsWire", .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks only: the update workflow's limit, a tight GET+PATCH loop (scripts/bench).
        .executableTarget(
            name: "bench-client",
            dependencies: [
                "Client",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/BenchClient",
            swiftSettings: strict
        ),
        // libedit, the system line editor (Debian libedit-dev), with a shim for its variadic calls.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // The only terminal code: line readers behind the `LineReader` protocol, secret reading.
        .target(name: "LineEditor", dependencies: ["CEditLine"], swiftSettings: strict),
        // The REPL and the script runner: reads lines, feeds the interpreter; files and streams.
        .target(name: "Shell", dependencies: ["ReferralKit", "ReferralsWire", "RefScript", "LineEditor", "SafeFiles"], swiftSettings: strict),
        // Files written whole or not at all (temporary file, fsync, rename), keeping their mode.
        .target(name: "SafeFiles", swiftSettings: strict),
        // Signing in to Microsoft Entra ID: the device-code flow, the token cache, the credential
        // helper; bearer credentials that renew themselves for the client.
        .target(name: "SignIn", dependencies: ["ReferralKit", "ReferralsWire", "Client", "SafeFiles"], swiftSettings: strict),
        // Support: traces, HAR recordings with redaction (every encoding; contact data on request),
        // replay of a recording with no network.
        .target(name: "Troubleshooting", dependencies: ["ReferralKit", "ReferralsWire", "Client", "SafeFiles"], swiftSettings: strict),
        // The version and the commit refsh is built from (the commit is written before each build).
        .target(name: "BuildInfo", swiftSettings: strict, plugins: ["BuildInfoPlugin"]),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), path: "Plugins/BuildInfoPlugin"),
        // `refsh mcp`: the referral tools for AI assistants over the Model Context Protocol (docs/mcp.md).
        .target(
            name: "AssistantTools",
            dependencies: [
                "ReferralKit", "ReferralsWire", "RefScript", "Troubleshooting", .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The composition root: endpoint choice, the embedded sandbox, the client, token sources, run modes.
        .target(
            name: "RefshApp",
            dependencies: [
                "ReferralKit", "ReferralsWire", "RefScript", "LineEditor", "Shell", "Client", "SandboxCore", "SandboxServer", "BuildInfo",
                "SignIn", "Troubleshooting", "SafeFiles", "AssistantTools",
            ],
            swiftSettings: strict
        ),
        // The executable: parses flags and hands over to RefshApp, nothing else.
        .executableTarget(
            name: "refsh",
            dependencies: ["RefshApp", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        // The fuzzer's entry points over the parsers and the sandbox's handler (scripts/fuzz).
        .target(
            name: "FuzzTargets", dependencies: ["ReferralKit", "ReferralsWire", "RefScript", "SandboxCore", "Client", "Troubleshooting"],
            swiftSettings: strict),
        // libFuzzer's driver when built by scripts/fuzz; otherwise it replays files through a target.
        .executableTarget(name: "refsh-fuzz", dependencies: ["FuzzTargets"], swiftSettings: strict),
        .testTarget(
            name: "ReferralKitTests",
            dependencies: ["ReferralKit", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        // Test support: golden case files (script, expected output, exit code), shared by the
        // in-process and the end-to-end golden suites.
        .target(name: "GoldenSupport", dependencies: ["RefScript"], path: "Tests/GoldenSupport", swiftSettings: strict),
        .testTarget(name: "ReferralsWireTests", dependencies: ["ReferralsWire", "ReferralKit"], swiftSettings: strict),
        .testTarget(
            name: "RefScriptTests",
            dependencies: [
                "RefScript", "ReferralsWire", "ReferralKit", "Shell", "GoldenSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ShellTests", dependencies: ["Shell", "RefScript", "ReferralsWire", "ReferralKit", "LineEditor", "GoldenSupport"],
            swiftSettings: strict),
        .testTarget(name: "SandboxCoreTests", dependencies: ["SandboxCore", "ReferralsWire", "ReferralKit"], swiftSettings: strict),
        .testTarget(
            name: "SandboxServerTests",
            dependencies: [
                "SandboxServer", "SandboxCore", "ReferralsWire", "ReferralKit", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // The saved fuzz corpus and every crash reproducer, through each target, as ordinary tests.
        .testTarget(name: "FuzzCorpusTests", dependencies: ["FuzzTargets"], exclude: [], swiftSettings: strict),
        .testTarget(name: "SignInTests", dependencies: ["SignIn", "Client", "ReferralsWire", "ReferralKit", "SandboxCore"], swiftSettings: strict),
        .testTarget(
            name: "TroubleshootingTests", dependencies: ["Troubleshooting", "Client", "ReferralsWire", "ReferralKit"], swiftSettings: strict),
        .testTarget(name: "ClientTests", dependencies: ["Client", "ReferralsWire", "ReferralKit"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "RefshApp", "Shell", "RefScript", "ReferralsWire", "GoldenSupport", "SignIn", "SandboxCore", "Client", "Troubleshooting",
                "ReferralKit",
            ],
            exclude: ["Golden", "Peers"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
