// Checks a definition part before it is uploaded, so bad content never reaches Fabric: JSON parts
// must parse, `.platform` must name the item's type, `notebook-content.py` must keep its markers,
// `mashup.pq` must parse as Power Query M. Problems carry 0-based positions for diagnostics.
import * as PQP from '@microsoft/powerquery-parser';
import { DefinitionError, parseJsonText, parseNotebookPy, parsePlatformFile } from '../fabric/definition';

export interface PartProblem {
  message: string;
  /** 0-based. */
  line: number;
  /** 0-based. */
  column: number;
}

export async function validatePart(path: string, content: Uint8Array, itemType: string): Promise<PartProblem[]> {
  const text = Buffer.from(content).toString('utf8');
  const name = path.split('/').pop() ?? path;
  if (name.endsWith('.pq')) return mashupProblems(text);
  try {
    if (name === '.platform') return platformProblems(text, itemType);
    if (/\.(json|ipynb)$/i.test(name)) parseJsonText(text, path);
    else if (name === 'notebook-content.py') parseNotebookPy(text);
    return [];
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    // The codec's positions are 1-based.
    return [{ message: error.reason, line: Math.max(0, (error.line ?? 1) - 1), column: Math.max(0, (error.column ?? 1) - 1) }];
  }
}

function platformProblems(text: string, itemType: string): PartProblem[] {
  const { type } = parsePlatformFile(text);
  if (type === itemType) return [];
  const offset = Math.max(0, text.indexOf('"type"'));
  const before = text.slice(0, offset).split('\n');
  return [{
    message: `.platform says the item is a "${type}", but it is a "${itemType}"; an item's type cannot change.`,
    line: before.length - 1,
    column: before[before.length - 1].length,
  }];
}

async function mashupProblems(text: string): Promise<PartProblem[]> {
  const task = await PQP.TaskUtils.tryLexParse(PQP.DefaultSettings, text);
  if (PQP.TaskUtils.isOk(task)) return [];
  const error = (task as unknown as { error?: { message?: string; innerError?: Record<string, unknown> } }).error;
  const inner = error?.innerError as { foundToken?: { token?: { positionStart?: Position } }; graphemePosition?: Position } | undefined;
  const position = inner?.foundToken?.token?.positionStart ?? inner?.graphemePosition;
  return [{
    message: `Power Query M does not parse: ${error?.message ?? 'syntax error'}`,
    line: position?.lineNumber ?? 0,
    column: position?.lineCodeUnit ?? 0,
  }];
}

interface Position {
  lineNumber: number;
  lineCodeUnit: number;
}
