// The activity runs of a pipeline job, as the Jobs view and the agents' fabric_getJob show them:
// queried over a window from a day before the job was submitted to a day after now (the service
// asks for a window; a day each side absorbs clock skew), in start order.
import type { ActivityRun } from '../fabric/types';
import type { TrackedJob } from './TrackedJob';

const DAY_MS = 86_400_000;

export interface ActivityRunsClient {
  queryActivityRuns(workspaceId: string, jobInstanceId: string, request: object, call?: { signal?: AbortSignal }): Promise<ActivityRun[]>;
}

export function queryJobActivityRuns(
  client: ActivityRunsClient,
  job: Pick<TrackedJob, 'workspaceId' | 'id' | 'submittedAt'>,
  signal?: AbortSignal,
): Promise<ActivityRun[]> {
  const now = Date.now();
  return client.queryActivityRuns(
    job.workspaceId,
    job.id,
    {
      filters: [],
      orderBy: [{ orderBy: 'ActivityRunStart', order: 'ASC' }],
      lastUpdatedAfter: new Date((job.submittedAt || now) - DAY_MS).toISOString(),
      lastUpdatedBefore: new Date(now + DAY_MS).toISOString(),
    },
    { signal },
  );
}
