// The one way to ask for a workspace or an item, for every command run without a tree node: names
// as labels (ids only as descriptions, so they are searchable without being read), recently used
// first (kept in globalState), and a big tenant's pages shown as they arrive. Choosing an item is
// two steps of one quick input, with Back from the items to the workspaces.
import * as vscode from 'vscode';
import type { ExplorerClient } from '../../workspace/explorerClient';
import type { Item, Page, Workspace } from '../../fabric/types';
import { recentFirst, remember } from '../../jobs/recentlyUsed';
import { BACK, type PickItem, type Prompter, type StepInfo } from '../../base/prompter';
import { WizardSteps } from '../../base/wizardSteps';
import { itemTypeIcon, itemTypeName } from '../explorer/itemTypes';

/** Choosing an item: its workspace, then the item (a workspace alone is one step, unnumbered). */
const ITEM_STEPS = new WizardSteps<'workspace' | 'item', undefined>([{ name: 'workspace' }, { name: 'item' }]);

const RECENT_WORKSPACES = 'fabricWorkbench.jobs.recentWorkspaces';
const RECENT_ITEMS = 'fabricWorkbench.jobs.recentItems';

export interface PickedItem {
  workspaceId: string;
  workspaceName?: string;
  item: Item;
}

export class ItemPicker {
  constructor(
    private readonly getClient: () => ExplorerClient,
    private readonly state: vscode.Memento,
    private readonly prompter: () => Prompter,
  ) {}

  /** Asks for a workspace; rejects when the user dismisses the pick. */
  async workspace(title: string): Promise<Workspace> {
    return this.pickWorkspace(title, {});
  }

  /** Asks for a workspace, then one of its items of `types` (any type when absent). */
  async item(title: string, types?: readonly string[]): Promise<PickedItem> {
    const wanted = types?.map((t) => t.toLowerCase());
    for (;;) {
      const workspace = await this.pickWorkspace(title, ITEM_STEPS.at('workspace', undefined));
      const client = this.getClient();
      const items = await this.pages(
        // Each item once, as its pick's value: the pick keeps the user's place as pages arrive.
        (token) =>
          client
            .listItemsPage(workspace.id, { continuationToken: token })
            .then((page) => ({ ...page, value: page.value.map((i) => ({ ...i, workspaceId: workspace.id })) })),
        (item) => !wanted || wanted.includes(item.type.toLowerCase()),
        (item) => item.id,
        RECENT_ITEMS,
        (item): PickItem<Item> => ({ label: `$(${itemTypeIcon(item.type).id}) ${item.displayName}`, description: itemTypeName(item.type), value: item }),
      );
      const picked = await this.prompter().pick({
        title,
        ...ITEM_STEPS.at('item', undefined),
        canGoBack: true,
        ...items,
        placeholder:
          items.items.length || items.more
            ? vscode.l10n.t('Pick an item of {0}', workspace.displayName)
            : types
              ? vscode.l10n.t('{0} has no {1} items; go Back', workspace.displayName, types.map(itemTypeName).join('/'))
              : vscode.l10n.t('{0} has no items; go Back', workspace.displayName),
      });
      if (picked === BACK) continue;
      await this.rememberUse(workspace.id, picked.id);
      return { workspaceId: workspace.id, workspaceName: workspace.displayName, item: picked };
    }
  }

  /** Puts the workspace (and item) first in the next pickers. */
  async rememberUse(workspaceId: string, itemId?: string): Promise<void> {
    await this.state.update(RECENT_WORKSPACES, remember(this.state.get<string[]>(RECENT_WORKSPACES, []), workspaceId));
    if (itemId) await this.state.update(RECENT_ITEMS, remember(this.state.get<string[]>(RECENT_ITEMS, []), itemId));
  }

  /** The first step (no Back button, so never BACK). */
  private async pickWorkspace(title: string, steps: Pick<StepInfo, 'step' | 'totalSteps'>): Promise<Workspace> {
    const client = this.getClient();
    const workspaces = await this.pages(
      (token) => client.listWorkspacesPage({ continuationToken: token }),
      () => true,
      (w) => w.id,
      RECENT_WORKSPACES,
      (w): PickItem<Workspace> => ({ label: `$(${w.type === 'Personal' ? 'account' : 'folder-library'}) ${w.displayName}`, description: w.id, value: w }),
    );
    return (await this.prompter().pick({ title, ...steps, placeholder: vscode.l10n.t('Pick a workspace'), ...workspaces })) as Workspace;
  }

  /**
   * The first page's picks, and the later pages as they arrive (each time every pick so far,
   * recently used first), so a tenant of thousands of workspaces is searchable at once.
   */
  private async pages<T>(
    read: (token: string | undefined) => Promise<Page<T>>,
    keep: (value: T) => boolean,
    keyOf: (value: T) => string,
    recentKey: string,
    toPick: (value: T) => PickItem<T>,
  ): Promise<{ items: PickItem<T>[]; more?: AsyncIterable<PickItem<T>[]> }> {
    const recent = this.state.get<string[]>(recentKey, []);
    const loaded: T[] = [];
    const picks = () => recentFirst(loaded, keyOf, recent).map(toPick);
    const first = await read(undefined);
    loaded.push(...first.value.filter(keep));
    let token = first.continuationToken || undefined;
    if (!token) return { items: picks() };
    const more = async function* () {
      while (token) {
        const page = await read(token);
        loaded.push(...page.value.filter(keep));
        token = page.continuationToken || undefined;
        yield picks();
      }
    };
    return { items: picks(), more: more() };
  }
}
