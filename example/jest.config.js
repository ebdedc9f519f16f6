// Screens are tested with the package's shipped Jest mock (jest.setup.js registers it).
module.exports = {
  preset: '@react-native/jest-preset',
  setupFiles: ['<rootDir>/jest.setup.js'],
  moduleNameMapper: {
    '^react-native-smileid-rs$': '<rootDir>/../react-native-module/src/index.tsx',
    '^react-native-smileid-rs/jest$': '<rootDir>/../react-native-module/jest/index.js',
  },
  transform: {
    '\\.jpg$': '<rootDir>/jest/assetTransformer.js',
    ...require('@react-native/jest-preset').transform,
  },
  roots: ['<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.test.tsx'],
  // A first run transforms React Native with Babel; on a busy 2-core machine that takes a while.
  testTimeout: 60000,
};
