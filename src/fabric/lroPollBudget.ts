// One client's long-running operations share a budget of polls per minute. A lone operation polls
// on its fast schedule (lroPollDelayMs); when many run at once (a bulk export, 16 definitions at a
// time) their polls no longer fit, each poll moves to the next free place in the window, and every
// operation's polls drift apart toward what the quota allows — Retry-After's spacing once there
// are enough of them — instead of the client throttling itself against the LRO quota.
// Bookkeeping only: it says when a poll may happen; the follower (lro.ts) sleeps.

export interface LroPollBudgetOptions {
  /** Polls all the operations together may make in any window (default 150: three quarters of the LRO family's 200 calls/min, the rest left for /result reads). */
  pollsPerWindow?: number;
  windowMs?: number;
  now?: () => number;
}

export class LroPollBudget {
  readonly pollsPerWindow: number;
  readonly windowMs: number;
  private readonly now: () => number;
  /** The times of the polls made or promised, ascending. */
  private readonly times: number[] = [];

  constructor(options: LroPollBudgetOptions = {}) {
    this.pollsPerWindow = Math.max(1, Math.floor(options.pollsPerWindow ?? 150));
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Books a poll at the earliest time at or after `wanted` (and now) that keeps every window within the
   * budget, and returns that time. Only the moment a booked poll leaves a window can open room,
   * so those moments are the only candidates after `wanted`.
   */
  reserve(wanted: number): number {
    const now = this.now();
    this.forgetBefore(now - this.windowMs);
    const earliest = Math.max(wanted, now);
    const candidates = [earliest, ...this.times.map((t) => t + this.windowMs).filter((t) => t > earliest)];
    const at = candidates.find((t) => this.fits(t))!; // the last candidate leaves every booked poll behind: it always fits
    this.times.splice(this.indexAfter(at), 0, at);
    return at;
  }

  /** Gives back a booked poll that will not happen (the caller gave up before it). */
  release(at: number): void {
    const index = this.times.indexOf(at);
    if (index >= 0) this.times.splice(index, 1);
  }

  /** Whether one more poll at `at` keeps under the budget every window (s − window, s] that holds it. */
  private fits(at: number): boolean {
    const windowEnds = [at, ...this.times.filter((t) => t > at && t < at + this.windowMs)];
    return windowEnds.every((end) => this.indexAfter(end) - this.indexAfter(end - this.windowMs) < this.pollsPerWindow);
  }

  /** The number of booked polls at or before `time`. */
  private indexAfter(time: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.times[mid]! <= time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private forgetBefore(time: number): void {
    this.times.splice(0, this.indexAfter(time));
  }
}
