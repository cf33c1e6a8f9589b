// Follows the jobs the user started until they end: polls their status on a schedule that gathers
// polls where each job is likely to end (pollSchedules.ts, from the item's past run times in
// RunHistory), one request per group however many of its jobs run (an item's job list; or, when
// Spark jobs run on several items of a workspace, its Livy sessions), cancels a run past its
// timeout, persists the jobs so a reloaded window resumes, and tells listeners of every change.
// A job belongs to the connection it was started on: it is polled only through that connection's
// client and waits, untouched, while another connection is current.
// No `vscode`: the clock, timers, store and client are injected, so the benchmark and unit tests
// drive it outside VS Code. It never throws into its timer: failures are logged and retried.
import { jobKind } from '../fabric/itemKinds';
import { describeError, errorStatus } from '../fabric/errors';
import type { ItemJobInstance, JobStatus, LivySession } from '../fabric/types';
import { Emitter } from '../base/event';
import { budgetedJobDelaysMs, DEFAULT_JOB_POLL, jobFirstCheckMs, jobPollWish, type JobPollOptions, type JobPollWish } from '../fabric/pollSchedules';
import { RateLimiter } from '../fabric/rateLimiter';
import { RunHistory } from './RunHistory';
import { exitValueOf, isRunning, isTerminal, monitoringLinksOf, parseUtc, takeNotebookProperties, type TrackedJob } from './TrackedJob';

/** The part of FabricClient the tracker calls. */
export interface JobsApi {
  getJobInstance(workspaceId: string, itemId: string, jobInstanceId: string): Promise<ItemJobInstance>;
  listJobInstances(workspaceId: string, itemId: string): AsyncIterable<ItemJobInstance>;
  cancelJobInstance(workspaceId: string, itemId: string, jobInstanceId: string): Promise<unknown>;
  /** The notebook endpoint, which carries `properties.exitValue`. */
  getNotebookJobInstance?(workspaceId: string, itemId: string, jobInstanceId: string): Promise<ItemJobInstance>;
  /** A workspace's Spark runs (notebooks, Spark job definitions), newest first. */
  listLivySessions?(workspaceId: string): AsyncIterable<LivySession>;
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
  /** The poll schedule's figures (DEFAULT_JOB_POLL for those not given). */
  schedule?: Partial<JobPollOptions>;
  /** How many ended jobs to keep. */
  keepEnded?: number;
}

interface Group {
  connection: string;
  dueAt: number;
  failures: number;
  /** When it was last polled: its next poll is planned from there. */
  polledAt?: number;
}

/** Over how long the calls the last minute left unused may be spent (planningBudget). */
const BURST_SPREAD_MS = 20_000;
/** Consecutive 404s, besides the schedule's `lostAfterMs` since submission, before a job is given up as lost. */
const LOST_AFTER_NOT_FOUND = 3;
/** Instances read from an item's job list before the missing ones are asked one by one. */
const LIST_SCAN_LIMIT = 200;
/** Runs a list read goes on through, once its jobs are found, to learn the item's run times. */
const HISTORY_SCAN = 20;
/** Livy reads that miss a job (a Python notebook has no Livy session) before it is followed per item. */
const LIVY_MISSES = 2;
/** The family the tracker's own budget counts every call of it under (one count for all its calls). */
const BUDGET = 'JobScheduler';

/** Livy session states as job statuses; others (Unknown) tell nothing. */
const LIVY_STATUSES: Record<string, JobStatus> = {
  NotStarted: 'NotStarted',
  InProgress: 'InProgress',
  Succeeded: 'Completed',
  Failed: 'Failed',
  Cancelled: 'Cancelled',
};

