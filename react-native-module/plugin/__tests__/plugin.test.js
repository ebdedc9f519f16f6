// The config plugin on in-memory configs, run through the mods Expo would run (node --test).
const test = require('node:test');
const assert = require('node:assert');
const withSmileId = require('../../app.plugin.js');

/**
 * Runs the mod the plugin registered for platform/name over `modResults`, as Expo's compiler does.
 */
async function runMod(config, platform, name, modResults) {
  const mod = config.mods?.[platform]?.[name];
  assert.ok(mod, `the plugin registers ${platform}.${name}`);
  const out = await mod({
    ...config,
    modResults,
    modRequest: {
      platform,
      modName: name,
      projectRoot: '/app',
      platformProjectRoot: `/app/${platform}`,
      introspect: true,
    },
  });
  return out.modResults;
}

const manifest = () => ({
  manifest: {
    $: { 'xmlns:android': 'http://schemas.android.com/apk/res/android' },
    'uses-permission': [{ $: { 'android:name': 'android.permission.INTERNET' } }],
  },
});

test('Android: adds the camera permission once, next to the app own', async () => {
  const config = withSmileId({ name: 'app', slug: 'app' });
  const m = await runMod(config, 'android', 'manifest', manifest());
  const names = m.manifest['uses-permission'].map(p => p.$['android:name']);
  assert.deepStrictEqual(names.sort(), [
    'android.permission.CAMERA',
    'android.permission.INTERNET',
  ]);
  const again = await runMod(config, 'android', 'manifest', m);
  assert.strictEqual(again.manifest['uses-permission'].length, 2);
});

test('Android: declares the camera features not required, keeping the app own', async () => {
  const config = withSmileId({ name: 'app', slug: 'app' });
  const features = m => m.manifest['uses-feature'].map(f => f.$);
  const m = await runMod(config, 'android', 'manifest', manifest());
  assert.deepStrictEqual(features(m), [
    { 'android:name': 'android.hardware.camera', 'android:required': 'false' },
    { 'android:name': 'android.hardware.camera.front', 'android:required': 'false' },
  ]);
  assert.strictEqual(features(await runMod(config, 'android', 'manifest', m)).length, 2);
  const own = manifest();
  own.manifest['uses-feature'] = [{ $: { 'android:name': 'android.hardware.camera.front' } }];
  assert.deepStrictEqual(features(await runMod(config, 'android', 'manifest', own)), [
    { 'android:name': 'android.hardware.camera.front' },
    { 'android:name': 'android.hardware.camera', 'android:required': 'false' },
  ]);
});

test('Android: raises minSdkVersion to React Native minimum and keeps a higher one', async () => {
  const config = withSmileId({ name: 'app', slug: 'app' });
  const prop = v => [
    { type: 'comment', value: 'x' },
    ...(v === undefined ? [] : [{ type: 'property', key: 'android.minSdkVersion', value: v }]),
  ];
  const get = ps => ps.find(p => p.key === 'android.minSdkVersion').value;
  assert.strictEqual(
    get(await runMod(config, 'android', 'gradleProperties', prop(undefined))),
    String(withSmileId.MIN_SDK),
  );
  assert.strictEqual(
    get(await runMod(config, 'android', 'gradleProperties', prop('21'))),
    String(withSmileId.MIN_SDK),
  );
  assert.strictEqual(get(await runMod(config, 'android', 'gradleProperties', prop('28'))), '28');
});

test('iOS: sets the camera usage string (given or a default), keeping the app own', async () => {
  const custom = withSmileId(
    { name: 'app', slug: 'app' },
    { cameraPermission: 'Take a selfie to verify you' },
  );
  assert.strictEqual(
    (await runMod(custom, 'ios', 'infoPlist', {})).NSCameraUsageDescription,
    'Take a selfie to verify you',
  );
  const plain = withSmileId({ name: 'app', slug: 'app' });
  assert.match((await runMod(plain, 'ios', 'infoPlist', {})).NSCameraUsageDescription, /camera/);
  const own = await runMod(plain, 'ios', 'infoPlist', { NSCameraUsageDescription: 'Mine' });
  assert.strictEqual(own.NSCameraUsageDescription, 'Mine');
});

test('runs once even when listed twice', () => {
  const config = withSmileId(withSmileId({ name: 'app', slug: 'app' }));
  assert.deepStrictEqual(
    config._internal.pluginHistory['react-native-smileid-rs'].name,
    'react-native-smileid-rs',
  );
});

test('Android: the merged library manifest declares the capture screen and the camera', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const xml = fs.readFileSync(
    path.join(__dirname, '../../android/src/main/AndroidManifest.xml'),
    'utf8',
  );
  const activity = xml.match(
    /<activity[^>]*android:name="com\.smileid\.reactnative\.SelfieCaptureActivity"[^>]*\/>/,
  );
  assert.ok(activity, 'SelfieCaptureActivity is declared');
  assert.match(activity[0], /android:exported="false"/);
  assert.match(activity[0], /android:screenOrientation="portrait"/);
  assert.match(xml, /<uses-permission android:name="android\.permission\.CAMERA" \/>/);
  for (const feature of ['camera', 'camera\\.front']) {
    // Implied as required by the CAMERA permission otherwise: devices without one could not
    // install the app.
    const name = `android\\.hardware\\.${feature}`;
    assert.match(
      xml,
      new RegExp(`<uses-feature android:name="${name}" android:required="false" />`),
    );
  }
  // Not recreated (which would end the capture as cancelled) on any configuration change.
  const changes = activity[0].match(/android:configChanges="([^"]*)"/)[1].split('|');
  for (const change of [
    'orientation',
    'screenSize',
    'uiMode',
    'density',
    'locale',
    'layoutDirection',
    'fontScale',
    'keyboard',
    'keyboardHidden',
    'navigation',
  ]) {
    assert.ok(changes.includes(change), `configChanges has ${change}`);
  }
  const kotlin = path.join(
    __dirname,
    '../../android/src/main/java/com/smileid/reactnative/SelfieCaptureActivity.kt',
  );
  assert.match(fs.readFileSync(kotlin, 'utf8'), /class SelfieCaptureActivity : Activity\(\)/);
});
