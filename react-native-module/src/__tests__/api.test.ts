/** The TS layer over a recording native module: parameters, results, errors, events, signatures. */
import type { Spec } from '../NativeRnSmileId';
import { createApi } from '../api';
import { SmileIdError } from '../errors';
import type { NativeJobResult } from '../convert';

type Listener = (e: any) => void;

function fakeNative(overrides: Partial<Spec> = {}) {
  const listeners: Record<string, Set<Listener>> = { onProgress: new Set(), onSignatureRequest: new Set() };
  const on = (name: string) => (l: Listener) => {
    listeners[name].add(l);
    return { remove: () => listeners[name].delete(l) };
  };
  const native = {
    configure: jest.fn(async () => {}),
    submitJob: jest.fn(async (_params: object) => nativeResult()),
    cancelJob: jest.fn(async () => true),
    enqueueJob: jest.fn(async () => 'job-1'),
    pendingJobs: jest.fn(async () => []),
    resumePendingJobs: jest.fn(async () => []),
    captureSelfieFromFiles: jest.fn(async () => ({ tag: 't', selfiePath: '/s.jpg', livenessPaths: [] })),
    getCurrentTags: jest.fn(async () => ['a', 'b']),
    getImagesForTag: jest.fn(async () => ({ selfie: '/s.jpg', liveness: ['/l.jpg'] })),
    deleteTag: jest.fn(async () => {}),
    resolveSignature: jest.fn(),
    rejectSignature: jest.fn(),
    onProgress: on('onProgress'),
    onSignatureRequest: on('onSignatureRequest'),
    getConstants: () => ({}),
    ...(overrides as {}),
  };
  const emit = (name: string, body: unknown) => listeners[name].forEach((l) => l(body));
  return { native: native as unknown as Spec & typeof native, emit, listeners };
}

function nativeResult(over: Partial<NativeJobResult> = {}): NativeJobResult {
  const body = { code: '2302', job_complete: true, job_success: true, result: { ResultCode: '0840', Extra: 7 } };
  return {
    tag: 'alice', jobType: 4, jobId: 'job-1', userId: 'user-1', smileJobId: '0000000001', timedOut: false,
    status: {
      jobComplete: true, jobSuccess: true, code: '2302', resultMessage: null, timestamp: '2026-01-01T00:00:00.000Z',
      json: JSON.stringify(body), raw: JSON.stringify(body),
      result: {
        resultCode: '0840', resultText: 'Enroll User', resultType: 'SAIA', smileJobId: '0000000001',
        partnerParams: { job_id: 'job-1', user_id: 'user-1', job_type: '4' }, actions: { Liveness_Check: 'Passed' },
        confidenceValue: null, isFinalResult: true, isMachineResult: true, country: null, idType: null,
        idNumber: null, fullName: null, dob: null, gender: null, json: JSON.stringify(body.result),
      },
    },
    ...over,
  };
}

