// The React Native community's ESLint rules, as for react-native-module/ (scripts/lint).
module.exports = {
  root: true,
  extends: '@react-native',
  ignorePatterns: ['web/dist/'],
  // Jest's setup and transformer run in Node, under Jest.
  overrides: [{ files: ['jest.setup.js', 'jest/**'], env: { node: true, jest: true } }],
};
