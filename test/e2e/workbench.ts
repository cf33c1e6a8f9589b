// A real VS Code (code-server) with the packaged extension installed, driven by headless Chromium
// through playwright-core, as a person would: clicks, the command palette, screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
// The harness helpers are plain ESM shared with the scripts.
import { ensureCodeServer, installExtension, makeTempDir, startCodeServer, writeUserSettings } from '../../scripts/lib/code-server.mjs';
import { launchChromium } from '../../scripts/lib/chromium.mjs';

const root = path.resolve(__dirname, '../..');
export const RESULTS_DIR = path.join(root, 'test-results');

export interface Workbench {
  page: Page;
  folder: string;
  screenshot(name: string): Promise<string>;
  runCommand(title: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  settings?: Record<string, unknown>;
  /** Files to create in the opened folder, relative path → content. */
  files?: Record<string, string>;
}

function vsixPath(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(root, `${name}-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (npm run test:e2e does).`);
  return vsix;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const cache = ensureCodeServer();
  const work = makeTempDir('fwb-e2e-');
  const extensionsDir = path.join(work, 'extensions');
  const userDataDir = path.join(work, 'user-data');
  const folder = path.join(work, 'project');
  fs.mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), content);
  }
  writeUserSettings(userDataDir, {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'chat.disableAIFeatures': true,
    'workbench.colorTheme': 'Default Light Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...options.settings,
  });
  installExtension(cache, extensionsDir, userDataDir, vsixPath());
  const server = await startCodeServer({ cache, extensionsDir, userDataDir, folder });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.folderUrl, { timeout: 120_000 }); // a first load on a busy machine can take a while
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar').waitFor({ timeout: 60_000 });
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const opened = browser;
    return {
      page,
      folder,
      async screenshot(name) {
        const file = path.join(RESULTS_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async runCommand(title) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible' });
        await input.fill(`>${title}`);
        const item = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await item.waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.press('Enter');
      },
      async close() {
        await opened.close();
        await server.stop();
        fs.rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}
