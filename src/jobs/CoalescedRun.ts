// Runs an async refresh one at a time. A request while it runs folds into one more run after it,
// however many requests come: each request is answered by a run that started after it, so the
// state a refresh reads last is the latest one, and runs never overlap (no stale run ends last).
export class CoalescedRun {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly work: () => Promise<void>) {}

  /** Resolves once a run that started after this call has ended (it never rejects). */
  request(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const next = () => {
      this.queued = undefined;
      return this.start();
    };
    this.queued = this.running.then(next);
    return this.queued;
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.work()
      .catch(() => undefined)
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }
}
