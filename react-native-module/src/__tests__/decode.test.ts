/**
 * The documents the Rust bindings answered on real sandbox runs (testdata/rn-documents; its
 * README names the call behind each file): the TS types accept them (tsc checks the `fits`
 * calls), the API decodes them, and the shipped Jest mock answers the same calls with documents
 * of the same shape, so apps testing on the mock see what the device will send.
 */
import capturedDocument from '../../../testdata/rn-documents/captured-document.json';
import captured from '../../../testdata/rn-documents/captured.json';
import errorApi from '../../../testdata/rn-documents/error-api.json';
import errorCancelled from '../../../testdata/rn-documents/error-cancelled.json';
import errorInvalidInput from '../../../testdata/rn-documents/error-invalid-input.json';
import errorTagNotFound from '../../../testdata/rn-documents/error-tag-not-found.json';
import incomplete from '../../../testdata/rn-documents/incomplete.json';
import jt1 from '../../../testdata/rn-documents/jt1.json';
import jt11 from '../../../testdata/rn-documents/jt11.json';
import jt2 from '../../../testdata/rn-documents/jt2.json';
import jt4 from '../../../testdata/rn-documents/jt4.json';
import jt5 from '../../../testdata/rn-documents/jt5.json';
import jt6 from '../../../testdata/rn-documents/jt6.json';
import pending from '../../../testdata/rn-documents/pending.json';
import productsConfig from '../../../testdata/rn-documents/products-config.json';
import progress from '../../../testdata/rn-documents/progress.json';
import resumed from '../../../testdata/rn-documents/resumed.json';
import services from '../../../testdata/rn-documents/services.json';
import status from '../../../testdata/rn-documents/status.json';
import tagImages from '../../../testdata/rn-documents/tag-images.json';
import v2Enroll from '../../../testdata/rn-documents/v2-enroll.json';
import validDocuments from '../../../testdata/rn-documents/valid-documents.json';
import type { Spec } from '../NativeRnSmileId';
import { createApi } from '../api';
import type { ResumedJobDocument } from '../api';
import { SmileIdError } from '../errors';
import type { ErrorDocument, SmileIdErrorCode } from '../errors';
import type {
  CapturedDocument,
  CapturedSelfie,
  DocumentVerificationResult,
  EnhancedKycResult,
  EnhancedSmartSelfieResult,
  IncompleteReason,
  JobResult,
  JobState,
  JobStatusResult,
  PendingJob,
  ProductsConfig,
  ProgressEvent,
  Services,
  TagImages,
  ValidDocuments,
} from '../types';

type MockControl = {
  reset(): void;
  incompleteNext(reason: string): void;
  failNext(code: SmileIdErrorCode, message?: string, field?: string): void;
};
const { mock, nativeModule } = require('../../jest') as { mock: MockControl; nativeModule: Spec };

// --- The types accept the documents (checked by tsc) ---

/** T with its literal unions widened, as TS types an imported JSON document. */
type Widen<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? Widen<E>[]
        : T extends object
          ? { [K in keyof T]: Widen<T[K]> }
          : T;
/** Every key of every member of a union. */
type Keys<T> = T extends unknown ? keyof T : never;
/** tsc accepts `fits<T>()(doc)` only when doc has T's value types and no key T lacks. */
const fits =
  <T>() =>
  <D extends Widen<T>>(doc: D & Record<Exclude<keyof D, Keys<T>>, never>) =>
    doc;

fits<JobResult>()(jt4);
fits<JobResult>()(jt2);
fits<JobResult>()(jt1);
fits<JobResult>()(incomplete);
fits<EnhancedKycResult>()(jt5);
fits<DocumentVerificationResult>()(jt6);
fits<DocumentVerificationResult>()(jt11);
fits<JobResult>()(jt6);
fits<EnhancedSmartSelfieResult>()(v2Enroll);
fits<CapturedDocument>()(capturedDocument);
fits<Services>()(services);
fits<ProductsConfig>()(productsConfig);
fits<ValidDocuments>()(validDocuments);
fits<JobStatusResult>()(status);
fits<PendingJob[]>()(pending);
pending.forEach(job => fits<PendingJob>()(job));
resumed.forEach(entry => fits<ResumedJobDocument>()(entry));
resumed.forEach(({ result }) => result && fits<JobResult>()(result));
fits<TagImages>()(tagImages);
fits<CapturedSelfie>()(captured);
progress.forEach(event => fits<ProgressEvent>()(event));
[errorInvalidInput, errorApi, errorTagNotFound, errorCancelled].forEach(e =>
  fits<ErrorDocument>()(e),
);

