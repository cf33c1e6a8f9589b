import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LroPollBudget, lroPollDelayMs } from '../../../src/fabric';

const MINUTE = 60_000;

interface Operation {
  startMs: number;
  durationMs: number;
  polls: number[];
}

/**
 * Runs operations through the follower's loop (lro.ts) on a simulated clock: each books its next
 * poll in the shared budget when it makes the previous one, until a poll comes at or after its end.
 */
function simulate(operations: Operation[], budget: LroPollBudget, clock: { now: number }, retryAfterMs: number): void {
  const due = operations.map((op) => ({ op, at: op.startMs, leave: undefined as (() => void) | undefined }));
  while (due.length) {
    due.sort((a, b) => a.at - b.at);
    const next = due.shift()!;
    clock.now = next.at;
    next.leave ??= budget.join();
    if (next.op.polls.length > 0 && next.at >= next.op.startMs + next.op.durationMs) {
      next.leave(); // noticed
      continue;
    }
    const pollAt = budget.reserve(next.at, lroPollDelayMs(next.at - next.op.startMs, retryAfterMs));
    next.op.polls.push(pollAt);
    due.push({ ...next, at: pollAt });
  }
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('LroPollBudget', () => {
  it('never lets N concurrent operations exceed the polls per minute, and every one still ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.record({ startMs: fc.integer({ min: 0, max: 120_000 }), durationMs: fc.integer({ min: 500, max: 180_000 }) }), {
          minLength: 1,
          maxLength: 80,
        }),
        (pollsPerWindow, specs) => {
          const clock = { now: 0 };
          const budget = new LroPollBudget({ pollsPerMinute: pollsPerWindow, now: () => clock.now });
          const operations = specs.map((s) => ({ ...s, polls: [] as number[] }));
          simulate(operations, budget, clock, 30_000);
          assert.ok(
            maxInAnyWindow(
              operations.flatMap((op) => op.polls),
              MINUTE,
            ) <= pollsPerWindow,
          );
          for (const op of operations) assert.ok(op.polls.at(-1)! >= op.startMs + op.durationMs, 'the end is noticed');
        },
      ),
    );
  });

  it('leaves a lone operation on its fast schedule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 60_000 }), (durationMs) => {
        const clock = { now: 0 };
        const op = { startMs: 0, durationMs, polls: [] as number[] };
        simulate([op], new LroPollBudget({ now: () => clock.now }), clock, 30_000);
        assert.ok(op.polls.at(-1)! <= 1.25 * durationMs + 300, `a ${durationMs} ms operation noticed at ${op.polls.at(-1)} ms`);
      }),
    );
  });

  for (const [count, durationMs, lateMs] of [
    [16, 2000, 3000],
    [40, 20_000, 8000],
    [75, 5 * MINUTE, 15_000],
  ] as const) {
    it(`shares it fairly: ${count} operations of ${durationMs / 1000} s started together are all noticed within ${lateMs / 1000} s`, () => {
      const clock = { now: 0 };
      const operations = Array.from({ length: count }, () => ({ startMs: 0, durationMs, polls: [] as number[] }));
      simulate(operations, new LroPollBudget({ pollsPerMinute: 150, now: () => clock.now }), clock, 30_000);
      for (const op of operations) assert.ok(op.polls.at(-1)! - durationMs <= lateMs, `noticed ${op.polls.at(-1)! - durationMs} ms late`);
    });
  }

  it('gives back a poll that will not be made', () => {
    const budget = new LroPollBudget({ pollsPerMinute: 1, now: () => 0 });
    const first = budget.reserve(0, 100);
    assert.equal(budget.reserve(0, 200), first + MINUTE);
    budget.release(first + MINUTE);
    budget.release(first);
    assert.equal(budget.reserve(0, 300), 300);
  });
});
