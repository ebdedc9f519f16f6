// The app uses react-native-smileid-rs from source (../react-native-module), as
// create-react-native-library examples do: Metro watches the package folder, picks the `source`
// condition of the package's exports (src/, not the built lib/) and resolves the package's own
// imports (react, react-native) from this app's node_modules, never from the package's
// development install, so the bundle holds one React Native.
const path = require('path');
const { getDefaultConfig, mergeConfig } = require('@react-native/metro-config');

const pkg = path.resolve(__dirname, '../react-native-module');
const escape = p => p.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&');

module.exports = mergeConfig(getDefaultConfig(__dirname), {
  watchFolders: [pkg],
  resolver: {
    blockList: [new RegExp(`^${escape(path.join(pkg, 'node_modules'))}/.*`)],
    nodeModulesPaths: [path.join(__dirname, 'node_modules')],
    extraNodeModules: { 'react-native-smileid-rs': pkg },
    unstable_conditionNames: ['react-native', 'source'],
  },
});
