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
  /** The shortest delay, used while the job is young (default 500 ms). */
  minDelayMs?: number;
  /** The delay is this fraction of the job's age once that is longer (default 0.15). */
  ageFraction?: number;
  /** The longest delay when the server gave no Retry-After (default 20 s). */
  maxDelayMs?: number;
}

export const DEFAULT_JOB_POLL: Required<JobPollOptions> = { minDelayMs: 500, ageFraction: 0.15, maxDelayMs: 20_000 };

/**
 * The delay before the next status poll of a job running for `elapsedMs`: 0.5 s while it is under
 * 3.3 s old, then 15 % of its age (a job's end is noticed after at most ~15 % of its run time),
 * up to 20 s, or up to `retryAfterMs` when the last status answer carried a Retry-After.
 */
export function adaptivePollDelay(elapsedMs: number, retryAfterMs?: number, options: JobPollOptions = {}): number {
  const { minDelayMs, ageFraction, maxDelayMs } = { ...DEFAULT_JOB_POLL, ...options };
  const longest = Math.max(minDelayMs, retryAfterMs ?? maxDelayMs);
  return Math.min(longest, Math.max(minDelayMs, Math.max(0, elapsedMs) * ageFraction));
}
