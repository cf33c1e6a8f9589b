// The read-only text a selected job opens as: what ran, with what, how it ended (masked: the
// failure reason and exit value come from the service) and where to follow it (monitoring links).
import { maskSecrets } from '../fabric/redaction';
import { endSummary } from './jobLog';
import { durationMs, formatDuration, isRunning, type MonitoringLinks, type TrackedJob } from './TrackedJob';

const LINK_LABELS: Record<keyof MonitoringLinks, string> = {
  sparkUiUrl: 'Spark UI',
  driverLogUrl: 'Driver log',
  sparkJobDetailsUrl: 'Spark job details',
  executionSnapshotUrl: 'Execution snapshot',
};

/**
 * The run in the Fabric portal (`portalUrl`, without a trailing slash). A notebook run's page is
 * the one the notebook job instance's `executionSnapshotUrl` names (notebook spec,
 * GetSparkNotebookJobInstance example: `/groups/{ws}/synapsenotebooks/{item}/snapshots/{job}`).
 * No portal path of other runs is documented: they get the Monitor hub, which lists every run.
 */
export function portalRunUrl(job: TrackedJob, portalUrl: string): string {
  const path =
    job.kind === 'notebook'
      ? `/groups/${encodeURIComponent(job.workspaceId)}/synapsenotebooks/${encodeURIComponent(job.itemId)}/snapshots/${encodeURIComponent(job.id)}`
      : '/monitoringhub';
  return `${portalUrl.replace(/\/+$/, '')}${path}?experience=fabric-developer`;
}

/** `portalUrl`: where the Fabric portal is, or undefined where there is none (the local emulator). */
export function formatJobDetails(job: TrackedJob, now: number, portalUrl?: string): string {
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
  const links = Object.entries(job.monitoringInfo ?? {}).map(([name, url]) => `- [${LINK_LABELS[name as keyof MonitoringLinks]}](${url})`);
  if (portalUrl)
    links.push(`- [${job.kind === 'notebook' ? 'This run in the Fabric portal' : 'Monitor hub in the Fabric portal'}](${portalRunUrl(job, portalUrl)})`);
  if (links.length) lines.push('', '## Monitoring', ...links);
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
