// Plain Node (CommonJS) scripts: the launcher, its platform table, the packer and their tests.
module.exports = {
  root: true,
  extends: 'eslint:recommended',
  env: { node: true, es2022: true },
  parserOptions: { ecmaVersion: 2022, sourceType: 'script' },
};
