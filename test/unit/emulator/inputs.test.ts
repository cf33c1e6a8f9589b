import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { Store } from '../../../src/emulator/store';
import { call, listAll, startTestEmulator, stopTestEmulators, tempDir } from './emulatorHarness';

const NAMES_ON_OBJECT_PROTOTYPE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('emulator input checks', () => {
  let emulator: Emulator;
  let dir: string;

  beforeEach(async () => {
    dir = tempDir();
    emulator = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync' });
  });
  afterEach(stopTestEmulators);

  for (const name of NAMES_ON_OBJECT_PROTOTYPE) {
    it(`answers 400 InvalidParameter to the workspace id "${name}" (ids are GUIDs), for GET, PATCH and DELETE`, async () => {
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const answer = await call(emulator, method, `/workspaces/${name}`, method === 'PATCH' ? { displayName: 'Hijacked' } : undefined);
        assert.equal(answer.status, 400, `${method}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.errorCode, 'InvalidParameter');
        assert.match(answer.body.message, /workspaceId.*GUID/);
      }
    });
  }

  it('leaves nothing behind after a PATCH of __proto__, across a restart', async () => {
    await call(emulator, 'PATCH', '/workspaces/__proto__', { displayName: 'Hijacked' });
    await emulator.close();
    const again = await startTestEmulator({ dataDir: dir, sample: false });
    const workspaces = await listAll(again, '/workspaces');
    assert.deepEqual(workspaces, []);
  });

  it('checks every id in a path: item, job instance, schedule and operation ids', async () => {
    const ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Ids' })).body.id;
    const item = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Nb', type: 'Notebook' })).body.id;
    for (const path of [
      `/workspaces/${ws}/items/constructor`,
      `/workspaces/${ws}/items/${item}/jobs/instances/toString`,
      `/workspaces/${ws}/items/${item}/jobs/Execute/schedules/__proto__`,
      '/operations/__proto__',
    ]) {
      const answer = await call(emulator, 'GET', path);
      assert.equal(answer.status, 400, path);
      assert.equal(answer.body.errorCode, 'InvalidParameter', path);
    }
  });

  it('answers 400 InvalidParameter, not 500, to a path with bad percent-encoding', async () => {
    const ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Encoding' })).body.id;
    const answer = await call(emulator, 'GET', `/workspaces/${ws}/items/%E0%A4%A`);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidParameter');
  });

  it('refuses a body nested deeper than 64 levels with 400 InvalidRequest, and the store stays writable', async () => {
    const description = `${'{"nested":'.repeat(10_000)}"leaf"${'}'.repeat(10_000)}`;
    const response = await fetch(`${emulator.baseUrl}/workspaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' },
      body: `{"displayName":"Deep","description":${description}}`,
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { errorCode: string }).errorCode, 'InvalidRequest');
    assert.equal((await call(emulator, 'POST', '/workspaces', { displayName: 'Shallow' })).status, 201);
  });

  it('reads a JSON body that starts with a UTF-8 byte order mark, as a file saved by PowerShell 5 or Notepad does', async () => {
    const response = await fetch(`${emulator.baseUrl}/workspaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' },
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"displayName":"With BOM"}')]),
    });
    assert.equal(response.status, 201, await response.clone().text());
    assert.equal(((await response.json()) as { displayName: string }).displayName, 'With BOM');
  });

  it('refuses a body that is not valid UTF-8 with 400 InvalidRequest rather than storing replacement characters', async () => {
    const response = await fetch(`${emulator.baseUrl}/workspaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"displayName":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { errorCode: string }).errorCode, 'InvalidRequest');
    assert.deepEqual(await listAll(emulator, '/workspaces'), []);
  });

  it('answers 400 InvalidInput to a workspace description that is not a string', async () => {
    const answer = await call(emulator, 'POST', '/workspaces', { displayName: 'Described', description: { text: 'no' } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidInput');
    assert.deepEqual(await listAll(emulator, '/workspaces'), []);
  });

  it('finds no record through the prototype chain in the store', () => {
    const store = Store.open(tempDir());
    try {
      for (const name of NAMES_ON_OBJECT_PROTOTYPE) {
        assert.equal(store.workspace(name), undefined, name);
        assert.equal(store.job(name), undefined, name);
        assert.equal(store.definition(name), undefined, name);
      }
    } finally {
      store.close();
    }
  });
});
