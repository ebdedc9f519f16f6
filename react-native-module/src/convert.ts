/**
 * The TS side of the one mapping: the public (rn-smile-id-shaped) values ↔ the plain objects the native
 * module takes and returns (the shape of the Rust bindings' records, camelCase). The Kotlin and
 * Swift conversions read and write exactly these objects.
 */
import type {
  GeoInfo,
  IdInfo,
  IncompleteReason,
  JobRef,
  JobResult,
  JobStatusResult,
  PartnerParams,
  PendingJob,
  ResumedJob,
  SubmitJobOptions,
  TagImages,
} from './types';
import { SmileIdError, toSmileIdError } from './errors';

/** What native `submitJob`/`enqueueJob` take. */
export type NativeSubmitParams = {
  tag: string;
  jobType: number;
  isProduction: boolean;
  partnerParams: { jobId: string; userId: string; extras: Record<string, string> };
  idInfo: Record<string, string | boolean> | null;
  geoInfo: GeoInfo | null;
  callbackUrl: string;
  jobStatusPollingTimeoutMillis: number;
};

/** rn-smile-id's positional form: the same eight parameters in the same order. */
export type SubmitJobPositional = [
  tag: string,
  jobType: SubmitJobOptions['jobType'],
  isProduction?: boolean,
  partnerParams?: PartnerParams,
  idInfo?: IdInfo,
  geoInfo?: GeoInfo,
  callbackUrl?: string,
  jobStatusPollingTimeoutMillis?: number,
];

const invalid = (field: string, what: string) => new SmileIdError('invalid_input', `${field} ${what}`, { field });

/** `submitJob(options)` or `submitJob(tag, jobType, …)` → the options object. */
export function submitJobOptions(args: [SubmitJobOptions] | SubmitJobPositional): SubmitJobOptions {
  const [first] = args;
  if (args.length === 1 && first !== null && typeof first === 'object') return first;
  if (typeof first !== 'string') {
    throw invalid('tag', 'is required: call submitJob({ tag, jobType, … }) or submitJob(tag, jobType, …)');
  }
  const [tag, jobType, isProduction, partnerParams, idInfo, geoInfo, callbackUrl, timeout] =
    args as SubmitJobPositional;
  return { tag, jobType, isProduction, partnerParams, idInfo, geoInfo, callbackUrl, jobStatusPollingTimeoutMillis: timeout };
}

const ID_KEYS: Array<[camel: string, snake: string]> = [
  ['country', 'country'],
  ['idType', 'id_type'],
  ['idNumber', 'id_number'],
  ['firstName', 'first_name'],
  ['middleName', 'middle_name'],
  ['lastName', 'last_name'],
  ['dob', 'dob'],
  ['bankCode', 'bank_code'],
  ['citizenship', 'citizenship'],
  ['allowReEnroll', 'allow_re_enroll'],
  ['useEnrolledImage', 'use_enrolled_image'],
];

function pick(o: Record<string, unknown>, camel: string, snake: string): unknown {
  return o[camel] ?? o[snake];
}

/** Options → native params, with rn-smile-id's defaults ({} / '' / 0). */
export function nativeSubmitParams(o: SubmitJobOptions): NativeSubmitParams {
  const partner: Record<string, unknown> = { ...(o.partnerParams ?? {}) };
  const jobId = pick(partner, 'jobId', 'job_id');
  const userId = pick(partner, 'userId', 'user_id');
  for (const k of ['jobId', 'job_id', 'userId', 'user_id', 'job_type']) delete partner[k];
  const extras: Record<string, string> = {};
  for (const [k, v] of Object.entries(partner)) {
    if (v === undefined) continue;
    if (typeof v !== 'string') throw invalid(`partner_params.${k}`, 'must be a string (extras are sent as strings)');
    extras[k] = v;
  }
  const idIn = (o.idInfo ?? {}) as Record<string, unknown>;
  const idInfo: Record<string, string | boolean> = {};
  for (const [camel, snake] of ID_KEYS) {
    const v = pick(idIn, camel, snake);
    if (v !== undefined && v !== null) idInfo[camel] = v as string | boolean;
  }
  const geo = o.geoInfo && Object.keys(o.geoInfo).length > 0 ? o.geoInfo : null;
  return {
    tag: o.tag,
    jobType: o.jobType,
    isProduction: o.isProduction ?? false,
    partnerParams: { jobId: (jobId as string) ?? '', userId: (userId as string) ?? '', extras },
    idInfo: Object.keys(idInfo).length > 0 ? idInfo : null,
    geoInfo: geo,
    callbackUrl: o.callbackUrl ?? '',
    jobStatusPollingTimeoutMillis: o.jobStatusPollingTimeoutMillis ?? 0,
  };
}

