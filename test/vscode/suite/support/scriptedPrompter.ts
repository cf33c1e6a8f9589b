// The test prompter the Workspaces commands take through `explorer.setPrompter`: answers given in
// advance, in order; picks choose BY LABEL among the items the command really offers; each input
// box's checker is run on the values a test wants checked as a person would type them. An
// undefined answer dismisses the prompt, as Escape or a dialog's Cancel does; BACK presses the
// step's Back button (which it must have).
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { BACK, UserCancelled, type Back, type ConfirmOptions, type InputOptions, type PickOptions, type Prompter } from '../../../../src/base/prompter';

export type Answer =
  | { pick: string | Back | undefined }
  | { input: string | Back | undefined; typed?: string[] }
  | { confirm: string | undefined }
  | { folders: vscode.Uri[] | undefined };

export interface Asked {
  kind: 'pick' | 'input' | 'confirm' | 'folders';
  title?: string;
  message?: string;
  detail?: string;
  labels?: string[];
  /** `step/totalSteps` (`step/?` while the total is unknown) of a wizard's step. */
  step?: string;
  /** The input box's message for each value of `typed`. */
  checks?: (string | undefined)[];
}

const plain = (label: string) => label.replace(/\$\([^)]*\)\s*/g, '').trim();

export class ScriptedPrompter implements Prompter {
  private answers: Answer[] = [];
  readonly asked: Asked[] = [];

  /** Answers for the next prompts, in order; a prompt with no answer left fails the test. */
  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  /** The answers no prompt asked for (emptied). */
  takeUnused(): Answer[] {
    return this.answers.splice(0);
  }

  async pick<T>(options: PickOptions<T>): Promise<T | Back> {
    const answer = this.next('pick');
    const offered = await options.items;
    this.asked.push({ kind: 'pick', title: options.title, step: stepOf(options), labels: offered.map((i) => plain(i.label)) });
    if (answer.pick === undefined) throw new UserCancelled();
    if (answer.pick === BACK) return back(options);
    const chosen = offered.find((i) => plain(i.label) === answer.pick);
    assert.ok(chosen, `"${answer.pick}" is offered among ${offered.map((i) => plain(i.label)).join(', ')}`);
    return chosen.value;
  }

  async input(options: InputOptions): Promise<string | Back> {
    const answer = this.next('input');
    const check = (value: string) => options.validate?.(value);
    const checks = (answer.typed ?? []).map(check);
    this.asked.push({ kind: 'input', title: options.title, step: stepOf(options), checks });
    if (answer.input === undefined) throw new UserCancelled();
    if (answer.input === BACK) return back(options);
    assert.equal(check(answer.input), undefined, `"${answer.input}" is accepted`);
    return answer.input;
  }

  async confirm(message: string, options: ConfirmOptions, ...actions: string[]): Promise<string> {
    const answer = this.next('confirm');
    this.asked.push({ kind: 'confirm', message, detail: options.detail, labels: actions });
    if (answer.confirm === undefined) throw new UserCancelled();
    assert.ok(actions.includes(answer.confirm), `"${answer.confirm}" is among ${actions.join(', ')}`);
    return answer.confirm;
  }

  async openDialog(): Promise<vscode.Uri[]> {
    const { folders } = this.next('folders');
    if (!folders?.length) throw new UserCancelled();
    return folders;
  }

  private next<K extends 'pick' | 'input' | 'confirm' | 'folders'>(kind: K): Extract<Answer, Record<K, unknown>> {
    const answer = this.answers.shift();
    assert.ok(answer && kind in answer, `the test expected ${answer ? Object.keys(answer)[0] : 'no prompt'}, the command asked for ${kind}`);
    return answer as Extract<Answer, Record<K, unknown>>;
  }
}

function back(options: { canGoBack?: boolean; title?: string }): Back {
  assert.ok(options.canGoBack, `"${options.title}" has a Back button`);
  return BACK;
}

function stepOf(options: { step?: number; totalSteps?: number }): string | undefined {
  return options.step === undefined ? undefined : `${options.step}/${options.totalSteps ?? '?'}`;
}
