// Bundles the vscode-tier suites (TypeScript, importing our src/) into CommonJS files that mocha
// loads inside the extension host. `vscode` stays external: the host provides it.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESBUILD_ALIAS } from './esbuild-alias.mjs';

export async function bundleSuites(root, outDir) {
  const suiteDir = path.join(root, 'test/vscode/suite');
  const entries = fs
    .readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(suiteDir, f));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    alias: ESBUILD_ALIAS,
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return entries.map((e) => path.join(outDir, path.basename(e).replace(/\.ts$/, '.js')));
}
