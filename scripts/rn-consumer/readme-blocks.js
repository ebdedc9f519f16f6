// Turns the package README's code blocks into files of the consumer app, as a reader would copy
// them: `node readme-blocks.js README.md APP`.
// - A ```ts block whose first line is `// <path>` is that file, verbatim (the Jest example).
// - Every other ```ts block is a snippet: its imports stay at the top, the rest becomes the body
//   of `export default async function run()` in readme/block-NN.ts (snippets use top-level
//   await). readme/index.ts imports them all, for Metro.
// - The ```js block with `jest.mock(` is the README's Jest line: it heads
//   __tests__/readme-blocks.test.ts, which runs every snippet on the mock, and the calls test
//   (calls.test.ts next to this file), copied to __tests__/.
const fs = require('node:fs');
const path = require('node:path');

const [readme, app] = process.argv.slice(2);
const text = fs.readFileSync(readme, 'utf8');
const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1],
  code: m[2],
  line: text.slice(0, m.index).split('\n').length,
}));

const jestLines = blocks.filter((b) => b.lang === 'js' && b.code.includes('jest.mock('));
if (jestLines.length !== 1) throw new Error(`README: ${jestLines.length} Jest mock blocks, want 1`);
const jestLine = jestLines[0].code.trim();

const write = (file, content) => {
  fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
  fs.writeFileSync(path.join(app, file), content);
};

const snippets = [];
for (const b of blocks.filter((x) => x.lang === 'ts')) {
  const named = b.code.match(/^\/\/ (\S+\.tsx?)\n/);
  if (named) {
    write(named[1], b.code);
    continue;
  }
  const lines = b.code.trimEnd().split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  const name = `block-${String(snippets.length + 1).padStart(2, '0')}`;
  write(`readme/${name}.ts`, [
    `// README.md line ${b.line}`,
    ...imports,
    '',
    'export default async function run(): Promise<void> {',
    ...body.map((l) => (l ? `  ${l}` : l)),
    '}',
    '',
  ].join('\n'));
  snippets.push({ name, line: b.line });
}
if (snippets.length === 0) throw new Error('README: no ```ts snippets');

const id = (s) => s.name.replace('-', '');
write('readme/index.ts', snippets.map((s) => `export { default as ${id(s)} } from './${s.name}';`)
  .join('\n') + '\n');
write('__tests__/readme-blocks.test.ts', [
  jestLine,
  "import { mock } from 'react-native-smileid-rs/jest';",
  ...snippets.map((s) => `import ${id(s)} from '../readme/${s.name}';`),
  '',
  'beforeEach(() => mock.reset());',
  '',
  ...snippets.map((s) => `test('README line ${s.line} runs on the mock', () => ${id(s)}());`),
  '',
].join('\n'));
write('__tests__/calls.test.ts',
  `${jestLine}\n${fs.readFileSync(path.join(__dirname, 'calls.test.ts'), 'utf8')}`);
console.log(`README: ${snippets.length} snippets, the Jest line, ` +
  `${blocks.filter((b) => b.lang === 'ts').length - snippets.length} test file(s)`);
