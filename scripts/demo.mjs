// `npm run demo`: builds and packages the extension, starts the local Fabric emulator with its
// sample workspace and a real VS Code (code-server on 127.0.0.1, its own data folders) with the
// extension installed and pointed at the emulator, then prints the address to open.
// `--desktop` opens the desktop `code` on PATH instead of code-server. Ctrl+C stops everything.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, freePort, installExtension, startCodeServer, writeUserSettings } from './lib/code-server.mjs';
import { packageVsix } from './lib/package-vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const desktop = process.argv.includes('--desktop');
const demoDir = path.join(root, '.demo');
const children = [];

function startEmulator(port) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/emulator/cli.ts', '--port', String(port), '--data', path.join(demoDir, 'emulator-data')],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(() => child.kill('SIGTERM'));
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Fabric emulator listening on (http\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`The emulator exited (${code}):\n${out}`)));
  });
}

async function main() {
  console.log('Building and packaging the extension…');
  const vsix = packageVsix(root);
  const emulatorUrl = await startEmulator(await freePort());
  console.log(`Local Fabric emulator: ${emulatorUrl} (data in ${path.join(demoDir, 'emulator-data')})`);
  const settings = {
    'fabricWorkbench.emulator.url': emulatorUrl,
    'fabricWorkbench.emulator.connectOnStartup': true,
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
  };
  const folder = path.join(demoDir, 'project');
  fs.mkdirSync(folder, { recursive: true });

  if (desktop) {
    const userDataDir = path.join(demoDir, 'desktop-user-data');
    const extensionsDir = path.join(demoDir, 'desktop-extensions');
    writeUserSettings(userDataDir, settings);
    execFileSync('code', ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { stdio: 'inherit' });
    const code = spawn('code', ['--wait', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder], { stdio: 'inherit' });
    children.push(() => code.kill('SIGTERM'));
    console.log('VS Code is open with Fabric Workbench. Close it or press Ctrl+C to stop the emulator.');
    code.once('exit', () => shutdown());
    return;
  }

  console.log('Preparing VS Code (code-server)…');
  const cache = ensureCodeServer();
  const userDataDir = path.join(demoDir, 'user-data');
  const extensionsDir = path.join(demoDir, 'extensions');
  writeUserSettings(userDataDir, settings);
  installExtension(cache, extensionsDir, userDataDir, vsix);
  const port = Number(process.env.PORT) || (await freePort());
  const server = await startCodeServer({ cache, extensionsDir, userDataDir, folder, port });
  children.push(() => server.stop());
  console.log('');
  console.log(`Fabric Workbench is ready. Open ${server.folderUrl}`);
  console.log('Click the Fabric icon in the activity bar to browse the sample workspace. Ctrl+C stops everything.');
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const stop of children.reverse()) await stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

main().catch(async (err) => {
  console.error(err.message ?? err);
  await shutdown();
  process.exit(1);
});
