#!/usr/bin/env node
// Run by `npm pack` / `npm publish` (prepack): refuses to pack a package apps cannot build. It
// must carry the Rust library and its generated bindings for both platforms, or, for a
// source-only package (SMILEID_SOURCE_ONLY=1), the Rust sources the Android (Gradle) and iOS
// (CocoaPods script phase) builds compile instead.
//
//   node scripts/check-native.js [PACKAGE_DIR]      (default: this package)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ABIS = ['arm64-v8a', 'armeabi-v7a', 'x86_64', 'x86'];
const XCFRAMEWORK = 'ios/SmileIdFfi.xcframework';

/**
 * What a package with prebuilt libraries carries (scripts/build-react-native-native): on Android
 * the mobile library, whose requests go through OkHttpTransport.
 */
const NATIVE = [
  ...ABIS.map(abi => `android/src/main/jniLibs/${abi}/libsmileid_ffi.so`),
  'android/src/main/kotlin/com/smileid/ffi/smileid.kt',
  'android/src/main/kotlin/com/smileid/ffi/OkHttpTransport.kt',
  `${XCFRAMEWORK}/Info.plist`,
  `${XCFRAMEWORK}/ios-arm64/libsmileid_ffi.a`,
  `${XCFRAMEWORK}/ios-arm64_x86_64-simulator/libsmileid_ffi.a`,
  'ios/generated/SmileIdFfi.swift',
];

/** What a source-only package carries (scripts/build-react-native-native --rust). */
const SOURCES = [
  'rust/Cargo.toml',
  'rust/Cargo.lock',
  'rust/.cargo/config.toml',
  'rust/core/Cargo.toml',
  'rust/vendor/fast_image_resize/Cargo.toml',
  'rust/bindings/Cargo.toml',
  'rust/bindings/release-small.toml',
  'rust/bindings/uniffi-android.toml',
  'rust/bindings/tools/xcode-build-rust',
  'rust/bindings/tools/privatize-sqlite',
  'rust/bindings/kotlin/src/main/kotlin/com/smileid/ffi/OkHttpTransport.kt',
];

/**
 * The artefacts `pkgDir` lacks for the kind of package `env` asks for.
 * @returns {{sourceOnly: boolean, missing: string[]}}
 */
function missingArtefacts(pkgDir, env) {
  const sourceOnly = env.SMILEID_SOURCE_ONLY === '1';
  const wanted = sourceOnly ? SOURCES : NATIVE;
  return { sourceOnly, missing: wanted.filter(f => !fs.existsSync(path.join(pkgDir, f))) };
}

function main() {
  const pkgDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const { sourceOnly, missing } = missingArtefacts(pkgDir, process.env);
  if (missing.length === 0) {
    console.log(`check-native: ${sourceOnly ? 'Rust sources' : 'native artefacts'} in place`);
    return;
  }
  const fix = sourceOnly
    ? 'run `../scripts/build-react-native-native --rust` (copies the Rust workspace into rust/)'
    : 'run `npm run prepare-native` (scripts/build-react-native-native: the Android NDK and ' +
      'macOS with Xcode), or pack a source-only package with SMILEID_SOURCE_ONLY=1 after ' +
      '`../scripts/build-react-native-native --rust`';
  console.error(
    `check-native: not packing react-native-smileid-rs: missing ${missing.join(', ')}.\n` +
      `Fix: ${fix}.`,
  );
  process.exitCode = 1;
}

module.exports = { ABIS, NATIVE, SOURCES, missingArtefacts };

if (require.main === module) main();
