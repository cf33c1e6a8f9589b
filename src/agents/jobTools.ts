// fabric_runItem, fabric_getJob, fabric_listJobs and fabric_cancelJob. A run is the run commands'
// run: the wizard's parameter checks (runParameters.ts), the same request (src/jobs/runRequest.ts),
// submitted through the host (VS Code's job monitor). A job is shown as the Jobs view's details
// document shows it (formatJobDetails), plus a pipeline's activity runs.
import { delay, type FabricClient } from '../fabric';
import { jobWantedDelayMs } from '../fabric/pollSchedules';
import type { ItemJobInstance } from '../fabric/types';
import { queryJobActivityRuns } from '../jobs/activityRuns';
import { readDeclaredParameters } from '../jobs/declaredParameters';
import { fromInstance } from '../jobs/jobHistory';
import { formatJobDetails } from '../jobs/jobDetails';
import { jobKindOf, jobKinds, requireJobKind, runnableItemTypes } from '../fabric/itemKinds';
import type { RunKind } from '../jobs/runRequest';
import { durationMs, formatDuration, isTerminal, type TrackedJob } from '../jobs/TrackedJob';
import { maskSecrets } from '../fabric/redaction';
import { describeTarget, itemInput } from './definitionTools';
import { declaredList, runParameters } from './runParameters';
import type { ToolContext } from './toolContext';
import { findTarget, type Target } from './targets';
import { optionalNumber, optionalText, requiredText, ToolError } from './ToolError';

const DEFAULT_JOBS_LISTED = 10;

export async function runItem(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const target = await findTarget(ctx.client, itemInput(input), signal);
  const { workspace, item } = target;
  const kind = runKindOf(target, optionalText(input, 'dataflowAction'));
  const declared = await readDeclaredParameters(ctx.client, workspace.id, item, kind);
  const parameters = runParameters(kind, declared, input.parameters, item.displayName);
  const job = await ctx.host.submit(ctx.client, { workspaceId: workspace.id, workspaceName: workspace.displayName, item }, { kind, parameters });
  const given = parameters.length
    ? ` with ${parameters.map((p) => `${p.name}=${JSON.stringify(p.value)}`).join(', ')}`
    : " with the item's own parameter values";
  return [
    `Started ${requireJobKind(kind).jobType} job ${job.id} of ${describeTarget(target)}${given}.`,
    declaredList(declared, item.displayName),
    `Follow it with fabric_getJob (workspace "${workspace.id}", item "${item.id}", jobId "${job.id}"; waitSeconds to wait for its end).`,
  ].join('\n');
}

export async function getJob(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const target = await findTarget(ctx.client, itemInput(input), signal);
  const jobId = requiredText(input, 'jobId', 'the job id fabric_runItem or fabric_listJobs answered');
  const waitMs = (optionalNumber(input, 'waitSeconds', 0, 600) ?? 0) * 1000;
  const started = Date.now();
  let instance = await readInstance(ctx.client, target, jobId, signal);
  while (!isTerminal(instance.status) && Date.now() - started < waitMs) {
    await delay(Math.min(jobWantedDelayMs(Date.now() - started), started + waitMs - Date.now()), signal);
    instance = await readInstance(ctx.client, target, jobId, signal);
  }
  const job = jobOf(ctx, target, instance);
  const lines = [formatJobDetails(job, Date.now()).trimEnd()];
  if (jobKinds(target.item.type).some((j) => j.activityRuns)) lines.push('', '## Activity runs', ...(await activityLines(ctx.client, job, signal)));
  if (!isTerminal(instance.status))
    lines.push(
      '',
      `Still ${instance.status}${waitMs ? ` after waiting ${Math.round(waitMs / 1000)} s` : ''}: call fabric_getJob again (waitSeconds up to 600) to wait for its end.`,
    );
  return lines.join('\n');
}

export async function listJobs(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const target = await findTarget(ctx.client, itemInput(input), signal);
  const limit = optionalNumber(input, 'limit', 1, 50) ?? DEFAULT_JOBS_LISTED;
  const instances: ItemJobInstance[] = [];
  for await (const instance of ctx.client.listJobInstances(target.workspace.id, target.item.id, { signal })) instances.push(instance);
  const jobs = instances
    .map((i) => jobOf(ctx, target, i))
    .sort((a, b) => b.submittedAt - a.submittedAt)
    .slice(0, limit);
  if (jobs.length === 0) return `${describeTarget(target)} has no jobs yet. Start one with fabric_runItem.`;
  const now = Date.now();
  const lines = jobs.map((j) => {
    const reason = j.failureReason ? ` · ${j.failureReason.errorCode}: ${j.failureReason.message}` : '';
    return `- ${j.id} · ${j.jobType} · ${j.status} · started ${j.startTimeUtc ?? 'not yet'} · ${formatDuration(durationMs(j, now))}${reason}`;
  });
  return maskSecrets(`${jobs.length} most recent job${jobs.length === 1 ? '' : 's'} of ${describeTarget(target)}, newest first:\n${lines.join('\n')}`);
}

