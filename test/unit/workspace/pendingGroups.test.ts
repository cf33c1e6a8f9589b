import * as assert from 'node:assert/strict';
import type { PendingChange, PendingItem } from '../../../src/workspace/PendingChanges';
import { groupByItem } from '../../../src/workspace/pendingGroups';

const item = (id: string, displayName: string, type = 'DataPipeline', workspaceId = 'w1'): PendingItem => ({ workspaceId, id, displayName, type });

function change(of: PendingItem, path: string): PendingChange {
  return { connection: 'c', item: of, path, content: new Uint8Array(), base: 'f', reason: { kind: 'staged' }, savedAt: 1 };
}

describe('groupByItem: the pending changes as the Source Control view lists them', () => {
  it('lists each item once with its changed parts: items by name (then type and id), parts by path', () => {
    const load = item('i1', 'Load');
    const loadNotebook = item('i2', 'Load', 'Notebook');
    const clean = item('i3', 'Clean');
    const twin = item('i0', 'Clean', 'DataPipeline', 'w2');
    const groups = groupByItem([
      change(load, 'z.json'),
      change(loadNotebook, 'notebook-content.py'),
      change(clean, 'b.json'),
      change(load, 'a.json'),
      change(twin, 'x.json'),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.item.workspaceId, g.item.displayName, g.item.type, g.parts.map((p) => p.path)]),
      [
        ['w2', 'Clean', 'DataPipeline', ['x.json']],
        ['w1', 'Clean', 'DataPipeline', ['b.json']],
        ['w1', 'Load', 'DataPipeline', ['a.json', 'z.json']],
        ['w1', 'Load', 'Notebook', ['notebook-content.py']],
      ],
    );
  });

  it('lists nothing when nothing is pending', () => {
    assert.deepEqual(groupByItem([]), []);
  });
});
