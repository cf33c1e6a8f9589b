// `.vscode/fabric-runs.json`: named runs the team shares. The same JSON schema validates the file in
// the editor (contributes.jsonValidation) and here, before a run is picked, so a bad file gives a
// message that names the place to fix instead of a refused request.
import type { JobParameter, JobParameterType } from '../fabric/types';
import { checkParameterName, checkParameterText, formatParameterValue } from './parameterValues';

export const RUN_FILE_PATH = '.vscode/fabric-runs.json';

export interface RunDescription {
  name: string;
  workspaceId?: string;
  workspace?: string;
  item: string;
  type?: 'Notebook' | 'DataPipeline' | 'Dataflow';
  job?: 'Refresh' | 'Publish';
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
}

type RawValue = string | number | boolean | { type: JobParameterType; value: string | number | boolean };
interface RawRun extends Omit<RunDescription, 'parameters'> {
  parameters?: Record<string, RawValue>;
}

export class RunFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`${RUN_FILE_PATH} is not valid: ${problems.join('; ')}`);
    this.name = 'RunFileError';
  }
}

/** Parses and checks the file's text; rejects with RunFileError listing every problem. */
export async function parseRunFile(text: string): Promise<RunDescription[]> {
  const { validateRunFile: validate } = await import('./runFileSchema');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RunFileError([`it is not JSON (${(error as Error).message})`]);
  }
  if (!validate(json)) {
    const problems = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf')
      .map((e) => `${pointerToPath(e.instancePath)}: ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
    const oneOf = (validate.errors ?? []).find((e) => e.keyword === 'oneOf');
    if (oneOf) problems.push(`${pointerToPath(oneOf.instancePath)}: give either "workspaceId" or "workspace", not both`);
    throw new RunFileError([...new Set(problems)]);
  }
  const problems: string[] = [];
  const runs = (json as { runs: RawRun[] }).runs.map((raw, i) => toDescription(raw, `runs[${i}]`, problems));
  const names = runs.map((r) => r.name.toLowerCase());
  names.forEach((n, i) => { if (names.indexOf(n) !== i) problems.push(`runs[${i}]: another run is already named "${runs[i]!.name}"`); });
  if (problems.length) throw new RunFileError(problems);
  return runs;
}

function toDescription(raw: RawRun, where: string, problems: string[]): RunDescription {
  const parameters: JobParameter[] = Object.entries(raw.parameters ?? {}).map(([name, v]) => {
    const typed = typeof v === 'object' ? v : { type: inferType(v), value: v };
    return { name, type: typed.type, value: typed.value };
  });
  parameters.forEach((p, i) => {
    const nameProblem = checkParameterName(p.name, parameters.slice(0, i).map((o) => o.name));
    const valueProblem = checkParameterText(p.type, formatParameterValue(p.value));
    for (const problem of [nameProblem, valueProblem]) if (problem) problems.push(`${where}.parameters.${p.name}: ${problem}`);
    if (!valueProblem && (p.type === 'Integer' || p.type === 'Number')) p.value = Number(p.value);
    if (!valueProblem && p.type === 'Boolean' && typeof p.value === 'string') p.value = p.value.toLowerCase() === 'true';
  });
  return { ...raw, parameters };
}

function inferType(value: string | number | boolean): JobParameterType {
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Number';
  return 'Text';
}

function pointerToPath(pointer: string): string {
  if (!pointer) return 'the file';
  return pointer.slice(1).split('/').reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}
