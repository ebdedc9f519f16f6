/** Public types of the module. Field names follow `rn-smile-id`'s and Smile ID's results. */
import type { SmileIdError } from './errors';

/** 1 Biometric KYC, 2 SmartSelfie Authentication, 4 SmartSelfie Enrollment, 5 Enhanced KYC. */
export type JobType = 1 | 2 | 4 | 5;

/** The job types that send a captured tag (all but Enhanced KYC, which sends ID details only). */
export type TagJobType = Exclude<JobType, 5>;

/**
 * Partner-side ids of a job. `job_id`/`user_id` (as in rn-smile-id; `jobId`/`userId` also work)
 * are generated when empty (user_id is required for job 2); every other key is an extra,
 * echoed back in `PartnerParams` and callbacks, and must be a string.
 */
export type PartnerParams = {
  job_id?: string | undefined;
  user_id?: string | undefined;
  jobId?: string | undefined;
  userId?: string | undefined;
  [extra: string]: string | undefined;
};

/**
 * The ID for Biometric KYC (job 1) and Enhanced KYC (job 5); snake_case (as Smile ID names them)
 * or camelCase keys. Some ID types need more than country, id_type and id_number (e.g. NG
 * BANK_ACCOUNT: bank_code): the error names the missing field.
 */
export type IdInfo = {
  country?: string | undefined;
  id_type?: string | undefined;
  idType?: string | undefined;
  id_number?: string | undefined;
  idNumber?: string | undefined;
  first_name?: string | undefined;
  firstName?: string | undefined;
  middle_name?: string | undefined;
  middleName?: string | undefined;
  last_name?: string | undefined;
  lastName?: string | undefined;
  /** yyyy-mm-dd */
  dob?: string | undefined;
  bank_code?: string | undefined;
  bankCode?: string | undefined;
  citizenship?: string | undefined;
  allow_re_enroll?: boolean | undefined;
  allowReEnroll?: boolean | undefined;
  use_enrolled_image?: boolean | undefined;
  useEnrolledImage?: boolean | undefined;
};

/** Where the device was, as rn-smile-id and Smile ID's React Native SDK named it. */
export type GeoInfo = {
  accuracy?: number | undefined;
  altitude?: number | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  lastUpdate?: string | undefined;
  isGeoPermissionGranted?: boolean | undefined;
};

/** What every submitJob call may pass, whatever its job type. */
type CommonJobOptions = {
  /** Default false: the sandbox. */
  isProduction?: boolean | undefined;
  /** Default {}. */
  partnerParams?: PartnerParams | undefined;
  /** Default: none. */
  geoInfo?: GeoInfo | undefined;
  /** Default '': no callback. */
  callbackUrl?: string | undefined;
};

/** A job on a captured tag (1, 2, 4). */
export type TagJobOptions = CommonJobOptions & {
  /** The capture to send (from `captureSelfie` or `captureSelfieFromFiles`). */
  tag: string;
  jobType: TagJobType;
  /** Required for job 1. Default: none. */
  idInfo?: IdInfo | undefined;
  /** How long to wait for the result; default 0: the first status right after the upload. */
  jobStatusPollingTimeoutMillis?: number | undefined;
};

/** Enhanced KYC (job 5): the ID details checked with the ID authority, no tag, no polling. */
export type EnhancedKycOptions = CommonJobOptions & {
  jobType: 5;
  idInfo: IdInfo;
  tag?: undefined;
};

export type SubmitJobOptions = TagJobOptions | EnhancedKycOptions;

/**
 * rn-smile-id's positional form of `submitJob`: the same eight parameters in the same order
 * (interpreted, with the defaults above, by the native side).
 */
export type SubmitJobPositional = [
  tag: string,
  jobType: TagJobType,
  isProduction?: boolean | undefined,
  partnerParams?: PartnerParams | undefined,
  idInfo?: IdInfo | undefined,
  geoInfo?: GeoInfo | undefined,
  callbackUrl?: string | undefined,
  jobStatusPollingTimeoutMillis?: number | undefined,
];

/** What the result of every tag job (1, 2, 4) has. */
type TagJobResultBase = {
  jobComplete: boolean;
  jobSuccess: boolean;
  /** job_status code, e.g. `2302`. */
  code: string;
  ResultCode?: string;
  ResultText?: string;
  ResultType?: string;
  SmileJobID?: string;
  PartnerParams?: Record<string, string>;
  Actions?: Record<string, string>;
  ConfidenceValue?: string;
  IsFinalResult?: boolean;
  IsMachineResult?: boolean;
  /**
   * Polling stopped at `jobStatusPollingTimeoutMillis` first; the result goes to the callback
   * URL.
   */
  timedOut: boolean;
  /** Why `jobComplete` is false (absent once complete); the job exists at Smile ID either way. */
  incompleteReason?: IncompleteReason;
  /** A textual status while there is no result yet (e.g. `No zip file received`). */
  resultMessage?: string;
  timestamp: string;
  /** The job as sent: tag and the ids used (generated ones included). */
  tag: string;
  jobId: string;
  userId: string;
  /** The whole job_status response as an object, fields without a typed counterpart included. */
  json: Record<string, unknown>;
  /** The job_status body exactly as received. */
  raw: string;
};

/** What the ID authority returned for the ID of a Biometric KYC job. */
type KycFields = {
  Country?: string;
  IDType?: string;
  IDNumber?: string;
  FullName?: string;
  DOB?: string;
  Gender?: string;
};

/** SmartSelfie Enrollment (4) or Authentication (2). */
export type SmartSelfieResult = TagJobResultBase & {
  jobType: 2 | 4;
} & { [K in keyof KycFields]?: undefined };

