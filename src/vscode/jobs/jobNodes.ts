// What the Jobs view and the Runs view share: a job's row (its status icon and line, a click opens
// its details), the activity runs of a job that has them (pipelines) as its children, and message rows.
import * as vscode from 'vscode';
import { describeError } from '../../fabric/errors';
import { jobKind } from '../../fabric/itemKinds';
import type { ActivityRun } from '../../fabric/types';
import { queryJobActivityRuns, type ActivityRunsClient } from '../../jobs/activityRuns';
import { formatDuration, type TrackedJob } from '../../jobs/TrackedJob';
import { themeIcon, describeJob } from './jobPresentation';

export type JobNode = { kind: 'job'; job: TrackedJob };
export type ActivityNode = { kind: 'activity'; job: TrackedJob; run: ActivityRun };
export type MessageNode = { kind: 'message'; parent?: TrackedJob; text: string; error?: boolean };

/** A job's row; `contextValue` decides its menus. */
export function jobTreeItem(job: TrackedJob, contextValue: string, description = describeJob(job), icon = themeIcon(job)): vscode.TreeItem {
  const item = new vscode.TreeItem(
    job.itemName,
    jobKind(job.kind)?.activityRuns ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `job:${job.id}`;
  item.description = description;
  item.iconPath = icon;
  item.tooltip = `${job.itemName} (${job.itemType}) in ${job.workspaceName ?? job.workspaceId}\n${job.jobType} ${job.id}: ${job.status}`;
  item.contextValue = contextValue;
  item.command = { command: 'fabricWorkbench.showJob', title: vscode.l10n.t('Show Job'), arguments: [job.id] };
  return item;
}

export function activityTreeItem({ job, run }: ActivityNode): vscode.TreeItem {
  const item = new vscode.TreeItem(run.activityName);
  item.id = `activity:${job.id}:${run.activityRunId}`;
  item.description = [run.activityType, run.status, run.durationInMs !== undefined ? formatDuration(run.durationInMs) : undefined].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(activityIcon(run.status));
  item.tooltip = run.error?.message ? `${run.error.errorCode ?? ''} ${run.error.message}` : undefined;
  item.contextValue = 'fabricWorkbench.activityRun';
  return item;
}

export function messageTreeItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text);
  item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
  return item;
}

/** A pipeline run's activity runs, or a message row saying why there are none. */
export async function activityChildren(
  client: ActivityRunsClient | undefined,
  job: TrackedJob,
  log: vscode.LogOutputChannel,
): Promise<(ActivityNode | MessageNode)[]> {
  if (!client) return [{ kind: 'message', parent: job, text: vscode.l10n.t('Not connected'), error: true }];
  try {
    const runs = await queryJobActivityRuns(client, job);
    if (runs.length === 0) return [{ kind: 'message', parent: job, text: vscode.l10n.t('No activity runs yet') }];
    return runs.map((run) => ({ kind: 'activity', job, run }));
  } catch (error) {
    log.warn(`Could not read the activity runs of ${job.id}: ${(error as Error).message}`);
    return [{ kind: 'message', parent: job, text: describeError(error), error: true }];
  }
}

/** The job row above an activity or message row. */
export function parentJob(node: JobNode | ActivityNode | MessageNode): JobNode | undefined {
  if (node.kind === 'activity') return { kind: 'job', job: node.job };
  if (node.kind === 'message' && node.parent) return { kind: 'job', job: node.parent };
  return undefined;
}

function activityIcon(status: string): string {
  switch (status) {
    case 'Succeeded':
      return 'pass';
    case 'Failed':
      return 'error';
    case 'Cancelled':
    case 'Canceled':
      return 'circle-slash';
    case 'Skipped':
      return 'debug-step-over';
    default:
      return 'sync~spin';
  }
}
