// What activate() returns is every other extension's `vscode.extensions.getExtension(id).exports`.
// Ours would be the signed-in ConnectionManager (a FabricClient carrying the user's token), the
// prompter that sign-in types secrets into, the job monitor: nothing another extension may hold.
// So a production host gets nothing; the vscode-tier runner and the benchmark start code-server
// with FABRIC_WORKBENCH_TEST_API=1 (scripts/test-vscode.mjs) and get the test API. Not a wall
// against code in the same extension host (it could set the variable, or read our memory, anyway):
// it keeps the API out of every ordinary install, where no extension can come to rely on it.
// Free of `vscode` so the gate is unit-tested.

export const TEST_API_VARIABLE = 'FABRIC_WORKBENCH_TEST_API';

/** The test API when the host was started for tests, else undefined. */
export function testApi<T>(api: () => T, env: NodeJS.ProcessEnv = process.env): T | undefined {
  return env[TEST_API_VARIABLE] === '1' ? api() : undefined;
}
