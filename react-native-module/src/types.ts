/** Public types of the module. Field names follow `rn-smile-id`'s and Smile ID's results. */
import type { SmileIdError } from './errors';

/** 1 Biometric KYC, 2 SmartSelfie Authentication, 4 SmartSelfie Enrollment. */
export type JobType = 1 | 2 | 4;

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

/** The ID for Biometric KYC (job 1); snake_case (as Smile ID names them) or camelCase keys. */
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

export type SubmitJobOptions = {
  /** The capture to send (from `captureSelfieFromFiles`, later `captureSelfie`). */
  tag: string;
  jobType: JobType;
  /** Default false: the sandbox. */
  isProduction?: boolean | undefined;
  /** Default {}. */
  partnerParams?: PartnerParams | undefined;
  /** Required for job 1. Default: none. */
  idInfo?: IdInfo | undefined;
  /** Default: none. */
  geoInfo?: GeoInfo | undefined;
  /** Default '': no callback. */
  callbackUrl?: string | undefined;
  /** How long to wait for the result; default 0: the first status right after the upload. */
  jobStatusPollingTimeoutMillis?: number | undefined;
};

/**
 * rn-smile-id's positional form of `submitJob`: the same eight parameters in the same order
 * (interpreted, with the defaults above, by the native side).
 */
export type SubmitJobPositional = [
  tag: string,
  jobType: JobType,
  isProduction?: boolean | undefined,
  partnerParams?: PartnerParams | undefined,
  idInfo?: IdInfo | undefined,
  geoInfo?: GeoInfo | undefined,
  callbackUrl?: string | undefined,
  jobStatusPollingTimeoutMillis?: number | undefined,
];

/** A job's outcome, as rn-smile-id's JSON with typed fields, plus the whole object and raw body. */
export type JobResult = {
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
  Country?: string;
  IDType?: string;
  IDNumber?: string;
  FullName?: string;
  DOB?: string;
  Gender?: string;
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
  /** The job as sent: tag, type and the ids used (generated ones included). */
  tag: string;
  jobType: number;
  jobId: string;
  userId: string;
  /** The whole job_status response as an object, fields without a typed counterpart included. */
  json: Record<string, unknown>;
  /** The job_status body exactly as received. */
  raw: string;
};

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
