// Builds the cell that papermill and Fabric inject right after the parameters cell: one Python
// assignment per run parameter, converted by the parameter's type.
import type { JobParameter } from '../../../fabric/types';

export class ParameterError extends Error {}

const PYTHON_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Both the job scheduler's types (Integer, Number…) and the older notebook form types (int, float…). */
function pythonKind(type: string): 'int' | 'float' | 'bool' | 'str' | 'auto' | undefined {
  switch (type.toLowerCase()) {
    case 'integer':
    case 'int':
      return 'int';
    case 'number':
    case 'float':
      return 'float';
    case 'boolean':
    case 'bool':
      return 'bool';
    case 'text':
    case 'string':
    case 'datetime':
    case 'guid':
      return 'str';
    case 'automatic':
      return 'auto';
    default:
      return undefined;
  }
}

function intLiteral(name: string, value: unknown): string {
  const text = typeof value === 'number' ? String(value) : String(value).trim();
  if (!/^[-+]?\d+$/.test(text)) throw new ParameterError(`Parameter '${name}' is an Integer, but its value ${JSON.stringify(value)} is not a whole number.`);
  return text;
}

function floatLiteral(name: string, value: unknown): string {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (typeof value !== 'number' && String(value).trim() === '') throw new ParameterError(`Parameter '${name}' is a Number, but its value is empty.`);
  if (Number.isNaN(number)) {
    if (String(value).trim().toLowerCase() === 'nan') return "float('nan')";
    throw new ParameterError(`Parameter '${name}' is a Number, but its value ${JSON.stringify(value)} is not a number.`);
  }
  if (!Number.isFinite(number)) return number > 0 ? "float('inf')" : "float('-inf')";
  const text = String(number);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function boolLiteral(name: string, value: unknown): string {
  if (value === true || String(value).trim().toLowerCase() === 'true') return 'True';
  if (value === false || String(value).trim().toLowerCase() === 'false') return 'False';
  throw new ParameterError(`Parameter '${name}' is a Boolean, but its value ${JSON.stringify(value)} is neither true nor false.`);
}

function pythonLiteral(parameter: JobParameter): string {
  const kind = pythonKind(String(parameter.type));
  const { name, value } = parameter;
  switch (kind) {
    case 'int':
      return intLiteral(name, value);
    case 'float':
      return floatLiteral(name, value);
    case 'bool':
      return boolLiteral(name, value);
    case 'str':
      return JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value));
    case 'auto':
      if (typeof value === 'boolean') return boolLiteral(name, value);
      if (typeof value === 'number') return Number.isInteger(value) ? intLiteral(name, value) : floatLiteral(name, value);
      return JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value));
    default:
      throw new ParameterError(`Parameter '${name}' has the type ${String(parameter.type)}, which the local emulator cannot pass to a notebook.`);
  }
}

/** The injected cell's Python source; throws ParameterError for a bad name, type or value. */
export function buildParameterCell(parameters: readonly JobParameter[]): string {
  const lines = ['# Parameters of this run, injected by the local Fabric emulator'];
  for (const parameter of parameters) {
    if (!PYTHON_NAME.test(parameter.name)) throw new ParameterError(`Parameter '${parameter.name}' is not a valid Python variable name.`);
    lines.push(`${parameter.name} = ${pythonLiteral(parameter)}`);
  }
  return lines.join('\n') + '\n';
}
