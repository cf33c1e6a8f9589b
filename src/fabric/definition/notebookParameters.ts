// The parameters a notebook declares: the top-level assignments of its parameters cell, typed the
// way a run would pass them (`batch = 10` is an Integer, `day = "2025-01-31T00:00:00Z"` a DateTime).
import { isDateTimeText, isGuidText, type DeclaredParameter, type DeclaredParameterType } from '../parameterRules';
import type { FabricNotebook } from './notebook';

// name, optional `: annotation`, `=` (not `==`), value.
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*([^=]+?)\s*)?=(?!=)\s*(.*)$/;
const ANNOTATION_TYPES: Record<string, DeclaredParameterType> = { int: 'Integer', float: 'Number', bool: 'Boolean', str: 'Text' };

export function extractNotebookParameters(notebook: FabricNotebook): DeclaredParameter[] {
  const found = new Map<string, DeclaredParameter>();
  for (const cell of notebook.cells) {
    if (cell.kind !== 'code' || !cell.isParameters) continue;
    for (const line of cell.source.split(/\r?\n/)) {
      const match = ASSIGNMENT.exec(line);
      if (!match) continue;
      const [, name, annotation, rawValue] = match;
      const value = withoutComment(rawValue).trim();
      if (value === '') continue;
      // A later assignment wins, as in Python; the parameter keeps its first position.
      found.delete(name);
      found.set(name, { name, ...typedValue(value, annotation?.trim()) });
    }
  }
  return [...found.values()];
}

function typedValue(value: string, annotation: string | undefined): { defaultValue: string; type: DeclaredParameterType } {
  const annotated = annotation === undefined ? undefined : ANNOTATION_TYPES[annotation];
  if (value === 'True' || value === 'False') return { defaultValue: value.toLowerCase(), type: 'Boolean' };
  if (/^[+-]?\d[\d_]*$/.test(value)) return { defaultValue: value.replace(/_/g, ''), type: annotated === 'Number' ? 'Number' : 'Integer' };
  if (/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(value)) return { defaultValue: value.replace(/_/g, ''), type: 'Number' };
  const text = stringLiteral(value);
  if (text !== undefined) {
    if (isDateTimeText(text)) return { defaultValue: text, type: 'DateTime' };
    if (isGuidText(text)) return { defaultValue: text, type: 'Guid' };
    return { defaultValue: text, type: 'Text' };
  }
  // None or an expression (list, dict, call): passed as text.
  return { defaultValue: value === 'None' ? '' : value, type: 'Text' };
}

/** The value of a one-line Python string literal (optionally r/u-prefixed), or undefined. */
function stringLiteral(value: string): string | undefined {
  const match = /^([rRuU]?)(['"])(.*)\2$/.exec(value);
  if (!match || match[3].startsWith(match[2].repeat(2))) return undefined;
  const [, prefix, quote, body] = match;
  if (prefix.toLowerCase() === 'r') return body;
  let text = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === quote) return undefined; // the literal ended earlier: an expression such as 'a' + 'b'
    if (body[i] !== '\\' || i === body.length - 1) {
      text += body[i];
      continue;
    }
    const escaped = body[++i];
    text += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[escaped] ?? `\\${escaped}`;
  }
  return text;
}

/** `value` without a trailing `# comment` (a `#` inside a string literal is kept). */
function withoutComment(value: string): string {
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#') {
      return value.slice(0, i);
    }
  }
  return value;
}
