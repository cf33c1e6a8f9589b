// The UI boundary of the multi-step wizards: the VS Code layer implements it over quick inputs with
// Back buttons and step counts (src/vscode/common/quickInputStepPrompter.ts); unit tests script it.
// No `vscode` here. A dismissed prompt rejects with the implementation's cancel error.

/** Returned by a step when the user pressed the Back button. */
export const BACK: unique symbol = Symbol('back');
export type Back = typeof BACK;

export interface StepInfo {
  title: string;
  /** 1-based; omitted for a free-standing prompt. */
  step?: number;
  totalSteps?: number;
  /** Shows a Back button (every step after the first). */
  canGoBack?: boolean;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface PickOptions<T> extends StepInfo {
  placeholder: string;
  items: PickItem<T>[];
  /** Later pages: each is every item so far, shown in place of `items` as it arrives (busy until the last). */
  more?: AsyncIterable<PickItem<T>[]>;
  /** The item the selection starts on. */
  activeValue?: T;
}

export interface InputOptions extends StepInfo {
  placeholder?: string;
  prompt: string;
  value?: string;
  /** Checked as the user types: a message blocks acceptance, `undefined` accepts. */
  validate?(value: string): string | undefined;
}

export interface StepPrompter {
  /** Resolves the picked item's value, or BACK; rejects when dismissed (Escape). */
  pick<T>(options: PickOptions<T>): Promise<T | Back>;
  /** Resolves the accepted text, or BACK; rejects when dismissed (Escape). */
  input(options: InputOptions): Promise<string | Back>;
}
