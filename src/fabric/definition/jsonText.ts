// JSON.parse with a usable error: V8's messages often lack a position, so on failure jsonc-parser
// (strict: no comments, no trailing commas) finds where the text stops being JSON, and the
// DefinitionError carries the 1-based line and column of that spot and what was expected there.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { DefinitionError } from './DefinitionError';
import { positionAt } from './textPosition';

const BOM = '\uFEFF';

/** Parses `text` (a leading byte order mark is allowed); throws DefinitionError naming `path`. */
export function parseJsonText(text: string, path: string): unknown {
  const skipped = text.startsWith(BOM) ? 1 : 0;
  const body = text.slice(skipped);
  try {
    return JSON.parse(body);
  } catch {
    const error = findJsonSyntaxError(body) ?? { offset: body.length, reason: 'the text is not valid JSON' };
    const { line, column } = positionAt(text, error.offset + skipped);
    throw new DefinitionError(path, `Not valid JSON: ${error.reason}.`, line, column);
  }
}

interface JsonSyntaxError {
  offset: number;
  reason: string;
}

/** The first syntax error in `s` (RFC 8259), or undefined when jsonc-parser finds none. */
function findJsonSyntaxError(s: string): JsonSyntaxError | undefined {
  // The containers open where the error is, for "expected "," or "}"".
  const closers: string[] = [];
  let found: JsonSyntaxError | undefined;
  visit(
    s,
    {
      onObjectBegin: () => void closers.push('}'),
      onArrayBegin: () => void closers.push(']'),
      onObjectEnd: () => void closers.pop(),
      onArrayEnd: () => void closers.pop(),
      onError: (code, offset, length) => {
        found ??= describe(s, code, offset, length, closers.at(-1));
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return found;
}

function describe(s: string, code: ParseErrorCode, offset: number, length: number, closer: string | undefined): JsonSyntaxError {
  const token = s.slice(offset, offset + length);
  const unexpected = offset >= s.length ? 'the text ends too early' : `unexpected ${JSON.stringify(token || s[offset])}`;
  switch (printParseErrorCode(code)) {
    case 'ValueExpected':
      return { offset, reason: `${unexpected}, expected a value` };
    case 'PropertyNameExpected':
      return { offset, reason: `${unexpected}, expected a property name in double quotes` };
    case 'ColonExpected':
      return { offset, reason: `${unexpected}, expected ":"` };
    case 'CommaExpected':
      return { offset, reason: `${unexpected}, expected "," or "${closer ?? '}'}"` };
    case 'CloseBraceExpected':
      return { offset, reason: `${unexpected}, expected "," or "}"` };
    case 'CloseBracketExpected':
      return { offset, reason: `${unexpected}, expected "," or "]"` };
    case 'EndOfFileExpected':
      return { offset, reason: `${unexpected} after the end of the JSON value` };
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return { offset, reason: `${unexpected}, a number is malformed` };
    case 'UnexpectedEndOfString':
      return { offset, reason: 'a string is not closed' };
    case 'InvalidUnicode':
      return { offset, reason: 'a \\u escape needs four hex digits' };
    case 'InvalidEscapeCharacter':
      return { offset, reason: 'invalid escape in a string' };
    // The token is the whole string: point at the character itself.
    case 'InvalidCharacter':
      return {
        offset:
          offset +
          Math.max(
            0,
            token.split('').findIndex((c) => c < ' '),
          ),
        reason: 'a control character inside a string must be escaped',
      };
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return { offset, reason: 'JSON has no comments' };
    default:
      return { offset, reason: `${unexpected}, expected a value` };
  }
}
