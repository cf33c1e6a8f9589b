// `npm ci` must work on a machine with nothing but Node: no dependency the extension ships may run
// an install script (a native build such as keytar's needed libsecret-1-dev and a compiler).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface LockedPackage {
  dev?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };

describe('dependencies', () => {
  it('ship no package that runs an install script', () => {
    const building = Object.entries(lock.packages)
      .filter(([name, p]) => name && !p.dev && !p.optional && p.hasInstallScript)
      .map(([name]) => name.replace(/^.*node_modules\//, ''));
    assert.deepEqual(building, []);
  });

  it('deny the install scripts of the development tools that have one (npm allowScripts)', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> };
    const withScripts = Object.entries(lock.packages)
      .filter(([name, p]) => name && p.hasInstallScript && !p.optional)
      .map(([name]) => name.replace(/^.*node_modules\//, ''));
    for (const name of withScripts) assert.equal(manifest.allowScripts?.[name], false, `${name} runs an install script: deny it in allowScripts or drop it`);
  });
});
