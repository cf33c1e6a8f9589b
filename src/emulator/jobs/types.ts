// The contract between the emulator's HTTP layer (which owns items, job instances and their
// persistence) and the job runners (which really run notebooks, pipelines and dataflows).
//
// State the runners keep themselves: the published version of each dataflow (Publish / Refresh).
// It lives in the runner's memory; the HTTP layer persists it with
// `EmulatorJobRunner.exportPublishedState()` and restores it with `importPublishedState()` (index.ts).
import type { ActivityRun, ErrorResponse, JobParameter } from '../../fabric/types';
import type { DefinitionFile } from '../../fabric/definition';

export type JobEndStatus = 'Completed' | 'Failed' | 'Cancelled';

export interface JobOutcome {
  status: JobEndStatus;
  /** A notebook's `notebookutils.notebook.exit(value)`; always a string. */
  exitValue?: string;
  failureReason?: ErrorResponse;
  /** What a notebook printed (stdout and stderr, the first 64 KiB), for logs; optional. */
  output?: string;
}

export interface RunnableItem {
  workspaceId: string;
  itemId: string;
  displayName: string;
  type: string;
  files: DefinitionFile[];
}

export interface JobContext {
  /** Aborted when the job is cancelled: the runner stops its work (kills processes) and resolves Cancelled. */
  signal: AbortSignal;
  /** Multiplies every simulated duration (pipeline Wait, etc.): 0.01 makes a 60 s wait last 0.6 s. */
  timeScale: number;
  /** The run's parameters, normalized from either body form. */
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
  jobInstanceId: string;
  /** Looks up another item of the same tenant (pipelines run notebooks and child pipelines). */
  getItem(workspaceId: string, itemId: string): Promise<RunnableItem | undefined>;
  /** Runs another item as a job instance of its own (visible in its job list), and waits for its end. */
  runChildJob(item: RunnableItem, jobType: string, parameters: JobParameter[], signal: AbortSignal): Promise<JobOutcome>;
  /** Records an activity run for `queryactivityruns` (pipelines only); called on start and on end. */
  recordActivityRun(run: ActivityRun): void;
}

export interface JobRunner {
  /** Runs the job to its end. Never throws: failures become a Failed outcome with a reason. */
  run(item: RunnableItem, jobType: string, ctx: JobContext): Promise<JobOutcome>;
}
