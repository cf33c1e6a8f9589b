// Pure poll schedules (no timers here; the callers sleep). Figures and reasoning: README.md.

export interface LroPollOptions {
  /** The first poll's delay (default 200 ms). */
  firstDelayMs?: number;
  /** Each delay is `firstDelayMs` plus this fraction of the time since the 202 (default 0.2). */
  growth?: number;
  /** The longest wait between two polls (default 5 s), or Retry-After when that is shorter. */
  maxDelayMs?: number;
}

export const DEFAULT_LRO_POLL: Required<LroPollOptions> = { firstDelayMs: 200, growth: 0.2, maxDelayMs: 5000 };

/**
 * The wait (ms) before the next poll of a long-running operation, `elapsedMs` after its 202 (which
 * said Retry-After `retryAfterMs`): `firstDelayMs + growth × elapsed`, so the polls come
 * geometrically further apart (at 0.2, 0.44, 0.73, 1.07, 1.49, 1.99 s …) until the wait reaches
 * `maxDelayMs` (or Retry-After, when the server asks for less), which it keeps. An operation
 * lasting d is therefore noticed within `firstDelayMs + growth × d` of its end (and within
 * `maxDelayMs`), whatever Retry-After says: a small fraction of its length at any length. A long
 * Retry-After matters again when many operations poll at once: see LroPollBudget.
 */
export function lroPollDelayMs(elapsedMs: number, retryAfterMs: number, options: LroPollOptions = {}): number {
  const { firstDelayMs, growth, maxDelayMs } = { ...DEFAULT_LRO_POLL, ...options };
  const longest = Math.max(firstDelayMs, Math.min(maxDelayMs, Math.max(0, retryAfterMs)));
  return Math.min(longest, firstDelayMs + growth * Math.max(0, elapsedMs));
}

export interface JobPollOptions {
  /** The first poll's delay after a submission, and the delay near a job's expected end. */
  minDelayMs: number;
  /** The longest wait between two polls of a running job with no history to go by: bounds its notice delay. */
  maxDelayMs: number;
  /** How fast the delay grows with the job's age, without history: delay = minDelay + age × growth. */
  growth: number;
  /** Polls per minute all polled groups together may make (the Job Scheduler allows 200 calls/min). */
  budgetPerMinute: number;
  /** The longest back-off after failed polls. */
  maxBackoffMs: number;
  /**
   * How close to one of the item's past run times counts as near an expected end: within this
   * fraction of it, plus `nearSlackMs` (clocks, start-up, jitter), polls come every `minDelayMs`.
   */
  nearFraction: number;
  nearSlackMs: number;
  /** The longest wait between two polls away from every expected end: bounds the notice of a run that ends unlike its history. */
  farDelayMs: number;
  /** How long after its submission an instance the service does not find may still appear: it is not given up before. */
  lostAfterMs: number;
}

// A poll answers for a group: the running jobs of one item (its job list), or the Spark jobs of one
// workspace (its Livy sessions). Without history a job is polled every 0.5 s, growing slowly with
// its age to 1.8 s. With the item's past run times (the job lists carry them), polls gather where
// this run is likely to end, and thin out to at most every 5 s away from those times. All groups
// share one budget: when together they want more than it, every delay stretches by the same factor.
// The submission's Retry-After is a floor only where it costs nothing: see jobFirstCheckMs.
export const DEFAULT_JOB_POLL: JobPollOptions = {
  minDelayMs: 500,
  maxDelayMs: 1800,
  growth: 0.05,
  budgetPerMinute: 150,
  maxBackoffMs: 30_000,
  nearFraction: 0.15,
  nearSlackMs: 1000,
  farDelayMs: 5000,
  lostAfterMs: 120_000,
};

/** The windows where a run is likely to end, from the item's past run times (ms), earliest first. */
function endWindows(durations: readonly number[], options: JobPollOptions): [number, number][] {
  return durations
    .map((d): [number, number] => [d * (1 - options.nearFraction) - options.nearSlackMs, d * (1 + options.nearFraction) + options.nearSlackMs])
    .sort((a, b) => a[0] - b[0]);
}

/**
 * What a group of running jobs asks of its next poll: a wait (`delayMs`), and the latest the budget
 * may stretch it to (`latestMs`): a wait for an expected-end window must not run past its opening,
 * while a poll inside a window or of an overdue job may come later when the budget is short.
 */
export interface JobPollWish {
  delayMs: number;
  latestMs: number;
}

