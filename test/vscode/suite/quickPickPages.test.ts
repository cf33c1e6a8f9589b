// The step prompter's quick pick while later pages land (src/vscode/common/activeItemKeeper.ts):
// the user's key press in the workbench and a page from the extension host cross each other, and
// Enter must still pick the item the user moved to. The pages come from a source the test releases.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PickItem } from '../../../src/base/prompter';
import { currentStepInput, quickInputPrompter } from '../../../src/vscode/common/quickInputPrompter';
import { waitFor } from './support/wait';

const picks = (...labels: string[]): PickItem<string>[] => labels.map((label) => ({ label, value: label }));

describe('Quick pick: pages landing while the user moves', function () {
  this.timeout(30_000);

  it('Enter picks the item the user moved to while a page was landing', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    async function* more() {
      await released;
      yield picks('Alpha', 'Beta', 'Gamma', 'Delta');
    }
    const picked = quickInputPrompter.pick({ title: 'Pages', placeholder: 'Pick', items: picks('Alpha', 'Beta', 'Gamma'), more: more() });
    const pick = await waitFor(() => {
      const input = currentStepInput();
      return input && 'items' in input && input.items.length === 3 ? input : undefined;
    }, 'the quick pick shows the first page');
    // The move is sent to the workbench first; the page follows before the move's report comes back.
    const move = vscode.commands.executeCommand('quickInput.next');
    release();
    await move;
    await waitFor(() => pick.items.length === 4 && !pick.busy, 'the page landed');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await picked, 'Beta');
  });

  it('Enter picks the item the user moved to after the pages landed', async () => {
    async function* more() {
      yield picks('Alpha', 'Beta', 'Gamma', 'Delta');
    }
    const picked = quickInputPrompter.pick({ title: 'Pages', placeholder: 'Pick', items: picks('Alpha', 'Beta', 'Gamma'), more: more() });
    const pick = await waitFor(() => {
      const input = currentStepInput();
      return input && 'items' in input && input.items.length === 4 && !input.busy ? input : undefined;
    }, 'the quick pick has every page');
    await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('quickInput.next');
    await waitFor(() => pick.activeItems[0]?.label === 'Gamma', 'the workbench reports the move');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await picked, 'Gamma');
  });
});
