// A thin interface over the window's prompts so commands and wizards can be driven by tests
// (replace `windowPrompter` with a scripted one) without a human at the quick input.
import * as vscode from 'vscode';

export interface Prompter {
  pick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options: vscode.QuickPickOptions): Thenable<T | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A warning with actions; returns the action chosen (undefined when dismissed). */
  confirm(message: string, options: vscode.MessageOptions, ...actions: string[]): Thenable<string | undefined>;
  openDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
}

export const windowPrompter: Prompter = {
  pick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options: vscode.QuickPickOptions) {
    return vscode.window.showQuickPick(items, options);
  },
  input: (options) => vscode.window.showInputBox(options),
  confirm: (message, options, ...actions) => vscode.window.showWarningMessage(message, options, ...actions),
  openDialog: (options) => vscode.window.showOpenDialog(options),
};
