// Thin handlers for the item commands of the tree's context menu and the palette. Creating,
// renaming and deleting go through the `fabricwb` file system, so the tree, VS Code's Explorer and
// these commands share one implementation (and one delete confirmation).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { itemFolderName } from '../../fabric/definition';
import { itemKind, itemKinds } from '../../fabric/itemKinds';
import type { Item, Workspace } from '../../fabric/types';
import type { ExplorerClient } from '../../workspace/explorerClient';
import type { WorkspaceItemIndex } from '../../workspace/WorkspaceItemIndex';
import type { WorkspacePaths } from '../../workspace/WorkspacePaths';
import { exportItems, listWorkspaceItems, type ExistingFolder, type ExistingFolderChoice, type ExportResult } from '../../workspace/WorkspaceSync';
import { importItemFolders, type ExistingItem, type ExistingItemsChoice } from '../../workspace/WorkspaceImport';
import { findItemFolders } from '../../workspace/syncFolders';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { settings } from '../common/settings';
import { answerOf, type Prompter } from '../../base/prompter';
import type { DefinitionFileSystemProvider } from '../files/DefinitionFileSystemProvider';
import { FABRIC_SCHEME, fabricUri, parseFabricUri } from '../files/fabricUri';
import { mainPartOf } from '../files/mainPartOf';
import { itemTypeName } from '../explorer/itemTypes';
import type { ItemPicker } from './ItemPicker';
import { describeExport, describeImport, showSyncMessage } from './syncMessages';
import { withCancellableProgress } from '../common/progress';

/** What tree nodes hand to commands (see the contract in docs). */
export interface NodeArgument {
  workspaceId?: string;
  workspace?: Workspace;
  item?: Item;
  itemType?: string;
  folder?: { id: string };
}

