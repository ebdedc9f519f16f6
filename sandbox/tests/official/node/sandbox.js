'use strict';
// Starts the real sandbox binary as a child process and reads its SANDBOX_READY line.
// The tests talk to it exactly as a partner's server would talk to Smile ID.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
const BIN = process.env.SMILEID_SANDBOX_BIN || path.join(TARGET, 'debug', 'smileid-sandbox');
const READY_TIMEOUT_MS = 30_000;

/**
 * @param {{tls?: boolean, processingDelayMs?: number}} opts
 * @returns {Promise<{info: object, stop: () => Promise<void>, warnings: () => string[]}>}
 */
async function startSandbox({ tls = false, processingDelayMs = 200 } = {}) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`sandbox binary missing: ${BIN} (run: cargo build -p smileid-sandbox)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-official-node-'));
  const args = ['serve', '--port', '0', '--db', path.join(dir, 'sandbox.db'),
    '--processing-delay-ms', String(processingDelayMs)];
  // RECORD_SHAPES_DIR (scripts/record-wire-shapes) records what the library sends.
  if (process.env.RECORD_SHAPES_DIR) {
    args.push('--record-shapes', path.join(process.env.RECORD_SHAPES_DIR, 'node.jsonl'));
  }
  if (tls) args.push('--tls', '--tls-dir', path.join(dir, 'tls'));
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });

  // Keep draining both pipes for the sandbox's whole life (a full pipe would block it);
  // SANDBOX_LOG (set by scripts/test-official) keeps the output for post-mortems.
  const log = process.env.SANDBOX_LOG ? fs.createWriteStream(process.env.SANDBOX_LOG, { flags: 'a' }) : null;
  let captured = '';
  let stderr = ''; // whole, so tests can read the sandbox's warnings
  const keep = (chunk) => {
    captured = (captured + chunk).slice(-8192);
    if (log) log.write(chunk);
  };
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.stderr.setEncoding('utf8').on('data', keep);
  child.stdout.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const info = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => fail(`no SANDBOX_READY line within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    function fail(why) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`sandbox did not start: ${why}\n--- sandbox output ---\n${captured}`));
    }
    const onData = (chunk) => {
      buffer += chunk;
      const match = buffer.match(/^SANDBOX_READY (\{.*\})$/m);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('close', onEarlyExit);
      try {
        resolve(JSON.parse(match[1]));
      } catch (err) {
        fail(`unparsable SANDBOX_READY line: ${err.message}`);
      }
    };
    child.stdout.on('data', onData);
    const onEarlyExit = (code, signal) => fail(`exited early (code ${code}, signal ${signal})`);
    child.once('close', onEarlyExit);
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    }
    if (log) log.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const warnings = () => stderr.split('\n').filter((line) => line.includes('WARN'));
  return { info, stop, warnings };
}

module.exports = { startSandbox };
