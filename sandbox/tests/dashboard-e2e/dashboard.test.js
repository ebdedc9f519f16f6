// The sandbox dashboard in headless Chromium against a real `smileid sandbox serve`, with jobs
// sent by the real `smileid` CLI: a job appears live with its thumbnails and result, personal
// fields are masked until revealed, a rejection forced from the page decides the next job, a
// callback delivery shows its HTTP status, bad input shows a readable message, and a document
// job shows the document's photos.
// Environment (set by scripts/test-dashboard): SMILEID_BIN, CHROMIUM, DASHBOARD_DEPS (where
// playwright-core is installed), SCREENSHOTS (folder for screenshots).
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn, spawnSync } = require('node:child_process');

const playwright = require.resolve('playwright-core', { paths: [process.env.DASHBOARD_DEPS] });
const { chromium } = require(playwright);

const root = path.resolve(__dirname, '../../..');
const smileid = process.env.SMILEID_BIN;
const screenshots = process.env.SCREENSHOTS;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-dashboard-'));
const store = path.join(work, 'tags');
const user = 'e2e-user';

let sandbox; // { child, ready }
let receiver; // { server, url, bodies }
let browser;
let page;

// Starts `smileid sandbox serve` and resolves with the JSON of its SANDBOX_READY line.
function startSandbox() {
  const db = path.join(work, 'sandbox.db');
  const child = spawn(smileid, ['sandbox', 'serve', '--port', '0', '--db', db,
    '--processing-delay-ms', '200'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('SANDBOX_READY ')) resolve({ child, ready: JSON.parse(line.slice(14)) });
    });
  });
}

// A callback receiver on a free port: answers 200 and keeps each body.
function startReceiver() {
  const bodies = [];
  const server = http.createServer((request, response) => {
    let data = '';
    request.on('data', (chunk) => { data += chunk; });
    request.on('end', () => { bodies.push(JSON.parse(data)); response.end('ok'); });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, bodies, url: `http://127.0.0.1:${server.address().port}/callback` });
  }));
}

// Runs the CLI; returns its exit status and output.
function cli(...args) {
  const run = spawnSync(smileid, ['--store', store, ...args], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

function submit(jobType, ...extra) {
  const { base_url: baseUrl, partner_id: partnerId, api_key: apiKey } = sandbox.ready;
  return cli('submit', '--tag', 'e2e', '--job-type', String(jobType), '--keep-tag',
    '--base-url', baseUrl, '--partner-id', partnerId, '--api-key', apiKey, ...extra);
}

const shot = (name, options = { fullPage: true }) =>
  page.screenshot({ path: path.join(screenshots, `${name}.png`), ...options });
const newestJob = () => page.locator('#jobs li').first();

test.before(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  [sandbox, receiver] = await Promise.all([startSandbox(), startReceiver()]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM, chromiumSandbox: false });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => { throw error; });
  const selfie = path.join(root, 'testdata/faces/obama_1.jpg');
  const captured = cli('capture', '--tag', 'e2e', '--selfie', selfie);
  assert.strictEqual(captured.status, 0, captured.output);
});

