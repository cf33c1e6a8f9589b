// A call the tool refuses, with what to fix in the message: answered to the model as the tool's
// result, never raised to the host. Any other failure (a FabricError, the network) is answered too,
// as its user message; every answer is masked, so no token leaves through a tool.
import { maskSecrets } from '../fabric';
import { describeError } from '../fabric/errors';

export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

/** The text a failed call answers. */
export function errorAnswer(error: unknown): string {
  return maskSecrets(`Error: ${describeError(error)}`);
}

/** A required string input, trimmed. */
export function requiredText(input: Record<string, unknown>, key: string, what: string): string {
  const value = input[key];
  if (typeof value !== 'string' || !value.trim()) throw new ToolError(`"${key}" is missing: give ${what}.`);
  return value.trim();
}

/** An optional string input, trimmed (undefined when absent or empty). */
export function optionalText(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ToolError(`"${key}" must be a string.`);
  return value.trim() || undefined;
}

/** An optional number input, within bounds. */
export function optionalNumber(input: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && value.trim() ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) throw new ToolError(`"${key}" must be a number from ${min} to ${max}.`);
  return n;
}
