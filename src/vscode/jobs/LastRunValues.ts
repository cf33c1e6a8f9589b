// The last parameters and execution data used per item and run kind (globalState, so they follow
// the item into any window), for "Run with last parameters" and to start the wizard where it was.
import type * as vscode from 'vscode';
import type { RunKind } from '../../jobs/runRequest';
import type { RunValues } from '../../jobs/RunParametersWizard';

const KEY = 'fabricWorkbench.jobs.lastRunValues';

export class LastRunValues {
  constructor(private readonly state: vscode.Memento) {}

  get(itemId: string, kind: RunKind): RunValues | undefined {
    return this.all()[`${itemId}/${kind}`];
  }

  async set(itemId: string, kind: RunKind, values: RunValues): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [`${itemId}/${kind}`]: values });
  }

  private all(): Record<string, RunValues> {
    return this.state.get<Record<string, RunValues>>(KEY, {});
  }
}
