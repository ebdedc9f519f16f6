// Autolinking: the Android package class and the iOS pod.
module.exports = {
  dependency: {
    platforms: {
      android: {
        packageImportPath: 'import com.smileid.reactnative.RnSmileIdPackage;',
        packageInstance: 'new RnSmileIdPackage()',
      },
      ios: {},
    },
  },
};
