#!/usr/bin/env node
'use strict';
// Runs this machine's `smileid` binary (from its platform package) with the same arguments,
// standard streams and exit status. Signals sent to this process reach the binary, so stopping
// `npx smileid-rs sandbox serve` stops the sandbox too.
const { spawn } = require('node:child_process');
const { locateBinary } = require('../platforms');

const binary = locateBinary(process.platform, process.arch, process.env, require.resolve);
if (binary instanceof Error) {
  console.error(binary.message);
  process.exit(2);
}

const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', error => {
  console.error(`smileid: could not start ${binary}: ${error.message}`);
  process.exit(2);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // The same death as the binary's, so a shell sees the signal (e.g. 130 after Ctrl-C).
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
