'use strict';
// The `smileid` command as an npm user gets it (node --test, run by scripts/test-cli-npm): the
// packed smileid-rs and smileid-rs-linux-x64 installed into an empty folder (APP), run with npx
// on a PATH with Node and the system tools only (no cargo). The sandbox and the callback receiver
// are started with the package README's lines and reached with the example app's settings.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { spawn, spawnSync } = require('node:child_process');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through scripts/test-cli-npm`);
  return value;
}
const APP = required('SMILEID_NPM_APP');
const BARE = required('SMILEID_NPM_BARE');
const REPO = path.resolve(__dirname, '../../..');
const ENV = { ...process.env, HOME: path.join(APP, 'home') };

/** The example app's sandbox settings (example/src/sandbox.ts), as the app reads them. */
function exampleSettings() {
  const source = fs.readFileSync(path.join(REPO, 'example/src/sandbox.ts'), 'utf8');
  const field = pattern => {
    const match = pattern.exec(source);
    assert.ok(match, `example/src/sandbox.ts has no ${pattern}`);
    return match[1];
  };
  return {
    partnerId: field(/partnerId: '([^']+)'/),
    authToken: field(/authToken: '([^']+)'/),
    baseUrl: field(/default: '([^']+)'/),
    callbackUrl: field(/CALLBACK_URL = '([^']+)'/),
  };
}

/** A README's `npx smileid-rs …` lines (the command's, by default), by their arguments. */
function readmeLines(file = 'cli/npm/README.md') {
  const readme = fs.readFileSync(path.join(REPO, file), 'utf8');
  const lines = {};
  for (const [, args] of readme.matchAll(/^[ \t]*npx smileid-rs ([^#\n]+?)\s*(?:#.*)?$/gm)) {
    lines[args] = args.split(/\s+/);
  }
  return lines;
}

function npx(args, cwd = APP) {
  return spawnSync('npx', ['--no-install', 'smileid-rs', ...args], {
    cwd,
    env: ENV,
    encoding: 'utf8',
  });
}

/**
 * Starts a long-running command in its own process group (as a terminal does) and resolves with
 * the JSON of its READY line once it prints it.
 */
function start(args, ready) {
  const child = spawn('npx', ['--no-install', 'smileid-rs', ...args], {
    cwd: APP,
    env: ENV,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  const exited = new Promise(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', line => {
      lines.push(line);
      if (line.startsWith(`${ready} `)) resolve(JSON.parse(line.slice(ready.length + 1)));
    });
    exited.then(({ code }) => reject(new Error(`${args.join(' ')} exited (${code}): ${lines}`)));
  });
  // Ctrl-C: SIGINT to the whole group (npx, the launcher and the binary).
  const interrupt = () => (process.kill(-child.pid, 'SIGINT'), exited);
  return { started, lines, interrupt };
}

async function refused(url) {
  try {
    await fetch(url);
    return false;
  } catch {
    return true;
  }
}

test('the README lines: sandbox and callbacks reached with the example app settings', async () => {
  const settings = exampleSettings();
  const lines = readmeLines();
  assert.ok(lines['sandbox serve'] && lines['callbacks listen'], 'README lines missing');
  // The React Native package's README and the example's start them with the same lines.
  for (const other of ['react-native-module/README.md', 'example/README.md']) {
    const theirs = readmeLines(other);
    assert.deepEqual(theirs['sandbox serve'], lines['sandbox serve'], other);
    assert.deepEqual(theirs['callbacks listen'], lines['callbacks listen'], other);
  }

  const sandbox = start(lines['sandbox serve'], 'SANDBOX_READY');
  const callbacks = start(lines['callbacks listen'], 'CALLBACKS_READY');
  try {
    const ready = await sandbox.started;
    assert.equal(ready.base_url, settings.baseUrl, 'the example app would not reach this sandbox');
    assert.equal(ready.partner_id, settings.partnerId);
    assert.equal(ready.auth_token, settings.authToken);
    assert.equal((await callbacks.started).url, settings.callbackUrl);

    const face = path.join(REPO, 'testdata/faces/obama_1.jpg');
    const capture = npx(['capture', '--tag', 'npm-user', '--selfie', face]);
    assert.equal(capture.status, 0, capture.stderr);
    assert.equal(capture.stdout.trim(), 'npm-user');

    const submit = npx([
      'submit',
      '--tag',
      'npm-user',
      '--job-type',
      '4',
      '--user-id',
      'npm-user',
      '--base-url',
      settings.baseUrl,
      '--partner-id',
      settings.partnerId,
      '--auth-token',
      settings.authToken,
      '--callback-url',
      settings.callbackUrl,
    ]);
    assert.equal(submit.status, 0, submit.stderr);
    assert.match(submit.stdout, /ResultCode\s+0840/);
    const jobId = /job_id\s+(\S+)/.exec(submit.stdout)[1];

    // The sandbox POSTs the callback after answering job_status; wait for the receiver's line.
    const verified = `callback job_id=${jobId} `;
    while (!callbacks.lines.some(line => line.startsWith(verified))) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    assert.match(
      callbacks.lines.find(line => line.startsWith(verified)),
      /signature=valid/,
    );
  } finally {
    await Promise.all([sandbox.interrupt(), callbacks.interrupt()]);
  }
  // Ctrl-C stopped the binaries behind npx and the launcher, not only those two.
  assert.ok(await refused(settings.baseUrl.replace(/\/v1$/, '/dashboard')), 'sandbox still up');
  assert.ok(await refused(settings.callbackUrl), 'callback receiver still up');
});

test('the demo runs its jobs (4, 2, 1, 5, Enhanced SmartSelfie, 6) on its embedded sandbox', () => {
  const demo = npx(readmeLines().demo);
  assert.equal(demo.status, 0, demo.stderr);
  for (const code of ['0840', '0820', '0810', '1012']) assert.match(demo.stdout, new RegExp(code));
  // Job 6 with the document images bundled in the binary: no repository around.
  assert.match(demo.stdout, /== Document Verification \(job type 6\)[^]*Document Verified/);
  assert.match(demo.stdout, /demo finished/);
});

test('the binary is the platform package one, with the workspace version', () => {
  const version = npx(['--version']);
  assert.equal(version.status, 0, version.stderr);
  const cargo = fs.readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8');
  assert.equal(version.stdout.trim(), `smileid ${/\nversion = "([^"]+)"/.exec(cargo)[1]}`);
  const installed = path.join(APP, 'node_modules/smileid-rs-linux-x64/bin/smileid');
  assert.ok(fs.statSync(installed).mode & 0o111, `${installed} is not executable`);
});

test('without its platform package the command says what to install, and exits 2', () => {
  assert.ok(!fs.existsSync(path.join(BARE, 'node_modules/smileid-rs-linux-x64')));
  const run = npx(['--version'], BARE);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /smileid-rs-linux-x64, which carries the binary for linux-x64/);
  assert.match(run.stderr, /cargo build --release --locked -p smileid-cli/);
});
