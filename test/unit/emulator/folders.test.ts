import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { call, listAll, startTestEmulator, stopTestEmulators, tempDir, type Json } from './emulatorHarness';

describe('emulator folders', () => {
  let emulator: Emulator;
  let ws: string;
  const folders = (suffix = '') => `/workspaces/${ws}/folders${suffix}`;
  const createFolder = (displayName: string, parentFolderId?: string) => call(emulator, 'POST', folders(), { displayName, parentFolderId });
  const newFolder = async (displayName: string, parentFolderId?: string): Promise<Json> => {
    const answer = await createFolder(displayName, parentFolderId);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const newItem = async (displayName: string, folderId?: string): Promise<Json> => {
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName, type: 'Notebook', folderId });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const names = (records: Json[]) => records.map((r) => r.displayName).sort();

  beforeEach(async () => {
    emulator ??= await startTestEmulator({ pageSize: 2, sample: false, lroMode: 'sync' });
    ws = (await call(emulator, 'POST', '/workspaces', { displayName: `Folders ${Math.random()}` })).body.id;
  });
  after(stopTestEmulators);

  it('creates, gets, renames and deletes a folder', async () => {
    const sales = await newFolder('Sales');
    assert.deepEqual(sales, { id: sales.id, displayName: 'Sales', workspaceId: ws });
    const q1 = await newFolder('Q1', sales.id);
    assert.equal(q1.parentFolderId, sales.id);
    assert.deepEqual((await call(emulator, 'GET', folders(`/${q1.id}`))).body, q1);
    const renamed = await call(emulator, 'PATCH', folders(`/${q1.id}`), { displayName: 'First quarter' });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body, { ...q1, displayName: 'First quarter' });
    assert.equal((await call(emulator, 'DELETE', folders(`/${q1.id}`))).status, 200);
    const gone = await call(emulator, 'GET', folders(`/${q1.id}`));
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errorCode, 'FolderNotFound');
  });

  it('lists folders: all, under a root folder, direct children only, page by page with the filters kept', async () => {
    const sales = await newFolder('Sales');
    const y2024 = await newFolder('Y2024', sales.id);
    await newFolder('Q1', y2024.id);
    await newFolder('Q2', y2024.id);
    await newFolder('Marketing');
    assert.deepEqual(names(await listAll(emulator, folders())), ['Marketing', 'Q1', 'Q2', 'Sales', 'Y2024']);
    assert.deepEqual(names(await listAll(emulator, folders(`?rootFolderId=${sales.id}`))), ['Q1', 'Q2', 'Y2024']);
    assert.deepEqual(names(await listAll(emulator, folders(`?rootFolderId=${sales.id}&recursive=false`))), ['Y2024']);
    assert.deepEqual(names(await listAll(emulator, folders('?recursive=false'))), ['Marketing', 'Sales']);
    const first = await call(emulator, 'GET', folders(`?rootFolderId=${sales.id}`));
    assert.match(first.body.continuationUri, new RegExp(`rootFolderId=${sales.id}`));
    const unknown = await call(emulator, 'GET', folders('?rootFolderId=00000000-0000-0000-0000-000000000000'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errorCode, 'FolderNotFound');
    assert.equal((await call(emulator, 'GET', folders('?recursive=maybe'))).status, 400);
  });

  it('keeps names unique among siblings only (409 FolderDisplayNameAlreadyInUse), on create, rename and move', async () => {
    const a = await newFolder('A');
    const b = await newFolder('B');
    await newFolder('Shared', a.id);
    const shared = await newFolder('Shared', b.id);
    const again = await createFolder('shared', a.id);
    assert.equal(again.status, 409);
    assert.equal(again.body.errorCode, 'FolderDisplayNameAlreadyInUse');
    assert.equal((await call(emulator, 'PATCH', folders(`/${b.id}`), { displayName: 'a' })).body.errorCode, 'FolderDisplayNameAlreadyInUse');
    const move = await call(emulator, 'POST', folders(`/${shared.id}/move`), { targetFolderId: a.id });
    assert.equal(move.status, 409);
    assert.equal(move.body.errorCode, 'FolderDisplayNameAlreadyInUse');
    assert.equal((await call(emulator, 'GET', folders(`/${shared.id}`))).body.parentFolderId, b.id, 'nothing moved');
  });

  it('refuses names that break the folder name requirements (400 InvalidFolderDisplayName)', async () => {
    for (const name of ['', ' Lead', 'Trail ', 'a.b', 'a/b', 'a\\b', 'semi#', 'tab\tname', 'Recycler', 'x'.repeat(256)]) {
      const answer = await createFolder(name);
      assert.equal(answer.status, 400, name);
      assert.equal(answer.body.errorCode, 'InvalidFolderDisplayName', name);
    }
    assert.equal((await createFolder('x'.repeat(255))).status, 201);
    assert.equal((await listAll(emulator, folders())).length, 1, 'only the valid one was created');
  });

  it('nests folders at most ten deep (400 FolderDepthOutOfRange), on create and move', async () => {
    let parent: string | undefined;
    const chain: Json[] = [];
    for (let level = 1; level <= 10; level++) chain.push((parent = (await newFolder(`L${level}`, parent)).id));
    const tooDeep = await createFolder('L11', parent);
    assert.equal(tooDeep.status, 400);
    assert.equal(tooDeep.body.errorCode, 'FolderDepthOutOfRange');
    // A two-level tree moved under level 9 would reach level 11.
    const top = await newFolder('Top');
    await newFolder('Below', top.id);
    const move = await call(emulator, 'POST', folders(`/${top.id}/move`), { targetFolderId: chain[8] });
    assert.equal(move.body.errorCode, 'FolderDepthOutOfRange');
    assert.equal((await call(emulator, 'POST', folders(`/${top.id}/move`), { targetFolderId: chain[7] })).status, 200);
  });

  it('refuses moving a folder into itself or below itself (400 InfiniteFolderHierarchyLoop); moves it elsewhere and back to the root', async () => {
    const a = await newFolder('A');
    const child = await newFolder('Child', a.id);
    for (const target of [a.id, child.id]) {
      const answer = await call(emulator, 'POST', folders(`/${a.id}/move`), { targetFolderId: target });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errorCode, 'InfiniteFolderHierarchyLoop');
    }
    const b = await newFolder('B');
    const moved = await call(emulator, 'POST', folders(`/${a.id}/move`), { targetFolderId: b.id });
    assert.deepEqual(moved.body, { ...a, parentFolderId: b.id });
    const back = await call(emulator, 'POST', folders(`/${a.id}/move`), {});
    assert.deepEqual(back.body, a, 'at the root again, without parentFolderId');
  });

  it('deletes only an empty folder (400 FolderNotEmpty while it holds an item or a subfolder)', async () => {
    const a = await newFolder('A');
    const sub = await newFolder('Sub', a.id);
    const item = await newItem('In sub', sub.id);
    for (const folder of [a, sub]) {
      const answer = await call(emulator, 'DELETE', folders(`/${folder.id}`));
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errorCode, 'FolderNotEmpty');
    }
    assert.equal((await call(emulator, 'DELETE', `/workspaces/${ws}/items/${item.id}`)).status, 200);
    assert.equal((await call(emulator, 'DELETE', folders(`/${sub.id}`))).status, 200);
    assert.equal((await call(emulator, 'DELETE', folders(`/${a.id}`))).status, 200);
  });

  it('creates items in a folder and lists items by rootFolderId and recursive', async () => {
    const sales = await newFolder('Sales');
    const q1 = await newFolder('Q1', sales.id);
    const top = await newItem('Top');
    const inSales = await newItem('In sales', sales.id);
    await newItem('In Q1', q1.id);
    assert.equal(inSales.folderId, sales.id);
    assert.equal(top.folderId, undefined);
    assert.equal((await call(emulator, 'GET', `/workspaces/${ws}/items/${inSales.id}`)).body.folderId, sales.id);
    const items = (query: string) => listAll(emulator, `/workspaces/${ws}/items${query}`).then(names);
    assert.deepEqual(await items(''), ['In Q1', 'In sales', 'Top']);
    assert.deepEqual(await items('?recursive=false'), ['Top']);
    assert.deepEqual(await items(`?rootFolderId=${sales.id}`), ['In Q1', 'In sales']);
    assert.deepEqual(await items(`?rootFolderId=${sales.id}&recursive=false`), ['In sales']);
    assert.deepEqual(await items(`?rootFolderId=${q1.id}&type=Notebook`), ['In Q1']);
    const missing = await call(emulator, 'POST', `/workspaces/${ws}/items`, {
      displayName: 'Lost',
      type: 'Notebook',
      folderId: '00000000-0000-0000-0000-000000000000',
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errorCode, 'FolderNotFound');
    assert.deepEqual(await items(''), ['In Q1', 'In sales', 'Top'], 'nothing created');
  });

  it('takes an empty folder id for the root, as fabric-cicd sends it (folderId "" on create, targetFolderId "" on move)', async () => {
    const sales = await newFolder('Sales');
    const created = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Deployed', type: 'Notebook', folderId: '' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.folderId, undefined);
    await call(emulator, 'POST', `/workspaces/${ws}/items/${created.body.id}/move`, { targetFolderId: sales.id });
    const back = await call(emulator, 'POST', `/workspaces/${ws}/items/${created.body.id}/move`, { targetFolderId: '' });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal((await call(emulator, 'GET', `/workspaces/${ws}/items/${created.body.id}`)).body.folderId, undefined);
  });

  it('moves one item, and many at once, all or none, at most 50 a request', async () => {
    const target = await newFolder('Target');
    const one = await newItem('One');
    const two = await newItem('Two');
    const moved = await call(emulator, 'POST', `/workspaces/${ws}/items/${one.id}/move`, { targetFolderId: target.id });
    assert.equal(moved.status, 200);
    assert.deepEqual(moved.body, { value: [{ ...one, folderId: target.id }] });
    const bulk = await call(emulator, 'POST', `/workspaces/${ws}/items/bulkMove`, { items: [one.id, two.id] });
    assert.equal(bulk.status, 200);
    assert.deepEqual(bulk.body.value, [one, two], 'both at the root');
    const twice = await call(emulator, 'POST', `/workspaces/${ws}/items/bulkMove`, { items: [one.id, two.id, one.id] });
    assert.deepEqual(twice.body.value, [one, two], 'an item named twice is listed once');

    const withUnknown = await call(emulator, 'POST', `/workspaces/${ws}/items/bulkMove`, {
      targetFolderId: target.id,
      items: [one.id, '00000000-0000-0000-0000-000000000000'],
    });
    assert.equal(withUnknown.status, 404);
    assert.equal(withUnknown.body.errorCode, 'ItemNotFound');
    assert.equal((await call(emulator, 'GET', `/workspaces/${ws}/items/${one.id}`)).body.folderId, undefined, 'no item moved');

    const unknownFolder = await call(emulator, 'POST', `/workspaces/${ws}/items/${one.id}/move`, { targetFolderId: '00000000-0000-0000-0000-000000000000' });
    assert.equal(unknownFolder.body.errorCode, 'FolderNotFound');

    const tooMany = await call(emulator, 'POST', `/workspaces/${ws}/items/bulkMove`, {
      targetFolderId: target.id,
      items: Array.from({ length: 51 }, () => one.id),
    });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.message, /50 items/);
  });

  it('deleting a workspace deletes its folders', async () => {
    const folder = await newFolder('Doomed');
    assert.equal((await call(emulator, 'DELETE', `/workspaces/${ws}`)).status, 200);
    assert.equal((await call(emulator, 'GET', folders(`/${folder.id}`))).status, 404);
  });
});

describe('emulator folders persisted', () => {
  after(stopTestEmulators);

  it('keeps folders and items in them across a restart', async () => {
    const dataDir = tempDir();
    const first = await startTestEmulator({ dataDir, sample: false, lroMode: 'sync' });
    const ws = (await call(first, 'POST', '/workspaces', { displayName: 'Kept' })).body.id;
    const folder = (await call(first, 'POST', `/workspaces/${ws}/folders`, { displayName: 'Kept folder' })).body;
    const item = (await call(first, 'POST', `/workspaces/${ws}/items`, { displayName: 'Kept item', type: 'Notebook', folderId: folder.id })).body;
    await first.close();
    const second = await startTestEmulator({ dataDir, sample: false, lroMode: 'sync', token: first.token });
    assert.deepEqual((await call(second, 'GET', `/workspaces/${ws}/folders/${folder.id}`)).body, folder);
    assert.equal((await call(second, 'GET', `/workspaces/${ws}/items/${item.id}`)).body.folderId, folder.id);
  });
});
