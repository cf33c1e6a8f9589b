import assert from 'node:assert/strict';
import { Operations, RETENTION_MS } from '../../../src/emulator/operations';

describe('emulator long-running operations', () => {
  it('forgets a finished operation and its result once the retention window has passed, without being asked', () => {
    let now = 1_000_000;
    const operations = new Operations(() => 2000, () => now);
    const read = operations.start({ definition: { parts: [] } });
    now += 2000 + RETENTION_MS - 1;
    assert.equal(operations.get(read.id), read, 'kept until the window ends');
    now += 1;
    assert.equal(operations.get(read.id), undefined, 'then unknown, as an id never issued');

    // Freed for good by later work, not only hidden: a long-running emulator's memory stays flat.
    const many = Array.from({ length: 1000 }, () => operations.start({ big: 'x'.repeat(1000) }));
    assert.equal(operations.size, 1000, 'the expired one was freed by the next start');
    now += 2000 + RETENTION_MS;
    const last = operations.start();
    assert.equal(operations.size, 1, 'only the new one');
    assert.equal(operations.get(many[0]!.id), undefined);
    assert.equal(operations.get(last.id), last);
  });

  it('keeps a running operation however long it runs', () => {
    let now = 0;
    const operations = new Operations(() => 3 * RETENTION_MS, () => now);
    const slow = operations.start();
    now += 3 * RETENTION_MS - 1;
    operations.start();
    assert.equal(operations.get(slow.id), slow);
    assert.equal(operations.state(slow).status, 'Running');
  });
});
