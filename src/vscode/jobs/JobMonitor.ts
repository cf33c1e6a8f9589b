// The window's one job monitor: follows every job started here (JobTracker, persisted in
// workspaceState so polling resumes after a reload) and writes each job's story to the extension's
// log. It shows the jobs of the current connection only: another connection's wait, unlisted and
// unpolled, and when theirs is current again they are read again before they show as running
// (JobRecheck). The status bar, the Jobs view and the notifications only listen to its events.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import type { Item } from '../../fabric/types';
import { formatJobChange } from '../../jobs/jobLog';
import { JobRecheck } from '../../jobs/JobRecheck';
import { JobTracker, type Clock, type JobChange, type JobConnection } from '../../jobs/JobTracker';
import { requireJobKind } from '../../fabric/itemKinds';
import { submitRun, type RunSpec } from '../../jobs/runRequest';
import type { TrackedJob } from '../../jobs/TrackedJob';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { settings } from '../common/settings';

const STATE_KEY = 'fabricWorkbench.jobs.tracked';
/** The job lines kept in `outputLines` (the log itself is VS Code's, which bounds its file). */
export const OUTPUT_LINES_KEPT = 2000;

/** A job's change, or undefined when the jobs listed changed as a whole (a connection came or went, a recheck). */
export type JobsChange = JobChange | undefined;

export interface RunTarget {
  workspaceId: string;
  workspaceName?: string;
  item: Item;
}

export class JobMonitor implements vscode.Disposable {
  private readonly _onDidChangeJobs = new vscode.EventEmitter<JobsChange>();
  readonly onDidChangeJobs: vscode.Event<JobsChange> = this._onDidChangeJobs.event;
  readonly tracker: JobTracker;
  /** The latest job lines written to the log, the last OUTPUT_LINES_KEPT (a log is not readable back). */
  readonly outputLines: string[] = [];
  private readonly recheck = new JobRecheck();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    state: vscode.Memento,
    private readonly connection: Pick<ConnectionManager, 'client' | 'id' | 'onDidChangeConnection'>,
    private readonly log: vscode.LogOutputChannel,
    clock?: Clock,
  ) {
    this.tracker = new JobTracker({
      connection: () => connectionOf(this.connection),
      clock,
      logger: log,
      store: { load: () => state.get<TrackedJob[]>(STATE_KEY, []), save: (jobs) => state.update(STATE_KEY, jobs) },
    });
    const tracked = this.tracker.onDidChange((change) => this.onChange(change));
    const rechecked = this.recheck.onDidChange(() => this._onDidChangeJobs.fire(undefined));
    this.disposables.push(
      { dispose: () => tracked.dispose() },
      { dispose: () => rechecked.dispose() },
      this.connection.onDidChangeConnection(() => this.onConnectionChanged()),
      this._onDidChangeJobs,
    );
    this.onConnectionChanged();
    const resumed = this.tracker.running.length;
    if (resumed) this.log.info(`Resumed following ${resumed} running job(s).`);
  }

  /** The current connection's jobs: running first (newest first), then ended ones (latest end first). */
  get jobs(): readonly TrackedJob[] {
    const current = this.connection.id;
    return current === undefined ? [] : this.tracker.jobs.filter((j) => j.connection === current);
  }

  /** Whether the job, saved as running while its connection was away, waits to be read again. */
  isUnchecked(job: TrackedJob): boolean {
    return this.recheck.has(job.id);
  }

  /** Submits the run and follows the job it starts. */
  async submit(client: FabricClient, target: RunTarget, spec: RunSpec): Promise<TrackedJob> {
    const connection = this.connection.id;
    const submission = await submitRun(client, target.workspaceId, target.item.id, spec);
    const timeoutMinutes = settings.jobTimeoutMinutes();
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
      jobType: requireJobKind(spec.kind).jobType,
      parameters: spec.parameters,
      executionData: spec.executionData,
      status: 'NotStarted',
      submittedAt: now,
      retryAfterSeconds: submission.retryAfterSeconds,
      timeoutAt: timeoutMinutes > 0 ? now + timeoutMinutes * 60_000 : undefined,
    });
  }

  /** The log, where the jobs' lines are. */
  showOutput(): void {
    this.log.show(true);
  }

  dispose(): void {
    this.tracker.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Polls the connection's jobs, and reads the ones saved as running again before they show so. */
  private onConnectionChanged(): void {
    this.tracker.kick();
    const { id, client } = this.connection;
    if (id === undefined || !client) this.recheck.clear();
    else
      void this.recheck.check(
        this.tracker.running.filter((j) => j.connection === id),
        client,
      );
    this._onDidChangeJobs.fire(undefined);
  }

  private onChange(change: JobChange): void {
    this.recheck.settle(change.job.id);
    const line = formatJobChange(change, Date.now());
    if (line) {
      this.log[line.level](line.text);
      this.outputLines.push(line.text);
      this.outputLines.splice(0, this.outputLines.length - OUTPUT_LINES_KEPT);
    }
    this._onDidChangeJobs.fire(change);
  }
}

/** The connection as the tracker uses it (the notebook endpoint when the client has it). */
function connectionOf({ client, id }: Pick<ConnectionManager, 'client' | 'id'>): JobConnection | undefined {
  return client && id !== undefined ? { id, api: client } : undefined;
}