/**
 * The wish of a running job `ageMs` old, given the run times (ms) of the item's recent runs:
 * `minDelayMs` inside a window around one of them, else until the next window opens (at most
 * `farDelayMs`, never stretched past the opening). With no history, the age-based schedule. Past
 * every window the job is overdue: every run the item had would have ended by now, so its end may
 * come any moment, and the age-based schedule starts over from the last window's end (a job that
 * overran its history by 10 s is polled as one 10 s old, not as one whose age makes it slow).
 */
export function jobPollWish(ageMs: number, durations: readonly number[] = [], options: JobPollOptions = DEFAULT_JOB_POLL): JobPollWish {
  const age = Math.max(0, ageMs);
  const windows = endWindows(durations, options);
  const anyTime = (delayMs: number): JobPollWish => ({ delayMs, latestMs: Infinity });
  if (windows.some(([from, to]) => age >= from && age <= to)) return anyTime(options.minDelayMs);
  const next = windows.find(([from]) => from > age);
  if (next) {
    const opening = Math.max(options.minDelayMs, next[0] - age);
    return { delayMs: Math.min(options.farDelayMs, opening), latestMs: opening };
  }
  const overdueSince = Math.max(0, ...windows.map(([, to]) => to));
  return anyTime(Math.min(options.maxDelayMs, options.minDelayMs + (age - overdueSince) * options.growth));
}

/** The wait a running job `ageMs` old asks for before its next poll (jobPollWish's delay). */
export function jobWantedDelayMs(ageMs: number, durations: readonly number[] = [], options: JobPollOptions = DEFAULT_JOB_POLL): number {
  return jobPollWish(ageMs, durations, options).delayMs;
}

/**
 * The delays of the groups polled together: as wished while they fit the budget, else stretched by
 * one factor that makes them fit (a group near an expected end keeps polling more often than one
 * far from it), except that a wait for an expected-end window is stretched only up to its opening
 * (its poll is what finds a run ending there), the others sharing what is left of the budget. When
 * those waits alone fill it, every delay stretches by the one factor. `failures[i]` failed polls back off.
 */
export function budgetedJobDelaysMs(wishes: readonly JobPollWish[], failures: readonly number[] = [], options: JobPollOptions = DEFAULT_JOB_POLL): number[] {
  const rate = (ms: number) => 60_000 / Math.max(1, ms);
  const latest = (w: JobPollWish) => Math.max(w.delayMs, w.latestMs);
  const stretchOf = (free: number, room: number) => Math.max(1, free / room);
  const capped = new Set<number>();
  let stretch = 1;
  for (;;) {
    const room = options.budgetPerMinute - [...capped].reduce((sum, i) => sum + rate(latest(wishes[i]!)), 0);
    const free = wishes.reduce((sum, w, i) => (capped.has(i) ? sum : sum + rate(w.delayMs)), 0);
    if (room <= 0) {
      capped.clear();
      stretch = stretchOf(
        wishes.reduce((sum, w) => sum + rate(w.delayMs), 0),
        options.budgetPerMinute,
      );
      break;
    }
    stretch = stretchOf(free, room);
    const reaching = wishes.map((w, i) => (!capped.has(i) && Math.max(1, w.delayMs) * stretch > latest(w) ? i : -1)).filter((i) => i >= 0);
    if (reaching.length === 0) break;
    for (const i of reaching) capped.add(i);
  }
  return wishes.map((w, i) => {
    const base = capped.has(i) ? latest(w) : Math.max(1, w.delayMs) * stretch;
    const failed = failures[i] ?? 0;
    return failed > 0 ? Math.min(options.maxBackoffMs, base * 2 ** failed) : base;
  });
}

/**
 * When to check a new job first: its submission asked for Retry-After `retryAfterMs`, which is
 * honoured only up to what costs no notice: the wait the quota imposes anyway (`budgetedMs`) or,
 * when the item's history says no run ended sooner, the start of the earliest expected end. So a
 * job that may be short is checked as early as the budget allows, and one known to take ten
 * minutes waits the full Retry-After.
 */
export function jobFirstCheckMs(
  retryAfterMs: number | undefined,
  budgetedMs: number,
  durations: readonly number[] = [],
  options: JobPollOptions = DEFAULT_JOB_POLL,
): number {
  const earliestEnd = endWindows(durations, options)[0]?.[0] ?? 0;
  const floor = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, Math.max(budgetedMs, earliestEnd));
  return Math.max(options.minDelayMs, budgetedMs, floor);
}
