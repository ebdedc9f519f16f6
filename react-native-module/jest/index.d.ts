/**
 * Types of the Jest mock (`react-native-smileid-rs/jest`): the package's API over an in-memory
 * native module, and `mock`, which steers it. Register it in one line:
 *
 *   jest.mock('react-native-smileid-rs', () => require('react-native-smileid-rs/jest'));
 */
import type {
  IncompleteReason,
  RnSmileIdApi,
  SmileIdErrorCode,
} from '../lib/typescript/module/src/index.js';
import type { Spec } from '../lib/typescript/module/src/NativeRnSmileId.js';

export { SmileIdError } from '../lib/typescript/module/src/index.js';

/** The package's API (`import RnSmileId from 'react-native-smileid-rs'`) over the mock. */
declare const RnSmileId: RnSmileIdApi;
export default RnSmileId;

export type MockControl = {
  /**
   * The next job, jobStatus, capture or look-up rejects with this code (and message, field):
   * e.g. `invalid_image` with field `front` for a document photo too small, dark or blurred
   * (the mock reads no pixels).
   */
  failNext(code: SmileIdErrorCode, message?: string, field?: string): void;
  /**
   * The next standard job (not Enhanced KYC nor Enhanced SmartSelfie, which the mock always
   * answers at once) comes back incomplete for `reason` (default `timedOut`); jobStatus then
   * completes it.
   */
  incompleteNext(reason?: IncompleteReason): void;
  /** Forgets tags, jobs, queued jobs, planned outcomes and the configuration. */
  reset(): void;
  /** What the last configure() passed to native, parsed (null before any). */
  readonly configuration: Record<string, unknown> | null;
};

export declare const mock: MockControl;
/** The in-memory native module itself (the spec's JSON strings), for boundary tests. */
export declare const nativeModule: Spec;
