/** The TS layer over a recording native module: what it sends, envelopes, errors, events. */
import type { Spec } from '../NativeRnSmileId';
import { createApi } from '../api';
import { SmileIdError } from '../errors';

type Listener = (body: string) => void;
type Events = 'onProgress' | 'onSignatureRequest';
const ok = (value: unknown) => JSON.stringify({ ok: value });

function fakeNative(overrides: Partial<Record<keyof Spec, unknown>> = {}) {
  const listeners: Record<Events, Set<Listener>> = {
    onProgress: new Set(),
    onSignatureRequest: new Set(),
  };
  const on = (name: Events) => (l: Listener) => {
    listeners[name].add(l);
    return { remove: () => listeners[name].delete(l) };
  };
  const native = {
    configure: jest.fn(async (_config: string) => ok(null)),
    submitJob: jest.fn(async (_args: string) => ok({ jobComplete: true, ResultCode: '0840' })),
    enqueueJob: jest.fn(async (_args: string) => ok('job-1')),
    cancelJob: jest.fn(async (_jobId: string) => true),
    cancelResume: jest.fn(async () => false),
    jobStatus: jest.fn(async (_job: string) => ok({ jobComplete: true })),
    captureSelfie: jest.fn(async (_options: string) => ok({ tag: 't' })),
    captureDocumentFromFiles: jest.fn(async (_options: string) => ok({ tag: 'doc' })),
    services: jest.fn(async (_options: string) => ok({})),
    productsConfig: jest.fn(async (_options: string) => ok({})),
    validDocuments: jest.fn(async (_options: string) => ok({})),
    getCurrentTags: jest.fn(async () => ok(['a', 'b'])),
    deleteTag: jest.fn(async (_tag: string) => ok(null)),
    resolveSignature: jest.fn(),
    rejectSignature: jest.fn(),
    onProgress: on('onProgress'),
    onSignatureRequest: on('onSignatureRequest'),
  };
  Object.assign(native, overrides);
  const emit = (name: Events, body: object) =>
    listeners[name].forEach(l => l(JSON.stringify(body)));
  const api = createApi(() => native as unknown as Spec);
  return { native, api, emit, listeners };
}

/** What native received as JSON, parsed. */
const sent = (fn: jest.Mock, call = 0) => JSON.parse(fn.mock.calls[call][0]);

describe('what goes to native', () => {
  it('sends the object form of submitJob as a one-element arguments array', async () => {
    const { native, api } = fakeNative();
    const partnerParams = { user_id: 'u-1', my_ref: 'A-17' };
    await api.submitJob({ tag: 'alice', jobType: 4, partnerParams, isProduction: undefined });
    expect(sent(native.submitJob)).toEqual([{ tag: 'alice', jobType: 4, partnerParams }]);
  });

  it(`sends rn-smile-id's positional form as it is, undefined as null`, async () => {
    const { native, api } = fakeNative();
    const id = { country: 'NG', id_type: 'BVN', id_number: '00000000000' };
    await api.submitJob('alice', 1, true, { user_id: 'u-1' }, id, undefined, 'https://cb/x', 30000);
    await api.submitJob('alice', 2);
    expect(sent(native.submitJob, 0)).toEqual([
      'alice',
      1,
      true,
      { user_id: 'u-1' },
      id,
      null,
      'https://cb/x',
      30000,
    ]);
    expect(sent(native.submitJob, 1)).toEqual(['alice', 2]);
  });

  it('sends enqueueJob, jobStatus and captureSelfie options as JSON', async () => {
    const { native, api } = fakeNative();
    expect(await api.enqueueJob({ tag: 'alice', jobType: 4 })).toBe('job-1');
    expect(sent(native.enqueueJob)).toEqual([{ tag: 'alice', jobType: 4 }]);
    await api.jobStatus({ jobId: 'j', userId: 'u', jobType: 4 });
    expect(sent(native.jobStatus)).toEqual({ jobId: 'j', userId: 'u', jobType: 4 });
    await api.captureSelfie();
    expect(sent(native.captureSelfie)).toEqual({});
  });

  it('sends the document, the look-ups and Enhanced SmartSelfie as JSON', async () => {
    const { native, api } = fakeNative();
    await api.captureDocumentFromFiles({ tag: 'doc', front: 'file:///f.jpg' });
    expect(sent(native.captureDocumentFromFiles)).toEqual({
      tag: 'doc',
      front: 'file:///f.jpg',
    });
    await api.services();
    await api.productsConfig({ isProduction: true });
    await api.validDocuments({});
    expect(sent(native.services)).toEqual({});
    expect(sent(native.productsConfig)).toEqual({ isProduction: true });
    expect(sent(native.validDocuments)).toEqual({});
    await api.submitJob({ tag: 'v2', jobType: 2, enhanced: true, partnerParams: { user_id: 'u' } });
    expect(sent(native.submitJob)).toEqual([
      { tag: 'v2', jobType: 2, enhanced: true, partnerParams: { user_id: 'u' } },
    ]);
  });

  it('types the options: enhanced only for 2 and 4, an ID for documents (checked by tsc)', () => {
    const { api } = fakeNative();
    const idInfo = { country: 'NG', id_type: 'PASSPORT' };
    const typed = async () => {
      const v2 = await api.submitJob({ tag: 't', jobType: 4, enhanced: true });
      const status: string = v2.status;
      const document = await api.submitJob({ tag: 't', jobType: 11, idInfo });
      const check: string | undefined = document.Actions?.Verify_Document;
      const expiry: string | undefined = document.ExpirationDate;
      const selfie = await api.submitJob({ tag: 't', jobType: 4 });
      // @ts-expect-error a SmartSelfie result has no ID fields
      selfie.ExpirationDate?.trim();
      // @ts-expect-error Enhanced SmartSelfie runs job types 2 and 4 only
      await api.submitJob({ tag: 't', jobType: 1, enhanced: true });
      // @ts-expect-error nor Enhanced KYC
      await api.submitJob({ jobType: 5, idInfo, enhanced: true });
      // @ts-expect-error a document job needs idInfo
      await api.submitJob({ tag: 't', jobType: 6 });
      // @ts-expect-error enqueueJob records standard jobs only
      await api.enqueueJob({ tag: 't', jobType: 4, enhanced: true });
      return [status, check, expiry];
    };
    expect(typeof typed).toBe('function');
  });

  it('answers with the ok value, and deleteTag with nothing', async () => {
    const { api } = fakeNative();
    expect(await api.submitJob({ tag: 'alice', jobType: 4 })).toEqual({
      jobComplete: true,
      ResultCode: '0840',
    });
    expect(await api.getCurrentTags()).toEqual(['a', 'b']);
    expect(await api.deleteTag('a')).toBeUndefined();
  });

  it('passes the cancels through', async () => {
    const { native, api } = fakeNative();
    expect(await api.cancelJob('job-1')).toBe(true);
    expect(native.cancelJob).toHaveBeenCalledWith('job-1');
    expect(await api.cancelResume()).toBe(false);
  });
});

