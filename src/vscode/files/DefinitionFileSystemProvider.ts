// The `fabricwb` file system: a workspace's items as `<DisplayName>.<Type>` folders holding their
// definition parts (Fabric's Git layout). It only translates file operations: reads go to the
// definition cache (one getDefinition per item, with saved text not in Fabric yet laid over it),
// writes to the saver (which checks, uploads or keeps them pending), item operations to the client.
// A write that throws keeps the editor's text unsaved; prompts and diagnostics are wired outside.
import * as vscode from 'vscode';
import { parseItemFolderName } from '../../fabric/definition';
import { minimalDefinition } from '../../fabric/itemKinds';
import type { Item } from '../../fabric/types';
import { DefinitionConflictError, isFolder, listFolder, type DefinitionCache, type PartChanges } from '../../workspace/DefinitionCache';
import { InvalidPartError, type DefinitionSaver, type SaveTrigger } from '../../workspace/DefinitionSaver';
import { describeError } from '../../fabric/errors';
import type { ExplorerClient } from '../../workspace/explorerClient';
import { partPathProblem } from '../../workspace/localPaths';
import type { WorkspaceItemIndex } from '../../workspace/WorkspaceItemIndex';
import { fabricUri, parseFabricUri, partUri, FABRIC_SCHEME } from './fabricUri';
import { NotSavedError, toFileSystemError } from './fileSystemErrors';

export interface ResolvedItem {
  workspaceId: string;
  item: Item;
}

