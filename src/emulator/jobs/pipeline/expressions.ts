// The subset of the pipeline expression language the emulator evaluates: literals, function calls
// (pipeline(), activity(), variables(), logic, comparison, conversion and a few string functions),
// property access (`.x`, `?.x`, `['x']`), `@{…}` string interpolation and `@@` escapes.

export class ExpressionError extends Error {}

export interface ExpressionScope {
  /** What `pipeline()` returns: parameters, RunId, Pipeline, DataFactory… */
  pipeline: Record<string, unknown>;
  variables: Record<string, unknown>;
  /** What `activity(name)` returns ({ output, status, error }); throws ExpressionError if it has not run. */
  activity(name: string): unknown;
}

type Token = { kind: 'string' | 'number' | 'name' | 'punct'; text: string; value?: unknown };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (rest[0] === "'") {
      const match = /^'((?:[^']|'')*)'/.exec(rest);
      if (!match) throw new ExpressionError(`Unterminated string in the expression '${text}'.`);
      tokens.push({ kind: 'string', text: match[0], value: match[1].replace(/''/g, "'") });
      i += match[0].length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    const punct = /^(\?\.|[().,[\]])/.exec(rest);
    if (!punct) throw new ExpressionError(`Unexpected character '${rest[0]}' in the expression '${text}'.`);
    tokens.push({ kind: 'punct', text: punct[0] });
    i += punct[0].length;
  }
  return tokens;
}

function typeName(value: unknown): string {
  return value === null || value === undefined ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function asBoolean(fn: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ExpressionError(`The function '${fn}' expects booleans, but got ${typeName(value)} ${JSON.stringify(value)}.`);
  return value;
}

function comparable(fn: string, a: unknown, b: unknown): [number | string, number | string] {
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) return [a, b];
  throw new ExpressionError(`The function '${fn}' expects two numbers or two strings, but got ${typeName(a)} and ${typeName(b)}.`);
}

function deepEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b || (a == null && b == null);
}

export function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw new ExpressionError(`bool() cannot convert ${JSON.stringify(value)} to a boolean.`);
}

function toNumber(fn: 'int' | 'float', value: unknown): number {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (Number.isNaN(number) || String(value).trim() === '' || (fn === 'int' && !Number.isInteger(number))) {
    throw new ExpressionError(`${fn}() cannot convert ${JSON.stringify(value)} to a${fn === 'int' ? 'n integer' : ' number'}.`);
  }
  return number;
}

function arity(fn: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw new ExpressionError(`The function '${fn}' takes ${min === max ? min : `${min} to ${max}`} argument(s), but got ${args.length}.`);
  }
}

/** The supported functions (lower case, as names are case-insensitive) and their [min, max] argument counts. */
const FUNCTION_ARITY: Record<string, [number, number?]> = {
  pipeline: [0],
  activity: [1],
  variables: [1],
  equals: [2],
  not: [1],
  greater: [2],
  greaterorequals: [2],
  less: [2],
  lessorequals: [2],
  bool: [1],
  int: [1],
  float: [1],
  string: [1],
  if: [3],
  empty: [1],
  contains: [2],
  tolower: [1],
  toupper: [1],
  length: [1],
  utcnow: [0, 1],
  and: [2, Infinity],
  or: [2, Infinity],
  concat: [1, Infinity],
  coalesce: [1, Infinity],
};

function callFunction(name: string, args: unknown[], scope: ExpressionScope): unknown {
  const fn = name.toLowerCase();
  const [a, b] = args;
  const [min, max = min] = FUNCTION_ARITY[fn] ?? [];
  if (min === undefined) throw new ExpressionError(`The expression function '${name}' is not supported by the local emulator.`);
  arity(name, args, min, max);
  switch (fn) {
    case 'pipeline':
      return scope.pipeline;
    case 'activity':
      return scope.activity(stringify(a));
    case 'variables':
      if (!(stringify(a) in scope.variables)) throw new ExpressionError(`The variable '${stringify(a)}' is not declared in the pipeline.`);
      return scope.variables[stringify(a)];
    case 'equals':
      return deepEquals(a, b);
    case 'not':
      return !asBoolean(name, a);
    case 'and':
      return args.every((arg) => asBoolean(name, arg));
    case 'or':
      return args.map((arg) => asBoolean(name, arg)).some(Boolean);
    case 'greater': {
      const [x, y] = comparable(name, a, b);
      return x > y;
    }
    case 'greaterorequals': {
      const [x, y] = comparable(name, a, b);
      return x >= y;
    }
    case 'less': {
      const [x, y] = comparable(name, a, b);
      return x < y;
    }
    case 'lessorequals': {
      const [x, y] = comparable(name, a, b);
      return x <= y;
    }
    case 'bool':
      return toBool(a);
    case 'int':
    case 'float':
      return toNumber(fn, a);
    case 'string':
      return stringify(a);
    case 'concat':
      return args.map(stringify).join('');
    case 'if':
      return asBoolean(name, a) ? b : args[2];
    case 'coalesce':
      return args.find((arg) => arg !== null && arg !== undefined) ?? null;
    case 'empty':
      return a === null || a === undefined || (typeof a === 'object' ? Object.keys(a).length === 0 : stringify(a) === '');
    case 'contains':
      return typeof a === 'string'
        ? a.includes(stringify(b))
        : Array.isArray(a)
          ? a.some((x) => deepEquals(x, b))
          : typeof a === 'object' && a !== null && stringify(b) in a;
    case 'tolower':
      return stringify(a).toLowerCase();
    case 'toupper':
      return stringify(a).toUpperCase();
    case 'length':
      return typeof a === 'string' || Array.isArray(a) ? a.length : Object.keys(a ?? {}).length;
    default: // utcnow
      return new Date().toISOString();
  }
}

