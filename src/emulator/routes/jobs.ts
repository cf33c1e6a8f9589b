// The job scheduler: run on demand (path and `?jobType=` forms, and the type-specific execute
// endpoints), get, list, cancel; and a pipeline run's activity runs.
import type { Item } from '../../fabric/types';
import { queryActivityRuns } from '../activityRunQuery';
import { ApiError, badRequest, notFound } from '../apiError';
import type { EmulatorContext } from '../context';
import { readRunRequest } from '../jobRequest';
import type { MonitoringPages } from '../monitoringPages';
import { checkRunNotebook } from '../runNotebookRules';
import { executionDataProblems, jobKindOf } from '../../fabric/itemKinds';
import { reportedJobType, requireItemJob } from '../jobTypes';
import { pageOf } from '../paging';
import type { Reply, Request, Router } from '../router';
import type { StoredJob } from '../store';
import { ITEM_COLLECTIONS, requireItem } from './items';
import { requireWorkspace } from './workspaces';

function instanceUrl(origin: string, job: StoredJob): string {
  return `${origin}/v1/workspaces/${job.workspaceId}/items/${job.itemId}/jobs/instances/${job.id}`;
}

/**
 * The job instance as the service shows it; `notebook` (the notebook endpoint's answer) adds its
 * properties, with the links of the run's monitoring pages on the origin the client called.
 */
function present(job: StoredJob, notebook?: { origin: string; monitoring: MonitoringPages }): Record<string, unknown> {
  const { workspaceId: _ws, parameters: _p, createdMs: _c, output: _o, compute, exitValue, ...instance } = job;
  if (!notebook) return { ...instance, exitValue: exitValue ?? null };
  // NotebookJobInstanceProperties requires `compute`; a run that named none ran on Spark, the default.
  const ranOn = compute ?? 'Spark';
  const computeDetails = { monitoringInfo: notebook.monitoring.linksOf(notebook.origin, job, ranOn) };
  return { ...instance, properties: { exitValue: exitValue ?? null, compute: ranOn, computeDetails } };
}

function requireJob(ctx: EmulatorContext, item: Item, jobId: string): StoredJob {
  const job = ctx.store.job(jobId);
  if (!job || job.itemId !== item.id) throw notFound('JobInstanceNotFound', 'job instance');
  return job;
}

export function jobRoutes(router: Router, ctx: EmulatorContext): void {
  const run = (request: Request, item: Item, jobType: string): Reply => {
    const itemJob = requireItemJob(item, jobType);
    const runRequest = readRunRequest(request.body);
    const spec = itemJob.executionData;
    // Jobs whose executionData has named fields are checked as their spec says (table maintenance needs a valid tableName).
    const problems = spec?.kind === 'fields' ? executionDataProblems(spec.fields, runRequest.executionData, spec.required) : [];
    if (problems.length) throw badRequest('InvalidParameter', problems.join(' '));
    const job = ctx.scheduler.submit(item, itemJob.jobType, reportedJobType(itemJob, jobType), runRequest);
    return { status: 202, headers: { Location: instanceUrl(request.origin, job), 'Retry-After': '60' } };
  };

  for (const [collection, impliedType] of Object.entries(ITEM_COLLECTIONS)) {
    const base = `/workspaces/{workspaceId}/${collection}/{itemId}/jobs`;
    const item = ({ params }: Request) => requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
    const notebookEndpoint = collection === 'notebooks';

    router.add('POST', `${base}/instances`, (request) => {
      const jobType = request.query.get('jobType');
      if (!jobType) throw badRequest('InvalidParameter', 'jobType is required: POST …/jobs/{jobType}/instances or …/jobs/instances?jobType=.');
      return run(request, item(request), jobType);
    });
    router.add('POST', `${base}/{jobType}/instances`, (request) => {
      const found = item(request);
      if (notebookEndpoint && request.params.jobType!.toLowerCase() === 'execute')
        checkRunNotebook(request.query, request.body, ctx.store.definition(found.id));
      return run(request, found, request.params.jobType!);
    });
    const list = (request: Request): Reply => {
      const found = item(request);
      // …/jobs/{jobType}/instances lists the runs of that job type (Execute and Pipeline are one).
      const wanted = request.params.jobType === undefined ? undefined : requireItemJob(found, request.params.jobType);
      const jobs = ctx.store.jobs(found.id).filter((j) => !wanted || jobKindOf(found.type, j.jobType) === wanted);
      const path = request.params.jobType === undefined ? 'jobs/instances' : `jobs/${request.params.jobType}/instances`;
      const url = `${request.origin}/v1/workspaces/${request.params.workspaceId}/${collection}/${request.params.itemId}/${path}`;
      return pageOf(
        jobs.map((j) => present(j)),
        request.query,
        ctx.pageSize,
        url,
      );
    };
    router.add('GET', `${base}/instances`, list);
    router.add('GET', `${base}/{jobType}/instances`, list);
    // The spec's 200 carries Retry-After, "seconds to wait before checking the status"; the emulator's jobs are short.
    const getInstance = (request: Request): Reply => ({
      status: 200,
      body: present(
        requireJob(ctx, item(request), request.params.jobId!),
        notebookEndpoint ? { origin: request.origin, monitoring: ctx.monitoring } : undefined,
      ),
      headers: { 'Retry-After': '1' },
    });
    router.add('GET', `${base}/instances/{jobId}`, getInstance);
    router.add('GET', `${base}/{jobType}/instances/{jobId}`, getInstance);
    const cancel = (request: Request): Reply => {
      const job = requireJob(ctx, item(request), request.params.jobId!);
      if (!ctx.scheduler.cancel(job.id)) throw new ApiError(400, 'JobAlreadyCompleted', `The job instance has already ended (${job.status}).`);
      return { status: 202, headers: { Location: instanceUrl(request.origin, job), 'Retry-After': '60' } };
    };
    router.add('POST', `${base}/instances/{jobId}/cancel`, cancel);
    router.add('POST', `${base}/{jobType}/instances/{jobId}/cancel`, cancel);
  }

  router.add('POST', '/workspaces/{workspaceId}/datapipelines/pipelineruns/{jobId}/queryactivityruns', ({ params, body }) => {
    requireWorkspace(ctx, params.workspaceId!);
    const job = ctx.store.job(params.jobId!);
    if (!job || job.workspaceId !== params.workspaceId) throw notFound('JobInstanceNotFound', 'pipeline run');
    return { status: 200, body: queryActivityRuns(ctx.store.activityRuns(job.id), job, body) };
  });
}
