// The package's Expo config plugin, named as app.json names it, applied by @expo/config-plugins
// to the consumer app's own android/ and ios/ projects in memory (introspection: the results are
// read, not written back; Expo's own iOS base mods still add an empty entitlements file):
// `node expo-plugin.js APP`.
const assert = require('node:assert');
const path = require('node:path');

const app = path.resolve(process.argv[2]);
const { compileModsAsync, withStaticPlugin } =
  require(require.resolve('@expo/config-plugins', { paths: [app] }));
const { name } = require(path.join(app, 'app.json'));

async function main() {
  let config = { name, slug: name, android: { package: 'com.smileconsumer' } };
  config = withStaticPlugin(config, {
    plugin: ['react-native-smileid-rs', { cameraPermission: 'Take a selfie to verify you' }],
    _isLegacyPlugin: false,
    projectRoot: app,
  });
  config = await compileModsAsync(config, {
    projectRoot: app, platforms: ['android', 'ios'], introspect: true,
  });
  const results = config._internal.modResults;
  const permissions = results.android.manifest.manifest['uses-permission']
    .map((p) => p.$['android:name']);
  assert.ok(permissions.includes('android.permission.CAMERA'), `CAMERA in ${permissions}`);
  const minSdk = results.android.gradleProperties
    .find((p) => p.type === 'property' && p.key === 'android.minSdkVersion');
  assert.ok(Number(minSdk?.value) >= 24, `minSdkVersion ${minSdk?.value}`);
  assert.strictEqual(results.ios.infoPlist.NSCameraUsageDescription, 'Take a selfie to verify you');
  console.log('Expo plugin: CAMERA permission, minSdkVersion', minSdk.value,
    ', NSCameraUsageDescription set');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
