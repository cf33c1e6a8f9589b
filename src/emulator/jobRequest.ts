// Reads and checks a run-on-demand request body the way the service does: both parameter forms,
// the rules for names and values (seed 003), and the notebook compute settings' allowed values
// (seed 001). A refused request throws ApiError and starts nothing.
import { validateParameterNames, validateParameterValue } from '../fabric/parameterRules';
import type { DeclaredParameterType } from '../fabric/definition';
import type { JobParameter, JobParameterType } from '../fabric/types';
import { badRequest } from './apiError';

const PARAMETER_TYPES: readonly JobParameterType[] = ['VariableReference', 'Integer', 'Number', 'Text', 'Boolean', 'DateTime', 'Guid', 'Automatic'];
const CHECKED_TYPES: readonly string[] = ['Integer', 'Number', 'Text', 'Boolean', 'DateTime', 'Guid'];
const LEGACY_TYPES: Record<string, JobParameterType> = {
  int: 'Integer',
  integer: 'Integer',
  float: 'Number',
  double: 'Number',
  number: 'Number',
  bool: 'Boolean',
  boolean: 'Boolean',
  string: 'Text',
  str: 'Text',
};
const CORES = [4, 8, 16, 32, 64];
const JUPYTER_CORES = [2, 4, 8, 16, 32, 64];
const MEMORY = ['28g', '56g', '112g', '224g', '400g'];
const COMPUTE = ['Spark', 'Jupyter', 'DataWarehouse'];
/** DataflowExecutionPayload.executeOption (dataflow/definitions.json). */
const EXECUTE_OPTIONS = ['SkipApplyChanges', 'ApplyChangesIfNeeded'];

export interface RunRequest {
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Both forms: `parameters: [{name, type, value}]` and `executionData.parameters: {name: {value, type}} | {name: value}`. */
export function readRunRequest(body: unknown): RunRequest {
  if (body === undefined || body === null) return { parameters: [] };
  if (!isObject(body)) throw badRequest('InvalidRequest', 'The request body must be a JSON object.');
  const executionData = body.executionData;
  if (executionData !== undefined && !isObject(executionData)) throw badRequest('InvalidRequest', 'executionData must be an object.');
  const parameters: JobParameter[] = [];
  if (body.parameters !== undefined) {
    if (!Array.isArray(body.parameters)) throw badRequest('InvalidParameter', 'parameters must be a list of {name, type, value}.');
    for (const p of body.parameters) {
      if (!isObject(p) || typeof p.name !== 'string') throw badRequest('InvalidParameter', 'Each parameter needs a name, a type and a value.');
      if (!PARAMETER_TYPES.includes(p.type as JobParameterType)) {
        throw badRequest('InvalidParameter', `Parameter '${p.name}' has type '${String(p.type)}'; use one of ${PARAMETER_TYPES.join(', ')}.`);
      }
      parameters.push({ name: p.name, type: p.type as JobParameterType, value: p.value });
    }
  }
  if (executionData?.executeOption !== undefined && !EXECUTE_OPTIONS.includes(executionData.executeOption as string)) {
    throw badRequest('InvalidParameter', `executionData.executeOption is ${JSON.stringify(executionData.executeOption)}; use ${EXECUTE_OPTIONS.join(', ')}.`);
  }
  if (Array.isArray(executionData?.parameters)) {
    // Dataflows: [{parameterName, type, value}] beside executeOption (seed 002); the spec's only type is Automatic.
    for (const p of executionData.parameters) {
      if (!isObject(p) || typeof p.parameterName !== 'string')
        throw badRequest('InvalidParameter', 'Each dataflow parameter needs a parameterName and a value.');
      if ((p.type ?? 'Automatic') !== 'Automatic')
        throw badRequest('InvalidParameter', `Parameter '${p.parameterName}' has type '${String(p.type)}'; a dataflow parameter's type is Automatic.`);
      parameters.push({ name: p.parameterName, type: 'Automatic', value: p.value });
    }
  } else if (isObject(executionData?.parameters)) {
    for (const [name, raw] of Object.entries(executionData.parameters)) {
      if (isObject(raw)) {
        const type = LEGACY_TYPES[String(raw.type ?? 'string').toLowerCase()];
        if (!type) throw badRequest('InvalidParameter', `Parameter '${name}' has type '${String(raw.type)}'; use int, float, bool or string.`);
        parameters.push({ name, type, value: raw.value });
      } else {
        parameters.push({ name, type: 'Automatic', value: raw });
      }
    }
  }
  checkParameters(parameters);
  if (executionData) checkCompute(executionData);
  return { parameters, executionData };
}

function checkParameters(parameters: JobParameter[]): void {
  const namesProblem = validateParameterNames(parameters.map((p) => p.name));
  if (namesProblem) throw badRequest('InvalidParameter', namesProblem);
  for (const p of parameters) {
    if (!CHECKED_TYPES.includes(p.type)) continue;
    const problem = validateParameterValue(p.type as DeclaredParameterType, p.value === null || p.value === undefined ? '' : String(p.value));
    if (problem) throw badRequest('InvalidParameter', `Parameter '${p.name}': ${problem}`);
  }
}

function checkAllowed(config: Record<string, unknown>, key: string, allowed: readonly (string | number)[]): void {
  if (config[key] === undefined) return;
  if (!allowed.includes(config[key] as string | number)) {
    throw badRequest('InvalidParameter', `computeConfiguration.${key} is ${JSON.stringify(config[key])}; it must be one of ${allowed.join(', ')}.`);
  }
}

function checkCompute(executionData: Record<string, unknown>): void {
  const compute = executionData.compute;
  if (compute === undefined) return;
  if (!COMPUTE.includes(String(compute)))
    throw badRequest('InvalidParameter', `executionData.compute is '${String(compute)}'; use Spark, Jupyter or DataWarehouse.`);
  const config = executionData.computeConfiguration;
  if (config === undefined) return;
  if (!isObject(config)) throw badRequest('InvalidParameter', 'executionData.computeConfiguration must be an object.');
  if (compute === 'Jupyter') checkAllowed(config, 'numCores', JUPYTER_CORES);
  if (compute === 'Spark') {
    checkAllowed(config, 'driverCores', CORES);
    checkAllowed(config, 'executorCores', CORES);
    checkAllowed(config, 'driverMemory', MEMORY);
    checkAllowed(config, 'executorMemory', MEMORY);
    if (config.numExecutors !== undefined && !(Number.isInteger(config.numExecutors) && (config.numExecutors as number) >= 1)) {
      throw badRequest('InvalidParameter', 'computeConfiguration.numExecutors must be a whole number of at least 1.');
    }
  }
}
