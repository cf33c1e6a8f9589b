// A small in-test JobContext: items in a Map, child jobs run by calling the runner again,
// activity runs and child jobs recorded for assertions.
import { randomUUID } from 'node:crypto';
import { textFile } from '../../../../src/fabric/definition';
import type { ActivityRun, JobParameter } from '../../../../src/fabric/types';
import { createJobRunner, type EmulatorJobRunner, type JobContext, type JobOutcome, type RunnableItem } from '../../../../src/emulator/jobs';

export const WORKSPACE_ID = 'aaaaaaaa-0000-0000-0000-000000000001';

export interface ChildJob {
  item: RunnableItem;
  jobType: string;
  parameters: JobParameter[];
  outcome: JobOutcome;
}

export class TestTenant {
  readonly items = new Map<string, RunnableItem>();
  readonly activityRuns: ActivityRun[] = [];
  readonly childJobs: ChildJob[] = [];

  constructor(
    readonly runner: EmulatorJobRunner = createJobRunner(),
    readonly timeScale = 0.001,
  ) {}

  add(type: string, displayName: string, files: Record<string, string>): RunnableItem {
    const item: RunnableItem = {
      workspaceId: WORKSPACE_ID,
      itemId: randomUUID(),
      displayName,
      type,
      files: Object.entries(files).map(([path, text]) => textFile(path, text)),
    };
    this.items.set(item.itemId, item);
    return item;
  }

  context(parameters: JobParameter[] = [], signal: AbortSignal = new AbortController().signal): JobContext {
    return {
      signal,
      timeScale: this.timeScale,
      parameters,
      jobInstanceId: randomUUID(),
      getItem: async (workspaceId, itemId) => {
        const item = this.items.get(itemId);
        return item?.workspaceId === workspaceId ? item : undefined;
      },
      runChildJob: async (item, jobType, childParameters, childSignal) => {
        const outcome = await this.runner.run(item, jobType, this.context(childParameters, childSignal));
        this.childJobs.push({ item, jobType, parameters: childParameters, outcome });
        return outcome;
      },
      recordActivityRun: (run) => this.activityRuns.push(run),
    };
  }

  run(item: RunnableItem, jobType: string, parameters: JobParameter[] = [], signal?: AbortSignal): Promise<JobOutcome> {
    return this.runner.run(item, jobType, this.context(parameters, signal));
  }
}
