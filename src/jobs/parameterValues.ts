// Run parameters as the wizard edits them: text in, typed JSON value out, checked against the
// parameter's type the way the service checks it (seed 001/003 ItemJobParameterType).
import type { JobParameter, JobParameterType } from '../fabric/types';

/** The types a user can give a parameter by hand. */
export const EDITABLE_TYPES: readonly JobParameterType[] = ['Text', 'Integer', 'Number', 'Boolean', 'DateTime', 'Guid'];

/** The declared types of notebooks (Python) and pipelines mapped to job parameter types. */
export function toJobParameterType(declared: string | undefined): JobParameterType {
  switch ((declared ?? '').toLowerCase()) {
    case 'int': case 'integer': return 'Integer';
    case 'float': case 'number': case 'double': return 'Number';
    case 'bool': case 'boolean': return 'Boolean';
    case 'datetime': return 'DateTime';
    case 'guid': return 'Guid';
    case 'automatic': return 'Automatic';
    default: return 'Text';
  }
}

const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is wrong with `text` as a value of `type`, or undefined when the service would accept it. */
export function checkParameterText(type: JobParameterType, text: string): string | undefined {
  const t = text.trim();
  switch (type) {
    case 'Integer':
      return /^[+-]?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? undefined : `"${text}" is not an Integer: enter a whole number such as 42.`;
    case 'Number':
      return t !== '' && Number.isFinite(Number(t)) ? undefined : `"${text}" is not a Number: enter a number such as 3.14.`;
    case 'Boolean':
      return /^(true|false)$/i.test(t) ? undefined : `"${text}" is not a Boolean: enter true or false.`;
    case 'DateTime':
      return DATE_TIME.test(t) && !Number.isNaN(Date.parse(t)) ? undefined : `"${text}" is not a DateTime: use YYYY-MM-DDTHH:mm:ssZ, e.g. 2025-01-31T08:00:00Z.`;
    case 'Guid':
      return GUID.test(t) ? undefined : `"${text}" is not a Guid: use the 00000000-0000-0000-0000-000000000000 form.`;
    default:
      return undefined;
  }
}

/** The JSON value sent for `text` of `type` (call after checkParameterText accepted it). */
export function parseParameterText(type: JobParameterType, text: string): unknown {
  switch (type) {
    case 'Integer': case 'Number': return Number(text.trim());
    case 'Boolean': return text.trim().toLowerCase() === 'true';
    case 'DateTime': case 'Guid': return text.trim();
    default: return text;
  }
}

/** The value as the user edits it. */
export function formatParameterValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const MAX_PARAMETER_NAME_LENGTH = 256;

/** What is wrong with a new parameter name among `others`, or undefined. */
export function checkParameterName(name: string, others: readonly string[]): string | undefined {
  const n = name.trim();
  if (!n) return 'Enter a parameter name.';
  if (n.length > MAX_PARAMETER_NAME_LENGTH) return `A parameter name has at most ${MAX_PARAMETER_NAME_LENGTH} characters.`;
  if (others.some((o) => o.toLowerCase() === n.toLowerCase())) return `There is already a parameter "${n}" (names are not case-sensitive).`;
  return undefined;
}

/** Every problem the service would refuse in a parameter list, or an empty list. */
export function checkParameters(parameters: readonly JobParameter[]): string[] {
  const problems: string[] = [];
  parameters.forEach((p, i) => {
    const nameProblem = checkParameterName(p.name, parameters.slice(0, i).map((o) => o.name));
    if (nameProblem) problems.push(nameProblem);
    const valueProblem = checkParameterText(p.type, formatParameterValue(p.value));
    if (valueProblem) problems.push(`${p.name}: ${valueProblem}`);
  });
  return problems;
}
