// Loads a CommonJS bundle through V8's code cache. Node compiles a module's functions when they
// first run; a start after the first can reuse the bytecode the last start compiled (at load and
// during activation) instead of parsing and compiling the bundle again. VS Code's own loader did
// this for extensions ("cachedData") until it moved to ES modules; Node's compile cache would do it
// for the whole extension host, that is for other extensions too, so ours is scoped to our bundle.
//
// The cache is written once per bundle and V8: its file name holds a hash of the bundle's text and
// V8's version, so a changed bundle never meets bytecode compiled from another (V8's own check looks
// at the source's length only), and a hash of the cache's bytes guards against a torn or altered
// file (V8 does not verify those in release builds). A cache that does not fit is ignored, and V8
// says when it rejects one: then the bundle compiles as without a cache and the cache is rewritten.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** How the bundle came to be compiled: from a cache written by an earlier start, or from its text. */
export type CodeCacheUse = 'used' | 'absent' | 'rejected';

export interface BundleLoad {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  /** Reading the bundle (and its cache) and compiling it, before its first statement ran. */
  readonly compileMs: number;
  readonly cache: CodeCacheUse;
  /**
   * Writes the code cache, once, when this start had none that fit: call it when the start's work
   * is done, so the cache holds what the start compiled. Answers the cache's file (undefined: no
   * cache folder).
   */
  saveCache(): string | undefined;
}

const DIGEST_BYTES = 32;

/**
 * Compiles and runs `file` as Node would require it (module, exports, require relative to it,
 * __filename, __dirname), with the code cache kept in `cacheDir` (undefined: no cache).
 */
export function loadBundle(file: string, cacheDir: string | undefined): BundleLoad {
  const started = performance.now();
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  const cacheFile = cacheDir && path.join(cacheDir, `${sha256(bytes).toString('hex').slice(0, 32)}-v8-${process.versions.v8}-${process.arch}.bin`);
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  // The wrapper on a line of its own, with lineOffset -1, keeps the bundle's lines (and its source
  // map) where they are in the file.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: file,
    lineOffset: -1,
    cachedData,
  });
  const cache: CodeCacheUse = !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const compileMs = performance.now() - started;
  const module = { exports: {} as unknown };
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  let saved = cache === 'used';
  return {
    exports: module.exports,
    compileMs,
    cache,
    saveCache() {
      if (!cacheFile || !cacheDir) return undefined;
      if (!saved) writeCache(cacheDir, cacheFile, script.createCachedData());
      saved = true;
      return cacheFile;
    },
  };
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The cache's bytes when the file is there and whole, else undefined. */
function readCache(cacheFile: string): Buffer | undefined {
  let content: Buffer;
  try {
    content = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = content.subarray(DIGEST_BYTES);
  return content.length > DIGEST_BYTES && sha256(data).equals(content.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** Writes the cache whole or not at all (a temporary file renamed), and removes the caches of other bundles. */
function writeCache(cacheDir: string, cacheFile: string, data: Buffer): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([sha256(data), data]));
  fs.renameSync(temporary, cacheFile);
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.endsWith('.bin') && name !== path.basename(cacheFile)) fs.rmSync(path.join(cacheDir, name), { force: true });
  }
}
