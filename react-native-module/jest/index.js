/**
 * The Jest mock this package ships. Register it in one line (jest.setup.js or a test):
 *
 *   jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'));
 *
 * It is the package's real TS layer (parameter normalisation, result decoding, SmileIdError,
 * events) over an in-memory native module that behaves like the sandbox: tags from
 * captureSelfie and captureSelfieFromFiles, realistic results per job type, progress events,
 * cancel, jobStatus, the offline queue. `mock` (below) lets a test steer it:
 * `mock.failNext(code, message, field)` (e.g. `capture_cancelled` for the camera screen),
 * `mock.incompleteNext(reason)` (the next job comes back incomplete; jobStatus then completes it),
 * `mock.reset()`.
 */
const { createApi } = require('../src/api');
const { SmileIdError } = require('../src/errors');

const RESULTS = {
  4: { ResultCode: '0840', ResultText: 'Enroll User', ResultType: 'SAIA', Actions: { Liveness_Check: 'Passed', Register_Selfie: 'Approved', Selfie_Provided: 'Passed', Verify_ID_Number: 'Not Applicable', Human_Review_Compare: 'Not Applicable', Return_Personal_Info: 'Not Applicable', Selfie_To_ID_Card_Compare: 'Not Applicable', Human_Review_Update_Selfie: 'Not Applicable', Human_Review_Liveness_Check: 'Not Applicable', Selfie_To_ID_Authority_Compare: 'Not Applicable', Update_Registered_Selfie_On_File: 'Not Applicable', Selfie_To_Registered_Selfie_Compare: 'Not Applicable' } },
  2: { ResultCode: '0820', ResultText: 'User is authentic', ResultType: 'SAIA', Actions: { Liveness_Check: 'Passed', Selfie_To_Registered_Selfie_Compare: 'Completed' } },
  1: { ResultCode: '0810', ResultText: 'ID Number Validated', ResultType: 'ID Verification', Actions: { Verify_ID_Number: 'Verified', Return_Personal_Info: 'Returned', Liveness_Check: 'Passed', Selfie_To_ID_Authority_Compare: 'Completed' } },
};

