// Tells the user when jobs end, rarely and never twice: ends that come close together are one
// notification (JobEndBatcher): a job alone says how it ended, with Show Output and Run Again (or
// Publish Dataflow when a refresh failed for want of a publish, then Refresh Dataflow once that
// publish succeeded); several say how many ended how, with Show Jobs. A timed-out run that could
// not be cancelled is told once. It only listens to the job monitor's events.
import * as vscode from 'vscode';
import { maskSecrets } from '../../fabric/redaction';
import { batchSeverity, countEnds, JobEndBatcher } from '../../jobs/JobEndBatcher';
import { endSeverity, endSummary } from '../../jobs/jobLog';
import { systemClock, type Clock } from '../../jobs/JobTracker';
import type { TrackedJob } from '../../jobs/TrackedJob';
import type { JobMonitor, RunTarget } from './JobMonitor';
import { settings } from '../common/settings';

type Severity = 'information' | 'warning' | 'error';

/** Notifications remembered in `shown`: a long session's are not all kept. */
const SHOWN_KEPT = 20;

/** A notification as shown: the vscode-tier suites read them (a notification's text is not readable back). */
export interface ShownNotification {
  severity: Severity;
  message: string;
  actions: string[];
}

/** A refresh that fails with this code can succeed once the dataflow is published. */
const NOT_PUBLISHED = 'DataflowNotPublished';

export class JobEndNotifier implements vscode.Disposable {
  /** The notifications shown, oldest first. */
  readonly shown: ShownNotification[] = [];
  private readonly batcher: JobEndBatcher;
  /** Publishes started from a refresh's notification, with the refresh to offer again once published. */
  private readonly refreshAfterPublish = new Map<string, TrackedJob>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly monitor: JobMonitor,
    clock: Clock = systemClock,
  ) {
    this.batcher = new JobEndBatcher(clock, (jobs) => void this.notifyEnds(jobs));
    this.subscription = monitor.onDidChangeJobs((change) => {
      if (change?.kind === 'ended' && this.announces(change.job)) this.batcher.add(change.job);
      if (change?.kind === 'cancelFailed') void this.notifyCancelFailed(change.job, change.reason);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.batcher.dispose();
  }

  /** Whether the end is told, as the settings are when it ends. */
  private announces(job: TrackedJob): boolean {
    // A publish the user started from a notification is answered whatever the setting: it offers the refresh.
    return endSeverity(job) !== 'information' || this.refreshAfterPublish.has(job.id) || settings.notifyOnJobSuccess();
  }

  private async notifyEnds(jobs: TrackedJob[]): Promise<void> {
    if (jobs.length === 1) await this.notifyEnd(jobs[0]!);
    else await this.notifySummary(jobs);
  }

  private async notifyEnd(job: TrackedJob): Promise<void> {
    const showOutput = vscode.l10n.t('Show Output');
    const refresh = this.refreshAfterPublish.get(job.id);
    this.refreshAfterPublish.delete(job.id);
    const message = vscode.l10n.t('{0} {1}', job.itemName, endSummary(job, Date.now()));
    if (job.failureReason?.errorCode === NOT_PUBLISHED) {
      const publish = vscode.l10n.t('Publish Dataflow');
      const choice = await this.show(endSeverity(job), message, showOutput, publish);
      if (choice === showOutput) this.monitor.showOutput();
      if (choice === publish) await this.publishThenOffer(job);
    } else if (refresh && job.status === 'Completed') {
      const again = vscode.l10n.t('Refresh Dataflow');
      const choice = await this.show(endSeverity(job), vscode.l10n.t('{0} is published: refresh it now?', job.itemName), again, showOutput);
      if (choice === showOutput) this.monitor.showOutput();
      if (choice === again) await vscode.commands.executeCommand('fabricWorkbench.rerunJob', refresh.id);
    } else {
      const runAgain = vscode.l10n.t('Run Again');
      const choice = await this.show(endSeverity(job), message, showOutput, runAgain);
      if (choice === showOutput) this.monitor.showOutput();
      if (choice === runAgain) await vscode.commands.executeCommand('fabricWorkbench.rerunJob', job.id);
    }
  }

  /** Publishes the refresh's dataflow; its end offers the refresh again. */
  private async publishThenOffer(refresh: TrackedJob): Promise<void> {
    const target: RunTarget = {
      workspaceId: refresh.workspaceId,
      workspaceName: refresh.workspaceName,
      item: { id: refresh.itemId, type: refresh.itemType, displayName: refresh.itemName, workspaceId: refresh.workspaceId },
    };
    const publish = await vscode.commands.executeCommand<TrackedJob | undefined>('fabricWorkbench.publishDataflow', target);
    if (publish) this.refreshAfterPublish.set(publish.id, refresh);
  }

  /** "3 jobs finished: 2 succeeded, 1 failed", as loud as the worst of them. */
  private async notifySummary(jobs: TrackedJob[]): Promise<void> {
    const counts = countEnds(jobs);
    const parts = [
      counts.succeeded && vscode.l10n.t('{0} succeeded', counts.succeeded),
      counts.failed && vscode.l10n.t('{0} failed', counts.failed),
      counts.cancelled && vscode.l10n.t('{0} cancelled', counts.cancelled),
      counts.other && vscode.l10n.t('{0} no longer known', counts.other),
    ].filter(Boolean);
    const showJobs = vscode.l10n.t('Show Jobs');
    const message = vscode.l10n.t('{0} jobs finished: {1}', jobs.length, parts.join(', '));
    if ((await this.show(batchSeverity(jobs), message, showJobs)) === showJobs) await vscode.commands.executeCommand('fabricWorkbench.jobs.focus');
  }

  /** A timed-out run still runs (and costs capacity): the user may need to cancel it elsewhere. */
  private async notifyCancelFailed(job: TrackedJob, reason: string): Promise<void> {
    const showOutput = vscode.l10n.t('Show Output');
    const message = vscode.l10n.t(
      '{0} ran past its timeout but could not be cancelled; it is tried again at each status check. {1}',
      job.itemName,
      maskSecrets(reason),
    );
    if ((await this.show('warning', message, showOutput)) === showOutput) this.monitor.showOutput();
  }

  private show(severity: Severity, message: string, ...actions: string[]): Thenable<string | undefined> {
    this.shown.push({ severity, message, actions });
    this.shown.splice(0, this.shown.length - SHOWN_KEPT);
    const show = { information: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[
      severity
    ];
    return show(message, ...actions);
  }
}
