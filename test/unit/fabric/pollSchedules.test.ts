import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_JOB_POLL, jobPollDelayMs, lroPollDelays } from '../../../src/fabric';

/** The times (ms after the 202) of the first `count` polls. */
function pollTimes(retryAfterMs: number, count: number): number[] {
  const delays = lroPollDelays(retryAfterMs);
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) times.push((t += delays.next().value));
  return times;
}

/** When an operation ending at `endMs` is seen to end, and how many polls that took. */
function notice(retryAfterMs: number, endMs: number): { at: number; polls: number } {
  const times = pollTimes(retryAfterMs, 1000);
  const index = times.findIndex((t) => t >= endMs);
  return { at: times[index]!, polls: index + 1 };
}

describe('lroPollDelays', () => {
  for (const retryAfterMs of [1000, 30_000]) {
    it(`notices a 2 s operation within 300 ms with at most 2 polls a second (Retry-After ${retryAfterMs / 1000} s)`, () => {
      const { at, polls } = notice(retryAfterMs, 2000);
      assert.ok(at - 2000 <= 300, `noticed at ${at} ms`);
      assert.ok(polls / (at / 1000) <= 2, `${polls} polls in ${at} ms`);
      assert.equal(polls, 4);
    });
  }

  it('starts with a short first poll', () => {
    assert.equal(pollTimes(30_000, 1)[0], 200);
  });

  it('falls back to Retry-After spacing once the early polls are spent', () => {
    assert.deepEqual(pollTimes(30_000, 7).slice(4).map(Math.round), [30_000, 60_000, 90_000]);
  });

  it('keeps the average to Retry-After: poll k never before (k − 4) × Retry-After, no gap longer than Retry-After', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 1, max: 60 }), (retryAfterMs, count) => {
        const times = pollTimes(retryAfterMs, count);
        times.forEach((t, i) => {
          assert.ok(t >= (i + 1 - 4) * retryAfterMs - 1e-6, `poll ${i + 1} at ${t}`);
          const gap = t - (i === 0 ? 0 : times[i - 1]!);
          assert.ok(gap > 0 && gap <= Math.max(retryAfterMs, 200) + 1e-6, `gap ${gap} before poll ${i + 1}`);
        });
      }),
    );
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