function createNative() {
  const state = {
    tags: new Map(), pending: [], running: new Map(), failures: [], seq: 0, configured: null,
    jobs: new Map(), incomplete: [], resume: null,
  };
  const listeners = { onProgress: new Set(), onSignatureRequest: new Set() };
  const emit = (name, body) => listeners[name].forEach((l) => l(body));
  const subscribe = (name) => (listener) => {
    listeners[name].add(listener);
    return { remove: () => listeners[name].delete(listener) };
  };
  const reject = (code, message, field) => {
    const e = new Error(message);
    e.code = code;
    e.userInfo = { code, message, field };
    return e;
  };
  const nextFailure = () => {
    const f = state.failures.shift();
    return f ? reject(f.code, f.message, f.field) : null;
  };
  const id = (prefix) => `${prefix}-mock-${++state.seq}`;

  function incompleteStatus(result) {
    const body = { code: '2314', job_complete: false, job_success: false, result: 'In progress', timestamp: result.status.timestamp, signature: 'mock' };
    return { jobComplete: false, jobSuccess: false, code: '2314', resultMessage: 'In progress', timestamp: body.timestamp, json: JSON.stringify(body), raw: JSON.stringify(body), result: null };
  }

  /** Makes a tag whose files look like the native store's. */
  function makeTag(tag) {
    const dir = `/mock/smileid/${tag}`;
    const images = { selfie: `${dir}/selfie.jpg`, liveness: Array.from({ length: 7 }, (_, i) => `${dir}/liveness_${i}.jpg`), idCardFront: null, idCardBack: null };
    state.tags.set(tag, images);
    return { tag, selfiePath: images.selfie, livenessPaths: images.liveness };
  }

  function result(params, jobId, userId) {
    const r = RESULTS[params.jobType];
    const smileJobId = String(1000000000 + state.seq);
    const partner = { ...params.partnerParams.extras, job_id: jobId, user_id: userId, job_type: params.jobType };
    const kyc = params.jobType === 1 ? { Country: params.idInfo?.country, IDType: params.idInfo?.idType, IDNumber: params.idInfo?.idNumber, FullName: 'Joe Leo Doe', DOB: '1990-01-01', Gender: 'M' } : {};
    const resultJson = { ...r, ...kyc, SmileJobID: smileJobId, PartnerParams: partner, ConfidenceValue: '100', IsFinalResult: 'true', IsMachineResult: 'true' };
    const body = { code: '2302', job_complete: true, job_success: true, result: resultJson, timestamp: new Date(0).toISOString(), signature: 'mock' };
    const strings = Object.fromEntries(Object.entries(partner).map(([k, v]) => [k, String(v)]));
    return {
      tag: params.tag, jobType: params.jobType, jobId, userId, smileJobId, timedOut: false,
      status: {
        jobComplete: true, jobSuccess: true, code: '2302', resultMessage: null, timestamp: body.timestamp,
        json: JSON.stringify(body), raw: JSON.stringify(body),
        result: {
          resultCode: r.ResultCode, resultText: r.ResultText, resultType: r.ResultType, smileJobId,
          partnerParams: strings, actions: r.Actions, confidenceValue: '100', isFinalResult: true, isMachineResult: true,
          country: kyc.Country ?? null, idType: kyc.IDType ?? null, idNumber: kyc.IDNumber ?? null,
          fullName: kyc.FullName ?? null, dob: kyc.DOB ?? null, gender: kyc.Gender ?? null, json: JSON.stringify(resultJson),
        },
      },
    };
  }

  function validate(params) {
    if (![1, 2, 4].includes(params.jobType)) return reject('unsupported_job_type', `job_type ${params.jobType} is not supported (1, 2 or 4)`, 'job_type');
    if (!state.tags.has(params.tag)) return reject('tag_not_found', `no tag named ${params.tag}`, 'tag');
    if (params.jobType === 2 && !params.partnerParams.userId) return reject('invalid_input', 'partner_params.user_id is required for SmartSelfie Authentication', 'partner_params.user_id');
    if (params.jobType === 1 && !params.idInfo?.idNumber) return reject('invalid_input', 'id_info.id_number is required for Biometric KYC', 'id_info.id_number');
    return null;
  }

  const native = {
    async configure(config) {
      if (!config.partnerId) throw reject('invalid_input', 'partnerId is required', 'partnerId');
      state.configured = config;
    },
    submitJob(params) {
      const error = nextFailure() || validate(params);
      if (error) return Promise.reject(error);
      const jobId = params.partnerParams.jobId || id('job');
      const userId = params.partnerParams.userId || id('user');
      return new Promise((resolve, reject_) => {
        state.running.set(jobId, () => reject_(reject('cancelled', 'the job was cancelled')));
        const steps = [
          { type: 'authenticating' }, { type: 'preparing' },
          { type: 'uploading', sentBytes: 51200, totalBytes: 102400, percent: 50 },
          { type: 'uploading', sentBytes: 102400, totalBytes: 102400, percent: 100 },
          { type: 'polling', attempt: 1, jobComplete: true },
          { type: 'done', jobComplete: true, jobSuccess: true },
        ];
        let i = 0;
        const step = () => {
          if (!state.running.has(jobId)) return;
          if (i < steps.length) {
            emit('onProgress', { jobId, ...steps[i++] });
            setTimeout(step, 0);
          } else {
            state.running.delete(jobId);
            const done = result(params, jobId, userId);
            state.jobs.set(jobId, { userId, status: done.status });
            const reason = state.incomplete.shift();
            resolve(reason ? { ...done, timedOut: reason === 'timedOut', incompleteReason: reason, status: incompleteStatus(done) } : done);
          }
        };
        setTimeout(step, 0);
      });
    },
    async cancelJob(jobId) {
      const cancel = state.running.get(jobId);
      if (!cancel) return false;
      state.running.delete(jobId);
      cancel();
      return true;
    },
    async enqueueJob(params) {
      const error = nextFailure() || validate(params);
      if (error) throw error;
      const jobId = params.partnerParams.jobId || id('job');
      const now = new Date(0).toISOString();
      state.pending.push({ params: { ...params, partnerParams: { ...params.partnerParams, jobId } }, job: { jobId, tag: params.tag, jobType: params.jobType, state: 'captured', smileJobId: null, createdAt: now, updatedAt: now } });
      return jobId;
    },
    async pendingJobs() {
      return state.pending.map((p) => p.job);
    },
    async resumePendingJobs() {
      const run = { cancelled: false };
      state.resume = run;
      const out = [];
      while (state.pending.length > 0) {
        if (run.cancelled) throw reject('cancelled', 'resuming pending jobs was cancelled');
        const p = state.pending.shift();
        try {
          out.push({ jobId: p.job.jobId, result: await native.submitJob(p.params) });
        } catch (e) {
          out.push({ jobId: p.job.jobId, error: e.userInfo });
        }
      }
      state.resume = null;
      return out;
    },
    async cancelResume() {
      if (!state.resume) return false;
      state.resume.cancelled = true;
      state.resume = null;
      return true;
    },
    async jobStatus(job) {
      const error = nextFailure();
      if (error) throw error;
      const known = state.jobs.get(job.jobId);
      if (!known || known.userId !== job.userId) {
        const e = reject('api_error', `job_status: no job ${job.jobId} for user ${job.userId} (2314: no zip received)`);
        e.userInfo.apiCode = '2314';
        e.userInfo.httpStatus = 404;
        throw e;
      }
      return known.status;
    },
    async captureSelfie(options) {
      const error = nextFailure();
      if (error) throw error;
      return makeTag(options.tag || id('tag'));
    },
    async captureSelfieFromFiles(options) {
      const error = nextFailure();
      if (error) throw error;
      if (!options.selfie) throw reject('invalid_input', 'selfie is required', 'selfie');
      if (options.liveness && options.liveness.length > 0 && options.liveness.length !== 7) throw reject('invalid_input', 'liveness must hold 0 or 7 photos', 'liveness');
      return makeTag(options.tag || id('tag'));
    },
    async getCurrentTags() {
      return [...state.tags.keys()];
    },
    async getImagesForTag(tag) {
      const images = state.tags.get(tag);
      if (!images) throw reject('tag_not_found', `no tag named ${tag}`, 'tag');
      return images;
    },
    async deleteTag(tag) {
      state.tags.delete(tag);
    },
    resolveSignature() {},
    rejectSignature() {},
    onProgress: subscribe('onProgress'),
    onSignatureRequest: subscribe('onSignatureRequest'),
  };
  const control = {
    /** The next job or capture rejects with this SmileIdError code. */
    failNext(code, message = `mock ${code}`, field) {
      state.failures.push({ code, message, field });
    },
    /** The next submitted job comes back incomplete for `reason`; jobStatus then reports it complete. */
    incompleteNext(reason = 'timedOut') {
      state.incomplete.push(reason);
    },
    /** Forgets tags, jobs, queued jobs and planned outcomes. */
    reset() {
      state.tags.clear();
      state.jobs.clear();
      state.incomplete.length = 0;
      state.resume = null;
      state.pending.length = 0;
      state.failures.length = 0;
      state.running.clear();
      state.seq = 0;
    },
    /** What the last configure() passed to native. */
    get configuration() {
      return state.configured;
    },
  };
  return { native, control };
}

const { native, control } = createNative();
const api = createApi(() => native);

module.exports = { __esModule: true, default: api, SmileIdError, mock: control };
