// Waiting for a condition, never for a fixed time: shared by the vscode and e2e tiers (no `vscode`
// here, so the e2e scenarios, which run in Node, can use it too).
import * as assert from 'node:assert/strict';

/** How often the condition is asked again: short, so a test goes on as soon as it holds. */
const POLL_MS = 50;

/** Polls `condition` until it returns a truthy value (sync or async) and returns that value; fails naming `what`. */
export async function waitFor<T>(
  condition: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
