/**
 * The Jest mock this package ships. Register it in one line (jest.setup.js or a test):
 *
 *   jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'));
 *
 * It is the package's real TS layer (JSON envelopes, SmileIdError, events) over an in-memory
 * native module that speaks the same JSON documents as the Rust bindings and behaves like the
 * sandbox: tags from captureSelfie and captureSelfieFromFiles, the object and positional forms
 * of submitJob with their defaults, realistic results per job type, progress events, cancel,
 * jobStatus, the offline queue. `mock` (below) lets a test steer it:
 * `mock.failNext(code, message, field)` (e.g. `capture_cancelled` for the camera screen),
 * `mock.incompleteNext(reason)` (the next job comes back incomplete; jobStatus then completes
 * it), `mock.reset()`.
 */
// The compiled CommonJS build (bob's commonjs target): Jest runs it as is, untransformed.
const { createApi } = require('../lib/commonjs/api');
const { SmileIdError } = require('../lib/commonjs/errors');

/** Every `Actions` key of the sandbox's results; those a job does not set are Not Applicable. */
const ACTION_KEYS = [
  'Document_Check',
  'Human_Review_Compare',
  'Human_Review_Document_Check',
  'Human_Review_Liveness_Check',
  'Human_Review_Selfie_Check',
  'Human_Review_Update_Selfie',
  'Liveness_Check',
  'Register_Selfie',
  'Return_Personal_Info',
  'Selfie_Check',
  'Selfie_Provided',
  'Selfie_To_ID_Authority_Compare',
  'Selfie_To_ID_Card_Compare',
  'Selfie_To_Registered_Selfie_Compare',
  'Update_Registered_Selfie_On_File',
  'Verify_Document',
  'Verify_ID_Number',
];

/** The approved outcome of each job type. */
const OUTCOMES = {
  4: {
    code: '0840',
    text: 'Enroll User',
    actions: { Liveness_Check: 'Passed', Register_Selfie: 'Approved', Selfie_Provided: 'Passed' },
  },
  2: {
    code: '0820',
    text: 'User is authentic',
    actions: {
      Liveness_Check: 'Passed',
      Selfie_Provided: 'Passed',
      Selfie_To_Registered_Selfie_Compare: 'Completed',
    },
  },
  1: {
    code: '0810',
    text: 'ID Number Validated',
    actions: {
      Liveness_Check: 'Passed',
      Register_Selfie: 'Approved',
      Return_Personal_Info: 'Returned',
      Selfie_Provided: 'Passed',
      Selfie_To_ID_Authority_Compare: 'Completed',
      Verify_ID_Number: 'Verified',
    },
  },
};

/** The person the sandbox's ID authority returns for Biometric KYC. */
const PERSON = {
  FirstName: 'Joe',
  MiddleName: 'Leo',
  LastName: 'Doe',
  FullName: 'Joe Leo Doe',
  DOB: '1990-01-01',
  Gender: 'M',
};

const TIMESTAMP = new Date(0).toISOString();
/** Enhanced KYC: ID details only, answered at once (no tag, no job_status). */
const ENHANCED_KYC = 5;

/** A failed call: its error document (`{code, message, field?, apiCode?, httpStatus?}`). */
class Refusal {
  constructor(code, message, details = {}) {
    this.document = { code, message, ...details };
  }
}
const invalid = (field, reason) => new Refusal('invalid_input', `${field} ${reason}`, { field });

/** Answers an envelope: `{ok}` with what `work` returns, `{error}` with the Refusal it throws. */
async function answer(work) {
  try {
    const value = await work();
    return JSON.stringify({ ok: value === undefined ? null : value });
  } catch (e) {
    if (e instanceof Refusal) return JSON.stringify({ error: e.document });
    throw e;
  }
}

const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A key the caller may spell snake_case (as Smile ID) or camelCase; null is absent. */
const pick = (o, snake, camel = snake) => o[snake] ?? o[camel] ?? undefined;

function checkTagName(tag) {
  if (typeof tag !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(tag)) {
    throw invalid('tag', "use 1-64 characters from A-Z, a-z, 0-9, '_' and '-'");
  }
}

/**
 * submitJob/enqueueJob arguments (the JS call's arguments array) → the options object: the
 * object form `[options]` or rn-smile-id's positional form.
 */
