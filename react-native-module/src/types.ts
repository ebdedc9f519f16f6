/** Public types of the module. Field names follow `rn-smile-id`'s and Smile ID's results. */
import type { SmileIdError } from './errors';

/**
 * 1 Biometric KYC, 2 SmartSelfie Authentication, 4 SmartSelfie Enrollment, 5 Enhanced KYC,
 * 6 Document Verification, 11 Enhanced Document Verification.
 */
export type JobType = 1 | 2 | 4 | 5 | 6 | 11;

/** The job types that send a captured tag (all but Enhanced KYC, which sends ID details only). */
export type TagJobType = Exclude<JobType, 5>;

/** SmartSelfie Authentication (2) and Enrollment (4): also run as Enhanced SmartSelfie. */
export type SmartSelfieJobType = 2 | 4;

/**
 * Document Verification (6) and Enhanced Document Verification (11, which also checks the
 * document's details with the issuing authority): the tag carries the document's photos.
 */
export type DocumentJobType = 6 | 11;

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
 * BANK_ACCOUNT: bank_code): the error names the missing field. Document jobs (6, 11) need only
 * the issuing country (two upper-case letters) and the document type (`PASSPORT`,
 * `NATIONAL_ID`, …, as `validDocuments()` lists them); Smile ID reads the rest off the document.
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

/** What every job on a captured tag may pass. */
type CapturedJobOptions = CommonJobOptions & {
  /** The capture to send (from `captureSelfie` or `captureSelfieFromFiles`). */
  tag: string;
  /** How long to wait for the result; default 0: the first status right after the upload. */
  jobStatusPollingTimeoutMillis?: number | undefined;
};

/** A standard (zip) job: not an Enhanced SmartSelfie. */
type Standard = {
  /** Only SmartSelfie jobs (2, 4) run enhanced: `EnhancedSmartSelfieOptions`. */
  enhanced?: false | undefined;
};

/** SmartSelfie Enrollment (4) or Authentication (2) on a captured tag. */
export type SmartSelfieJobOptions = CapturedJobOptions &
  Standard & {
    jobType: SmartSelfieJobType;
    /** Default: none (e.g. `allow_re_enroll` for an enrolment). */
    idInfo?: IdInfo | undefined;
  };

/** Biometric KYC (1) on a captured tag. */
export type BiometricKycOptions = CapturedJobOptions &
  Standard & {
    jobType: 1;
    /** Required (the error names it when missing). */
    idInfo?: IdInfo | undefined;
  };

/**
 * Document Verification (6, 11) on a tag holding a selfie and the document
 * (`captureDocumentFromFiles`): `idInfo` names the issuing country and the document type.
 */
export type DocumentJobOptions = CapturedJobOptions &
  Standard & {
    jobType: DocumentJobType;
    idInfo: IdInfo;
  };

/** A job on a captured tag (1, 2, 4, 6, 11): what `enqueueJob` takes. */
export type TagJobOptions = SmartSelfieJobOptions | BiometricKycOptions | DocumentJobOptions;

/**
 * Enhanced SmartSelfie: enrolment (4) or authentication (2) of a captured tag over Smile ID's
 * synchronous endpoints, one request answered within seconds (a `pending` answer is followed on
 * job_status up to `jobStatusPollingTimeoutMillis`). `submitJob` only: `enqueueJob` refuses it.
 */
export type EnhancedSmartSelfieOptions = CapturedJobOptions & {
  jobType: SmartSelfieJobType;
  enhanced: true;
  idInfo?: IdInfo | undefined;
};

/** Enhanced KYC (job 5): the ID details checked with the ID authority, no tag, no polling. */
export type EnhancedKycOptions = CommonJobOptions &
  Standard & {
    jobType: 5;
    idInfo: IdInfo;
    tag?: undefined;
  };

/** The jobs whose result type follows `jobType` alone (`ResultFor`). */
export type StandardJobOptions = TagJobOptions | EnhancedKycOptions;

/** Every object form of `submitJob`. */
export type SubmitJobOptions = StandardJobOptions | EnhancedSmartSelfieOptions;

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

