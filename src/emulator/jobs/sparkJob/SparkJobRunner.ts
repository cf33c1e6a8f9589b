// Spark job definitions (`sparkjob`): the run needs a main definition file, from the run's
// executionData or the definition (SparkJobDefinitionV1.json's executableFile, or a V2 `Main/`
// part), as the service does; the Spark application itself is simulated.
import { failed, readTextPart, simulatedWork } from '../outcomes';
import type { JobContext, JobOutcome, JobRunner, RunnableItem } from '../types';

/** How long a simulated Spark application runs before timeScale. */
const SPARK_JOB_MS = 3000;

export class SparkJobRunner implements JobRunner {
  async run(item: RunnableItem, _jobType: string, ctx: JobContext): Promise<JobOutcome> {
    const executable = ctx.executionData?.executableFile ?? definitionExecutable(item);
    if (typeof executable !== 'string' || executable.trim() === '') {
      return failed(
        'SparkJobDefinitionMissingMainFile',
        `The Spark job definition "${item.displayName}" has no main definition file: set executableFile in SparkJobDefinitionV1.json or in the run's executionData.`,
      );
    }
    return simulatedWork(SPARK_JOB_MS, ctx);
  }
}

function definitionExecutable(item: RunnableItem): string | undefined {
  const main = item.files.find((f) => f.path.startsWith('Main/'));
  if (main) return main.path;
  const text = readTextPart(item.files, 'SparkJobDefinitionV1.json');
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as { executableFile?: unknown };
    return typeof json.executableFile === 'string' ? json.executableFile : undefined;
  } catch {
    return undefined;
  }
}
