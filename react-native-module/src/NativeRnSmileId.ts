/**
 * The codegen spec of the `RnSmileId` TurboModule: what crosses the bridge. Every value is a JSON
 * string defined once in Rust (`bindings/src/react_native/`); the Kotlin and Swift glue pass the
 * strings through unchanged, and `api.ts` turns them into the typed API apps use.
 *
 * Promises resolve with an envelope, `{"ok": value}` or `{"error": {code, message, field?,
 * apiCode?, httpStatus?}}`; they reject only when the glue itself failed (code `internal`).
 */
import type { CodegenTypes, TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';

export interface Spec extends TurboModule {
  /** `Configuration` as JSON, `signatureProvider` replaced by a boolean. ok: null. */
  configure(config: string): Promise<string>;
  /**
   * The JS call's arguments array as JSON (object or positional form). ok: the result for the
   * job type (`enhanced: true`: an Enhanced SmartSelfie's).
   */
  submitJob(args: string): Promise<string>;
  cancelJob(jobId: string): Promise<boolean>;
  /** Same arguments as submitJob. ok: the job id. */
  enqueueJob(args: string): Promise<string>;
  /** ok: PendingJob[]. */
  pendingJobs(): Promise<string>;
  /** ok: ResumedJob[] (each with a result or an error document). */
  resumePendingJobs(): Promise<string>;
  /** Stops a running resumePendingJobs; false when none runs. */
  cancelResume(): Promise<boolean>;
  /** `{jobId, userId, jobType, isProduction?}`; cancelJob(jobId) stops it. ok: JobStatusResult. */
  jobStatus(job: string): Promise<string>;
  /** Presents the native camera screen. ok: CapturedSelfie. */
  captureSelfie(options: string): Promise<string>;
  /** `{selfie, liveness?, tag?}`. ok: CapturedSelfie. */
  captureSelfieFromFiles(options: string): Promise<string>;
  /** `{tag, front, back?}`. ok: CapturedDocument. */
  captureDocumentFromFiles(options: string): Promise<string>;
  /** `{isProduction?}`. ok: Services. */
  services(options: string): Promise<string>;
  /** `{isProduction?}`. ok: ProductsConfig. */
  productsConfig(options: string): Promise<string>;
  /** `{isProduction?}`. ok: ValidDocuments. */
  validDocuments(options: string): Promise<string>;
  /** ok: string[]. */
  getCurrentTags(): Promise<string>;
  /** ok: TagImages. */
  getImagesForTag(tag: string): Promise<string>;
  /** ok: null. */
  deleteTag(tag: string): Promise<string>;
  /** Answers an `onSignatureRequest`. */
  resolveSignature(requestId: string, signature: string, timestamp: string): void;
  /** Fails an `onSignatureRequest`; the job fails with `network`. */
  rejectSignature(requestId: string, message: string): void;

  /** Body: a `ProgressEvent` as JSON. */
  readonly onProgress: CodegenTypes.EventEmitter<string>;
  /** Body: `{"requestId", "partnerId"}` as JSON. */
  readonly onSignatureRequest: CodegenTypes.EventEmitter<string>;
}

// `get`, not `getEnforcing`: a missing native build is a `not_linked` SmileIdError on first use.
export default TurboModuleRegistry.get<Spec>('RnSmileId');
