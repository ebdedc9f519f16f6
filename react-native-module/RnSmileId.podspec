require "json"

package = JSON.parse(File.read(File.join(__dir__, "package.json")))

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
  # which builds ios/Glue for the Linux tests) and the Swift bindings, which
  # `npm run prepare-native` copies from scripts/build-ios into ios/generated/ together with the
  # xcframework.
  s.source_files = "ios/RnSmileId*.{h,mm,swift}", "ios/Glue/*.swift", "ios/generated/*.swift"
  # Obj-C++ only (they import the codegen'd spec header): kept out of the umbrella header that
  # the pod's Swift imports as a Clang module (scripts/check-swift checks this).
  s.private_header_files = "ios/RnSmileId.h"
  # The Rust library as static libraries per platform, with the C header and module map that
  # SmileIdFfi.swift imports.
  s.vendored_frameworks = "ios/SmileIdFfi.xcframework"

  install_modules_dependencies(s)
end
