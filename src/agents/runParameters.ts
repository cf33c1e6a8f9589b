// A tool call's run parameters, checked as the run wizard checks them (src/jobs/parameterValues.ts):
// a declared parameter takes its declared type, another the type of its JSON value; names unique
// ignoring case; values of their type. A refusal lists what the item declares.
import type { JobParameter, JobParameterType } from '../fabric/types';
import { formatParameterValue, parameterProblems, toJobParameters, toJobParameterType, type ParameterText } from '../jobs/parameterValues';
import { shown, type DeclaredParameterLike } from '../jobs/RunParametersWizard';
import { requireJobKind } from '../fabric/itemKinds';
import type { RunKind } from '../jobs/runRequest';
import { ToolError } from './ToolError';

export function runParameters(kind: RunKind, declared: readonly DeclaredParameterLike[], given: unknown, itemName: string): JobParameter[] {
  if (given === undefined || given === null) return [];
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new ToolError(`"parameters" must be an object of values by name, e.g. {"name": "Ada"}. ${declaredList(declared, itemName)}`);
  }
  const values = Object.entries(given as Record<string, unknown>);
  if (values.length === 0) return [];
  const job = requireJobKind(kind);
  if (job.parameters === 'none') throw new ToolError(`${job.title.replace(/…$/, '')} takes no parameters; leave "parameters" out.`);
  const problems: string[] = [];
  const entries: ParameterText[] = [];
  for (const [name, value] of values) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      problems.push(`${name}: give a text, a number or true/false, not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`);
      continue;
    }
    const match = declared.find((d) => d.name.toLowerCase() === name.toLowerCase());
    const type = job.parameters === 'automatic' ? 'Automatic' : match ? toJobParameterType(match.type) : typeOfValue(value);
    entries.push({ name, type, text: formatParameterValue(value) });
  }
  problems.push(...parameterProblems(entries));
  if (problems.length)
    throw new ToolError(`The run was not started: ${problems.map((p) => p.replace(/\.$/, '')).join('; ')}. ${declaredList(declared, itemName)}`);
  return toJobParameters(entries);
}

/** "Hello Fabric declares: name (Text, default "Fabric"), repeat (Integer, default 2)." */
export function declaredList(declared: readonly DeclaredParameterLike[], itemName: string): string {
  if (declared.length === 0) return `"${itemName}" declares no parameters.`;
  const list = declared.map((d) => {
    const type = toJobParameterType(d.type);
    const text = formatParameterValue(d.defaultValue);
    return `${d.name} (${type}${text ? `, default ${shown(type, text)}` : ''})`;
  });
  return `"${itemName}" declares: ${list.join(', ')}.`;
}

function typeOfValue(value: unknown): JobParameterType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Number';
  return typeof value === 'boolean' ? 'Boolean' : 'Text';
}
