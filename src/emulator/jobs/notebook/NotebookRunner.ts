// Runs a Notebook item's code cells for real, in one local Python process per run (DriverLauncher.ts).
import { fileText, parseIpynb, parseNotebookPy, type FabricNotebook } from '../../../fabric/definition';
import { cancelled, completed, errorMessage, failed } from '../outcomes';
import type { JobContext, JobOutcome, JobRunner, RunnableItem } from '../types';
import { ParameterError } from './parameterCell';
import { planNotebookCells, UnrunnableCellError } from './notebookCells';
import type { DriverLauncher } from './DriverLauncher';
import { runNotebookProcess, type DriverResult, type NotebookLimits } from './notebookProcess';

const NOTEBOOK_FAILED = 'NotebookExecutionFailed';

/** notebook-content.py (or its .sql/.scala/.r variants, refused later by cell language) or an .ipynb. */
function readNotebook(item: RunnableItem): FabricNotebook | undefined {
  const source = item.files.find((f) => /(^|\/)notebook-content\.(py|sql|scala|r)$/i.test(f.path));
  if (source) return parseNotebookPy(fileText(source), source.path);
  const ipynb = item.files.find((f) => f.path.endsWith('.ipynb'));
  return ipynb === undefined ? undefined : parseIpynb(fileText(ipynb), ipynb.path);
}

function failureMessage(result: Extract<DriverResult, { status: 'Failed' }>): string {
  const summary = result.noSpark ? `The notebook needs Spark: ${result.message}` : `${result.errorType}: ${result.message}`;
  return `${summary}\n\n${result.traceback}`;
}

export class NotebookRunner implements JobRunner {
  constructor(
    private readonly launcher: DriverLauncher,
    private readonly limits: NotebookLimits,
  ) {}

  /** Ends the warm Python worker. */
  close(): void {
    this.launcher.close();
  }

  async run(item: RunnableItem, _jobType: string, ctx: JobContext): Promise<JobOutcome> {
    let notebook: FabricNotebook | undefined;
    try {
      notebook = readNotebook(item);
    } catch (error) {
      return failed('InvalidNotebookDefinition', `The notebook's definition cannot be read: ${errorMessage(error)}`);
    }
    if (!notebook) return failed('InvalidNotebookDefinition', 'The notebook has no notebook-content.py or .ipynb part.');
    let cells;
    try {
      cells = planNotebookCells(notebook, ctx.parameters);
    } catch (error) {
      if (error instanceof ParameterError) return failed('InvalidParameter', error.message);
      if (error instanceof UnrunnableCellError) return failed(NOTEBOOK_FAILED, error.message);
      throw error;
    }
    const ended = await runNotebookProcess(this.launcher, cells, ctx.signal, this.limits);
    const outcome: JobOutcome =
      ended.kind === 'cancelled'
        ? cancelled()
        : ended.kind === 'crashed'
          ? failed(NOTEBOOK_FAILED, ended.reason)
          : ended.result.status === 'Completed'
            ? completed(ended.result.exitValue)
            : failed(NOTEBOOK_FAILED, failureMessage(ended.result));
    return ended.output ? { ...outcome, output: ended.output } : outcome;
  }
}
