// The vscode test tier: runs test/vscode/suite/*.test.ts inside a real VS Code extension host.
// `--desktop` runs them in a desktop VS Code through @vscode/test-electron (scripts/lib/
// desktop-vscode.mjs) where one can be downloaded; these machines have no internet, so by default
// (and in CI) the suites run in code-server: the packaged extension is installed beside a small
// test-runner extension, a headless Chromium opens the workbench (which starts the extension host),
// and the runner reports mocha's results through a file. Exit code 1 when any test fails.
// FWB_GREP=pattern runs a subset; FWB_VSCODE_USER_DATA=folder keeps VS Code's user data there.
// The host is started with FABRIC_WORKBENCH_TEST_API=1 (activate() returns the suites' API only
// then: src/vscode/common/testApi.ts) and trusts a local CA made here (NODE_EXTRA_CA_CERTS, read
// once at start), whose data folder FWB_TRUSTED_TLS_DIR names: an emulator a suite starts with
// `https: true` on a copy of it serves HTTPS the extension trusts (the local Entra sign-ins).
// Suites ask for a person's keystrokes and clicks through files in FWB_UI_DIR (test/vscode/suite/
// ui.ts): this script plays them in the page with Playwright, so real quick inputs and dialogs
// are driven as a user drives them. VS Code's own Microsoft sign-in is left out
// (VSCODE_SKIP_BUILTIN_EXTENSIONS): a suite stands in for it with the emulator's local Entra.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { tsImport } from 'tsx/esm/api';
import { ensureCodeServer, installExtension, registerCopiedExtension, makeTempDir, startCodeServer, writeUserSettings } from './lib/code-server.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { bundleSuites } from './lib/bundle-tests.mjs';
import { packageVsix } from './lib/package-vsix.mjs';
import { desktopVSCode, parseArgs, runDesktopSuites } from './lib/desktop-vscode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TIMEOUT_MS = Number(process.env.FWB_VSCODE_TIMEOUT_MS ?? 25 * 60_000);

async function main() {
  let desktop;
  try {
    ({ desktop } = parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  return desktop ? runOnDesktop() : runOnCodeServer();
}

async function runOnCodeServer() {
  const cache = ensureCodeServer();
  const vsix = packageVsix(root);
  const work = makeTempDir('fwb-vscode-');
  const host = await prepareHost(work);
  const { extensionsDir, userDataDir, workspaceFile } = host;
  installExtension(cache, extensionsDir, userDataDir, vsix);

  const runnerDir = path.join(extensionsDir, 'fabric-workbench.fabric-workbench-test-runner-0.0.1');
  const resultsFile = path.join(work, 'results.json');
  const progressFile = path.join(work, 'progress.log');
  fs.writeFileSync(progressFile, '');
  installRunner(runnerDir, { suites: host.suites, resultsFile, progressFile });
  registerCopiedExtension(extensionsDir, runnerDir);

  const uiDir = path.join(work, 'ui');
  fs.mkdirSync(uiDir);
  const env = { ...host.env, FWB_UI_DIR: uiDir, VSCODE_SKIP_BUILTIN_EXTENSIONS: 'vscode.microsoft-authentication' };
  const server = await startCodeServer({ cache, extensionsDir, userDataDir, folder: workspaceFile, env });
  const browser = await launchChromium();
  let exitCode = 1;
  try {
    // Copy Id's test reads the clipboard: granted up front, as a person's browser would ask.
    const page = await (await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
    // A loaded machine (CI, shared cores) can take more than Playwright's default 30 s.
    await page.goto(server.folderUrl, { timeout: 180_000 });
    let printed = 0;
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const progress = fs.readFileSync(progressFile, 'utf8');
      if (progress.length > printed) {
        process.stdout.write(progress.slice(printed));
        printed = progress.length;
      }
      if (fs.existsSync(resultsFile)) break;
      await playUiRequests(page, uiDir);
      if (Date.now() > deadline) {
        console.error(`The vscode suites did not finish within ${TIMEOUT_MS / 1000} s.`);
        console.error(server.output().slice(-4000));
        return 1;
      }
      await new Promise((r) => setTimeout(r, 50)); // a UI request waits at most this long to be played
    }
    const result = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    if (result.passed + result.failed === 0) {
      console.error('No vscode-tier test ran.');
      return 1;
    }
    exitCode = result.failed > 0 ? 1 : 0;
  } finally {
    await browser.close();
    await server.stop();
    keepOnFailure(work, exitCode);
  }
  return exitCode;
}

/**
 * The same suites in a desktop VS Code (@vscode/test-electron). The few that play a person's
 * keystrokes in VS Code's own dialogs (ui()) need code-server's page and fail here saying so.
 */
async function runOnDesktop() {
  let executable;
  try {
    executable = await desktopVSCode();
  } catch (error) {
    console.error(error.message);
    return 1;
  }
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const work = makeTempDir('fwb-vscode-desktop-');
  const host = await prepareHost(work);
  const runnerDir = path.join(work, 'runner');
  installRunner(runnerDir, { suites: host.suites, desktop: true });
  const exitCode = await runDesktopSuites({ executable, root, runnerDir, ...host });
  keepOnFailure(work, exitCode);
  return exitCode;
}

/**
 * What both hosts start with: the bundled suites, a user data folder with quiet settings, a saved
 * multi-root workspace, and the environment of the extension host.
 */
async function prepareHost(work) {
  const suites = await bundleSuites(root, path.join(work, 'suites'));
  const extensionsDir = path.join(work, 'extensions');
  // FWB_VSCODE_USER_DATA: a user data folder kept across runs (the benchmark's later starts, which
  // find what the first left in the extension's global storage: its code cache).
  const userDataDir = process.env.FWB_VSCODE_USER_DATA || path.join(work, 'user-data');
  const folder = path.join(work, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  writeUserSettings(userDataDir, {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    // No telemetry: its failed lookups on this offline machine surface as uncaught errors.
    'telemetry.telemetryLevel': 'off',
  });
  const trustedTlsDir = path.join(work, 'trusted-tls');
  const { ensureLocalCertificate } = await tsImport('../src/emulator/tls.ts', import.meta.url);
  const { caFile } = ensureLocalCertificate(trustedTlsDir);
  const env = { FABRIC_WORKBENCH_TEST_API: '1', NODE_EXTRA_CA_CERTS: caFile, FWB_TRUSTED_TLS_DIR: trustedTlsDir };
  // A saved multi-root workspace, so a test adding a folder (Open Workspace as Folder) does not
  // turn the window into a new workspace, which would restart the extension host mid-run.
  const workspaceFile = path.join(work, 'tests.code-workspace');
  fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: folder }] }));
  return { suites, extensionsDir, userDataDir, workspaceFile, env };
}

