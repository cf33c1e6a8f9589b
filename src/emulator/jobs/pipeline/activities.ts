// What each activity type does in the emulator. Each executor gets the activity's typeProperties
// with their expressions already evaluated (`input`, nested activity lists left out).
import type { JobOutcome } from '../types';
import type { JobParameter, JobParameterType } from '../../../fabric/types';
import { delay } from '../outcomes';
import type { PipelineActivity } from './pipelineDefinition';
import type { ActivityResult, ContainerResult, PipelineRun } from './PipelineRun';

export interface ActivityEnv {
  run: PipelineRun;
  /** Runs a nested list of activities (an IfCondition branch) like the pipeline's own. */
  runActivities(activities: PipelineActivity[]): Promise<ContainerResult>;
}

type Input = Record<string, unknown>;
type Executor = (activity: PipelineActivity, input: Input, env: ActivityEnv) => Promise<ActivityResult>;

function failure(errorCode: string, message: string): ActivityResult {
  return { status: 'Failed', error: { errorCode, message } };
}

/** The notebook activity's parameter types (string, int, float, bool) as job parameter types. */
const NOTEBOOK_PARAMETER_TYPES: Record<string, JobParameterType> = { string: 'Text', int: 'Integer', float: 'Number', bool: 'Boolean' };

function inferredType(value: unknown): JobParameterType {
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Number';
  return typeof value === 'string' ? 'Text' : 'Automatic';
}

function notebookParameters(parameters: unknown): JobParameter[] {
  return Object.entries((parameters ?? {}) as Record<string, { value?: unknown; type?: string }>).map(([name, { value, type }]) => ({
    name,
    type: NOTEBOOK_PARAMETER_TYPES[String(type).toLowerCase()] ?? (type as JobParameterType | undefined) ?? inferredType(value),
    value,
  }));
}

/** A child job's end as the activity's result. */
function childResult(outcome: JobOutcome, env: ActivityEnv, output: unknown): ActivityResult {
  if (outcome.status === 'Completed') return { status: 'Succeeded', output };
  if (outcome.status === 'Cancelled')
    return env.run.ctx.signal.aborted ? { status: 'Cancelled' } : failure('ChildJobCancelled', 'The child job was cancelled.');
  return failure(outcome.failureReason?.errorCode ?? 'ChildJobFailed', outcome.failureReason?.message ?? 'The child job failed.');
}

const wait: Executor = async (_activity, input, env) => {
  const seconds = Number(input.waitTimeInSeconds);
  if (!Number.isFinite(seconds) || seconds < 0)
    return failure('InvalidWaitTime', `waitTimeInSeconds must be a number of seconds, not ${JSON.stringify(input.waitTimeInSeconds)}.`);
  const finished = await delay(seconds * 1000 * env.run.ctx.timeScale, env.run.ctx.signal);
  return finished ? { status: 'Succeeded', output: {} } : { status: 'Cancelled' };
};

const setVariable: Executor = async (_activity, input, env) => {
  const name = String(input.variableName);
  if (input.setSystemVariable !== true && !(name in env.run.variables)) {
    return failure('VariableNotDeclared', `The variable '${name}' is not declared in the pipeline's variables.`);
  }
  env.run.variables[name] = input.value;
  return { status: 'Succeeded', output: { name, value: input.value } };
};

const fail: Executor = async (_activity, input) => failure(String(input.errorCode ?? 'Failed'), String(input.message ?? 'The Fail activity ended the run.'));

const ifCondition: Executor = async (activity, input, env) => {
  const condition = input.expression;
  if (typeof condition !== 'boolean')
    return failure('InvalidTemplate', `The IfCondition expression must evaluate to a boolean, but it gave ${JSON.stringify(condition)}.`);
  const branch = (condition ? activity.typeProperties?.ifTrueActivities : activity.typeProperties?.ifFalseActivities) ?? [];
  const result = await env.runActivities(branch as PipelineActivity[]);
  if (result.status === 'Failed') {
    return failure(
      result.error.errorCode,
      `Activity failed because an inner activity failed; Inner activity name: ${result.activityName}, Error: ${result.error.message}`,
    );
  }
  return result.status === 'Cancelled' ? { status: 'Cancelled' } : { status: 'Succeeded', output: { ifExpressionResult: condition } };
};

const notebook: Executor = async (_activity, input, env) => {
  const { item, ctx } = env.run;
  const workspaceId = String(input.workspaceId ?? item.workspaceId);
  const notebookId = String(input.notebookId);
  const target = await ctx.getItem(workspaceId, notebookId);
  if (!target || target.type !== 'Notebook') return failure('NotebookNotFound', `The notebook ${notebookId} was not found in workspace ${workspaceId}.`);
  const outcome = await ctx.runChildJob(target, 'RunNotebook', notebookParameters(input.parameters), ctx.signal);
  return childResult(outcome, env, { result: { runStatus: 'Succeeded', exitValue: outcome.exitValue ?? null } });
};

const invokePipeline: Executor = async (_activity, input, env) => {
  const { item, ctx } = env.run;
  const workspaceId = String(input.workspaceId ?? item.workspaceId);
  const pipelineId = String(input.pipelineId ?? (input.pipeline as { referenceName?: unknown } | undefined)?.referenceName);
  const target = await ctx.getItem(workspaceId, pipelineId);
  if (!target || target.type !== 'DataPipeline') return failure('PipelineNotFound', `The pipeline ${pipelineId} was not found in workspace ${workspaceId}.`);
  const parameters = Object.entries((input.parameters ?? {}) as Input).map(([name, value]) => ({ name, type: inferredType(value), value }));
  const outcome = await ctx.runChildJob(target, 'Pipeline', parameters, ctx.signal);
  return childResult(outcome, env, { pipelineName: target.displayName });
};

const EXECUTORS: Record<string, Executor> = {
  Wait: wait,
  SetVariable: setVariable,
  Fail: fail,
  IfCondition: ifCondition,
  TridentNotebook: notebook,
  InvokePipeline: invokePipeline,
  ExecutePipeline: invokePipeline,
};

export async function executeActivity(activity: PipelineActivity, input: Input, env: ActivityEnv): Promise<ActivityResult> {
  const executor = EXECUTORS[activity.type];
  if (!executor) return failure('UnsupportedActivityType', `The local emulator cannot run activities of type ${activity.type}.`);
  return executor(activity, input, env);
}
