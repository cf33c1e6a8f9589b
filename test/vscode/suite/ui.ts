// A person's keystrokes and clicks for the vscode-tier suites: written as a request file that the
// test runner (scripts/test-vscode.mjs) plays in the page with Playwright; resolves when played.
// Use it for the UI the extension host holds no object of: `showQuickPick`/`showInputBox` prompts
// (the sign-in wizard), modal dialogs (an authentication provider's Allow) and notifications' buttons. Quick inputs the
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
  /** Click a button of the notification toast that shows this text. */
  notificationButton?: { message: string; button: string };
  /** Answer with the messages the notification center lists (show it first: `notifications.showList`). */
  readNotifications?: boolean;
}

export interface UiResult {
  /** With `readNotifications`: each notification's message. */
  notifications?: string[];
  /** With `readDialog`: the modal dialog's text. */
  dialogText?: string;
}

let sequence = 0;

/** Plays `request`; resolves with what it asked to read (the dialog's text, the notifications). */
export async function ui(request: UiRequest): Promise<UiResult> {
  const dir = process.env.FWB_UI_DIR;
  if (!dir)
    throw new Error(
      "This test plays keystrokes in VS Code's own dialogs, which only the code-server runner can: run it with npm run test:vscode (without --desktop).",
    );
  const id = `${String(++sequence).padStart(4, '0')}-${process.pid}`;
  const done = path.join(dir, `${id}.done.json`);
  fs.writeFileSync(path.join(dir, `${id}.tmp`), JSON.stringify(request));
  fs.renameSync(path.join(dir, `${id}.tmp`), path.join(dir, `${id}.request.json`));
  await waitFor(() => fs.existsSync(done), `the test runner plays ${JSON.stringify(request)}`, 120_000);
  const { error, notifications, dialogText } = JSON.parse(fs.readFileSync(done, 'utf8')) as { error?: string } & UiResult;
  fs.rmSync(done);
  if (error) throw new Error(`Playing ${JSON.stringify(request)} failed: ${error}`);
  return { notifications, dialogText };
}
