// The one status-bar item of the jobs (the current connection's): how many run, else the last
// result; it opens the jobs. A job whose status is being read again counts as neither.
import * as vscode from 'vscode';
import { isRunning } from '../../jobs/TrackedJob';
import type { JobMonitor } from './JobMonitor';
import { statusIcon } from './jobPresentation';

export class JobStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fabricWorkbench.jobs', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly monitor: JobMonitor) {
    this.item.name = vscode.l10n.t('Fabric Jobs');
    this.item.command = 'fabricWorkbench.showJob';
    this.subscription = monitor.onDidChangeJobs(() => this.update());
    this.update();
  }

  /** What it shows ('' when hidden). */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const jobs = this.monitor.jobs;
    const running = jobs.filter((j) => isRunning(j) && !this.monitor.isUnchecked(j));
    const last = jobs.find((j) => !isRunning(j));
    if (running.length > 0) {
      this.item.text = `$(sync~spin) ${vscode.l10n.t('Fabric: {0} running', running.length)}`;
      this.item.tooltip = running.map((j) => `${j.itemName} (${j.jobType}): ${j.status}`).join('\n');
    } else if (last) {
      this.item.text = `$(${statusIcon(last)}) ${vscode.l10n.t('Fabric: {0} {1}', last.itemName, last.status)}`;
      this.item.tooltip = vscode.l10n.t('The last Fabric job. Click to see the jobs.');
    } else {
      this.item.text = '';
      this.item.hide();
      return;
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