export class JobTracker {
  private readonly jobList: TrackedJob[];
  private readonly groups = new Map<string, Group>();
  private readonly notFound = new Map<string, number>();
  private readonly history = new RunHistory();
  /** Workspaces (of a connection) whose Livy sessions cannot be listed: their Spark jobs go per item. */
  private readonly livyUnavailable = new Set<string>();
  /** Livy reads in a row that did not list the job. */
  private readonly missingFromLivy = new Map<string, number>();
  /** Spark jobs the Livy sessions do not list: followed through their item's job list. */
  private readonly perItem = new Set<string>();
  /** Jobs whose timeout cancel was refused at least once (their retries stay quiet). */
  private readonly refusedTimeoutCancels = new Set<string>();
  private readonly changes = new Emitter<JobChange>();
  private readonly clock: Clock;
  private readonly schedule: JobPollOptions;
  /**
   * Every call the tracker makes, in one sliding minute whatever its API family: a group's poll
   * starts only while the last minute holds fewer than `budgetPerMinute` of them, so the budget
   * holds for real calls, the outcome reads that follow a poll included, not only for the rates the
   * schedule planned.
   */
  private readonly calls: RateLimiter;
  private timer: unknown;
  private timerDueAt = Infinity;
  private polling = false;
  private disposed = false;

  readonly onDidChange = this.changes.event;

  constructor(private readonly options: JobTrackerOptions) {
    this.clock = options.clock ?? systemClock;
    this.schedule = { ...DEFAULT_JOB_POLL, ...options.schedule };
    this.calls = new RateLimiter({ callsPerWindow: this.schedule.budgetPerMinute, windowMs: 60_000, now: () => this.clock.now() });
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
    const key = this.groupKey(job);
    const group = this.groups.get(key);
    if (group) group.dueAt = Math.min(group.dueAt, this.clock.now() + this.firstCheckDelay(job, key));
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
    if (connection !== undefined) this.adopt(connection);
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
    const group = this.groups.get(this.groupKey(job));
    if (group) group.dueAt = this.clock.now() + this.schedule.minDelayMs;
    this.arm();
  }

  /**
   * The group a job is polled in: its workspace's Livy sessions when Spark jobs of several of its
   * items run (one call instead of one per item), else its item's job list (one item's jobs cost
   * one call either way, and the item's own list tells more: failure reasons).
   */
  private groupKey(job: TrackedJob): string {
    return this.viaLivy(job) ? `livy ${workspaceKey(job)}` : `item ${itemKey(job)}`;
  }

  private viaLivy(job: TrackedJob): boolean {
    const followedByLivy = (j: TrackedJob) => isSparkJob(j) && !this.perItem.has(j.id) && workspaceKey(j) === workspaceKey(job);
    if (!followedByLivy(job) || this.livyUnavailable.has(workspaceKey(job)) || !this.options.connection()?.api.listLivySessions) return false;
    return new Set(this.running.filter(followedByLivy).map((j) => j.itemId)).size >= 2;
  }

  private jobsOf(key: string): TrackedJob[] {
    return this.running.filter((j) => this.groupKey(j) === key);
  }

  /**
   * What the group's jobs ask of its next poll, as of `at`: the shortest wait of theirs, from each
   * one's age and its item's run times, and the earliest window opening none may be stretched past.
   */
  private wish(key: string, at = this.clock.now()): JobPollWish {
    const wishes = this.jobsOf(key).map((job) => jobPollWish(at - startOf(job), this.history.durations(itemKey(job)), this.schedule));
    if (wishes.length === 0) return { delayMs: this.schedule.maxDelayMs, latestMs: Infinity };
    return { delayMs: Math.min(...wishes.map((w) => w.delayMs)), latestMs: Math.min(...wishes.map((w) => w.latestMs)) };
  }

  /** The group's next delay (from `at`, its last poll), with every polled group's wishes fitted into the budget together. */
  private delayFor(key: string, at = this.clock.now()): number {
    const keys = [...new Set([...this.groups.keys(), key])];
    const delays = budgetedJobDelaysMs(
      keys.map((k) => (k === key ? this.wish(k, at) : this.wish(k))),
      keys.map((k) => this.groups.get(k)?.failures ?? 0),
      { ...this.schedule, budgetPerMinute: this.planningBudget() },
    );
    return delays[keys.indexOf(key)]!;
  }

  /**
   * The rate polls are planned at: the budget's, or faster while the last minute used little of it,
   * so that jobs which may all end in the next seconds (ten short runs started together) are
   * checked often, and their calls counted against the minute they fall in. The sliding minute
   * never holds more than the budget either way (tick() starts no poll while it is full).
   */
  private planningBudget(): number {
    const spare = this.schedule.budgetPerMinute - this.calls.used(BUDGET);
    return Math.max(this.schedule.budgetPerMinute, (spare * 60_000) / BURST_SPREAD_MS);
  }

