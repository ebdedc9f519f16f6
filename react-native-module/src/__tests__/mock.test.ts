/** The mock the package ships, registered the way the README tells apps to. */
import RnSmileId, { SmileIdError } from 'react-native-smileid-rs';

jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'));
const { mock } = require('react-native-smileid-rs/jest');

beforeEach(() => mock.reset());

/** What a failing call rejects with: its code and field. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => 'resolved',
    (e: SmileIdError) => [e.code, e.field],
  );

it('captures, enrols, authenticates and runs Biometric KYC with realistic results', async () => {
  const photo = { selfie: 'file:///photos/me.jpg' };
  const { tag, livenessPaths } = await RnSmileId.captureSelfieFromFiles(photo);
  expect(livenessPaths).toHaveLength(7);
  expect(await RnSmileId.getCurrentTags()).toEqual([tag]);
  const events: string[] = [];
  const sub = RnSmileId.addProgressListener(e => events.push(e.type));
  const partnerParams = { user_id: 'u-1', my_ref: 'A-17' };
  const enrol = await RnSmileId.submitJob({ tag, jobType: 4, partnerParams });
  sub.remove();
  expect(enrol).toMatchObject({ ResultCode: '0840', jobComplete: true });
  expect(enrol.PartnerParams).toEqual({ ...partnerParams, job_id: enrol.jobId, job_type: '4' });
  expect(events).toEqual([
    'authenticating',
    'preparing',
    'uploading',
    'uploading',
    'polling',
    'done',
  ]);
  const auth = await RnSmileId.submitJob(tag, 2, false, { user_id: 'u-1' }, {}, {}, '', 30000);
  expect(auth.ResultCode).toBe('0820');
  const idInfo = { country: 'NG', id_type: 'BVN', id_number: '00000000000' };
  const kyc = await RnSmileId.submitJob({ tag, jobType: 1, idInfo });
  expect(kyc).toMatchObject({ ResultCode: '0810', Country: 'NG', IDType: 'BVN' });
  expect(kyc.FullName).toBe('Joe Leo Doe');
  expect((kyc.json.result as Record<string, unknown>).ResultCode).toBe('0810');
});

it(`reads rn-smile-id's positional form with its defaults, and camelCase ids`, async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const bare = await RnSmileId.submitJob(tag, 4);
  expect([bare.jobId, bare.userId, bare.timedOut]).toEqual(['job-mock-2', 'user-mock-3', false]);
  const ids = { userId: 'u-2', jobId: 'j-2' };
  const auth = await RnSmileId.submitJob(tag, 2, false, ids, undefined, undefined, undefined, 5);
  expect([auth.jobId, auth.userId, auth.ResultCode]).toEqual(['j-2', 'u-2', '0820']);
  const id = { country: 'NG', idType: 'BVN', idNumber: '00000000000' };
  expect((await RnSmileId.submitJob(tag, 1, false, {}, id)).IDType).toBe('BVN');
});

it('rejects like the native module: errors naming the field, planned failures', async () => {
  const { tag } = await RnSmileId.captureSelfieFromFiles({ selfie: '/p.jpg', tag: 'mine' });
  const missing = await RnSmileId.submitJob({ tag, jobType: 2 }).catch(e => e);
  expect(missing).toBeInstanceOf(SmileIdError);
  expect([missing.code, missing.field]).toEqual(['invalid_input', 'partner_params.user_id']);
  expect(await failure(RnSmileId.submitJob(tag, 1))).toEqual(['invalid_input', 'id_info']);
  expect(await failure(RnSmileId.submitJob(tag, 3 as 4))).toEqual([
    'unsupported_job_type',
    'job_type',
  ]);
  const extra = { n: 5 } as unknown as Record<string, string>;
  expect(await failure(RnSmileId.submitJob(tag, 4, false, extra))).toEqual([
    'invalid_input',
    'partner_params.n',
  ]);
  expect(await failure(RnSmileId.submitJob('no/such', 4))).toEqual(['invalid_input', 'tag']);
  expect(await failure(RnSmileId.submitJob('other', 4))).toEqual(['tag_not_found', 'tag']);
  mock.failNext('network', 'offline');
  expect(await failure(RnSmileId.submitJob({ tag, jobType: 4 }))).toEqual(['network', undefined]);
});

it('cancels a running job', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const running = RnSmileId.submitJob({ tag, jobType: 4, partnerParams: { job_id: 'job-x' } });
  expect(await RnSmileId.cancelJob('job-x')).toBe(true);
  expect((await running.catch(e => e)).code).toBe('cancelled');
  expect(await RnSmileId.cancelJob('job-x')).toBe(false);
});

it('queues offline jobs and resumes them', async () => {
  const { tag } = await RnSmileId.captureSelfieFromFiles({ selfie: '/p.jpg' });
  const jobId = await RnSmileId.enqueueJob({ tag, jobType: 4 });
  const pending = await RnSmileId.pendingJobs();
  expect(pending.map(j => [j.jobId, j.state, j.smileJobId])).toEqual([[jobId, 'captured', null]]);
  const resumed = await RnSmileId.resumePendingJobs();
  expect(resumed.map(r => [r.jobId, r.result?.ResultCode])).toEqual([[jobId, '0840']]);
  expect(await RnSmileId.pendingJobs()).toEqual([]);
  await RnSmileId.deleteTag(tag);
  expect(await failure(RnSmileId.getImagesForTag(tag))).toEqual(['tag_not_found', 'tag']);
});

it('reports a queued job that fails as an entry with a SmileIdError', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  await RnSmileId.enqueueJob({ tag, jobType: 4 });
  await RnSmileId.deleteTag(tag);
  const [entry] = await RnSmileId.resumePendingJobs();
  expect(entry?.error).toBeInstanceOf(SmileIdError);
  expect([entry?.error?.code, entry?.error?.field, entry?.result]).toEqual([
    'tag_not_found',
    'tag',
    undefined,
  ]);
});

it('opens the camera screen: a tag on success, its own codes when the user cancels', async () => {
  const { tag, selfiePath, livenessPaths } = await RnSmileId.captureSelfie({ tag: 'cam' });
  expect([tag, livenessPaths.length]).toEqual(['cam', 7]);
  expect(selfiePath).toContain('cam');
  mock.failNext('capture_cancelled', 'the user closed the camera screen');
  const cancelled = await RnSmileId.captureSelfie().catch(e => e);
  expect(cancelled).toBeInstanceOf(SmileIdError);
  expect(cancelled.code).toBe('capture_cancelled');
});

it('reports an incomplete job with its reason, then completes it through jobStatus', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  mock.incompleteNext('statusUnavailable');
  const r = await RnSmileId.submitJob({ tag, jobType: 4, partnerParams: { user_id: 'u-9' } });
  expect([r.jobComplete, r.timedOut, r.incompleteReason]).toEqual([
    false,
    false,
    'statusUnavailable',
  ]);
  const status = await RnSmileId.jobStatus({ jobId: r.jobId, userId: r.userId, jobType: 4 });
  expect([status.jobComplete, status.ResultCode]).toEqual([true, '0840']);
  const complete = await RnSmileId.submitJob(tag, 2, false, { user_id: 'u-9' });
  expect(complete.incompleteReason).toBeUndefined();
  const unknown = await RnSmileId.jobStatus({ jobId: 'nope', userId: 'u-9', jobType: 4 }).catch(
    e => e,
  );
  expect([unknown.code, unknown.apiCode, unknown.httpStatus]).toEqual(['api_error', '2314', 404]);
  const bad = RnSmileId.jobStatus({ jobId: '', userId: 'u-9', jobType: 4 });
  expect(await failure(bad)).toEqual(['invalid_input', 'partner_params.job_id']);
});

it('cancels a running resume; the job in progress and the rest stay pending', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  await RnSmileId.enqueueJob({ tag, jobType: 4 });
  await RnSmileId.enqueueJob({ tag, jobType: 4 });
  expect(await RnSmileId.cancelResume()).toBe(false);
  const resuming = RnSmileId.resumePendingJobs();
  expect(await RnSmileId.cancelResume()).toBe(true);
  expect((await resuming.catch(e => e)).code).toBe('cancelled');
  expect((await RnSmileId.pendingJobs()).length).toBe(2);
  const resumed = await RnSmileId.resumePendingJobs();
  expect(resumed.map(r => r.result?.ResultCode)).toEqual(['0840', '0840']);
});

it('runs Document Verification on a selfie tag with the document added', async () => {
  const { tag } = await RnSmileId.captureSelfieFromFiles({ selfie: '/selfie.jpg' });
  const idInfo = { country: 'NG', id_type: 'NATIONAL_ID' };
  expect(await failure(RnSmileId.submitJob({ tag, jobType: 6, idInfo }))).toEqual([
    'invalid_input',
    'tag',
  ]);
  const added = await RnSmileId.captureDocumentFromFiles({ tag, front: '/f.jpg', back: '/b.jpg' });
  expect([added.tag, added.frontPath, added.backPath]).toEqual([
    tag,
    `/mock/smileid/${tag}/si_document_front.jpg`,
    `/mock/smileid/${tag}/si_document_back.jpg`,
  ]);
  const events: string[] = [];
  const sub = RnSmileId.addProgressListener(e => events.push(e.type));
  const doc = await RnSmileId.submitJob({ tag, jobType: 6, idInfo });
  sub.remove();
  expect(events).toContain('done');
  expect(doc).toMatchObject({ jobType: 6, ResultText: 'Document Verified', IDType: 'NATIONAL_ID' });
  expect([doc.Actions?.Document_Check, doc.Actions?.Verify_Document]).toEqual([
    'Passed',
    'Not Applicable',
  ]);
  expect([doc.ExpirationDate, doc.FullName]).toEqual(['2031-12-31', 'Joe Leo Doe']);
  const enhanced = await RnSmileId.submitJob({ tag, jobType: 11, idInfo });
  expect(enhanced.Actions?.Verify_Document).toBe('Verified');
  const queued = await RnSmileId.enqueueJob({ tag, jobType: 11, idInfo });
  expect((await RnSmileId.pendingJobs()).map(j => [j.jobId, j.jobType])).toEqual([[queued, 11]]);
});

it('refuses document photos and IDs naming the field', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  mock.failNext('invalid_image', 'too blurred: sharpness 12, at least 100 needed', 'front');
  const blurred = await RnSmileId.captureDocumentFromFiles({ tag, front: '/f.jpg' }).catch(e => e);
  expect([blurred.code, blurred.field, blurred.message]).toEqual([
    'invalid_image',
    'front',
    'too blurred: sharpness 12, at least 100 needed',
  ]);
  const noFront = { tag, front: '' };
  expect(await failure(RnSmileId.captureDocumentFromFiles(noFront))).toEqual([
    'invalid_input',
    'front',
  ]);
  await RnSmileId.captureDocumentFromFiles({ tag, front: '/f.jpg' });
  const wrongCountry = { country: 'Nigeria', id_type: 'PASSPORT' };
  expect(await failure(RnSmileId.submitJob({ tag, jobType: 6, idInfo: wrongCountry }))).toEqual([
    'invalid_input',
    'id_info.country',
  ]);
});

it('runs an Enhanced SmartSelfie: enrolment, then authentication, answered at once', async () => {
  const { tag } = await RnSmileId.captureSelfie();
  const partnerParams = { user_id: 'u-v2', my_ref: 'A-17' };
  const enrol = await RnSmileId.submitJob({ tag, jobType: 4, enhanced: true, partnerParams });
  expect(enrol).toMatchObject({ enhanced: true, status: 'approved', code: '0840', tag });
  expect([enrol.userId, enrol.partnerParams]).toEqual(['u-v2', { my_ref: 'A-17' }]);
  expect(JSON.parse(enrol.raw)).toMatchObject({ job_type: 'smart_selfie_enrollment' });
  const auth = await RnSmileId.submitJob({ tag, jobType: 2, enhanced: true, partnerParams });
  expect([auth.jobType, auth.status, auth.message]).toEqual([2, 'approved', 'User is authentic']);
  const kyc = { tag, jobType: 1, enhanced: true } as unknown as { tag: string; jobType: 4 };
  expect(await failure(RnSmileId.submitJob(kyc))).toEqual(['invalid_input', 'job_type']);
});

it('answers the look-ups from the sandbox catalogue, for a country / ID type picker', async () => {
  const services = await RnSmileId.services();
  const nigeria = services.hosted_web.enhanced_kyc.NG;
  expect(nigeria?.name).toBe('Nigeria');
  expect(nigeria?.id_types.BVN).toMatchObject({ label: 'Bank Verification Number' });
  const config = await RnSmileId.productsConfig({ isProduction: false });
  expect(config.idSelection.enhanced_kyc.NG).toContain('BVN');
  const { valid_documents } = await RnSmileId.validDocuments();
  const kenya = valid_documents.find(d => d.country.code === 'KE');
  expect(kenya?.id_types.map(t => [t.code, t.has_back])).toEqual([
    ['PASSPORT', false],
    ['NATIONAL_ID', true],
    ['DRIVERS_LICENSE', true],
  ]);
  mock.failNext('network', 'offline');
  expect(await failure(RnSmileId.services())).toEqual(['network', undefined]);
});
