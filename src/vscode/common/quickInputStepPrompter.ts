// StepPrompter (src/jobs/StepPrompter.ts) over VS Code's quick input, after the multiStepInput
// pattern of vscode-extension-samples' quickinput-sample: each prompt shows the wizard's title,
// step/totalSteps and a Back button after the first step; an input box checks the value as the user
// types; Escape rejects with UserCancelled (silent in registerSafeCommand); listeners are disposed
// in `finally`.
import * as vscode from 'vscode';
import { describeError } from '../../explorer/explorerClient';
import { BACK, type Back, type InputOptions, type PickItem, type PickOptions, type StepPrompter } from '../../jobs/StepPrompter';
import { UserCancelled } from './safeCommand';

interface ValueItem<T> extends vscode.QuickPickItem {
  value: T;
}

let shown: vscode.QuickPick<ValueItem<unknown>> | vscode.InputBox | undefined;

/** Test-only: the quick input on screen, so a vscode-tier test can type into it and accept it. */
export function currentStepInput(): vscode.QuickPick<ValueItem<unknown>> | vscode.InputBox | undefined {
  return shown;
}

export const quickInputStepPrompter: StepPrompter = {
  pick<T>(options: PickOptions<T>): Promise<T | Back> {
    const pick = vscode.window.createQuickPick<ValueItem<T>>();
    const toItems = (values: PickItem<T>[]) => values.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value }));
    const items = toItems(options.items);
    Object.assign(pick, stepFields(options), { placeholder: options.placeholder, items, matchOnDescription: true });
    const active = items.find((i) => i.value === options.activeValue);
    if (active) pick.activeItems = [active];
    if (options.more) void showMore(pick, options.more, toItems);
    return show(pick, (resolve) => [
      pick.onDidAccept(() => {
        const [selected] = pick.selectedItems;
        if (selected) resolve(selected.value);
      }),
    ]);
  },

  input(options: InputOptions): Promise<string | Back> {
    const box = vscode.window.createInputBox();
    Object.assign(box, stepFields(options), { prompt: options.prompt, placeholder: options.placeholder, value: options.value ?? '' });
    const check = (value: string) => (box.validationMessage = options.validate?.(value));
    check(box.value);
    return show(box, (resolve) => [
      box.onDidChangeValue(check),
      box.onDidAccept(() => {
        if (!check(box.value)) resolve(box.value);
      }),
    ]);
  },
};

/** Puts each later page in the pick, keeping the item the user is on; a failed page ends the loading and says why. */
async function showMore<T>(pick: vscode.QuickPick<ValueItem<T>>, more: AsyncIterable<PickItem<T>[]>, toItems: (values: PickItem<T>[]) => ValueItem<T>[]): Promise<void> {
  let closed = false;
  const subscription = pick.onDidHide(() => (closed = true));
  pick.busy = true;
  try {
    for await (const values of more) {
      if (closed) break;
      const [current] = pick.activeItems;
      const items = toItems(values);
      pick.items = items;
      const same = current && items.find((i) => i.value === current.value);
      if (same) pick.activeItems = [same];
    }
  } catch (error) {
    pick.placeholder = vscode.l10n.t('Not every page could be read: {0}', describeError(error));
  } finally {
    pick.busy = false;
    subscription.dispose();
  }
}

function stepFields(options: PickOptions<unknown> | InputOptions): Partial<vscode.QuickInput> & { buttons: vscode.QuickInputButton[] } {
  return {
    title: options.title,
    step: options.step,
    totalSteps: options.totalSteps,
    ignoreFocusOut: true,
    buttons: options.canGoBack ? [vscode.QuickInputButtons.Back] : [],
  };
}

/** Shows the input until it resolves a value, Back is pressed, or it is hidden (cancel). */
function show<R>(input: vscode.QuickPick<ValueItem<unknown>> | vscode.InputBox, listen: (resolve: (value: R) => void) => vscode.Disposable[]): Promise<R | Back> {
  const disposables: vscode.Disposable[] = [];
  return new Promise<R | Back>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    disposables.push(
      ...listen((value) => settle(() => resolve(value))),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) settle(() => resolve(BACK));
      }),
      input.onDidHide(() => settle(() => reject(new UserCancelled()))),
    );
    input.show();
    shown = input;
  }).finally(() => {
    if (shown === input) shown = undefined;
    for (const d of disposables) d.dispose();
    input.dispose();
  });
}
