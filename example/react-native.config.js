// Autolinking of the package from source: the native module in ../react-native-module is linked
// into this app's Android and iOS builds as if it were installed from npm.
const path = require('path');

module.exports = {
  dependencies: {
    'react-native-smileid-rs': { root: path.resolve(__dirname, '../react-native-module') },
  },
};
