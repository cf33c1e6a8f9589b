// A StepPrompter that plays a script: each prompt takes the next answer, which sees the prompt's
// options (so tests check titles, steps and the live validation) and returns what the user did.
import type { InputOptions, PickOptions, StepPrompter } from '../../../src/jobs/StepPrompter';
import { BACK } from '../../../src/jobs/StepPrompter';

export type Answer =
  | { pick: (options: PickOptions<unknown>) => unknown }
  | { input: (options: InputOptions) => string | typeof BACK };

export class ScriptedPrompter implements StepPrompter {
  readonly seen: (PickOptions<unknown> | InputOptions)[] = [];
  constructor(private readonly script: Answer[]) {}

  async pick<T>(options: PickOptions<T>): Promise<T | typeof BACK> {
    this.seen.push(options as PickOptions<unknown>);
    const answer = this.next();
    if (!('pick' in answer)) throw new Error(`expected an input, got a pick: ${options.placeholder}`);
    return answer.pick(options as PickOptions<unknown>) as T | typeof BACK;
  }

  async input(options: InputOptions): Promise<string | typeof BACK> {
    this.seen.push(options);
    const answer = this.next();
    if (!('input' in answer)) throw new Error(`expected a pick, got an input: ${options.prompt}`);
    const value = answer.input(options);
    if (value !== BACK && options.validate?.(value)) throw new Error(`the input would refuse "${value}": ${options.validate(value)}`);
    return value;
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
