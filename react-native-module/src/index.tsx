/**
 * react-native-smileid-rs: Smile ID jobs on React Native's New Architecture, driven by the
 * smileid-rs Rust core through its Kotlin and Swift bindings.
 *
 *   import RnSmileId from 'react-native-smileid-rs';
 *   const result = await RnSmileId.submitJob({ tag, jobType: 4, partnerParams: { user_id } });
 *
 * `captureSelfie()` opens the native camera screen; `captureSelfieFromFiles` takes the app's own
 * photos; both resolve with `{ tag, selfiePath, livenessPaths }`. `captureDocumentFromFiles`
 * adds a document to a tag for Document Verification (jobType 6, 11); `enhanced: true` runs an
 * Enhanced SmartSelfie (2, 4); jobType 5 is Enhanced KYC; `services()`, `productsConfig()` and
 * `validDocuments()` fill an ID form's pickers.
 */
import NativeRnSmileId from './NativeRnSmileId';
import { createApi } from './api';

export type { RnSmileIdApi } from './api';
export { SmileIdError } from './errors';
export type { SmileIdErrorCode } from './errors';
export type * from './types';

const RnSmileId = createApi(() => NativeRnSmileId);
export default RnSmileId;
