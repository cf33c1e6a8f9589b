// The jobs' lines of the extension's log: one per submission and status change, at a level that
// says how much it matters (the log adds the time), prefixed with the item's name so a job's story
// reads apart from the rest; the end adds the duration and the exit value or the failure reason
// (code, message, request id). They come from the service: every line is masked.
import { maskSecrets } from '../fabric/redaction';
import type { JobChange } from './JobTracker';
import { durationMs, formatDuration, isTerminal, type TrackedJob } from './TrackedJob';

export interface JobLogLine {
  level: 'info' | 'warn' | 'error';
  text: string;
}

const LOG_LEVEL = { information: 'info', warning: 'warn', error: 'error' } as const;

export function formatJobChange(change: JobChange, now: number): JobLogLine | undefined {
  const line = unmaskedLine(change, now);
  return line && { level: line.level, text: maskSecrets(line.text) };
}

function unmaskedLine(change: JobChange, now: number): JobLogLine | undefined {
  const { job } = change;
  const item = `[${job.itemName}]`;
  const who = `${item} ${job.jobType} job ${job.id} (${job.itemType} in ${job.workspaceName ?? job.workspaceId})`;
  switch (change.kind) {
    case 'added':
      return { level: 'info', text: `${item} Submitted ${who.slice(item.length + 1)}${describeParameters(job)}` };
    case 'status':
      // The end has a line of its own, with the outcome.
      return isTerminal(job.status) ? undefined : { level: 'info', text: `${who}: ${change.previous} → ${job.status}` };
    case 'timedOut':
      return { level: 'warn', text: `${who} ran past its timeout; cancelling it.` };
    case 'cancelFailed':
      return { level: 'error', text: `${who} could not be cancelled (tried again at each status check): ${change.reason}` };
    case 'ended':
      return { level: LOG_LEVEL[endSeverity(job)], text: `${who} ${endSummary(job, now)}` };
  }
}

/**
 * How loudly a job's end is announced: a run the user cancelled ended as asked (information, as a
 * completion); one cancelled at its timeout, or that the service no longer knows, needs a look
 * (warning); a failure is an error.
 */
export function endSeverity(job: TrackedJob): 'information' | 'warning' | 'error' {
  if (job.lost) return 'warning';
  if (job.status === 'Completed') return 'information';
  if (job.status === 'Cancelled') return job.timeoutAt !== undefined && (job.noticedAt ?? Date.now()) >= job.timeoutAt ? 'warning' : 'information';
  return 'error';
}

/** "Completed after 12 s. Exit value: …" / "Failed after 3 s: Code: message (request id …)". */
export function endSummary(job: TrackedJob, now: number): string {
  return maskSecrets(unmaskedSummary(job, now));
}

function unmaskedSummary(job: TrackedJob, now: number): string {
  if (job.lost) return 'is no longer known to the service; stopped following it.';
  const after = `${job.status} after ${formatDuration(durationMs(job, now))}`;
  const reason = job.failureReason;
  if (reason) return `${after}: ${reason.errorCode}: ${reason.message}${reason.requestId ? ` (request id ${reason.requestId})` : ''}`;
  return job.exitValue !== undefined ? `${after}. Exit value: ${JSON.stringify(job.exitValue)}` : `${after}.`;
}

function describeParameters(job: TrackedJob): string {
  if (job.parameters.length === 0) return '.';
  return ` with ${job.parameters.map((p) => `${p.name}=${JSON.stringify(p.value)}`).join(', ')}.`;
}
