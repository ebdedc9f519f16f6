'use strict';
// The launcher's choice of binary and its messages (node --test). The binary itself runs for real
// in scripts/test-cli-npm, from packed and installed packages.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { PLATFORMS, locateBinary } = require('../platforms');

const missing = request => {
  throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
};

test('an unsupported platform names every supported one and the build from source', () => {
  const error = locateBinary('freebsd', 'x64', {}, missing);
  assert.ok(error instanceof Error);
  assert.match(error.message, /no prebuilt binary for freebsd-x64/);
  for (const key of Object.keys(PLATFORMS)) assert.ok(error.message.includes(key), key);
  assert.match(error.message, /cargo build --release --locked -p smileid-cli/);
  assert.match(error.message, /SMILEID_BINARY/);
});

test('a supported platform without its package says how to get it', () => {
  const error = locateBinary('linux', 'arm64', {}, missing);
  assert.match(error.message, /smileid-rs-linux-arm64, which carries the binary for linux-arm64/);
  assert.match(error.message, /--omit=optional/);
});

test('the platform package is asked for its binary, with .exe on Windows', () => {
  const asked = [];
  const resolve = request => (asked.push(request), `/modules/${request}`);
  assert.equal(
    locateBinary('linux', 'x64', {}, resolve),
    '/modules/smileid-rs-linux-x64/bin/smileid',
  );
  locateBinary('win32', 'x64', {}, resolve);
  assert.deepEqual(asked, [
    'smileid-rs-linux-x64/bin/smileid',
    'smileid-rs-win32-x64/bin/smileid.exe',
  ]);
});

test('SMILEID_BINARY wins, even on an unsupported platform', () => {
  assert.equal(
    locateBinary('aix', 'ppc64', { SMILEID_BINARY: '/opt/smileid' }, missing),
    '/opt/smileid',
  );
});

test('the launcher passes arguments, output and exit status through, and exits 2 when lost', () => {
  const launcher = path.join(__dirname, '../bin/smileid.js');
  // A stand-in binary: node itself, told to print its arguments and exit 3.
  const run = spawnSync(
    process.execPath,
    [launcher, '-e', 'console.log(process.argv.slice(1).join(" ")); process.exit(3)', 'a b', 'c'],
    { env: { ...process.env, SMILEID_BINARY: process.execPath }, encoding: 'utf8' },
  );
  assert.equal(run.stdout, 'a b c\n');
  assert.equal(run.status, 3);

  const lost = spawnSync(process.execPath, [launcher, '--version'], {
    env: { ...process.env, SMILEID_BINARY: path.join(__dirname, 'no-such-binary') },
    encoding: 'utf8',
  });
  assert.equal(lost.status, 2);
  assert.match(lost.stderr, /could not start .*no-such-binary/);
});

test('a signal to the launcher reaches the binary, and the launcher dies of it too', async () => {
  const launcher = path.join(__dirname, '../bin/smileid.js');
  // The stand-in writes "ready", then waits; on SIGTERM it writes "stopped" and dies of SIGKILL,
  // a signal the launcher can only pass on by dying of it itself.
  const script =
    'process.on("SIGTERM", () => {' +
    '  console.log("stopped"); process.kill(process.pid, "SIGKILL"); });' +
    'console.log("ready"); setInterval(() => {}, 1000);';
  const child = spawn(process.execPath, [launcher, '-e', script], {
    env: { ...process.env, SMILEID_BINARY: process.execPath },
  });
  let out = '';
  await new Promise(resolve =>
    child.stdout.on('data', d => (out += d) && out.includes('ready') && resolve()),
  );
  child.kill('SIGTERM');
  const [code, signal] = await new Promise(resolve => child.on('exit', (...a) => resolve(a)));
  assert.match(out, /stopped/);
  assert.equal(code, null);
  assert.equal(signal, 'SIGKILL');
});
