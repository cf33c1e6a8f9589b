// Where a value sits in JSON text, so a problem found in the parsed value (a notebook cell's line)
// can be shown at its place in the file. Only for text that JSON.parse accepted.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';

const BOM = '\uFEFF';

/** The offset in `text` where the value at `path` (object keys, array indexes) starts, or undefined. */
export function jsonValueOffset(text: string, path: readonly (string | number)[]): number | undefined {
  const skipped = text.startsWith(BOM) ? 1 : 0;
  const root = parseTree(text.slice(skipped));
  const node = root && findNodeAtLocation(root, [...path]);
  return node ? node.offset + skipped : undefined;
}

/**
 * Where line `line` (1-based) of a Jupyter multiline string starts: the value at `offset` is one
 * string or an array of strings, whose newlines (`\n` escapes) count the lines.
 */
export function multilineStringLineOffset(text: string, offset: number, line: number): number {
  const isArray = text[offset] === '[';
  let newlines = 0;
  let inString = false;
  for (let i = offset; i < text.length; i++) {
    const c = text[i];
    if (!inString) {
      if (c === '"') inString = true;
      else if (c === ']') break;
      continue;
    }
    if (c === '"') {
      if (!isArray) break;
      inString = false;
    } else if (newlines === line - 1) {
      return i;
    } else if (c === '\\') {
      if (text[i + 1] === 'n') newlines++;
      i++;
    }
  }
  return offset;
}
