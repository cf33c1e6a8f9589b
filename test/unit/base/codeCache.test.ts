import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadBundle } from '../../../src/base/codeCache';

describe('loadBundle (the code cache of dist/extension.js)', () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-code-cache-'));
    cacheDir = path.join(dir, 'storage', 'code-cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Each start writes the bundle to a folder of its own: V8 keeps what it compiled in memory by
  // source and file name, and a second compile of the same file would come from there, not the cache.
  let starts = 0;
  const bundle = (source: string) => {
    const file = path.join(dir, `start-${++starts}`, 'bundle.js');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, source);
    return file;
  };
  const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

  it('runs the bundle as require() would: its exports, a require relative to it, __filename and __dirname', () => {
    const file = bundle('"use strict";\nexports.where = [__filename, __dirname];\nexports.lazy = () => require("./lazy.js").answer;\n');
    fs.writeFileSync(path.join(path.dirname(file), 'lazy.js'), 'module.exports = { answer: 42 };');
    const load = loadBundle(file, undefined);
    const exports = load.exports as { where: string[]; lazy: () => number };
    assert.deepEqual(exports.where, [file, path.dirname(file)]);
    assert.equal(exports.lazy(), 42);
    assert.equal(load.cache, 'absent');
    assert.equal(load.saveCache(), undefined, 'no cache folder, nothing written');
  });

  it('writes the cache once asked, and the next start compiles from it', () => {
    const source = 'exports.add = (a, b) => a + b;\n';
    const first = loadBundle(bundle(source), cacheDir);
    assert.equal(first.cache, 'absent');
    assert.equal((first.exports as { add: (a: number, b: number) => number }).add(1, 2), 3);
    const written = first.saveCache();
    assert.ok(written && fs.existsSync(written));
    fs.rmSync(written);
    assert.equal(first.saveCache(), written, 'the same file');
    assert.ok(!fs.existsSync(written), 'written once');
    loadBundle(bundle(source), cacheDir).saveCache();

    const second = loadBundle(bundle(source), cacheDir);
    assert.equal(second.cache, 'used');
    assert.equal((second.exports as { add: (a: number, b: number) => number }).add(2, 3), 5);
    // A write replaces the file (a new one renamed over it): the same inode means none happened.
    const before = fs.statSync(written).ino;
    assert.equal(second.saveCache(), written);
    assert.equal(fs.statSync(written).ino, before, 'a cache that was used is not written again');
  });

  it("never runs another bundle's bytecode: a changed bundle of the same length gets its own cache, and the old one goes", () => {
    const old = loadBundle(bundle('exports.version = "a";\n'), cacheDir).saveCache();
    const changed = loadBundle(bundle('exports.version = "b";\n'), cacheDir);
    assert.equal(changed.cache, 'absent');
    assert.equal((changed.exports as { version: string }).version, 'b');
    changed.saveCache();
    assert.equal(cacheFiles().length, 1);
    assert.ok(!fs.existsSync(old!), "the old bundle's cache is removed");
  });

  it('ignores a torn or altered cache file and compiles from the text', () => {
    const source = 'exports.value = 7;\n';
    const written = loadBundle(bundle(source), cacheDir).saveCache()!;
    const content = fs.readFileSync(written);
    fs.writeFileSync(written, content.subarray(0, content.length - 10));
    assert.equal(loadBundle(bundle(source), cacheDir).cache, 'absent', 'torn');
    content[content.length - 1] ^= 0xff;
    fs.writeFileSync(written, content);
    const altered = loadBundle(bundle(source), cacheDir);
    assert.equal(altered.cache, 'absent', 'altered');
    assert.equal((altered.exports as { value: number }).value, 7);
  });

  it('says when V8 rejects a cache, runs anyway and writes a fitting one', () => {
    const source = 'exports.value = 8;\n';
    const written = loadBundle(bundle(source), cacheDir).saveCache()!;
    // Whole (its digest fits) but not V8's: what a cache from another V8 or other flags looks like.
    const foreign = Buffer.from('not a code cache of this V8 '.repeat(20));
    fs.writeFileSync(written, Buffer.concat([createHash('sha256').update(foreign).digest(), foreign]));
    const rejected = loadBundle(bundle(source), cacheDir);
    assert.equal(rejected.cache, 'rejected');
    assert.equal((rejected.exports as { value: number }).value, 8);
    assert.equal(rejected.saveCache(), written);
    assert.equal(loadBundle(bundle(source), cacheDir).cache, 'used');
  });

  it("keeps the bundle's line numbers in stack traces (its source map relies on them)", () => {
    const file = bundle('"use strict";\n\nexports.fail = () => {\n  throw new Error("here");\n};\n');
    const { fail } = loadBundle(file, undefined).exports as { fail: () => void };
    assert.throws(fail, (error: Error) => error.stack!.includes(`${file}:4:`));
  });
});
