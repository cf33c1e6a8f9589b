// The state of one pipeline run: its parameters and variables, and the results of the activities
// that have ended (what `activity('name')` reads).
import type { JobContext, RunnableItem } from '../types';
import { ExpressionError, resolveValue, type ExpressionScope } from './expressions';

export type ActivityStatus = 'Succeeded' | 'Failed' | 'Skipped' | 'Cancelled';

export interface ActivityError {
  errorCode: string;
  message: string;
}

export interface ActivityResult {
  status: ActivityStatus;
  output?: unknown;
  error?: ActivityError;
}

/** How a list of activities (the pipeline's, or an IfCondition branch) ended. */
export type ContainerResult = { status: 'Succeeded' } | { status: 'Failed'; activityName: string; error: ActivityError } | { status: 'Cancelled' };

export class PipelineRun {
  readonly results = new Map<string, ActivityResult>();
  private readonly scope: ExpressionScope;

  constructor(
    readonly item: RunnableItem,
    readonly ctx: JobContext,
    parameters: Record<string, unknown>,
    readonly variables: Record<string, unknown>,
  ) {
    this.scope = {
      pipeline: { parameters, RunId: ctx.jobInstanceId, Pipeline: item.displayName, DataFactory: item.workspaceId, TriggerType: 'Manual' },
      variables,
      activity: (name) => {
        const result = this.results.get(name);
        if (!result) throw new ExpressionError(`activity('${name}') has not run yet: make this activity depend on it.`);
        return { output: result.output ?? {}, status: result.status, error: result.error ?? null };
      },
    };
  }

  /** Evaluates the expressions in a value from the pipeline's JSON; throws ExpressionError. */
  resolve(value: unknown): unknown {
    return resolveValue(value, this.scope);
  }
}