  /** A new job's first check: the submission's Retry-After honoured only where it delays no notice (jobFirstCheckMs). */
  private firstCheckDelay(job: TrackedJob, key: string): number {
    const budgeted = this.delayFor(key);
    const retryAfterMs = job.retryAfterSeconds === undefined ? undefined : job.retryAfterSeconds * 1000;
    const age = this.clock.now() - job.submittedAt;
    return Math.max(budgeted, jobFirstCheckMs(retryAfterMs, budgeted, this.history.durations(itemKey(job)), this.schedule) - age);
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

  /**
   * Regroups the current connection's running jobs (a group that lost its jobs goes, a job without
   * a group gets one, first checked as its submission allows), then sets the one timer for the
   * earliest due group, or none when nothing of the current connection runs.
   */
  private arm(): void {
    if (this.disposed || this.polling) return;
    const connection = this.options.connection()?.id;
    if (connection === undefined) {
      this.groups.clear();
      return this.disarm();
    }
    const keys = new Map(this.running.filter((j) => j.connection === connection).map((j) => [j, this.groupKey(j)]));
    const live = new Set(keys.values());
    const gone = [...this.groups.keys()].filter((key) => !live.has(key));
    for (const key of gone) this.groups.delete(key);
    // A group whose jobs ended gives its share of the budget back at once: the others' next polls,
    // planned while it took a share, are planned again (only ever sooner).
    if (gone.length > 0) {
      for (const [key, group] of this.groups) {
        if (group.polledAt !== undefined) group.dueAt = Math.min(group.dueAt, group.polledAt + this.delayFor(key, group.polledAt));
      }
    }
    for (const [job, key] of keys) {
      if (!this.groups.has(key)) this.groups.set(key, { connection, dueAt: this.clock.now() + this.firstCheckDelay(job, key), failures: 0 });
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
      // Only the current connection's jobs, through its client (arm() drops the other groups). A
      // poll's first call is counted as it starts, so each group sees the ones started before it.
      const due = [...this.groups.entries()].filter(([, g]) => g.dueAt <= now && g.connection === connection?.id);
      const polls: Promise<void>[] = [];
      for (const [key, group] of due) {
        // Room for the poll and the outcome read of each of its jobs, should they all have ended.
        const wait = this.calls.waitMs(BUDGET, 1 + this.jobsOf(key).length);
        if (wait > 0) group.dueAt = now + wait;
        else if (connection) polls.push(this.pollGroup(connection.api, key, group));
      }
      await Promise.all(polls);
    } finally {
      this.polling = false;
      this.arm();
    }
  }

  private async pollGroup(api: JobsApi, key: string, group: Group): Promise<void> {
    const jobs = this.jobsOf(key);
    if (jobs.length === 0) return;
    try {
      if (key.startsWith('livy ')) await this.pollLivy(api, jobs);
      // A lone job is read alone, unless its item's run times are unknown and other groups share
      // the budget: then its item's list (one call too) brings them, to place its polls.
      else if (jobs.length === 1 && (this.history.has(itemKey(jobs[0]!)) || this.groups.size === 1)) await this.pollOne(api, jobs[0]!);
      else await this.pollMany(api, jobs);
      group.failures = 0;
    } catch (error) {
      group.failures++;
      this.options.logger?.warn(`Could not read the status of ${jobs.map((j) => j.id).join(', ')} (attempt ${group.failures}): ${describeError(error)}`);
    }
    for (const job of jobs) if (isRunning(job)) await this.enforceTimeout(api, job);
    group.polledAt = this.clock.now();
    group.dueAt = group.polledAt + this.delayFor(key);
  }

  private async pollOne(api: JobsApi, job: TrackedJob): Promise<void> {
    try {
      await this.apply(api, job, await this.fetch(api, job));
      this.notFound.delete(job.id);
    } catch (error) {
      if (errorStatus(error) !== 404) throw error;
      const count = (this.notFound.get(job.id) ?? 0) + 1;
      this.notFound.set(job.id, count);
      const since = this.clock.now() - job.submittedAt;
      // A new instance can take a while to appear: only one the service keeps not finding, well
      // after its submission, is given up.
      if (count < LOST_AFTER_NOT_FOUND || since < this.schedule.lostAfterMs) {
        if (count === 1)
          this.options.logger?.info(
            `Job ${job.id} of ${job.itemName} is not found (yet): ${describeError(error)}. Still checking: an instance is given up only when it is not found ${Math.round(this.schedule.lostAfterMs / 1000)} s after its submission.`,
          );
        return;
      }
      job.lost = true;
      job.noticedAt = this.clock.now();
      this.refusedTimeoutCancels.delete(job.id);
      this.options.logger?.warn(
        `Job ${job.id} of ${job.itemName} is given up as lost: the service did not find it in ${count} reads in a row, ${Math.round(since / 1000)} s after its submission (last answer: ${describeError(error)}); stopped following it.`,
      );
      this.changes.fire({ kind: 'ended', job });
      this.persist();
    }
  }

  /** One list call for all running jobs of an item (learning its run times); any it misses are asked one by one. */
  private async pollMany(api: JobsApi, jobs: TrackedJob[]): Promise<void> {
    const pending = new Map(jobs.map((j) => [j.id, j]));
    const item = itemKey(jobs[0]!);
    this.calls.record(BUDGET);
    const found: [TrackedJob, ItemJobInstance][] = [];
    let scanned = 0;
    for await (const instance of api.listJobInstances(jobs[0]!.workspaceId, jobs[0]!.itemId)) {
      if (isTerminal(instance.status)) this.history.record(item, instance.id, instance.startTimeUtc, instance.endTimeUtc);
      const job = pending.get(instance.id);
      if (job) {
        pending.delete(instance.id);
        found.push([job, instance]);
      }
      if ((pending.size === 0 && scanned >= HISTORY_SCAN) || ++scanned >= LIST_SCAN_LIMIT) break;
    }
    // Side by side: jobs that end together (and each needs its exit value read) are told together.
    await Promise.all(found.map(([job, instance]) => this.apply(api, job, instance)));
    for (const job of pending.values()) await this.pollOne(api, job);
  }

  /**
   * One Livy sessions call for the Spark jobs of a workspace's items (learning their run times).
   * A job it does not list is asked alone, and after LIVY_MISSES such reads followed per item; a
   * workspace whose sessions cannot be listed (4xx) has its jobs followed per item from then on.
   */
  private async pollLivy(api: JobsApi, jobs: TrackedJob[]): Promise<void> {
    const first = jobs[0]!;
    const pending = new Map(jobs.map((j) => [j.id, j]));
    const found: [TrackedJob, LivySession][] = [];
    this.calls.record(BUDGET);
    let scanned = 0;
    try {
      for await (const session of api.listLivySessions!(first.workspaceId)) {
        const itemId = session.item?.itemId;
        if (itemId && session.jobInstanceId && isTerminal(LIVY_STATUSES[session.state ?? ''] ?? '')) {
          this.history.record(itemKey({ ...first, itemId }), session.jobInstanceId, session.startDateTime, session.endDateTime);
        }
        const job = session.jobInstanceId ? pending.get(session.jobInstanceId) : undefined;
        if (job) {
          pending.delete(job.id);
          this.missingFromLivy.delete(job.id);
          found.push([job, session]);
        }
        if ((pending.size === 0 && scanned >= HISTORY_SCAN) || ++scanned >= LIST_SCAN_LIMIT) break;
      }
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      this.livyUnavailable.add(workspaceKey(first));
      this.options.logger?.info(
        `The Livy sessions of workspace ${first.workspaceName ?? first.workspaceId} cannot be listed (${describeError(error)}): its Spark jobs are followed through their items' job lists.`,
      );
      return;
    }
    // Side by side: the outcome reads of jobs that end together cost one round trip, not one each.
    await Promise.all(found.map(([job, session]) => this.applyLivy(api, job, session)));
    for (const job of pending.values()) {
      const misses = (this.missingFromLivy.get(job.id) ?? 0) + 1;
      this.missingFromLivy.set(job.id, misses);
      if (misses >= LIVY_MISSES) {
        this.perItem.add(job.id);
        this.options.logger?.info(
          `Job ${job.id} of ${job.itemName} is not among its workspace's Livy sessions (not a Spark run): it is followed through its item's job list.`,
        );
      }
      await this.pollOne(api, job);
    }
  }

  /** A Livy session's state; at the end, the job's own instance (failure reason, exit value) once. */
  private async applyLivy(api: JobsApi, job: TrackedJob, session: LivySession): Promise<void> {
    const status = LIVY_STATUSES[session.state ?? ''];
    if (!status) return;
    const instance: ItemJobInstance = {
      id: job.id,
      itemId: job.itemId,
      jobType: job.jobType,
      invokeType: 'Manual',
      status,
      startTimeUtc: session.startDateTime ?? null,
      endTimeUtc: session.endDateTime ?? null,
    };
    if (!isTerminal(status)) return this.apply(api, job, instance);
    try {
      await this.apply(api, job, await this.fetch(api, job));
    } catch (error) {
      this.options.logger?.warn(`Could not read the outcome of job ${job.id} (its Livy session ended ${session.state}): ${describeError(error)}`);
      await this.apply(api, job, instance);
    }
  }

  private fetch(api: JobsApi, job: TrackedJob): Promise<ItemJobInstance> {
    this.calls.record(BUDGET);
    return jobKind(job.kind)?.notebookInstance && api.getNotebookJobInstance
      ? api.getNotebookJobInstance(job.workspaceId, job.itemId, job.id)
      : api.getJobInstance(job.workspaceId, job.itemId, job.id);
  }

  private async apply(api: JobsApi, job: TrackedJob, instance: ItemJobInstance): Promise<void> {
    const previous = job.status;
    job.startTimeUtc = instance.startTimeUtc ?? job.startTimeUtc;
    job.monitoringInfo = monitoringLinksOf(instance) ?? job.monitoringInfo;
    if (instance.status === previous) return;
    job.status = instance.status;
    if (!isTerminal(instance.status)) {
      this.changes.fire({ kind: 'status', job, previous });
      this.persist();
      return;
    }
    job.noticedAt = this.clock.now();
    this.refusedTimeoutCancels.delete(job.id);
    this.history.record(itemKey(job), job.id, instance.startTimeUtc ?? job.startTimeUtc, instance.endTimeUtc);
    job.endTimeUtc = instance.endTimeUtc ?? undefined;
    job.failureReason = instance.failureReason ?? undefined;
    job.exitValue = exitValueOf(instance);
    if (jobKind(job.kind)?.notebookInstance && instance.properties === undefined && api.getNotebookJobInstance) {
      // A job list carries no notebook properties (exit value, monitoring links): read them from the notebook endpoint once.
      try {
        takeNotebookProperties(job, await this.fetch(api, job));
      } catch (error) {
        this.options.logger?.warn(`Could not read the exit value and monitoring links of job ${job.id}: ${describeError(error)}`);
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
    Promise.resolve(this.options.store.save(this.jobList.map((j) => ({ ...j })))).catch((error: unknown) =>
      this.options.logger?.error(`Could not save the jobs: ${describeError(error)}`),
    );
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

function workspaceKey(job: Pick<TrackedJob, 'connection' | 'workspaceId'>): string {
  return `${job.connection ?? ''} ${job.workspaceId}`;
}

function itemKey(job: Pick<TrackedJob, 'connection' | 'workspaceId' | 'itemId'>): string {
  return `${workspaceKey(job)}/${job.itemId}`;
}

/** Jobs that run on Spark (notebooks, Spark job definitions): the workspace's Livy sessions list them (a Python notebook excepted). */
function isSparkJob(job: TrackedJob): boolean {
  return jobKind(job.kind)?.spark === true;
}

/** When the job started running (epoch ms), or was submitted while it has not. */
function startOf(job: TrackedJob): number {
  const start = job.startTimeUtc ? parseUtc(job.startTimeUtc) : NaN;
  return Number.isNaN(start) ? job.submittedAt : start;
}

/** A 4xx saying the API is not there for this caller (not a throttle, nor a bad token). */
function isUnavailable(error: unknown): boolean {
  return [400, 403, 404, 405, 501].includes(errorStatus(error) ?? 0);
}
