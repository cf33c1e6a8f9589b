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
  const due = operations.map((op) => ({ op, at: op.startMs, pollAt: op.startMs }));
  while (due.length) {
    due.sort((a, b) => a.at - b.at);
    const next = due.shift()!;
    clock.now = next.at;
    if (next.op.polls.length > 0 && next.at >= next.op.startMs + next.op.durationMs) continue; // noticed
    const wanted = next.pollAt + lroPollDelayMs(next.pollAt - next.op.startMs, retryAfterMs);
    const pollAt = budget.reserve(wanted);
    next.op.polls.push(pollAt);
    due.push({ op: next.op, at: pollAt, pollAt });
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
        fc.array(fc.record({ startMs: fc.integer({ min: 0, max: 120_000 }), durationMs: fc.integer({ min: 500, max: 180_000 }) }), { minLength: 1, maxLength: 80 }),
        (pollsPerWindow, specs) => {
          const clock = { now: 0 };
          const budget = new LroPollBudget({ pollsPerWindow, now: () => clock.now });
          const operations = specs.map((s) => ({ ...s, polls: [] as number[] }));
          simulate(operations, budget, clock, 30_000);
          assert.ok(maxInAnyWindow(operations.flatMap((op) => op.polls), MINUTE) <= pollsPerWindow);
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

  it('spreads bulk work toward Retry-After spacing: 75 operations of 5 minutes poll about every 30 s each', () => {
    const clock = { now: 0 };
    const operations = Array.from({ length: 75 }, () => ({ startMs: 0, durationMs: 5 * MINUTE, polls: [] as number[] }));
    simulate(operations, new LroPollBudget({ pollsPerWindow: 150, now: () => clock.now }), clock, 30_000);
    const polls = operations.reduce((sum, op) => sum + op.polls.length, 0);
    assert.ok(polls <= 150 * 6, `${polls} polls in about 5 minutes`);
    for (const op of operations) assert.ok(op.polls.at(-1)! - op.durationMs <= 40_000, `noticed ${op.polls.at(-1)! - op.durationMs} ms late`);
  });

  it('gives back a poll that will not be made', () => {
    const budget = new LroPollBudget({ pollsPerWindow: 1, now: () => 0 });
    const first = budget.reserve(100);
    assert.equal(budget.reserve(200), first + MINUTE);
    budget.release(first + MINUTE);
    budget.release(first);
    assert.equal(budget.reserve(300), 300);
  });
});
