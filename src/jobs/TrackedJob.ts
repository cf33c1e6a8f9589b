// One job the user started (or followed) from this window, as the tracker keeps and persists it.
import type { ErrorResponse, ItemJobInstance, JobParameter, JobStatus, NotebookMonitoringInfo } from '../fabric/types';
import { TERMINAL_JOB_STATUSES } from '../fabric/types';
import type { RunKind } from './runRequest';

export interface TrackedJob {
  /** The job instance id. */
  id: string;
  /**
   * The connection it runs on (ConnectionManager.id: service and account, no secret): it is polled
   * only through that connection. Jobs saved before it existed adopt the first connection.
   */
  connection?: string;
  workspaceId: string;
  workspaceName?: string;
  itemId: string;
  itemName: string;
  itemType: string;
  kind: RunKind;
  jobType: string;
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
  status: JobStatus;
  /** Epoch ms when it was submitted from here. */
  submittedAt: number;
  /** The submission's Retry-After (s): the first check's floor where it delays no notice (jobFirstCheckMs). */
  retryAfterSeconds?: number;
  startTimeUtc?: string;
  endTimeUtc?: string;
  /** Epoch ms when the tracker saw it end (the notice). */
  noticedAt?: number;
  exitValue?: string;
  /** A notebook run's monitoring links (Spark UI, driver log, snapshot), from the notebook endpoint. */
  monitoringInfo?: MonitoringLinks;
  failureReason?: ErrorResponse;
  /** Epoch ms after which the tracker cancels it (the run's timeout). */
  timeoutAt?: number;
  cancelRequested?: boolean;
  /** How the service says it started (Manual, Scheduled), for runs read from its job list. */
  invokeType?: string;
  /** The service no longer knows the instance: tracking stopped without a final status. */
  lost?: boolean;
}

export type MonitoringLinks = Pick<NotebookMonitoringInfo, 'sparkUiUrl' | 'sparkJobDetailsUrl' | 'driverLogUrl' | 'executionSnapshotUrl'>;
const MONITORING_LINKS: readonly (keyof MonitoringLinks)[] = ['sparkUiUrl', 'sparkJobDetailsUrl', 'driverLogUrl', 'executionSnapshotUrl'];

/** The instance's monitoring links that are web addresses (they come from the service and are opened); undefined for none. */
export function monitoringLinksOf(instance: ItemJobInstance): MonitoringLinks | undefined {
  const info = instance.properties?.computeDetails?.monitoringInfo;
  const links: MonitoringLinks = {};
  for (const name of MONITORING_LINKS) {
    const value = info?.[name];
    if (typeof value === 'string' && /^https?:\/\//i.test(value)) links[name] = value;
  }
  return Object.keys(links).length ? links : undefined;
}

/** A notebook's exit value: the notebook endpoint's `properties.exitValue`, or where the 2026 Learn page puts it. */
export function exitValueOf(instance: ItemJobInstance): string | undefined {
  return instance.properties?.exitValue ?? instance.exitValue ?? undefined;
}

/** Takes what the notebook endpoint adds to a job instance (exit value, monitoring links) into the job. */
export function takeNotebookProperties(job: TrackedJob, instance: ItemJobInstance): void {
  job.exitValue = exitValueOf(instance) ?? job.exitValue;
  job.monitoringInfo = monitoringLinksOf(instance) ?? job.monitoringInfo;
}

export function isTerminal(status: string): boolean {
  return (TERMINAL_JOB_STATUSES as readonly string[]).includes(status);
}

export function isRunning(job: TrackedJob): boolean {
  return !isTerminal(job.status) && !job.lost;
}

/** The job's duration in ms: from its start (or submission) to its end (or now). */
export function durationMs(job: TrackedJob, now: number): number {
  const start = job.startTimeUtc ? parseUtc(job.startTimeUtc) : job.submittedAt;
  const end = job.endTimeUtc ? parseUtc(job.endTimeUtc) : (job.noticedAt ?? now);
  return Math.max(0, end - (Number.isNaN(start) ? job.submittedAt : start));
}

/** Fabric's timestamps often lack the `Z` (and carry 7 fractional digits): they are UTC. */
export function parseUtc(text: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
