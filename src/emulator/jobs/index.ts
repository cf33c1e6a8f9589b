// The emulator's job runners behind one JobRunner that routes by item type and job type.
import { DataflowRunner, DATAFLOW_PUBLISH_JOB_TYPES, DATAFLOW_REFRESH_JOB_TYPES, type DataflowPublishedState } from './dataflow/DataflowRunner';
import { NotebookRunner } from './notebook/NotebookRunner';
import { DEFAULT_NOTEBOOK_LIMITS, type NotebookLimits } from './notebook/notebookProcess';
import { errorMessage, failed } from './outcomes';
import { PipelineRunner } from './pipeline/PipelineRunner';
import type { JobContext, JobOutcome, JobRunner, RunnableItem } from './types';

export type { JobContext, JobEndStatus, JobOutcome, JobRunner, RunnableItem } from './types';
export type { DataflowPublishedState, PublishedDataflow } from './dataflow/DataflowRunner';
export { normalizeDataflowParts, DataflowDefinitionError, LEGACY_DATAFLOW_PART } from './dataflow/legacyDataflowParts';

/** The job types each item type can run in the emulator (the HTTP layer can answer 400 for others). */
export const SUPPORTED_JOB_TYPES: Readonly<Record<string, readonly string[]>> = {
  Notebook: ['RunNotebook', 'Execute', 'DefaultJob'],
  DataPipeline: ['Pipeline', 'Execute'],
  Dataflow: [...DATAFLOW_PUBLISH_JOB_TYPES, ...DATAFLOW_REFRESH_JOB_TYPES],
};

export interface JobRunnerOptions {
  /** The Python 3 executable notebooks run with; default `python3`. */
  python?: string;
  /** Time and memory limits of a notebook run (default: one hour, 4 GB). */
  notebookLimits?: Partial<NotebookLimits>;
}

export interface EmulatorJobRunner extends JobRunner {
  /** Each dataflow's published version, for the HTTP layer to persist with its data. */
  exportPublishedState(): DataflowPublishedState;
  /** Restores what exportPublishedState() returned (replaces the runner's published versions). */
  importPublishedState(state: DataflowPublishedState): void;
}

export function createJobRunner(options: JobRunnerOptions = {}): EmulatorJobRunner {
  const dataflows = new DataflowRunner();
  const runners: Record<string, JobRunner> = {
    Notebook: new NotebookRunner(options.python ?? 'python3', { ...DEFAULT_NOTEBOOK_LIMITS, ...options.notebookLimits }),
    DataPipeline: new PipelineRunner(),
    Dataflow: dataflows,
  };
  return {
    async run(item: RunnableItem, jobType: string, ctx: JobContext): Promise<JobOutcome> {
      const runner = runners[item.type];
      if (!runner || !SUPPORTED_JOB_TYPES[item.type].includes(jobType)) {
        return failed('UnsupportedJobType', `The local emulator cannot run ${jobType} jobs of ${item.type} items.`);
      }
      try {
        return await runner.run(item, jobType, ctx);
      } catch (error) {
        return failed('InternalError', `The local emulator failed to run the job: ${errorMessage(error)}`);
      }
    },
    exportPublishedState: () => dataflows.exportPublishedState(),
    importPublishedState: (state) => dataflows.importPublishedState(state),
  };
}
