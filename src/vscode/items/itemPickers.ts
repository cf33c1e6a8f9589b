// Quick picks that ask for a workspace or an item when a command runs from the palette. A command
// run from the tree gets its node instead; one run with a `fabricwb` editor active uses its item.
import * as vscode from 'vscode';
import type { Item, Workspace } from '../../fabric/types';
import type { ExplorerClient } from '../../explorer/explorerClient';
import { answerOf, type PickItem, type Prompter } from '../../base/prompter';
import { itemTypeIcon } from '../explorer/itemIcons';
import type { DefinitionFileSystemProvider } from '../files/DefinitionFileSystemProvider';

/** What tree nodes hand to commands (see the contract in docs). */
export interface NodeArgument {
  workspaceId?: string;
  workspace?: Workspace;
  item?: Item;
  itemType?: string;
}

export class ItemPickers {
  constructor(
    private readonly getClient: () => ExplorerClient,
    private readonly prompter: () => Prompter,
    private readonly files: DefinitionFileSystemProvider,
  ) {}

  async workspace(node?: NodeArgument): Promise<{ workspaceId: string; displayName: string }> {
    if (node?.workspaceId) return { workspaceId: node.workspaceId, displayName: node.workspace?.displayName ?? node.workspaceId };
    const client = this.getClient();
    const loading = (async () => {
      const picks: PickItem<Workspace>[] = [];
      let token: string | undefined;
      do {
        const page = await client.listWorkspacesPage({ continuationToken: token });
        for (const workspace of page.value) picks.push({ label: `$(folder-library) ${workspace.displayName}`, description: workspace.id, value: workspace });
        token = page.continuationToken || undefined;
      } while (token);
      return picks;
    })();
    const workspace = await answerOf(this.prompter().pick({ title: vscode.l10n.t('Choose a Workspace'), placeholder: vscode.l10n.t('Workspace'), items: loading }));
    return { workspaceId: workspace.id, displayName: workspace.displayName };
  }

  /** The node's item, else the active `fabricwb` editor's item, else one chosen in quick picks. */
  async item(node?: NodeArgument, types?: string[]): Promise<Item> {
    if (node?.item) return node.item;
    const active = vscode.window.activeTextEditor?.document.uri ?? vscode.window.activeNotebookEditor?.notebook.uri;
    const resolved = active && (await this.files.resolveItem(active));
    if (resolved && (!types || types.includes(resolved.item.type))) return resolved.item;
    const { workspaceId } = await this.workspace(node);
    const client = this.getClient();
    const loading = (async () => {
      const picks: PickItem<Item>[] = [];
      for await (const item of client.listItems(workspaceId)) {
        if (types && !types.includes(item.type)) continue;
        picks.push({ label: `$(${itemTypeIcon(item.type).id}) ${item.displayName}`, description: item.type, value: { ...item, workspaceId } });
      }
      return picks;
    })();
    return answerOf(this.prompter().pick({ title: vscode.l10n.t('Choose an Item'), placeholder: vscode.l10n.t('Item'), items: loading }));
  }
}
