// The recent jobs of the items the user ran or pinned, as listed by the service (also runs started
// elsewhere: the portal, schedules), merged with the jobs this window follows.
import type { ItemJobInstance } from '../fabric/types';
import { jobKind, jobKinds } from '../fabric/itemKinds';
import type { RunsSubject } from './ItemRuns';
import { exitValueOf, isTerminal, parseUtc, type TrackedJob } from './TrackedJob';

/** The service's job instance as a job of the item `template` belongs to. */
export function fromInstance(instance: ItemJobInstance, template: TrackedJob): TrackedJob {
  const start = instance.startTimeUtc ? parseUtc(instance.startTimeUtc) : NaN;
  const end = instance.endTimeUtc ? parseUtc(instance.endTimeUtc) : NaN;
  return {
    id: instance.id,
    connection: template.connection,
    workspaceId: template.workspaceId,
    workspaceName: template.workspaceName,
    itemId: instance.itemId || template.itemId,
    itemName: template.itemName,
    itemType: template.itemType,
    kind: template.kind,
    jobType: instance.jobType || (jobKind(template.kind)?.jobType ?? template.jobType),
    parameters: [],
    status: instance.status,
    ...(instance.invokeType ? { invokeType: instance.invokeType } : {}),
    submittedAt: Number.isNaN(start) ? 0 : start,
    startTimeUtc: instance.startTimeUtc ?? undefined,
    endTimeUtc: instance.endTimeUtc ?? undefined,
    noticedAt: isTerminal(instance.status) && !Number.isNaN(end) ? end : undefined,
    exitValue: exitValueOf(instance),
    failureReason: instance.failureReason ?? undefined,
  };
}

/** This window's jobs (which know their parameters) first, then the other listed ones, newest first. */
export function mergeHistory(tracked: readonly TrackedJob[], listed: readonly TrackedJob[], limit = 50): TrackedJob[] {
  const known = new Set(tracked.map((j) => j.id));
  const others = listed.filter((j) => !known.has(j.id)).sort((a, b) => b.submittedAt - a.submittedAt);
  return [...tracked, ...others].slice(0, Math.max(limit, tracked.length));
}

/** One job per item (the latest), the templates to list each item's history with. */
export function itemsRun(tracked: readonly TrackedJob[], limit = 10): TrackedJob[] {
  const seen = new Map<string, TrackedJob>();
  for (const job of tracked) if (!seen.has(job.itemId)) seen.set(job.itemId, job);
  return [...seen.values()].slice(0, limit);
}

/** The items whose history is listed: those run from here (itemsRun), then the pinned ones not among them. */
export function historyItems(tracked: readonly TrackedJob[], pinned: readonly RunsSubject[]): TrackedJob[] {
  const run = itemsRun(tracked);
  const seen = new Set(run.map((j) => j.itemId));
  return [...run, ...pinned.filter((p) => !seen.has(p.item.id)).map(itemTemplate)];
}

/** What every listed run of an item shares: its item and workspace. */
export function itemTemplate(subject: RunsSubject): TrackedJob {
  const { workspaceId, workspaceName, item, connection } = subject;
  return {
    id: '',
    connection,
    workspaceId,
    workspaceName,
    itemId: item.id,
    itemName: item.displayName,
    itemType: item.type,
    kind: jobKinds(item.type)[0]?.id ?? 'notebook',
    jobType: '',
    parameters: [],
    status: 'NotStarted',
    submittedAt: 0,
  };
}
