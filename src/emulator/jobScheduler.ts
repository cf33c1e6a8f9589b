// Job instances: created by a run request, moved NotStarted → InProgress → Completed / Failed /
// Cancelled while the runner really runs the item, stored at every change, cancelled through an
// AbortController.
import { randomUUID } from 'node:crypto';
import { decodeDefinition } from '../fabric/definition';
import type { ErrorResponse, Item, JobParameter } from '../fabric/types';
import { throttled } from './apiError';
import type { EmulatorJobRunner, JobOutcome, RunnableItem } from './jobs';
import type { RunRequest } from './jobRequest';
import type { Store, StoredJob } from './store';

const PUBLISHED_STATE = 'dataflowPublished';

/**
 * Jobs not ended yet, past which a run is refused (429 TooManyRequestsForJobs, as Fabric refuses a
 * caller's too many on-demand runs): each holds a runner's work, and notebooks a queued process.
 */
export const DEFAULT_MAX_ACTIVE_JOBS = 1000;
/** Seconds a refused caller waits before trying again: long enough for short runs to end. */
const RETRY_AFTER_SECONDS = 30;

export class JobScheduler {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<JobOutcome> }>();
  /** Creation stamps only grow, so the newest-first list keeps submission order within a millisecond. */
  private lastCreatedMs = 0;

  constructor(
    private readonly store: Store,
    private readonly runner: EmulatorJobRunner,
    private readonly timeScale: number,
    private readonly log: (message: string) => void = () => undefined,
    private readonly maxActiveJobs = DEFAULT_MAX_ACTIVE_JOBS,
  ) {
    const published = store.meta<Parameters<EmulatorJobRunner['importPublishedState']>[0]>(PUBLISHED_STATE);
    if (published) runner.importPublishedState(published);
    this.failInterrupted();
    // A deleted item's runs stop, and (update below) leave nothing behind.
    store.onRemoved(({ jobIds }) => jobIds.forEach((id) => this.cancel(id)));
  }

  /** Marks dataflows published (the sample's), kept with the data as a Publish job's result is. */
  markPublished(state: Parameters<EmulatorJobRunner['importPublishedState']>[0]): void {
    this.runner.importPublishedState({ ...this.runner.exportPublishedState(), ...state });
    this.store.putMeta(PUBLISHED_STATE, this.runner.exportPublishedState());
  }

  /** Creates a job instance and starts it; the answer does not wait for the run. Throws a 429 when too many have not ended. */
  submit(item: Item, runnerJobType: string, reportedJobType: string, request: RunRequest, invokeType: 'Manual' | 'Scheduled' = 'Manual'): StoredJob {
    if (this.running.size >= this.maxActiveJobs) {
      throw throttled(
        'TooManyRequestsForJobs',
        `The emulator already has ${this.maxActiveJobs} jobs that have not ended, its limit: wait for some to end, or cancel them, and retry.`,
        RETRY_AFTER_SECONDS,
      );
    }
    const job: StoredJob = {
      id: randomUUID(),
      itemId: item.id,
      workspaceId: item.workspaceId,
      jobType: reportedJobType,
      invokeType,
      status: 'NotStarted',
      rootActivityId: randomUUID(),
      startTimeUtc: null,
      endTimeUtc: null,
      failureReason: null,
      parameters: request.parameters,
      ...(typeof request.executionData?.compute === 'string' ? { compute: request.executionData.compute } : {}),
      createdMs: (this.lastCreatedMs = Math.max(Date.now(), this.lastCreatedMs + 1)),
    };
    this.store.putJob(job);
    const controller = new AbortController();
    // A state the store cannot save (a full disk) ends the run; the job keeps its last saved state.
    const done = this.run(job, item, runnerJobType, request, controller.signal).catch((error: Error): JobOutcome => {
      this.log(`Job ${job.id} stopped: ${error.message}`);
      return { status: 'Failed' };
    });
    this.running.set(job.id, { controller, done });
    void done.finally(() => this.running.delete(job.id));
    return job;
  }

  /** Asks a running job to stop; false when it has already ended. */
  cancel(jobId: string): boolean {
    const run = this.running.get(jobId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Cancels every running job and waits for them (emulator shutdown). */
  async stopAll(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  runnable(workspaceId: string, itemId: string): RunnableItem | undefined {
    const item = this.store.item(workspaceId, itemId);
    if (!item) return undefined;
    const definition = this.store.definition(itemId);
    return { workspaceId, itemId, displayName: item.displayName, type: item.type, files: definition ? decodeDefinition({ parts: definition.parts }) : [] };
  }

  private async run(job: StoredJob, item: Item, runnerJobType: string, request: RunRequest, signal: AbortSignal): Promise<JobOutcome> {
    // Answer the submission first: the job starts an instant later, as in the service.
    await new Promise((resolve) => setImmediate(resolve));
    const runnable = this.runnable(item.workspaceId, item.id);
    if (!runnable || signal.aborted) return this.finish(job, { status: signal.aborted ? 'Cancelled' : 'Failed' });
    // A run waiting for its turn (a notebook's process slot) stays NotStarted, as a queued job in Fabric.
    const release = await this.runner.admit(runnable, signal);
    if (!release) return this.finish(job, { status: 'Cancelled' });
    try {
      return await this.start(job, item, runnable, runnerJobType, request, signal);
    } finally {
      release();
    }
  }

  private async start(
    job: StoredJob,
    item: Item,
    runnable: RunnableItem,
    runnerJobType: string,
    request: RunRequest,
    signal: AbortSignal,
  ): Promise<JobOutcome> {
    this.update(job, { status: 'InProgress', startTimeUtc: new Date().toISOString() });
    await this.store.durable();
    const outcome = await this.runner.run(runnable, runnerJobType, {
      signal,
      timeScale: this.timeScale,
      parameters: request.parameters,
      executionData: request.executionData,
      jobInstanceId: job.id,
      getItem: async (workspaceId, itemId) => this.runnable(workspaceId, itemId),
      runChildJob: (child, jobType, parameters, childSignal) => this.runChild(child, jobType, parameters, childSignal),
      recordActivityRun: (activityRun) => {
        if (this.store.job(job.id)) this.store.putActivityRun(job.id, activityRun);
      },
    });
    if (item.type === 'Dataflow') this.store.putMeta(PUBLISHED_STATE, this.runner.exportPublishedState());
    const finished = this.finish(job, outcome);
    // A sync that fails takes the end back: the job keeps its last saved state (logged by submit).
    await this.store.durable();
    return finished;
  }

  private async runChild(child: RunnableItem, jobType: string, parameters: JobParameter[], signal: AbortSignal): Promise<JobOutcome> {
    const item = this.store.item(child.workspaceId, child.itemId);
    if (!item) return { status: 'Failed', failureReason: { errorCode: 'ItemNotFound', message: `Item ${child.itemId} was not found.` } };
    const job = this.submit(item, jobType, jobType, { parameters });
    const cancel = () => this.cancel(job.id);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await this.running.get(job.id)!.done;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  private finish(job: StoredJob, outcome: JobOutcome): JobOutcome {
    const failureReason: ErrorResponse | null =
      outcome.failureReason ?? (outcome.status === 'Failed' ? { errorCode: 'JobFailed', message: 'The job failed.' } : null);
    this.update(job, {
      status: outcome.status,
      endTimeUtc: new Date().toISOString(),
      startTimeUtc: job.startTimeUtc ?? new Date().toISOString(),
      failureReason,
      exitValue: outcome.exitValue ?? null,
      ...(outcome.output ? { output: outcome.output } : {}),
    });
    return outcome;
  }

  private update(job: StoredJob, change: Partial<StoredJob>): void {
    // A job deleted with its item is not written back by its run's last steps.
    if (this.store.job(job.id)) this.store.putJob({ ...job, ...change });
    Object.assign(job, change);
  }

  /** Jobs that were running when the emulator stopped did not finish: say so. */
  private failInterrupted(): void {
    for (const job of this.store.allJobs()) {
      if (job.status === 'NotStarted' || job.status === 'InProgress') {
        this.store.putJob({
          ...job,
          status: 'Failed',
          endTimeUtc: new Date().toISOString(),
          failureReason: { errorCode: 'JobInterrupted', message: 'The emulator restarted while the job was running.' },
        });
      }
    }
  }
}
