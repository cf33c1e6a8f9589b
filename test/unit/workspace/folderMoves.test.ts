import * as assert from 'node:assert/strict';
import { executeMove, isRefusal, planMove, type Movable } from '../../../src/workspace/folderMoves';
import { folderPath, layOutFolders } from '../../../src/workspace/folderLayout';
import type { Folder, Item } from '../../../src/fabric/types';
import { startFixture, type Fixture } from './emulatorFixture';

const folder = (id: string, parentFolderId?: string): Folder => ({ id, displayName: id.toUpperCase(), workspaceId: 'w', parentFolderId });
const FOLDERS = [folder('a'), folder('b', 'a'), folder('c', 'b'), folder('d')];
const movable = (kind: Movable['kind'], id: string, folderId?: string, workspaceId = 'w'): Movable => ({
  kind,
  id,
  folderId,
  workspaceId,
  name: id.toUpperCase(),
});

describe('Moving items and folders', () => {
  it('refuses a folder into itself or below itself, and a move out of the workspace, before any request', () => {
    assert.deepEqual(planMove([movable('folder', 'a')], 'w', 'c', FOLDERS), { reason: 'cycle', name: 'A' });
    assert.deepEqual(planMove([movable('folder', 'b', 'a')], 'w', 'b', FOLDERS), { reason: 'cycle', name: 'B' });
    assert.deepEqual(planMove([movable('item', 'x', undefined, 'other')], 'w', 'a', FOLDERS), { reason: 'otherWorkspace', name: 'X' });
  });

  it('leaves out what is already there', () => {
    const plan = planMove([movable('item', 'x', 'd'), movable('item', 'y'), movable('folder', 'b', 'a'), movable('folder', 'a')], 'w', 'd', FOLDERS);
    assert.ok(!isRefusal(plan));
    assert.deepEqual(plan, { workspaceId: 'w', targetFolderId: 'd', itemIds: ['y'], folderIds: ['b', 'a'] });
  });

  it('lays out and names folder paths, even from a listing with a loop', () => {
    assert.equal(folderPath(FOLDERS, 'c'), 'A/B/C');
    const looped = [folder('p', 'q'), folder('q', 'p')];
    assert.doesNotThrow(() => layOutFolders(looped, [], (n) => n === 'P').folders(undefined));
    const item = { id: 'i', displayName: 'Lost', type: 'Notebook', workspaceId: 'w', folderId: 'gone' } as Item;
    assert.deepEqual(layOutFolders(FOLDERS, [item]).items(undefined), [item], 'an item in a folder the listing lacks shows at the root');
  });

  describe('against the emulator', () => {
    let fx: Fixture;
    after(() => fx?.close());

    it('moves the items in bulk and the folders one by one', async () => {
      fx = await startFixture();
      const ws = (await fx.client.createWorkspace({ displayName: 'Moves' })).id;
      const target = await fx.client.createFolder(ws, { displayName: 'Target' });
      const moved = await fx.client.createFolder(ws, { displayName: 'Moved' });
      const items = [];
      for (let i = 0; i < 3; i++) items.push(await fx.client.createItem(ws, { displayName: `N${i}`, type: 'Notebook' }));
      const folders: Folder[] = [];
      for await (const f of fx.client.listFolders(ws)) folders.push(f);
      const plan = planMove([...items.map((i) => movable('item', i.id, undefined, ws)), movable('folder', moved.id, undefined, ws)], ws, target.id, folders);
      assert.ok(!isRefusal(plan));
      await executeMove(fx.counted, plan);
      assert.equal(fx.calls.get('moveItems'), 1, 'one bulk move for the items');
      for (const item of items) assert.equal((await fx.client.getItem(ws, item.id)).folderId, target.id);
      assert.equal((await fx.client.getFolder(ws, moved.id)).parentFolderId, target.id);
    });
  });
});
