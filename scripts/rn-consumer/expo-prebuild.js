// The package README's Expo section, followed in an Expo app (scripts/rn-consumer/test-expo-app):
//   node expo-prebuild.js configure README APP   adds the README's app.json plugins to APP's
//   node expo-prebuild.js check README APP       what `npx expo prebuild` generated: the camera
//     permission with its features not required, minSdkVersion 24+, the README's usage string in
//     Info.plist
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const [command, readme, app] = process.argv.slice(2);

/** The ```json block of the README's "## Expo" section: its expo.plugins. */
function readmePlugins() {
  const text = fs.readFileSync(readme, 'utf8');
  const section = /^## Expo\n([\s\S]*?)^## /m.exec(text);
  assert.ok(section, 'README has no "## Expo" section');
  const json = /^```json\n([\s\S]*?)^```$/m.exec(section[1]);
  assert.ok(json, 'the Expo section has no ```json block');
  const plugins = JSON.parse(json[1]).expo.plugins;
  const ours = plugins.find((p) => (Array.isArray(p) ? p[0] : p) === 'react-native-smileid-rs');
  assert.ok(ours, 'the Expo section does not configure the plugin');
  return { plugins, options: (Array.isArray(ours) && ours[1]) || {} };
}

function read(file) {
  return fs.readFileSync(path.join(app, file), 'utf8');
}

if (command === 'configure') {
  const file = path.join(app, 'app.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  config.expo.plugins = [...(config.expo.plugins ?? []), ...readmePlugins().plugins];
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
} else if (command === 'check') {
  const { options } = readmePlugins();
  const manifest = read('android/app/src/main/AndroidManifest.xml');
  assert.match(manifest, /<uses-permission android:name="android\.permission\.CAMERA"\/>/);
  for (const feature of ['camera', 'camera.front']) {
    const declared = `<uses-feature android:name="android.hardware.${feature}" android:required="false"/>`;
    assert.ok(manifest.includes(declared), `the app manifest lacks ${declared}`);
  }
  // Expo's Android project takes minSdkVersion from this property (app/build.gradle reads it
  // through rootProject.ext).
  const minSdk = /^android\.minSdkVersion=(\d+)$/m.exec(read('android/gradle.properties'));
  assert.ok(minSdk && Number(minSdk[1]) >= 24, `android.minSdkVersion ${minSdk?.[1]}, want 24+`);
  assert.match(read('android/app/build.gradle'), /minSdkVersion rootProject\.ext\.minSdkVersion/);
  const [plist] = fs
    .readdirSync(path.join(app, 'ios'))
    .map((dir) => path.join('ios', dir, 'Info.plist'))
    .filter((file) => fs.existsSync(path.join(app, file)));
  assert.ok(plist, 'no ios/*/Info.plist');
  const usage = /<key>NSCameraUsageDescription<\/key>\s*<string>([^<]*)<\/string>/.exec(read(plist));
  assert.strictEqual(usage?.[1], options.cameraPermission, `${plist} camera usage`);
  console.log(`prebuild: CAMERA + camera features not required, minSdkVersion ${minSdk[1]},`,
    `${plist} NSCameraUsageDescription "${usage[1]}"`);
} else {
  throw new Error('usage: expo-prebuild.js configure|check README APP');
}
