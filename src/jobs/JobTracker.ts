// Follows the jobs the user started until they end: polls their status on an adaptive schedule
// (pollSchedule.ts), one request per item however many of its jobs run, cancels a run past its
// timeout, persists the jobs so a reloaded window resumes, and tells listeners of every change.
// A job belongs to the connection it was started on: it is polled only through that connection's
// client and waits, untouched, while another connection is current.
// No `vscode`: the clock, timers, store and client are injected, so the benchmark and unit tests
// drive it outside VS Code. It never throws into its timer: failures are logged and retried.
import { describeError, errorStatus } from '../fabric/errors';
import type { ItemJobInstance } from '../fabric/types';
import { Emitter } from '../base/event';
import { DEFAULT_JOB_POLL, jobPollDelayMs, type JobPollOptions } from '../fabric/pollSchedules';
import { isRunning, isTerminal, type TrackedJob } from './TrackedJob';

/** The part of FabricClient the tracker calls. */
export interface JobsApi {
  getJobInstance(workspaceId: string, itemId: string, jobInstanceId: string): Promise<ItemJobInstance>;
  listJobInstances(workspaceId: string, itemId: string): AsyncIterable<ItemJobInstance>;
  cancelJobInstance(workspaceId: string, itemId: string, jobInstanceId: string): Promise<unknown>;
  /** The notebook endpoint, which carries `properties.exitValue`. */
  getNotebookJobInstance?(workspaceId: string, itemId: string, jobInstanceId: string): Promise<ItemJobInstance>;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface JobStore {
  load(): TrackedJob[];
  save(jobs: TrackedJob[]): void | PromiseLike<void>;
}

export interface TrackerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type JobChange =
  | { kind: 'added'; job: TrackedJob }
  | { kind: 'status'; job: TrackedJob; previous: string }
  | { kind: 'ended'; job: TrackedJob }
  | { kind: 'timedOut'; job: TrackedJob }
  /** A timed-out run's cancel was refused (told once per job; it is tried again at each poll). */
  | { kind: 'cancelFailed'; job: TrackedJob; reason: string };

/** A connection: its identity (which service and account, no secret) and its client. */
export interface JobConnection {
  id: string;
  api: JobsApi;
}

export interface JobTrackerOptions {
  /** The connection of the moment (undefined while signed out: polling waits). */
  connection(): JobConnection | undefined;
  clock?: Clock;
  store?: JobStore;
  logger?: TrackerLogger;
  schedule?: JobPollOptions;
  /** How many ended jobs to keep. */
  keepEnded?: number;
}

interface Group {
  connection: string;
  dueAt: number;
  failures: number;
}

/** Consecutive 404s after which a job is given up as lost (a new instance can 404 briefly). */
const LOST_AFTER_NOT_FOUND = 3;
/** Instances read from an item's job list before the missing ones are asked one by one. */
const LIST_SCAN_LIMIT = 200;

export class JobTracker {
  private readonly jobList: TrackedJob[];
  private readonly groups = new Map<string, Group>();
  private readonly notFound = new Map<string, number>();
  /** Jobs whose timeout cancel was refused at least once (their retries stay quiet). */
  private readonly refusedTimeoutCancels = new Set<string>();
  private readonly changes = new Emitter<JobChange>();
  private readonly clock: Clock;
  private readonly schedule: JobPollOptions;
  private timer: unknown;
  private timerDueAt = Infinity;
  private polling = false;
  private disposed = false;
  /** Status requests made so far (for the benchmark's polls per job-minute). */
  polls = 0;

  readonly onDidChange = this.changes.event;

  constructor(private readonly options: JobTrackerOptions) {
    this.clock = options.clock ?? systemClock;
    this.schedule = options.schedule ?? DEFAULT_JOB_POLL;
    this.jobList = options.store?.load() ?? [];
    this.kick();
  }

  /** Running jobs first (newest first), then ended ones (latest end first). */
  get jobs(): readonly TrackedJob[] {
    const running = this.jobList.filter(isRunning).sort((a, b) => b.submittedAt - a.submittedAt);
    const ended = this.jobList.filter((j) => !isRunning(j)).sort((a, b) => (b.noticedAt ?? b.submittedAt) - (a.noticedAt ?? a.submittedAt));
    return [...running, ...ended];
  }

  get running(): TrackedJob[] {
    return this.jobList.filter(isRunning);
  }

  get(id: string): TrackedJob | undefined {
    return this.jobList.find((j) => j.id === id);
  }

  /** Whether a running job waits for its connection to be the current one again. */
  waitsForConnection(job: TrackedJob): boolean {
    return isRunning(job) && job.connection !== undefined && job.connection !== this.options.connection()?.id;
  }

  /** Starts following a submitted job (of the current connection unless it names its own). */
  track(job: TrackedJob): TrackedJob {
    job.connection ??= this.options.connection()?.id;
    this.jobList.push(job);
    this.changes.fire({ kind: 'added', job });
    this.persist();
    const group = this.groups.get(groupKey(job));
    if (group) group.dueAt = Math.min(group.dueAt, this.clock.now() + this.schedule.minDelayMs);
    this.kick();
    return job;
  }

