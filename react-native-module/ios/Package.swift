// swift-tools-version:5.9
// The React Native module's plain Swift (Glue/: the bridge host, and the camera screen's capture
// and frames) as a package, built and tested on Linux by scripts/test-swift against the Swift
// bindings (bindings/swift, whose Generated/ that script writes). The iOS-only files beside it
// (React, UIKit, AVFoundation) are checked by scripts/check-swift; the pod is RnSmileId.podspec.
import PackageDescription

let bindings = "swift"  // the identity of the path dependency below

let package = Package(
    name: "RnSmileIdGlue",
    dependencies: [.package(path: "../../bindings/swift")],
    targets: [
        .target(
            name: "RnSmileIdGlue",
            dependencies: [.product(name: "SmileIdFfi", package: bindings)],
            path: "Glue"
        ),
        // Frames/s of the camera screen's path from Swift, for scripts/bench-bindings.
        .executableTarget(
            name: "FrameBench",
            dependencies: [
                "RnSmileIdGlue",
                .product(name: "SmileIdFfi", package: bindings),
                .product(name: "SmileIdTestSupport", package: bindings),
            ],
            path: "Bench/FrameBench"
        ),
        .testTarget(
            name: "RnSmileIdGlueTests",
            dependencies: [
                "RnSmileIdGlue",
                .product(name: "SmileIdFfi", package: bindings),
                .product(name: "SmileIdTestSupport", package: bindings),
            ],
            path: "Tests/RnSmileIdGlueTests"
        ),
    ]
)
