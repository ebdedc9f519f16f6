// The React Native community's ESLint rules, as for react-native-module/ (scripts/lint).
module.exports = {
  root: true,
  extends: '@react-native',
  ignorePatterns: ['web/dist/'],
  overrides: [
    // Jest's setup and transformer run in Node, under Jest.
    { files: ['jest.setup.js', 'jest/**'], env: { node: true, jest: true } },
    // The web build and screenshot scripts are Node ES modules.
    {
      files: ['*.mjs'],
      env: { node: true },
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    },
  ],
};
