// Step numbers computed from the steps that will prompt, as vscode-azuretools' AzureWizard does
// with `shouldPrompt`: a step that will not prompt for the answers given so far is not counted,
// so the user never sees "3/4" followed by the end, or a number skipped.

export interface WizardStep<N extends string, S> {
  name: N;
  /**
   * Whether the step asks anything, given the answers so far. `undefined`: it depends on an answer
   * not given yet, so the total is not known and only the step's number shows. Omitted: always.
   */
  shouldPrompt?(state: S): boolean | undefined;
}

export class WizardSteps<N extends string, S> {
  constructor(private readonly steps: readonly WizardStep<N, S>[]) {}

  /** `step` (1-based) and `totalSteps` of the step `name`, for a prompt's StepInfo. */
  at(name: N, state: S): { step: number; totalSteps?: number } {
    const index = this.steps.findIndex((s) => s.name === name);
    if (index < 0) throw new Error(`No wizard step "${name}".`);
    const prompts = this.steps.map((s) => (s.name === name || !s.shouldPrompt ? true : s.shouldPrompt(state)));
    const step = prompts.slice(0, index + 1).filter((p) => p === true).length;
    return prompts.includes(undefined) ? { step } : { step, totalSteps: prompts.filter(Boolean).length };
  }
}
