// Bundles the extension with esbuild: CommonJS, `vscode` external. node-fetch is ESM-only;
// bundling turns it into CommonJS so the extension host can load it.
// Heavy libraries used by rare actions sit behind a module of ours that the code imports with
// `await import()`: each becomes its own file in dist/, loaded on first use, which keeps
// activation fast and dist/extension.js small.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESBUILD_ALIAS } from './lib/esbuild-alias.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const LAZY_MODULES = [
  'src/fabric/definition/powerQueryParser.ts', // @microsoft/powerquery-parser: mashup.pq checks
  'src/vscode/connection/azureIdentity.ts', // @azure/identity + MSAL: non-VS Code sign-ins
  'src/jobs/runFileSchema.ts', // ajv: the check of .vscode/fabric-runs.json
];
const lazyPaths = new Set(LAZY_MODULES.map((file) => path.resolve(file)));
const outName = (file) => `${path.basename(file, '.ts')}.js`;

/** Leaves the imports of lazy modules as `require('./<name>.js')` next to dist/extension.js. */
const lazyModulesPlugin = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const candidate = path.resolve(args.resolveDir, args.path);
      const file = [`${candidate}.ts`, candidate].find((f) => lazyPaths.has(f));
      return file ? { path: `./${outName(file)}`, external: true } : undefined;
    });
  },
};

/**
 * `import * as vscode from 'vscode'` of an external CommonJS module makes esbuild copy the API
 * object's few hundred properties into a fresh namespace object in every importing module (its
 * `__toESM`): some forty copies cost tens of milliseconds at load. Every import of `vscode` goes
 * through this one ES module re-exporting it instead, which copies once.
 */
const vscodeOncePlugin = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

/**
 * jsonc-parser declares no `sideEffects`, so esbuild keeps its formatter's string caches (six arrays
 * of 200 strings built at load) though we only parse. Marked side-effect free, what we don't use goes.
 */
const SIDE_EFFECT_FREE = /[\\/]node_modules[\\/]jsonc-parser[\\/]/;
const sideEffectFreePlugin = {
  name: 'side-effect-free',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === sideEffectFreePlugin || !(SIDE_EFFECT_FREE.test(args.importer) || args.path.startsWith('jsonc-parser'))) return undefined;
      const { path: resolved, errors } = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: sideEffectFreePlugin,
      });
      return errors.length || !SIDE_EFFECT_FREE.test(resolved) ? undefined : { path: resolved, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  alias: ESBUILD_ALIAS,
  minify: production,
  sourcemap: true,
  sourcesContent: !production,
  metafile: true,
  logLevel: 'warning',
};

const builds = [
  // The entry point (package.json's main): it loads dist/extension.js through V8's code cache
  // (src/base/codeCache.ts), which compiles the bundle with vm.Script; a lazy module is then loaded
  // with require(), as import() needs a module loader that vm.Script's code lacks.
  { ...common, entryPoints: ['src/main.ts'], outfile: 'dist/main.js' },
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    supported: { 'dynamic-import': false },
    plugins: [lazyModulesPlugin, vscodeOncePlugin, sideEffectFreePlugin],
  },
  // The MCP server, a program of its own (`node dist/mcp.js`, the package's `bin`): the MCP SDK
  // stays out of dist/extension.js, and @azure/identity is the lazy module the extension uses too.
  { ...common, entryPoints: ['src/mcp.ts'], outfile: 'dist/mcp.js', plugins: [lazyModulesPlugin, sideEffectFreePlugin], banner: { js: '#!/usr/bin/env node' } },
  ...LAZY_MODULES.map((file) => ({ ...common, entryPoints: [file], outfile: `dist/${outName(file)}`, plugins: [vscodeOncePlugin, sideEffectFreePlugin] })),
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  for (const options of builds) {
    const result = await esbuild.build(options);
    const [file, output] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint);
    // What each bundle holds, for the test that keeps rarely used libraries out of dist/extension.js.
    fs.writeFileSync(file.replace(/\.js$/, '.meta.json'), JSON.stringify({ inputs: Object.keys(output.inputs) }));
    console.log(`${file}: ${(output.bytes / 1024).toFixed(0)} KB${production ? ' (minified)' : ''}`);
  }
}
