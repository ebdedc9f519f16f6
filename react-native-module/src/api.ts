/**
 * The module's API over a native `RnSmileId` implementation: the real TurboModule
 * (NativeRnSmileId.ts) or the in-memory one the package ships for Jest (jest/index.js).
 * Arguments go out as JSON and answers come back as JSON envelopes whose shapes the Rust
 * bindings define (and validate); this file only parses them into the public types.
 */
import type { Spec } from './NativeRnSmileId';
import { SmileIdError, fromDocument, toSmileIdError } from './errors';
import type { ErrorDocument } from './errors';
import type {
  CaptureDocumentOptions,
  CaptureFromFilesOptions,
  CaptureSelfieOptions,
  CapturedDocument,
  CapturedSelfie,
  Configuration,
  EnhancedSmartSelfieOptions,
  EnhancedSmartSelfieResult,
  JobRef,
  JobResult,
  JobType,
  JobStatusResult,
  LookupOptions,
  PendingJob,
  ProductsConfig,
  ProgressEvent,
  ResultFor,
  ResumedJob,
  Services,
  StandardJobOptions,
  SubmitJobOptions,
  SubmitJobPositional,
  SubmitJobResult,
  Subscription,
  TagImages,
  TagJobOptions,
  ValidDocuments,
} from './types';

export type RnSmileIdApi = {
  /** Sets the partner, auth and URLs; without it, the bundled smile_config.json is used. */
  configure(config: Configuration): Promise<void>;
  /**
   * Enhanced SmartSelfie: `submitJob({ tag, jobType: 4 | 2, enhanced: true, … })` enrols or
   * authenticates over the synchronous endpoints and resolves with their decision.
   */
  submitJob(options: EnhancedSmartSelfieOptions): Promise<EnhancedSmartSelfieResult>;
  /**
   * Runs a job: on a captured tag, `submitJob({ tag, jobType, … })` or rn-smile-id's positional
   * form `submitJob(tag, jobType, isProduction, partnerParams, …)`; Enhanced KYC,
   * `submitJob({ jobType: 5, idInfo })`; Document Verification, `submitJob({ tag, jobType: 6 |
   * 11, idInfo: { country, id_type } })` on a tag with a document. The result's type follows
   * `jobType` (`ResultFor`).
   */
  submitJob<T extends JobType>(options: StandardJobOptions & { jobType: T }): Promise<ResultFor<T>>;
  /** Options whose kind is not known where the call is written: any result. */
  submitJob(options: SubmitJobOptions): Promise<SubmitJobResult>;
  submitJob(...args: SubmitJobPositional): Promise<JobResult>;
  /** Stops a running job (its id from `partnerParams` or a progress event); false if none runs. */
  cancelJob(jobId: string): Promise<boolean>;
  /** Records a tag job to send later (offline); resolves with its job id. */
  enqueueJob(options: TagJobOptions): Promise<string>;
  pendingJobs(): Promise<PendingJob[]>;
  /** Sends every pending job, one after another; each entry has a result or an error. */
  resumePendingJobs(): Promise<ResumedJob[]>;
  /**
   * Stops a running `resumePendingJobs` (it rejects with `cancelled`; the job in progress stays
   * pending).
   */
  cancelResume(): Promise<boolean>;
  /**
   * Asks once for a submitted job's status (e.g. after an incomplete result);
   * `cancelJob(jobId)` stops it.
   */
  jobStatus(job: JobRef): Promise<JobStatusResult>;
  /** Opens the native front-camera screen, guides the user and resolves with the new tag. */
  captureSelfie(options?: CaptureSelfieOptions): Promise<CapturedSelfie>;
  /** Makes a tag from photos the app took itself. */
  captureSelfieFromFiles(options: CaptureFromFilesOptions): Promise<CapturedSelfie>;
  /**
   * Adds a document's front and optional back (the app's own photos) to a selfie tag, for
   * Document Verification (6, 11). Refuses with `invalid_image` (field `front` or `back`) a
   * photo Smile ID could not read: too small, too dark or too blurred, naming the measure.
   */
  captureDocumentFromFiles(options: CaptureDocumentOptions): Promise<CapturedDocument>;
  /**
   * Smile ID's catalogue: per product, the countries and their ID types with label, required
   * fields and test number (a form's pickers). Fetched once per configuration.
   */
  services(options?: LookupOptions): Promise<Services>;
  /** The ID types this partner has enabled per product. Fetched once per configuration. */
  productsConfig(options?: LookupOptions): Promise<ProductsConfig>;
  /**
   * The documents Document Verification accepts per country, and whether each has a back.
   * Fetched once per configuration.
   */
  validDocuments(options?: LookupOptions): Promise<ValidDocuments>;
  getCurrentTags(): Promise<string[]>;
  getImagesForTag(tag: string): Promise<TagImages>;
  deleteTag(tag: string): Promise<void>;
  /** Follows every job's steps: authenticating, preparing, uploading %, polling, done. */
  addProgressListener(listener: (event: ProgressEvent) => void): Subscription;
};

