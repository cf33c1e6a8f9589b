import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readPublishedToken, tokenFilePath } from '../../../src/emulator/tokenFile';
import { call, startTestEmulator, stopTestEmulators, tempDir } from './emulatorHarness';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('emulator token', () => {
  afterEach(stopTestEmulators);

  it('gives each data folder its own random token, kept (mode 0600) across restarts; the old public token is refused', async () => {
    const dir = tempDir();
    const first = await startTestEmulator({ dataDir: dir, sample: false });
    const other = await startTestEmulator({ sample: false });
    assert.match(first.token, /^[\w-]{43}$/, '256 random bits, base64url');
    assert.notEqual(first.token, other.token);
    assert.equal(readFileSync(join(dir, 'token'), 'utf8').trim(), first.token);
    if (process.platform !== 'win32') assert.equal(modeOf(join(dir, 'token')), 0o600);
    assert.equal((await call(first, 'GET', '/workspaces', undefined, { Authorization: 'Bearer fabric-emulator-dev-token' })).status, 401);
    await first.close();

    const again = await startTestEmulator({ dataDir: dir, sample: false });
    assert.equal(again.token, first.token);
    assert.equal((await call(again, 'GET', '/workspaces')).status, 200);
  });

  it("uses the token it is given instead, and leaves the data folder's alone", async () => {
    const dir = tempDir();
    const emulator = await startTestEmulator({ dataDir: dir, sample: false, token: 'given-token' });
    assert.equal(emulator.token, 'given-token');
    assert.equal((await call(emulator, 'GET', '/workspaces')).status, 200);
    assert.equal(existsSync(join(dir, 'token')), false);
  });

  it('leaves its token for local clients in a per-user file named after its address (mode 0600), and removes it when it stops', async () => {
    const tokenDir = join(tempDir(), 'emulator');
    const emulator = await startTestEmulator({ sample: false, tokenDir });
    assert.equal(emulator.tokenFile, join(tokenDir, `loopback-${emulator.port}.token`));
    if (process.platform !== 'win32') {
      assert.equal(modeOf(emulator.tokenFile!), 0o600);
      assert.equal(modeOf(tokenDir), 0o700);
    }
    for (const url of [emulator.url, emulator.baseUrl, `http://localhost:${emulator.port}`, `http://[::1]:${emulator.port}/v1/`]) {
      assert.equal(readPublishedToken(url, tokenDir), emulator.token, url);
    }
    assert.equal(readPublishedToken(`http://127.0.0.1:${emulator.port + 1}`, tokenDir), undefined, 'another port is another emulator');
    await emulator.close();
    assert.equal(existsSync(emulator.tokenFile!), false);
    assert.equal(readPublishedToken(emulator.url, tokenDir), undefined);
  });

  it('names the token file of a remote emulator after its host, and none for an address that is not a URL', () => {
    assert.equal(tokenFilePath('https://devbox.lan:8443/v1', '/t'), join('/t', 'devbox.lan-8443.token'));
    assert.equal(tokenFilePath('http://0.0.0.0:5015', '/t'), join('/t', 'loopback-5015.token'));
    assert.equal(tokenFilePath('not a url', '/t'), undefined);
  });
});
