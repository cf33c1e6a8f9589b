// One client's long-running operations share a budget of polls per minute. A lone operation polls
// on its fast schedule (lroPollDelayMs). When n run at once each polls at most every
// n × minute / (2 × budget) — fair shares that together ask for twice the budget, so a short burst
// is still seen quickly — and a poll that would put more than the budget into any minute moves
// to the first place where it fits. So bulk work (a bulk export, 16 definitions at a time) drifts
// toward what the quota allows, Retry-After's spacing once there are enough operations, instead
// of spending the minute in its first seconds or throttling itself against the LRO quota.
// Bookkeeping only: it says when a poll may happen; the follower (lro.ts) sleeps.

export interface LroPollBudgetOptions {
  /** Polls all the operations together may make in any minute (default 150: three quarters of the LRO family's 200 calls/min, the rest left for /result reads). */
  pollsPerMinute?: number;
  /** The length of the "minute" (tests shrink it with the client's waits). */
  minuteMs?: number;
  now?: () => number;
}

export class LroPollBudget {
  readonly pollsPerMinute: number;
  readonly minuteMs: number;
  private readonly now: () => number;
  private active = 0;
  /** The times of the polls made or promised, ascending. */
  private readonly times: number[] = [];

  constructor(options: LroPollBudgetOptions = {}) {
    this.pollsPerMinute = Math.max(1, Math.floor(options.pollsPerMinute ?? 150));
    this.minuteMs = options.minuteMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts an operation in the fair shares until the returned function is called (once). */
  join(): () => void {
    this.active++;
    let left = false;
    return () => {
      if (!left) this.active--;
      left = true;
    };
  }

  /**
   * Books the next poll of an operation whose schedule asks for it `delayMs` after its previous
   * one (at `previous`), and returns when it may happen: no sooner than its fair share allows,
   * at the earliest time from there (and from now) that keeps every minute within the budget.
   * Only the moment a booked poll leaves a minute can open room, so those are the candidates.
   */
  reserve(previous: number, delayMs: number): number {
    const now = this.now();
    this.times.splice(0, this.countUpTo(now - this.minuteMs));
    const share = (Math.max(1, this.active) * this.minuteMs) / (2 * this.pollsPerMinute);
    const earliest = Math.max(previous + Math.max(delayMs, this.active > 1 ? share : 0), now);
    const leaving = this.times.map((t) => t + this.minuteMs).filter((t) => t > earliest);
    const at = [earliest, ...leaving].find((t) => this.fits(t))!; // the last candidate leaves every booked poll behind: it always fits
    this.times.splice(this.countUpTo(at), 0, at);
    return at;
  }

  /** Gives back a booked poll that will not happen (the caller gave up before it). */
  release(at: number): void {
    const index = this.times.indexOf(at);
    if (index >= 0) this.times.splice(index, 1);
  }

  /** Whether one more poll at `at` keeps every minute (end − minute, end] that would hold it within the budget. */
  private fits(at: number): boolean {
    const windowEnds = [at, ...this.times.filter((t) => t > at && t < at + this.minuteMs)];
    return windowEnds.every((end) => this.countUpTo(end) - this.countUpTo(end - this.minuteMs) < this.pollsPerMinute);
  }

  /** The number of booked polls at or before `time`. */
  private countUpTo(time: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.times[mid]! <= time) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