describe('submitJob parameters', () => {
  it(`fills rn-smile-id's defaults ({} / "" / 0) for the object form`, async () => {
    const { native } = fakeNative();
    await createApi(() => native).submitJob({ tag: 'alice', jobType: 4 });
    expect(native.submitJob).toHaveBeenCalledWith({
      tag: 'alice', jobType: 4, isProduction: false,
      partnerParams: { jobId: '', userId: '', extras: {} },
      idInfo: null, geoInfo: null, callbackUrl: '', jobStatusPollingTimeoutMillis: 0,
    });
  });

  it(`takes the positional form in rn-smile-id's order and sends the same thing`, async () => {
    const a = fakeNative();
    const b = fakeNative();
    const partner = { user_id: 'u-1', job_id: 'j-1', my_ref: 'A-17' };
    const id = { country: 'NG', id_type: 'BVN', id_number: '00000000000', first_name: 'Joe' };
    const geo = { latitude: 6.5, longitude: 3.4, accuracy: 10, altitude: 20, lastUpdate: 'x', isGeoPermissionGranted: true };
    await createApi(() => a.native).submitJob('alice', 1, true, partner, id, geo, 'https://cb.example/x', 30000);
    await createApi(() => b.native).submitJob({ tag: 'alice', jobType: 1, isProduction: true, partnerParams: partner, idInfo: id, geoInfo: geo, callbackUrl: 'https://cb.example/x', jobStatusPollingTimeoutMillis: 30000 });
    const sent = a.native.submitJob.mock.calls[0][0];
    expect(sent).toEqual(b.native.submitJob.mock.calls[0][0]);
    expect(sent).toEqual({
      tag: 'alice', jobType: 1, isProduction: true,
      partnerParams: { jobId: 'j-1', userId: 'u-1', extras: { my_ref: 'A-17' } },
      idInfo: { country: 'NG', idType: 'BVN', idNumber: '00000000000', firstName: 'Joe' },
      geoInfo: geo, callbackUrl: 'https://cb.example/x', jobStatusPollingTimeoutMillis: 30000,
    });
  });

  it('accepts camelCase ids and drops a job_type echoed in partner params', async () => {
    const { native } = fakeNative();
    await createApi(() => native).submitJob({ tag: 't', jobType: 2, partnerParams: { userId: 'u', jobId: 'j', job_type: '2' } as any, idInfo: { useEnrolledImage: true } });
    expect(native.submitJob.mock.calls[0][0]).toMatchObject({ partnerParams: { jobId: 'j', userId: 'u', extras: {} }, idInfo: { useEnrolledImage: true } });
  });

  it('refuses a non-string extra with a SmileIdError naming it, before native is called', async () => {
    const { native } = fakeNative();
    const e = await createApi(() => native).submitJob({ tag: 't', jobType: 4, partnerParams: { n: 5 } as any }).catch((x) => x);
    expect(e).toBeInstanceOf(SmileIdError);
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.field]).toEqual(['invalid_input', 'partner_params.n']);
    expect(native.submitJob).not.toHaveBeenCalled();
  });

  it('refuses a call without a tag', async () => {
    const { native } = fakeNative();
    const e = await (createApi(() => native).submitJob as any)(undefined).catch((x: unknown) => x);
    expect([e.code, e.field]).toEqual(['invalid_input', 'tag']);
  });
});

describe('results', () => {
  it('decodes typed fields, the JSON object and the raw body', async () => {
    const { native } = fakeNative();
    const r = await createApi(() => native).submitJob({ tag: 'alice', jobType: 4 });
    expect(r).toMatchObject({
      jobComplete: true, jobSuccess: true, code: '2302', ResultCode: '0840', ResultText: 'Enroll User',
      ResultType: 'SAIA', SmileJobID: '0000000001', Actions: { Liveness_Check: 'Passed' },
      PartnerParams: { job_type: '4', job_id: 'job-1', user_id: 'user-1' }, timedOut: false, jobId: 'job-1',
    });
    expect(r.ConfidenceValue).toBeUndefined();
    expect((r.json.result as any).Extra).toBe(7);
    expect(JSON.parse(r.raw).code).toBe('2302');
  });

  it('keeps a timed-out status without a result', async () => {
    const body = { code: '2314', job_complete: false, job_success: false, result: 'No zip file received' };
    const { native } = fakeNative({
      submitJob: jest.fn(async () => nativeResult({ timedOut: true, status: { jobComplete: false, jobSuccess: false, code: '2314', resultMessage: 'No zip file received', timestamp: 't', json: JSON.stringify(body), raw: JSON.stringify(body), result: null } })),
    } as any);
    const r = await createApi(() => native).submitJob({ tag: 'alice', jobType: 4, jobStatusPollingTimeoutMillis: 0 });
    expect(r).toMatchObject({ jobComplete: false, timedOut: true, resultMessage: 'No zip file received', SmileJobID: '0000000001' });
    expect(r.ResultCode).toBeUndefined();
  });

  it('maps tag images, tags and resumed jobs', async () => {
    const { native } = fakeNative({
      resumePendingJobs: jest.fn(async () => [{ jobId: 'a', result: nativeResult() }, { jobId: 'b', error: { code: 'network', message: 'down' } }]),
    } as any);
    const api = createApi(() => native);
    expect(await api.getImagesForTag('t')).toEqual({ selfie: '/s.jpg', liveness: ['/l.jpg'], idCardFront: null, idCardBack: null });
    expect(await api.getCurrentTags()).toEqual(['a', 'b']);
    const resumed = await api.resumePendingJobs();
    expect(resumed[0].result?.ResultCode).toBe('0840');
    expect(resumed[1].error).toBeInstanceOf(SmileIdError);
    expect(resumed[1].error?.code).toBe('network');
  });
});

