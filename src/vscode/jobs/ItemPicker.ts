// Asks for a workspace, then one of its items of the wanted types, recently used first (kept in
// globalState), as two steps of one quick input with Back.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import type { Item, Workspace } from '../../fabric/types';
import { recentFirst, remember } from '../../jobs/recentlyUsed';
import { BACK, type Prompter } from '../../base/prompter';

const RECENT_WORKSPACES = 'fabricWorkbench.jobs.recentWorkspaces';
const RECENT_ITEMS = 'fabricWorkbench.jobs.recentItems';

export interface PickedItem {
  workspaceId: string;
  workspaceName?: string;
  item: Item;
}

export class ItemPicker {
  constructor(private readonly state: vscode.Memento, private readonly prompter: Prompter) {}

  async pick(client: FabricClient, title: string, types: readonly string[]): Promise<PickedItem> {
    let workspace: Workspace | undefined;
    for (;;) {
      if (!workspace) {
        const workspaces = await collect(client.listWorkspaces());
        const ordered = recentFirst(workspaces, (w) => w.id, this.state.get<string[]>(RECENT_WORKSPACES, []));
        const picked = await this.prompter.pick({
          title, step: 1, totalSteps: 2, placeholder: vscode.l10n.t('Pick a workspace'),
          items: ordered.map((w) => ({ label: w.displayName, description: w.description || undefined, value: w })),
        });
        if (picked === BACK) continue;
        workspace = picked;
      }
      const wanted = types.map((t) => t.toLowerCase());
      const items = (await collect(client.listItems(workspace.id))).filter((i) => wanted.includes(i.type.toLowerCase()));
      const ordered = recentFirst(items, (i) => i.id, this.state.get<string[]>(RECENT_ITEMS, []));
      const picked = await this.prompter.pick({
        title, step: 2, totalSteps: 2, canGoBack: true,
        placeholder: items.length ? vscode.l10n.t('Pick an item of {0}', workspace.displayName) : vscode.l10n.t('{0} has no {1} items; go Back', workspace.displayName, types.join('/')),
        items: ordered.map((i) => ({ label: i.displayName, description: i.type, value: i })),
      });
      if (picked === BACK) { workspace = undefined; continue; }
      await this.rememberUse(workspace.id, picked.id);
      return { workspaceId: workspace.id, workspaceName: workspace.displayName, item: picked };
    }
  }

  /** Puts the workspace and item first in the next pickers. */
  async rememberUse(workspaceId: string, itemId: string): Promise<void> {
    await this.state.update(RECENT_WORKSPACES, remember(this.state.get<string[]>(RECENT_WORKSPACES, []), workspaceId));
    await this.state.update(RECENT_ITEMS, remember(this.state.get<string[]>(RECENT_ITEMS, []), itemId));
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const x of iterable) all.push(x);
  return all;
}
