// `.vscode/fabric-runs.json`: named runs the team shares. The same JSON schema validates the file in
// the editor (contributes.jsonValidation) and here, before a run is picked. The file is read as VS
// Code reads its JSON files (comments and trailing commas allowed). A run that is not valid is set
// aside with its line and reasons, and the others stay runnable; a file that cannot be read at all
// (not JSON, or not a list of runs) is refused with the line of its first problem.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { JobParameter, JobParameterType } from '../fabric/types';
import { checkParameterName, checkParameterText, formatParameterValue } from './parameterValues';

export const RUN_FILE_PATH = '.vscode/fabric-runs.json';

export interface RunDescription {
  name: string;
  workspaceId?: string;
  workspace?: string;
  item: string;
  /** A runnable item type of the registry (the schema lists them). */
  type?: string;
  /** One of the item's job types (default: its first job). */
  job?: string;
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
}

/** A run of the file that cannot run, and why. */
export interface InvalidRun {
  /** Its name when it has one. */
  name?: string;
  /** 1-based line where the run starts. */
  line: number;
  /** Where the run's text is in the file (offset and length): the place to mark. */
  offset: number;
  length: number;
  /** Each reason, naming the place: `runs[2].parameters.rows: …`. */
  problems: string[];
}

export interface RunFile {
  runs: RunDescription[];
  invalid: InvalidRun[];
}

type RawValue = string | number | boolean | { type: JobParameterType; value: string | number | boolean };
interface RawRun extends Omit<RunDescription, 'parameters'> {
  parameters?: Record<string, RawValue>;
}

export class RunFileError extends Error {
  /** `line`: where the first problem is (1-based), when known. */
  constructor(
    readonly problems: string[],
    readonly line?: number,
  ) {
    super(`${RUN_FILE_PATH} is not valid: ${problems.join('; ')}`);
    this.name = 'RunFileError';
  }
}

/** Reads the file's text: its valid runs, and the others with their lines and problems; rejects with RunFileError a file that is not a list of runs. */
export async function parseRunFile(text: string): Promise<RunFile> {
  const { validateRunFile: validate } = await import('./runFileSchema');
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lineOf = (offset: number) => lineAt(text, offset);
  if (errors.length || !root) {
    const first = errors[0];
    const line = first ? lineOf(first.offset) : 1;
    throw new RunFileError([first ? `line ${line}: it is not JSON (${printParseErrorCode(first.error)})` : 'it is empty'], line);
  }
  const json: unknown = getNodeValue(root);
  const byRun = new Map<number, string[]>();
  const fileProblems: { line: number; message: string }[] = [];
  if (!validate(json)) {
    for (const error of validate.errors ?? []) {
      if (error.keyword === 'if' || error.keyword === 'anyOf') continue;
      const message =
        error.keyword === 'oneOf'
          ? `${pointerToPath(error.instancePath)}: give either "workspaceId" or "workspace", not both`
          : `${pointerToPath(error.instancePath)}: ${error.message}${error.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : ''}`;
      const run = /^\/runs\/(\d+)(\/|$)/.exec(error.instancePath);
      if (run) addProblem(byRun, Number(run[1]), message);
      else {
        // An unknown property is at its own line, not at its object's.
        const extra = error.params && 'additionalProperty' in error.params ? `/${String(error.params.additionalProperty)}` : '';
        fileProblems.push({ line: lineOf(nodeAt(root, `${error.instancePath}${extra}`).offset), message });
      }
    }
  }
  if (fileProblems.length) throw new RunFileError([...new Set(fileProblems.map((p) => `line ${p.line}: ${p.message}`))], fileProblems[0]!.line);
  const rawRuns = (json as { runs: RawRun[] }).runs;
  const runs: RunDescription[] = [];
  const names = new Set<string>();
  rawRuns.forEach((raw, i) => {
    if (byRun.has(i)) return;
    const problems: string[] = [];
    const run = toDescription(raw, `runs[${i}]`, problems);
    if (names.has(run.name.toLowerCase())) problems.push(`runs[${i}]: another run is already named "${run.name}"`);
    if (problems.length) problems.forEach((p) => addProblem(byRun, i, p));
    else {
      names.add(run.name.toLowerCase());
      runs.push(run);
    }
  });
  const invalid = [...byRun.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, problems]): InvalidRun => {
      const node = findNodeAtLocation(root, ['runs', i])!;
      const name = (rawRuns[i] as { name?: unknown } | undefined)?.name;
      return {
        name: typeof name === 'string' && name ? name : undefined,
        line: lineOf(node.offset),
        offset: node.offset,
        length: node.length,
        problems: [...new Set(problems)],
      };
    });
  return { runs, invalid };
}

/** The problem of an invalid run as one sentence, with its line. */
export function describeInvalidRun(run: InvalidRun): string {
  return `${run.name ? `"${run.name}"` : 'A run'} (line ${run.line}) cannot run: ${run.problems.join('; ')}`;
}

function addProblem(byRun: Map<number, string[]>, index: number, problem: string): void {
  byRun.set(index, [...(byRun.get(index) ?? []), problem]);
}

/** The node a JSON pointer names, or its nearest existing parent. */
function nodeAt(root: Node, pointer: string): Node {
  const path = pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  for (let n = path.length; n > 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node;
  }
  return root;
}

/** The 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function toDescription(raw: RawRun, where: string, problems: string[]): RunDescription {
  const parameters: JobParameter[] = Object.entries(raw.parameters ?? {}).map(([name, v]) => {
    const typed = typeof v === 'object' ? v : { type: inferType(v), value: v };
    return { name, type: typed.type, value: typed.value };
  });
  parameters.forEach((p, i) => {
    const nameProblem = checkParameterName(
      p.name,
      parameters.slice(0, i).map((o) => o.name),
    );
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
  return pointer
    .slice(1)
    .split('/')
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}
