'use strict';
// The official Node server library (npm smile-identity-core, pinned in package.json) against
// the real sandbox binary over https. Run: `node --test` in this folder (after `npm ci` and
// `cargo build -p smileid-sandbox`), or scripts/test-official for everything.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const { startSandbox } = require('./sandbox.js');

const FACES = path.resolve(__dirname, '..', '..', '..', '..', 'testdata', 'faces');
const face = (name) => path.join(FACES, name);
const DOCUMENTS = path.resolve(__dirname, '..', '..', '..', '..', 'testdata', 'documents');
const ID_FRONT_FILE = 1;
const ID_BACK_FILE = 5; // the library does not zip these either: reported like liveness files
const SELFIE_FILE = 0;
const LIVENESS_FILE = 4; // the library does not zip these (only types 0/1): see the file flow test
const LIVENESS_BASE64 = 6;
const TEST_TIMEOUT_MS = 120_000;

// Ask for everything the library can ask for, so the sandbox's optional parts are exercised too.
const OPTIONS = { return_job_status: true, return_history: true, return_images: true };

let sandbox;
before(async () => {
  sandbox = await startSandbox({ tls: true, processingDelayMs: 200 });
  assert.ok(sandbox.info.base_url.startsWith('https://'), `--tls base_url: ${sandbox.info.base_url}`);
  assert.ok(sandbox.info.ca_cert_path, 'ca_cert_path must be set with --tls');
});
after(async () => {
  if (sandbox) await sandbox.stop();
});

/** Runs one job through the library in a child node that trusts the sandbox's CA. */
function runJob(job, { apiKey } = {}) {
  const { info } = sandbox;
  const input = JSON.stringify({ base_url: info.base_url, partner_id: info.partner_id,
    api_key: apiKey ?? info.api_key, ...job });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'run-job.js')], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: info.ca_cert_path },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { out += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch {
        reject(new Error(`run-job.js exited ${code} without a result line: ${out}`));
      }
    });
    child.stdin.end(input);
  });
}

function selfieJob(jobType, userId, selfie, idInfo = {}, livenessType = LIVENESS_BASE64) {
  return {
    partner_params: { user_id: userId, job_id: `job-${randomUUID()}`, job_type: jobType },
    images: [
      { image_type_id: SELFIE_FILE, path: face(selfie) },
      // Two photos other than the selfie as liveness frames.
      ...['obama_1.jpg', 'obama_2.jpg', 'obama_3.jpg'].filter((name) => name !== selfie).slice(0, 2)
        .map((name) => ({ image_type_id: livenessType, path: face(name) })),
    ],
    id_info: idInfo,
    options: OPTIONS,
  };
}

/** Asserts a completed, signature-verified job_status for `job` and returns its result object. */
function assertCompleted(outcome, job, { success }) {
  assert.equal(outcome.ok, true, `library error: ${JSON.stringify(outcome.error)}`);
  const status = outcome.result;
  assert.equal(status.job_complete, true, JSON.stringify(status));
  assert.equal(status.job_success, success, JSON.stringify(status.result));
  const { result } = status;
  assert.equal(typeof result, 'object', JSON.stringify(status));
  assert.equal(result.PartnerParams.job_id, job.partner_params.job_id);
  assert.equal(result.PartnerParams.user_id, job.partner_params.user_id);
  assert.equal(result.PartnerParams.job_type, job.partner_params.job_type);
  assert.match(result.SmileJobID, /^\d{10}$/);
  return status;
}

// One enrolment shared by the JT4 and JT2 tests (JT2 needs an enrolled user).
const userId = `node-user-${randomUUID()}`;
let enrolment;
function enrol() {
  if (!enrolment) {
    const job = selfieJob(4, userId, 'obama_1.jpg');
    enrolment = runJob(job).then((outcome) => ({ job, outcome }));
  }
  return enrolment;
}

test('JT4 SmartSelfie enrolment with a real face completes and passes', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { job, outcome } = await enrol();
  const status = assertCompleted(outcome, job, { success: true });
  assert.equal(status.result.ResultCode, '0840', JSON.stringify(status.result));
  assert.ok(Array.isArray(status.history), 'return_history: true must give a history array');
  assert.equal(typeof status.image_links?.selfie_image, 'string', 'return_images: true must give image_links');
});

