// The read-only text a selected job opens as: what ran, with what, and how it ended (masked: the
// failure reason and exit value come from the service).
import { maskSecrets } from '../fabric/redaction';
import { endSummary } from './jobLog';
import { durationMs, formatDuration, isRunning, type TrackedJob } from './TrackedJob';

export function formatJobDetails(job: TrackedJob, now: number): string {
  const lines = [
    `# ${job.itemName} · ${job.jobType}`,
    '',
    `Status:     ${job.status}${job.cancelRequested && isRunning(job) ? ' (cancel requested)' : ''}`,
    `Job id:     ${job.id}`,
    ...(job.invokeType ? [`Invoked:    ${job.invokeType}`] : []),
    `Item:       ${job.itemName} (${job.itemType}, ${job.itemId})`,
    `Workspace:  ${job.workspaceName ?? ''} (${job.workspaceId})`,
    ...(job.connection ? [`Connection: ${job.connection}`] : []),
    `Started:    ${job.startTimeUtc ?? (job.submittedAt ? new Date(job.submittedAt).toISOString() : 'not yet')}`,
    `Ended:      ${job.endTimeUtc ?? (isRunning(job) ? 'running' : '')}`,
    `Duration:   ${formatDuration(durationMs(job, now))}`,
    '',
    '## Parameters',
    job.parameters.length
      ? job.parameters.map((p) => `- ${p.name} (${p.type}) = ${JSON.stringify(p.value)}`).join('\n')
      : '(none, or not known: started elsewhere)',
  ];
  if (job.executionData) lines.push('', '## Execution data', '```json', JSON.stringify(job.executionData, null, 2), '```');
  if (job.exitValue !== undefined) lines.push('', '## Exit value', job.exitValue);
  if (job.failureReason) {
    const r = job.failureReason;
    lines.push('', '## Failure reason', `${r.errorCode}: ${r.message}`);
    if (r.requestId) lines.push(`Request id: ${r.requestId}`);
    for (const d of r.moreDetails ?? []) lines.push(`- ${d.errorCode}: ${d.message}`);
  }
  if (!isRunning(job)) lines.push('', endSummary(job, now));
  return maskSecrets(`${lines.join('\n')}\n`);
}
