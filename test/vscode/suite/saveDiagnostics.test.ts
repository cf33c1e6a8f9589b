// The problems of a refused save are checked again as the file is edited: once the edits pause
// (not at every keystroke), and a check that ends after a newer one never brings back its result.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PartProblem } from '../../../src/workspace/partValidation';
import { SaveDiagnostics } from '../../../src/vscode/files/SaveDiagnostics';
import { waitFor } from './support/wait';

describe('Save diagnostics: rechecked as the file is edited', function () {
  this.timeout(60_000);
  const checks: { text: string; answer: (problems: PartProblem[]) => void }[] = [];
  let diagnostics: SaveDiagnostics;
  let document: vscode.TextDocument;

  const problem = (message: string): PartProblem[] => [{ line: 0, column: 0, message }];
  const shown = () =>
    diagnostics
      .get(document.uri)
      .map((d) => d.message)
      .join();
  const checkOf = (text: string) => waitFor(() => checks.find((c) => c.text === text), `"${text}" is checked`);
  async function type(text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }

  before(async () => {
    // A pause much longer than the test's own edits take, so a burst is one burst on a busy machine.
    diagnostics = new SaveDiagnostics((_uri, content) => new Promise((answer) => checks.push({ text: Buffer.from(content).toString('utf8'), answer })), 1000);
    document = await vscode.workspace.openTextDocument({ content: 'as saved' });
    diagnostics.set(document.uri, problem('refused at save'));
  });

  after(async () => {
    diagnostics.dispose();
    // Discards the untitled text (closing it dirty would ask whether to save).
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('checks a burst of edits once, on the final text', async () => {
    const edits = 20;
    for (let n = 1; n <= edits; n++) await type(`typing ${n}`);
    const check = await checkOf(`typing ${edits}`);
    assert.ok(checks.length < edits, `${checks.length} checks for ${edits} edits`);
    check.answer(problem('still wrong'));
    await waitFor(() => shown() === 'still wrong', "the final check's problem is shown");
  });

  it('never lets an older check that ends last overwrite a newer one', async () => {
    await type('older');
    const older = await checkOf('older');
    await type('newer');
    const newer = await checkOf('newer');
    newer.answer(problem('newer problem'));
    await waitFor(() => shown() === 'newer problem', "the newer check's problem is shown");
    older.answer(problem('older problem'));
    await new Promise((resolve) => setImmediate(resolve)); // lets the older check's answer be handled
    assert.equal(shown(), 'newer problem');
  });
});
