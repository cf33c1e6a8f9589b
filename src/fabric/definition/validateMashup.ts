// Syntax check of a dataflow's mashup.pq (a Power Query M section document), with the 1-based
// line and column of the first error. Shared by the emulator's Publish and the editor's save check.
import type * as PQP from '@microsoft/powerquery-parser';
import type { DefinitionProblem } from './validateDefinitionFile';

type MashupSyntaxError = DefinitionProblem;
type Parser = typeof import('./powerQueryParser');

interface ZeroBasedPosition {
  lineNumber: number;
  columnNumber: number;
}

function at(position: ZeroBasedPosition, message: string): MashupSyntaxError {
  return { line: position.lineNumber + 1, column: position.columnNumber + 1, message };
}

/** Where the text ends: a parse error that found no token happened at the end of the stream. */
function endOf(text: string): ZeroBasedPosition {
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  return { lineNumber: lines.length - 1, columnNumber: [...lines[lines.length - 1]].length };
}

// Duck-typed: this version of the parser sets LexError's prototype wrongly, so instanceof and
// isLexError() fail on it; its inner errors carry a position or a map of the lines in error.
function lexErrorLocation(PQP: Parser, error: PQP.Lexer.LexError.TLexError): MashupSyntaxError {
  const inner: unknown = (error as { innerError?: unknown }).innerError ?? error;
  if (inner instanceof PQP.Lexer.LexError.ErrorLineMapError) {
    const [lineNumber, line] = [...inner.errorLineMap.entries()][0];
    const located = lexErrorLocation(PQP, line.error);
    return { ...located, line: Math.max(located.line, lineNumber + 1) };
  }
  const message = inner instanceof Error ? inner.message : error.message;
  if (typeof inner === 'object' && inner !== null && 'graphemePosition' in inner) {
    return at((inner as { graphemePosition: ZeroBasedPosition }).graphemePosition, message);
  }
  return { line: 1, column: 1, message };
}

function parseErrorLocation(PQP: Parser, error: PQP.Parser.ParseError.TParseError, text: string): MashupSyntaxError {
  if (!PQP.Parser.ParseError.isParseError(error)) return { line: 1, column: 1, message: error.message };
  const inner = error.innerError;
  if ('positionStart' in inner) return at(inner.positionStart, inner.message);
  if (inner.foundToken) return at({ lineNumber: inner.foundToken.token.positionStart.lineNumber, columnNumber: inner.foundToken.columnNumber }, inner.message);
  return at(endOf(text), inner.message);
}

/** The first syntax error of a mashup.pq (at most one problem); none when it is a well-formed section document. */
export async function validateMashup(text: string): Promise<DefinitionProblem[]> {
  const PQP: Parser = await import('./powerQueryParser');
  const task = await PQP.TaskUtils.tryLexParse(PQP.DefaultSettings, text);
  if (PQP.TaskUtils.isLexStageError(task)) return [lexErrorLocation(PQP, task.error)];
  if (PQP.TaskUtils.isParseStageError(task)) return [parseErrorLocation(PQP, task.error, text)];
  if (PQP.TaskUtils.isParseStageOk(task) && task.ast.kind !== PQP.Language.Ast.NodeKind.Section) {
    return [{ line: 1, column: 1, message: 'mashup.pq must be a section document: section Section1; shared Query = …;' }];
  }
  return [];
}
