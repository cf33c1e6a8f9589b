// Jobs that end close together are announced together: a batch opens at the first end and each
// end within `windowMs` of the one before joins it (up to `longestMs` after the first, so a steady
// stream of ends still gets told). One job alone keeps its own announcement; many get one summary.
import type { Clock } from './JobTracker';
import { endSeverity } from './jobLog';
import type { TrackedJob } from './TrackedJob';

/** Ends this close together are one batch: a poll notices the jobs of an item together, others within a poll's delay. */
export const END_BATCH_WINDOW_MS = 1500;
const END_BATCH_LONGEST_MS = 5000;

export class JobEndBatcher {
  private batch: TrackedJob[] = [];
  private openedAt = 0;
  private timer: unknown;

  constructor(
    private readonly clock: Clock,
    private readonly onBatch: (jobs: TrackedJob[]) => void,
    private readonly windowMs = END_BATCH_WINDOW_MS,
    private readonly longestMs = END_BATCH_LONGEST_MS,
  ) {}

  add(job: TrackedJob): void {
    const now = this.clock.now();
    if (this.batch.length === 0) this.openedAt = now;
    this.batch.push(job);
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    const flushAt = Math.min(now + this.windowMs, this.openedAt + this.longestMs);
    this.timer = this.clock.setTimeout(() => this.flush(), Math.max(0, flushAt - now));
  }

  /** Announces nothing more (the window closes). */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = [];
  }

  private flush(): void {
    this.timer = undefined;
    const jobs = this.batch;
    this.batch = [];
    if (jobs.length) this.onBatch(jobs);
  }
}

export interface EndCounts {
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Lost to the service, or deduplicated. */
  other: number;
}

/** How a batch of ended jobs went. */
export function countEnds(jobs: readonly TrackedJob[]): EndCounts {
  const counts: EndCounts = { succeeded: 0, failed: 0, cancelled: 0, other: 0 };
  for (const job of jobs) {
    if (job.lost) counts.other++;
    else if (job.status === 'Completed') counts.succeeded++;
    else if (job.status === 'Failed') counts.failed++;
    else if (job.status === 'Cancelled') counts.cancelled++;
    else counts.other++;
  }
  return counts;
}

const LOUDNESS = { information: 0, warning: 1, error: 2 } as const;

/** A batch is announced as loudly as its loudest end. */
export function batchSeverity(jobs: readonly TrackedJob[]): 'information' | 'warning' | 'error' {
  return jobs.map(endSeverity).reduce((a, b) => (LOUDNESS[b] > LOUDNESS[a] ? b : a), 'information');
}
