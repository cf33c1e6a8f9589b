// The Jobs view: running jobs first, then recent ones (this window's and those the service lists for
// the items run from here and the pinned ones), each with its status icon, type, start time and duration. A pipeline
// run expands into its activity runs, refreshed while the run goes on. Only the current connection's
// jobs are listed (none while signed out); one saved as running while its connection was away shows
// as being checked until its status has been read again.
import * as vscode from 'vscode';
import { CoalescedRun } from '../../jobs/CoalescedRun';
import type { RunsSubject } from '../../jobs/ItemRuns';
import { fromInstance, historyItems, mergeHistory } from '../../jobs/jobHistory';
import { isRunning, type TrackedJob } from '../../jobs/TrackedJob';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { JobMonitor } from './JobMonitor';
import { activityChildren, activityTreeItem, jobTreeItem, messageTreeItem, parentJob, type ActivityNode, type JobNode, type MessageNode } from './jobNodes';

export type JobsNode = JobNode | ActivityNode | MessageNode;

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
    /** The pinned items whose runs are listed too (none when the setting is off). */
    private readonly pinned: (connection: string | undefined) => RunsSubject[] = () => [],
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
        if (!this.monitor.isUnchecked(job)) return jobTreeItem(job, isRunning(job) ? 'fabricWorkbench.job.running' : 'fabricWorkbench.job.ended');
        const item = jobTreeItem(
          job,
          'fabricWorkbench.job.checking',
          `${job.jobType} · ${vscode.l10n.t('checking its status…')}`,
          new vscode.ThemeIcon('loading~spin'),
        );
        item.tooltip = `${job.itemName} (${job.itemType}) in ${job.workspaceName ?? job.workspaceId}\n${job.jobType} ${job.id}: ${vscode.l10n.t('{0} when last seen; reading its status again', job.status)}`;
        return item;
      }
      case 'activity':
        return activityTreeItem(node);
      case 'message':
        return messageTreeItem(node);
    }
  }

  async getChildren(node?: JobsNode): Promise<JobsNode[]> {
    if (!node) return this.jobs.map((job) => ({ kind: 'job', job }));
    if (node.kind !== 'job') return [];
    if (isRunning(node.job)) this.scheduleActivityRefresh();
    return activityChildren(this.connection.client, node.job, this.log);
  }

  getParent(node: JobsNode): JobsNode | undefined {
    return parentJob(node);
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
    for (const template of historyItems(
      this.monitor.jobs.filter((j) => j.connection === connection),
      this.pinned(connection),
    )) {
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
