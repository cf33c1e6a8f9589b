// Keeps a client's calls under Fabric's per-identity quotas, which are counted per API family
// (Platform, Job Scheduler, long-running operations; 200 calls a minute each). A sliding window:
// a call waits until fewer than `callsPerWindow` calls of its family started in the last window.
// Share one limiter between the clients of one identity (`sharedRateLimiter`).
import { delay } from './delay';

export type ApiFamily = 'Platform' | 'JobScheduler' | 'LRO';

export interface RateLimiterOptions {
  callsPerWindow?: number;
  windowMs?: number;
  now?: () => number;
}

/** The quota family of a request path. */
export function apiFamilyOf(pathname: string): ApiFamily {
  if (/\/operations(\/|$)/i.test(pathname)) return 'LRO';
  if (/\/jobs(\/|$)|\/pipelineruns\//i.test(pathname)) return 'JobScheduler';
  return 'Platform';
}

export class RateLimiter {
  readonly callsPerWindow: number;
  readonly windowMs: number;
  private readonly now: () => number;
  /** Start times of the calls still inside the window, oldest first, per family. */
  private readonly starts = new Map<ApiFamily, number[]>();

  constructor(options: RateLimiterOptions = {}) {
    this.callsPerWindow = options.callsPerWindow ?? 200;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves when a call of `family` may start (and counts it), or rejects when `signal` fires. */
  async acquire(family: ApiFamily, signal?: AbortSignal): Promise<void> {
    for (let wait = this.waitMs(family); wait > 0; wait = this.waitMs(family)) await delay(wait, signal);
    this.record(family);
  }

  /** How long (ms) until `calls` calls of `family` may start: 0 while the window has room for them. */
  waitMs(family: ApiFamily, calls = 1): number {
    const starts = this.startsOf(family);
    const over = starts.length + Math.min(calls, this.callsPerWindow) - this.callsPerWindow;
    return over <= 0 ? 0 : starts[over - 1]! + this.windowMs - this.now();
  }

  /** How many calls of `family` started in the last window. */
  used(family: ApiFamily): number {
    return this.startsOf(family).length;
  }

  /** Counts a call of `family` starting now, room or not (for callers that schedule their own calls). */
  record(family: ApiFamily): void {
    this.startsOf(family).push(this.now());
  }

  /** The family's calls still inside the window, oldest first. */
  private startsOf(family: ApiFamily): number[] {
    let starts = this.starts.get(family);
    if (!starts) this.starts.set(family, (starts = []));
    const since = this.now() - this.windowMs;
    while (starts.length > 0 && starts[0]! <= since) starts.shift();
    return starts;
  }
}

const shared = new Map<string, RateLimiter>();

/** One limiter per identity key (e.g. tenant + account), for all the clients acting as it. */
export function sharedRateLimiter(identity: string, options?: RateLimiterOptions): RateLimiter {
  let limiter = shared.get(identity);
  if (!limiter) shared.set(identity, (limiter = new RateLimiter(options)));
  return limiter;
}
