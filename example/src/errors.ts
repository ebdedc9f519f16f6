import { SmileIdError } from 'react-native-smileid-rs';

/** Every rejection of the package is a SmileIdError; anything else is shown as `internal`. */
export function asSmileIdError(e: unknown): SmileIdError {
  return e instanceof SmileIdError ? e : new SmileIdError('internal', String(e));
}
