// The Jobs view: running jobs first, then recent ones (this window's and those the service lists for
// the items run from here), each with its status icon, type, start time and duration. A pipeline
// run expands into its activity runs, refreshed while the run goes on. Only the current connection's
// jobs are listed (none while signed out); one saved as running while its connection was away shows
// as being checked until its status has been read again.
import * as vscode from 'vscode';
import { jobKind } from '../../fabric/itemKinds';
import { describeError } from '../../fabric/errors';
import type { ActivityRun } from '../../fabric/types';
import { CoalescedRun } from '../../jobs/CoalescedRun';
import { queryJobActivityRuns } from '../../jobs/activityRuns';
import { fromInstance, itemsRun, mergeHistory } from '../../jobs/jobHistory';
import { formatDuration, isRunning, type TrackedJob } from '../../jobs/TrackedJob';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { JobMonitor } from './JobMonitor';
import { describeJob, themeIcon } from './jobPresentation';

export type JobsNode =
  | { kind: 'job'; job: TrackedJob }
  | { kind: 'activity'; job: TrackedJob; run: ActivityRun }
  | { kind: 'message'; parent?: TrackedJob; text: string; error?: boolean };

/** Items listed per item when reading history. */
const HISTORY_PER_ITEM = 10;
/** How often a running pipeline's activity runs are refreshed. */
const ACTIVITY_REFRESH_MS = 3000;

export class JobsTreeDataProvider implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<JobsNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private listed: TrackedJob[] = [];
  /** Many jobs ending together ask for one reload, never for overlapping ones. */
  private readonly historyReload = new CoalescedRun(() => this.loadHistory());
  private readonly subscriptions: vscode.Disposable[];
  private activityTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly monitor: JobMonitor,
    private readonly connection: Pick<ConnectionManager, 'client' | 'id' | 'onDidChangeConnection'>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      monitor.onDidChangeJobs((change) => {
        if (change?.kind === 'ended') void this.historyReload.request();
        this.changed();
      }),
      connection.onDidChangeConnection(() => {
        // The other connection's history goes at once, not when the new one has been read.
        this.listed = [];
        void this.historyReload.request();
      }),
    ];
  }

  /** The jobs the view lists, in its order. */
  get jobs(): TrackedJob[] {
    const tracked = this.monitor.jobs;
    const running = tracked.filter(isRunning);
    const merged = mergeHistory(
      tracked.filter((j) => !isRunning(j)),
      this.listed.filter((j) => !running.some((r) => r.id === j.id)),
    );
    return [...running, ...merged];
  }

  find(id: string): TrackedJob | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  /** Reloads the items' job history and redraws. */
  refresh(): Promise<void> {
    return this.historyReload.request();
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'job': {
        const { job } = node;
        const unchecked = this.monitor.isUnchecked(job);
        const item = new vscode.TreeItem(
          job.itemName,
          jobKind(job.kind)?.activityRuns ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `job:${job.id}`;
        item.description = unchecked ? `${job.jobType} · ${vscode.l10n.t('checking its status…')}` : describeJob(job);
        item.iconPath = unchecked ? new vscode.ThemeIcon('loading~spin') : themeIcon(job);
        item.tooltip =
          `${job.itemName} (${job.itemType}) in ${job.workspaceName ?? job.workspaceId}\n${job.jobType} ${job.id}: ` +
          (unchecked ? vscode.l10n.t('{0} when last seen; reading its status again', job.status) : job.status);
        item.contextValue = unchecked ? 'fabricWorkbench.job.checking' : isRunning(job) ? 'fabricWorkbench.job.running' : 'fabricWorkbench.job.ended';
        item.command = { command: 'fabricWorkbench.showJob', title: vscode.l10n.t('Show Job'), arguments: [job.id] };
        return item;
      }
      case 'activity': {
        const { run } = node;
        const item = new vscode.TreeItem(run.activityName);
        item.id = `activity:${node.job.id}:${run.activityRunId}`;
        item.description = [run.activityType, run.status, run.durationInMs !== undefined ? formatDuration(run.durationInMs) : undefined]
          .filter(Boolean)
          .join(' · ');
        item.iconPath = new vscode.ThemeIcon(activityIcon(run.status));
        item.tooltip = run.error?.message ? `${run.error.errorCode ?? ''} ${run.error.message}` : undefined;
        item.contextValue = 'fabricWorkbench.activityRun';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
        return item;
      }
    }
  }

  async getChildren(node?: JobsNode): Promise<JobsNode[]> {
    if (!node) return this.jobs.map((job) => ({ kind: 'job', job }));
    if (node.kind !== 'job') return [];
    const client = this.connection.client;
    if (!client) return [{ kind: 'message', parent: node.job, text: vscode.l10n.t('Not connected'), error: true }];
    try {
      const runs = await queryJobActivityRuns(client, node.job);
      if (isRunning(node.job)) this.scheduleActivityRefresh();
      if (runs.length === 0) return [{ kind: 'message', parent: node.job, text: vscode.l10n.t('No activity runs yet') }];
      return runs.map((run) => ({ kind: 'activity', job: node.job, run }));
    } catch (error) {
      this.log.warn(`Could not read the activity runs of ${node.job.id}: ${(error as Error).message}`);
      return [{ kind: 'message', parent: node.job, text: describeError(error), error: true }];
    }
  }

  getParent(node: JobsNode): JobsNode | undefined {
    if (node.kind === 'activity') return { kind: 'job', job: node.job };
    if (node.kind === 'message' && node.parent) return { kind: 'job', job: node.parent };
    return undefined;
  }

  dispose(): void {
    if (this.activityTimer) clearTimeout(this.activityTimer);
    for (const s of this.subscriptions) s.dispose();
    this._onDidChangeTreeData.dispose();
  }

  private changed(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  /** Redraws while a pipeline runs, so its activity runs appear as they start and end. */
  private scheduleActivityRefresh(): void {
    if (this.activityTimer) return;
    this.activityTimer = setTimeout(() => {
      this.activityTimer = undefined;
      this.changed();
    }, ACTIVITY_REFRESH_MS);
  }

  private async loadHistory(): Promise<void> {
    const client = this.connection.client;
    if (!client) return;
    const listed: TrackedJob[] = [];
    const connection = this.connection.id;
    for (const template of itemsRun(this.monitor.jobs.filter((j) => j.connection === connection))) {
      try {
        let n = 0;
        for await (const instance of client.listJobInstances(template.workspaceId, template.itemId)) {
          listed.push(fromInstance(instance, template));
          if (++n >= HISTORY_PER_ITEM) break;
        }
      } catch (error) {
        this.log.warn(`Could not list the jobs of ${template.itemName}: ${(error as Error).message}`);
      }
    }
    // A connection that changed meanwhile has its own reload coming: this one's answer is stale.
    if (this.connection.id !== connection) return;
    this.listed = listed;
    this.changed();
  }
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
