// The run times of each item's recent runs, learnt from what the job monitor reads anyway (an
// item's job list, a workspace's Livy sessions, a job's final status), so its polls can gather
// where a running job is likely to end. In memory only: the first list read after a reload
// refills it.
import { parseUtc } from './TrackedJob';

/** Runs remembered per item: enough to see its usual run times, few enough to follow a change. */
const KEPT_PER_ITEM = 20;

export class RunHistory {
  /** Item → run id → the run's end and length (ms). */
  private readonly byItem = new Map<string, Map<string, { end: number; duration: number }>>();

  /** Records a run that ended (its start and end as Fabric gives them); ignores anything else. */
  record(itemKey: string, runId: string, startTimeUtc: string | null | undefined, endTimeUtc: string | null | undefined): void {
    if (!startTimeUtc || !endTimeUtc) return;
    const end = parseUtc(endTimeUtc);
    const duration = end - parseUtc(startTimeUtc);
    if (!Number.isFinite(duration) || duration < 0) return;
    let runs = this.byItem.get(itemKey);
    if (!runs) this.byItem.set(itemKey, (runs = new Map()));
    runs.set(runId, { end, duration });
    if (runs.size <= KEPT_PER_ITEM) return;
    // Lists come newest first: the run to forget is the one that ended first, not the first recorded.
    const oldest = [...runs].reduce((a, b) => (b[1].end < a[1].end ? b : a));
    runs.delete(oldest[0]);
  }

  /** The item's remembered run times (ms). */
  durations(itemKey: string): number[] {
    return [...(this.byItem.get(itemKey)?.values() ?? [])].map((run) => run.duration);
  }

  has(itemKey: string): boolean {
    return (this.byItem.get(itemKey)?.size ?? 0) > 0;
  }
}
