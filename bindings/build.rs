//! Link arguments of the shared library (cdylib) that every build of it needs, whoever runs cargo
//! (scripts/build-android, the React Native package's Gradle build from source, the tests here).

fn main() {
    // Only this script decides its output: without the line, any file of the package (the Kotlin
    // and Swift sources and tests, READMEs) would rerun it and relink the LTO library.
    println!("cargo:rerun-if-changed=build.rs");
    // 16 KB pages: Android 15+ devices with 16 KB memory pages only load libraries whose LOAD
    // segments are aligned to 16 KB (Google Play requires it for apps targeting Android 15+).
    // Linux builds get the same alignment so scripts/check-native-libs can check it here.
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "android" || os == "linux" {
        println!("cargo:rustc-link-arg-cdylib=-Wl,-z,max-page-size=16384");
    }
}