  /** Asks the service to cancel; the status follows on the next polls. */
  async cancel(id: string): Promise<void> {
    const job = this.get(id);
    if (!job || !isRunning(job)) return;
    await this.requestCancel(this.requireApi(job), job);
    this.options.logger?.info(`Cancel requested for job ${job.id} of ${job.itemName}.`);
    this.pollSoon(job);
  }

  /** Polls again now (after a reconnection, or when the user refreshes). */
  kick(): void {
    if (this.disposed) return;
    const connection = this.options.connection()?.id;
    if (connection === undefined) return this.arm();
    this.adopt(connection);
    const now = this.clock.now();
    for (const job of this.running) {
      const key = groupKey(job);
      if (job.connection === connection && !this.groups.has(key)) this.groups.set(key, { connection, dueAt: now + this.delayFor(key, 0), failures: 0 });
    }
    this.arm();
  }

  /** Stops polling; the jobs stay persisted for the next window. */
  dispose(): void {
    this.disposed = true;
    this.disarm();
    this.changes.dispose();
  }

  /** Forgets ended jobs. */
  clearEnded(): void {
    const keep = this.jobList.filter(isRunning);
    this.jobList.splice(0, this.jobList.length, ...keep);
    this.persist();
  }

  private pollSoon(job: TrackedJob): void {
    const group = this.groups.get(groupKey(job));
    if (group) group.dueAt = this.clock.now() + this.schedule.minDelayMs;
    this.arm();
  }

  private delayFor(key: string, failures: number): number {
    const running = this.running.filter((j) => groupKey(j) === key);
    const youngest = Math.max(...running.map((j) => j.submittedAt));
    return jobPollDelayMs(this.clock.now() - youngest, this.groups.size, failures, this.schedule);
  }

  /**
   * Jobs saved before jobs recorded their connection belong to the first connection that polls
   * them: the one they were most likely started on.
   */
  private adopt(connection: string): void {
    const orphans = this.jobList.filter((j) => j.connection === undefined);
    for (const job of orphans) job.connection = connection;
    if (orphans.length) this.persist();
  }

  /** Sets the one timer for the earliest due group, or none when nothing of the current connection runs. */
  private arm(): void {
    if (this.disposed || this.polling) return;
    const connection = this.options.connection()?.id;
    for (const [key, group] of [...this.groups]) {
      if (group.connection !== connection || !this.running.some((j) => groupKey(j) === key)) this.groups.delete(key);
    }
    if (this.groups.size === 0) return this.disarm();
    const dueAt = Math.min(...[...this.groups.values()].map((g) => g.dueAt));
    if (this.timer !== undefined && dueAt >= this.timerDueAt) return;
    this.disarm();
    this.timerDueAt = dueAt;
    this.timer = this.clock.setTimeout(() => void this.tick(), Math.max(0, dueAt - this.clock.now()));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Infinity;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.timerDueAt = Infinity;
    const connection = this.options.connection();
    const now = this.clock.now();
    this.polling = true;
    try {
      // Only the current connection's jobs, through its client (arm() drops the other groups).
      const due = [...this.groups.entries()].filter(([, g]) => g.dueAt <= now && g.connection === connection?.id);
      if (connection) await Promise.all(due.map(([key, group]) => this.pollGroup(connection.api, key, group)));
    } finally {
      this.polling = false;
      this.arm();
    }
  }

  private async pollGroup(api: JobsApi, key: string, group: Group): Promise<void> {
    const jobs = this.running.filter((j) => groupKey(j) === key);
    try {
      if (jobs.length === 1) await this.pollOne(api, jobs[0]!);
      else await this.pollMany(api, jobs);
      group.failures = 0;
    } catch (error) {
      group.failures++;
      this.options.logger?.warn(`Could not read the status of ${jobs.map((j) => j.id).join(', ')} (attempt ${group.failures}): ${describeError(error)}`);
    }
    for (const job of jobs) if (isRunning(job)) await this.enforceTimeout(api, job);
    group.dueAt = this.clock.now() + this.delayFor(key, group.failures);
  }

  private async pollOne(api: JobsApi, job: TrackedJob): Promise<void> {
    try {
      await this.apply(api, job, await this.fetch(api, job));
      this.notFound.delete(job.id);
    } catch (error) {
      if (errorStatus(error) !== 404) throw error;
      const count = (this.notFound.get(job.id) ?? 0) + 1;
      this.notFound.set(job.id, count);
      if (count < LOST_AFTER_NOT_FOUND) return;
      job.lost = true;
      job.noticedAt = this.clock.now();
      this.refusedTimeoutCancels.delete(job.id);
      this.options.logger?.warn(`Job ${job.id} of ${job.itemName} is no longer found; stopped following it.`);
      this.changes.fire({ kind: 'ended', job });
      this.persist();
    }
  }

