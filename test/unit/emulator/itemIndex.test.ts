import assert from 'node:assert/strict';
import { ItemIndex } from '../../../src/emulator/itemIndex';
import { seededRandom } from '../../../src/emulator/random';
import type { Item } from '../../../src/fabric/types';

describe('emulator item index', () => {
  it('answers as a scan of every item would, through creates, renames and deletes (and when rebuilt)', () => {
    const random = seededRandom(7);
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)]!;
    // The reference: every item in one object, in insertion order, as the store held them before the index.
    const all: Record<string, Item> = {};
    const index = new ItemIndex([]);
    const workspaces = ['w1', 'w2', 'w3'];
    const names = ['A', 'a', 'B', 'C'];
    for (let step = 0; step < 600; step++) {
      const existing = Object.values(all);
      const roll = random();
      if (roll < 0.5 || existing.length === 0) {
        const item: Item = {
          id: `i${step}`,
          type: pick(['Notebook', 'DataPipeline']),
          displayName: `${pick(names)}${step}`,
          description: '',
          workspaceId: pick(workspaces),
        };
        index.update(undefined, item);
        all[item.id] = item;
      } else if (roll < 0.8) {
        const before = pick(existing);
        const after = { ...before, displayName: `${pick(names)}${step}` };
        index.update(before, after);
        all[after.id] = after;
      } else {
        const before = pick(existing);
        index.update(before, undefined);
        delete all[before.id];
      }
      for (const workspaceId of workspaces) {
        const scanned = Object.values(all).filter((i) => i.workspaceId === workspaceId);
        assert.deepEqual(index.items(workspaceId), scanned, `step ${step}`);
        const probe = pick(scanned.length ? scanned : [{ type: 'Notebook', displayName: 'none' } as Item]);
        const name = random() < 0.5 ? probe.displayName.toUpperCase() : probe.displayName;
        assert.equal(
          index.named(workspaceId, probe.type, name),
          scanned.find((i) => i.type === probe.type && i.displayName.toLowerCase() === name.toLowerCase()),
        );
      }
    }
    const rebuilt = new ItemIndex(Object.values(all));
    for (const workspaceId of workspaces) assert.deepEqual(rebuilt.items(workspaceId), index.items(workspaceId));
  });
});
