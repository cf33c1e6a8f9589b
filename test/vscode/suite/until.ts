// Waiting for a condition in the vscode-tier suites (never a fixed sleep): polls until `get` returns
// a truthy value, which it returns, or fails naming what it waited for.
import * as assert from 'node:assert/strict';

export async function until<T>(get: () => T | undefined | false, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`gave up waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