// What tsc cannot see through widened JSON strings: the values of the literal unions.
const ERROR_CODES: Record<SmileIdErrorCode, true> = {
  invalid_input: true,
  unsupported_job_type: true,
  api_error: true,
  network: true,
  timeout: true,
  signature_mismatch: true,
  invalid_response: true,
  insecure_transport: true,
  storage: true,
  tag_not_found: true,
  invalid_image: true,
  cancelled: true,
  internal: true,
  not_linked: true,
  camera_permission_denied: true,
  capture_cancelled: true,
  camera_unavailable: true,
  capture_timeout: true,
};
const REASONS: Record<IncompleteReason, true> = {
  timedOut: true,
  statusUnavailable: true,
  uploadLost: true,
};
const STATES: Record<JobState, true> = {
  captured: true,
  prepared: true,
  uploaded: true,
  complete: true,
  failed: true,
};
/** Each step's fields besides jobId and type, with their JSON types. */
const STEP_FIELDS: Record<ProgressEvent['type'], Record<string, string>> = {
  authenticating: {},
  preparing: {},
  uploading: { sentBytes: 'number', totalBytes: 'number', percent: 'number' },
  polling: { attempt: 'number', jobComplete: 'boolean' },
  done: { jobComplete: 'boolean', jobSuccess: 'boolean' },
};

it('holds only values of the literal unions', () => {
  expect(REASONS).toHaveProperty(incomplete.incompleteReason);
  pending.forEach(job => expect(STATES).toHaveProperty(job.state));
  for (const event of progress) {
    const fields = STEP_FIELDS[event.type as ProgressEvent['type']];
    expect(shape(event)).toEqual({ jobId: 'string', type: 'string', ...fields });
  }
  for (const e of [errorInvalidInput, errorApi, errorTagNotFound, errorCancelled]) {
    expect(ERROR_CODES).toHaveProperty(e.code);
  }
  expect(incomplete.incompleteReason).toBe('timedOut');
  expect([jt6.jobType, jt11.jobType, v2Enroll.jobType]).toEqual([6, 11, 4]);
  expect([v2Enroll.enhanced, v2Enroll.status]).toEqual([true, 'approved']);
  const resumedResults = resumed.flatMap(r => (r.result ? [r.result] : []));
  for (const done of [jt4, jt2, jt1, ...resumedResults]) {
    expect(done).not.toHaveProperty('incompleteReason');
  }
});

it('holds the results the sandbox decides', () => {
  expect([jt4.ResultCode, jt2.ResultCode, jt1.ResultCode]).toEqual(['0840', '0820', '0810']);
  expect([jt1.Country, jt1.IDType]).toEqual(['NG', 'BVN']);
  for (const r of [jt4, jt2, jt1, status]) {
    expect(r.json.result.SmileJobID).toBe(r.SmileJobID);
    expect(JSON.parse(r.raw)).toEqual(r.json);
  }
  expect([jt5.ResultCode, jt5.verified, jt5.jobType]).toEqual(['1012', true, 5]);
  expect(jt5.json.SmileJobID).toBe(jt5.SmileJobID);
  expect([incomplete.jobComplete, incomplete.timedOut]).toEqual([false, true]);
  expect(incomplete).not.toHaveProperty('ResultCode');
  expect([status.jobComplete, status.ResultCode]).toEqual([true, '0840']);
  for (const r of [jt6, jt11]) {
    expect([r.ResultCode, r.ResultType, r.IDType]).toEqual([
      '0810',
      'Document Verification',
      'PASSPORT',
    ]);
    expect([r.Actions.Document_Check, r.Actions.Selfie_To_ID_Card_Compare]).toEqual([
      'Passed',
      'Completed',
    ]);
    expect(JSON.parse(r.raw)).toEqual(r.json);
  }
  expect([jt6.Actions.Verify_Document, jt11.Actions.Verify_Document]).toEqual([
    'Not Applicable',
    'Verified',
  ]);
  expect(JSON.parse(v2Enroll.raw)).toEqual(v2Enroll.json);
  expect(v2Enroll.smileJobId).toBe(v2Enroll.json.job_id);
  const ng = validDocuments.valid_documents.find(d => d.country.code === 'NG');
  expect(ng?.id_types.find(t => t.code === 'PASSPORT')?.has_back).toBe(false);
  expect(services.hosted_web.enhanced_kyc.NG.id_types.BVN.test_data).toBe('00000000000');
  expect(productsConfig.idSelection.doc_verification.NG).toContain('PASSPORT');
});

