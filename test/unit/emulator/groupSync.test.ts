// The journal's group commit: changes written together share one fdatasync, none is durable (or
// answered) before it, and a failed sync takes back every change it covered.
import assert from 'node:assert/strict';
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Persistence, type Disk } from '../../../src/emulator/persistence';
import { tempDir } from './emulatorHarness';

class CountingDisk implements Disk {
  syncs = 0;
  failSync = false;
  write(fd: number, buffer: Buffer, offset: number, length: number): number {
    return writeSync(fd, buffer, offset, length);
  }
  sync(): void {
    this.syncs++;
    if (this.failSync) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
  }
}

const journal = (dir: string) => readFileSync(join(dir, 'journal.ndjson'), 'utf8').split('\n').filter(Boolean);

describe('emulator journal: group sync', () => {
  it('syncs the changes written together once, and only after they were all written', async () => {
    const dir = tempDir();
    const disk = new CountingDisk();
    const { persistence } = Persistence.open(dir, { disk });
    const before = disk.syncs;
    for (let n = 0; n < 10; n++) persistence.commit([{ c: 'workspaces', id: `w${n}`, v: { n } }]);
    assert.equal(disk.syncs, before, 'no sync while the batch is written');
    await persistence.durable();
    assert.equal(disk.syncs, before + 1, 'one sync for the ten changes');
    assert.equal(journal(dir).length, 10);
    persistence.close();
    const reopened = Persistence.open(dir).persistence;
    assert.equal(Object.keys(reopened.data.workspaces!).length, 10);
    reopened.close();
  });

  it('takes back every change of a group whose sync failed: the journal and the data are as before it', async () => {
    const dir = tempDir();
    const disk = new CountingDisk();
    const { persistence } = Persistence.open(dir, { disk });
    persistence.commit([{ c: 'workspaces', id: 'kept', v: { name: 'kept' } }]);
    await persistence.durable();
    const reverted: string[] = [];
    persistence.onRevert = (changes) => reverted.push(...changes.map(({ change }) => change.id));

    disk.failSync = true;
    persistence.commit([{ c: 'workspaces', id: 'kept', v: { name: 'renamed' } }]);
    persistence.commit([
      { c: 'workspaces', id: 'new', v: { name: 'new' } },
      { c: 'workspaces', id: 'kept' },
    ]);
    await assert.rejects(persistence.durable(), /The disk failed \(EIO/);
    assert.deepEqual({ ...persistence.data.workspaces }, { kept: { name: 'kept' } });
    assert.deepEqual(reverted, ['kept', 'new', 'kept'], 'newest first');
    assert.equal(journal(dir).length, 1);

    disk.failSync = false;
    persistence.commit([{ c: 'workspaces', id: 'after', v: { name: 'after' } }]);
    await persistence.durable();
    persistence.close();
    const reopened = Persistence.open(dir).persistence;
    assert.deepEqual(Object.keys(reopened.data.workspaces!).sort(), ['after', 'kept']);
    assert.deepEqual(reopened.data.workspaces!.kept, { name: 'kept' });
    reopened.close();
  });
});
