// Runs a DataPipeline item: its parameters (declared defaults overridden by the run's), its
// variables, and its activities in dependency order.
import type { JobParameter } from '../../../fabric/types';
import { cancelled, completed, failed, readTextPart } from '../outcomes';
import type { JobContext, JobOutcome, JobRunner, RunnableItem } from '../types';
import { runActivities } from './activityContainer';
import { parsePipelineContent, PipelineDefinitionError, type DeclaredValue, type PipelineDefinition } from './pipelineDefinition';
import { PipelineRun } from './PipelineRun';

class ParameterValueError extends Error {}

/** A run parameter's value converted to the declared pipeline parameter type. */
function coerce(name: string, declared: DeclaredValue | undefined, value: unknown): unknown {
  const type = declared?.type?.toLowerCase();
  if (typeof value !== 'string' || type === undefined || type === 'string' || type === 'securestring') return value;
  const bad = (): never => {
    throw new ParameterValueError(`Pipeline parameter '${name}' is of type ${declared?.type}, but its value ${JSON.stringify(value)} is not.`);
  };
  switch (type) {
    case 'int':
      return /^[-+]?\d+$/.test(value.trim()) ? Number(value) : bad();
    case 'float':
      return value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : bad();
    case 'bool':
      return /^(true|false)$/i.test(value.trim()) ? value.trim().toLowerCase() === 'true' : bad();
    case 'array':
    case 'object':
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return bad();
      }
    default:
      return value;
  }
}

function resolveParameters(definition: PipelineDefinition, runParameters: readonly JobParameter[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(definition.parameters)) values[name] = declared?.defaultValue;
  for (const parameter of runParameters) values[parameter.name] = coerce(parameter.name, definition.parameters[parameter.name], parameter.value);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) throw new ParameterValueError(`Pipeline parameter '${name}' has no default value, and the run did not set it.`);
  }
  return values;
}

export class PipelineRunner implements JobRunner {
  async run(item: RunnableItem, _jobType: string, ctx: JobContext): Promise<JobOutcome> {
    const content = readTextPart(item.files, 'pipeline-content.json');
    if (content === undefined) return failed('InvalidPipelineDefinition', 'The pipeline has no pipeline-content.json part.');
    let definition: PipelineDefinition;
    let parameters: Record<string, unknown>;
    try {
      definition = parsePipelineContent(content);
      parameters = resolveParameters(definition, ctx.parameters);
    } catch (error) {
      if (error instanceof PipelineDefinitionError) return failed('InvalidPipelineDefinition', error.message);
      if (error instanceof ParameterValueError) return failed('InvalidParameter', error.message);
      throw error;
    }
    const variables = Object.fromEntries(Object.entries(definition.variables).map(([name, declared]) => [name, declared?.defaultValue ?? null]));
    const result = await runActivities(definition.activities, new PipelineRun(item, ctx, parameters, variables));
    if (result.status === 'Cancelled') return cancelled();
    if (result.status === 'Failed')
      return failed(result.error.errorCode || 'ActivityFailed', `Operation on target ${result.activityName} failed: ${result.error.message}`);
    return completed();
  }
}
