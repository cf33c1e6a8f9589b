// `npm run test:vscode -- --desktop`: the vscode-tier suites in a desktop VS Code, run by
// @vscode/test-electron (the ecosystem's standard runner), which downloads the VS Code to run
// (into ~/.cache/fabric-workbench/vscode-desktop) unless FWB_VSCODE_EXECUTABLE names an installed
// one. code-server stays the default and CI's path: these machines cannot download VS Code.
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

export const DESKTOP_FLAG = '--desktop';

/** The arguments after `npm run test:vscode --`: only `--desktop` is understood. */
export function parseArgs(args) {
  const unknown = args.filter((a) => a !== DESKTOP_FLAG);
  if (unknown.length) throw new Error(`Unknown argument ${unknown.join(' ')}: the only one is ${DESKTOP_FLAG} (FWB_GREP=pattern selects tests).`);
  return { desktop: args.includes(DESKTOP_FLAG) };
}

/** What to tell a contributor whose machine cannot get a desktop VS Code. */
export function desktopUnavailableMessage(reason) {
  return [
    `${DESKTOP_FLAG}: no desktop VS Code to run the suites in. @vscode/test-electron could not download one (${reason}).`,
    'Connect to the internet (it downloads from update.code.visualstudio.com, through npm_config_proxy when set),',
    'or set FWB_VSCODE_EXECUTABLE to an installed VS Code executable,',
    `or run without ${DESKTOP_FLAG}: the suites then run in code-server, as CI does.`,
  ].join('\n');
}

/** The desktop VS Code executable: FWB_VSCODE_EXECUTABLE, else downloaded (cached). Throws the message above when that fails. */
export async function desktopVSCode() {
  if (process.env.FWB_VSCODE_EXECUTABLE) return process.env.FWB_VSCODE_EXECUTABLE;
  const cachePath = process.env.FWB_VSCODE_DESKTOP_CACHE ?? path.join(os.homedir(), '.cache', 'fabric-workbench', 'vscode-desktop');
  try {
    return await downloadAndUnzipVSCode({ version: process.env.FWB_VSCODE_VERSION ?? 'stable', cachePath, timeout: 15_000 });
  } catch (error) {
    throw new Error(desktopUnavailableMessage(error instanceof Error ? `${error.message}${error.code ? ` (${error.code})` : ''}` : String(error)), {
      cause: error,
    });
  }
}

/** Runs the suites; resolves the exit code (the runner's desktop.js rejects when a test fails). */
export async function runDesktopSuites({ executable, root, runnerDir, workspaceFile, userDataDir, extensionsDir, env }) {
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: [root, runnerDir],
      extensionTestsPath: path.join(runnerDir, 'desktop.js'),
      launchArgs: [
        workspaceFile,
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${extensionsDir}`,
        '--disable-extension=vscode.microsoft-authentication',
        '--disable-workspace-trust',
      ],
      extensionTestsEnv: env,
    });
    return 0;
  } catch (error) {
    console.error(String(error));
    return 1;
  }
}
