import { Image } from 'react-native';

/**
 * The bundled photo (assets/faces/grace_hopper.jpg, public domain) as the URI the platform
 * gives it. It is a file (what `captureSelfieFromFiles` reads) when the app runs from its own
 * bundle, e.g. an iOS release build; served by Metro (debug builds) or packed as an Android
 * resource it is not, and the capture is refused with a SmileIdError naming `selfie`.
 */
export function bundledSelfieUri(): string {
  return Image.resolveAssetSource(require('../assets/faces/grace_hopper.jpg'))?.uri ?? '';
}
