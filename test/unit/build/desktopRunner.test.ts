// `npm run test:vscode -- --desktop` runs the vscode tier in a desktop VS Code that
// @vscode/test-electron downloads. Where it cannot (offline, as here), it must say so and what to
// do instead, not hang or fail with a bare network error. The download is sent to a closed port
// through the proxy setting test-electron honours, and to an empty cache, so nothing is reused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const lib = pathToFileURL(join(process.cwd(), 'scripts/lib/desktop-vscode.mjs')).href;

/** Runs `body` (an ES module's text, with `lib` imported as `m`) in a fresh node; its stdout parsed as JSON. */
function inNode(body: string, env: Record<string, string> = {}): unknown {
  const source = `import * as m from ${JSON.stringify(lib)};\n${body}`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

describe('test:vscode --desktop', () => {
  it('reads --desktop and refuses any other argument with the one it takes', () => {
    const parsed = inNode(`
      const refused = (() => { try { m.parseArgs(['--dekstop']); } catch (e) { return e.message; } })();
      console.log(JSON.stringify({ none: m.parseArgs([]), desktop: m.parseArgs(['--desktop']), refused }));
    `);
    assert.deepEqual(parsed, {
      none: { desktop: false },
      desktop: { desktop: true },
      refused: 'Unknown argument --dekstop: the only one is --desktop (FWB_GREP=pattern selects tests).',
    });
  });

  it('says what to do when no desktop VS Code can be downloaded', () => {
    const cache = mkdtempSync(join(tmpdir(), 'fwb-desktop-cache-'));
    try {
      const message = inNode(
        `
        try { await m.desktopVSCode(); console.log(JSON.stringify('downloaded')); } catch (e) { console.log(JSON.stringify(e.message)); }
      `,
        { npm_config_proxy: 'http://127.0.0.1:9', FWB_VSCODE_DESKTOP_CACHE: cache, FWB_VSCODE_EXECUTABLE: '' },
      ) as string;
      assert.match(message, /^--desktop: no desktop VS Code to run the suites in\. @vscode\/test-electron could not download one \(.*ECONNREFUSED.*\)\./);
      assert.match(message, /set FWB_VSCODE_EXECUTABLE to an installed VS Code executable/);
      assert.match(message, /run without --desktop: the suites then run in code-server, as CI does/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
