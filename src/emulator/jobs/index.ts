// The emulator's job runners behind one JobRunner that routes by item type and, through the
// item-kind registry (src/fabric/itemKinds), job type: a runner is given the job's own name
// (RunNotebook, Pipeline, Refresh, Publish, sparkjob, TableMaintenance, …) whichever alias was asked.
import { availableParallelism } from 'node:os';
import { jobKindOf } from '../../fabric/itemKinds';
import { DataflowRunner, type DataflowPublishedState } from './dataflow/DataflowRunner';
import { DriverLauncher } from './notebook/DriverLauncher';
import { NotebookRunner } from './notebook/NotebookRunner';
import { RunSlots } from './notebook/RunSlots';
import { DEFAULT_NOTEBOOK_LIMITS, type NotebookLimits } from './notebook/notebookProcess';
import { errorMessage, failed } from './outcomes';
import { PipelineRunner } from './pipeline/PipelineRunner';
import { LakehouseRunner } from './lakehouse/LakehouseRunner';
import { SparkJobRunner } from './sparkJob/SparkJobRunner';
import type { JobContext, JobOutcome, JobRunner, RunnableItem } from './types';

export type { JobContext, JobEndStatus, JobOutcome, JobRunner, RunnableItem } from './types';
export type { DataflowPublishedState, PublishedDataflow } from './dataflow/DataflowRunner';
export { normalizeDataflowParts, DataflowDefinitionError, LEGACY_DATAFLOW_PART } from './dataflow/legacyDataflowParts';

export interface JobRunnerOptions {
  /** The Python 3 executable notebooks run with; default `python3`. */
  python?: string;
  /** Time and memory limits of a notebook run (default: one hour, 4 GB). */
  notebookLimits?: Partial<NotebookLimits>;
  /** How many notebook runs have a Python process at once; the others wait (default: twice the CPUs, at least 4). */
  maxNotebookRuns?: number;
  /** Notebook runs fork from one warm Python process (default, POSIX); false: each spawns its own, as on Windows. */
  forkServer?: boolean;
  /** More runners by item type, beside the built-in ones (tests run a fake item kind's jobs). */
  runners?: Readonly<Record<string, JobRunner>>;
}

export interface EmulatorJobRunner extends JobRunner {
  /**
   * Resolves once a run of `item` may start, with what to call when it has ended; undefined if
   * `signal` aborts first. Notebook runs wait for one of `maxNotebookRuns` process slots (RunSlots.ts).
   */
  admit(item: RunnableItem, signal: AbortSignal): Promise<(() => void) | undefined>;
  /** Each dataflow's published version, for the HTTP layer to persist with its data. */
  exportPublishedState(): DataflowPublishedState;
  /** Restores what exportPublishedState() returned (replaces the runner's published versions). */
  importPublishedState(state: DataflowPublishedState): void;
  /** Ends what the runners keep running between jobs (the notebooks' warm Python worker). */
  close(): void;
}

export const defaultNotebookRuns = (): number => Math.max(4, 2 * availableParallelism());

export function createJobRunner(options: JobRunnerOptions = {}): EmulatorJobRunner {
  const dataflows = new DataflowRunner();
  const notebooks = new NotebookRunner(new DriverLauncher(options.python ?? 'python3', options.forkServer), {
    ...DEFAULT_NOTEBOOK_LIMITS,
    ...options.notebookLimits,
  });
  const notebookSlots = new RunSlots(options.maxNotebookRuns ?? defaultNotebookRuns());
  const runners: Record<string, JobRunner> = {
    Notebook: notebooks,
    DataPipeline: new PipelineRunner(),
    Dataflow: dataflows,
    SparkJobDefinition: new SparkJobRunner(),
    Lakehouse: new LakehouseRunner(),
    ...options.runners,
  };
  return {
    async run(item: RunnableItem, jobType: string, ctx: JobContext): Promise<JobOutcome> {
      const runner = runners[item.type];
      const job = jobKindOf(item.type, jobType);
      if (!runner || !job) {
        return failed('UnsupportedJobType', `The local emulator cannot run ${jobType} jobs of ${item.type} items.`);
      }
      try {
        // Runners see the job's own name (Publish for applyChanges, Refresh for execute).
        return await runner.run(item, job.jobType, ctx);
      } catch (error) {
        return failed('InternalError', `The local emulator failed to run the job: ${errorMessage(error)}`);
      }
    },
    admit: (item, signal) => (item.type === 'Notebook' ? notebookSlots.acquire(signal) : Promise.resolve(() => undefined)),
    exportPublishedState: () => dataflows.exportPublishedState(),
    importPublishedState: (state) => dataflows.importPublishedState(state),
    close: () => notebooks.close(),
  };
}
