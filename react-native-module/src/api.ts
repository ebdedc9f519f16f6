/**
 * The module's API over a native `RnSmileId` implementation: the real TurboModule (index.tsx)
 * or the in-memory one the package ships for Jest (jest/index.js).
 */
import type { Spec } from './NativeRnSmileId';
import * as convert from './convert';
import type { NativeJobResult, SubmitJobPositional } from './convert';
import { SmileIdError, toSmileIdError } from './errors';
import type {
  CaptureFromFilesOptions,
  CaptureSelfieOptions,
  CapturedSelfie,
  Configuration,
  JobRef,
  JobResult,
  JobStatusResult,
  PendingJob,
  ProgressEvent,
  ResumedJob,
  SubmitJobOptions,
  Subscription,
  TagImages,
} from './types';

export type RnSmileIdApi = {
  /** Sets the partner, auth and URLs; without it, the bundled smile_config.json is used. */
  configure(config: Configuration): Promise<void>;
  /** Runs a job on a captured tag: `submitJob({ tag, jobType, … })` or rn-smile-id's positional form. */
  submitJob(options: SubmitJobOptions): Promise<JobResult>;
  submitJob(...args: SubmitJobPositional): Promise<JobResult>;
  /** Stops a running job (its id from `partnerParams` or a progress event); false if none runs. */
  cancelJob(jobId: string): Promise<boolean>;
  /** Records a job to send later (offline); resolves with its job id. */
  enqueueJob(options: SubmitJobOptions): Promise<string>;
  pendingJobs(): Promise<PendingJob[]>;
  /** Sends every pending job, one after another; each entry has a result or an error. */
  resumePendingJobs(): Promise<ResumedJob[]>;
  /** Stops a running `resumePendingJobs` (it rejects with `cancelled`; the job in progress stays pending). */
  cancelResume(): Promise<boolean>;
  /** Asks once for a submitted job's status (e.g. after an incomplete result); `cancelJob(jobId)` stops it. */
  jobStatus(job: JobRef): Promise<JobStatusResult>;
  /** Opens the native front-camera screen, guides the user and resolves with the new tag. */
  captureSelfie(options?: CaptureSelfieOptions): Promise<CapturedSelfie>;
  /** Makes a tag from photos the app took itself. */
  captureSelfieFromFiles(options: CaptureFromFilesOptions): Promise<CapturedSelfie>;
  getCurrentTags(): Promise<string[]>;
  getImagesForTag(tag: string): Promise<TagImages>;
  deleteTag(tag: string): Promise<void>;
  /** Follows every job's steps: authenticating, preparing, uploading %, polling, done. */
  addProgressListener(listener: (event: ProgressEvent) => void): Subscription;
};

export function createApi(native: () => Spec | null | undefined): RnSmileIdApi {
  const module = (): Spec => {
    const m = native();
    if (!m) {
      throw new SmileIdError(
        'not_linked',
        "the native module RnSmileId is not in this app build: rebuild the app after installing (Expo: a development build, not Expo Go); in Jest: jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'))",
      );
    }
    return m;
  };
  /** Calls native, turning every failure (sync or async) into a SmileIdError. */
  const call = async <T>(f: (m: Spec) => Promise<T>): Promise<T> => {
    try {
      return await f(module());
    } catch (e) {
      throw toSmileIdError(e);
    }
  };

  let signatureSubscription: { remove(): void } | undefined;
  const answerSignatures = (provider: NonNullable<Configuration['signatureProvider']>) => {
    signatureSubscription?.remove();
    signatureSubscription = module().onSignatureRequest(({ requestId, partnerId }) => {
      const m = module();
      Promise.resolve()
        .then(() => provider(partnerId))
        .then(
          (s) => m.resolveSignature(requestId, s.signature, s.timestamp),
          (e: unknown) => m.rejectSignature(requestId, e instanceof Error ? e.message : String(e)),
        );
    });
  };

  return {
    configure(config) {
      const { signatureProvider, ...rest } = config;
      return call(async (m) => {
        if (signatureProvider) answerSignatures(signatureProvider);
        await m.configure({ ...rest, signatureProvider: signatureProvider !== undefined });
      });
    },
    submitJob(...args: [SubmitJobOptions] | SubmitJobPositional) {
      return call(async (m) => {
        const params = convert.nativeSubmitParams(convert.submitJobOptions(args));
        return convert.jobResult((await m.submitJob(params)) as NativeJobResult);
      });
    },
    cancelJob: (jobId) => call((m) => m.cancelJob(jobId)),
    enqueueJob: (options) =>
      call((m) => m.enqueueJob(convert.nativeSubmitParams(convert.submitJobOptions([options])))),
    pendingJobs: () => call(async (m) => convert.pendingJobs(await m.pendingJobs())),
    resumePendingJobs: () =>
      call(async (m) => convert.resumedJobs((await m.resumePendingJobs()) as Parameters<typeof convert.resumedJobs>[0])),
    cancelResume: () => call((m) => m.cancelResume()),
    jobStatus: (job) =>
      call(async (m) => convert.jobStatus((await m.jobStatus(convert.nativeJobRef(job))) as convert.NativeJobStatus)),
    captureSelfie: (options = {}) =>
      call(async (m) => (await m.captureSelfie({ ...options })) as CapturedSelfie),
    captureSelfieFromFiles: (options) =>
      call(async (m) => (await m.captureSelfieFromFiles({ ...options })) as CapturedSelfie),
    getCurrentTags: () => call(async (m) => (await m.getCurrentTags()) as string[]),
    getImagesForTag: (tag) => call(async (m) => convert.tagImages((await m.getImagesForTag(tag)) as Partial<TagImages>)),
    deleteTag: (tag) => call((m) => m.deleteTag(tag)),
    addProgressListener(listener) {
      return module().onProgress((event) => listener(event as ProgressEvent));
    },
  };
}
