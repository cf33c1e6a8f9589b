// What the sign-in suites share: an emulator over HTTPS with its local Entra endpoint, on a copy of
// the CA the test runner made the extension host trust (FWB_TRUSTED_TLS_DIR, NODE_EXTRA_CA_CERTS),
// and the Workspaces view's top level as a person reads it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';

/** Starts the emulator in a new temporary folder (`dir`, removed by the caller). */
export async function startTrustedEmulator(options: Pick<EmulatorOptions, 'entraApps'>): Promise<{ emulator: Emulator; dir: string }> {
  const trusted = process.env.FWB_TRUSTED_TLS_DIR;
  if (!trusted) throw new Error('FWB_TRUSTED_TLS_DIR is not set: run the suites with npm run test:vscode.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-local-entra-'));
  const dataDir = path.join(dir, 'data');
  fs.cpSync(path.join(trusted, 'tls'), path.join(dataDir, 'tls'), { recursive: true });
  const emulator = await startEmulator({ port: 0, dataDir, sample: true, https: true, quiet: true, ...options });
  return { emulator, dir };
}

/** The workspaces the view lists (an error node as `error: <its message>`). */
export async function treeWorkspaces(explorer: Explorer): Promise<string[]> {
  return (await explorer.tree.getChildren()).map((node) =>
    node.kind === 'workspace' ? node.workspace.displayName : node.kind === 'error' ? `error: ${node.message}` : node.kind,
  );
}
