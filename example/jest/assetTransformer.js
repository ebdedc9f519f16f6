// Image files become asset registry entries, as Metro makes them, so Image.resolveAssetSource
// answers under Jest as in a debug build (the preset's own transformer returns a bare object).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const appRoot = path.join(__dirname, '..');
// What Metro's assetRegistryPath names in @react-native/metro-config.
const REGISTRY = 'react-native/src/asset-registry';

module.exports = {
  getCacheKey(source, filename) {
    const self = fs.readFileSync(__filename);
    return crypto.createHash('sha256').update(self).update(filename).update(source).digest('hex');
  },
  process(_source, filename) {
    const ext = path.extname(filename);
    const asset = {
      __packager_asset: true,
      httpServerLocation: `/assets/${path.relative(appRoot, path.dirname(filename))}`,
      scales: [1],
      hash: 'jest',
      name: path.basename(filename, ext),
      type: ext.slice(1),
    };
    return {
      code: `module.exports = require('${REGISTRY}').registerAsset(${JSON.stringify(asset)});`,
    };
  },
};
