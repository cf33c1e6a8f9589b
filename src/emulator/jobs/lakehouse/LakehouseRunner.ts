// Lakehouse jobs: table maintenance (its executionData checked by the HTTP layer as the spec says)
// and materialized lake view refresh. The emulator keeps no table data, so the work is simulated.
import { simulatedWork } from '../outcomes';
import type { JobContext, JobOutcome, JobRunner, RunnableItem } from '../types';

/** How long a simulated job runs before timeScale. */
const LAKEHOUSE_JOB_MS = 2000;

export class LakehouseRunner implements JobRunner {
  run(_item: RunnableItem, _jobType: string, ctx: JobContext): Promise<JobOutcome> {
    return simulatedWork(LAKEHOUSE_JOB_MS, ctx);
  }
}
