import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PendingChanges,
  UnreadablePendingChangesError,
  type PendingChange,
  type PendingReason,
  type PendingStorage,
} from '../../../src/workspace/PendingChanges';

/** Storage in memory, as a file would be: the last text saved, and what was set aside. */
class MemoryStorage implements PendingStorage {
  text: string | undefined;
  asides: string[] = [];
  saves = 0;
  async load() {
    return this.text;
  }
  async save(text: string) {
    this.saves++;
    this.text = text;
  }
  async setAside() {
    this.asides.push(this.text!);
    this.text = undefined;
    return `aside-${this.asides.length}`;
  }
}

const reasons: PendingReason[] = [
  { kind: 'waiting' },
  { kind: 'conflict' },
  { kind: 'invalid', problem: 'Expected comma (line 3)' },
  { kind: 'failed', message: 'Fabric answered 500' },
];

function change(overrides: Partial<PendingChange> = {}): PendingChange {
  return {
    connection: 'emulator http://127.0.0.1:5015/v1',
    item: { workspaceId: 'ws', id: 'item', displayName: 'Load', type: 'DataPipeline' },
    path: 'pipeline-content.json',
    content: new Uint8Array(Buffer.from('{ "mine": true }')),
    base: 'f0',
    reason: { kind: 'waiting' },
    savedAt: 1,
    ...overrides,
  };
}

const arbitraryChange = fc.record({
  connection: fc.constantFrom('emulator a', 'microsoft b tenant'),
  item: fc.record({
    workspaceId: fc.constantFrom('w1', 'w2'),
    id: fc.constantFrom('i1', 'i2', 'i3'),
    displayName: fc.string(),
    type: fc.constantFrom('DataPipeline', 'Notebook'),
  }),
  path: fc.constantFrom('pipeline-content.json', '.platform', 'a/b.json', 'é ü.json'),
  content: fc.uint8Array({ maxLength: 64 }),
  base: fc.string({ minLength: 1, maxLength: 8 }),
  reason: fc.constantFrom(...reasons),
  savedAt: fc.nat(),
});

describe('PendingChanges: saved text not in Fabric yet', () => {
  it('restores every entry it stored, byte for byte, in a new session', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryChange, { maxLength: 12 }), async (changes) => {
        const storage = new MemoryStorage();
        const first = new PendingChanges(storage);
        for (const c of changes) await first.set(c);
        const second = new PendingChanges(storage);
        await second.restore();
        const byKey = (list: PendingChange[]) => new Map(list.map((c) => [JSON.stringify([c.connection, c.item.workspaceId, c.item.id, c.path]), c]));
        const expected = byKey(changes); // the last save of a part wins
        const restored = byKey(second.list());
        assert.equal(restored.size, expected.size);
        for (const [key, c] of expected) {
          const r = restored.get(key)!;
          assert.deepEqual({ ...r, item: { ...r.item }, content: [...r.content] }, { ...c, item: { ...c.item }, content: [...c.content] });
        }
      }),
    );
  });

  it('keeps entries of every connection; a connection sees only its own', async () => {
    const store = new PendingChanges(new MemoryStorage());
    await store.set(change({ connection: 'a' }), change({ connection: 'b' }));
    assert.equal(store.list().length, 2);
    assert.deepEqual(
      store.list('a').map((c) => c.connection),
      ['a'],
    );
    assert.equal(store.get('b', { workspaceId: 'ws', id: 'item' }, 'pipeline-content.json')?.connection, 'b');
  });

  it('deletes or replaces an entry only if no newer save of the part replaced it', async () => {
    const store = new PendingChanges(new MemoryStorage());
    const older = change({ savedAt: 1 });
    await store.set(older);
    const newer = change({ savedAt: 2, content: new Uint8Array([1]) });
    await store.set(newer);
    await store.delete(older);
    await store.replace([[older, { ...older, reason: { kind: 'conflict' } }]]);
    assert.equal(store.list()[0], newer);
    await store.delete(newer);
    assert.equal(store.list().length, 0);
  });

  it('writes changes made while restoring after the restore, and they win over the stored entry', async () => {
    const storage = new MemoryStorage();
    const old = new PendingChanges(storage);
    await old.set(change({ path: 'kept.json' }), change({ content: new Uint8Array([1]) }));
    const store = new PendingChanges(storage);
    const restoring = store.restore();
    const writing = store.set(change({ content: new Uint8Array([2]) }));
    assert.equal(await restoring, 2);
    await writing;
    const reread = new PendingChanges(storage);
    await reread.restore();
    assert.deepEqual(
      reread
        .list()
        .map((c) => [c.path, [...c.content]])
        .sort(),
      [
        ['kept.json', [...change().content]],
        ['pipeline-content.json', [2]],
      ],
    );
  });

  it('sets aside stored text it cannot read rather than overwriting it', async () => {
    for (const text of ['{ not json', JSON.stringify({ version: 99, changes: [] }), JSON.stringify({ version: 1, changes: [{ connection: 'a' }] })]) {
      const storage = new MemoryStorage();
      storage.text = text;
      const store = new PendingChanges(storage);
      await assert.rejects(store.restore(), (error: unknown) => error instanceof UnreadablePendingChangesError && error.setAsideAt === 'aside-1');
      assert.deepEqual(storage.asides, [text]);
      await store.set(change());
      assert.deepEqual(storage.asides, [text], 'the unreadable text is still where it was set aside');
    }
  });

  it('reports every change to listeners', async () => {
    const store = new PendingChanges(new MemoryStorage());
    let fired = 0;
    const subscription = store.onDidChange(() => fired++);
    const c = change();
    await store.set(c);
    await store.delete(c);
    subscription.dispose();
    assert.equal(fired, 2);
  });
});
