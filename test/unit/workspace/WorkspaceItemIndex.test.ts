import assert from 'node:assert/strict';
import type { Folder, Item, Page } from '../../../src/fabric/types';
import type { ExplorerClient } from '../../../src/workspace/explorerClient';
import { WorkspaceItemIndex } from '../../../src/workspace/WorkspaceItemIndex';

/** A client whose listings come in two pages each and are counted. */
function listingClient(folders: Folder[], items: Item[]) {
  const calls: string[] = [];
  const pages = <T>(values: T[], token: string | undefined): Page<T> =>
    token ? { value: values.slice(1) } : { value: values.slice(0, 1), continuationToken: values.length > 1 ? 'next' : undefined };
  const client = {
    listFoldersPage: async (_ws: string, options?: { continuationToken?: string }) => {
      calls.push(`folders ${options?.continuationToken ?? 'first'}`);
      return pages(folders, options?.continuationToken);
    },
    listItems: async function* () {
      calls.push('items');
      yield* items;
    },
  } as unknown as ExplorerClient;
  return { client, calls };
}

describe('WorkspaceItemIndex: the listings behind the fabricwb file system', () => {
  const sales: Folder = { id: 'f1', displayName: 'Sales', workspaceId: 'ws' };
  const bronze: Folder = { id: 'f2', displayName: 'Bronze', workspaceId: 'ws', parentFolderId: 'f1' };
  const load: Item = { id: 'i1', displayName: 'Load', type: 'DataPipeline', workspaceId: 'ws', folderId: 'f2' };

  it('lists the items and every page of folders once, shared by concurrent callers', async () => {
    const { client, calls } = listingClient([sales, bronze], [load]);
    const index = new WorkspaceItemIndex(() => client);
    const [a, b] = await Promise.all([index.paths('ws'), index.paths('ws')]);
    assert.equal(a, b);
    assert.equal(a.itemPath(load), 'Sales/Bronze/Load.DataPipeline');
    assert.deepEqual(calls.sort(), ['folders first', 'folders next', 'items']);
  });

  it("answers an item's path at once from the last listing, through an invalidation, and records changes", async () => {
    const { client, calls } = listingClient([sales, bronze], [load]);
    const index = new WorkspaceItemIndex(() => client);
    assert.equal(index.itemPath(load), 'Load.DataPipeline', 'before any listing: the root');
    await index.paths('ws');
    index.invalidate();
    assert.equal(index.itemPath(load), 'Sales/Bronze/Load.DataPipeline', 'the last listing still answers');
    await index.paths('ws');
    await index.update('ws', (paths) => paths.withItem({ added: { ...load, folderId: 'f1' } }));
    assert.equal(index.itemPath(load), 'Sales/Load.DataPipeline');
    assert.equal((await index.paths('ws')).itemAt(['Sales'], 'Load.DataPipeline')?.id, 'i1');
    assert.equal(calls.filter((c) => c === 'items').length, 2, 'the update needs no listing');
  });
});
