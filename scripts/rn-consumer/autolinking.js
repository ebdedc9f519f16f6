// Autolinking must link the package on both platforms: `node autolinking.js [FILE...]` reads the
// configuration JSON of `npx react-native config` (stdin), or one file per platform as Expo's
// `expo-modules-autolinking react-native-config --platform P --json` writes them.
const assert = require('node:assert');
const fs = require('node:fs');

const files = process.argv.slice(2);
const configs = (files.length ? files : [0]).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const platforms = {};
for (const config of configs) {
  const dep = config.dependencies['react-native-smileid-rs'];
  assert.ok(dep, `react-native-smileid-rs not in ${Object.keys(config.dependencies)}`);
  Object.assign(platforms, dep.platforms);
}
const { android, ios } = platforms;
assert.ok(android, 'no Android platform');
assert.match(android.sourceDir, /node_modules\/react-native-smileid-rs\/android$/);
assert.strictEqual(android.packageImportPath, 'import com.smileid.reactnative.RnSmileIdPackage;');
assert.strictEqual(android.packageInstance, 'new RnSmileIdPackage()');
assert.ok(ios, 'no iOS platform');
assert.match(ios.podspecPath, /node_modules\/react-native-smileid-rs\/RnSmileId\.podspec$/);
console.log(`autolinking: android ${android.packageImportPath} ios ${ios.podspecPath}`);
