import * as assert from 'node:assert/strict';
import type { ItemJobInstance, Page } from '../../../src/fabric/types';
import { FabricError } from '../../../src/fabric/errors';
import { ItemRuns, type ItemRunsClient } from '../../../src/jobs/ItemRuns';

const instance = (id: string, invokeType = 'Manual'): ItemJobInstance => ({
  id,
  itemId: 'nb',
  jobType: 'RunNotebook',
  invokeType,
  status: 'Completed',
  startTimeUtc: '2026-11-30T10:00:00.0000000',
  endTimeUtc: '2026-11-30T10:00:05.0000000',
  failureReason: null,
});

/** Answers the first page and the one after each continuation token; `fail` makes the next call fail once. */
function pagedClient(
  first: Page<ItemJobInstance>,
  next: Record<string, Page<ItemJobInstance>>,
): ItemRunsClient & { tokens: (string | undefined)[]; fail: boolean } {
  const client = {
    tokens: [] as (string | undefined)[],
    fail: false,
    async listJobInstancesPage(_ws: string, _item: string, options: { continuationToken?: string } = {}) {
      client.tokens.push(options.continuationToken);
      if (client.fail) {
        client.fail = false;
        throw new FabricError({ status: 429, errorCode: 'RequestBlocked', message: 'Too many requests.' });
      }
      return options.continuationToken ? next[options.continuationToken]! : first;
    },
  };
  return client;
}

describe('ItemRuns: an item’s runs from Fabric, a page at a time', () => {
  const subject = { workspaceId: 'ws', workspaceName: 'Sample', item: { id: 'nb', displayName: 'Hello Fabric', type: 'Notebook' } };

  it('reads the first page, then the next with its continuation token, and keeps how each run was invoked', async () => {
    const client = pagedClient(
      { value: [instance('a', 'Scheduled'), instance('b')], continuationToken: 't1' },
      { t1: { value: [instance('b'), instance('c')] } },
    );
    const runs = new ItemRuns(subject, client);
    assert.equal(runs.hasMore, true, 'nothing read yet');
    await runs.loadMore();
    assert.deepEqual(
      runs.runs.map((r) => [r.id, r.invokeType, r.itemName, r.jobType]),
      [
        ['a', 'Scheduled', 'Hello Fabric', 'RunNotebook'],
        ['b', 'Manual', 'Hello Fabric', 'RunNotebook'],
      ],
    );
    assert.equal(runs.hasMore, true);
    await runs.loadMore();
    assert.deepEqual(client.tokens, [undefined, 't1']);
    assert.deepEqual(
      runs.runs.map((r) => r.id),
      ['a', 'b', 'c'],
      'a run that moved onto the next page is listed once',
    );
    assert.equal(runs.hasMore, false);
  });

  it('keeps what it read when a page fails, says why, and reads that page again next time', async () => {
    const client = pagedClient({ value: [instance('a')], continuationToken: 't1' }, { t1: { value: [instance('b')] } });
    const runs = new ItemRuns(subject, client);
    await runs.loadMore();
    client.fail = true;
    await runs.loadMore();
    assert.match(String(runs.error), /Too many requests/);
    assert.deepEqual(
      runs.runs.map((r) => r.id),
      ['a'],
    );
    await runs.loadMore();
    assert.deepEqual(client.tokens, [undefined, 't1', 't1'], 'the failed page asked again');
    assert.equal(runs.error, undefined);
    assert.deepEqual(
      runs.runs.map((r) => r.id),
      ['a', 'b'],
    );
  });
});
