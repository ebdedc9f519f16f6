/** The mock the package ships, registered the way the README tells apps to. */
import RnSmileId, { SmileIdError } from 'react-native-smileid-rs';

jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'));
const { mock } = require('react-native-smileid-rs/jest');

beforeEach(() => mock.reset());

it('captures, enrols, authenticates and runs Biometric KYC with realistic results', async () => {
  const { tag, livenessPaths } = await RnSmileId.captureSelfieFromFiles({ selfie: 'file:///photos/me.jpg' });
  expect(livenessPaths).toHaveLength(7);
  expect(await RnSmileId.getCurrentTags()).toEqual([tag]);
  const events: string[] = [];
  const sub = RnSmileId.addProgressListener((e) => events.push(e.type));
  const enrol = await RnSmileId.submitJob({ tag, jobType: 4, partnerParams: { user_id: 'u-1', my_ref: 'A-17' } });
  sub.remove();
  expect(enrol).toMatchObject({ ResultCode: '0840', jobComplete: true, PartnerParams: { my_ref: 'A-17', user_id: 'u-1' } });
  expect(events).toEqual(['authenticating', 'preparing', 'uploading', 'uploading', 'polling', 'done']);
  const auth = await RnSmileId.submitJob(tag, 2, false, { user_id: 'u-1' }, {}, {}, '', 30000);
  expect(auth.ResultCode).toBe('0820');
  const kyc = await RnSmileId.submitJob({ tag, jobType: 1, idInfo: { country: 'NG', id_type: 'BVN', id_number: '00000000000' } });
  expect(kyc).toMatchObject({ ResultCode: '0810', Country: 'NG', IDType: 'BVN', FullName: 'Joe Leo Doe' });
  expect((kyc.json.result as Record<string, unknown>).ResultCode).toBe('0810');
});

it('rejects like the native module: typed errors, planned failures, cancel', async () => {
  const { tag } = await RnSmileId.captureSelfieFromFiles({ selfie: '/p.jpg', tag: 'mine' });
  const missing = await RnSmileId.submitJob({ tag, jobType: 2 }).catch((e) => e);
  expect(missing).toBeInstanceOf(SmileIdError);
  expect([missing.code, missing.field]).toEqual(['invalid_input', 'partner_params.user_id']);
  mock.failNext('network', 'offline');
  expect((await RnSmileId.submitJob({ tag, jobType: 4 }).catch((e) => e)).code).toBe('network');
  const running = RnSmileId.submitJob({ tag, jobType: 4, partnerParams: { job_id: 'job-x' } });
  expect(await RnSmileId.cancelJob('job-x')).toBe(true);
  expect((await running.catch((e) => e)).code).toBe('cancelled');
  expect(await RnSmileId.cancelJob('job-x')).toBe(false);
});

it('queues offline jobs and resumes them', async () => {
  const { tag } = await RnSmileId.captureSelfieFromFiles({ selfie: '/p.jpg' });
  const jobId = await RnSmileId.enqueueJob({ tag, jobType: 4 });
  expect((await RnSmileId.pendingJobs()).map((j) => [j.jobId, j.state])).toEqual([[jobId, 'captured']]);
  const resumed = await RnSmileId.resumePendingJobs();
  expect(resumed[0].result?.ResultCode).toBe('0840');
  expect(await RnSmileId.pendingJobs()).toEqual([]);
  await RnSmileId.deleteTag(tag);
  expect((await RnSmileId.getImagesForTag(tag).catch((e) => e)).code).toBe('tag_not_found');
});

it('opens the camera screen: a tag on success, its own codes when the user cancels', async () => {
  const { tag, selfiePath, livenessPaths } = await RnSmileId.captureSelfie({ tag: 'cam' });
  expect([tag, livenessPaths.length]).toEqual(['cam', 7]);
  expect(selfiePath).toContain('cam');
  mock.failNext('capture_cancelled', 'the user closed the camera screen');
  const cancelled = await RnSmileId.captureSelfie().catch((e) => e);
  expect(cancelled).toBeInstanceOf(SmileIdError);
  expect(cancelled.code).toBe('capture_cancelled');
});

it('reports an incomplete job with its reason, then completes it through jobStatus', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  mock.incompleteNext('statusUnavailable');
  const r = await RnSmileId.submitJob({ tag, jobType: 4, partnerParams: { user_id: 'u-9' } });
  expect([r.jobComplete, r.timedOut, r.incompleteReason]).toEqual([false, false, 'statusUnavailable']);
  const status = await RnSmileId.jobStatus({ jobId: r.jobId, userId: r.userId, jobType: 4 });
  expect([status.jobComplete, status.ResultCode]).toEqual([true, '0840']);
  const complete = await RnSmileId.submitJob({ tag, jobType: 2, partnerParams: { user_id: 'u-9' } });
  expect(complete.incompleteReason).toBeUndefined();
  const unknown = await RnSmileId.jobStatus({ jobId: 'nope', userId: 'u-9', jobType: 4 }).catch((e) => e);
  expect([unknown.code, unknown.apiCode]).toEqual(['api_error', '2314']);
  const bad = await RnSmileId.jobStatus({ jobId: '', userId: 'u-9', jobType: 4 }).catch((e) => e);
  expect([bad.code, bad.field]).toEqual(['invalid_input', 'partner_params.job_id']);
});

it('cancels a running resume; the rest stays pending', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  await RnSmileId.enqueueJob({ tag, jobType: 4 });
  await RnSmileId.enqueueJob({ tag, jobType: 4 });
  expect(await RnSmileId.cancelResume()).toBe(false);
  const resuming = RnSmileId.resumePendingJobs();
  expect(await RnSmileId.cancelResume()).toBe(true);
  expect((await resuming.catch((e) => e)).code).toBe('cancelled');
  expect((await RnSmileId.pendingJobs()).length).toBe(1);
});
