// JSON.parse with a usable error: V8's messages often lack a position, so on failure a small
// strict scanner finds where the text stops being JSON and the DefinitionError carries the
// 1-based line and column of that spot.
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

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/** The first syntax error in `s` (RFC 8259), or undefined when `s` is valid JSON. */
export function findJsonSyntaxError(s: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (reason: string, offset = i): never => {
    throw new Stop({ offset, reason });
  };
  const describe = (): string => (i >= s.length ? 'the text ends too early' : `unexpected ${JSON.stringify(s[i])}`);
  const skipWhitespace = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const expect = (char: string, what: string) => {
    skipWhitespace();
    if (s[i] !== char) fail(`${describe()}, expected ${what}`);
    i++;
  };
  const string = () => {
    const start = i;
    i++; // the opening quote
    while (i < s.length && s[i] !== '"') {
      const c = s.charCodeAt(i);
      if (c < 0x20) fail('a control character inside a string must be escaped');
      if (s[i] === '\\') {
        i++;
        if (s[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) fail('a \\u escape needs four hex digits');
          i += 4;
        } else if (i >= s.length || !'"\\/bfnrt'.includes(s[i])) {
          fail('invalid escape in a string');
        }
      }
      i++;
    }
    if (i >= s.length) fail('a string is not closed', start);
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
    if (!match || match[0] === '-') fail(`${describe()}, expected a value`);
    i += match![0].length;
  };
  const value = (): void => {
    skipWhitespace();
    const c = s[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (s.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`${describe()}, expected a value`);
  };
  const object = () => {
    i++;
    skipWhitespace();
    if (s[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (s[i] !== '"') fail(`${describe()}, expected a property name in double quotes`);
      string();
      expect(':', '":"');
      value();
      skipWhitespace();
      if (s[i] === '}') {
        i++;
        return;
      }
      if (s[i] !== ',') fail(`${describe()}, expected "," or "}"`);
      i++;
    }
  };
  const array = () => {
    i++;
    skipWhitespace();
    if (s[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipWhitespace();
      if (s[i] === ']') {
        i++;
        return;
      }
      if (s[i] !== ',') fail(`${describe()}, expected "," or "]"`);
      i++;
    }
  };
  try {
    value();
    skipWhitespace();
    if (i < s.length) fail(`${describe()} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.error;
    throw error;
  }
}