// --- The API decodes them ---

/** A native module whose calls all resolve with `envelope`, and whose events `emit` sends. */
function nativeAnswering(envelope: object) {
  const body = JSON.stringify(envelope);
  const progressListeners: Array<(body: string) => void> = [];
  const answer = async () => body;
  const native = {
    configure: answer,
    submitJob: answer,
    enqueueJob: answer,
    pendingJobs: answer,
    resumePendingJobs: answer,
    jobStatus: answer,
    captureSelfie: answer,
    captureSelfieFromFiles: answer,
    captureDocumentFromFiles: answer,
    services: answer,
    productsConfig: answer,
    validDocuments: answer,
    getCurrentTags: answer,
    getImagesForTag: answer,
    deleteTag: answer,
    onProgress: (l: (body: string) => void) => {
      progressListeners.push(l);
      return { remove() {} };
    },
  };
  const emit = (event: object) => progressListeners.forEach(l => l(JSON.stringify(event)));
  return { api: createApi(() => native as unknown as Spec), emit };
}
const answering = (ok: unknown) => nativeAnswering({ ok }).api;

describe('the API', () => {
  it('returns each ok value as the public type', async () => {
    const job = { tag: 'obama', jobType: 4 } as const;
    expect(await answering(jt4).submitJob(job)).toEqual(jt4);
    expect(await answering(jt2).submitJob('obama', 2, false, { user_id: jt2.userId })).toEqual(jt2);
    expect(await answering(jt1).submitJob(job)).toEqual(jt1);
    const idInfo = { country: 'NG', id_type: 'BVN', id_number: jt5.IDNumber };
    const ekyc = await answering(jt5).submitJob({ jobType: 5, idInfo });
    // The result's type follows jobType: tsc checks `verified` exists on it.
    expect(ekyc.verified).toBe(true);
    expect(ekyc).toEqual(jt5);
    expect(await answering(incomplete).submitJob(job)).toEqual(incomplete);
    const ref = { jobId: 'job-late', userId: 'u-late', jobType: 4 };
    expect(await answering(status).jobStatus(ref)).toEqual(status);
    expect(await answering(pending).pendingJobs()).toEqual(pending);
    const asErrors = resumed.map(r =>
      r.error ? { ...r, error: expect.objectContaining({ ...r.error, name: 'SmileIdError' }) } : r,
    );
    expect(await answering(resumed).resumePendingJobs()).toEqual(asErrors);
    expect(await answering(tagImages).getImagesForTag('obama')).toEqual(tagImages);
    const selfie = { selfie: '/photos/obama.jpg' };
    expect(await answering(captured).captureSelfieFromFiles(selfie)).toEqual(captured);
  });

  it('returns the new products and look-ups as their public types', async () => {
    const document = { tag: 'doc', front: '/photos/front.jpg', back: '/photos/back.jpg' };
    const added = await answering(capturedDocument).captureDocumentFromFiles(document);
    expect(added).toEqual(capturedDocument);
    const idInfo = { country: 'NG', idType: 'PASSPORT' };
    const doc = await answering(jt6).submitJob({ tag: 'doc', jobType: 6, idInfo });
    // The result's type follows jobType: tsc checks the document fields and Actions keys.
    expect([doc.ExpirationDate, doc.Actions?.Document_Check]).toEqual(['2031-12-31', 'Passed']);
    expect(doc).toEqual(jt6);
    const enhancedDoc = await answering(jt11).submitJob({ tag: 'doc', jobType: 11, idInfo });
    expect(enhancedDoc).toEqual(jt11);
    const v2 = await answering(v2Enroll).submitJob({ tag: 'v2', jobType: 4, enhanced: true });
    // `enhanced: true`: the Enhanced SmartSelfie's answer (tsc checks `status` exists on it).
    expect(v2.status).toBe('approved');
    expect(v2).toEqual(v2Enroll);
    expect(await answering(services).services()).toEqual(services);
    expect(await answering(productsConfig).productsConfig()).toEqual(productsConfig);
    const documents = await answering(validDocuments).validDocuments({ isProduction: false });
    expect(documents).toEqual(validDocuments);
  });

  it('throws each error document as a SmileIdError', async () => {
    for (const doc of [errorInvalidInput, errorApi, errorTagNotFound, errorCancelled]) {
      const e = await nativeAnswering({ error: doc })
        .api.getCurrentTags()
        .catch(x => x);
      expect(e).toBeInstanceOf(SmileIdError);
      const { code, message, field, apiCode, httpStatus } = e as SmileIdError;
      expect({ code, message, field, apiCode, httpStatus }).toEqual({
        field: undefined,
        apiCode: undefined,
        httpStatus: undefined,
        ...doc,
      });
    }
  });

  it('delivers the progress bodies as events', () => {
    const { api, emit } = nativeAnswering({ ok: null });
    const seen: ProgressEvent[] = [];
    api.addProgressListener(e => seen.push(e));
    progress.forEach(emit);
    expect(seen).toEqual(progress);
  });
});