function property(target: unknown, key: string, optional: boolean, path: string): unknown {
  if (target === null || target === undefined) {
    if (optional) return null;
    throw new ExpressionError(`Cannot read '${key}' of null in '${path}'.`);
  }
  if (typeof target !== 'object') throw new ExpressionError(`Cannot read '${key}' of a ${typeName(target)} in '${path}'.`);
  const record = target as Record<string, unknown>;
  // Property names are case-insensitive in the pipeline expression language.
  const found = key in record ? key : Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
  if (found !== undefined) return record[found];
  if (optional) return null;
  throw new ExpressionError(`'${path}' has no property '${key}'.`);
}

class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly scope: ExpressionScope,
  ) {}

  parseAll(): unknown {
    const value = this.expression();
    if (this.pos < this.tokens.length) throw this.unexpected();
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private unexpected(): ExpressionError {
    const token = this.peek();
    return new ExpressionError(`Unexpected ${token ? `'${token.text}'` : 'end'} in the expression '@${this.text}'.`);
  }

  private expect(text: string): void {
    if (this.peek()?.text !== text) throw this.unexpected();
    this.pos++;
  }

  private expression(): unknown {
    let value = this.primary();
    let path = this.tokens[this.pos - 1]?.text ?? '';
    for (;;) {
      const token = this.peek();
      if (token?.text === '.' || token?.text === '?.') {
        this.pos++;
        const key = this.peek();
        if (key?.kind !== 'name') throw this.unexpected();
        this.pos++;
        path += `${token.text}${key.text}`;
        value = property(value, key.text, token.text === '?.', path);
      } else if (token?.text === '[') {
        this.pos++;
        const key = this.expression();
        this.expect(']');
        path += `[${JSON.stringify(key)}]`;
        value = Array.isArray(value) && typeof key === 'number' ? value[key] : property(value, stringify(key), false, path);
      } else {
        return value;
      }
    }
  }

  private primary(): unknown {
    const token = this.peek();
    if (!token) throw this.unexpected();
    this.pos++;
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    if (token.kind !== 'name') throw this.unexpected();
    if (this.peek()?.text !== '(') {
      const literal: Record<string, unknown> = { true: true, false: false, null: null };
      if (token.text in literal) return literal[token.text];
      throw new ExpressionError(`'${token.text}' is not a function call or a literal, in the expression '@${this.text}'.`);
    }
    this.pos++;
    const args: unknown[] = [];
    if (this.peek()?.text !== ')') {
      args.push(this.expression());
      while (this.peek()?.text === ',') {
        this.pos++;
        args.push(this.expression());
      }
    }
    this.expect(')');
    return callFunction(token.text, args, this.scope);
  }
}

/** Evaluates one expression, written without its leading '@'. */
export function evaluateExpression(text: string, scope: ExpressionScope): unknown {
  return new Parser(tokenize(text), text, scope).parseAll();
}

/** The index just past the `}` closing an interpolation that starts at `start` (just after '@{'). */
function interpolationEnd(text: string, start: number): number {
  let inString = false;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "'") inString = !inString;
    else if (text[i] === '}' && !inString) return i;
  }
  throw new ExpressionError(`Unterminated '@{' in '${text}'.`);
}

function resolveString(text: string, scope: ExpressionScope): unknown {
  if (text.startsWith('@@')) return text.slice(1);
  if (text.startsWith('@') && !text.startsWith('@{')) return evaluateExpression(text.slice(1), scope);
  if (!text.includes('@{')) return text;
  let result = '';
  let i = 0;
  for (let at = text.indexOf('@{'); at >= 0; at = text.indexOf('@{', i)) {
    const end = interpolationEnd(text, at + 2);
    result += text.slice(i, at) + stringify(evaluateExpression(text.slice(at + 2, end), scope));
    i = end + 1;
  }
  return result + text.slice(i);
}

function isExpressionObject(value: unknown): value is { value: string; type: 'Expression' } {
  const candidate = value as { value?: unknown; type?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && candidate.type === 'Expression' && typeof candidate.value === 'string';
}

/**
 * Resolves a value from an activity's JSON: `{ value: '@…', type: 'Expression' }` objects and
 * strings starting with '@' are evaluated, `@{…}` is interpolated, arrays and objects recursively.
 */
export function resolveValue(value: unknown, scope: ExpressionScope): unknown {
  if (isExpressionObject(value)) return resolveString(value.value, scope);
  if (typeof value === 'string') return resolveString(value, scope);
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, scope)]));
  }
  return value;
}