describe('errors', () => {
  it('throws an error envelope as a SmileIdError with its Smile ID code and status', async () => {
    const error = {
      code: 'api_error',
      message: 'Smile ID API error 2205 (HTTP 401): unauthorized',
      apiCode: '2205',
      httpStatus: 401,
    };
    const { api } = fakeNative({ submitJob: async () => JSON.stringify({ error }) });
    const e = await api.submitJob({ tag: 't', jobType: 4 }).catch(x => x);
    expect(e).toBeInstanceOf(SmileIdError);
    expect(e).toBeInstanceOf(Error);
    expect({ ...e, message: e.message }).toEqual({ name: 'SmileIdError', ...error });

    const invalid = { code: 'invalid_input', message: 'invalid tag: …', field: 'tag' };
    const refusing = fakeNative({ submitJob: async () => JSON.stringify({ error: invalid }) });
    const e2 = await refusing.api.submitJob('bad/tag', 4).catch(x => x);
    expect([e2.code, e2.field, e2.apiCode]).toEqual(['invalid_input', 'tag', undefined]);
  });

  it('turns a glue rejection into a SmileIdError: its code, else internal', async () => {
    const rejection = Object.assign(new Error('RnBridge threw'), { code: 'internal' });
    const { api } = fakeNative({ getCurrentTags: async () => Promise.reject(rejection) });
    const e = await api.getCurrentTags().catch(x => x);
    expect([e instanceof SmileIdError, e.code, e.message]).toEqual([
      true,
      'internal',
      'RnBridge threw',
    ]);
    const failing = fakeNative({ cancelJob: async () => Promise.reject(new Error('boom')) });
    expect((await failing.api.cancelJob('j').catch(x => x)).code).toBe('internal');
  });

  it('reports a missing native module as not_linked, not a crash at import', async () => {
    const api = createApi(() => null);
    const e = await api.getCurrentTags().catch(x => x);
    expect(e.code).toBe('not_linked');
  });
});

describe('events', () => {
  it('delivers progress events, parsed, until removed', () => {
    const { api, emit } = fakeNative();
    const seen: unknown[] = [];
    const sub = api.addProgressListener(e => seen.push(e));
    const uploading = { jobId: 'j', type: 'uploading', sentBytes: 1, totalBytes: 2, percent: 50 };
    emit('onProgress', uploading);
    sub.remove();
    emit('onProgress', { jobId: 'j', type: 'done', jobComplete: true, jobSuccess: true });
    expect(seen).toEqual([uploading]);
  });

  it('answers signature requests through the provider, its failures by rejecting', async () => {
    const { native, api, emit, listeners } = fakeNative();
    const provider = jest.fn(async (partnerId: string) => {
      if (partnerId === 'bad') throw new Error('backend down');
      return { signature: 'sig', timestamp: 'ts' };
    });
    const sandboxUrl = 'http://x/v1';
    await api.configure({ partnerId: '2343', signatureProvider: provider, sandboxUrl });
    expect(sent(native.configure)).toEqual({
      partnerId: '2343',
      sandboxUrl: 'http://x/v1',
      signatureProvider: true,
    });
    emit('onSignatureRequest', { requestId: 'r1', partnerId: '2343' });
    emit('onSignatureRequest', { requestId: 'r2', partnerId: 'bad' });
    await new Promise<void>(r => setTimeout(r, 0));
    expect(native.resolveSignature).toHaveBeenCalledWith('r1', 'sig', 'ts');
    expect(native.rejectSignature).toHaveBeenCalledWith('r2', 'backend down');
    // Configuring again replaces the subscription instead of adding a second.
    await api.configure({ partnerId: '2343', signatureProvider: provider });
    expect(listeners.onSignatureRequest.size).toBe(1);
    await api.configure({ partnerId: '2343' });
    expect(sent(native.configure, 2)).toEqual({ partnerId: '2343', signatureProvider: false });
  });
});
