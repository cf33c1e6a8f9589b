// Rules for run parameter values and names, shared by the run wizard (to check input) and the
// emulator (to reject a job the service would reject). Types are the job API's ItemJobParameterType
// values a user can type by hand (seeds 001 and 003).

export type DeclaredParameterType = 'Integer' | 'Number' | 'Boolean' | 'Text' | 'DateTime' | 'Guid';

/** A parameter an item declares: a notebook's parameters cell or a pipeline's `properties.parameters`. */
export interface DeclaredParameter {
  name: string;
  /** The default as the user would type it (a string without quotes). */
  defaultValue: string;
  type: DeclaredParameterType;
}

export const MAX_PARAMETER_NAME_LENGTH = 256;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isDateTimeText(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2025-02-30 over to March: a real date reads back the same.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

export function isGuidText(value: string): boolean {
  return GUID.test(value);
}

/** What is wrong with `value` for a parameter of `type`, or undefined when it is acceptable. */
export function validateParameterValue(type: DeclaredParameterType, value: string): string | undefined {
  switch (type) {
    case 'Integer':
      return INTEGER.test(value) && Number.isSafeInteger(Number(value)) ? undefined : `"${value}" is not an Integer: enter a whole number such as 42.`;
    case 'Number':
      return NUMBER.test(value) && Number.isFinite(Number(value)) ? undefined : `"${value}" is not a Number: enter a number such as 3.14.`;
    case 'Boolean':
      return BOOLEAN.test(value) ? undefined : `"${value}" is not a Boolean: enter true or false.`;
    case 'DateTime':
      return isDateTimeText(value) ? undefined : `"${value}" is not a DateTime: use YYYY-MM-DDTHH:mm:ssZ, e.g. 2025-01-31T08:00:00Z.`;
    case 'Guid':
      return isGuidText(value) ? undefined : `"${value}" is not a Guid: use the form 00000000-0000-0000-0000-000000000000.`;
    case 'Text':
      return undefined;
  }
}

/** What is wrong with a set of parameter names (empty, too long, or repeated ignoring case), or undefined. */
export function validateParameterNames(names: readonly string[]): string | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    if (name.trim() === '') return 'A parameter name cannot be empty.';
    if (name.length > MAX_PARAMETER_NAME_LENGTH) return `Parameter name "${name.slice(0, 40)}…" is longer than ${MAX_PARAMETER_NAME_LENGTH} characters.`;
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return earlier === name
        ? `Parameter "${name}" is given twice.`
        : `Parameters "${earlier}" and "${name}" differ only in case; names must be unique ignoring case.`;
    }
    seen.set(key, name);
  }
  return undefined;
}
