// Bundles the example app for the browser: react-native → react-native-web, the package → its
// shipped Jest mock, one React (the app's). Output: web/dist/app.js (git-ignored).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const web = path.dirname(fileURLToPath(import.meta.url));
const app = path.dirname(web);

await esbuild.build({
  entryPoints: [path.join(web, 'index.web.js')],
  outfile: path.join(web, 'dist/app.js'),
  bundle: true,
  format: 'iife',
  jsx: 'automatic',
  loader: { '.js': 'jsx', '.jpg': 'file' },
  resolveExtensions: ['.web.tsx', '.web.ts', '.web.js', '.tsx', '.ts', '.jsx', '.js', '.json'],
  nodePaths: [path.join(web, 'node_modules'), path.join(app, 'node_modules')],
  alias: {
    'react-native': path.join(web, 'node_modules/react-native-web'),
    react: path.join(app, 'node_modules/react'),
    'react-native-smileid-rs': path.join(app, '../react-native-module/jest/index.js'),
  },
  define: { 'process.env.NODE_ENV': '"production"', __DEV__: 'false', global: 'window' },
  logLevel: 'warning',
});
