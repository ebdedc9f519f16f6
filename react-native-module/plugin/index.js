/**
 * Expo config plugin: what the module needs in the native projects Expo generates.
 * - Android: the CAMERA permission (the capture screen) with the camera features it implies
 *   declared not required, and `android.minSdkVersion` raised to React Native's minimum when
 *   lower.
 * - iOS: `NSCameraUsageDescription`, the sentence iOS shows when asking for the camera.
 *
 *   "plugins": [["react-native-smileid-rs", { "cameraPermission": "Take a selfie to verify you" }]]
 */
const {
  AndroidConfig,
  createRunOncePlugin,
  withAndroidManifest,
  withGradleProperties,
  withInfoPlist,
} = require('@expo/config-plugins');

const pkg = require('../package.json');

const CAMERA = 'android.permission.CAMERA';
/**
 * The CAMERA permission makes stores assume a required back camera; declared not required (as the
 * library's own manifest does), devices without one still install the app and captureSelfie
 * rejects there. Written into the app's manifest too, so it shows before Gradle merges manifests.
 */
const CAMERA_FEATURES = ['android.hardware.camera', 'android.hardware.camera.front'];
/** React Native 0.87's minimum; the Rust library loads from API 23. */
const MIN_SDK = 24;
const DEFAULT_USAGE =
  'Allow $(PRODUCT_NAME) to use the camera to take a selfie that verifies your identity.';

/** Adds the camera permission and the camera features (not required) once each. */
function addCameraPermission(manifest) {
  AndroidConfig.Permissions.ensurePermissions(manifest, [CAMERA]);
  const features = (manifest.manifest['uses-feature'] ??= []);
  for (const name of CAMERA_FEATURES) {
    // A feature the app declares itself (even required) is the app's choice.
    if (!features.some(f => f.$?.['android:name'] === name)) {
      features.push({ $: { 'android:name': name, 'android:required': 'false' } });
    }
  }
  return manifest;
}

/** Sets the usage string, keeping one the app already set unless `text` is given. */
function setCameraUsage(infoPlist, text) {
  if (text || !infoPlist.NSCameraUsageDescription) {
    infoPlist.NSCameraUsageDescription = text || DEFAULT_USAGE;
  }
  return infoPlist;
}

/** Raises `android.minSdkVersion` to MIN_SDK; a higher value stays. */
function raiseMinSdk(properties) {
  const entry = properties.find(p => p.type === 'property' && p.key === 'android.minSdkVersion');
  if (!entry) {
    properties.push({ type: 'property', key: 'android.minSdkVersion', value: String(MIN_SDK) });
  } else if (!(Number(entry.value) >= MIN_SDK)) {
    entry.value = String(MIN_SDK);
  }
  return properties;
}

const withSmileId = (config, props = {}) => {
  config = withAndroidManifest(config, c => {
    c.modResults = addCameraPermission(c.modResults);
    return c;
  });
  config = withGradleProperties(config, c => {
    c.modResults = raiseMinSdk(c.modResults);
    return c;
  });
  config = withInfoPlist(config, c => {
    c.modResults = setCameraUsage(c.modResults, props.cameraPermission);
    return c;
  });
  return config;
};

module.exports = createRunOncePlugin(withSmileId, pkg.name, pkg.version);
module.exports.addCameraPermission = addCameraPermission;
module.exports.setCameraUsage = setCameraUsage;
module.exports.raiseMinSdk = raiseMinSdk;
module.exports.MIN_SDK = MIN_SDK;
