// A person's keystrokes and clicks for the vscode-tier suites: written as a request file that the
// test runner (scripts/test-vscode.mjs) plays in the page with Playwright; resolves when played.
// Use it for the UI the extension host holds no object of: `showQuickPick`/`showInputBox` prompts
// (the sign-in wizard) and modal dialogs (an authentication provider's Allow). Quick inputs the
// extension creates itself are driven faster, in-process, by support/wait.ts `pickByLabel`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from './support/wait';

export interface UiRequest {
  /** Wait until the quick input shows this text (its title, a prompt, an item). */
  quickInputShows?: string;
  /** Typed into whatever has the focus. */
  type?: string;
  /** A key, as Playwright names it: 'Enter', 'Escape'. */
  press?: string;
  /** Read the modal dialog's text (ui() resolves with it), before any click. */
  readDialog?: boolean;
  /** Click this button of the modal dialog. */
  dialogButton?: string;
}

let sequence = 0;

/** Plays `request`; resolves with the modal dialog's text when `readDialog` asked for it. */
export async function ui(request: UiRequest): Promise<string | undefined> {
  const dir = process.env.FWB_UI_DIR;
  if (!dir) throw new Error('FWB_UI_DIR is not set: run the suites with npm run test:vscode.');
  const id = `${String(++sequence).padStart(4, '0')}-${process.pid}`;
  const done = path.join(dir, `${id}.done.json`);
  fs.writeFileSync(path.join(dir, `${id}.tmp`), JSON.stringify(request));
  fs.renameSync(path.join(dir, `${id}.tmp`), path.join(dir, `${id}.request.json`));
  await waitFor(() => fs.existsSync(done), `the test runner plays ${JSON.stringify(request)}`, 120_000);
  const { error, dialogText } = JSON.parse(fs.readFileSync(done, 'utf8')) as { error?: string; dialogText?: string };
  fs.rmSync(done);
  if (error) throw new Error(`Playing ${JSON.stringify(request)} failed: ${error}`);
  return dialogText;
}
