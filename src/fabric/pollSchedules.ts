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
  /** The first poll's delay after a submission. */
  minDelayMs: number;
  /** The longest wait between two polls of a running job: bounds the notice delay. */
  maxDelayMs: number;
  /** How fast the delay grows with the job's age: delay = minDelay + age × growth. */
  growth: number;
  /** Polls per minute all polled groups together may make (the Job Scheduler allows 200 calls/min). */
  budgetPerMinute: number;
  /** The longest back-off after failed polls. */
  maxBackoffMs: number;
}

// The job submission's Retry-After (60 s) is not used: it would hide a job's end for a minute.
// Instead a poll answers for a group (the running jobs of one item, one list call), the delay grows
// slowly with the job's age up to 1.8 s (the worst notice delay), and all groups share a budget.
export const DEFAULT_JOB_POLL: JobPollOptions = {
  minDelayMs: 500,
  maxDelayMs: 1800,
  growth: 0.05,
  budgetPerMinute: 150,
  maxBackoffMs: 30_000,
};

/**
 * The delay before the next status poll of a group whose youngest running job is `ageMs` old,
 * when `groups` groups are being polled and the group's last `failures` polls failed.
 */
export function jobPollDelayMs(ageMs: number, groups = 1, failures = 0, options: JobPollOptions = DEFAULT_JOB_POLL): number {
  const byAge = Math.min(options.maxDelayMs, options.minDelayMs + Math.max(0, ageMs) * options.growth);
  const byBudget = (Math.max(1, groups) * 60_000) / options.budgetPerMinute;
  const base = Math.max(byAge, byBudget);
  return failures > 0 ? Math.min(options.maxBackoffMs, base * 2 ** failures) : base;
}
