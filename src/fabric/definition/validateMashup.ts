// Power Query M syntax check for mashup.pq, with the position of the first syntax error.
import * as PQP from '@microsoft/powerquery-parser';
import type { DefinitionProblem } from './validateDefinitionFile';

interface ParserPosition {
  /** 0-based. */
  lineNumber: number;
  /** 0-based. */
  lineCodeUnit: number;
}

interface ParserInnerError {
  foundToken?: { token?: { positionStart?: ParserPosition } };
  token?: { positionStart?: ParserPosition };
  graphemePosition?: ParserPosition;
}

export async function validateMashup(text: string): Promise<DefinitionProblem[]> {
  const task = await PQP.TaskUtils.tryLexParse(PQP.DefaultSettings, text);
  if (PQP.TaskUtils.isOk(task)) return [];
  const error = (task as { error?: { message?: string; innerError?: ParserInnerError } }).error;
  const inner = error?.innerError;
  const position = inner?.foundToken?.token?.positionStart ?? inner?.token?.positionStart ?? inner?.graphemePosition;
  return [
    {
      message: `Power Query M syntax error: ${error?.message ?? 'the text does not parse'}`,
      line: (position?.lineNumber ?? 0) + 1,
      column: (position?.lineCodeUnit ?? 0) + 1,
    },
  ];
}
