// An output channel whose every write is masked: tokens never reach a log, whoever writes the line
// (the client, the job tracker, a command's failure).
import type * as vscode from 'vscode';
import { maskSecrets } from '../../fabric/redaction';

/** The methods that put text in a channel. */
const WRITES = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

export function maskedChannel<T extends vscode.OutputChannel>(channel: T): T {
  return new Proxy(channel, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (typeof name === 'string' && WRITES.has(name)) return (...args: unknown[]) => value.apply(target, args.map(maskedText));
      return value.bind(target);
    },
  });
}

function maskedText(value: unknown): string {
  if (typeof value === 'string') return maskSecrets(value);
  if (value instanceof Error) return maskSecrets(value.stack ?? value.message);
  return maskSecrets(JSON.stringify(value) ?? String(value));
}