/** What every native call but the cancels resolves with. */
export type Envelope<T> = { ok: T } | { error: ErrorDocument };

/** A `resumePendingJobs` entry as native sends it: the error still a document. */
export type ResumedJobDocument = { jobId: string; result?: JobResult; error?: ErrorDocument };

/** The body of an `onSignatureRequest` event. */
type SignatureRequest = { requestId: string; partnerId: string };

const NOT_LINKED =
  'the native module RnSmileId is not in this app build: rebuild the app after installing ' +
  '(Expo: a development build, not Expo Go); in Jest: ' +
  "jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'))";

export function createApi(native: () => Spec | null | undefined): RnSmileIdApi {
  const module = (): Spec => {
    const m = native();
    if (!m) throw new SmileIdError('not_linked', NOT_LINKED);
    return m;
  };
  /** Calls native and unwraps its envelope; every failure (sync or async) is a SmileIdError. */
  const call = async <T>(f: (m: Spec) => Promise<string>): Promise<T> => {
    let envelope: Envelope<T>;
    try {
      envelope = JSON.parse(await f(module())) as Envelope<T>;
    } catch (e) {
      throw toSmileIdError(e);
    }
    if ('error' in envelope) throw fromDocument(envelope.error);
    return envelope.ok;
  };
  /** The two cancels answer a plain boolean. */
  const cancel = async (f: (m: Spec) => Promise<boolean>): Promise<boolean> => {
    try {
      return await f(module());
    } catch (e) {
      throw toSmileIdError(e);
    }
  };

  let signatureSubscription: Subscription | undefined;
  const answerSignatures = (provider: NonNullable<Configuration['signatureProvider']>) => {
    signatureSubscription?.remove();
    signatureSubscription = module().onSignatureRequest(body => {
      const m = module();
      const { requestId, partnerId } = JSON.parse(body) as SignatureRequest;
      Promise.resolve()
        .then(() => provider(partnerId))
        .then(
          s => m.resolveSignature(requestId, s.signature, s.timestamp),
          (e: unknown) => m.rejectSignature(requestId, e instanceof Error ? e.message : String(e)),
        );
    });
  };

  return {
    async configure(config) {
      const { signatureProvider, ...rest } = config;
      await call<null>(m => {
        if (signatureProvider) answerSignatures(signatureProvider);
        return m.configure(
          JSON.stringify({ ...rest, signatureProvider: signatureProvider !== undefined }),
        );
      });
    },
    // The whole arguments array: native tells the object form from the positional one.
    submitJob: ((...args: [SubmitJobOptions] | SubmitJobPositional) =>
      call<SubmitJobResult>(m => m.submitJob(JSON.stringify(args)))) as RnSmileIdApi['submitJob'],
    cancelJob: jobId => cancel(m => m.cancelJob(jobId)),
    enqueueJob: (...args: [TagJobOptions]) => call<string>(m => m.enqueueJob(JSON.stringify(args))),
    pendingJobs: () => call<PendingJob[]>(m => m.pendingJobs()),
    async resumePendingJobs() {
      const jobs = await call<ResumedJobDocument[]>(m => m.resumePendingJobs());
      return jobs.map(({ error, ...j }) => (error ? { ...j, error: fromDocument(error) } : j));
    },
    cancelResume: () => cancel(m => m.cancelResume()),
    jobStatus: job => call<JobStatusResult>(m => m.jobStatus(JSON.stringify(job))),
    captureSelfie: (options = {}) =>
      call<CapturedSelfie>(m => m.captureSelfie(JSON.stringify(options))),
    captureSelfieFromFiles: options =>
      call<CapturedSelfie>(m => m.captureSelfieFromFiles(JSON.stringify(options))),
    captureDocumentFromFiles: options =>
      call<CapturedDocument>(m => m.captureDocumentFromFiles(JSON.stringify(options))),
    services: (options = {}) => call<Services>(m => m.services(JSON.stringify(options))),
    productsConfig: (options = {}) =>
      call<ProductsConfig>(m => m.productsConfig(JSON.stringify(options))),
    validDocuments: (options = {}) =>
      call<ValidDocuments>(m => m.validDocuments(JSON.stringify(options))),
    getCurrentTags: () => call<string[]>(m => m.getCurrentTags()),
    getImagesForTag: tag => call<TagImages>(m => m.getImagesForTag(tag)),
    deleteTag: async tag => {
      await call<null>(m => m.deleteTag(tag));
    },
    addProgressListener(listener) {
      return module().onProgress(body => listener(JSON.parse(body) as ProgressEvent));
    },
  };
}
