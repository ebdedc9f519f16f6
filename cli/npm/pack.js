#!/usr/bin/env node
'use strict';
// Packs the npm packages of the `smileid` command (not shipped itself):
//   node cli/npm/pack.js launcher OUT            smileid-rs, the launcher
//   node cli/npm/pack.js platform KEY BINARY OUT smileid-rs-KEY, carrying BINARY (a release build
//                                                for KEY's target, see platforms.js)
// Every package gets the workspace's version (Cargo.toml); the launcher must already pin each
// platform package to it, so a release cannot pair a launcher with another version's binaries.
// Prints the tarball's path.
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { PLATFORMS, LAUNCHER, packageName, binaryPath } = require('./platforms');

const ROOT = path.resolve(__dirname, '../..');

function fail(message) {
  console.error(`pack: ${message}`);
  process.exit(2);
}

function workspaceVersion() {
  const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  const match = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo);
  if (!match) fail('no version in [workspace.package] of Cargo.toml');
  return match[1];
}

/** Writes files (name → contents or a path to copy) into a fresh folder and packs it. */
function pack(files, out) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-npm-'));
  for (const [name, source] of Object.entries(files)) {
    const target = path.join(stage, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (typeof source === 'string') fs.writeFileSync(target, source);
    else fs.copyFileSync(source.copy, target);
    if (source.mode) fs.chmodSync(target, source.mode);
  }
  fs.mkdirSync(out, { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', path.resolve(out)], {
      cwd: stage,
      encoding: 'utf8',
    }),
  );
  fs.rmSync(stage, { recursive: true });
  return path.join(path.resolve(out), filename);
}

function launcher(out) {
  const version = workspaceVersion();
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
  if (manifest.version !== version) {
    fail(`cli/npm/package.json has version ${manifest.version}; Cargo.toml has ${version}`);
  }
  const wanted = Object.fromEntries(Object.keys(PLATFORMS).map(k => [packageName(k), version]));
  const pinned = JSON.stringify(manifest.optionalDependencies);
  if (pinned !== JSON.stringify(Object.fromEntries(Object.entries(wanted).sort()))) {
    fail(`cli/npm/package.json optionalDependencies must be exactly ${JSON.stringify(wanted)}`);
  }
  return pack(
    {
      'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
      'README.md': { copy: path.join(__dirname, 'README.md') },
      'platforms.js': { copy: path.join(__dirname, 'platforms.js') },
      'bin/smileid.js': { copy: path.join(__dirname, 'bin/smileid.js'), mode: 0o755 },
    },
    out,
  );
}

function platform(key, binary, out) {
  if (!(key in PLATFORMS)) fail(`unknown platform ${key}; one of ${Object.keys(PLATFORMS)}`);
  if (!fs.existsSync(binary)) fail(`no binary at ${binary}`);
  const [os_, cpu] = key.split('-');
  const name = packageName(key);
  const manifest = {
    name,
    version: workspaceVersion(),
    description: `The smileid binary for ${key} (${PLATFORMS[key]}); installed by ${LAUNCHER}`,
    license: 'MIT',
    repository: { type: 'git', url: 'git+https://github.com/smileid-rs/smileid-rs.git' },
    os: [os_],
    cpu: [cpu],
    files: ['bin'],
    preferUnplugged: true,
  };
  return pack(
    {
      'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
      'README.md':
        `# ${name}\n\nThe \`smileid\` binary for ${key}. Install \`${LAUNCHER}\`, ` +
        'which picks the package for the machine it runs on.\n',
      [binaryPath(key)]: { copy: binary, mode: 0o755 },
    },
    out,
  );
}

const [command, ...args] = process.argv.slice(2);
if (command === 'launcher' && args.length === 1) console.log(launcher(args[0]));
else if (command === 'platform' && args.length === 3) console.log(platform(...args));
else fail('usage: pack.js launcher OUT | pack.js platform KEY BINARY OUT');
