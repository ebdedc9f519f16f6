require "json"
require "fileutils"

package = JSON.parse(File.read(File.join(__dir__, "package.json")))

# The Rust library comes prebuilt (ios/SmileIdFfi.xcframework and the Swift bindings in
# ios/generated/, which `npm run prepare-native` copies from scripts/build-ios), or is built from
# the Rust sources by a script phase: those of rust/ (a source-only package) or of the
# repository (a checkout).
xcframework = File.join(__dir__, "ios/SmileIdFfi.xcframework")
rust_root = [File.join(__dir__, "rust"), File.join(__dir__, "..")].find do |dir|
  %w[Cargo.lock bindings/tools/xcode-build-rust].all? { |f| File.exist?(File.join(dir, f)) }
end
prebuilt = Dir.exist?(xcframework)
unless prebuilt || rust_root
  raise "react-native-smileid-rs: #{xcframework} is missing, and there are no Rust sources " \
        "(rust/Cargo.lock) to build it from. Fix: install a released package (it carries the " \
        "xcframework), or in a checkout of smileid-rs run `npm run prepare-native` in " \
        "react-native-module/ (macOS with Xcode), or install a source-only package (packed " \
        "with SMILEID_SOURCE_ONLY=1) with Rust installed (https://rustup.rs)."
end

Pod::Spec.new do |s|
  s.name         = "RnSmileId"
  s.version      = package["version"]
  s.summary      = package["description"]
  s.homepage     = "https://github.com/smileid-rs/smileid-rs"
  s.license      = package["license"]
  s.authors      = "smileid-rs"
  s.platforms    = { :ios => "15.1" }
  s.source       = { :git => "https://github.com/smileid-rs/smileid-rs.git", :tag => "v#{s.version}" }
  s.swift_version = "5.9"

  # The glue (ios/RnSmileId*.{h,mm,swift}, the plain Swift in ios/Glue; not ios/Package.swift,
  # which builds ios/Glue for the Linux tests) and the Swift bindings.
  s.source_files = "ios/RnSmileId*.{h,mm,swift}", "ios/Glue/*.swift", "ios/generated/*.swift"
  # Obj-C++ only (they import the codegen'd spec header): kept out of the umbrella header that
  # the pod's Swift imports as a Clang module (scripts/check-swift checks this).
  s.private_header_files = "ios/RnSmileId.h"

  if prebuilt
    # The Rust library as static libraries per platform, with the C header and module map that
    # SmileIdFfi.swift imports.
    s.vendored_frameworks = "ios/SmileIdFfi.xcframework"
  else
    # CocoaPods lists the sources when `pod install` runs, before any build: the hand-written
    # Swift of module SmileIdFfi now, the generated file as a placeholder the script phase
    # overwrites before compiling.
    generated = File.join(__dir__, "ios/generated")
    FileUtils.mkdir_p(generated)
    FileUtils.cp(Dir.glob(File.join(rust_root, "bindings/swift/Sources/SmileIdFfi/*.swift")),
                 generated)
    bindings = File.join(generated, "SmileIdFfi.swift")
    unless File.exist?(bindings)
      File.write(bindings, "// Written by the build (bindings/tools/xcode-build-rust).\n")
    end
    lib_dir = "$(PODS_CONFIGURATION_BUILD_DIR)/RnSmileId"
    s.script_phases = [{
      :name => "Build the Rust library (smileid-ffi)",
      # A shell script: Xcode's settings are environment variables there.
      :script => %("#{File.join(rust_root, "bindings/tools/xcode-build-rust")}" ) +
                 %("${CONFIGURATION_BUILD_DIR}" "${PODS_TARGET_SRCROOT}/ios/generated"),
      :execution_position => :before_compile,
      :output_files => ["#{lib_dir}/libsmileid_ffi.a",
                        "$(PODS_TARGET_SRCROOT)/ios/generated/SmileIdFfi.swift"],
      # cargo decides what is out of date.
      :always_out_of_date => "1",
    }]
    # The module map of smileid_ffiFFI sits next to the generated Swift; the app links the library.
    s.pod_target_xcconfig = {
      "SWIFT_INCLUDE_PATHS" => "$(inherited) $(PODS_TARGET_SRCROOT)/ios/generated",
      "ENABLE_USER_SCRIPT_SANDBOXING" => "NO",
    }
    s.user_target_xcconfig = { "OTHER_LDFLAGS" => %($(inherited) -L"#{lib_dir}" -lsmileid_ffi) }
  end

  install_modules_dependencies(s)
end
