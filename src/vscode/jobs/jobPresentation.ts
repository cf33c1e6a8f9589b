// How a job looks wherever it is shown: its codicon by status and a one-line description.
import * as vscode from 'vscode';
import { durationMs, formatDuration, isRunning, parseUtc, type TrackedJob } from '../../jobs/TrackedJob';

export function statusIcon(job: TrackedJob): string {
  if (isRunning(job)) return 'sync~spin';
  switch (job.status) {
    case 'Completed':
      return 'pass';
    case 'Cancelled':
      return 'circle-slash';
    case 'Deduped':
      return 'copy';
    default:
      return job.lost ? 'question' : 'error';
  }
}

export function themeIcon(job: TrackedJob): vscode.ThemeIcon {
  return new vscode.ThemeIcon(statusIcon(job));
}

/** "RunNotebook · InProgress · 14:02:11 · 12 s" */
export function describeJob(job: TrackedJob, now = Date.now()): string {
  const started = job.startTimeUtc ? parseUtc(job.startTimeUtc) : job.submittedAt;
  const time = new Date(Number.isNaN(started) ? job.submittedAt : started).toLocaleTimeString();
  return [job.jobType, job.status, time, formatDuration(durationMs(job, now))].join(' · ');
}
