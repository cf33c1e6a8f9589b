import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { itemFolderProblem, nameProblem, partPathProblem, staysInside } from '../../../src/workspace/localPaths';

/** Segments built from the characters that matter to paths, so the generator hits the edge cases. */
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 ._:\\/<>|?*-]{0,8}$/),
  fc.constantFrom('.', '..', '', ' ', 'a.', 'con', 'NUL.txt', 'c:', '\\..', 'a\u0000b', 'é.py'),
  fc.string({ maxLength: 8 }),
);
const anyPath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((segments) => segments.join('/'));

describe('localPaths: what may touch the disk', () => {
  it('accepts the part paths Fabric uses', () => {
    for (const p of [
      '.platform',
      'notebook-content.py',
      'notebook-content.ipynb',
      'pipeline-content.json',
      'mashup.pq',
      'definition/tables/Sales Orders.tmdl',
      'StaticResources/RegisteredResources/logo (1).png',
    ]) {
      assert.equal(partPathProblem(p), undefined, p);
    }
    assert.equal(itemFolderProblem('Sales report v2.1', 'Notebook'), undefined);
  });

  it('refuses traversal, absolute paths, drive letters, NUL, device names and what Windows forbids', () => {
    const refused: [string, RegExp][] = [
      ['../../x.txt', /"\.\." names a folder/],
      ['a/../../x.txt', /"\.\." names a folder/],
      ['./x', /"\." names a folder/],
      ['/etc/passwd', /absolute/],
      ['\\\\server\\share\\x', /absolute/],
      ['C:/Windows/x', /drive letter/],
      ['c:x', /drive letter/],
      ['a\\..\\..\\x', /"\\"/],
      ['a\u0000b', /control character U\+0000/],
      ['a//b', /empty name/],
      ['a/', /empty name/],
      ['CON', /device name/],
      ['nul.txt', /device name/],
      ['sub/Com1.json', /device name/],
      ['lpt9 .tar.gz', /device name/],
      ['x.', /ends with a dot/],
      ['x ', /ends with a dot or a space/],
      ['what?.py', /"\?"/],
      ['ab:c', /":"/],
      ['<x>', /"<"/],
      ['a|b', /"\|"/],
      ['x'.repeat(256), /255 bytes/],
    ];
    for (const [p, reason] of refused) assert.match(partPathProblem(p) ?? 'accepted', reason, JSON.stringify(p));
    assert.match(itemFolderProblem('../victim', 'Notebook') ?? '', /"\.\.\/victim\.Notebook" is not a safe folder name: it contains "\/"/);
    assert.match(itemFolderProblem('CON', 'Notebook') ?? '', /device name/);
    assert.match(itemFolderProblem('a\\b', 'Notebook') ?? '', /"\\"/);
  });

  it('property: an accepted part path resolves inside the folder, on POSIX and on Windows', () => {
    fc.assert(
      fc.property(anyPath, (p) => {
        if (partPathProblem(p)) return;
        const posixRoot = '/home/me/export/Item.Notebook';
        const posix = path.posix.resolve(posixRoot, ...p.split('/'));
        assert.ok(posix.startsWith(`${posixRoot}/`), `${p} → ${posix}`);
        const winRoot = 'C:\\Users\\me\\export\\Item.Notebook';
        const win = path.win32.resolve(winRoot, ...p.split('/'));
        assert.ok(win.toLowerCase().startsWith(`${winRoot.toLowerCase()}\\`), `${p} → ${win}`);
        assert.equal(path.win32.normalize(win), win, `${p}: Windows would rewrite the name`);
        assert.ok(staysInside(p));
      }),
      { numRuns: 5000 },
    );
  });

  it('property: a path with a "..", "." or empty segment is refused, wherever it is', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 3 }), fc.constantFrom('..', '.', ''), fc.array(segment, { maxLength: 3 }), (before, bad, after) => {
        const p = [...before, bad, ...after].join('/');
        assert.ok(partPathProblem(p), p);
        assert.equal(staysInside(p), false, p);
      }),
    );
  });

  it('property: device names are refused in any case, with any extension', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('con', 'prn', 'aux', 'nul', 'com1', 'com9', 'lpt1', 'lpt²'),
        fc.boolean(),
        fc.stringMatching(/^[a-z]{0,4}$/),
        (device, upper, extension) => {
          const name = (upper ? device.toUpperCase() : device) + (extension ? `.${extension}` : '');
          assert.match(nameProblem(name) ?? '', /device name/);
        },
      ),
    );
    assert.equal(nameProblem('console.py'), undefined);
    assert.equal(nameProblem('com10.json'), undefined);
  });
});