function submitOptions(args) {
  const [first] = args;
  if (args.length === 1 && isObject(first)) return first;
  if (typeof first !== 'string') {
    throw invalid('tag', 'is required: submitJob({ tag, jobType, … }) or submitJob(tag, …)');
  }
  const [tag, jobType, isProduction, partnerParams, idInfo, geoInfo, callbackUrl, timeout] = args;
  return {
    tag,
    jobType,
    isProduction,
    partnerParams,
    idInfo,
    geoInfo,
    callbackUrl,
    jobStatusPollingTimeoutMillis: timeout,
  };
}

/** The options with their defaults, checked as the Rust side checks them. */
function submitRequest(args) {
  const o = submitOptions(args);
  if (o.jobType !== ENHANCED_KYC) checkTagName(o.tag);
  else if (o.tag) {
    throw invalid('tag', 'Enhanced KYC (job type 5) sends no images: leave the tag out');
  }
  if (typeof o.jobType !== 'number') throw invalid('job_type', 'must be 1, 2, 4 or 5');
  if (![1, 2, 4, ENHANCED_KYC].includes(o.jobType)) {
    const message = `unsupported job type ${o.jobType}: use 1, 2, 4 or 5`;
    throw new Refusal('unsupported_job_type', message, { field: 'job_type' });
  }
  const partner = { ...(o.partnerParams ?? {}) };
  const jobId = pick(partner, 'job_id', 'jobId') ?? '';
  const userId = pick(partner, 'user_id', 'userId') ?? '';
  // job_type is the job's own (jobType): dropped, as the Rust side drops it.
  for (const k of ['job_id', 'jobId', 'user_id', 'userId', 'job_type']) delete partner[k];
  for (const [k, v] of Object.entries(partner)) {
    if (v === null || v === undefined) delete partner[k];
    else if (typeof v !== 'string') throw invalid(`partner_params.${k}`, 'must be a string');
  }
  if (o.jobType === 2 && !userId) {
    throw invalid('partner_params.user_id', 'is required for SmartSelfie Authentication');
  }
  const idInfo = isObject(o.idInfo) && Object.keys(o.idInfo).length > 0 ? o.idInfo : null;
  if (o.jobType === 1 || o.jobType === ENHANCED_KYC) {
    const product = o.jobType === 1 ? 'Biometric KYC' : 'Enhanced KYC';
    if (!idInfo) throw invalid('id_info', `is required for ${product}`);
    for (const [snake, camel] of [['country'], ['id_type', 'idType'], ['id_number', 'idNumber']]) {
      if (!pick(idInfo, snake, camel)) throw invalid(`id_info.${snake}`, 'is required');
    }
  }
  const timeout = o.jobStatusPollingTimeoutMillis ?? 0;
  if (!(timeout >= 0 && timeout <= 86400000)) {
    throw invalid('job_status_polling_timeout_millis', 'must be between 0 and 86400000');
  }
  return {
    tag: o.tag ?? '',
    jobType: o.jobType,
    isProduction: o.isProduction ?? false,
    jobId,
    userId,
    extras: partner,
    idInfo,
    callbackUrl: o.callbackUrl ?? '',
    timeout,
  };
}

/** The ID and the person the sandbox's ID authority returns for it (jobs 1 and 5). */
function kycFields(idInfo) {
  return {
    Country: pick(idInfo, 'country'),
    IDType: pick(idInfo, 'id_type', 'idType'),
    IDNumber: pick(idInfo, 'id_number', 'idNumber'),
    FullName: PERSON.FullName,
    DOB: PERSON.DOB,
    Gender: PERSON.Gender,
    PhoneNumber: '+2340000000000',
    Address: '1 Sandbox Street',
    ExpirationDate: '2031-12-31',
    FullData: PERSON,
  };
}

