/** Every rejection of the module, the same on Android and iOS. */

/**
 * Stable codes, the Rust core's: a new code may be added, an existing one never changes meaning.
 * `internal` is a bug; `not_linked` means the native module is missing from the app build. The
 * camera screen (`captureSelfie`) adds its own four: the user refused the camera, closed the
 * screen, the device has no usable front camera, or no capture succeeded in time.
 */
export type SmileIdErrorCode =
  | 'invalid_input'
  | 'unsupported_job_type'
  | 'api_error'
  | 'network'
  | 'timeout'
  | 'signature_mismatch'
  | 'invalid_response'
  | 'insecure_transport'
  | 'storage'
  | 'tag_not_found'
  | 'invalid_image'
  | 'cancelled'
  | 'internal'
  | 'not_linked'
  | 'camera_permission_denied'
  | 'capture_cancelled'
  | 'camera_unavailable'
  | 'capture_timeout';

export class SmileIdError extends Error {
  readonly code: SmileIdErrorCode;
  /** The parameter that is wrong, dotted as the core names it (e.g. `id_info.id_number`). */
  readonly field?: string;
  /** Smile ID's own code for `api_error` (e.g. `2215`), and the HTTP status. */
  readonly apiCode?: string;
  readonly httpStatus?: number;

  constructor(
    code: SmileIdErrorCode,
    message: string,
    details: { field?: string; apiCode?: string; httpStatus?: number } = {},
  ) {
    super(message);
    this.name = 'SmileIdError';
    this.code = code;
    this.field = details.field;
    this.apiCode = details.apiCode;
    this.httpStatus = details.httpStatus;
    Object.setPrototypeOf(this, SmileIdError.prototype);
  }
}

/** An error document, as the native module answers it in `{"error": …}`. */
export type ErrorDocument = {
  code: SmileIdErrorCode;
  message: string;
  field?: string;
  apiCode?: string;
  httpStatus?: number;
};

/** An error document (a failed call, or a `resumePendingJobs` entry) → SmileIdError. */
export function fromDocument(doc: ErrorDocument): SmileIdError {
  const { code, message, field, apiCode, httpStatus } = doc;
  return new SmileIdError(code, message, { field, apiCode, httpStatus });
}

/**
 * Anything else thrown on the way (the glue's rejection, which has only a `code` and a
 * `message`; a JS bug) → SmileIdError, `internal` unless it names a code.
 */
export function toSmileIdError(e: unknown): SmileIdError {
  if (e instanceof SmileIdError) return e;
  const err = (e ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' && err.code ? err.code : 'internal';
  const message = typeof err.message === 'string' && err.message ? err.message : String(e);
  return new SmileIdError(code as SmileIdErrorCode, message);
}