// --- The Jest mock answers the same calls with the same shapes ---

/** A document's shape: its keys (recursively) and JSON value types, not the values. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) {
    const shapes = new Set(v.map(e => JSON.stringify(shape(e))));
    return [...shapes].sort().map(s => JSON.parse(s));
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([k, x]) => [k, shape(x)]));
  }
  return v === null ? 'null' : typeof v;
}

/** Calls the mock's native module and returns the `ok` value, or the error document. */
async function mocked(call: (m: Spec) => Promise<string>): Promise<any> {
  const envelope = JSON.parse(await call(nativeModule));
  return 'ok' in envelope ? envelope.ok : envelope.error;
}
const submit = (...args: unknown[]) => mocked(m => m.submitJob(JSON.stringify(args)));

/** The partner params a result echoes, as the call that made it passed them. */
function partnerParamsOf(r: { jobId: string; userId: string; PartnerParams?: object }) {
  const echoed = Object.entries((r.PartnerParams ?? {}) as Record<string, string>);
  const extras = echoed.filter(([k]) => !['job_id', 'user_id', 'job_type'].includes(k));
  return { ...Object.fromEntries(extras), job_id: r.jobId, user_id: r.userId };
}

/** Collapses repeated steps (the number of upload chunks and polls varies). */
const steps = (events: Array<{ type: string }>) =>
  events.map(e => e.type).filter((t, i, all) => t !== all[i - 1]);

