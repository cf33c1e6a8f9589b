// A job's executionData as named fields (Spark job definition, table maintenance, materialized
// lake view refresh): one description per field serves the wizard (what to ask, checked as the
// user types), the run file and the emulator (the body checked as the service checks it).

export type ExecutionField =
  /** A string; `pattern` is the spec's, `hint` says it in words. */
  | { key: string; label: string; kind: 'text'; required?: boolean; pattern?: RegExp; hint?: string }
  | { key: string; label: string; kind: 'boolean' }
  /** A list of strings, typed comma-separated. */
  | { key: string; label: string; kind: 'list'; pattern?: RegExp; hint?: string }
  /** An ItemReferenceById to an item of the workspace. */
  | { key: string; label: string; kind: 'reference'; itemType: 'Lakehouse' | 'Environment' }
  /** An object whose presence turns a step on (`optimizeSettings: {}` optimizes with the defaults); setting a field inside it adds it. */
  | { key: string; label: string; kind: 'section' };

/** `key` is a dotted path into executionData: `optimizeSettings.vOrder`. */
export function fieldValue(data: Record<string, unknown> | undefined, key: string): unknown {
  let value: unknown = data;
  for (const name of key.split('.')) value = isObject(value) ? value[name] : undefined;
  return value;
}

/** A copy of `data` with the field set (undefined removes it; the objects on its path are created). */
export function withFieldValue(data: Record<string, unknown> | undefined, key: string, value: unknown): Record<string, unknown> {
  const [name, ...rest] = key.split('.') as [string, ...string[]];
  const copy = { ...data };
  if (value === undefined && rest.length && !isObject(copy[name])) return copy;
  const next = rest.length ? withFieldValue(isObject(copy[name]) ? copy[name] : undefined, rest.join('.'), value) : value;
  if (next === undefined) delete copy[name];
  else copy[name] = next;
  return copy;
}

/** What the service would refuse in a field's JSON value, or undefined. */
export function checkFieldValue(field: ExecutionField, value: unknown): string | undefined {
  if (value === undefined) return field.kind === 'text' && field.required ? `${field.key} is required.` : undefined;
  switch (field.kind) {
    case 'text':
      if (typeof value !== 'string') return `${field.key} must be a string.`;
      return field.pattern && !field.pattern.test(value)
        ? `${field.key} is ${JSON.stringify(value)}: ${field.hint ?? `it must match ${field.pattern}`}.`
        : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${field.key} must be true or false.`;
    case 'list': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return `${field.key} must be a list of strings.`;
      const { pattern } = field;
      const bad = pattern && (value as string[]).find((v) => !pattern.test(v));
      return bad === undefined ? undefined : `${field.key} has ${JSON.stringify(bad)}: ${field.hint ?? `each must match ${String(pattern)}`}.`;
    }
    case 'section':
      return isObject(value) ? undefined : `${field.key} must be an object.`;
    case 'reference':
      return isObject(value) && value.referenceType === 'ById' && typeof value.itemId === 'string' && typeof value.workspaceId === 'string'
        ? undefined
        : `${field.key} must be {"referenceType": "ById", "itemId", "workspaceId"}.`;
  }
}

/** What the service would refuse in `data` (missing when `required`); empty when nothing. */
export function executionDataProblems(fields: readonly ExecutionField[], data: Record<string, unknown> | undefined, required = false): string[] {
  if (data === undefined && required) return ['executionData is required.'];
  if (data !== undefined && !isObject(data)) return ['executionData must be an object.'];
  return fields.map((f) => checkFieldValue(f, fieldValue(data, f.key))).filter((p): p is string => p !== undefined);
}

/** The JSON value for a text or list field typed as `text`; undefined for empty (unset). */
export function parseFieldText(field: ExecutionField, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return field.kind === 'list'
    ? trimmed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : trimmed;
}

/** What is wrong with `text` typed for a text or list field, or undefined. */
export function checkFieldText(field: ExecutionField, text: string): string | undefined {
  return checkFieldValue(field, parseFieldText(field, text));
}

/** The value as the user edits it (lists comma-separated). */
export function formatFieldValue(value: unknown): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