test.after(async () => {
  await browser?.close();
  sandbox?.child.kill();
  receiver?.server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the page opens at the printed address, empty', async () => {
  assert.match(sandbox.ready.dashboard_url, /^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
  await page.goto(sandbox.ready.dashboard_url);
  await page.locator('#no-jobs').waitFor();
  await page.locator('#live', { hasText: 'live' }).waitFor();
  assert.match(await page.locator('#partner').textContent(), /partner 2343/);
});

test('an enrolment sent by the CLI appears live with thumbnails, result and callback', async () => {
  const run = submit(4, '--user-id', user, '--callback-url', receiver.url);
  assert.strictEqual(run.status, 0, run.output);
  await newestJob().locator('.verdict.approved', { hasText: '0840' }).waitFor();
  const thumbs = page.locator('#detail img.thumb');
  await thumbs.nth(7).waitFor();
  assert.strictEqual(await thumbs.count(), 8, '1 selfie + 7 liveness images');
  await page.waitForFunction(() => [...document.querySelectorAll('#detail img.thumb')]
    .every((img) => img.complete && img.naturalWidth > 0));
  assert.strictEqual(await page.locator('img[data-role="Selfie image"]').count(), 1);
  await page.locator('#callbacks .callback-status', { hasText: '200' }).waitFor();
  assert.strictEqual(receiver.bodies[0].ResultCode, '0840');
  const requests = await page.locator('#requests summary').allTextContents();
  for (const request of [/POST \/v1\/upload → 200 in [\d.]+ ms/, /PUT \/uploads\/.* → 200/,
    /POST \/v1\/job_status → 200/]) {
    assert.ok(requests.some((r) => request.test(r)), `${request} in\n${requests.join('\n')}`);
  }
  await shot('1-enrolment');
});

test('personal fields are masked until revealed', async () => {
  const run = submit(1, '--user-id', `${user}-kyc`, '--country', 'NG', '--id-type', 'BVN',
    '--id-number', '00000000000');
  assert.strictEqual(run.status, 0, run.output);
  await newestJob().locator('.verdict.approved', { hasText: '0810' }).waitFor();
  await page.locator('#detail h2', { hasText: 'Biometric KYC' }).waitFor();
  const detail = page.locator('#detail');
  assert.ok(!(await detail.textContent()).includes('00000000000'), 'the ID number is masked');
  await page.locator('#reveal').check();
  await detail.locator('td', { hasText: '00000000000' }).first().waitFor();
  await page.locator('#reveal').uncheck();
  await page.waitForFunction(
    () => !document.querySelector('#detail').textContent.includes('00000000000'));
});

test('a rejection forced from the page decides the next job', async () => {
  await page.locator('#force-target').selectOption('user');
  await page.locator('#force-id').fill(user);
  await page.locator('#force-result').selectOption('reject');
  await page.locator('#force-form button[type=submit]').click();
  await page.locator('#forced', { hasText: `user ${user} → reject` }).waitFor();
  const run = submit(2, '--user-id', user);
  assert.strictEqual(run.status, 1, `a rejected job exits 1: ${run.output}`);
  await newestJob().locator('.verdict.rejected', { hasText: '0821' }).waitFor();
  await page.locator('#detail', { hasText: 'Machine Judgement - FAIL' }).waitFor();
  await page.waitForFunction(() => document.getElementById('forced').textContent === '');
  await shot('2-forced-rejection');
  // The README's picture (sandbox/docs/dashboard.png is a copy): the top of the page.
  await shot('dashboard', { clip: { x: 0, y: 0, width: 1280, height: 720 } });
});

test('bad input shows a readable message and the sandbox keeps serving', async () => {
  await page.locator('#force-id').fill('');
  await page.locator('#force-form button[type=submit]').click();
  await page.locator('#error', { hasText: 'missing field `id`' }).waitFor();
  await shot('3-error-message');
  await page.locator('#error-close').click();
  const answer = await page.evaluate(async () => (await fetch('/dashboard/api/jobs/nope')).json());
  assert.match(answer.error, /not a SmileJobID/);
  await page.reload();
  // The list loads after the page: wait for the three jobs, then check there are no more.
  await page.locator('#jobs li').nth(2).waitFor();
  assert.strictEqual(await page.locator('#jobs li').count(), 3);
});

test('a document job shows the document photos beside the selfie', async () => {
  const documents = path.join(root, 'testdata/documents');
  const added = cli('capture', '--tag', 'e2e', '--document-front',
    path.join(documents, 'specimen_front.jpg'), '--document-back',
    path.join(documents, 'specimen_back.jpg'));
  assert.strictEqual(added.status, 0, added.output);
  const run = submit(6, '--user-id', `${user}-doc`, '--country', 'NG', '--id-type', 'PASSPORT');
  assert.strictEqual(run.status, 0, run.output);
  await newestJob().locator('.verdict.approved', { hasText: '0810' }).waitFor();
  for (const role of ['Document front image', 'Document back image', 'Selfie image']) {
    await page.locator(`#detail img.thumb[data-role="${role}"]`).waitFor();
  }
  await page.waitForFunction(() => [...document.querySelectorAll('#detail img.thumb')]
    .every((img) => img.complete && img.naturalWidth > 0));
  await shot('4-document-job');
});

test('no page shows the API key or the auth token', async () => {
  const html = await page.content();
  for (const secret of [sandbox.ready.api_key, sandbox.ready.auth_token]) {
    assert.ok(!html.includes(secret), 'the page carries a secret');
  }
});
