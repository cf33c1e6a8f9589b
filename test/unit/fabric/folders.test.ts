// The client's folder, move and workspace calls against the emulator on 127.0.0.1.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { BULK_MOVE_LIMIT, isFabricError, type FabricClient } from '../../../src/fabric';
import { startTestEmulator, stopTestEmulators } from '../emulator/emulatorHarness';
import { collect, TEST_TOKEN, testClient } from './testClient';

describe('FabricClient folders, moves and workspaces', () => {
  let emulator: Emulator;
  let client: FabricClient;
  let ws: string;
  const names = (records: { displayName: string }[]) => records.map((r) => r.displayName).sort();

  before(async () => {
    emulator = await startTestEmulator({ sample: false, lroMode: 'sync', pageSize: 2, token: TEST_TOKEN });
  });
  beforeEach(async () => {
    // A client each: its rate limiter would hold the later tests back after the bulk move's hundred calls.
    client = testClient(emulator.baseUrl).client;
    ws = (await client.createWorkspace({ displayName: `Client folders ${Math.random()}` })).id;
  });
  after(stopTestEmulators);

  it('creates, gets, renames, moves and deletes folders, and lists them page by page by rootFolderId and recursive', async () => {
    const sales = await client.createFolder(ws, { displayName: 'Sales' });
    const y2024 = await client.createFolder(ws, { displayName: 'Y2024', parentFolderId: sales.id });
    const q1 = await client.createFolder(ws, { displayName: 'Q1', parentFolderId: y2024.id });
    await client.createFolder(ws, { displayName: 'Other' });
    assert.deepEqual(await client.getFolder(ws, q1.id), q1);
    assert.deepEqual(names(await collect(client.listFolders(ws))), ['Other', 'Q1', 'Sales', 'Y2024']);
    assert.deepEqual(names(await collect(client.listFolders(ws, { recursive: false }))), ['Other', 'Sales']);
    assert.deepEqual(names(await collect(client.listFolders(ws, { rootFolderId: sales.id }))), ['Q1', 'Y2024']);
    assert.deepEqual(names(await collect(client.listFolders(ws, { rootFolderId: sales.id, recursive: false }))), ['Y2024']);

    assert.equal((await client.renameFolder(ws, q1.id, 'First quarter')).displayName, 'First quarter');
    assert.equal((await client.moveFolder(ws, q1.id, sales.id)).parentFolderId, sales.id);
    assert.equal((await client.moveFolder(ws, q1.id, undefined)).parentFolderId, undefined);
    await client.deleteFolder(ws, q1.id);
    await assert.rejects(client.getFolder(ws, q1.id), { errorCode: 'FolderNotFound' });
  });

  it('creates items in a folder, lists them by folder and moves them one at a time', async () => {
    const folder = await client.createFolder(ws, { displayName: 'Bronze' });
    const inFolder = await client.createItem(ws, { displayName: 'Load', type: 'Notebook', folderId: folder.id });
    const atRoot = await client.createItem(ws, { displayName: 'Top', type: 'Notebook' });
    assert.equal(inFolder.folderId, folder.id);
    assert.equal((await client.getItem(ws, inFolder.id)).folderId, folder.id);
    assert.deepEqual(names(await collect(client.listItems(ws, { rootFolderId: folder.id }))), ['Load']);
    assert.deepEqual(names(await collect(client.listItems(ws, { recursive: false }))), ['Top']);

    const moved = await client.moveItem(ws, atRoot.id, folder.id);
    assert.deepEqual(
      moved.map((i) => [i.id, i.folderId]),
      [[atRoot.id, folder.id]],
    );
    assert.deepEqual(names(await collect(client.listItems(ws, { rootFolderId: folder.id, type: 'Notebook' }))), ['Load', 'Top']);
  });

  it(`moves many items at most ${BULK_MOVE_LIMIT} a request`, async () => {
    const folder = await client.createFolder(ws, { displayName: 'Many' });
    const ids: string[] = [];
    for (let i = 0; i < 2 * BULK_MOVE_LIMIT + 3; i++) ids.push((await client.createItem(ws, { displayName: `Item ${i}`, type: 'Lakehouse' })).id);
    emulator.stats.reset();
    const moved = await client.moveItems(ws, [...ids, ids[0]!], folder.id);
    assert.equal(emulator.stats.byRoute['POST /v1/workspaces/{id}/items/bulkMove'], 3);
    assert.deepEqual(moved.map((i) => i.id).sort(), [...ids].sort());
    assert.equal((await collect(client.listItems(ws, { rootFolderId: folder.id }))).length, ids.length);
  });

  it('refuses deleting a folder that is not empty with a message that says what to do, and deletes nothing', async () => {
    const folder = await client.createFolder(ws, { displayName: 'Full' });
    await client.createFolder(ws, { displayName: 'Inside', parentFolderId: folder.id });
    const error = await client.deleteFolder(ws, folder.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isFabricError(error));
    assert.equal(error.errorCode, 'FolderNotEmpty');
    assert.match(error.userMessage, /not empty.*Move or delete its items and subfolders first/);
    assert.equal((await client.getFolder(ws, folder.id)).id, folder.id);
  });

  it('says clearly why a folder name or place is refused', async () => {
    const a = await client.createFolder(ws, { displayName: 'A' });
    const child = await client.createFolder(ws, { displayName: 'Child', parentFolderId: a.id });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => assert.fail('accepted'),
        (e: unknown) => (isFabricError(e) ? e.userMessage : String(e)),
      );
    assert.match(await refusal(client.createFolder(ws, { displayName: 'a' })), /already exists in the same place/);
    assert.match(await refusal(client.createFolder(ws, { displayName: 'a.b' })), /name is not allowed/);
    assert.match(await refusal(client.moveFolder(ws, a.id, child.id)), /cannot be moved into itself or into one of its subfolders/);
    assert.match(await refusal(client.createFolder(ws, { displayName: 'X', parentFolderId: '00000000-0000-0000-0000-000000000000' })), /folder was not found/);
  });

  it('renames and deletes a workspace', async () => {
    assert.equal((await client.updateWorkspace(ws, { displayName: 'Renamed workspace' })).displayName, 'Renamed workspace');
    assert.equal((await client.getWorkspace(ws)).displayName, 'Renamed workspace');
    await client.deleteWorkspace(ws);
    await assert.rejects(client.getWorkspace(ws), { errorCode: 'WorkspaceNotFound' });
  });
});