/** Enhanced KYC's answer (`/v1/id_verification`) → its document, as the sandbox validates IDs. */
function enhancedKycDocument(job, smileJobId) {
  const actions = Object.fromEntries(ACTION_KEYS.map(k => [k, 'Not Applicable']));
  const json = {
    ResultCode: '1012',
    ResultText: 'ID Number Validated',
    ResultType: 'ID Verification',
    SmileJobID: smileJobId,
    JSONVersion: '1.0.0',
    IsFinalResult: 'true',
    IsMachineResult: 'true',
    ConfidenceValue: '99',
    PartnerParams: { job_id: job.jobId, user_id: job.userId, job_type: 5, ...job.extras },
    Actions: { ...actions, Return_Personal_Info: 'Returned', Verify_ID_Number: 'Verified' },
    Source: 'WebAPI',
    ...kycFields(job.idInfo),
  };
  const { Actions, Country, DOB, ExpirationDate, FullName, IDNumber, IDType } = json;
  return {
    Actions,
    Country,
    DOB,
    ExpirationDate,
    FullName,
    IDNumber,
    IDType,
    PartnerParams: { ...json.PartnerParams, job_type: '5' },
    ResultCode: json.ResultCode,
    ResultText: json.ResultText,
    SmileJobID: smileJobId,
    jobId: job.jobId,
    jobType: 5,
    json,
    userId: job.userId,
    verified: true,
  };
}

/** The job_status body the sandbox answers once a job is complete. */
function completeBody(job) {
  const outcome = OUTCOMES[job.jobType];
  const actions = Object.fromEntries(ACTION_KEYS.map(k => [k, 'Not Applicable']));
  const kyc = job.jobType === 1 && kycFields(job.idInfo);
  const result = {
    ResultCode: outcome.code,
    ResultText: outcome.text,
    ResultType: 'SAIA',
    SmileJobID: job.smileJobId,
    JSONVersion: '1.0.0',
    IsFinalResult: 'true',
    IsMachineResult: 'true',
    ConfidenceValue: '99',
    PartnerParams: {
      job_id: job.jobId,
      user_id: job.userId,
      job_type: job.jobType,
      ...job.extras,
    },
    Actions: { ...actions, ...outcome.actions },
    Source: 'WebAPI',
    ...kyc,
  };
  return {
    timestamp: TIMESTAMP,
    signature: 'mock',
    job_complete: true,
    job_success: true,
    code: '2302',
    result,
  };
}

/** A job_status body → JobStatusResult, as Rust decodes it (absent fields left undefined). */
function statusDocument(body) {
  const r = isObject(body.result) ? body.result : {};
  const flag = v => (v === undefined ? undefined : v === 'true');
  const partner =
    r.PartnerParams &&
    Object.fromEntries(Object.entries(r.PartnerParams).map(([k, v]) => [k, String(v)]));
  return {
    jobComplete: body.job_complete,
    jobSuccess: body.job_success,
    code: body.code,
    ResultCode: r.ResultCode,
    ResultText: r.ResultText,
    ResultType: r.ResultType,
    SmileJobID: r.SmileJobID,
    PartnerParams: partner,
    Actions: r.Actions,
    ConfidenceValue: r.ConfidenceValue,
    IsFinalResult: flag(r.IsFinalResult),
    IsMachineResult: flag(r.IsMachineResult),
    Country: r.Country,
    IDType: r.IDType,
    IDNumber: r.IDNumber,
    FullName: r.FullName,
    DOB: r.DOB,
    Gender: r.Gender,
    resultMessage: typeof body.result === 'string' ? body.result : undefined,
    timestamp: body.timestamp,
    json: body,
    raw: JSON.stringify(body),
  };
}

/** The status of a job no job_status answer arrived for (timed out, status unavailable). */
const NOT_RECEIVED = {
  jobComplete: false,
  jobSuccess: false,
  code: '',
  timestamp: '',
  json: {},
  raw: '',
};

/** How an incomplete job's last status looks, per reason. */
function incompleteStatus(reason) {
  if (reason === 'statusUnavailable') return NOT_RECEIVED;
  const still = {
    timestamp: TIMESTAMP,
    signature: 'mock',
    job_complete: false,
    job_success: false,
  };
  // timedOut: the sandbox's answer while it still processes; uploadLost: no zip received.
  if (reason === 'timedOut') return statusDocument({ ...still, code: '2302' });
  return statusDocument({ ...still, code: '2314', result: 'No zip file received' });
}

