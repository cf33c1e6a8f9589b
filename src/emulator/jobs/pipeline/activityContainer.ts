// Runs a list of activities in dependency order, independent ones in parallel, records each
// activity run, and decides how the list ended the way Data Factory does: from its leaf
// activities, a skipped leaf being judged by the activities it depends on.
import { randomUUID } from 'node:crypto';
import type { ActivityRun } from '../../../fabric/types';
import { errorMessage } from '../outcomes';
import { executeActivity } from './activities';
import { ExpressionError } from './expressions';
import { NESTED_ACTIVITY_KEYS, type ActivityDependency, type PipelineActivity } from './pipelineDefinition';
import type { ActivityResult, ActivityStatus, ContainerResult, PipelineRun } from './PipelineRun';

/** `Completed` means the dependency ran, whether it succeeded or failed. */
function conditionsMet(dependency: ActivityDependency, status: ActivityStatus): boolean {
  const conditions = dependency.dependencyConditions?.length ? dependency.dependencyConditions : ['Succeeded'];
  return conditions.some((condition) => {
    const wanted = condition.toLowerCase();
    return wanted === status.toLowerCase() || (wanted === 'completed' && (status === 'Succeeded' || status === 'Failed'));
  });
}

function inputOf(activity: PipelineActivity, run: PipelineRun): Record<string, unknown> {
  const props = Object.entries(activity.typeProperties ?? {}).filter(([key]) => !NESTED_ACTIVITY_KEYS.includes(key));
  return run.resolve(Object.fromEntries(props)) as Record<string, unknown>;
}

class ActivityRecorder {
  private readonly base: Pick<ActivityRun, 'pipelineName' | 'pipelineRunId' | 'activityName' | 'activityType' | 'activityRunId'>;
  private readonly start = new Date();

  constructor(
    private readonly run: PipelineRun,
    private readonly activity: PipelineActivity,
  ) {
    this.base = {
      pipelineName: run.item.displayName,
      pipelineRunId: run.ctx.jobInstanceId,
      activityName: activity.name,
      activityType: activity.type,
      activityRunId: randomUUID(),
    };
  }

  started(input: unknown): void {
    this.run.ctx.recordActivityRun({ ...this.base, status: 'InProgress', activityRunStart: this.start.toISOString(), input });
  }

  ended(result: ActivityResult, input: unknown): void {
    const end = new Date();
    this.run.ctx.recordActivityRun({
      ...this.base,
      status: result.status,
      activityRunStart: this.start.toISOString(),
      activityRunEnd: end.toISOString(),
      durationInMs: end.getTime() - this.start.getTime(),
      input,
      output: result.output ?? {},
      error: {
        errorCode: result.error?.errorCode ?? '',
        message: result.error?.message ?? '',
        failureType: result.error ? 'UserError' : '',
        target: this.activity.name,
        details: '',
      },
    });
  }
}

async function runOne(activity: PipelineActivity, run: PipelineRun): Promise<ActivityResult> {
  const recorder = new ActivityRecorder(run, activity);
  if (activity.state?.toLowerCase() === 'inactive') {
    const result: ActivityResult = { status: (activity.onInactiveMarkAs as ActivityStatus | undefined) ?? 'Succeeded', output: {} };
    recorder.ended(result, {});
    return result;
  }
  let input: Record<string, unknown> = {};
  let result: ActivityResult;
  try {
    input = inputOf(activity, run);
    recorder.started(input);
    result = await executeActivity(activity, input, { run, runActivities: (list) => runActivities(list, run) });
  } catch (error) {
    // An expression that cannot be evaluated, or a bug: the activity fails, the run goes on.
    const errorCode = error instanceof ExpressionError ? 'InvalidTemplate' : 'ActivityFailed';
    result = { status: 'Failed', error: { errorCode, message: errorMessage(error) } };
  }
  recorder.ended(result, input);
  return result;
}

/** The first failure that decides the container's outcome, following skipped leaves to their dependencies. */
function decidingFailure(activities: PipelineActivity[], run: PipelineRun): ContainerResult {
  const byName = new Map(activities.map((a) => [a.name, a]));
  const dependedOn = new Set(activities.flatMap((a) => (a.dependsOn ?? []).map((d) => d.activity)));
  const judge = (activity: PipelineActivity): ContainerResult => {
    const result = run.results.get(activity.name);
    if (!result || result.status === 'Succeeded') return { status: 'Succeeded' };
    if (result.status === 'Skipped') {
      for (const dependency of activity.dependsOn ?? []) {
        const verdict = judge(byName.get(dependency.activity)!);
        if (verdict.status !== 'Succeeded') return verdict;
      }
      return { status: 'Succeeded' };
    }
    return {
      status: 'Failed',
      activityName: activity.name,
      error: result.error ?? { errorCode: 'ActivityFailed', message: `The activity ended ${result.status}.` },
    };
  };
  for (const leaf of activities.filter((a) => !dependedOn.has(a.name))) {
    const verdict = judge(leaf);
    if (verdict.status !== 'Succeeded') return verdict;
  }
  return { status: 'Succeeded' };
}

export async function runActivities(activities: PipelineActivity[], run: PipelineRun): Promise<ContainerResult> {
  const byName = new Map(activities.map((a) => [a.name, a]));
  const ends = new Map<string, Promise<ActivityStatus>>();
  const end = (activity: PipelineActivity): Promise<ActivityStatus> => {
    let promise = ends.get(activity.name);
    if (!promise) {
      promise = (async () => {
        const dependencies = activity.dependsOn ?? [];
        const statuses = await Promise.all(dependencies.map((d) => end(byName.get(d.activity)!)));
        if (run.ctx.signal.aborted) return 'Cancelled';
        let result: ActivityResult;
        if (dependencies.every((d, i) => conditionsMet(d, statuses[i]))) {
          result = await runOne(activity, run);
        } else {
          result = { status: 'Skipped' };
          new ActivityRecorder(run, activity).ended(result, {});
        }
        run.results.set(activity.name, result);
        return result.status;
      })();
      ends.set(activity.name, promise);
    }
    return promise;
  };
  await Promise.all(activities.map(end));
  return run.ctx.signal.aborted ? { status: 'Cancelled' } : decidingFailure(activities, run);
}
