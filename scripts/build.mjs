// Bundles the extension with esbuild: one CommonJS file, `vscode` external. node-fetch is ESM-only;
// bundling turns it into CommonJS so the extension host can load it.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // keytar is an optional native module of @azure/identity-vscode; the extension never loads it.
  external: ['vscode', 'keytar'],
  minify: production,
  sourcemap: true,
  sourcesContent: !production,
  metafile: true,
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  const result = await esbuild.build(options);
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(0)} KB${production ? ' (minified)' : ''}`);
}