test('JT2 SmartSelfie authentication of the enrolled user completes and passes', { timeout: TEST_TIMEOUT_MS }, async () => {
  const enrolled = await enrol();
  assert.equal(enrolled.outcome.result?.job_success, true, 'needs the JT4 enrolment to have passed');
  const job = selfieJob(2, userId, 'obama_2.jpg');
  const status = assertCompleted(await runJob(job), job, { success: true });
  assert.equal(status.result.ResultCode, '0820', JSON.stringify(status.result));
});

test('JT1 Biometric KYC with the NG BVN test number completes and verifies the ID', { timeout: TEST_TIMEOUT_MS }, async () => {
  // `entered: 'true'` makes the library send id_info instead of requiring an ID card image.
  const job = selfieJob(1, `node-kyc-${randomUUID()}`, 'obama_1.jpg',
    { entered: 'true', country: 'NG', id_type: 'BVN', id_number: '00000000000' });
  const status = assertCompleted(await runJob(job), job, { success: true });
  const { result } = status;
  assert.equal(result.ResultCode, '0810', JSON.stringify(result));
  assert.equal(result.Actions.Verify_ID_Number, 'Verified', JSON.stringify(result));
  assert.equal(result.Country, 'NG');
  assert.equal(result.IDType, 'BVN');
});

// The documented file flow: liveness images as files (image_type_id 4). The library zips only
// types 0 and 1 and writes each liveness file's local path into info.json, so the sandbox judges
// the job on its selfie and reports the missing files (result.SandboxWarnings and a WARN log).
test('file flow: JT4, JT2 and JT1 with liveness files complete; the missing files are reported', { timeout: 3 * TEST_TIMEOUT_MS }, async () => {
  const user = `node-files-${randomUUID()}`;
  const bvn = { entered: 'true', country: 'NG', id_type: 'BVN', id_number: '00000000000' };
  const jobs = [
    [4, user, 'obama_1.jpg', {}, '0840'],
    [2, user, 'obama_2.jpg', {}, '0820'],
    [1, `node-files-kyc-${randomUUID()}`, 'obama_1.jpg', bvn, '0810'],
  ];
  for (const [jobType, userId, selfie, idInfo, code] of jobs) {
    const job = selfieJob(jobType, userId, selfie, idInfo, LIVENESS_FILE);
    const { result } = assertCompleted(await runJob(job), job, { success: true });
    assert.equal(result.ResultCode, code, JSON.stringify(result));
    assert.equal(result.SandboxWarnings?.length, 2, JSON.stringify(result));
    assert.match(result.SandboxWarnings[0], /^liveness image missing: images\[1\] has no file_name/);
  }
  const logged = sandbox.warnings().filter((line) => line.includes('client error in the upload'));
  assert.ok(logged.length >= jobs.length * 2, logged.join('\n'));
  assert.ok(!logged.some((line) => line.includes(FACES)), 'local paths stay out of the log');
});

// Document Verification (6) and Enhanced Document Verification (11): selfie and the specimen
// card's front as files (zipped), its back as a file (type 5, which the library leaves out of the
// zip: the sandbox reports it and judges the job on the front).
test('JT6 and JT11 Document Verification with the specimen card complete and read the document', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
  for (const [jobType, verifyDocument] of [[6, 'Not Applicable'], [11, 'Verified']]) {
    const job = {
      partner_params: { user_id: `node-doc-${randomUUID()}`, job_id: `job-${randomUUID()}`, job_type: jobType },
      images: [
        { image_type_id: SELFIE_FILE, path: face('grace_hopper.jpg') },
        { image_type_id: ID_FRONT_FILE, path: path.join(DOCUMENTS, 'specimen_front_photo.jpg') },
        { image_type_id: ID_BACK_FILE, path: path.join(DOCUMENTS, 'specimen_back.jpg') },
      ],
      id_info: { country: 'GH', id_type: 'NATIONAL_ID' },
      options: OPTIONS,
    };
    const { result } = assertCompleted(await runJob(job), job, { success: true });
    assert.equal(result.ResultCode, '0810', JSON.stringify(result));
    assert.equal(result.ResultType, 'Document Verification');
    assert.equal(result.Actions.Document_Check, 'Passed');
    assert.equal(result.Actions.Verify_Document, verifyDocument);
    assert.equal(result.Country, 'GH');
    assert.equal(result.IDType, 'NATIONAL_ID');
    assert.equal(typeof result.FullName, 'string');
    assert.match(result.SandboxWarnings?.[0] ?? '', /^document back image missing/, JSON.stringify(result));
  }
});

