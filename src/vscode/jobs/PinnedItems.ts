// The items pinned to the Jobs view (globalState, so they follow the user into any window), each
// with the connection it was pinned on: the view lists the recent runs of the current connection's.
import * as vscode from 'vscode';
import type { RunsSubject } from '../../jobs/ItemRuns';

const KEY = 'fabricWorkbench.jobs.pinnedItems';

export class PinnedItems implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  /** An item was pinned or unpinned. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly state: vscode.Memento) {}

  /** The items pinned on `connection`. */
  of(connection: string | undefined): RunsSubject[] {
    return this.all().filter((p) => p.connection === connection);
  }

  isPinned(subject: RunsSubject): boolean {
    return this.all().some((p) => same(p, subject));
  }

  async pin(subject: RunsSubject): Promise<void> {
    const { workspaceId, workspaceName, connection, item } = subject;
    const kept: RunsSubject = { workspaceId, workspaceName, connection, item: { id: item.id, displayName: item.displayName, type: item.type } };
    await this.state.update(KEY, [...this.all().filter((p) => !same(p, subject)), kept]);
    this._onDidChange.fire();
  }

  async unpin(subject: RunsSubject): Promise<void> {
    await this.state.update(
      KEY,
      this.all().filter((p) => !same(p, subject)),
    );
    this._onDidChange.fire();
  }

  dispose(): void {
    this._onDidChange.dispose();
  }

  private all(): RunsSubject[] {
    return this.state.get<RunsSubject[]>(KEY, []);
  }
}

function same(a: RunsSubject, b: RunsSubject): boolean {
  return a.connection === b.connection && a.item.id === b.item.id;
}