/**
 * What the ID authority (Biometric KYC) or the document (Document Verification) gave about the
 * person and the ID; absent when the result does not have it.
 */
type IdFields = {
  Country?: string;
  IDType?: string;
  IDNumber?: string;
  FullName?: string;
  DOB?: string;
  Gender?: string;
  ExpirationDate?: string;
  PhoneNumber?: string;
  PhoneNumber2?: string;
  Address?: string;
};

/** SmartSelfie Enrollment (4) or Authentication (2). */
export type SmartSelfieResult = TagJobResultBase & {
  jobType: SmartSelfieJobType;
} & { [K in keyof IdFields]?: undefined };

/** Biometric KYC (1): the selfie compared with the ID authority's photo, and the ID's details. */
export type BiometricKycResult = TagJobResultBase & IdFields & { jobType: 1 };

/** The `Actions` keys a document job decides; every other key Smile ID sends is a string too. */
export type DocumentActionKey =
  | 'Document_Check'
  | 'Verify_Document'
  | 'Selfie_To_ID_Card_Compare'
  | 'Liveness_Check'
  | 'Selfie_Provided'
  | 'Register_Selfie'
  | 'Return_Personal_Info'
  | 'Human_Review_Compare'
  | 'Human_Review_Document_Check'
  | 'Human_Review_Liveness_Check'
  | 'Human_Review_Selfie_Check';

/**
 * A document job's `Actions`: e.g. `Document_Check` `Passed`, `Selfie_To_ID_Card_Compare`
 * `Completed`, `Verify_Document` (job 11) `Verified`; `Not Applicable` for a step not run.
 */
export type DocumentActions = { [K in DocumentActionKey]?: string } & Record<string, string>;

/**
 * Document Verification (6) or Enhanced Document Verification (11): the selfie compared with
 * the document's photo, and the document's details as read (job 11: and as its authority has
 * them).
 */
export type DocumentVerificationResult = Omit<TagJobResultBase, 'Actions'> &
  IdFields & {
    jobType: DocumentJobType;
    Actions?: DocumentActions;
  };

/**
 * The outcome of a tag job, as rn-smile-id's JSON with typed fields, plus the whole object and
 * raw body. `jobType` tells which: the ID fields exist on Biometric KYC (1) and the document
 * jobs (6, 11) only.
 */
export type JobResult = SmartSelfieResult | BiometricKycResult | DocumentVerificationResult;

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

/**
 * An Enhanced SmartSelfie's decision: `approved`, `rejected`, `pending` (not decided yet, e.g.
 * human review), or a status Smile ID added later.
 */
export type EnhancedSmartSelfieStatus = 'approved' | 'pending' | 'rejected' | (string & {});

/** What `submitJob({ …, enhanced: true })` resolves with. */
export type EnhancedSmartSelfieResult = {
  /** Always true: tells this answer from a standard job's. */
  enhanced: true;
  jobType: SmartSelfieJobType;
  tag: string;
  /** The job's id here (`partnerParams.job_id`): what `cancelJob` and `pendingJobs` use. */
  jobId: string;
  userId: string;
  status: EnhancedSmartSelfieStatus;
  /** Result code, e.g. `0840`; job_status's `ResultCode` once that completed a pending job. */
  code: string;
  message: string;
  /** The job id Smile ID made. */
  smileJobId: string;
  /** The extras sent (`job_id` and `user_id` are `jobId` and `userId`). */
  partnerParams: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** Why the answer is still `pending`; the job stays pending for `resumePendingJobs`. */
  incompleteReason?: IncompleteReason;
  /** The last job_status answer, when a pending answer was followed up. */
  jobStatus?: JobStatusResult;
  /** The answer as an object and as received. */
  json: Record<string, unknown>;
  raw: string;
};

/** The result submitJob answers for a job type (all of them for a `JobType` not known). */
export type ResultFor<T extends JobType> = T extends 5
  ? EnhancedKycResult
  : T extends 1
    ? BiometricKycResult
    : T extends DocumentJobType
      ? DocumentVerificationResult
      : SmartSelfieResult;

