// The README's calls in a consumer app, on the package's Jest mock (readme-blocks.js puts the
// README's `jest.mock` line above this one).
import RnSmileId, { SmileIdError } from 'react-native-smileid-rs';
import type { JobResult, ProgressEvent, SubmitJobOptions } from 'react-native-smileid-rs';
import { mock } from 'react-native-smileid-rs/jest';

beforeEach(() => mock.reset());

test('configure reaches the native module', async () => {
  await RnSmileId.configure({ partnerId: '2343', authToken: 'token' });
  expect(mock.configuration).toEqual({
    partnerId: '2343', authToken: 'token', signatureProvider: false,
  });
});

test('submitJob, object form: an enrolment with the ids and extras sent', async () => {
  const { tag, livenessPaths } = await RnSmileId.captureSelfie();
  expect(livenessPaths).toHaveLength(7);
  const r: JobResult = await RnSmileId.submitJob({
    tag, jobType: 4, partnerParams: { user_id: 'user-1', my_ref: 'A-17' },
  });
  expect([r.jobComplete, r.jobSuccess, r.ResultCode, r.tag, r.userId]).toEqual([
    true, true, '0840', tag, 'user-1',
  ]);
  expect(r.PartnerParams?.my_ref).toBe('A-17');
  expect(JSON.parse(r.raw)).toEqual(r.json);
});

test('submitJob, positional form: Biometric KYC with its ID', async () => {
  const { tag } = await RnSmileId.captureSelfieFromFiles({ selfie: 'file:///selfie.jpg' });
  const r = await RnSmileId.submitJob(tag, 1, false, { user_id: 'user-1' },
    { country: 'NG', id_type: 'BVN', id_number: '00000000000' }, {}, '', 30000);
  expect([r.jobType, r.ResultCode, r.IDNumber, r.FullName]).toEqual([
    1, '0810', '00000000000', 'Joe Leo Doe',
  ]);
});

test('an error is a SmileIdError naming the field', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const e: unknown = await RnSmileId.submitJob({ tag, jobType: 2 }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(SmileIdError);
  expect(e).toMatchObject({ code: 'invalid_input', field: 'partner_params.user_id' });
});

test('progress events follow a job to done', async () => {
  const events: ProgressEvent['type'][] = [];
  const sub = RnSmileId.addProgressListener((e) => events.push(e.type));
  const { tag } = await RnSmileId.captureSelfie();
  await RnSmileId.submitJob({ tag, jobType: 4 });
  sub.remove();
  expect(events[0]).toBe('authenticating');
  expect(events).toContain('uploading');
  expect(events[events.length - 1]).toBe('done');
});

test('cancelJob stops a running job, which rejects with cancelled', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const job = RnSmileId.submitJob({ tag, jobType: 4, partnerParams: { job_id: 'job-42' } });
  expect(await RnSmileId.cancelJob('job-42')).toBe(true);
  await expect(job).rejects.toMatchObject({ code: 'cancelled' });
  expect(await RnSmileId.cancelJob('job-42')).toBe(false);
});

test('the offline queue sends what was enqueued', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const jobId = await RnSmileId.enqueueJob({ tag, jobType: 4 });
  expect((await RnSmileId.pendingJobs()).map((j) => j.jobId)).toEqual([jobId]);
  const [sent] = await RnSmileId.resumePendingJobs();
  expect([sent?.jobId, sent?.result?.jobSuccess]).toEqual([jobId, true]);
  expect(await RnSmileId.pendingJobs()).toEqual([]);
});

test('Document Verification: a document added to the selfie tag, its typed fields', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const added = await RnSmileId.captureDocumentFromFiles({ tag, front: 'file:///front.jpg' });
  expect([added.tag, added.backPath]).toEqual([tag, null]);
  const r = await RnSmileId.submitJob({
    tag, jobType: 11, idInfo: { country: 'KE', id_type: 'PASSPORT' },
  });
  expect([r.jobType, r.IDType, r.Actions?.Verify_Document]).toEqual([11, 'PASSPORT', 'Verified']);
});

test('Enhanced SmartSelfie and the look-ups', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const v2 = await RnSmileId.submitJob({
    tag, jobType: 4, enhanced: true, partnerParams: { user_id: 'user-1' },
  });
  expect([v2.enhanced, v2.status, v2.userId]).toEqual([true, 'approved', 'user-1']);
  const services = await RnSmileId.services();
  expect(services.hosted_web.enhanced_kyc['NG']?.id_types['BVN']?.label).toBeTruthy();
  const { valid_documents } = await RnSmileId.validDocuments({ isProduction: false });
  expect(valid_documents.length).toBeGreaterThan(0);
});

// The package's and the mock's declarations are types, not `any`: each line below must be a type
// error, or tsc fails on the unused expectation.
// @ts-expect-error: not a SmileIdErrorCode
export const badCode: Parameters<typeof mock.failNext>[0] = 'no_such_code';
// @ts-expect-error: not an IncompleteReason
export const badReason: Parameters<typeof mock.incompleteNext>[0] = 'slow';
// @ts-expect-error: there is no job type 3
export const badJob: Parameters<typeof RnSmileId.enqueueJob>[0] = { tag: 't', jobType: 3 };
// @ts-expect-error: only SmartSelfie (2, 4) runs enhanced
export const badEnhanced: SubmitJobOptions = {
  tag: 't', jobType: 1, enhanced: true,
};