/** Copies the test-runner extension and tells it what to run (test/vscode/runner/suites.js). */
function installRunner(runnerDir, config) {
  fs.cpSync(path.join(root, 'test/vscode/runner'), runnerDir, { recursive: true });
  fs.writeFileSync(
    path.join(runnerDir, 'runner-config.json'),
    JSON.stringify({ mochaPath: require.resolve('mocha'), grep: process.env.FWB_GREP || undefined, ...config }),
  );
}

function keepOnFailure(work, exitCode) {
  if (exitCode === 0 && !process.env.FWB_KEEP) fs.rmSync(work, { recursive: true, force: true });
  else console.error(`Test folders kept in ${work}`);
}

/**
 * Plays the suites' UI requests (`<id>.request.json`, answered by `<id>.done.json`): wait until a
 * quick input shows a text, type, press a key, read a dialog's text, click a dialog's or a
 * notification's button, read the notifications' messages (those the notification center lists:
 * shown ones, toasts that hid, errors of saves).
 */
async function playUiRequests(page, dir) {
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.request.json'))
    .sort()) {
    const file = path.join(dir, name);
    const request = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file);
    let error;
    let notifications;
    let dialogText;
    try {
      if (request.quickInputShows)
        await page.locator('.quick-input-widget').getByText(request.quickInputShows).first().waitFor({ state: 'visible', timeout: 60_000 });
      if (request.type) await page.keyboard.type(request.type);
      if (request.press) await page.keyboard.press(request.press);
      if (request.readDialog) dialogText = await page.locator('.monaco-dialog-box').first().innerText({ timeout: 60_000 });
      if (request.dialogButton) await page.locator('.monaco-dialog-box').getByRole('button', { name: request.dialogButton }).click({ timeout: 60_000 });
      if (request.notificationButton) {
        const { message, button } = request.notificationButton;
        await page.locator('.notification-toast', { hasText: message }).getByRole('button', { name: button }).click({ timeout: 60_000 });
      }
      if (request.readNotifications) notifications = await page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
    } catch (e) {
      error = String(e);
    }
    // Renamed into place: the suite polls for the file and must never read it half-written.
    const done = file.replace(/\.request\.json$/, '.done.json');
    fs.writeFileSync(`${done}.tmp`, JSON.stringify({ error, notifications, dialogText }));
    fs.renameSync(`${done}.tmp`, done);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
