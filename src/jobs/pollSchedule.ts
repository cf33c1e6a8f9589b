// When to ask again about a running job. Most jobs are short and a user waits for each, so polls
// start fast and slow down as the job ages, but never beyond `maxDelayMs` (the worst notice delay).
// Jobs of one item are polled together (one list call covers them all), and all groups share one
// budget of polls per minute so the tracker stays inside the Job Scheduler's 200 calls/min with room
// for the user's other calls. The client's LRO schedule follows Retry-After hints (60 s for jobs),
// which is fine for operations but would hide a job's end for a minute, hence a schedule of our own.

export interface PollScheduleOptions {
  /** The first poll's delay after a submission. */
  minDelayMs: number;
  /** The longest wait between two polls of a running job: bounds the notice delay. */
  maxDelayMs: number;
  /** How fast the delay grows with the job's age: delay = minDelay + age × growth. */
  growth: number;
  /** Polls per minute all running groups together may make. */
  budgetPerMinute: number;
  /** The longest back-off after failed polls. */
  maxBackoffMs: number;
}

export const DEFAULT_POLL_SCHEDULE: PollScheduleOptions = {
  minDelayMs: 500,
  maxDelayMs: 1800,
  growth: 0.05,
  budgetPerMinute: 150,
  maxBackoffMs: 30_000,
};

/**
 * The delay before the next poll of a group whose youngest running job is `ageMs` old, when
 * `groups` groups are polling and the group's last `failures` polls failed.
 */
export function pollDelayMs(ageMs: number, groups: number, failures: number, options: PollScheduleOptions = DEFAULT_POLL_SCHEDULE): number {
  const byAge = Math.min(options.maxDelayMs, options.minDelayMs + Math.max(0, ageMs) * options.growth);
  const byBudget = (Math.max(1, groups) * 60_000) / options.budgetPerMinute;
  const base = Math.max(byAge, byBudget);
  return failures > 0 ? Math.min(options.maxBackoffMs, base * 2 ** failures) : base;
}