/** What native `submitJob` resolves with (the bindings' `SubmitJobResult`). */
export type NativeJobResult = {
  tag: string;
  jobType: number;
  jobId: string;
  userId: string;
  smileJobId: string;
  timedOut: boolean;
  incompleteReason?: IncompleteReason | null;
  status: NativeJobStatus;
};

/** What native `jobStatus` resolves with (the bindings' `JobStatus`), also a result's `status`. */
export type NativeJobStatus = {
    jobComplete: boolean;
    jobSuccess: boolean;
    code: string;
    resultMessage?: string | null;
    timestamp: string;
    json: string;
    raw: string;
    result?: {
      resultCode: string;
      resultText: string;
      resultType?: string | null;
      smileJobId: string;
      partnerParams: Record<string, string>;
      actions: Record<string, string>;
      confidenceValue?: string | null;
      isFinalResult?: boolean;
      isMachineResult?: boolean;
      country?: string | null;
      idType?: string | null;
      idNumber?: string | null;
      fullName?: string | null;
      dob?: string | null;
      gender?: string | null;
      json: string;
    } | null;
};

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

export function jobResult(n: NativeJobResult): JobResult {
  const status = jobStatus(n.status);
  return {
    ...status,
    SmileJobID: status.SmileJobID ?? (n.smileJobId || undefined),
    timedOut: n.timedOut,
    incompleteReason: opt(n.incompleteReason),
    tag: n.tag,
    jobType: n.jobType,
    jobId: n.jobId,
    userId: n.userId,
  };
}

export function jobStatus(s: NativeJobStatus): JobStatusResult {
  const r = s.result ?? undefined;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(s.json) as Record<string, unknown>;
  } catch {
    throw new SmileIdError('invalid_response', 'the job status is not a JSON object');
  }
  return {
    jobComplete: s.jobComplete,
    jobSuccess: s.jobSuccess,
    code: s.code,
    ResultCode: r?.resultCode,
    ResultText: r?.resultText,
    ResultType: opt(r?.resultType),
    SmileJobID: r?.smileJobId,
    PartnerParams: r?.partnerParams,
    Actions: r?.actions,
    ConfidenceValue: opt(r?.confidenceValue),
    IsFinalResult: r?.isFinalResult,
    IsMachineResult: r?.isMachineResult,
    Country: opt(r?.country),
    IDType: opt(r?.idType),
    IDNumber: opt(r?.idNumber),
    FullName: opt(r?.fullName),
    DOB: opt(r?.dob),
    Gender: opt(r?.gender),
    resultMessage: opt(s.resultMessage),
    timestamp: s.timestamp,
    json,
    raw: s.raw,
  };
}

/** What native `jobStatus` takes: every field present. */
export function nativeJobRef(job: JobRef): Required<JobRef> {
  for (const field of ['jobId', 'userId'] as const) {
    if (typeof job?.[field] !== 'string' || job[field].length === 0) {
      throw new SmileIdError('invalid_input', `${field} is required: the id the job was submitted with`, {
        field: field === 'jobId' ? 'partner_params.job_id' : 'partner_params.user_id',
      });
    }
  }
  if (!Number.isInteger(job.jobType)) {
    throw new SmileIdError('invalid_input', 'jobType must be the job\'s type: 1, 2 or 4', { field: 'job_type' });
  }
  return { jobId: job.jobId, userId: job.userId, jobType: job.jobType, isProduction: job.isProduction ?? false };
}

export function tagImages(n: Partial<TagImages>): TagImages {
  return {
    selfie: n.selfie ?? null,
    liveness: n.liveness ?? [],
    idCardFront: n.idCardFront ?? null,
    idCardBack: n.idCardBack ?? null,
  };
}

export function pendingJobs(n: unknown): PendingJob[] {
  return n as PendingJob[];
}

export function resumedJobs(n: Array<{ jobId: string; result?: NativeJobResult; error?: unknown }>): ResumedJob[] {
  return n.map((j) => ({
    jobId: j.jobId,
    result: j.result ? jobResult(j.result) : undefined,
    error: j.error ? toSmileIdError(j.error) : undefined,
  }));
}
