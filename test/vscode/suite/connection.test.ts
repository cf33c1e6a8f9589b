// Sign-in and sign-out inside a real extension host, against an emulator of this suite's own: the
// sign-in quick pick driven through VS Code's real quick input, the remembered connection, and
// the "not connected" behaviour of the file system.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import { ConnectionManager } from '../../../src/vscode/connection/ConnectionManager';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import { waitFor } from './support/wait';
import { ui } from './ui';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';

describe('Connection: sign in and out', function () {
  this.timeout(60_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let explorer: Explorer;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-connection-suite-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true });
    explorer = ((await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { explorer: Explorer }).explorer;
    await vscode.workspace.getConfiguration('fabricWorkbench').update('emulator.url', emulator.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('fabricWorkbench').update('emulator.url', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('[fabricWorkbench.signIn @ view/title] [fabricWorkbench.signIn @ commandPalette] signs in to the local emulator through the real quick pick and input boxes', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
    assert.equal(explorer.connection.client, undefined);
    const changed = new Promise<void>((resolve) => explorer.connection.onDidChangeConnection(() => resolve()));
    const signingIn = vscode.commands.executeCommand('fabricWorkbench.signIn');
    await ui({ quickInputShows: 'Sign In to Microsoft Fabric', type: 'Local emulator', press: 'Enter' });
    await ui({ quickInputShows: "The emulator's address", press: 'Enter' }); // the address (from the setting)
    // No token prompt: the running emulator left its token for this user.
    await signingIn;
    await changed;
    assert.equal(explorer.connection.label, 'Local emulator');
    const page = await explorer.connection.requireClient().listWorkspacesPage();
    assert.ok(page.value.length > 0, 'the sample workspaces are listed');
  });

  it('[fabricWorkbench.signOut @ view/title] [fabricWorkbench.signOut @ commandPalette] connects in one step with useEmulator, and signs out', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
    assert.ok(explorer.connection.client);
    const roots = await explorer.tree.getChildren();
    assert.ok(roots.some((n) => n.kind === 'workspace'));
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
    assert.equal(explorer.connection.client, undefined);
    assert.throws(() => explorer.connection.requireClient(), /Not connected to Microsoft Fabric/);
    assert.deepEqual(await explorer.tree.getChildren(), []);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.readDirectory(vscode.Uri.from({ scheme: 'fabricwb', authority: '00000000-0000-0000-0000-000000000001', path: '/' }))),
      (error: vscode.FileSystemError) => error.code === 'Unavailable',
    );
  });

  it('[fabricWorkbench.useEmulator @ view/title] [fabricWorkbench.useEmulator @ commandPalette] connects in one step with useEmulator and no argument: the token is the one the running emulator left, not a setting', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator');
    const page = await explorer.connection.requireClient().listWorkspacesPage();
    assert.ok(page.value.length > 0, 'the emulator accepted the token');
    assert.doesNotMatch(JSON.stringify(vscode.workspace.getConfiguration('fabricWorkbench')), new RegExp(emulator.token));
  });

  it('shows the connection at the top of the view', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.url, token: emulator.token });
    await waitFor(() => explorer.treeView.description === 'Local emulator', 'the view says "Local emulator"');
  });

  it('restoring at activation gives way to a connection the user chose while it waited', async () => {
    // A ConnectionManager of its own over a remembered connection, whose secret storage answers
    // only when the test says: the user connects to this suite's emulator in between.
    let answer!: () => void;
    const secretsAnswer = new Promise<void>((resolve) => (answer = resolve));
    const state = new Map<string, unknown>([['fabricWorkbench.connection', { kind: 'emulator', url: 'http://127.0.0.1:9' }]]);
    const context = {
      globalState: { get: (key: string) => state.get(key), update: async (key: string, value: unknown) => void state.set(key, value) },
      secrets: {
        get: async () => {
          await secretsAnswer;
          return 'the remembered token';
        },
        store: async () => undefined,
        delete: async () => undefined,
      },
    } as unknown as vscode.ExtensionContext;
    const log = vscode.window.createOutputChannel('Fabric Workbench restore test', { log: true });
    const manager = new ConnectionManager(context, log, 'fabric-workbench-tests');
    try {
      const restoring = manager.restore();
      await manager.connect({ kind: 'emulator', url: emulator.url }, { token: emulator.token });
      answer();
      await restoring;
      assert.deepEqual(manager.info, { kind: 'emulator', url: emulator.url }, 'the chosen connection stays');
      assert.deepEqual(state.get('fabricWorkbench.connection'), { kind: 'emulator', url: emulator.url });
      assert.ok((await manager.requireClient().listWorkspacesPage()).value.length > 0);
    } finally {
      manager.dispose();
      log.dispose();
      await vscode.commands.executeCommand('setContext', 'fabricWorkbench.connected', !!explorer.connection.client);
    }
  });
});
