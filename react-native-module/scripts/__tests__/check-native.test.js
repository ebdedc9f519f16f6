// The prepack check (scripts/check-native.js), run as npm runs it, on package folders laid out
// as scripts/build-react-native-native leaves them.
'use strict';

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const { NATIVE, SOURCES } = require('../check-native');

const script = path.join(__dirname, '..', 'check-native.js');

function packageWith(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-native-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), '');
  }
  return dir;
}

function check(dir, env = {}) {
  const { SMILEID_SOURCE_ONLY, ...rest } = process.env;
  return spawnSync(process.execPath, [script, dir], { env: { ...rest, ...env }, encoding: 'utf8' });
}

test('a package with every native artefact packs', () => {
  const run = check(packageWith(NATIVE));
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /native artefacts in place/);
});

test('an empty package is refused, naming every artefact and the fix', () => {
  const run = check(packageWith([]));
  assert.equal(run.status, 1);
  for (const f of NATIVE) assert.ok(run.stderr.includes(f), `${f} not named`);
  assert.match(run.stderr, /npm run prepare-native/);
  assert.match(run.stderr, /SMILEID_SOURCE_ONLY=1/);
});

test('one missing ABI is named alone', () => {
  const x86 = 'android/src/main/jniLibs/x86/libsmileid_ffi.so';
  const run = check(packageWith(NATIVE.filter(f => f !== x86)));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /missing android\/src\/main\/jniLibs\/x86\/libsmileid_ffi\.so\.\n/);
});

test('a source-only package needs the Rust sources, not the libraries', () => {
  const dir = packageWith(SOURCES);
  assert.equal(check(dir, { SMILEID_SOURCE_ONLY: '1' }).status, 0);
  assert.equal(check(dir).status, 1);
  const bare = check(packageWith(NATIVE), { SMILEID_SOURCE_ONLY: '1' });
  assert.equal(bare.status, 1);
  assert.ok(bare.stderr.includes('rust/Cargo.lock'));
  assert.match(bare.stderr, /build-react-native-native --rust/);
});

test('npm runs the check before packing and ships the Rust sources when present', () => {
  const pkg = require('../../package.json');
  assert.match(pkg.scripts.prepack, /node scripts\/check-native\.js/);
  assert.ok(pkg.files.includes('rust'));
  assert.ok(pkg.files.includes('android/consumer-rules.pro'));
});
