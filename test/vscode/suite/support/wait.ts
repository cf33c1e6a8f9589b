// Synchronisation for the vscode-tier suites: wait for a condition (a tree node, a quick pick's
// items, a REST state), never for a fixed time; pick quick-pick items by label, never by arrow keys.
// `pickByLabel`/`enterText` need the QuickPick or InputBox object, so they serve the quick inputs
// the extension creates (the step prompter's `currentStepInput`); prompts shown through
// `showQuickPick`/`showInputBox` and modal dialogs have no such object: ../ui.ts plays keystrokes there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../../support/waitFor';

export { waitFor } from '../../../support/waitFor';

type ShownInput = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

/**
 * Picks the item labelled `label` (codicons such as `$(file) ` ignored) in VS Code's real quick
 * input, as shown by `current()`: waits until it offers the item and has read all its pages, makes it active, lets the update
 * reach the workbench (ordered after it on the same channel), accepts, then checks that the
 * workbench accepted that very item.
 */
export async function pickByLabel(current: () => ShownInput | undefined, label: string): Promise<void> {
  const plain = (text: string) => text.replace(/\$\([^)]*\)\s*/g, '').trim();
  const pick = await waitFor(() => {
    const input = current();
    // Not while pages still arrive: a page that lands between making the item active and accepting
    // can put the workbench back on the item it had.
    return input && 'items' in input && !input.busy && input.items.some((i) => plain(i.label) === label) ? input : undefined;
  }, `a quick pick offers "${label}" and has all its pages`);
  const item = pick.items.find((i) => plain(i.label) === label)!;
  pick.activeItems = [item];
  // The quick input sends its changes on the next tick; the accept command must follow them.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  await waitFor(() => current() !== pick || pick.selectedItems.length > 0, `"${label}" is accepted`);
  assert.equal(plain(pick.selectedItems[0]?.label ?? label), label, `the workbench accepted "${label}"`);
}

/** Types `value` into the input box `current()` shows and accepts it; returns the validation message shown, if it stayed open. */
export async function enterText(current: () => ShownInput | undefined, value: string): Promise<string | undefined> {
  const box = await waitFor(() => {
    const input = current();
    return input && !('items' in input) ? input : undefined;
  }, 'an input box');
  box.value = value;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  // The accept comes back to this host as an event: the box is gone (accepted) or says why not.
  await waitFor(() => current() !== box || box.validationMessage, 'the input box takes the value or says why not');
  const message = current() === box ? box.validationMessage : undefined;
  return typeof message === 'string' ? message : message?.message;
}
