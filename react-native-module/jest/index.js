/**
 * The Jest mock this package ships. Register it in one line (jest.setup.js or a test):
 *
 *   jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'));
 *
 * It is the package's real TS layer (JSON envelopes, SmileIdError, events) over an in-memory
 * native module that speaks the same JSON documents as the Rust bindings and behaves like the
 * sandbox: tags from captureSelfie and captureSelfieFromFiles, documents added to them
 * (captureDocumentFromFiles), the object and positional forms of submitJob with their defaults,
 * realistic results per job type (1, 2, 4, 5, 6, 11, and Enhanced SmartSelfie), progress events,
 * cancel, jobStatus, the offline queue, and the sandbox's catalogue for services(),
 * productsConfig() and validDocuments(). `mock` (below) lets a test steer it:
 * `mock.failNext(code, message, field)` (e.g. `capture_cancelled` for the camera screen, or
 * `invalid_image` with field `back` for a document photo too dark to read; the mock reads no
 * pixels), `mock.incompleteNext(reason)` (the next job comes back incomplete; jobStatus then
 * completes it), `mock.reset()`.
 */
// The compiled CommonJS build (bob's commonjs target): Jest runs it as is, untransformed.
const { createApi } = require('../lib/commonjs/api');
const { SmileIdError } = require('../lib/commonjs/errors');
/** The sandbox's answers to the look-ups: `{services, productsConfig, validDocuments}`. */
const CATALOGUE = require('./catalogue.json');

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

/** What a document job checks and returns, the same for 6 and 11 but Verify_Document. */
const DOCUMENT_OUTCOME = {
  code: '0810',
  text: 'Document Verified',
  type: 'Document Verification',
  actions: {
    Document_Check: 'Passed',
    Liveness_Check: 'Passed',
    Register_Selfie: 'Approved',
    Return_Personal_Info: 'Returned',
    Selfie_Provided: 'Passed',
    Selfie_To_ID_Card_Compare: 'Completed',
  },
};

