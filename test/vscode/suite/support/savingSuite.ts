// What the suites about saving share: an emulator and a workspace of the suite's own, the extension
// connected to it with its prompts answered by a ScriptedPrompter, VS Code's auto-save off (a test
// saves when it chooses), and data pipelines made, read and changed through the REST API (as
// someone else would in Fabric).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../../src/emulator';
import { FabricClient, StaticTokenProvider } from '../../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../../src/fabric/definition';
import type { Item } from '../../../../src/fabric/types';
import type { Explorer } from '../../../../src/vscode/explorer/registerExplorer';
import type { ScriptedPrompter } from './scriptedPrompter';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const UPDATE_DEFINITION = 'POST /v1/workspaces/{id}/items/{id}/updateDefinition';

export const PART = 'pipeline-content.json';
export const pipelineJson = (description: string) => JSON.stringify({ properties: { activities: [], description } }, null, 2);
const bytes = (s: string) => Buffer.from(s, 'utf8');

export interface SavingSuite {
  emulator: Emulator;
  client: FabricClient;
  explorer: Explorer;
  workspaceId: string;
}

/** Registers the suite's `before`/`after` hooks; what it returns is set once `before` ran. */
export function savingSuite(name: string, prompter: ScriptedPrompter) {
  const suite = {} as SavingSuite;
  let dataDir: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-saving-suite-'));
    suite.emulator = await startEmulator({ port: 0, dataDir, sample: false });
    suite.client = new FabricClient({ baseUrl: suite.emulator.baseUrl, tokenProvider: new StaticTokenProvider(suite.emulator.token), userAgent: name });
    suite.workspaceId = (await suite.client.createWorkspace({ displayName: name })).id;
    suite.explorer = ((await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { explorer: Explorer }).explorer;
    suite.explorer.setPrompter(prompter);
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: suite.emulator.baseUrl, token: suite.emulator.token });
    // VS Code in the browser auto-saves by default.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    suite.explorer?.setPrompter(undefined);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await suite.emulator?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    suite,
    /** How many updateDefinition calls reached the emulator. */
    uploads: () => suite.emulator.stats.byRoute[UPDATE_DEFINITION] ?? 0,

    uriOf: (item: Pick<Item, 'displayName' | 'type'>, part = PART) =>
      vscode.Uri.from({ scheme: 'fabricwb', authority: suite.workspaceId, path: `/${item.displayName}.${item.type}/${part}` }),

    /** The current connection's pending changes of the item. */
    pendingOf: (item: Item) => suite.explorer.saving.pendingView.changes.filter((c) => c.item.id === item.id),

    async pipeline(displayName: string, parts: Record<string, string> = { [PART]: pipelineJson('in Fabric') }): Promise<Item> {
      const definition = encodeDefinition(Object.entries(parts).map(([p, content]) => ({ path: p, content: bytes(content) })));
      const item = { ...(await suite.client.createItem(suite.workspaceId, { displayName, type: 'DataPipeline', definition })), workspaceId: suite.workspaceId };
      suite.explorer.files.refresh(suite.workspaceId);
      return item;
    },

    /** A part's text in Fabric. */
    async remote(item: Item, part = PART): Promise<string> {
      const files = decodeDefinition(await suite.client.getDefinition(suite.workspaceId, item.id));
      return Buffer.from(files.find((f) => f.path === part)?.content ?? []).toString('utf8');
    },

    /** Someone else saves the item in Fabric. */
    async changeInFabric(item: Item, description: string): Promise<void> {
      const parts = decodeDefinition(await suite.client.getDefinition(suite.workspaceId, item.id)).map((f) =>
        f.path === PART ? { ...f, content: bytes(pipelineJson(description)) } : f,
      );
      await suite.client.updateDefinition(suite.workspaceId, item.id, encodeDefinition(parts));
    },
  };
}
