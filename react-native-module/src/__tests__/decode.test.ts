/**
 * Result decoding of maps the Kotlin module produced from real sandbox jobs (scripts/
 * test-react-native runs the JVM tests first and passes their folder as SMILEID_FIXTURES), so the
 * native and TS sides agree on every field name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { jobResult, jobStatus, resumedJobs } from '../convert';
import type { NativeJobResult, NativeJobStatus } from '../convert';

const dir = process.env.SMILEID_FIXTURES;
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(dir!, `${name}.json`), 'utf8'));

(dir ? describe : describe.skip)('results from the Kotlin module against the sandbox', () => {
  it('JT4: enrolment with typed fields, the JSON object and the raw body', () => {
    const native = load('jt4') as NativeJobResult;
    const r = jobResult(native);
    expect(r).toMatchObject({ jobComplete: true, jobSuccess: true, ResultCode: '0840', ResultText: 'Enroll User', timedOut: false, jobType: 4, tag: 'obama' });
    expect(r.Actions?.Liveness_Check).toBe('Passed');
    expect(r.PartnerParams?.my_ref).toBe('A-17');
    expect(r.SmileJobID).toMatch(/^\d+$/);
    expect((r.json.result as Record<string, unknown>).SmileJobID).toBe(r.SmileJobID);
    expect(JSON.parse(r.raw).result.ResultCode).toBe('0840');
    expect(r.code).toBe(String(r.json.code));
    // Every key native sent is read: nothing is left undecoded.
    expect(Object.keys(native.status.result!).sort()).toEqual(
      ['actions', 'confidenceValue', 'country', 'dob', 'fullName', 'gender', 'idNumber', 'idType', 'isFinalResult', 'isMachineResult', 'json', 'partnerParams', 'resultCode', 'resultText', 'resultType', 'smileJobId'],
    );
  });

  it('JT2: authentication', () => {
    const r = jobResult(load('jt2'));
    expect(r).toMatchObject({ ResultCode: '0820', jobSuccess: true, jobType: 2 });
  });

  it('JT1: Biometric KYC with the KYC fields', () => {
    const r = jobResult(load('jt1'));
    expect(r).toMatchObject({ ResultCode: '0810', Country: 'NG', IDType: 'BVN', jobType: 1 });
    expect(typeof r.FullName).toBe('string');
    expect(r.Actions?.Verify_ID_Number).toBe('Verified');
  });

  it('a status before the result: not complete, no result fields', () => {
    const r = jobResult(load('jt4-pending'));
    expect(r.jobComplete).toBe(false);
    expect(r.ResultCode).toBeUndefined();
    expect(typeof r.json.code).not.toBe('undefined');
  });

  it('completed results carry no incompleteReason', () => {
    for (const name of ['jt4', 'jt2', 'jt1']) {
      expect(load(name)).not.toHaveProperty('incompleteReason');
      expect(jobResult(load(name)).incompleteReason).toBeUndefined();
    }
  });

  it('an incomplete result (job_status stalled past the polling timeout) says why', () => {
    const native = load('jt4-incomplete') as NativeJobResult;
    expect(native.incompleteReason).toBe('timedOut');
    const r = jobResult(native);
    expect(r).toMatchObject({ jobComplete: false, jobSuccess: false, timedOut: true, incompleteReason: 'timedOut', jobId: 'job-late', userId: 'u-late' });
    expect(r.ResultCode).toBeUndefined();
  });

  it('jobStatus of that job, once job_status answers: the typed result', () => {
    const native = load('job-status') as NativeJobStatus;
    const s = jobStatus(native);
    expect(s).toMatchObject({ jobComplete: true, jobSuccess: true, ResultCode: '0840', ResultText: 'Enroll User' });
    expect(s.PartnerParams?.job_id).toBe('job-late');
    expect((s.json.result as Record<string, unknown>).SmileJobID).toBe(s.SmileJobID);
    expect(JSON.parse(s.raw).code).toBe(s.code);
    expect(Object.keys(native).sort()).toEqual(['code', 'jobComplete', 'jobSuccess', 'json', 'raw', 'result', 'resultMessage', 'timestamp']);
  });

  it('a resumed offline job', () => {
    const [entry] = resumedJobs([load('resumed')]);
    expect(entry.result?.ResultCode).toBe('0840');
    expect(entry.error).toBeUndefined();
  });
});
