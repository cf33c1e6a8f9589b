// Starts a real VS Code (code-server) on 127.0.0.1 with its own user-data and extensions folders.
// Used by the vscode test tier, the e2e tier and the demo.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Installs code-server into the cache folder once and returns that folder.
 * @returns {string}
 */
export function ensureCodeServer() {
  const out = execFileSync('bash', [path.join(root, 'scripts/install-code-server.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return out.trim().split('\n').pop() ?? '';
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Installs a VSIX (or a gallery id) into an extensions folder. */
export function installExtension(cache, extensionsDir, userDataDir, vsixOrId) {
  execFileSync(
    path.join(cache, 'bin/code-server'),
    ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force', '--install-extension', vsixOrId],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * Lists an extension folder copied by hand in the extensions folder's extensions.json, where VS Code
 * looks for installed extensions (a folder alone is not picked up).
 */
export function registerCopiedExtension(extensionsDir, extensionDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  const registry = path.join(extensionsDir, 'extensions.json');
  const entries = fs.existsSync(registry) ? JSON.parse(fs.readFileSync(registry, 'utf8')) : [];
  const location = { $mid: 1, fsPath: extensionDir, external: `file://${extensionDir}`, path: extensionDir, scheme: 'file' };
  entries.push({
    identifier: { id: `${manifest.publisher}.${manifest.name}` },
    version: manifest.version,
    location,
    relativeLocation: path.basename(extensionDir),
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  });
  fs.writeFileSync(registry, JSON.stringify(entries));
}

/** Writes VS Code user settings for a user-data folder. */
export function writeUserSettings(userDataDir, settings) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * Starts code-server and resolves once it answers HTTP. `folder` (or a `.code-workspace` file) is opened in the workbench.
 * Returns { url, port, stop(), output() }.
 * @param {{ cache: string, extensionsDir: string, userDataDir: string, folder: string, port?: number,
 *   env?: Record<string, string>, log?: (text: string) => void }} options
 */
export async function startCodeServer({ cache, extensionsDir, userDataDir, folder, port, env = {}, log }) {
  port ??= await freePort();
  const configFile = path.join(userDataDir, 'code-server.yaml');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(configFile, 'auth: none\n');
  const args = [
    '--config',
    configFile,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--ignore-last-opened',
    folder,
  ];
  const child = spawn(path.join(cache, 'bin/code-server'), args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    if (log) log(String(chunk));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 5000).unref();
    });
  const query = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return { url, port, stop, output: () => output, folderUrl: `${url}/?${query}=${encodeURIComponent(folder)}` };
}
