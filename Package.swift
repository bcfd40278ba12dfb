// swift-tools-version: 6.1
import PackageDescription

/// Settings every target of refsh shares: Swift 6 mode with strict concurrency is the package
/// default; `ExistentialAny` makes every existential spelled `any`.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "refsh",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ReferralKit", targets: ["ReferralKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Core model: order-preserving JSON, paths, the Referral schema, transitions, diff/patch. No I/O.
        .target(
            name: "ReferralKit",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ReferralKitTests",
            dependencies: ["ReferralKit", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
