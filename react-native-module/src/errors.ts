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

type NativeErrorInfo = {
  code?: unknown;
  message?: unknown;
  field?: unknown;
  apiCode?: unknown;
  httpStatus?: unknown;
};

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * A native rejection (`code`, `message`, `userInfo` with field/apiCode/httpStatus, as both
 * platforms send it) or an error already decoded (e.g. `resumePendingJobs` entries) → SmileIdError.
 */
export function toSmileIdError(e: unknown): SmileIdError {
  if (e instanceof SmileIdError) return e;
  const err = (e ?? {}) as NativeErrorInfo & { userInfo?: NativeErrorInfo | null };
  const info: NativeErrorInfo = err.userInfo ?? {};
  const code = (str(info.code) ?? str(err.code) ?? 'internal') as SmileIdErrorCode;
  const message = str(info.message) ?? str(err.message) ?? String(e);
  return new SmileIdError(code, message, {
    field: str(info.field ?? err.field),
    apiCode: str(info.apiCode ?? err.apiCode),
    httpStatus: typeof (info.httpStatus ?? err.httpStatus) === 'number' ? ((info.httpStatus ?? err.httpStatus) as number) : undefined,
  });
}