function createNative() {
  const state = {
    tags: new Map(),
    pending: [],
    running: new Map(),
    failures: [],
    seq: 0,
    configured: null,
    jobs: new Map(),
    incomplete: [],
    resumes: new Set(),
  };
  const listeners = { onProgress: new Set(), onSignatureRequest: new Set() };
  const emit = (name, body) => listeners[name].forEach(l => l(JSON.stringify(body)));
  const subscribe = name => listener => {
    listeners[name].add(listener);
    return { remove: () => listeners[name].delete(listener) };
  };
  const failPlanned = () => {
    const f = state.failures.shift();
    if (f) throw new Refusal(f.code, f.message, { field: f.field });
  };
  const id = prefix => `${prefix}-mock-${++state.seq}`;
  const tagImages = tag => {
    const images = state.tags.get(tag);
    if (!images) throw new Refusal('tag_not_found', `tag not found: ${tag}`, { field: 'tag' });
    return images;
  };

  /** Makes a tag whose files look like the native store's. */
  function makeTag(tag) {
    checkTagName(tag);
    const dir = `/mock/smileid/${tag}`;
    const liveness = Array.from({ length: 7 }, (_, i) => `${dir}/liveness_${i}.jpg`);
    const images = { selfie: `${dir}/selfie.jpg`, liveness, idCardFront: null, idCardBack: null };
    state.tags.set(tag, images);
    return { tag, selfiePath: images.selfie, livenessPaths: images.liveness };
  }

  /** A checked request with its ids (generated when empty), ready to run or queue. */
  function prepare(args) {
    failPlanned();
    const request = submitRequest(args);
    if (request.jobType !== ENHANCED_KYC) tagImages(request.tag);
    return { ...request, jobId: request.jobId || id('job'), userId: request.userId || id('user') };
  }

  /** Runs a job as the sandbox would: progress events, then its JobResult document. */
  function run(job) {
    const { jobId } = job;
    return new Promise((resolve, reject) => {
      const cancel = () => reject(new Refusal('cancelled', 'cancelled'));
      state.running.set(jobId, cancel);
      const smileJobId = String(1000000000 + state.seq);
      const reason = state.incomplete.shift();
      const complete = statusDocument(completeBody({ ...job, smileJobId }));
      const status = reason ? incompleteStatus(reason) : complete;
      const steps = [
        { type: 'authenticating' },
        { type: 'preparing' },
        { type: 'uploading', sentBytes: 51200, totalBytes: 102400, percent: 50 },
        { type: 'uploading', sentBytes: 102400, totalBytes: 102400, percent: 100 },
        ...(status === NOT_RECEIVED ? [] : [{ type: 'polling', attempt: 1, jobComplete: true }]),
        { type: 'done', jobComplete: status.jobComplete, jobSuccess: status.jobSuccess },
      ];
      const step = () => {
        if (state.running.get(jobId) !== cancel) return;
        if (steps.length > 0) {
          emit('onProgress', { jobId, ...steps.shift() });
          setTimeout(step, 0);
          return;
        }
        state.running.delete(jobId);
        state.jobs.set(jobId, { userId: job.userId, status: complete });
        // An incomplete job stays pending, uploaded, for resumePendingJobs.
        if (reason && !state.pending.some(p => p.jobId === jobId)) {
          state.pending.push({
            job,
            jobId,
            tag: job.tag,
            jobType: job.jobType,
            state: 'uploaded',
            smileJobId,
            createdAt: TIMESTAMP,
            updatedAt: TIMESTAMP,
          });
        }
        resolve({
          ...status,
          SmileJobID: status.SmileJobID ?? smileJobId,
          timedOut: reason === 'timedOut',
          incompleteReason: reason,
          tag: job.tag,
          jobType: job.jobType,
          jobId,
          userId: job.userId,
        });
      };
      setTimeout(step, 0);
    });
  }

  const native = {
    configure: config =>
      answer(() => {
        state.configured = JSON.parse(config);
      }),
    submitJob: args =>
      answer(() => {
        const job = prepare(JSON.parse(args));
        if (job.jobType !== ENHANCED_KYC) return run(job);
        return enhancedKycDocument(job, String(1000000000 + state.seq));
      }),
    async cancelJob(jobId) {
      const cancel = state.running.get(jobId);
      if (!cancel) return false;
      state.running.delete(jobId);
      cancel();
      return true;
    },
    enqueueJob: args =>
      answer(() => {
        const job = prepare(JSON.parse(args));
        if (job.jobType === ENHANCED_KYC) {
          throw invalid('job_type', 'Enhanced KYC (5) sends no capture: submit it instead');
        }
        state.pending.push({
          job,
          jobId: job.jobId,
          tag: job.tag,
          jobType: job.jobType,
          state: 'captured',
          smileJobId: null,
          createdAt: TIMESTAMP,
          updatedAt: TIMESTAMP,
        });
        return job.jobId;
      }),
    pendingJobs: () => answer(() => state.pending.map(({ job, ...entry }) => entry)),
    resumePendingJobs: () =>
      answer(async () => {
        const resume = { cancelled: false };
        state.resumes.add(resume);
        const out = [];
        try {
          // A job leaves the queue once sent; a cancelled resume leaves it and the rest pending.
          while (state.pending.length > 0) {
            if (resume.cancelled) throw new Refusal('cancelled', 'cancelled');
            const next = state.pending[0];
            try {
              tagImages(next.tag);
              out.push({ jobId: next.jobId, result: await run(next.job) });
            } catch (e) {
              if (resume.cancelled || !(e instanceof Refusal)) throw e;
              out.push({ jobId: next.jobId, error: e.document });
            }
            state.pending.splice(state.pending.indexOf(next), 1);
          }
        } finally {
          state.resumes.delete(resume);
        }
        return out;
      }),
    async cancelResume() {
      if (state.resumes.size === 0) return false;
      for (const resume of state.resumes) resume.cancelled = true;
      for (const { jobId } of state.pending) native.cancelJob(jobId);
      state.resumes.clear();
      return true;
    },
    jobStatus: ref =>
      answer(() => {
        failPlanned();
        const { jobId, userId } = JSON.parse(ref);
        if (!jobId) throw invalid('partner_params.job_id', 'is required');
        if (!userId) throw invalid('partner_params.user_id', 'is required');
        const known = state.jobs.get(jobId);
        if (!known || known.userId !== userId) {
          throw new Refusal(
            'api_error',
            'Smile ID API error 2314 (HTTP 404): job_id: no job with this job_id and user_id',
            { apiCode: '2314', httpStatus: 404 },
          );
        }
        return known.status;
      }),
    captureSelfie: options =>
      answer(() => {
        failPlanned();
        return makeTag(JSON.parse(options).tag ?? id('tag'));
      }),
    captureSelfieFromFiles: options =>
      answer(() => {
        failPlanned();
        const { selfie, liveness = [], tag } = JSON.parse(options);
        if (!selfie) throw invalid('selfie', 'is required: a path or file:// URI');
        if (liveness.length !== 0 && liveness.length !== 7) {
          throw invalid('liveness', 'must hold 0 or 7 photos');
        }
        return makeTag(tag ?? id('tag'));
      }),
    getCurrentTags: () => answer(() => [...state.tags.keys()]),
    getImagesForTag: tag => answer(() => tagImages(tag)),
    deleteTag: tag =>
      answer(() => {
        tagImages(tag);
        state.tags.delete(tag);
      }),
    resolveSignature() {},
    rejectSignature() {},
    onProgress: subscribe('onProgress'),
    onSignatureRequest: subscribe('onSignatureRequest'),
  };
  const control = {
    /** The next job, status or capture fails with this SmileIdError code. */
    failNext(code, message = `mock ${code}`, field) {
      state.failures.push({ code, message, field });
    },
    /** The next job comes back incomplete for `reason`; jobStatus then reports it complete. */
    incompleteNext(reason = 'timedOut') {
      state.incomplete.push(reason);
    },
    /** Forgets tags, jobs, queued jobs and planned outcomes. */
    reset() {
      state.tags.clear();
      state.jobs.clear();
      state.incomplete.length = 0;
      state.resumes.clear();
      state.pending.length = 0;
      state.failures.length = 0;
      state.running.clear();
      state.seq = 0;
      state.configured = null;
    },
    /** What the last configure() passed to native, parsed. */
    get configuration() {
      return state.configured;
    },
  };
  return { native, control };
}

const { native, control } = createNative();
const api = createApi(() => native);

/** `nativeModule`: the in-memory module itself (the spec's JSON strings), for boundary tests. */
module.exports = {
  __esModule: true,
  default: api,
  SmileIdError,
  mock: control,
  nativeModule: native,
};
