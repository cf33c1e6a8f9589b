// A Prompter that plays a script: each prompt takes the next answer, which sees the prompt's
// options (so tests check titles, steps and the live validation) and returns what the user did.
import type { InputOptions, PickItem, PickOptions, Prompter } from '../../../src/base/prompter';
import { BACK } from '../../../src/base/prompter';

/** A pick as the user sees it: its items arrived. */
export type ShownPick = PickOptions<unknown> & { items: readonly PickItem<unknown>[] };

export type Answer = { pick: (options: ShownPick) => unknown } | { input: (options: InputOptions) => string | typeof BACK };

export class ScriptedPrompter implements Prompter {
  readonly seen: (ShownPick | InputOptions)[] = [];
  constructor(private readonly script: Answer[]) {}

  async pick<T>(options: PickOptions<T>): Promise<T | typeof BACK> {
    const shown = { ...options, items: await options.items } as ShownPick;
    this.seen.push(shown);
    const answer = this.next();
    if (!('pick' in answer)) throw new Error(`expected an input, got a pick: ${options.placeholder}`);
    return answer.pick(shown) as T | typeof BACK;
  }

  async input(options: InputOptions): Promise<string | typeof BACK> {
    this.seen.push(options);
    const answer = this.next();
    if (!('input' in answer)) throw new Error(`expected a pick, got an input: ${options.prompt}`);
    const value = answer.input(options);
    if (value !== BACK && options.validate?.(value)) throw new Error(`the input would refuse "${value}": ${options.validate(value)}`);
    return value;
  }

  async confirm(message: string): Promise<string> {
    throw new Error(`the script has no answer for a confirmation: ${message}`);
  }

  async openDialog(): Promise<never> {
    throw new Error('the script has no answer for an open dialog');
  }

  get done(): boolean {
    return this.script.length === 0;
  }

  private next(): Answer {
    const answer = this.script.shift();
    if (!answer) throw new Error('the script ran out of answers');
    return answer;
  }
}

/** Picks the item whose label contains `text`. */
export function pickLabel(text: string): Answer {
  return {
    pick: (o) => {
      const item = o.items.find((i) => i.label.includes(text));
      if (!item) throw new Error(`no item "${text}" in ${o.items.map((i) => i.label).join(' | ')}`);
      return item.value;
    },
  };
}

export function type(text: string): Answer {
  return { input: () => text };
}

export const back: Answer = { pick: () => BACK };