describe('errors', () => {
  it('turns a native rejection into a SmileIdError with code, field and Smile ID code', async () => {
    const rejection = Object.assign(new Error('Smile ID refused the request (2205): unauthorized'), {
      code: 'api_error', userInfo: { code: 'api_error', message: 'Smile ID refused the request (2205): unauthorized', apiCode: '2205', httpStatus: 401, field: null },
    });
    const { native } = fakeNative({ submitJob: jest.fn(async () => Promise.reject(rejection)) } as any);
    const e = await createApi(() => native).submitJob({ tag: 't', jobType: 4 }).catch((x) => x);
    expect(e).toBeInstanceOf(SmileIdError);
    expect({ code: e.code, apiCode: e.apiCode, httpStatus: e.httpStatus, field: e.field }).toEqual({ code: 'api_error', apiCode: '2205', httpStatus: 401, field: undefined });
    expect(e.message).toContain('2205');
  });

  it('reports a missing native module as not_linked, not a crash at import', async () => {
    const api = createApi(() => null);
    const e = await api.getCurrentTags().catch((x) => x);
    expect(e.code).toBe('not_linked');
  });
});

describe('events', () => {
  it('delivers progress events until removed', () => {
    const { native, emit } = fakeNative();
    const api = createApi(() => native);
    const seen: unknown[] = [];
    const sub = api.addProgressListener((e) => seen.push(e));
    emit('onProgress', { jobId: 'j', type: 'uploading', sentBytes: 5, totalBytes: 10, percent: 50 });
    sub.remove();
    emit('onProgress', { jobId: 'j', type: 'done', jobComplete: true, jobSuccess: true });
    expect(seen).toEqual([{ jobId: 'j', type: 'uploading', sentBytes: 5, totalBytes: 10, percent: 50 }]);
  });

  it('answers signature requests with the app function, and its failure with rejectSignature', async () => {
    const { native, emit, listeners } = fakeNative();
    const api = createApi(() => native);
    const provider = jest.fn(async (partnerId: string) => {
      if (partnerId === 'bad') throw new Error('backend down');
      return { signature: 'sig', timestamp: 'ts' };
    });
    await api.configure({ partnerId: '2343', signatureProvider: provider, sandboxUrl: 'http://127.0.0.1:1/v1' });
    expect(native.configure).toHaveBeenCalledWith({ partnerId: '2343', sandboxUrl: 'http://127.0.0.1:1/v1', signatureProvider: true });
    emit('onSignatureRequest', { requestId: 'r1', partnerId: '2343' });
    emit('onSignatureRequest', { requestId: 'r2', partnerId: 'bad' });
    await new Promise<void>((r) => setTimeout(r, 0));
    expect(native.resolveSignature).toHaveBeenCalledWith('r1', 'sig', 'ts');
    expect(native.rejectSignature).toHaveBeenCalledWith('r2', 'backend down');
    // Configuring again replaces the subscription instead of adding a second.
    await api.configure({ partnerId: '2343', signatureProvider: provider });
    expect(listeners.onSignatureRequest.size).toBe(1);
  });
});
