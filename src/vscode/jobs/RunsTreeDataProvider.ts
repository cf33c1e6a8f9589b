// The Runs view: the recent runs of the item Show Runs was last used on, as Fabric lists them
// (also those started by the portal, a schedule or a pipeline), each with how it was started, its
// status, times and failure reason; "Load more…" reads the next page. A run opens in the job
// details view, and a pipeline run expands into its activity runs, as in the Jobs view.
import * as vscode from 'vscode';
import { ItemRuns, type RunsSubject } from '../../jobs/ItemRuns';
import type { TrackedJob } from '../../jobs/TrackedJob';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { activityChildren, activityTreeItem, jobTreeItem, messageTreeItem, parentJob, type ActivityNode, type JobNode, type MessageNode } from './jobNodes';
import { describeJob } from './jobPresentation';

export type RunsNode = JobNode | ActivityNode | MessageNode | { kind: 'moreRuns' };

export class RunsTreeDataProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private listing: ItemRuns | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: Pick<ConnectionManager, 'client' | 'requireClient' | 'id' | 'onDidChangeConnection'>,
    private readonly isTracked: (jobId: string) => boolean,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Another connection's runs are not this one's to show.
    this.subscription = connection.onDidChangeConnection(() => {
      this.listing = undefined;
      this._onDidChangeTreeData.fire(undefined);
    });
  }

  /** The item whose runs are listed. */
  get subject(): RunsSubject | undefined {
    return this.listing?.subject;
  }

  get runs(): readonly TrackedJob[] {
    return this.listing?.runs ?? [];
  }

  find(id: string): TrackedJob | undefined {
    return this.runs.find((j) => j.id === id);
  }

  /** Lists the item's runs from their first page. */
  async show(subject: RunsSubject): Promise<void> {
    this.listing = new ItemRuns({ ...subject, connection: this.connection.id }, this.connection.requireClient());
    await this.loadMore();
  }

  /** Reads the runs again from the first page. */
  async refresh(): Promise<void> {
    if (this.listing) await this.show(this.listing.subject);
  }

  async loadMore(): Promise<void> {
    const listing = this.listing;
    await listing?.loadMore();
    if (listing?.error) this.log.warn(`Could not list the runs of ${listing.subject.item.displayName}: ${listing.error}`);
    this._onDidChangeTreeData.fire(undefined);
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'job': {
        const { job } = node;
        const startedBy = this.isTracked(job.id) ? vscode.l10n.t('this window') : (job.invokeType ?? vscode.l10n.t('unknown'));
        const item = jobTreeItem(job, 'fabricWorkbench.run', `${startedBy} · ${describeJob(job)}`);
        item.tooltip = [
          `${job.jobType} ${job.id}: ${job.status}`,
          vscode.l10n.t('Invoked: {0}', job.invokeType ?? vscode.l10n.t('unknown')),
          vscode.l10n.t('Started: {0}', job.startTimeUtc ?? vscode.l10n.t('not yet')),
          ...(job.endTimeUtc ? [vscode.l10n.t('Ended: {0}', job.endTimeUtc)] : []),
          ...(job.failureReason ? [`${job.failureReason.errorCode}: ${job.failureReason.message}`] : []),
        ].join('\n');
        return item;
      }
      case 'activity':
        return activityTreeItem(node);
      case 'message':
        return messageTreeItem(node);
      case 'moreRuns': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'));
        item.id = 'runs/more';
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'fabricWorkbench.loadMoreRuns', title: vscode.l10n.t('Load More'), arguments: [] };
        return item;
      }
    }
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (node?.kind === 'job') return activityChildren(this.connection.client, node.job, this.log);
    const listing = this.listing;
    if (node || !listing) return [];
    const nodes: RunsNode[] = listing.runs.map((job) => ({ kind: 'job', job }));
    if (listing.error) nodes.push({ kind: 'message', text: listing.error, error: true });
    if (listing.hasMore) nodes.push({ kind: 'moreRuns' });
    if (nodes.length === 0) nodes.push({ kind: 'message', text: vscode.l10n.t('{0} has no runs yet', listing.subject.item.displayName) });
    return nodes;
  }

  getParent(node: RunsNode): RunsNode | undefined {
    return node.kind === 'moreRuns' ? undefined : parentJob(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this._onDidChangeTreeData.dispose();
  }
}
