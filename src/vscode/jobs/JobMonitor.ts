// The window's one job monitor: follows every job started here (JobTracker, persisted in
// workspaceState so polling resumes after a reload), writes the "Fabric Jobs" output channel and
// notifies when a job ends. The status bar and the Jobs view only listen to its events.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import { maskSecrets } from '../../fabric/redaction';
import type { Item } from '../../fabric/types';
import { endSeverity, endSummary, formatJobChange } from '../../jobs/jobLog';
import { JobTracker, type Clock, type JobChange, type JobConnection } from '../../jobs/JobTracker';
import { jobTypeOf, submitRun, type RunSpec } from '../../jobs/runRequest';
import type { TrackedJob } from '../../jobs/TrackedJob';
import type { ConnectionManager } from '../connection/ConnectionManager';

const STATE_KEY = 'fabricWorkbench.jobs.tracked';
export const JOBS_CHANNEL_NAME = 'Fabric Jobs';
/** Output lines kept (a line per submission and status change): the latest jobs' story. */
export const OUTPUT_LINES_KEPT = 2000;
/** Lines over the bound before trimming: replacing the channel's text is not free. */
const OUTPUT_TRIM_SLACK = 200;

export interface RunTarget {
  workspaceId: string;
  workspaceName?: string;
  item: Item;
}

export class JobMonitor implements vscode.Disposable {
  private readonly _onDidChangeJobs = new vscode.EventEmitter<JobChange>();
  readonly onDidChangeJobs: vscode.Event<JobChange> = this._onDidChangeJobs.event;
  readonly tracker: JobTracker;
  /** The lines of the output channel, the last OUTPUT_LINES_KEPT (its content is not readable back). */
  readonly outputLines: string[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    state: vscode.Memento,
    private readonly connection: Pick<ConnectionManager, 'client' | 'id' | 'onDidChangeConnection'>,
    private readonly log: vscode.LogOutputChannel,
    readonly channel: vscode.OutputChannel = vscode.window.createOutputChannel(JOBS_CHANNEL_NAME),
    clock?: Clock,
  ) {
    this.tracker = new JobTracker({
      connection: () => connectionOf(this.connection),
      clock,
      logger: log,
      store: { load: () => state.get<TrackedJob[]>(STATE_KEY, []), save: (jobs) => state.update(STATE_KEY, jobs) },
    });
    const subscription = this.tracker.onDidChange((change) => this.onChange(change));
    this.disposables.push(
      { dispose: () => subscription.dispose() },
      this.connection.onDidChangeConnection(() => this.tracker.kick()),
      this._onDidChangeJobs,
      this.channel,
    );
    const resumed = this.tracker.running.length;
    if (resumed) this.log.info(`Resumed following ${resumed} running job(s).`);
  }

  get jobs(): readonly TrackedJob[] {
    return this.tracker.jobs;
  }

  /** Submits the run and follows the job it starts. */
  async submit(client: FabricClient, target: RunTarget, spec: RunSpec): Promise<TrackedJob> {
    const connection = this.connection.id;
    const submission = await submitRun(client, target.workspaceId, target.item.id, spec);
    const timeoutMinutes = vscode.workspace.getConfiguration('fabricWorkbench.jobs').get<number>('timeoutMinutes', 0);
    const now = Date.now();
    return this.tracker.track({
      id: submission.jobInstanceId,
      connection,
      workspaceId: target.workspaceId,
      workspaceName: target.workspaceName,
      itemId: target.item.id,
      itemName: target.item.displayName,
      itemType: target.item.type,
      kind: spec.kind,
      jobType: jobTypeOf(spec.kind),
      parameters: spec.parameters,
      executionData: spec.executionData,
      status: 'NotStarted',
      submittedAt: now,
      retryAfterSeconds: submission.retryAfterSeconds,
      timeoutAt: timeoutMinutes > 0 ? now + timeoutMinutes * 60_000 : undefined,
    });
  }

  showOutput(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.tracker.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private onChange(change: JobChange): void {
    const line = formatJobChange(change, Date.now());
    if (line) {
      this.outputLines.push(line);
      this.channel.appendLine(line);
      this.trimOutput();
    }
    this._onDidChangeJobs.fire(change);
    if (change.kind === 'ended') void this.notifyEnd(change.job);
    if (change.kind === 'cancelFailed') void this.notifyCancelFailed(change.job, change.reason);
  }

  /** Keeps the output to its last lines, so a long session's history doesn't grow without bound. */
  private trimOutput(): void {
    if (this.outputLines.length <= OUTPUT_LINES_KEPT + OUTPUT_TRIM_SLACK) return;
    this.outputLines.splice(0, this.outputLines.length - OUTPUT_LINES_KEPT);
    this.channel.replace(`${this.outputLines.join('\n')}\n`);
  }

  /** A timed-out run still runs (and costs capacity): the user may need to cancel it elsewhere. */
  private async notifyCancelFailed(job: TrackedJob, reason: string): Promise<void> {
    const showOutput = vscode.l10n.t('Show Output');
    const message = vscode.l10n.t('{0} ran past its timeout but could not be cancelled; it is tried again at each status check. {1}', job.itemName, maskSecrets(reason));
    if (await vscode.window.showWarningMessage(message, showOutput) === showOutput) this.showOutput();
  }

  private async notifyEnd(job: TrackedJob): Promise<void> {
    const severity = endSeverity(job);
    const notifyOnSuccess = vscode.workspace.getConfiguration('fabricWorkbench.jobs').get<boolean>('notifyOnSuccess', true);
    if (severity === 'information' && !notifyOnSuccess) return;
    const showOutput = vscode.l10n.t('Show Output');
    const runAgain = vscode.l10n.t('Run Again');
    const message = vscode.l10n.t('{0} {1}', job.itemName, endSummary(job, Date.now()));
    const show = { information: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[severity];
    const choice = await show(message, showOutput, runAgain);
    if (choice === showOutput) this.showOutput();
    if (choice === runAgain) await vscode.commands.executeCommand('fabricWorkbench.rerunJob', job.id);
  }
}

/** The connection as the tracker uses it (the notebook endpoint when the client has it). */
function connectionOf({ client, id }: Pick<ConnectionManager, 'client' | 'id'>): JobConnection | undefined {
  return client && id !== undefined ? { id, api: client } : undefined;
}
