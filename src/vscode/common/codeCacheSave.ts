// Writes the extension's code cache (src/base/codeCache.ts) a while after activation, off the
// start's path: by then the cache also holds what the first minutes of use compiled (the tree's
// first pages, a first open), which the next start then skips compiling.
import * as vscode from 'vscode';
import type { BundleLoad } from '../../base/codeCache';

const SAVE_AFTER_MS = 20_000;

/** Writes the cache later when this start had none that fit (a start that used one has nothing to write). */
export function scheduleCodeCacheSave(load: BundleLoad, log: vscode.LogOutputChannel): vscode.Disposable {
  if (load.cache === 'used') return new vscode.Disposable(() => undefined);
  const timer = setTimeout(() => {
    try {
      const file = load.saveCache();
      if (file) log.info(`Saved the code cache for the next start (${file}).`);
    } catch (error) {
      // A start without a cache is only slower: say why, and try again next start.
      log.warn(`Could not save the code cache: ${(error as Error).message}`);
    }
  }, SAVE_AFTER_MS);
  timer.unref();
  return new vscode.Disposable(() => clearTimeout(timer));
}
