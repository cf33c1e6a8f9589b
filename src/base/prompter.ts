// The one prompter: every question the extension asks (quick picks, input boxes, confirmations,
// the open dialog) goes through this interface, so wizards and commands run in tests with a
// scripted prompter and no human. No `vscode` here: the VS Code layer implements it over quick
// inputs with Back buttons and step counts (src/vscode/common/quickInputPrompter.ts).
// A dismissed prompt (Escape, a dialog's Cancel) rejects with UserCancelled, which commands let
// pass silently; a step with a Back button resolves BACK when it is pressed.
import type { URI } from 'vscode-uri';

/** Returned by a step when the user pressed the Back button. From the global registry, so a copy from another bundle (the tests') is the same symbol. */
export const BACK: unique symbol = Symbol.for('fabricWorkbench.back');
export type Back = typeof BACK;

/** Rejected with when the user dismissed a prompt: nothing to report. Recognised by name, so a copy from another bundle (the tests') counts too. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'UserCancelled';
  }
}

export function isUserCancelled(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'UserCancelled';
}

export interface StepInfo {
  title: string;
  /** 1-based; omitted for a free-standing prompt. Computed by WizardSteps, never written as a literal. */
  step?: number;
  totalSteps?: number;
  /** Shows a Back button (every step after the first). */
  canGoBack?: boolean;
}

export interface PickItem<T> {
  /** May start with a `$(codicon)`. */
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface PickOptions<T> extends StepInfo {
  placeholder: string;
  /** A promise shows the pick busy until the items arrive. */
  items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
  /** Later pages: each is every item so far, shown in place of `items` as it arrives (busy until the last). */
  more?: AsyncIterable<readonly PickItem<T>[]>;
  /** The item the selection starts on. */
  activeValue?: T;
}

export interface InputOptions extends StepInfo {
  placeholder?: string;
  prompt: string;
  value?: string;
  /** Hides what is typed (secrets). */
  password?: boolean;
  /** Checked as the user types: a message blocks acceptance, `undefined` accepts. */
  validate?(value: string): string | undefined;
}

export interface ConfirmOptions {
  /** A modal dialog (with its own Cancel) rather than a notification. */
  modal?: boolean;
  detail?: string;
}

export interface OpenDialogOptions {
  title?: string;
  openLabel?: string;
  canSelectFiles?: boolean;
  canSelectFolders?: boolean;
  canSelectMany?: boolean;
  /** Label → file extensions without the dot. */
  filters?: Record<string, string[]>;
}

export interface Prompter {
  /** Resolves the picked item's value, or BACK. */
  pick<T>(options: PickOptions<T>): Promise<T | Back>;
  /** Resolves the accepted text, or BACK. */
  input(options: InputOptions): Promise<string | Back>;
  /** A warning with actions; resolves the action chosen. */
  confirm(message: string, options: ConfirmOptions, ...actions: string[]): Promise<string>;
  /** Resolves the files or folders chosen (at least one). */
  openDialog(options: OpenDialogOptions): Promise<URI[]>;
}

/** The answer of a prompt shown without a Back button (BACK cannot arrive; if it did, it would cancel). */
export async function answerOf<T>(prompt: Promise<T | Back>): Promise<T> {
  const answer = await prompt;
  if (answer === BACK) throw new UserCancelled();
  return answer;
}
