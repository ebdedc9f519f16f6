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

  # The glue (ios/*.{h,mm,swift}, the plain Swift in ios/Glue) and the Swift bindings, which
  # `npm run prepare-native` copies from scripts/build-ios into ios/generated/ together with the
  # xcframework.
  s.source_files = "ios/*.{h,mm,swift}", "ios/Glue/*.swift", "ios/generated/*.swift"
  # The Rust library as static libraries per platform, with the C header and module map that
  # SmileIdFfi.swift imports.
  s.vendored_frameworks = "ios/SmileIdFfi.xcframework"

  install_modules_dependencies(s)
end
