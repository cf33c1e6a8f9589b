// Run parameters as the wizard edits them: text in, typed JSON value out, checked with the shared
// parameter rules (src/fabric/parameterRules.ts) the way the service checks them.
import type { JobParameter, JobParameterType } from '../fabric/types';
import { validateParameterNames, validateParameterValue, type DeclaredParameterType } from '../fabric/parameterRules';

/** The types a user can give a parameter by hand. */
export const EDITABLE_TYPES: readonly JobParameterType[] = ['Text', 'Integer', 'Number', 'Boolean', 'DateTime', 'Guid'];

/** The declared types of notebooks (Python) and pipelines mapped to job parameter types. */
export function toJobParameterType(declared: string | undefined): JobParameterType {
  switch ((declared ?? '').toLowerCase()) {
    case 'int':
    case 'integer':
      return 'Integer';
    case 'float':
    case 'number':
    case 'double':
      return 'Number';
    case 'bool':
    case 'boolean':
      return 'Boolean';
    case 'datetime':
      return 'DateTime';
    case 'guid':
      return 'Guid';
    case 'automatic':
      return 'Automatic';
    default:
      return 'Text';
  }
}

/** What is wrong with `text` as a value of `type`, or undefined when the service would accept it. */
export function checkParameterText(type: JobParameterType, text: string): string | undefined {
  return (EDITABLE_TYPES as readonly string[]).includes(type) ? validateParameterValue(type as DeclaredParameterType, text) : undefined;
}

/** The JSON value sent for `text` of `type` (call after checkParameterText accepted it). */
export function parseParameterText(type: JobParameterType, text: string): unknown {
  switch (type) {
    case 'Integer':
    case 'Number':
      return Number(text.trim());
    case 'Boolean':
      return text.trim().toLowerCase() === 'true';
    case 'DateTime':
    case 'Guid':
      return text.trim();
    default:
      return text;
  }
}

/** The value as the user edits it. */
export function formatParameterValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What is wrong with a new parameter name among `others` (already unique), or undefined. */
export function checkParameterName(name: string, others: readonly string[]): string | undefined {
  return validateParameterNames([...others, name.trim()]);
}

/** A parameter as it is edited: its name, its type and its value as text. */
export interface ParameterText {
  name: string;
  type: JobParameterType;
  text: string;
}

/** What the service would refuse in `entries` (names unique ignoring case, values of their type); empty when nothing. */
export function parameterProblems(entries: readonly ParameterText[]): string[] {
  return entries.flatMap((e, i) => {
    const name = checkParameterName(
      e.name,
      entries.slice(0, i).map((o) => o.name),
    );
    const value = checkParameterText(e.type, e.text);
    return [name, value && `${e.name}: ${value}`].filter((p): p is string => !!p);
  });
}

/** The parameters a run sends for `entries` (call after parameterProblems found none). */
export function toJobParameters(entries: readonly ParameterText[]): JobParameter[] {
  return entries.map((e) => ({ name: e.name, type: e.type, value: parseParameterText(e.type, e.text) }));
}
