// The test prompter the Workspaces commands take through `explorer.setPrompter`: answers given in
// advance, in order; picks choose BY LABEL among the items the command really offers; each input
// box's checker is run on the values a test wants checked as a person would type them.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Prompter } from '../../../../src/vscode/common/prompter';

export type Answer =
  | { pick: string | undefined }
  | { input: string | undefined; typed?: string[] }
  | { confirm: string | undefined }
  | { folders: vscode.Uri[] | undefined };

export interface Asked {
  kind: 'pick' | 'input' | 'confirm' | 'folders';
  title?: string;
  message?: string;
  detail?: string;
  labels?: string[];
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

  async pick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options: vscode.QuickPickOptions): Promise<T | undefined> {
    const answer = this.next('pick');
    const offered = await items;
    this.asked.push({ kind: 'pick', title: options.title, labels: offered.map((i) => plain(i.label)) });
    if (answer.pick === undefined) return undefined;
    const chosen = offered.find((i) => plain(i.label) === answer.pick);
    assert.ok(chosen, `"${answer.pick}" is offered among ${offered.map((i) => plain(i.label)).join(', ')}`);
    return chosen;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const answer = this.next('input');
    const check = async (value: string) => {
      const result = await options.validateInput?.(value);
      return typeof result === 'string' || result == null ? (result ?? undefined) : result.message;
    };
    const checks = [];
    for (const value of answer.typed ?? []) checks.push(await check(value));
    this.asked.push({ kind: 'input', title: options.title, checks });
    if (answer.input !== undefined) assert.equal(await check(answer.input), undefined, `"${answer.input}" is accepted`);
    return answer.input;
  }

  async confirm(message: string, options: vscode.MessageOptions, ...actions: string[]): Promise<string | undefined> {
    const answer = this.next('confirm');
    this.asked.push({ kind: 'confirm', message, detail: options.detail, labels: actions });
    if (answer.confirm !== undefined) assert.ok(actions.includes(answer.confirm), `"${answer.confirm}" is among ${actions.join(', ')}`);
    return answer.confirm;
  }

  async openDialog(): Promise<vscode.Uri[] | undefined> {
    return this.next('folders').folders;
  }

  private next<K extends 'pick' | 'input' | 'confirm' | 'folders'>(kind: K): Extract<Answer, Record<K, unknown>> {
    const answer = this.answers.shift();
    assert.ok(answer && kind in answer, `the test expected ${answer ? Object.keys(answer)[0] : 'no prompt'}, the command asked for ${kind}`);
    return answer as Extract<Answer, Record<K, unknown>>;
  }
}

