'use strict';
// The platforms the `smileid` binary ships for: one npm package each, installed as an optional
// dependency of smileid-rs that npm keeps only where its `os` and `cpu` match the machine.
// Read by the launcher at run time and by pack.js, which writes each package from this table.

/** Rust target triple of each supported `${process.platform}-${process.arch}`. */
const PLATFORMS = {
  'linux-x64': 'x86_64-unknown-linux-gnu',
  'linux-arm64': 'aarch64-unknown-linux-gnu',
  'darwin-arm64': 'aarch64-apple-darwin',
  'darwin-x64': 'x86_64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
};

const LAUNCHER = 'smileid-rs';
const FROM_SOURCE = 'cargo build --release --locked -p smileid-cli';

/** The npm package that carries the binary for a platform key such as `linux-x64`. */
function packageName(key) {
  return `${LAUNCHER}-${key}`;
}

/** The binary's path inside its platform package. */
function binaryPath(key) {
  return key.startsWith('win32-') ? 'bin/smileid.exe' : 'bin/smileid';
}

/**
 * Where the binary for this machine is, or an Error whose message says what to do.
 * `resolve` is require.resolve (injected so tests can run without the packages installed).
 */
function locateBinary(platform, arch, env, resolve) {
  if (env.SMILEID_BINARY) return env.SMILEID_BINARY;
  const key = `${platform}-${arch}`;
  if (!(key in PLATFORMS)) {
    return new Error(
      `smileid: no prebuilt binary for ${key}. Supported: ${Object.keys(PLATFORMS).join(', ')}.\n` +
        `Build it from a checkout of smileid-rs with \`${FROM_SOURCE}\` (Rust 1.85+), then run ` +
        'target/release/smileid, or set SMILEID_BINARY to its path to run it through this command.',
    );
  }
  const name = packageName(key);
  try {
    return resolve(`${name}/${binaryPath(key)}`);
  } catch {
    return new Error(
      `smileid: the package ${name}, which carries the binary for ${key}, is not installed.\n` +
        'npm installs it as an optional dependency of smileid-rs: install again without ' +
        `--omit=optional (or --no-optional), or build from source with \`${FROM_SOURCE}\` and ` +
        'set SMILEID_BINARY to the binary.',
    );
  }
}

module.exports = { PLATFORMS, LAUNCHER, packageName, binaryPath, locateBinary };