  /** One list call for all running jobs of an item; any it misses are asked one by one. */
  private async pollMany(api: JobsApi, jobs: TrackedJob[]): Promise<void> {
    const pending = new Map(jobs.map((j) => [j.id, j]));
    this.polls++;
    let scanned = 0;
    for await (const instance of api.listJobInstances(jobs[0]!.workspaceId, jobs[0]!.itemId)) {
      const job = pending.get(instance.id);
      if (job) {
        pending.delete(instance.id);
        await this.apply(api, job, instance);
      }
      if (pending.size === 0 || ++scanned >= LIST_SCAN_LIMIT) break;
    }
    for (const job of pending.values()) await this.pollOne(api, job);
  }

  private fetch(api: JobsApi, job: TrackedJob): Promise<ItemJobInstance> {
    this.polls++;
    return job.kind === 'notebook' && api.getNotebookJobInstance
      ? api.getNotebookJobInstance(job.workspaceId, job.itemId, job.id)
      : api.getJobInstance(job.workspaceId, job.itemId, job.id);
  }

  private async apply(api: JobsApi, job: TrackedJob, instance: ItemJobInstance): Promise<void> {
    const previous = job.status;
    job.startTimeUtc = instance.startTimeUtc ?? job.startTimeUtc;
    if (instance.status === previous) return;
    job.status = instance.status;
    if (!isTerminal(instance.status)) {
      this.changes.fire({ kind: 'status', job, previous });
      this.persist();
      return;
    }
    job.noticedAt = this.clock.now();
    this.refusedTimeoutCancels.delete(job.id);
    job.endTimeUtc = instance.endTimeUtc ?? undefined;
    job.failureReason = instance.failureReason ?? undefined;
    job.exitValue = exitValueOf(instance);
    if (job.exitValue === undefined && job.kind === 'notebook' && instance.status === 'Completed' && api.getNotebookJobInstance) {
      // A job list carries no notebook exit value: read it from the notebook endpoint once.
      try {
        job.exitValue = exitValueOf(await this.fetch(api, job));
      } catch (error) {
        this.options.logger?.warn(`Could not read the exit value of job ${job.id}: ${describeError(error)}`);
      }
    }
    this.changes.fire({ kind: 'status', job, previous });
    this.changes.fire({ kind: 'ended', job });
    this.trimEnded();
    this.persist();
  }

  private async enforceTimeout(api: JobsApi, job: TrackedJob): Promise<void> {
    if (job.timeoutAt === undefined || job.cancelRequested || this.clock.now() < job.timeoutAt) return;
    const retry = this.refusedTimeoutCancels.has(job.id);
    if (!retry) this.changes.fire({ kind: 'timedOut', job });
    try {
      await this.requestCancel(api, job);
    } catch (error) {
      const reason = describeError(error);
      this.options.logger?.error(`Could not cancel job ${job.id} after its timeout (tried again at the next poll): ${reason}`);
      this.refusedTimeoutCancels.add(job.id);
      if (!retry) this.changes.fire({ kind: 'cancelFailed', job, reason });
    }
  }

  /**
   * Marks the cancel as requested while the service is asked, so the timeout doesn't ask again; a
   * refused request restores the mark (else the timeout would never apply) and rethrows.
   */
  private async requestCancel(api: JobsApi, job: TrackedJob): Promise<void> {
    const before = job.cancelRequested;
    job.cancelRequested = true;
    try {
      await api.cancelJobInstance(job.workspaceId, job.itemId, job.id);
    } catch (error) {
      job.cancelRequested = before;
      throw error;
    } finally {
      this.persist();
    }
  }

  private trimEnded(): void {
    const keep = this.options.keepEnded ?? 50;
    const ended = this.jobList.filter((j) => !isRunning(j)).sort((a, b) => (b.noticedAt ?? 0) - (a.noticedAt ?? 0));
    for (const old of ended.slice(keep)) this.jobList.splice(this.jobList.indexOf(old), 1);
  }

  private persist(): void {
    if (!this.options.store) return;
    Promise.resolve(this.options.store.save(this.jobList.map((j) => ({ ...j }))))
      .catch((error: unknown) => this.options.logger?.error(`Could not save the jobs: ${describeError(error)}`));
  }

  /** The client of the job's connection, which must be the current one. */
  private requireApi(job: TrackedJob): JobsApi {
    const connection = this.options.connection();
    if (!connection) throw new Error('Not connected to Microsoft Fabric.');
    if (job.connection !== undefined && job.connection !== connection.id) {
      throw new Error(`Job ${job.id} of ${job.itemName} runs on another connection (${job.connection}): switch back to it first.`);
    }
    return connection.api;
  }
}

function groupKey(job: TrackedJob): string {
  return `${job.connection ?? ''} ${job.workspaceId}/${job.itemId}`;
}

function exitValueOf(instance: ItemJobInstance): string | undefined {
  return instance.properties?.exitValue ?? instance.exitValue ?? undefined;
}
