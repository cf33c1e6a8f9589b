// Pure poll schedules (no timers here; the callers sleep). Figures and reasoning: README.md.

export interface LroPollOptions {
  /** The first poll's delay (default 200 ms). */
  firstDelayMs?: number;
  /** Each delay is this many times the previous one until it reaches Retry-After (default 1.7). */
  growth?: number;
  /** Polls allowed ahead of strict Retry-After spacing (default 4): poll k never comes before (k − earlyPolls) × Retry-After. */
  earlyPolls?: number;
}

export const DEFAULT_LRO_POLL: Required<LroPollOptions> = { firstDelayMs: 200, growth: 1.7, earlyPolls: 4 };

/**
 * The delays (ms, each from the previous poll) before successive polls of a long-running
 * operation whose 202 said Retry-After `retryAfterMs`. Fast at first (200, 340, 578, 983 ms: the
 * 4th poll lands at 2.1 s), growing toward Retry-After and never longer than it. The k-th poll
 * never comes before (k − earlyPolls) × Retry-After, so an operation lasting T costs at most
 * earlyPolls + T / Retry-After polls: the average interval tends to what the server asked.
 */
export function* lroPollDelays(retryAfterMs: number, options: LroPollOptions = {}): Generator<number, never, undefined> {
  const { firstDelayMs, growth, earlyPolls } = { ...DEFAULT_LRO_POLL, ...options };
  const interval = Math.max(0, retryAfterMs);
  const longest = Math.max(interval, firstDelayMs);
  let elapsed = 0;
  let step = firstDelayMs;
  for (let poll = 1; ; poll++) {
    const next = Math.max(elapsed + Math.min(step, longest), (poll - earlyPolls) * interval);
    yield next - elapsed;
    elapsed = next;
    step *= growth;
  }
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
