// The Prompter (src/base/prompter.ts) over VS Code's quick input and dialogs, after the
// multiStepInput pattern of vscode-extension-samples' quickinput-sample: each prompt shows the
// wizard's title, step/totalSteps and a Back button after the first step; an input box checks the
// value as the user types and on Enter; Escape rejects with UserCancelled (silent in registerSafeCommand);
// listeners are disposed in `finally`.
import * as vscode from 'vscode';
import { describeError } from '../../fabric/errors';
import { ActiveItemKeeper, type ValueItem } from './activeItemKeeper';
import { BACK, UserCancelled, type Back, type InputOptions, type PickItem, type PickOptions, type Prompter } from '../../base/prompter';

let shown: vscode.QuickPick<ValueItem<unknown>> | vscode.InputBox | undefined;

/** Test-only: the quick input on screen, so a vscode-tier test can type into it and accept it. */
export function currentStepInput(): vscode.QuickPick<ValueItem<unknown>> | vscode.InputBox | undefined {
  return shown;
}

export const quickInputPrompter: Prompter = {
  pick<T>(options: PickOptions<T>): Promise<T | Back> {
    const pick = vscode.window.createQuickPick<ValueItem<T>>();
    Object.assign(pick, stepFields(options), { placeholder: options.placeholder, matchOnDescription: true });
    const keeper = new ActiveItemKeeper(pick, options.activeValue);
    const setItems = (items: readonly PickItem<T>[]) => {
      keeper.setItems(valueItems(items));
      pick.busy = false;
    };
    const { items } = options;
    if (items instanceof Promise) pick.busy = true;
    else setItems(items);
    if (options.more) void showMore(pick, keeper, options.more);
    return show(pick, (resolve, reject) => {
      if (items instanceof Promise) void items.then(setItems, reject);
      return [
        keeper,
        pick.onDidAccept(() => {
          const accepted = keeper.accepted();
          if (accepted) resolve(accepted.value);
        }),
      ];
    });
  },

  input(options: InputOptions): Promise<string | Back> {
    const box = vscode.window.createInputBox();
    Object.assign(box, stepFields(options), {
      prompt: options.prompt,
      placeholder: options.placeholder,
      value: options.value ?? '',
      password: options.password ?? false,
    });
    const check = (value: string) => (box.validationMessage = options.validate?.(value));
    // A value given in advance is checked at once; an empty box only once the user types or presses
    // Enter, since the message would stand in place of the prompt that says what to type.
    if (box.value) check(box.value);
    return show(box, (resolve) => [
      box.onDidChangeValue(check),
      box.onDidAccept(() => {
        if (!check(box.value)) resolve(box.value);
      }),
    ]);
  },

  async confirm(message, options, ...actions) {
    const choice = await vscode.window.showWarningMessage(message, options, ...actions);
    if (choice === undefined) throw new UserCancelled();
    return choice;
  },

  async openDialog(options) {
    const chosen = await vscode.window.showOpenDialog(options);
    if (!chosen?.length) throw new UserCancelled();
    return chosen;
  },
};

/** Puts each later page in the pick, keeping the item the user is on; a failed page ends the loading and says why. */
async function showMore<T>(pick: vscode.QuickPick<ValueItem<T>>, keeper: ActiveItemKeeper<T>, more: AsyncIterable<readonly PickItem<T>[]>): Promise<void> {
  let closed = false;
  const subscription = pick.onDidHide(() => (closed = true));
  pick.busy = true;
  try {
    for await (const values of more) {
      if (closed) break;
      keeper.setItems(valueItems(values));
    }
  } catch (error) {
    pick.placeholder = vscode.l10n.t('Not every page could be read: {0}', describeError(error));
  } finally {
    pick.busy = false;
    subscription.dispose();
  }
}

function valueItems<T>(items: readonly PickItem<T>[]): ValueItem<T>[] {
  return items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value }));
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
function show<R>(
  input: vscode.QuickPick<ValueItem<unknown>> | vscode.InputBox,
  listen: (resolve: (value: R) => void, reject: (error: unknown) => void) => vscode.Disposable[],
): Promise<R | Back> {
  const disposables: vscode.Disposable[] = [];
  return new Promise<R | Back>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    disposables.push(
      ...listen(
        (value) => settle(() => resolve(value)),
        (error) => settle(() => reject(error)),
      ),
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
