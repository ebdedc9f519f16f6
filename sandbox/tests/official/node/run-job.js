'use strict';
// Runs one job with the official `smile-identity-core` WebApi (or, with `id_api`, its IDApi:
// Enhanced KYC, job 5) and prints one JSON line:
// {"ok":true,"result":<job_status or IDApi answer>} or {"ok":false,"error":{message,status,data}}.
//
// It is a separate process because Node reads NODE_EXTRA_CA_CERTS only at start-up, and the
// library talks https only (helpers.js `mapServerUri` rewrites any URL to `https://…`), so the
// sandbox's freshly minted CA must be in the environment of the process that runs the library.
//
// Input (stdin, JSON): {base_url, partner_id, api_key, partner_params, images, id_info, options,
// id_api?} where images are {image_type_id, path}: file types (0, 1, 4, 5) are passed as paths,
// base64 types (2, 3, 6, 7) are read and encoded here. `id_api: {callback_url?}` calls
// IDApi.submit_job, or submitAsyncjob when a callback URL is given.

const fs = require('node:fs');
const { IDApi, WebApi } = require('smile-identity-core');

// The library's job_status polling retries network/signature errors forever
// (web-api.js `queryJobStatus` `.catch(() => retryFunc(...))` has no bound), so bound it here.
const HARD_TIMEOUT_MS = Number(process.env.RUN_JOB_TIMEOUT_MS || 90_000);

function emit(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`, () => process.exit(0));
}

function toLibraryImage({ image_type_id, path }) {
  const base64Types = [2, 3, 6, 7];
  const image = base64Types.includes(image_type_id) ? fs.readFileSync(path).toString('base64') : path;
  return { image_type_id, image };
}

async function main() {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  const timer = setTimeout(() => emit({ ok: false, error: { message: `no result within ${HARD_TIMEOUT_MS} ms` } }),
    HARD_TIMEOUT_MS);
  // sid_server may be 0/1 or a URL; a URL keeps its path, so `${url}/upload` hits /v1/upload.
  const api = new WebApi(job.partner_id, '', job.api_key, job.base_url);
  const idApi = new IDApi(job.partner_id, job.api_key, job.base_url);
  const run = () => {
    if (!job.id_api) {
      return api.submit_job(job.partner_params, job.images.map(toLibraryImage), job.id_info, job.options);
    }
    const { callback_url: callbackUrl } = job.id_api;
    return callbackUrl
      ? idApi.submitAsyncjob(job.partner_params, job.id_info, callbackUrl)
      : idApi.submit_job(job.partner_params, job.id_info);
  };
  try {
    const result = await run();
    clearTimeout(timer);
    emit({ ok: true, result });
  } catch (err) {
    clearTimeout(timer);
    emit({ ok: false, error: { message: err.message, status: err.response?.status, data: err.response?.data } });
  }
}

main();