export class ItemCommands {
  /** Test-only: replaces `vscode.env.openExternal`, to check the portal URL without a browser. */
  openExternal: ((uri: vscode.Uri) => Thenable<boolean>) | undefined;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly files: DefinitionFileSystemProvider,
    private readonly itemIndex: WorkspaceItemIndex,
    private readonly prompter: () => Prompter,
    private readonly onItemsChanged: (workspaceId: string) => void,
    private readonly picker: ItemPicker,
  ) {}

  /** The node's workspace, else one the user picks. */
  async workspaceOf(node: NodeArgument | undefined, title: string): Promise<{ workspaceId: string; displayName: string }> {
    if (node?.workspaceId) return { workspaceId: node.workspaceId, displayName: node.workspace?.displayName ?? node.workspaceId };
    const workspace = await this.picker.workspace(title);
    return { workspaceId: workspace.id, displayName: workspace.displayName };
  }

  /** The node's item, else the active `fabricwb` editor's item, else one the user picks. */
  private async itemOf(node: NodeArgument | undefined, title: string): Promise<Item> {
    if (node?.item) return node.item;
    const active = vscode.window.activeTextEditor?.document.uri ?? vscode.window.activeNotebookEditor?.notebook.uri;
    const resolved = active && (await this.files.resolveItem(active));
    if (resolved) return resolved.item;
    return (await this.picker.item(title)).item;
  }

  async createItem(node?: NodeArgument): Promise<vscode.Uri> {
    const { workspaceId } = await this.workspaceOf(node, vscode.l10n.t('Create Item'));
    const type =
      node?.itemType ??
      (await answerOf(
        this.prompter().pick({
          title: vscode.l10n.t('Create Item'),
          placeholder: vscode.l10n.t('Item type'),
          items: itemKinds()
            .filter((k) => k.creatable)
            .map((k) => ({ label: itemTypeName(k.type), value: k.type })),
        }),
      ));
    const paths = await this.placeFor(workspaceId, node?.folder?.id);
    const name = (
      await answerOf(
        this.prompter().input({
          title: vscode.l10n.t('Create {0}', itemTypeName(type)),
          prompt: vscode.l10n.t('Display name'),
          validate: (value) =>
            validateName(value) ?? (paths.item(itemFolderName(value.trim(), type)) ? vscode.l10n.t('An item of that name and type exists.') : undefined),
        }),
      )
    ).trim();
    const folder = paths.pathOf(node?.folder?.id);
    const uri = fabricUri(workspaceId, [folder, itemFolderName(name, type)].filter(Boolean).join('/'));
    await vscode.workspace.fs.createDirectory(uri);
    return uri;
  }

  /** The workspace's listing, holding `folderId` when one is given (listed again once if it is new to it). */
  private async placeFor(workspaceId: string, folderId: string | undefined): Promise<WorkspacePaths> {
    const paths = await this.itemIndex.paths(workspaceId);
    if (!folderId || paths.folder(folderId)) return paths;
    this.itemIndex.invalidate(workspaceId);
    const listed = await this.itemIndex.paths(workspaceId);
    if (!listed.folder(folderId)) throw new Error(vscode.l10n.t('The folder is no longer in the workspace. Refresh the view.'));
    return listed;
  }

  async renameItem(node?: NodeArgument): Promise<void> {
    const item = await this.itemOf(node, vscode.l10n.t('Rename Item'));
    const paths = await this.itemIndex.paths(item.workspaceId);
    const name = (
      await answerOf(
        this.prompter().input({
          title: vscode.l10n.t('Rename {0}', item.displayName),
          prompt: vscode.l10n.t('New display name'),
          value: item.displayName,
          validate: (value) =>
            validateName(value) ??
            (value.trim() !== item.displayName && paths.item(itemFolderName(value.trim(), item.type))
              ? vscode.l10n.t('An item of that name and type exists.')
              : undefined),
        }),
      )
    ).trim();
    if (name === item.displayName) return;
    const folder = await this.files.itemUri(item);
    await vscode.workspace.fs.rename(folder, vscode.Uri.joinPath(folder, '..', itemFolderName(name, item.type)), { overwrite: false });
  }

  /** Asks once (unless fabricWorkbench.confirmDelete is off); a cancel is silent. VS Code's Explorer asks on its own. */
  async deleteItem(node?: NodeArgument): Promise<void> {
    const item = await this.itemOf(node, vscode.l10n.t('Delete Item'));
    if (settings.confirmDelete()) {
      // Its Cancel rejects with UserCancelled: nothing is deleted, nothing reported.
      await this.prompter().confirm(
        vscode.l10n.t('Delete the {0} "{1}" from Fabric?', itemTypeName(item.type).toLowerCase(), item.displayName),
        { modal: true, detail: vscode.l10n.t('The item and its definition are deleted in the workspace. This cannot be undone.') },
        vscode.l10n.t('Delete'),
      );
    }
    await vscode.workspace.fs.delete(await this.files.itemUri(item), { recursive: true, useTrash: false });
  }

  /** Opens the item's main definition file (notebooks in the notebook editor). */
  async openDefinition(node?: NodeArgument): Promise<void> {
    const item = await this.itemOf(node, vscode.l10n.t('Open Item Definition'));
    const { folder, main } = await mainPartOf(this.files, item);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.joinPath(folder, main));
  }

  async openInPortal(node?: NodeArgument): Promise<void> {
    if (this.connection.info?.kind === 'emulator') {
      void vscode.window.showInformationMessage(vscode.l10n.t('The local emulator has no portal. Open the item from the Workspaces view instead.'));
      return;
    }
    const portal = settings.portalUrl().replace(/\/+$/, '');
    let url: string;
    if (node?.workspaceId && !node.item) url = `${portal}/groups/${node.workspaceId}`;
    else {
      const item = await this.itemOf(node, vscode.l10n.t('Open in the Fabric Portal'));
      const segment = itemKind(item.type)?.portalSegment;
      url = segment ? `${portal}/groups/${item.workspaceId}/${segment}/${item.id}` : `${portal}/groups/${item.workspaceId}/list`;
    }
    await (this.openExternal ?? vscode.env.openExternal)(vscode.Uri.parse(`${url}?experience=fabric-developer`));
  }

  async copyId(node?: NodeArgument): Promise<void> {
    const id = node?.item?.id ?? node?.folder?.id ?? node?.workspaceId ?? (await this.itemOf(node, vscode.l10n.t('Copy Id'))).id;
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
  }

  /** Opens a workspace as a workspace folder, to browse it in VS Code's Explorer. */
  async openWorkspaceFolder(node?: NodeArgument): Promise<void> {
    const { workspaceId, displayName } = await this.workspaceOf(node, vscode.l10n.t('Open Workspace as Folder'));
    const uri = fabricUri(workspaceId);
    if (vscode.workspace.workspaceFolders?.some((f) => f.uri.toString() === uri.toString())) return;
    const index = vscode.workspace.workspaceFolders?.length ?? 0;
    vscode.workspace.updateWorkspaceFolders(index, 0, { uri, name: vscode.l10n.t('Fabric: {0}', displayName) });
  }

  /**
   * Exports workspaces or items to a local folder in Fabric's Git layout. The Workspaces view
   * passes its node (and tests a target folder); VS Code's Explorer passes the folder's URI and the
   * selected URIs. An item folder that exists is overwritten only if the user says so.
   */
  async exportToFolder(subject?: NodeArgument | vscode.Uri, second?: vscode.Uri | readonly vscode.Uri[]): Promise<ExportResult> {
    const fromExplorer = subject instanceof vscode.Uri;
    const sources = fromExplorer
      ? await this.exportSourcesOf(Array.isArray(second) && second.length ? second : [subject])
      : [await this.exportSourceOf(subject)];
    const target = !fromExplorer && second instanceof vscode.Uri ? second : undefined;
    const folder =
      target ??
      (
        await this.prompter().openDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          canSelectMany: false,
          title: vscode.l10n.t('Export to Local Folder'),
          openLabel: vscode.l10n.t('Export Here'),
        })
      )[0];
    const client = this.client();
    const options = {
      formatFor: (i: Item) => (i.type === 'Notebook' && settings.notebookFormat() === 'ipynb' ? 'ipynb' : undefined),
      concurrency: settings.exportConcurrency(),
      onExisting: askAboutExisting(this.prompter),
    };
    const result = await withCancellableProgress(vscode.l10n.t('Exporting from Fabric'), async (signal, report) => {
      const items: Item[] = [];
      for (const source of sources) items.push(...('item' in source ? [source.item] : await listWorkspaceItems(client, source.workspaceId, signal)));
      const onProgress = ({ done, total, name }: { done: number; total: number; name: string }) =>
        report(vscode.l10n.t('{0}/{1} {2}', done, total, name), 100 / total);
      return exportItems(client, items, folder.fsPath, { ...options, signal, onProgress });
    });
    showSyncMessage(describeExport(result, folder.fsPath));
    return result;
  }

  /**
   * Imports local `<Name>.<Type>` folders into a workspace, creating or updating each item. A chosen
   * folder that is not an item folder stands for the workspace's root: the item folders below it are
   * imported into the Fabric folders their directories name (created when missing).
   */
  async importFromFolder(node?: NodeArgument, sources?: vscode.Uri[]): Promise<void> {
    const { workspaceId } = await this.workspaceOf(node, vscode.l10n.t('Import from Local Folder'));
    const folders =
      sources ??
      (await this.prompter().openDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: true,
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Choose <Name>.<Type> item folders (or a folder holding them, in folders of any depth)'),
      }));
    const itemFolders = (await Promise.all(folders.map((f) => findItemFolders(f.fsPath)))).flat();
    if (itemFolders.length === 0) throw new Error(vscode.l10n.t('No <Name>.<Type> item folder was chosen.'));
    const client = this.client();
    const result = await withCancellableProgress(vscode.l10n.t('Importing into Fabric'), (signal, report) =>
      importItemFolders(client, workspaceId, itemFolders, {
        signal,
        onExisting: confirmReplacing(this.prompter),
        onProgress: ({ done, total, name }) => report(vscode.l10n.t('{0}/{1} {2}', done, total, name), 100 / total),
      }),
    );
    this.files.refresh(workspaceId);
    this.onItemsChanged(workspaceId);
    showSyncMessage(describeImport(result));
  }

  /** What a Workspaces view node stands for: its item, else its workspace (asked for when none). */
  private async exportSourceOf(node?: NodeArgument): Promise<ExportSource> {
    return node?.item ? { item: node.item } : { workspaceId: (await this.workspaceOf(node, vscode.l10n.t('Export to Local Folder'))).workspaceId };
  }

  /** What `fabricwb` folders chosen in VS Code's Explorer stand for: a workspace root, a Fabric folder (what it holds), or an item. */
  private async exportSourcesOf(uris: readonly vscode.Uri[]): Promise<ExportSource[]> {
    const sources = new Map<string, ExportSource>();
    for (const uri of uris) {
      if (uri.scheme !== FABRIC_SCHEME) continue;
      const { workspaceId, folders, itemFolder } = parseFabricUri(uri);
      if (!itemFolder && !folders.length) sources.set(workspaceId, { workspaceId });
      else if (!itemFolder) {
        // A Fabric folder: the items in it and in its subfolders.
        const paths = await this.itemIndex.paths(workspaceId);
        const at = paths.folderAt(folders);
        if (!at) throw new Error(vscode.l10n.t('"{0}" is not a folder in the workspace; refresh and try again.', folders.join('/')));
        for (const item of paths.itemsUnder(at.place)) sources.set(`${workspaceId}/${item.id}`, { item });
      } else {
        const resolved = await this.files.resolveItem(uri);
        if (!resolved) throw new Error(vscode.l10n.t('"{0}" is not an item in the workspace; refresh and try again.', itemFolder));
        sources.set(`${workspaceId}/${resolved.item.id}`, { item: resolved.item });
      }
    }
    // An item whose workspace is exported whole goes once.
    const whole = new Set([...sources.values()].flatMap((s) => ('item' in s ? [] : [s.workspaceId])));
    const result = [...sources.values()].filter((s) => !('item' in s) || !whole.has(s.item.workspaceId));
    if (result.length === 0) throw new Error(vscode.l10n.t('Choose a Fabric workspace or item folder to export.'));
    return result;
  }

  private client(): ExplorerClient {
    return this.connection.requireClient();
  }
}

