// Jobs saved as running while their connection was away (signed out, another tenant or emulator,
// a closed window) may have ended meanwhile. When the connection is current again they are
// "unchecked": never shown as running until their status has been read again, by one request each
// here, or by the tracker's next report on them. An answer that says the job ended leaves the
// job unchecked until the tracker reports that end (its next poll), so the end is announced once.
import type { JobsApi } from './JobTracker';
import { Emitter } from '../base/event';
import { isTerminal, type TrackedJob } from './TrackedJob';

export class JobRecheck {
  private readonly unchecked = new Set<string>();
  private readonly changes = new Emitter<void>();
  readonly onDidChange = this.changes.event;

  /** Whether the job's saved status waits to be read again. */
  has(id: string): boolean {
    return this.unchecked.has(id);
  }

  /** Reads the status of `jobs` (the current connection's running ones) again through `api`. */
  async check(jobs: readonly TrackedJob[], api: Pick<JobsApi, 'getJobInstance'>): Promise<void> {
    this.unchecked.clear();
    for (const job of jobs) this.unchecked.add(job.id);
    this.changes.fire();
    await Promise.all(
      jobs.map(async (job) => {
        try {
          const instance = await api.getJobInstance(job.workspaceId, job.itemId, job.id);
          if (!isTerminal(instance.status)) this.settle(job.id);
        } catch {
          // Unreadable for now: the tracker's polls decide (a job the service no longer knows is given up).
        }
      }),
    );
  }

  /** The job's status is current (the tracker reported on it, or it is no longer followed). */
  settle(id: string): void {
    if (this.unchecked.delete(id)) this.changes.fire();
  }

  /** Nothing to check (signed out). */
  clear(): void {
    if (this.unchecked.size === 0) return;
    this.unchecked.clear();
    this.changes.fire();
  }
}
