import * as assert from 'node:assert/strict';
import { apiFamilyOf, RateLimiter, sharedRateLimiter } from '../../../src/fabric';
import { ScriptedServer } from './scriptedServer';
import { collect, testClient } from './testClient';

describe('rate limiter', () => {
  it('classifies requests by API family', () => {
    assert.equal(apiFamilyOf('/v1/workspaces/ws/items'), 'Platform');
    assert.equal(apiFamilyOf('/v1/workspaces/ws/items/it/jobs/RunNotebook/instances'), 'JobScheduler');
    assert.equal(apiFamilyOf('/v1/workspaces/ws/datapipelines/pipelineruns/j/queryactivityruns'), 'JobScheduler');
    assert.equal(apiFamilyOf('/v1/operations/op1/result'), 'LRO');
  });

  it('lets N calls a window through, per family, and the next ones once the window slides', async () => {
    let now = 0;
    const limiter = new RateLimiter({ callsPerWindow: 3, windowMs: 30, now: () => now });
    let started = 0;
    const calls = Array.from({ length: 5 }, () => limiter.acquire('Platform').then(() => started++));
    await limiter.acquire('LRO');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(started, 3);
    now = 30;
    await Promise.all(calls);
    assert.equal(started, 5);
  });

  it('says how long until the window has room for several calls at once, and how many it holds', () => {
    let now = 0;
    const limiter = new RateLimiter({ callsPerWindow: 4, windowMs: 100, now: () => now });
    for (const at of [0, 10, 20]) {
      now = at;
      limiter.record('JobScheduler');
    }
    assert.equal(limiter.used('JobScheduler'), 3);
    assert.equal(limiter.waitMs('JobScheduler', 1), 0, 'room for one');
    assert.equal(limiter.waitMs('JobScheduler', 2), 100 - 20, 'two need the oldest call gone');
    assert.equal(limiter.waitMs('JobScheduler', 3), 110 - 20, 'three need the two oldest gone');
    now = 100;
    assert.equal(limiter.used('JobScheduler'), 2);
    assert.equal(limiter.waitMs('JobScheduler', 3), 10);
  });

  it("holds a client's calls beyond the quota, and an abort releases them", async () => {
    const server = new ScriptedServer().on('GET', '/workspaces', { body: { value: [] } });
    await server.start();
    try {
      const limiter = new RateLimiter({ callsPerWindow: 3, windowMs: 60_000 });
      const { client } = testClient(server.baseUrl, { rateLimiter: limiter });
      const controller = new AbortController();
      const outcomes: string[] = [];
      const calls = Array.from({ length: 5 }, () =>
        collect(client.listWorkspaces({}, { signal: controller.signal }))
          .then(
            () => 'done',
            (e: Error) => e.name,
          )
          .then((outcome) => outcomes.push(outcome)),
      );
      for (let i = 0; i < 100 && outcomes.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.deepEqual(outcomes, ['done', 'done', 'done']);
      controller.abort();
      await Promise.all(calls);
      assert.deepEqual(outcomes, ['done', 'done', 'done', 'AbortError', 'AbortError']);
      assert.equal(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  it('is shared by the clients of one identity', () => {
    assert.equal(sharedRateLimiter('tenant/alice'), sharedRateLimiter('tenant/alice'));
    assert.notEqual(sharedRateLimiter('tenant/alice'), sharedRateLimiter('tenant/bob'));
  });
});
