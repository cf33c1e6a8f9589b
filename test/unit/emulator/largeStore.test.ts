// A data folder holding more than V8's longest string (about 512 MB) must load again: the journal
// and the snapshot are read and written a record at a time. Before, six 100 MB creates made a
// store that could never load ("Cannot create a string longer than 0x1fffffe8 characters").
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Persistence } from '../../../src/emulator/persistence';
import { tempDir } from './emulatorHarness';

const RECORDS = 10;
const RECORD_CHARS = 60 * 1024 * 1024; // under the 64 MB body limit, as a definition could be
const V8_MAX_STRING = 0x1fffffe8;

function digest(data: Record<string, Record<string, unknown>>): string {
  const hash = createHash('sha256');
  for (const id of Object.keys(data.items ?? {}).sort()) hash.update(id).update(String((data.items![id] as { payload: string }).payload));
  return hash.digest('hex');
}

describe('emulator persistence of a store larger than the longest string', function () {
  this.timeout(300_000);
  let dir: string;
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads its journal, writes its snapshot and loads that again, record by record', () => {
    dir = tempDir();
    const notices: string[] = [];
    const { persistence } = Persistence.open(dir, { log: (m) => notices.push(m) });
    for (let i = 0; i < RECORDS; i++) {
      const payload = String.fromCharCode(97 + i).repeat(RECORD_CHARS);
      persistence.commit([{ c: 'items', id: `item-${i}`, v: { payload } }]);
    }
    const written = digest(persistence.data);
    persistence.close();
    assert.ok(statSync(join(dir, 'journal.ndjson')).size > V8_MAX_STRING, 'the journal is larger than one string can be');

    // Replays the journal, then compacts it into a snapshot.
    const reopened = Persistence.open(dir, { log: (m) => notices.push(m) });
    assert.equal(digest(reopened.persistence.data), written);
    reopened.persistence.close();
    assert.deepEqual(notices, [], 'the snapshot was written');
    assert.ok(statSync(join(dir, 'state.ndjson')).size > V8_MAX_STRING);
    assert.equal(statSync(join(dir, 'journal.ndjson')).size, 0);

    // Loads the snapshot.
    const third = Persistence.open(dir);
    assert.equal(digest(third.persistence.data), written);
    third.persistence.close();
    assert.ok(!existsSync(join(dir, 'state.json')));
  });
});
