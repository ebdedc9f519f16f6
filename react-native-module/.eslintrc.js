// The React Native community's ESLint rules (ESLint 8: the config's Flow plugin predates 9).
// Formatting is Prettier's (.prettierrc.json at the repository root); scripts/lint runs both.
module.exports = {
  root: true,
  extends: '@react-native',
  ignorePatterns: ['build/', 'android/', 'ios/'],
};