export async function cancelJob(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const target = await findTarget(ctx.client, itemInput(input), signal);
  const jobId = requiredText(input, 'jobId', 'the id of the job to cancel');
  const instance = await readInstance(ctx.client, target, jobId, signal);
  if (isTerminal(instance.status)) return `Job ${jobId} of ${describeTarget(target)} already ended (${instance.status}); nothing to cancel.`;
  await ctx.host.cancel(ctx.client, { workspaceId: target.workspace.id, itemId: target.item.id, id: jobId });
  return `Cancel requested for job ${jobId} of ${describeTarget(target)}. fabric_getJob with waitSeconds shows when it has stopped.`;
}

/** What the user confirms before a run. */
export async function describeRun(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const parameters = input.parameters && typeof input.parameters === 'object' ? Object.entries(input.parameters) : [];
  const given = parameters.length
    ? `with ${parameters.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ')}`
    : "with the item's own parameter values";
  return `Run ${await describeNamed(ctx, input, signal)} ${given}, on ${ctx.host.connectionLabel()}?`;
}

/** What the user confirms before a cancel. */
export async function describeCancel(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  return `Cancel job ${optionalText(input, 'jobId') ?? '(no job id given)'} of ${await describeNamed(ctx, input, signal)}, on ${ctx.host.connectionLabel()}?`;
}

/** The item as found, or as the call names it when it cannot be found (the call will say why). */
async function describeNamed(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const names = itemInput(input);
  return findTarget(ctx.client, names, signal).then(describeTarget, () => `"${names.item}" in workspace "${names.workspace}"`);
}

/** The item's job (a dataflow's by its action: refresh or publish); a job that needs execution data the tools cannot give is refused. */
function runKindOf({ item }: Target, dataflowAction: string | undefined): RunKind {
  const kinds = jobKinds(item.type);
  if (kinds.length === 0) throw new ToolError(`"${item.displayName}" is a ${item.type}; only items of these types run: ${runnableItemTypes().join(', ')}.`);
  const job = dataflowAction === undefined || kinds.length === 1 ? kinds[0]! : kinds.find((k) => k.verb.toLowerCase() === dataflowAction);
  if (!job) throw new ToolError(`"dataflowAction" is ${kinds.map((k) => `"${k.verb.toLowerCase()}"`).join(' or ')}, not "${dataflowAction}".`);
  if (job.executionData?.kind === 'fields' && job.executionData.required)
    throw new ToolError(`"${item.displayName}" needs execution data for ${job.jobType} that these tools cannot give; run it with the "${job.title}" command.`);
  return job.id;
}

/** The notebook endpoint carries a notebook's exit value. */
function readInstance(client: FabricClient, { workspace, item }: Target, jobId: string, signal?: AbortSignal): Promise<ItemJobInstance> {
  return jobKinds(item.type).some((j) => j.notebookInstance)
    ? client.getNotebookJobInstance(workspace.id, item.id, jobId, { signal })
    : client.getJobInstance(workspace.id, item.id, jobId, { signal });
}

/** The service's job as a tracked one (with the parameters, when the host started it). */
function jobOf(ctx: ToolContext, { workspace, item }: Target, instance: ItemJobInstance): TrackedJob {
  const known = ctx.host.knownJob?.(instance.id);
  const kind = jobKindOf(item.type, instance.jobType) ?? jobKinds(item.type)[0];
  const template: TrackedJob = {
    id: instance.id,
    workspaceId: workspace.id,
    workspaceName: workspace.displayName,
    itemId: item.id,
    itemName: item.displayName,
    itemType: item.type,
    kind: kind?.id ?? instance.jobType,
    jobType: instance.jobType || (kind?.jobType ?? ''),
    parameters: [],
    status: instance.status,
    submittedAt: 0,
  };
  const job = fromInstance(instance, template);
  return known ? { ...job, parameters: known.parameters, executionData: known.executionData } : job;
}

async function activityLines(client: FabricClient, job: TrackedJob, signal?: AbortSignal): Promise<string[]> {
  const runs = await queryJobActivityRuns(client, job, signal);
  if (runs.length === 0) return ['(none yet)'];
  return runs.map((r) => {
    const took = r.durationInMs !== undefined ? `, ${formatDuration(r.durationInMs)}` : '';
    const error = r.error?.message ? `: ${r.error.errorCode ?? 'Error'}: ${r.error.message}` : '';
    return maskSecrets(`- ${r.activityName} (${r.activityType}): ${r.status}${took}${error}`);
  });
}
