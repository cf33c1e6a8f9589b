import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { call, startTestEmulator, stopTestEmulators, waitForOperation, type Json } from './emulatorHarness';

describe('emulator items', () => {
  let emulator: Emulator;
  let ws: string;

  const create = (body: Json, collection = 'items') => call(emulator, 'POST', `/workspaces/${ws}/${collection}`, body);

  before(async () => {
    emulator = await startTestEmulator({ pageSize: 2, sample: false, lroMode: 'sync' });
    ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Items' })).body.id;
  });
  after(stopTestEmulators);

  it('creates, gets, updates and deletes an item', async () => {
    const created = await create({ displayName: 'Report prep', type: 'Notebook', description: 'first' });
    assert.equal(created.status, 201);
    const { id, ...fields } = created.body;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(fields, { displayName: 'Report prep', type: 'Notebook', description: 'first', workspaceId: ws });
    const url = `/workspaces/${ws}/items/${id}`;

    assert.deepEqual((await call(emulator, 'GET', url)).body, created.body);

    const patched = await call(emulator, 'PATCH', url, { displayName: 'Report prep 2' });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.displayName, 'Report prep 2');
    assert.equal(patched.body.description, 'first');

    const empty = await call(emulator, 'PATCH', url, {});
    assert.equal(empty.status, 400);
    assert.equal(empty.body.errorCode, 'InvalidRequest');

    assert.equal((await call(emulator, 'DELETE', url)).status, 200);
    const gone = await call(emulator, 'GET', url);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errorCode, 'ItemNotFound');
  });

  it('refuses a second item of the same type and name (400 ItemDisplayNameAlreadyInUse); another type may share the name', async () => {
    assert.equal((await create({ displayName: 'Shared name', type: 'Notebook' })).status, 201);
    const again = await create({ displayName: 'shared NAME', type: 'Notebook' });
    assert.equal(again.status, 400);
    assert.equal(again.body.errorCode, 'ItemDisplayNameAlreadyInUse');
    assert.equal((await create({ displayName: 'Shared name', type: 'DataPipeline' })).status, 201);
  });

  it('refuses renaming an item to a name its type already uses', async () => {
    const other = (await create({ displayName: 'To rename', type: 'Notebook' })).body;
    const answer = await call(emulator, 'PATCH', `/workspaces/${ws}/items/${other.id}`, { displayName: 'Shared name' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'ItemDisplayNameAlreadyInUse');
  });

  it('refuses an unknown item type with 400 InvalidItemType, on create and in the type filter', async () => {
    const created = await create({ displayName: 'Sheet', type: 'Spreadsheet' });
    assert.equal(created.status, 400);
    assert.equal(created.body.errorCode, 'InvalidItemType');
    const listed = await call(emulator, 'GET', `/workspaces/${ws}/items?type=Spreadsheet`);
    assert.equal(listed.status, 400);
    assert.equal(listed.body.errorCode, 'InvalidItemType');
  });

  it('refuses a definition together with a creationPayload', async () => {
    const answer = await create({ displayName: 'Both', type: 'Lakehouse', definition: { parts: [] }, creationPayload: { enableSchemas: true } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'RequestWithDefinitionAndCreationPayloadNotSupported');
  });

  it('refuses a description over 256 characters', async () => {
    const answer = await create({ displayName: 'Wordy', type: 'Notebook', description: 'x'.repeat(257) });
    assert.equal(answer.status, 400);
  });

  it('filters by type and pages the filtered list, keeping the filter in continuationUri', async () => {
    for (const name of ['N1', 'N2', 'N3']) await create({ displayName: name, type: 'Notebook' });
    const names: string[] = [];
    let page = (await call(emulator, 'GET', `/workspaces/${ws}/items?type=Notebook`)).body;
    for (;;) {
      assert.ok(page.value.every((i: Json) => i.type === 'Notebook'));
      names.push(...page.value.map((i: Json) => i.displayName));
      if (!page.continuationUri) break;
      assert.equal(new URL(page.continuationUri).searchParams.get('type'), 'Notebook');
      page = (await call(emulator, 'GET', page.continuationUri)).body;
    }
    assert.equal(new Set(names).size, names.length);
    assert.ok(
      ['N1', 'N2', 'N3', 'Shared name', 'To rename'].every((n) => names.includes(n)),
      names.join(),
    );
  });

  it('lists only notebooks under /notebooks and hides other types behind the alias (404 ItemNotFound)', async () => {
    const pipeline = (await create({ displayName: 'Loader', type: 'DataPipeline' })).body;
    const all: Json[] = [];
    let page = (await call(emulator, 'GET', `/workspaces/${ws}/notebooks`)).body;
    for (;;) {
      all.push(...page.value);
      if (!page.continuationUri) break;
      page = (await call(emulator, 'GET', page.continuationUri)).body;
    }
    assert.ok(all.length >= 5);
    assert.ok(all.every((i) => i.type === 'Notebook'));

    const throughAlias = await call(emulator, 'GET', `/workspaces/${ws}/notebooks/${pipeline.id}`);
    assert.equal(throughAlias.status, 404);
    assert.equal(throughAlias.body.errorCode, 'ItemNotFound');
    const throughItsAlias = await call(emulator, 'GET', `/workspaces/${ws}/dataPipelines/${pipeline.id}`);
    assert.equal(throughItsAlias.status, 200);
    assert.equal(throughItsAlias.body.type, 'DataPipeline');
    const renameThroughAlias = await call(emulator, 'PATCH', `/workspaces/${ws}/notebooks/${pipeline.id}`, { displayName: 'Hijacked' });
    assert.equal(renameThroughAlias.status, 404);
  });

  it("creates the alias's type through the alias", async () => {
    const answer = await create({ displayName: 'Via alias' }, 'notebooks');
    assert.equal(answer.status, 201);
    assert.equal(answer.body.type, 'Notebook');
  });

  it('keeps workspaces apart: an item is not found through another workspace', async () => {
    const item = (await create({ displayName: 'Mine', type: 'Notebook' })).body;
    const other = (await call(emulator, 'POST', '/workspaces', { displayName: 'Other' })).body.id;
    const answer = await call(emulator, 'GET', `/workspaces/${other}/items/${item.id}`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.errorCode, 'ItemNotFound');
    const unknownWorkspace = await call(emulator, 'GET', `/workspaces/00000000-0000-0000-0000-0000000000ff/items`);
    assert.equal(unknownWorkspace.status, 404);
    assert.equal(unknownWorkspace.body.errorCode, 'WorkspaceNotFound');
  });

  it("deletes a workspace's items with it", async () => {
    const doomed = (await call(emulator, 'POST', '/workspaces', { displayName: 'Doomed' })).body.id;
    const item = (await call(emulator, 'POST', `/workspaces/${doomed}/items`, { displayName: 'Orphan', type: 'Notebook' })).body;
    await call(emulator, 'DELETE', `/workspaces/${doomed}`);
    const again = (await call(emulator, 'POST', '/workspaces', { displayName: 'Doomed' })).body.id;
    assert.equal((await call(emulator, 'GET', `/workspaces/${again}/items/${item.id}`)).status, 404);
    assert.deepEqual((await call(emulator, 'GET', `/workspaces/${again}/items`)).body, { value: [] });
  });
});

describe('emulator items, asynchronous create', () => {
  after(stopTestEmulators);

  it("answers 202 with Location, x-ms-operation-id and Retry-After; the operation's result is the new item", async () => {
    const emulator = await startTestEmulator({ sample: false, faults: 'lro=50ms' });
    const ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Async' })).body.id;
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Later', type: 'Notebook' });
    assert.equal(answer.status, 202);
    assert.equal(answer.body, undefined);
    const operationId = answer.headers.get('x-ms-operation-id');
    assert.equal(answer.headers.get('location'), `${emulator.baseUrl}/operations/${operationId}`);
    assert.ok(Number(answer.headers.get('retry-after')) > 0);

    const done = await waitForOperation(emulator, answer.headers.get('location')!);
    assert.equal(done.body.status, 'Succeeded');
    const result = await call(emulator, 'GET', done.headers.get('location')!);
    assert.equal(result.status, 200);
    assert.equal(result.body.displayName, 'Later');
    assert.deepEqual((await call(emulator, 'GET', `/workspaces/${ws}/items/${result.body.id}`)).body, result.body);
  });
});