function validateName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return vscode.l10n.t('Enter a name.');
  if (/[\\/:*?"<>|]/.test(name)) return vscode.l10n.t('A name cannot contain \\ / : * ? " < > |');
  if (name.length > 256) return vscode.l10n.t('A name has at most 256 characters.');
  return undefined;
}

type ExportSource = { workspaceId: string } | { item: Item };

/**
 * Asks what to do with each item folder that exists, one at a time; "Overwrite All" and "Skip All"
 * answer the ones after it. Dismissing the question cancels the export with nothing written.
 */
function askAboutExisting(prompter: () => Prompter): (existing: ExistingFolder) => Promise<ExistingFolderChoice> {
  let forAll: ExistingFolderChoice | undefined;
  return async ({ folder, files, remaining }) => {
    if (forAll) return forAll;
    const overwrite = vscode.l10n.t('Overwrite');
    const skip = vscode.l10n.t('Skip');
    const overwriteAll = vscode.l10n.t('Overwrite All');
    const skipAll = vscode.l10n.t('Skip All');
    const shown = files.slice(0, 10).join('\n') + (files.length > 10 ? `\n${vscode.l10n.t('and {0} more', files.length - 10)}` : '');
    const choice = await prompter().confirm(
      vscode.l10n.t('"{0}" already exists in {1}. Overwrite it with the copy in Fabric?', path.basename(folder), path.dirname(folder)),
      {
        modal: true,
        detail: [
          vscode.l10n.t(
            "Overwrite writes the item's files over the ones there; files that are not part of the item are kept. Skip leaves the folder as it is.",
          ),
          files.length ? `${vscode.l10n.t('It holds:')}\n${shown}` : vscode.l10n.t('It is empty.'),
        ].join('\n\n'),
      },
      ...(remaining > 0 ? [overwrite, overwriteAll, skip, skipAll] : [overwrite, skip]),
    );
    if (choice === overwriteAll) forAll = 'overwrite';
    if (choice === skipAll) forAll = 'skip';
    return choice === overwrite || choice === overwriteAll ? 'overwrite' : 'skip';
  };
}

/**
 * Asks once, listing the items an import would replace (and where it moves them): Replace, Skip
 * Existing, or Cancel (the modal's own), which imports nothing.
 */
function confirmReplacing(prompter: () => Prompter): (existing: ExistingItem[]) => Promise<ExistingItemsChoice> {
  return async (existing) => {
    const replace = vscode.l10n.t('Replace');
    const skip = vscode.l10n.t('Skip Existing');
    const names = existing
      .map(({ item, moveTo }) => {
        const name = itemFolderName(item.displayName, item.type);
        if (moveTo === undefined) return name;
        return moveTo ? vscode.l10n.t('{0} (moves to {1})', name, moveTo) : vscode.l10n.t("{0} (moves to the workspace's root)", name);
      })
      .sort();
    const shown = names.slice(0, 10).join('\n') + (names.length > 10 ? `\n${vscode.l10n.t('and {0} more', names.length - 10)}` : '');
    const choice = await prompter().confirm(
      existing.length === 1
        ? vscode.l10n.t('The import would replace the definition of 1 item in Fabric with the local copy.')
        : vscode.l10n.t('The import would replace the definitions of {0} items in Fabric with the local copies.', existing.length),
      { modal: true, detail: `${shown}\n\n${vscode.l10n.t('Skip Existing imports only the items that are not in the workspace yet.')}` },
      replace,
      skip,
    );
    return choice === replace ? 'replace' : 'skip';
  };
}