/** The approved outcome of each job type. */
const OUTCOMES = {
  4: {
    code: '0840',
    text: 'Enroll User',
    type: 'SAIA',
    actions: { Liveness_Check: 'Passed', Register_Selfie: 'Approved', Selfie_Provided: 'Passed' },
  },
  2: {
    code: '0820',
    text: 'User is authentic',
    type: 'SAIA',
    actions: {
      Liveness_Check: 'Passed',
      Selfie_Provided: 'Passed',
      Selfie_To_Registered_Selfie_Compare: 'Completed',
    },
  },
  6: DOCUMENT_OUTCOME,
  11: {
    ...DOCUMENT_OUTCOME,
    actions: { ...DOCUMENT_OUTCOME.actions, Verify_Document: 'Verified' },
  },
  1: {
    code: '0810',
    text: 'ID Number Validated',
    type: 'SAIA',
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

/** The document number the sandbox reads off every document. */
const DOCUMENT_NUMBER = 'A00000000';

const TIMESTAMP = new Date(0).toISOString();
/** Enhanced KYC: ID details only, answered at once (no tag, no job_status). */
const ENHANCED_KYC = 5;
const JOB_TYPES = [1, 2, 4, ENHANCED_KYC, 6, 11];
const DOCUMENT_JOBS = [6, 11];
/** Enhanced SmartSelfie's job types, by the name its answer gives them. */
const ENHANCED_SELFIE = { 2: 'smart_selfie_authentication', 4: 'smart_selfie_enrollment' };

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
  if (typeof o.jobType !== 'number') {
    throw invalid('job_type', 'must be 1, 2, 4, 5, 6 or 11');
  }
  if (!JOB_TYPES.includes(o.jobType)) {
    const message = `unsupported job type ${o.jobType}: use 1, 2, 4, 5, 6 or 11`;
    throw new Refusal('unsupported_job_type', message, { field: 'job_type' });
  }
  const enhanced = o.enhanced ?? false;
  if (typeof enhanced !== 'boolean') throw invalid('enhanced', 'must be true or false');
  if (enhanced && !ENHANCED_SELFIE[o.jobType]) {
    throw invalid('job_type', 'Enhanced SmartSelfie runs job types 4 (enrolment) and 2');
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
  if (DOCUMENT_JOBS.includes(o.jobType)) checkDocumentId(idInfo);
  const timeout = o.jobStatusPollingTimeoutMillis ?? 0;
  if (!(timeout >= 0 && timeout <= 86400000)) {
    throw invalid('job_status_polling_timeout_millis', 'must be between 0 and 86400000');
  }
  return {
    tag: o.tag ?? '',
    jobType: o.jobType,
    enhanced,
    isProduction: o.isProduction ?? false,
    jobId,
    userId,
    extras: partner,
    idInfo,
    callbackUrl: o.callbackUrl ?? '',
    timeout,
  };
}

/** A document job's id_info: the issuing country and the document type, as core checks them. */
function checkDocumentId(idInfo) {
  if (!idInfo) {
    throw invalid('id_info', 'is required for Document Verification: give country and id_type');
  }
  if (!/^[A-Z]{2}$/.test(pick(idInfo, 'country') ?? '')) {
    throw invalid('id_info.country', 'must be the two-letter upper-case ISO code, e.g. NG');
  }
  if (!/^[A-Z0-9_]{1,64}$/.test(pick(idInfo, 'id_type', 'idType') ?? '')) {
    throw invalid('id_info.id_type', 'must name the document type, e.g. PASSPORT');
  }
}

/**
 * The ID and the person the sandbox's ID authority returns for it (jobs 1 and 5), or reads off
 * the document (6, 11).
 */
function kycFields(idInfo, jobType) {
  const document = DOCUMENT_JOBS.includes(jobType);
  return {
    Country: pick(idInfo, 'country'),
    IDType: pick(idInfo, 'id_type', 'idType'),
    IDNumber: document ? DOCUMENT_NUMBER : pick(idInfo, 'id_number', 'idNumber'),
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
    ...kycFields(job.idInfo, ENHANCED_KYC),
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

/** An Enhanced SmartSelfie's answer (`/v2/smart-selfie-*`) → its document, approved. */
function enhancedSelfieDocument(job, smileJobId) {
  const outcome = OUTCOMES[job.jobType];
  const body = {
    code: outcome.code,
    created_at: TIMESTAMP,
    job_id: smileJobId,
    job_type: ENHANCED_SELFIE[job.jobType],
    message: outcome.text,
    partner_id: '2343',
    partner_params: job.extras,
    status: 'approved',
    updated_at: TIMESTAMP,
    user_id: job.userId,
  };
  return {
    enhanced: true,
    jobType: job.jobType,
    tag: job.tag,
    jobId: job.jobId,
    userId: job.userId,
    status: body.status,
    code: body.code,
    message: body.message,
    smileJobId,
    partnerParams: job.extras,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
    json: body,
    raw: JSON.stringify(body),
  };
}

/** The job_status body the sandbox answers once a job is complete. */
function completeBody(job) {
  const outcome = OUTCOMES[job.jobType];
  const actions = Object.fromEntries(ACTION_KEYS.map(k => [k, 'Not Applicable']));
  const withId = job.jobType === 1 || DOCUMENT_JOBS.includes(job.jobType);
  const kyc = withId && kycFields(job.idInfo, job.jobType);
  const result = {
    ResultCode: outcome.code,
    ResultText: outcome.text,
    ResultType: outcome.type,
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
    ExpirationDate: r.ExpirationDate,
    PhoneNumber: r.PhoneNumber,
    PhoneNumber2: r.PhoneNumber2,
    Address: r.Address,
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
    if (request.jobType !== ENHANCED_KYC) {
      const images = tagImages(request.tag);
      if (DOCUMENT_JOBS.includes(request.jobType) && !images.idCardFront) {
        const fix = 'add it with captureDocumentFromFiles({ tag, front, back? })';
        throw invalid('tag', `has no document: Document Verification needs its front; ${fix}`);
      }
    }
    return { ...request, jobId: request.jobId || id('job'), userId: request.userId || id('user') };
  }

  /**
   * Plays `steps` as `onProgress` events of `jobId`, one per tick, then resolves with `finish()`;
   * cancelJob(jobId) rejects it with `cancelled` instead.
   */
  function play(jobId, steps, finish) {
    return new Promise((resolve, reject) => {
      const cancel = () => reject(new Refusal('cancelled', 'cancelled'));
      state.running.set(jobId, cancel);
      const step = () => {
        if (state.running.get(jobId) !== cancel) return;
        if (steps.length > 0) {
          emit('onProgress', { jobId, ...steps.shift() });
          setTimeout(step, 0);
          return;
        }
        state.running.delete(jobId);
        resolve(finish());
      };
      setTimeout(step, 0);
    });
  }

  /** Runs a job as the sandbox would: progress events, then its JobResult document. */
  function run(job) {
    const { jobId } = job;
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
    return play(jobId, steps, () => {
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
      return {
        ...status,
        SmileJobID: status.SmileJobID ?? smileJobId,
        timedOut: reason === 'timedOut',
        incompleteReason: reason,
        tag: job.tag,
        jobType: job.jobType,
        jobId,
        userId: job.userId,
      };
    });
  }

  /** Runs an Enhanced SmartSelfie: one request, its answer at once (no polling). */
  function runEnhanced(job) {
    const steps = [
      { type: 'authenticating' },
      { type: 'preparing' },
      { type: 'uploading', sentBytes: 102400, totalBytes: 102400, percent: 100 },
      { type: 'done', jobComplete: true, jobSuccess: true },
    ];
    return play(job.jobId, steps, () => enhancedSelfieDocument(job, `job-mock-v2-${state.seq}`));
  }

  /** Looks a catalogue document up as the native side does, checking its options. */
  const lookup = name => options =>
    answer(() => {
      failPlanned();
      const { isProduction = false } = JSON.parse(options) ?? {};
      if (typeof isProduction !== 'boolean') {
        throw invalid('is_production', 'has the wrong type or shape: expected a boolean');
      }
      return CATALOGUE[name];
    });

  const native = {
    configure: config =>
      answer(() => {
        state.configured = JSON.parse(config);
      }),
    submitJob: args =>
      answer(() => {
        const job = prepare(JSON.parse(args));
        if (job.enhanced) return runEnhanced(job);
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
        const parsed = JSON.parse(args);
        // Refused as soon as read, before the job's own checks, as the native side does.
        if (submitOptions(parsed).enhanced) {
          throw invalid('enhanced', 'enqueueJob records standard jobs: submit it with submitJob');
        }
        const job = prepare(parsed);
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
    captureDocumentFromFiles: options =>
      answer(() => {
        failPlanned();
        const { tag, front, back } = JSON.parse(options);
        if (!tag) {
          throw invalid(
            'tag',
            'is required: the tag of the selfie capture the document belongs to',
          );
        }
        if (!front) throw invalid('front', "is required: the document's photo");
        const images = tagImages(tag);
        const dir = `/mock/smileid/${tag}`;
        images.idCardFront = `${dir}/si_document_front.jpg`;
        images.idCardBack = back ? `${dir}/si_document_back.jpg` : null;
        return { tag, frontPath: images.idCardFront, backPath: images.idCardBack };
      }),
    services: lookup('services'),
    productsConfig: lookup('productsConfig'),
    validDocuments: lookup('validDocuments'),
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
    /** The next job, status, capture or look-up fails with this SmileIdError code. */
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
