// The extension's entry point (package.json's main, dist/main.js): loads the extension's bundle
// (dist/extension.js, built from extension.ts) through V8's code cache in the extension's global
// storage (src/base/codeCache.ts), then activates it. Kept tiny: it is what VS Code compiles with no
// cache.
import type * as vscode from 'vscode';
import * as path from 'node:path';
import { loadBundle } from './base/codeCache';

type Extension = typeof import('./extension');

let extension: Extension | undefined;

export function activate(context: vscode.ExtensionContext) {
  const load = loadBundle(path.join(__dirname, 'extension.js'), path.join(context.globalStorageUri.fsPath, 'code-cache'));
  extension = load.exports as Extension;
  return extension.activate(context, load);
}

export function deactivate(): void {
  extension?.deactivate();
}
