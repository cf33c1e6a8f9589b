import * as assert from 'node:assert/strict';
import { fromInstance, historyItems, mergeHistory } from '../../../src/jobs/jobHistory';
import { trackedJob } from './trackedJob';

const pinned = (id: string, displayName: string) => ({
  workspaceId: 'w',
  workspaceName: 'Sales',
  connection: 'c',
  item: { id, displayName, type: 'DataPipeline' },
});

describe('jobHistory: pinned items', () => {
  it('lists the items run here, then each pinned item not among them, once', () => {
    const items = historyItems([trackedJob({ id: 'a', itemId: 'i' })], [pinned('i', 'Hello Fabric'), pinned('p', 'Load Sales')]);
    assert.deepEqual(
      items.map((t) => [t.itemId, t.itemName, t.itemType, t.kind]),
      [
        ['i', 'Hello Fabric', 'Notebook', 'notebook'],
        ['p', 'Load Sales', 'DataPipeline', 'pipeline'],
      ],
    );
  });

  it("merges a pinned item's runs started elsewhere after this window's jobs, newest first, without repeating one tracked here", () => {
    const [, template] = historyItems([trackedJob({ id: 'a' })], [pinned('p', 'Load Sales')]);
    const run = (id: string, startTimeUtc: string) =>
      fromInstance({ id, itemId: 'p', jobType: 'Pipeline', invokeType: 'Scheduled', status: 'Completed', startTimeUtc }, template);
    const tracked = [trackedJob({ id: 'mine', itemId: 'p', submittedAt: 0 })];
    const merged = mergeHistory(tracked, [run('old', '2026-11-01T10:00:00'), run('mine', '2026-11-01T11:00:00'), run('new', '2026-11-01T12:00:00')]);
    assert.deepEqual(
      merged.map((j) => [j.id, j.itemName, j.connection]),
      [
        ['mine', 'Hello Fabric', undefined],
        ['new', 'Load Sales', 'c'],
        ['old', 'Load Sales', 'c'],
      ],
    );
  });
});