/** Whatever `submitJob` may resolve with. */
export type SubmitJobResult = ResultFor<JobType> | EnhancedSmartSelfieResult;

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
  /**
   * Extra trusted CA certificates (PEM), for the built-in HTTP stack only; where requests go
   * through the platform's (OkHttp, URLSession), trust comes from the app and the system, and
   * giving this fails `configure` naming it.
   */
  extraRootCertificatesPem?: string[] | undefined;
  /**
   * Certificate pins: host (or `*.example.com`, `**.example.com`) to the SHA-256 hashes of the
   * public keys it may present, each `sha256/` and the base64 hash; give a backup key's too.
   * A connection whose chain has none fails with a `network` error saying the pin failed.
   */
  certificatePins?: Record<string, string[]> | undefined;
  /** Keep a tag's images after its job succeeds (default: deleted). */
  keepTagsAfterSuccess?: boolean | undefined;
};

/** A tag's image files (`idCardFront`/`idCardBack`: the document, for jobs 6 and 11). */
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

/** `captureDocumentFromFiles`' options. */
export type CaptureDocumentOptions = {
  /** The tag of the selfie capture the document belongs to. */
  tag: string;
  /**
   * Path or file:// URI of the document's front: at least 1500 x 945 px, lit and sharp enough
   * to read (else `invalid_image`, field `front`, naming the rule and the measured value).
   */
  front: string;
  /** The back, for documents that have one (`validDocuments()`' `has_back`); same rules. */
  back?: string | undefined;
};

/** What `captureDocumentFromFiles` resolves with: the document's files in the tag. */
export type CapturedDocument = {
  tag: string;
  frontPath: string;
  backPath: string | null;
};

/** The look-ups' option: which Smile ID environment to ask. */
export type LookupOptions = {
  /** Default false: the sandbox. */
  isProduction?: boolean | undefined;
};

/** One ID type of a country in `services()`. */
export type ServiceIdType = {
  label: string;
  /** The id_info fields the product needs for it (e.g. `id_number`, `bank_code`). */
  required_fields: string[];
  /** An ID number the sandbox accepts. */
  test_data: string | null;
  /** What a valid ID number looks like (a JS-compatible regular expression). */
  id_number_regex: string | null;
};

/** A country of a product in `services()`: its name and ID types by Smile ID's code. */
export type ServiceCountry = { name: string; id_types: Record<string, ServiceIdType> };

/** A product's countries by ISO code. */
export type ServiceCountries = Record<string, ServiceCountry>;

/** `services()`: Smile ID's catalogue, what a country / ID type picker offers per product. */
export type Services = {
  bank_codes: { name: string; code: string }[];
  hosted_web: {
    basic_kyc: ServiceCountries;
    biometric_kyc: ServiceCountries;
    enhanced_kyc: ServiceCountries;
    doc_verification: ServiceCountries;
    ekyc_smartselfie: ServiceCountries;
    enhanced_document_verification: ServiceCountries;
  };
};

/** ID type codes by country code. */
export type IdTypesByCountry = Record<string, string[]>;

/** `productsConfig()`: the ID types this partner has enabled, and those that need consent. */
export type ProductsConfig = {
  consentRequired: IdTypesByCountry;
  idSelection: {
    basic_kyc: IdTypesByCountry;
    biometric_kyc: IdTypesByCountry;
    enhanced_kyc: IdTypesByCountry;
    doc_verification: IdTypesByCountry;
  };
};

/** One document type a country issues, in `validDocuments()`. */
export type DocumentType = {
  /** The `idInfo.id_type` of a document job, e.g. `PASSPORT`. */
  code: string;
  name: string;
  /** Whether the document has a back to photograph (`captureDocumentFromFiles`' `back`). */
  has_back: boolean;
  /** Example document numbers. */
  example: string[];
};

/** `validDocuments()`: the documents Document Verification accepts, per country. */
export type ValidDocuments = {
  valid_documents: {
    country: { code: string; name: string; continent: string };
    id_types: DocumentType[];
  }[];
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
