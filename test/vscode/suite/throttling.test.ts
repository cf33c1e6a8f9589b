// Fabric's throttling inside a real extension host: a request that must wait out a long
// Retry-After shows "Throttled by Fabric, retrying in N s" in a progress notification, and its
// Cancel aborts the request.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import { waitFor } from './support/wait';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';

describe('Throttling: long retry waits', function () {
  this.timeout(60_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let explorer: Explorer;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-throttling-suite-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true });
    explorer = ((await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { explorer: Explorer }).explorer;
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.url, token: emulator.token });
  });

  after(async () => {
    emulator?.setFaults(undefined);
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the wait with a countdown, and Cancel aborts the request', async () => {
    const client = explorer.connection.requireClient();
    const notifier = explorer.connection.retryWaits;
    // From now on one call a minute: the next ones are answered 429 with Retry-After up to 60 s.
    emulator.setFaults({ throttlePerMinute: 1 });
    const outcomes = [client.listWorkspacesPage(), client.listWorkspacesPage()].map((call) =>
      call.then(
        () => 'answered',
        (error: Error) => error.name,
      ),
    );
    await waitFor(() => notifier.message !== undefined, 'the wait is shown');
    assert.match(notifier.message!, /^Throttled by Fabric, retrying in \d+ s$/);
    notifier.cancelAll();
    assert.ok((await Promise.all(outcomes)).includes('AbortError'));
    await waitFor(() => notifier.message === undefined, 'the notification closes');
  });
});