export class DefinitionFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly _onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this._onDidChangeFile.event;
  private readonly _onDidChangeItems = new vscode.EventEmitter<string>();
  /** Fires with a workspace id when items were created, renamed or deleted through the files. */
  readonly onDidChangeItems = this._onDidChangeItems.event;

  /** Folders created inside an item that hold no part yet. */
  private readonly emptyFolders = new Set<string>();
  private readonly subscription: { dispose(): void };

  /** `triggerOf` tells who asked for the write of a file: a person, or VS Code's auto-save. */
  constructor(
    private readonly getClient: () => ExplorerClient,
    private readonly items: WorkspaceItemIndex,
    private readonly definitions: DefinitionCache,
    private readonly saver: DefinitionSaver,
    private readonly triggerOf: (uri: vscode.Uri) => SaveTrigger,
  ) {
    // Uploaded from pending or discarded: editors without unsaved text read the part again.
    this.subscription = saver.onDidChangeParts(({ item, paths }) => {
      this._onDidChangeFile.fire(paths.map((path) => ({ type: vscode.FileChangeType.Changed, uri: partUri(item, path) })));
    });
  }

  /** The item a `fabricwb` URI belongs to (undefined for a workspace root or an unknown item). */
  async resolveItem(uri: vscode.Uri): Promise<ResolvedItem | undefined> {
    if (uri.scheme !== FABRIC_SCHEME) return undefined;
    const { workspaceId, itemFolder } = parseFabricUri(uri);
    if (!itemFolder) return undefined;
    const item = await this.items.find(workspaceId, itemFolder);
    return item && { workspaceId, item };
  }

  /** Forgets cached listings and definitions (one workspace's, or all) and tells VS Code. */
  refresh(workspaceId?: string, itemId?: string): void {
    this.definitions.invalidate(workspaceId, itemId);
    if (!itemId) this.items.invalidate(workspaceId);
    if (workspaceId) this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Changed, uri: fabricUri(workspaceId) }]);
  }

  watch(): vscode.Disposable {
    // Changes are announced through onDidChangeFile when this window makes or fetches them.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.guard(uri, async () => {
      const { workspaceId, itemFolder, partPath } = parseFabricUri(uri);
      if (!itemFolder) return directoryStat(0);
      const item = await this.requireItem(workspaceId, itemFolder, uri);
      // An item folder's stat costs no request: listing a workspace must not fetch every definition.
      if (!partPath) return directoryStat(this.definitions.peek(item)?.mtime ?? 0);
      const part = await this.definitions.part(item, partPath);
      if (part) return { type: vscode.FileType.File, ctime: part.mtime, mtime: part.mtime, size: part.content.byteLength };
      const mtime = this.definitions.peek(item)?.mtime ?? 0;
      if (isFolder(await this.definitions.files(item), partPath) || this.emptyFolders.has(uri.toString())) return directoryStat(mtime);
      throw vscode.FileSystemError.FileNotFound(uri);
    });
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.guard(uri, async () => {
      const { workspaceId, itemFolder, partPath } = parseFabricUri(uri);
      if (!itemFolder) {
        const folders = await this.items.folders(workspaceId);
        return [...folders.keys()].sort().map((name) => [name, vscode.FileType.Directory]);
      }
      const item = await this.requireItem(workspaceId, itemFolder, uri);
      const entries = listFolder(await this.definitions.files(item), partPath ?? '');
      if (partPath && entries.length === 0 && !this.emptyFolders.has(uri.toString())) throw vscode.FileSystemError.FileNotFound(uri);
      return entries.map(([name, folder]) => [name, folder ? vscode.FileType.Directory : vscode.FileType.File]);
    });
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.guard(uri, async () => {
      const { workspaceId, itemFolder, partPath } = parseFabricUri(uri);
      if (!itemFolder || !partPath) throw vscode.FileSystemError.FileIsADirectory(uri);
      const item = await this.requireItem(workspaceId, itemFolder, uri);
      const content = await this.definitions.readPart(item, partPath);
      if (!content) throw vscode.FileSystemError.FileNotFound(uri);
      return content;
    });
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    return this.guard(uri, async () => {
      const { workspaceId, itemFolder, partPath } = parseFabricUri(uri);
      if (!itemFolder || !partPath) {
        throw vscode.FileSystemError.NoPermissions(
          vscode.l10n.t('Files go inside an item folder (<Name>.<Type>). To create an item, create a folder or run "Fabric: Create Item".'),
        );
      }
      const item = await this.requireItem(workspaceId, itemFolder, uri);
      const exists = (await this.definitions.files(item)).has(partPath);
      if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
      if (exists && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      if (!exists) refuseUnsafePath(partPath);
      try {
        await this.saver.write(item, partPath, content, this.triggerOf(uri));
      } catch (error) {
        if (error instanceof InvalidPartError)
          throw new NotSavedError(vscode.l10n.t('{0}. Fix it, then save again; the Problems panel shows where.', error.message));
        throw new NotSavedError(describeError(error));
      }
      this._onDidChangeFile.fire([{ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    return this.guard(uri, async () => {
      const { workspaceId, itemFolder, partPath } = parseFabricUri(uri);
      if (!itemFolder) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('A workspace is created in the Fabric portal.'));
      if (partPath) {
        refuseUnsafePath(partPath);
        await this.requireItem(workspaceId, itemFolder, uri);
        this.emptyFolders.add(uri.toString());
        this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Created, uri }]);
        return;
      }
      const parsed = parseItemFolderName(itemFolder);
      if (!parsed) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Name the folder <DisplayName>.<Type>, e.g. "Sales.Notebook", to create an item.'));
      if (await this.items.find(workspaceId, itemFolder)) throw vscode.FileSystemError.FileExists(uri);
      const definition = minimalDefinition(parsed.type, parsed.displayName);
      const item = await this.getClient().createItem(workspaceId, {
        displayName: parsed.displayName,
        type: parsed.type,
        ...(definition ? { definition } : {}),
      });
      await this.items.update(workspaceId, { added: { ...item, workspaceId } });
      this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Created, uri }]);
      this._onDidChangeItems.fire(workspaceId);
    });
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    return this.guard(uri, async () => {
      const { workspaceId, itemFolder, partPath } = parseFabricUri(uri);
      if (!itemFolder) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('A workspace is deleted in the Fabric portal.'));
      const item = await this.requireItem(workspaceId, itemFolder, uri);
      if (!partPath) {
        // No question here: VS Code's Explorer asks before deleting, and so does the Delete Item command.
        await this.getClient().deleteItem(workspaceId, item.id);
        await this.items.update(workspaceId, { removed: item });
        this.definitions.invalidate(workspaceId, item.id);
        this.definitions.forgetReads(item);
        await this.saver.forget(item);
        this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
        this._onDidChangeItems.fire(workspaceId);
        return;
      }
      const files = await this.definitions.files(item);
      const doomed = files.has(partPath) ? [partPath] : [...files.keys()].filter((p) => p.startsWith(`${partPath}/`));
      if (this.emptyFolders.delete(uri.toString()) && doomed.length === 0) return;
      if (doomed.length === 0) throw vscode.FileSystemError.FileNotFound(uri);
      if (doomed.length > 1 && !options.recursive) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('The folder is not empty.'));
      await this.save(item, new Map(doomed.map((p) => [p, undefined])));
      this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    });
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.guard(oldUri, async () => {
      const from = parseFabricUri(oldUri);
      const to = parseFabricUri(newUri);
      if (!from.itemFolder || !to.itemFolder || from.workspaceId !== to.workspaceId) {
        throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Items stay in their workspace; export and import them to copy across workspaces.'));
      }
      const item = await this.requireItem(from.workspaceId, from.itemFolder, oldUri);
      if (!from.partPath && !to.partPath) return this.renameItem(item, to.itemFolder, oldUri, newUri);
      if (!from.partPath || !to.partPath || from.itemFolder !== to.itemFolder) {
        throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Definition files move only within their item.'));
      }
      const files = await this.definitions.files(item);
      const content = files.get(from.partPath);
      if (!content) throw vscode.FileSystemError.FileNotFound(oldUri);
      if (files.has(to.partPath) && !options.overwrite) throw vscode.FileSystemError.FileExists(newUri);
      refuseUnsafePath(to.partPath);
      await this.save(
        item,
        new Map<string, Uint8Array | undefined>([
          [from.partPath, undefined],
          [to.partPath, content],
        ]),
      );
      this._onDidChangeFile.fire([
        { type: vscode.FileChangeType.Deleted, uri: oldUri },
        { type: vscode.FileChangeType.Created, uri: newUri },
      ]);
    });
  }

  dispose(): void {
    this._onDidChangeFile.dispose();
    this._onDidChangeItems.dispose();
    this.subscription.dispose();
  }

  private async renameItem(item: Item, newFolder: string, oldUri: vscode.Uri, newUri: vscode.Uri): Promise<void> {
    const parsed = parseItemFolderName(newFolder);
    if (!parsed || parsed.type !== item.type) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Keep the ".{0}" ending: an item\'s type cannot change.', item.type));
    }
    if (await this.items.find(item.workspaceId, newFolder)) throw vscode.FileSystemError.FileExists(newUri);
    const before = this.definitions.peek(item)?.fingerprint;
    const updated = await this.getClient().updateItem(item.workspaceId, item.id, { displayName: parsed.displayName });
    const renamed = { ...item, ...updated, workspaceId: item.workspaceId };
    await this.items.update(item.workspaceId, { removed: item, added: renamed });
    // The `.platform` part names the item: read it again.
    this.definitions.invalidate(item.workspaceId, item.id);
    this.definitions.forgetReads(item);
    await this.saver.followRename(renamed, before);
    this._onDidChangeFile.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
    this._onDidChangeItems.fire(item.workspaceId);
  }

  /**
   * Uploads a delete or a move of parts at once; a change made elsewhere since opening stops it.
   * The parts' pending text, if any, is replaced by the operation.
   */
  private async save(item: Item, changes: PartChanges): Promise<void> {
    try {
      await this.definitions.save(item, changes);
    } catch (error) {
      if (!(error instanceof DefinitionConflictError)) throw error;
      throw new NotSavedError(vscode.l10n.t('"{0}" was changed in Fabric since you opened it. Refresh it, then try again.', item.displayName));
    }
    await this.saver.forget(item, [...changes.keys()]);
  }

  private async requireItem(workspaceId: string, itemFolder: string, uri: vscode.Uri): Promise<Item> {
    const item = await this.items.find(workspaceId, itemFolder);
    if (!item) throw vscode.FileSystemError.FileNotFound(uri);
    return item;
  }

  /** Runs a file operation, turning every failure into a FileSystemError. */
  private async guard<T>(uri: vscode.Uri, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toFileSystemError(error, uri);
    }
  }
}

/** A new part's path must be one that export can write on every system (see localPaths). */
function refuseUnsafePath(partPath: string): void {
  const problem = partPathProblem(partPath);
  if (problem) throw new NotSavedError(vscode.l10n.t('{0}.', problem));
}

function directoryStat(mtime: number): vscode.FileStat {
  return { type: vscode.FileType.Directory, ctime: mtime, mtime, size: 0 };
}
