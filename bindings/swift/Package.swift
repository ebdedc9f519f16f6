// swift-tools-version:5.9
// The Swift bindings as a package, built and tested on Linux by scripts/test-swift, which first
// writes Generated/ from the current Rust code (the uniffi Swift source, the C header and module
// map) and passes the linker the folder of libsmileid_ffi.so.
import PackageDescription

let package = Package(
    name: "SmileIdFfi",
    products: [
        .library(name: "SmileIdFfi", targets: ["SmileIdFfi"]),
        // The sandbox process, test photos and camera frames, for other packages' tests.
        .library(name: "SmileIdTestSupport", targets: ["SmileIdTestSupport"]),
    ],
    targets: [
        // The C side of the library: the generated header, and `link "smileid_ffi"`.
        .systemLibrary(name: "SmileIdFfiFFI", path: "Generated/SmileIdFfiFFI"),
        // The generated Swift, and the hand-written additions shipped with it (Sources/SmileIdFfi).
        .target(
            name: "SmileIdFfi",
            dependencies: ["SmileIdFfiFFI"],
            path: ".",
            exclude: [
                "Example.swift", "Sources/SmileIdTestSupport", "Tests", "ios", "check_swift.py",
            ],
            sources: ["Generated/SmileIdFfi", "Sources/SmileIdFfi"]
        ),
        // The example of bindings/README.md: compiled, and run by ExampleTests.
        .target(
            name: "SmileIdExample",
            dependencies: ["SmileIdFfi"],
            path: ".",
            exclude: ["Generated", "Sources", "Tests", "ios", "check_swift.py"],
            sources: ["Example.swift"]
        ),
        .target(
            name: "SmileIdTestSupport", dependencies: ["SmileIdFfi"],
            path: "Sources/SmileIdTestSupport"),
        .testTarget(
            name: "SmileIdFfiTests",
            dependencies: ["SmileIdFfi", "SmileIdExample", "SmileIdTestSupport"],
            path: "Tests/SmileIdFfiTests"
        ),
    ]
)
