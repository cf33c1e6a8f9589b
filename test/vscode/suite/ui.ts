// A person's keystrokes and clicks for the vscode-tier suites: written as a request file that the
// test runner (scripts/test-vscode.mjs) plays in the page with Playwright; resolves when played.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface UiRequest {
  /** Wait until the quick input shows this text (its title, a prompt, an item). */
  quickInputShows?: string;
  /** Typed into whatever has the focus. */
  type?: string;
  /** A key, as Playwright names it: 'Enter', 'Escape'. */
  press?: string;
  /** Click this button of the modal dialog. */
  dialogButton?: string;
}

let sequence = 0;

export async function ui(request: UiRequest): Promise<void> {
  const dir = process.env.FWB_UI_DIR;
  if (!dir) throw new Error('FWB_UI_DIR is not set: run the suites with npm run test:vscode.');
  const id = `${String(++sequence).padStart(4, '0')}-${process.pid}`;
  const done = path.join(dir, `${id}.done.json`);
  fs.writeFileSync(path.join(dir, `${id}.tmp`), JSON.stringify(request));
  fs.renameSync(path.join(dir, `${id}.tmp`), path.join(dir, `${id}.request.json`));
  const deadline = Date.now() + 120_000;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`The test runner did not play ${JSON.stringify(request)} within 120 s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { error } = JSON.parse(fs.readFileSync(done, 'utf8')) as { error?: string };
  fs.rmSync(done);
  if (error) throw new Error(`Playing ${JSON.stringify(request)} failed: ${error}`);
}
