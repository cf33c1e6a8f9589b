// GET /workspaces/{id}/spark/livySessions (spark swagger, LivySessions_ListLivySessions; the
// `?beta=true` form is the same list): the Spark runs of a workspace's notebooks and Spark job
// definitions, newest first, as Livy batches. A notebook that runs on Jupyter or the warehouse is
// no Spark run and is not listed.
import type { JobStatus } from '../../fabric/types';
import type { EmulatorContext } from '../context';
import { listUrl, pageOf } from '../paging';
import type { Router } from '../router';
import { notebookCompute } from '../runNotebookRules';
import type { StoredJob } from '../store';
import { requireWorkspace } from './workspaces';

const LIVY_STATES: Record<JobStatus, string> = {
  NotStarted: 'NotStarted',
  InProgress: 'InProgress',
  Completed: 'Succeeded',
  Failed: 'Failed',
  Cancelled: 'Cancelled',
  Deduped: 'Cancelled',
};

/** The emulator's one user, as the submitter of every run. */
const SUBMITTER = { id: '00000000-0000-0000-0000-000000000001', type: 'User' };

export function livySessionRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('GET', '/workspaces/{workspaceId}/spark/livySessions', ({ params, query, origin }) => {
    const workspaceId = params.workspaceId!;
    requireWorkspace(ctx, workspaceId);
    // A notebook's compute is read from its definition once per answer, not once per run.
    const computes = new Map<string, string | undefined>();
    const computeOf = (itemId: string) => {
      if (!computes.has(itemId)) computes.set(itemId, notebookCompute(ctx.store.definition(itemId)));
      return computes.get(itemId);
    };
    const sessions = ctx.store
      .workspaceJobs(workspaceId)
      .filter((job) => isSparkRun(ctx, job, computeOf))
      .map((job) => livySession(ctx, job));
    return pageOf(sessions, query, ctx.pageSize, listUrl(`${origin}/v1/workspaces/${workspaceId}/spark/livySessions`, query, ['beta']));
  });
}

function isSparkRun(ctx: EmulatorContext, job: StoredJob, computeOf: (itemId: string) => string | undefined): boolean {
  const item = ctx.store.item(job.workspaceId, job.itemId);
  if (item?.type === 'SparkJobDefinition') return true;
  if (item?.type !== 'Notebook') return false;
  return (job.compute ?? computeOf(item.id) ?? 'Spark') === 'Spark';
}

function livySession(ctx: EmulatorContext, job: StoredJob): Record<string, unknown> {
  const item = ctx.store.item(job.workspaceId, job.itemId)!;
  const reference = { workspaceId: job.workspaceId, itemId: job.itemId, referenceType: 'ById' };
  const submitted = job.createdMs;
  const started = job.startTimeUtc ? Date.parse(job.startTimeUtc) : undefined;
  const ended = job.endTimeUtc ? Date.parse(job.endTimeUtc) : undefined;
  const seconds = (ms: number) => ({ value: Math.max(0, Math.round(ms / 100) / 10), timeUnit: 'Seconds' });
  return {
    state: LIVY_STATES[job.status],
    // The run's own id besides its job instance id: the emulator's root activity id.
    livyId: job.rootActivityId ?? job.id,
    origin: 'SubmittedJob',
    attemptNumber: 1,
    maxNumberOfAttempts: 1,
    livyName: item.displayName,
    submitter: SUBMITTER,
    item: reference,
    itemName: item.displayName,
    itemType: item.type,
    jobType: 'SparkBatch',
    submittedDateTime: new Date(submitted).toISOString(),
    ...(started !== undefined ? { startDateTime: job.startTimeUtc, queuedDuration: seconds(started - submitted) } : {}),
    ...(ended !== undefined ? { endDateTime: job.endTimeUtc } : {}),
    ...(started !== undefined && ended !== undefined ? { runningDuration: seconds(ended - started), totalDuration: seconds(ended - submitted) } : {}),
    jobInstanceId: job.id,
    creatorItem: reference,
    ...(job.status === 'Cancelled' ? { cancellationReason: 'The job was cancelled.' } : {}),
  };
}
