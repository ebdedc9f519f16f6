import { Image, type ImageRequireSource } from 'react-native';

/**
 * A photo bundled with the app as the URI the platform gives it. It is a file (what the
 * package's `…FromFiles` captures read) when the app runs from its own bundle, e.g. an iOS
 * release build; served by Metro (debug builds) or packed as an Android resource it is not, and
 * the capture is refused with a SmileIdError naming the photo's field.
 */
function bundledUri(source: ImageRequireSource): string {
  return Image.resolveAssetSource(source)?.uri ?? '';
}

/** The face photo (assets/faces/grace_hopper.jpg, public domain), for `captureSelfieFromFiles`. */
export function bundledSelfieUri(): string {
  return bundledUri(require('../assets/faces/grace_hopper.jpg'));
}

/**
 * The specimen ID card's front and back (assets/documents, a made-up card), for
 * `captureDocumentFromFiles`.
 */
export function bundledDocumentUris(): { front: string; back: string } {
  return {
    front: bundledUri(require('../assets/documents/specimen_front.jpg')),
    back: bundledUri(require('../assets/documents/specimen_back.jpg')),
  };
}
