import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_JOB_POLL, DEFAULT_LRO_POLL, jobPollDelayMs, lroPollDelayMs } from '../../../src/fabric';

/** The times (ms after the 202) of the first `count` polls. */
function pollTimes(retryAfterMs: number, count: number): number[] {
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) times.push((t += lroPollDelayMs(t, retryAfterMs)));
  return times;
}

/** When an operation ending at `endMs` is seen to end, and how many polls that took. */
function notice(retryAfterMs: number, endMs: number): { at: number; polls: number } {
  const times = pollTimes(retryAfterMs, 1000);
  const index = times.findIndex((t) => t >= endMs);
  return { at: times[index]!, polls: index + 1 };
}

describe('lroPollDelayMs', () => {
  it('notices any operation of 0.5–60 s within 25% of its length + 300 ms, even at Retry-After 30 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 60_000 }), fc.constantFrom(1000, 30_000, 60_000), (durationMs, retryAfterMs) => {
        const { at } = notice(retryAfterMs, durationMs);
        assert.ok(at <= 1.25 * durationMs + 300, `a ${durationMs} ms operation noticed at ${at} ms`);
      }),
    );
  });

  it('starts with a short first poll', () => {
    assert.equal(pollTimes(30_000, 1)[0], 200);
  });

  it('grows its step geometrically up to the cap, then keeps the cap', () => {
    const times = pollTimes(30_000, 40);
    const gaps = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]!));
    gaps.slice(1).forEach((gap, i) => assert.ok(gap >= gaps[i]! - 1e-6, `gap ${i + 2} shorter than gap ${i + 1}`));
    assert.ok(Math.abs(gaps.at(-1)! - DEFAULT_LRO_POLL.maxDelayMs) < 1e-6, `last gap ${gaps.at(-1)}`);
  });

  it('never waits longer than Retry-After (nor the cap) between two polls', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 1, max: 60 }), (retryAfterMs, count) => {
        const times = pollTimes(retryAfterMs, count);
        times.forEach((t, i) => {
          const gap = t - (i === 0 ? 0 : times[i - 1]!);
          assert.ok(gap > 0 && gap <= Math.max(DEFAULT_LRO_POLL.firstDelayMs, Math.min(retryAfterMs, DEFAULT_LRO_POLL.maxDelayMs)) + 1e-6, `gap ${gap} before poll ${i + 1}`);
        });
      }),
    );
  });

  it('spends a bounded number of polls: about 23 for a 60 s operation', () => {
    assert.ok(notice(30_000, 60_000).polls <= 25, `${notice(30_000, 60_000).polls} polls`);
  });
});

describe('jobPollDelayMs', () => {
  const o = DEFAULT_JOB_POLL;

  it('polls a young job fast and an older one slower, never beyond the cap', () => {
    assert.equal(jobPollDelayMs(0), o.minDelayMs);
    assert.ok(jobPollDelayMs(10_000) > jobPollDelayMs(1_000));
    assert.equal(jobPollDelayMs(3_600_000), o.maxDelayMs);
  });

  it("stretches every group's delay so all groups together stay within the budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(3_600_000), (groups, age) => {
        assert.ok((groups * 60_000) / jobPollDelayMs(age, groups) <= o.budgetPerMinute + 1e-9);
      }),
    );
  });

  it('backs off after failures, up to the longest back-off', () => {
    assert.ok(jobPollDelayMs(0, 1, 1) > jobPollDelayMs(0, 1, 0));
    assert.equal(jobPollDelayMs(0, 1, 30), o.maxBackoffMs);
  });
});
