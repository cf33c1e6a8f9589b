import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { adaptivePollDelay, lroPollDelays } from '../../../src/fabric';

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

describe('adaptivePollDelay', () => {
  it('polls every 0.5 s while the job is young, then at 15 % of its age, up to 20 s', () => {
    assert.equal(adaptivePollDelay(0), 500);
    assert.equal(adaptivePollDelay(3000), 500);
    assert.equal(adaptivePollDelay(60_000), 9000);
    assert.equal(adaptivePollDelay(600_000), 20_000);
  });

  it('lets a Retry-After from the status answer set the longest delay', () => {
    assert.equal(adaptivePollDelay(600_000, 60_000), 60_000);
    assert.equal(adaptivePollDelay(10_000, 60_000), 1500);
    assert.equal(adaptivePollDelay(0, 100), 500);
  });

  it('never shrinks as the job ages and stays within its bounds', () => {
    fc.assert(
      fc.property(fc.nat(3_600_000), fc.nat(3_600_000), fc.option(fc.nat(120_000), { nil: undefined }), (a, b, retryAfterMs) => {
        const [young, old] = a <= b ? [a, b] : [b, a];
        assert.ok(adaptivePollDelay(young, retryAfterMs) <= adaptivePollDelay(old, retryAfterMs));
        const delay = adaptivePollDelay(old, retryAfterMs);
        assert.ok(delay >= 500 && delay <= Math.max(500, retryAfterMs ?? 20_000));
      }),
    );
  });
});
