import assert from 'node:assert/strict';
import { Operations, RETENTION_MS } from '../../../src/emulator/operations';
import type { EmulatorContext } from '../../../src/emulator/context';
import { Router, type Request } from '../../../src/emulator/router';
import { itemRoutes } from '../../../src/emulator/routes/items';

describe('emulator long-running operations', () => {
  it('forgets a finished operation and its result once the retention window has passed, without being asked', () => {
    let now = 1_000_000;
    const operations = new Operations(
      () => 2000,
      () => now,
    );
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
    const operations = new Operations(
      () => 3 * RETENTION_MS,
      () => now,
    );
    const slow = operations.start();
    now += 3 * RETENTION_MS - 1;
    operations.start();
    assert.equal(operations.get(slow.id), slow);
    assert.equal(operations.state(slow).status, 'Running');
  });
});

describe('emulator operation state answers', () => {
  it('an operation ending while its state is read points to its result, never back to itself', async () => {
    // A clock that moves on every reading; whichever reading the end falls on, the state and its
    // Location must agree.
    const origin = 'http://127.0.0.1:1';
    for (let durationMs = 1; durationMs <= 6; durationMs++) {
      let now = 0;
      const operations = new Operations(
        () => durationMs,
        () => now++,
      );
      const router = new Router();
      itemRoutes(router, { operations } as unknown as EmulatorContext);
      const operation = operations.start({ id: 'the result' });
      const route = router.match('GET', `/operations/${operation.id}`);
      assert.ok(route && 'handler' in route);
      const reply = await route.handler({ params: route.params, query: new URLSearchParams(), origin } as unknown as Request);
      const status = (reply.body as { status: string }).status;
      const expected = status === 'Succeeded' ? `${origin}/v1/operations/${operation.id}/result` : `${origin}/v1/operations/${operation.id}`;
      assert.equal(reply.headers?.Location, expected, `${status} after ${durationMs} ms`);
    }
  });
});
