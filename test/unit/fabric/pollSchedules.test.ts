import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { budgetedJobDelaysMs, DEFAULT_JOB_POLL, DEFAULT_LRO_POLL, jobFirstCheckMs, jobWantedDelayMs, lroPollDelayMs } from '../../../src/fabric';

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
          assert.ok(
            gap > 0 && gap <= Math.max(DEFAULT_LRO_POLL.firstDelayMs, Math.min(retryAfterMs, DEFAULT_LRO_POLL.maxDelayMs)) + 1e-6,
            `gap ${gap} before poll ${i + 1}`,
          );
        });
      }),
    );
  });

  it('spends a bounded number of polls: about 23 for a 60 s operation', () => {
    assert.ok(notice(30_000, 60_000).polls <= 25, `${notice(30_000, 60_000).polls} polls`);
  });
});

describe('the job poll schedule', () => {
  const o = DEFAULT_JOB_POLL;

  describe('jobWantedDelayMs', () => {
    it('without history: polls a young job fast and an older one slower, never beyond the cap', () => {
      assert.equal(jobWantedDelayMs(0), o.minDelayMs);
      assert.ok(jobWantedDelayMs(10_000) > jobWantedDelayMs(1_000));
      assert.equal(jobWantedDelayMs(3_600_000), o.maxDelayMs);
    });

    it("with history: polls fast around the item's past run times, sleeps toward the next one (at most farDelayMs), and falls back past them all", () => {
      const history = [60_000, 62_000, 300_000];
      assert.equal(jobWantedDelayMs(2_000, history), o.farDelayMs, 'far from every expected end');
      assert.equal(jobWantedDelayMs(49_000, history), 50_000 - 49_000, 'until the window around 60 s opens (60 s − 15 % − 1 s)');
      for (const age of [50_500, 60_000, 72_000]) assert.equal(jobWantedDelayMs(age, history), o.minDelayMs, `near an expected end at ${age} ms`);
      assert.equal(jobWantedDelayMs(100_000, history), o.farDelayMs, 'between the 1-minute and the 5-minute runs');
      assert.equal(jobWantedDelayMs(400_000, history), o.maxDelayMs, 'past every run it ever had: the age-based schedule');
    });

    it('polls an overdue job (past every expected end) fast again, backing off from its last expected end, not from its age', () => {
      const lastEnd = 10_000 * 1.15 + 1_000;
      assert.equal(jobWantedDelayMs(lastEnd + 1, [10_000]), o.minDelayMs + o.growth, 'just past the window: as a new job');
      assert.ok(jobWantedDelayMs(lastEnd + 1, [10_000]) < jobWantedDelayMs(lastEnd + 1), 'sooner than a job of that age without history');
      assert.equal(jobWantedDelayMs(lastEnd + 600_000, [10_000]), o.maxDelayMs, 'long overdue: the cap');
      // Walk the schedule over a run that overruns its history by `overrun`: the notice comes within
      // the age-based delay of a job `overrun` old, bounded by maxDelayMs.
      fc.assert(
        fc.property(fc.integer({ min: 1_000, max: 600_000 }), fc.integer({ min: 0, max: 600_000 }), (typical, overrun) => {
          const end = typical * 1.15 + 1_000 + overrun;
          let t = 0;
          while (t < end) t += jobWantedDelayMs(t, [typical]);
          assert.ok(t - end <= Math.min(o.maxDelayMs, o.minDelayMs + overrun * o.growth) + 1e-6, `noticed ${t - end} ms late`);
        }),
      );
    });

    it('notices a run that ends like its history within a poll, and one that does not within farDelayMs', () => {
      // Walk the schedule over a run of length `end`; the notice delay is the first poll at or after it minus `end`.
      const noticeDelay = (end: number, history: number[]) => {
        let t = 0;
        while (t < end) t += jobWantedDelayMs(t, history);
        return t - end;
      };
      fc.assert(
        fc.property(fc.integer({ min: 5_000, max: 600_000 }), fc.double({ min: 0.9, max: 1.1, noNaN: true }), (typical, jitter) => {
          const history = [typical * 0.95, typical, typical * 1.05];
          assert.ok(noticeDelay(typical * jitter, history) <= o.minDelayMs + 1e-6);
        }),
      );
      fc.assert(
        fc.property(fc.integer({ min: 5_000, max: 600_000 }), fc.integer({ min: 1_000, max: 1_200_000 }), (typical, end) => {
          assert.ok(noticeDelay(end, [typical]) <= o.farDelayMs + 1e-6);
        }),
      );
    });
  });

  describe('budgetedJobDelaysMs', () => {
    const anyTime = (delayMs: number) => ({ delayMs, latestMs: Infinity });
    const perMinute = (delays: readonly number[]) => delays.reduce((sum, d) => sum + 60_000 / d, 0);

    it('leaves the wishes alone while they fit the budget, and stretches them all by one factor when they do not', () => {
      assert.deepEqual(budgetedJobDelaysMs([anyTime(500), anyTime(5000)]), [500, 5000]);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 500, max: 5000 }), { minLength: 1, maxLength: 300 }), (wanted) => {
          const delays = budgetedJobDelaysMs(wanted.map(anyTime));
          assert.ok(perMinute(delays) <= o.budgetPerMinute + 1e-6, `${perMinute(delays)} polls a minute`);
          const ratios = delays.map((d, i) => d / wanted[i]!);
          assert.ok(
            ratios.every((r) => Math.abs(r - ratios[0]!) < 1e-9),
            'one factor for all: who wants sooner still gets sooner',
          );
        }),
      );
    });

    it('never stretches a wait past the opening of the expected-end window it waits for, the others taking the rest of the budget', () => {
      // Nine items inside their windows (0.5 s) and one whose run is expected to end from 3.7 s on:
      // one stretch factor would make its wait 3.7 s × 7.8 ≈ 29 s, past the whole window.
      const wishes = [...Array.from({ length: 9 }, () => anyTime(500)), { delayMs: 3700, latestMs: 3700 }];
      const delays = budgetedJobDelaysMs(wishes);
      assert.equal(delays[9], 3700, 'polled as its window opens');
      assert.ok(delays[0]! > 500, 'the others stretched');
      assert.ok(perMinute(delays) <= o.budgetPerMinute + 1e-6, `${perMinute(delays)} polls a minute`);
      fc.assert(
        fc.property(
          fc.array(fc.record({ delayMs: fc.integer({ min: 500, max: 5000 }), extra: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }) }), {
            minLength: 1,
            maxLength: 300,
          }),
          (drawn) => {
            const wished = drawn.map(({ delayMs, extra }) => ({ delayMs, latestMs: extra === undefined ? Infinity : delayMs + extra }));
            const got = budgetedJobDelaysMs(wished);
            assert.ok(perMinute(got) <= o.budgetPerMinute + 1e-6, `${perMinute(got)} polls a minute`);
            got.forEach((d, i) => assert.ok(d >= wished[i]!.delayMs - 1e-9, 'never sooner than wished'));
            const capsFit = perMinute(wished.filter((w) => w.latestMs < Infinity).map((w) => w.latestMs)) < o.budgetPerMinute;
            if (capsFit) got.forEach((d, i) => assert.ok(d <= wished[i]!.latestMs + 1e-6, 'no wait past its window'));
          },
        ),
      );
    });

    it('backs a failing group off, up to the longest back-off', () => {
      const [ok, failed, failing] = budgetedJobDelaysMs([anyTime(500), anyTime(500), anyTime(500)], [0, 1, 30]);
      assert.ok(failed! > ok!);
      assert.equal(failing, o.maxBackoffMs);
    });
  });

  describe('jobFirstCheckMs', () => {
    it("ignores a Retry-After that could delay a short job's first check: it checks when the budget allows", () => {
      assert.equal(jobFirstCheckMs(60_000, 500), o.minDelayMs, 'no history: the job may be short');
      assert.equal(jobFirstCheckMs(60_000, 4_000), 4_000, 'a busy budget: its own spacing, not 60 s');
      assert.equal(jobFirstCheckMs(60_000, 500, [2_000, 600_000]), 2_000 * 0.85 - 1_000, 'the item has had 2-second runs: from where such an end may come');
    });

    it('honours Retry-After when the history says no run ends before it, and never waits past it', () => {
      assert.equal(jobFirstCheckMs(60_000, 500, [600_000, 620_000]), 60_000);
      assert.equal(jobFirstCheckMs(60_000, 500, [70_000]), 70_000 * 0.85 - 1_000, 'a 70 s run may end from 58.5 s on');
      assert.equal(jobFirstCheckMs(60_000, 500, [40_000]), 40_000 * 0.85 - 1_000, 'up to where the earliest expected end begins');
      assert.equal(jobFirstCheckMs(undefined, 500, [600_000]), 500, 'no Retry-After: no floor');
    });
  });
});