describe('the Jest mock', () => {
  beforeEach(async () => {
    mock.reset();
    const tags = [captured.tag, jt4.tag, jt2.tag, jt1.tag, incomplete.tag, jt6.tag, v2Enroll.tag];
    for (const tag of new Set(tags)) {
      await mocked(m => m.captureSelfieFromFiles(JSON.stringify({ selfie: '/p.jpg', tag })));
    }
  });

  it('captures a tag: captured.json, tag-images.json', async () => {
    const options = JSON.stringify({ selfie: '/photos/obama.jpg', tag: captured.tag });
    expect(shape(await mocked(m => m.captureSelfieFromFiles(options)))).toEqual(shape(captured));
    const images = await mocked(m => m.getImagesForTag(captured.tag));
    expect(shape(images)).toEqual(shape(tagImages));
  });

  it('runs the three job types: jt4.json, progress.json, jt2.json, jt1.json', async () => {
    const events: Array<{ jobId: string; type: string }> = [];
    const sub = nativeModule.onProgress(body => {
      events.push(JSON.parse(body));
    });
    const enrol = await submit({ tag: jt4.tag, jobType: 4, partnerParams: partnerParamsOf(jt4) });
    sub.remove();
    expect(shape(enrol)).toEqual(shape(jt4));
    const ofJob = events.filter(e => e.jobId === enrol.jobId);
    expect(steps(ofJob)).toEqual(steps(progress));
    expect(shape(ofJob)).toEqual(shape(progress));

    const auth = await submit(jt2.tag, 2, false, partnerParamsOf(jt2));
    expect(shape(auth)).toEqual(shape(jt2));

    const idInfo = { country: jt1.Country, id_type: jt1.IDType, id_number: jt1.IDNumber };
    const partnerParams = partnerParamsOf(jt1);
    const kyc = await submit({ tag: jt1.tag, jobType: 1, partnerParams, idInfo });
    expect(shape(kyc)).toEqual(shape(jt1));
  });

  it('runs Enhanced KYC without a tag, refuses one, never queues it: jt5.json', async () => {
    const idInfo = { country: jt5.Country, id_type: jt5.IDType, idNumber: jt5.IDNumber };
    const partnerParams = partnerParamsOf(jt5);
    const ekyc = await submit({ jobType: 5, partnerParams, idInfo });
    expect(shape(ekyc)).toEqual(shape(jt5));
    expect(ekyc.PartnerParams).toEqual(jt5.PartnerParams);
    const tagged = await submit({ tag: jt4.tag, jobType: 5, idInfo });
    expect([tagged.code, tagged.field]).toEqual(['invalid_input', 'tag']);
    const noId = await submit({ jobType: 5, idInfo: { country: 'NG', id_type: 'BVN' } });
    expect([noId.code, noId.field]).toEqual(['invalid_input', 'id_info.id_number']);
    const queued = await mocked(m => m.enqueueJob(JSON.stringify([{ jobType: 5, idInfo }])));
    expect([queued.code, queued.field]).toEqual(['invalid_input', 'job_type']);
  });

  it('adds a document and runs the document jobs: captured-document.json, jt6, jt11', async () => {
    const document = JSON.stringify({ tag: capturedDocument.tag, front: '/f.jpg', back: '/b.jpg' });
    const added = await mocked(m => m.captureDocumentFromFiles(document));
    expect(shape(added)).toEqual(shape(capturedDocument));
    const images = await mocked(m => m.getImagesForTag(capturedDocument.tag));
    expect([images.idCardFront, images.idCardBack]).toEqual([added.frontPath, added.backPath]);
    for (const recorded of [jt6, jt11]) {
      const idInfo = { country: recorded.Country, idType: recorded.IDType };
      const partnerParams = partnerParamsOf(recorded);
      const options = { tag: recorded.tag, jobType: recorded.jobType, idInfo, partnerParams };
      const r = await submit(options);
      expect(shape(r)).toEqual(shape(recorded));
      expect([r.ResultText, r.Actions]).toEqual([recorded.ResultText, recorded.Actions]);
    }
  });

  it('refuses a document job or photo naming the field', async () => {
    const add = (options: object) =>
      mocked(m => m.captureDocumentFromFiles(JSON.stringify(options)));
    const fields = async (answer: Promise<ErrorDocument>) => {
      const e = await answer;
      return [e.code, e.field];
    };
    expect(await fields(add({ front: '/f.jpg' }))).toEqual(['invalid_input', 'tag']);
    expect(await fields(add({ tag: jt6.tag }))).toEqual(['invalid_input', 'front']);
    expect(await fields(add({ tag: 'nope', front: '/f.jpg' }))).toEqual(['tag_not_found', 'tag']);
    mock.failNext('invalid_image', 'too dark', 'back');
    const dark = { tag: jt6.tag, front: '/f.jpg', back: '/dark.jpg' };
    expect(await fields(add(dark))).toEqual(['invalid_image', 'back']);
    const passport = { country: 'NG', id_type: 'PASSPORT' };
    // The tag has a selfie but no document yet.
    const bare = submit({ tag: jt6.tag, jobType: 6, idInfo: passport });
    expect(await fields(bare)).toEqual(['invalid_input', 'tag']);
    await add({ tag: jt6.tag, front: '/f.jpg' });
    expect(await fields(submit({ tag: jt6.tag, jobType: 11 }))).toEqual([
      'invalid_input',
      'id_info',
    ]);
    const lower = { country: 'ng', id_type: 'PASSPORT' };
    const wrongCountry = submit({ tag: jt6.tag, jobType: 6, idInfo: lower });
    expect(await fields(wrongCountry)).toEqual(['invalid_input', 'id_info.country']);
    const noType = submit({ tag: jt6.tag, jobType: 6, idInfo: { country: 'NG' } });
    expect(await fields(noType)).toEqual(['invalid_input', 'id_info.id_type']);
  });

  it('runs Enhanced SmartSelfie as jobs 2 and 4 only, never queued: v2-enroll.json', async () => {
    const partnerParams = partnerParamsOf(v2Enroll);
    const enrol = await submit({ tag: v2Enroll.tag, jobType: 4, enhanced: true, partnerParams });
    expect(shape(enrol)).toEqual(shape(v2Enroll));
    expect([enrol.status, enrol.code, enrol.jobId]).toEqual(['approved', '0840', v2Enroll.jobId]);
    expect(JSON.parse(enrol.raw)).toEqual(enrol.json);
    const user = { user_id: v2Enroll.userId };
    const auth = await submit({ tag: jt4.tag, jobType: 2, enhanced: true, partnerParams: user });
    expect([auth.enhanced, auth.jobType, auth.status]).toEqual([true, 2, 'approved']);
    const kyc = await submit({ tag: jt4.tag, jobType: 1, enhanced: true });
    expect([kyc.code, kyc.field]).toEqual(['invalid_input', 'job_type']);
    const options = JSON.stringify([{ tag: jt4.tag, jobType: 2, enhanced: true }]);
    const queued = await mocked(m => m.enqueueJob(options));
    expect([queued.code, queued.field]).toEqual(['invalid_input', 'enhanced']);
  });

  it('answers the look-ups with the sandbox catalogue: services.json and the rest', async () => {
    expect(await mocked(m => m.services('{}'))).toEqual(services);
    expect(await mocked(m => m.productsConfig('null'))).toEqual(productsConfig);
    const documents = await mocked(m => m.validDocuments('{"isProduction":false}'));
    expect(documents).toEqual(validDocuments);
    const wrong = await mocked(m => m.services('{"isProduction":"yes"}'));
    expect([wrong.code, wrong.field]).toEqual(['invalid_input', 'is_production']);
  });

  it('comes back incomplete, then answers jobStatus: incomplete.json, status.json', async () => {
    mock.incompleteNext(incomplete.incompleteReason);
    // status.json asks for the JT4 job, which carries jt4.json's extras.
    const partnerParams = { ...partnerParamsOf(jt4), ...partnerParamsOf(incomplete) };
    const options = { tag: incomplete.tag, jobType: 4, partnerParams };
    const late = await submit({ ...options, jobStatusPollingTimeoutMillis: 1000 });
    expect(shape(late)).toEqual(shape(incomplete));
    const ref = JSON.stringify({ jobId: late.jobId, userId: late.userId, jobType: 4 });
    expect(shape(await mocked(m => m.jobStatus(ref)))).toEqual(shape(status));
  });

  it('queues jobs and sends them: pending.json, resumed.json', async () => {
    // As recorded: an incomplete job (uploaded) and a queued one (captured) are pending.
    mock.incompleteNext('timedOut');
    await submit({ tag: incomplete.tag, jobType: 4 });
    const queue = (tag: string) => mocked(m => m.enqueueJob(JSON.stringify([{ tag, jobType: 4 }])));
    await queue(jt4.tag);
    expect(shape(await mocked(m => m.pendingJobs()))).toEqual(shape(pending));
    await mocked(m => m.resumePendingJobs());
    // As recorded: one job resumes to a result, one whose tag was deleted to an error.
    await queue(jt4.tag);
    await mocked(m => m.captureSelfieFromFiles(JSON.stringify({ selfie: '/p.jpg', tag: 'gone' })));
    await queue('gone');
    await mocked(m => m.deleteTag('gone'));
    expect(shape(await mocked(m => m.resumePendingJobs()))).toEqual(shape(resumed));
  });

  it('fails with the same error documents', async () => {
    const sameError = (mine: ErrorDocument, real: { code: string; field?: string }) => {
      expect(shape(mine)).toEqual(shape(real));
      expect([mine.code, mine.field]).toEqual([real.code, real.field]);
    };
    sameError(await submit('t', 4, null, { my_ref: 7 }), errorInvalidInput);
    const unknown = JSON.stringify({ jobId: 'nope', userId: 'nobody', jobType: 4 });
    sameError(await mocked(m => m.jobStatus(unknown)), errorApi);
    sameError(await mocked(m => m.getImagesForTag('missing')), errorTagNotFound);
    const running = submit({ tag: jt4.tag, jobType: 4, partnerParams: { job_id: 'job-x' } });
    expect(await nativeModule.cancelJob('job-x')).toBe(true);
    sameError(await running, errorCancelled);
  });
});
