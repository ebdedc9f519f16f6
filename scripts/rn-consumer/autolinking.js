// `npx react-native config` of the consumer app (stdin) must link the package on both platforms.
const assert = require('node:assert');

const config = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const dep = config.dependencies['react-native-smileid-rs'];
assert.ok(dep, `react-native-smileid-rs not in ${Object.keys(config.dependencies)}`);
const { android, ios } = dep.platforms;
assert.ok(android, 'no Android platform');
assert.match(android.sourceDir, /node_modules\/react-native-smileid-rs\/android$/);
assert.strictEqual(android.packageImportPath, 'import com.smileid.reactnative.RnSmileIdPackage;');
assert.strictEqual(android.packageInstance, 'new RnSmileIdPackage()');
assert.ok(ios, 'no iOS platform');
assert.match(ios.podspecPath, /node_modules\/react-native-smileid-rs\/RnSmileId\.podspec$/);
console.log(`autolinking: android ${android.packageImportPath} ios ${ios.podspecPath}`);