test('JT4 with a photo without a face completes as a failed job (0941)', { timeout: TEST_TIMEOUT_MS }, async () => {
  const job = selfieJob(4, `node-noface-${randomUUID()}`, 'no_face_coffee.jpg');
  const status = assertCompleted(await runJob(job), job, { success: false });
  assert.equal(status.result.ResultCode, '0941', JSON.stringify(status.result));
});

test('a wrong API key is refused at prep_upload with 2205', { timeout: TEST_TIMEOUT_MS }, async () => {
  const job = selfieJob(4, `node-badkey-${randomUUID()}`, 'obama_1.jpg');
  const outcome = await runJob(job, { apiKey: 'not-the-sandbox-key' });
  assert.equal(outcome.ok, false, `expected a refusal, got ${JSON.stringify(outcome.result)}`);
  assert.ok(outcome.error.status >= 400 && outcome.error.status < 500, JSON.stringify(outcome.error));
  assert.equal(outcome.error.data?.code, '2205', JSON.stringify(outcome.error));
});

// Enhanced KYC (job 5): no images, the ID details alone, through the library's IDApi.
function kycJob(idNumber, { callbackUrl } = {}) {
  return {
    partner_params: { user_id: `node-ekyc-${randomUUID()}`, job_id: `job-${randomUUID()}`, job_type: 5 },
    images: [],
    id_info: { country: 'NG', id_type: 'BVN', id_number: idNumber, first_name: 'Ada', phone_number: '+2340000000000' },
    id_api: callbackUrl ? { callback_url: callbackUrl } : {},
  };
}

test('JT5 Enhanced KYC (IDApi.submit_job) returns the ID authority\'s answer', { timeout: TEST_TIMEOUT_MS }, async () => {
  const job = kycJob('00000000000');
  const outcome = await runJob(job);
  assert.equal(outcome.ok, true, `library error: ${JSON.stringify(outcome.error)}`);
  const result = outcome.result;
  assert.equal(result.ResultCode, '1012', JSON.stringify(result));
  assert.equal(result.Actions.Verify_ID_Number, 'Verified', JSON.stringify(result));
  assert.equal(result.FullName, 'Joe Leo Doe');
  assert.equal(result.PartnerParams.job_id, job.partner_params.job_id);
  assert.equal(result.PartnerParams.job_type, 5);
  assert.match(result.SmileJobID, /^\d{10}$/);

  const missing = await runJob(kycJob('00000000001'));
  assert.equal(missing.result?.ResultCode, '1013', JSON.stringify(missing));
});

test('JT5 Enhanced KYC (IDApi.submitAsyncjob) answers success and POSTs a signed result', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { Signature } = require('smile-identity-core');
  let received;
  const arrived = new Promise((resolve) => { received = resolve; });
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk) => { body += chunk; });
    req.on('end', () => { res.end('ok'); received(JSON.parse(body)); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const job = kycJob('00000000000', { callbackUrl: `http://127.0.0.1:${server.address().port}/callback` });
    const outcome = await runJob(job);
    assert.equal(outcome.ok, true, `library error: ${JSON.stringify(outcome.error)}`);
    assert.deepEqual(outcome.result, { success: true });
    const callback = await arrived;
    assert.equal(callback.ResultCode, '1012', JSON.stringify(callback));
    assert.equal(callback.PartnerParams.job_id, job.partner_params.job_id);
    const signature = new Signature(sandbox.info.partner_id, sandbox.info.api_key);
    assert.equal(signature.confirm_signature(callback.timestamp, callback.signature), true);
  } finally {
    server.close();
  }
});
