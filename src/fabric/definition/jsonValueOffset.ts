// Where a value sits in JSON text, so a problem found in the parsed value (a notebook cell's line)
// can be shown at its place in the file. Only for text that JSON.parse accepted.

const BOM = '\uFEFF';

/** The offset in `text` where the value at `path` (object keys, array indexes) starts, or undefined. */
export function jsonValueOffset(text: string, path: readonly (string | number)[]): number | undefined {
  let i = text.startsWith(BOM) ? 1 : 0;
  const skipWhitespace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const skipString = () => {
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
  };
  /** Past a value: a string or container ends it; a number or literal runs to the next "," "}" or "]". */
  const skipValue = () => {
    skipWhitespace();
    let depth = 0;
    while (i < text.length) {
      const c = text[i];
      if (depth === 0 && (c === ',' || c === '}' || c === ']')) return;
      if (c === '"') skipString();
      else i++;
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
      if (depth === 0 && (c === '"' || c === '}' || c === ']')) return;
    }
  };
  /** After a member or element: past the comma, or false at the end of the container. */
  const next = () => {
    skipWhitespace();
    if (text[i] !== ',') return false;
    i++;
    return true;
  };
  for (const step of path) {
    skipWhitespace();
    if (typeof step === 'number') {
      if (text[i] !== '[') return undefined;
      i++;
      skipWhitespace();
      if (text[i] === ']') return undefined;
      for (let k = 0; k < step; k++) {
        skipValue();
        if (!next()) return undefined;
      }
    } else {
      if (text[i] !== '{') return undefined;
      i++;
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') return undefined;
        const start = i;
        skipString();
        const key = JSON.parse(text.slice(start, i)) as string;
        skipWhitespace();
        i++; // the ":"
        if (key === step) break;
        skipValue();
        if (!next()) return undefined;
      }
    }
  }
  skipWhitespace();
  return i < text.length ? i : undefined;
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