/** Biometric KYC (1): the selfie compared with the ID authority's photo, and the ID's details. */
export type BiometricKycResult = TagJobResultBase & KycFields & { jobType: 1 };

/**
 * The outcome of a tag job, as rn-smile-id's JSON with typed fields, plus the whole object and
 * raw body. `jobType` tells which: the ID fields exist on Biometric KYC (1) only.
 */
export type JobResult = SmartSelfieResult | BiometricKycResult;

/** Enhanced KYC (5): what the ID authority returned for the ID, at once (no job_status). */
export type EnhancedKycResult = {
  jobType: 5;
  /** True for 1012 (ID number validated) and the other codes Smile ID counts as verified. */
  verified: boolean;
  ResultCode: string;
  ResultText: string;
  SmileJobID: string;
  PartnerParams: Record<string, string>;
  Actions: Record<string, string>;
  Country: string;
  IDType: string;
  IDNumber: string;
  FullName?: string;
  DOB?: string;
  ExpirationDate?: string;
  /** The ID photo, base64, when the authority returns one. */
  Photo?: string;
  jobId: string;
  userId: string;
  /** The whole answer as an object. */
  json: Record<string, unknown>;
};

/** The result submitJob answers for a job type (all of them for a `JobType` not known). */
export type ResultFor<T extends JobType> = T extends 5
  ? EnhancedKycResult
  : T extends 1
    ? BiometricKycResult
    : SmartSelfieResult;

/**
 * Why a submitted job came back incomplete: `timedOut`: still processing at
 * `jobStatusPollingTimeoutMillis`; `statusUnavailable`: job_status kept failing until then;
 * `uploadLost`: the server reported no upload after every re-upload. Never submit such a job
 * again: its result reaches the callback URL, or ask with `jobStatus`.
 */
export type IncompleteReason = 'timedOut' | 'statusUnavailable' | 'uploadLost';

/** The fields that name a submitted job, for `jobStatus`. */
export type JobRef = {
  jobId: string;
  userId: string;
  jobType: number;
  /** Default false. */
  isProduction?: boolean | undefined;
};

/** One job_status answer: typed fields of the result once there is one, plus json and raw. */
export type JobStatusResult = Omit<
  JobResult,
  'timedOut' | 'incompleteReason' | 'tag' | 'jobType' | 'jobId' | 'userId'
>;

export type Configuration = {
  /** Partner id exactly as issued (leading zeros matter). */
  partnerId?: string | undefined;
  /** The portal's auth token (exchanged for signatures on the device; no API key on the device). */
  authToken?: string | undefined;
  /** Or: the partner's backend signs; return `{signature, timestamp}` for `partnerId`. */
  signatureProvider?:
    ((partnerId: string) => Promise<{ signature: string; timestamp: string }>) | undefined;
  /** Base URL for `isProduction: false` jobs, e.g. a local sandbox `http://10.0.2.2:8080/v1`. */
  sandboxUrl?: string | undefined;
  /** Base URL for production jobs; https only. */
  productionUrl?: string | undefined;
  requestTimeoutMillis?: number | undefined;
  connectTimeoutMillis?: number | undefined;
  /** Pause between two job_status polls. */
  pollIntervalMillis?: number | undefined;
  retry?: { budgetMillis: number; initialDelayMillis: number; maxDelayMillis: number } | undefined;
  /** Extra trusted CA certificates (PEM). */
  extraRootCertificatesPem?: string[] | undefined;
  /** Keep a tag's images after its job succeeds (default: deleted). */
  keepTagsAfterSuccess?: boolean | undefined;
};

/** A tag's image files. */
export type TagImages = {
  selfie: string | null;
  liveness: string[];
  idCardFront: string | null;
  idCardBack: string | null;
};

/** What a capture resolves with (`captureSelfie` and `captureSelfieFromFiles`). */
export type CapturedSelfie = {
  tag: string;
  selfiePath: string | null;
  livenessPaths: string[];
};

export type CaptureSelfieOptions = {
  /** Generated when absent. */
  tag?: string | undefined;
  /**
   * Rejects with `capture_timeout` when no capture succeeds in this time, counted from the
   * camera's first frame (a permission prompt does not eat it); default 60000.
   */
  timeoutMillis?: number | undefined;
  /**
   * The screen's texts by prompt key, replacing the English ones (e.g. for another language):
   * `cancel`, `starting_camera`, `camera_permission`, `no_face`, `multiple_faces`, `move_closer`,
   * … (the keys are listed in the package README); an unknown key is an `invalid_input`.
   */
  prompts?: Record<string, string> | undefined;
};

export type CaptureFromFilesOptions = {
  /** Path or file:// URI of a photo with exactly one face. */
  selfie: string;
  /** None (derived from the selfie) or exactly 7 photos. */
  liveness?: string[] | undefined;
  /** Generated when absent. */
  tag?: string | undefined;
};

export type ProgressEvent =
  | { jobId: string; type: 'authenticating' }
  | { jobId: string; type: 'preparing' }
  | { jobId: string; type: 'uploading'; sentBytes: number; totalBytes: number; percent: number }
  | { jobId: string; type: 'polling'; attempt: number; jobComplete: boolean }
  | { jobId: string; type: 'done'; jobComplete: boolean; jobSuccess: boolean };

export type JobState = 'captured' | 'prepared' | 'uploaded' | 'complete' | 'failed';

export type PendingJob = {
  jobId: string;
  tag: string;
  jobType: number;
  state: JobState;
  smileJobId: string | null;
  createdAt: string;
  updatedAt: string;
};

/** One job `resumePendingJobs` sent: its result, or why it failed. */
export type ResumedJob = { jobId: string; result?: JobResult; error?: SmileIdError };

export type Subscription = { remove(): void };
