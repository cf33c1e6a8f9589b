// What the suites that drive the Workspaces commands share: the extension activated, connected to
// the suite's emulator, its prompts answered by a ScriptedPrompter and its failures recorded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../../src/emulator';
import { FabricClient, StaticTokenProvider } from '../../../../src/fabric';
import { encodeDefinition } from '../../../../src/fabric/definition';
import type { Item } from '../../../../src/fabric/types';
import type { Explorer } from '../../../../src/vscode/explorer/registerExplorer';
import type { JobsTestApi } from '../../../../src/vscode/jobs/registerJobs';
import type { ScriptedPrompter } from './scriptedPrompter';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';

/** Activates the extension, answers its prompts through `prompter`, records the command failures it shows in `failures`, and connects to the emulator. */
export async function connectScripted(
  prompter: ScriptedPrompter,
  failures: string[],
  emulator: { baseUrl: string; token: string },
): Promise<{ explorer: Explorer; jobs: JobsTestApi }> {
  const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { explorer: Explorer; jobs: JobsTestApi };
  api.explorer.setPrompter(prompter);
  api.explorer.onDidFailCommand((failure) => failures.push(`${failure.command}: ${failure.message}`));
  await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
  // VS Code in the browser auto-saves by default; these suites save when they choose (auto-save: pendingChanges.test.ts).
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  return api;
}

/**
 * The hooks of a suite that answers the Workspaces commands through `prompter`: `failures` (the
 * command failures shown) is emptied before each test, and a passing test must have used every
 * answer it scripted (a failed one leaves them: cleared for the next).
 */
export function scriptedPrompterHooks(prompter: ScriptedPrompter, failures: string[]): void {
  beforeEach(() => {
    failures.length = 0;
  });
  afterEach(function () {
    const left = prompter.takeUnused();
    if (this.currentTest?.state === 'passed') assert.deepEqual(left, [], 'answers left unused');
  });
}

/**
 * An emulator whose tenant pages (two workspaces a page, three of them before the suite's), holding
 * the suite's workspace with an empty data pipeline "Load".
 */
export async function startPagedTenant(
  suite: string,
): Promise<{ dataDir: string; emulator: Emulator; client: FabricClient; workspaceId: string; pipeline: Item }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fwb-${suite.toLowerCase().replace(/\W+/g, '-')}-`));
  const emulator = await startEmulator({ port: 0, dataDir, sample: false, pageSize: 2 });
  const client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: `${suite} tests` });
  for (const name of ['Alpha', 'Beta', 'Gamma']) await client.createWorkspace({ displayName: name });
  const workspaceId = (await client.createWorkspace({ displayName: suite })).id;
  const content = Buffer.from(JSON.stringify({ properties: { activities: [] } }, null, 2), 'utf8');
  const created = await client.createItem(workspaceId, {
    displayName: 'Load',
    type: 'DataPipeline',
    definition: encodeDefinition([{ path: 'pipeline-content.json', content }]),
  });
  return { dataDir, emulator, client, workspaceId, pipeline: { ...created, workspaceId } };
}

/** Ends a suite of connectScripted or startPagedTenant: the real prompts back, auto-save as it was, editors closed, its emulator and data folder gone. */
export async function closeScriptedSuite(explorer: Explorer | undefined, emulator: Emulator | undefined, dataDir: string): Promise<void> {
  explorer?.setPrompter(undefined);
  emulator?.setFaults(undefined);
  await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await emulator?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
