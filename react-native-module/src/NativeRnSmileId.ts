/**
 * The codegen spec of the `RnSmileId` TurboModule: what crosses the bridge. Apps use the typed
 * API in `index.tsx`; structured values travel as plain objects (`UnsafeObject`) whose shape
 * `index.tsx` defines, so one conversion per platform (Kotlin `Conversions.kt`, Swift
 * `RnSmileIdConversions.swift`) maps them onto the Rust bindings' records.
 */
import type { CodegenTypes, TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';

/** One step of a running job (see `ProgressEvent` in index.tsx). */
export type ProgressPayload = {
  jobId: string;
  /** authenticating | preparing | uploading | polling | done */
  type: string;
  sentBytes?: CodegenTypes.Double;
  totalBytes?: CodegenTypes.Double;
  percent?: CodegenTypes.Int32;
  attempt?: CodegenTypes.Int32;
  jobComplete?: boolean;
  jobSuccess?: boolean;
};

/** The native side needs a `{signature, timestamp}` from the app's backend. */
export type SignatureRequestPayload = {
  requestId: string;
  partnerId: string;
};

export interface Spec extends TurboModule {
  configure(config: CodegenTypes.UnsafeObject): Promise<void>;
  submitJob(params: CodegenTypes.UnsafeObject): Promise<CodegenTypes.UnsafeObject>;
  cancelJob(jobId: string): Promise<boolean>;
  enqueueJob(params: CodegenTypes.UnsafeObject): Promise<string>;
  pendingJobs(): Promise<CodegenTypes.UnsafeObject>;
  resumePendingJobs(): Promise<CodegenTypes.UnsafeObject>;
  /** Stops a running resumePendingJobs; false when none runs. */
  cancelResume(): Promise<boolean>;
  /** One job_status of a job; cancelled by cancelJob(jobId). */
  jobStatus(job: CodegenTypes.UnsafeObject): Promise<CodegenTypes.UnsafeObject>;
  /** Presents the native camera screen; resolves with the captured tag. */
  captureSelfie(options: CodegenTypes.UnsafeObject): Promise<CodegenTypes.UnsafeObject>;
  captureSelfieFromFiles(options: CodegenTypes.UnsafeObject): Promise<CodegenTypes.UnsafeObject>;
  getCurrentTags(): Promise<CodegenTypes.UnsafeObject>;
  getImagesForTag(tag: string): Promise<CodegenTypes.UnsafeObject>;
  deleteTag(tag: string): Promise<void>;
  /** Answers an `onSignatureRequest`. */
  resolveSignature(requestId: string, signature: string, timestamp: string): void;
  /** Fails an `onSignatureRequest`; the job fails with `network`. */
  rejectSignature(requestId: string, message: string): void;

  readonly onProgress: CodegenTypes.EventEmitter<ProgressPayload>;
  readonly onSignatureRequest: CodegenTypes.EventEmitter<SignatureRequestPayload>;
}

// `get`, not `getEnforcing`: a missing native build becomes a `not_linked` SmileIdError on first use.
export default TurboModuleRegistry.get<Spec>('RnSmileId');
