// The `fabricwb` file system: a workspace's Fabric folders as directories and its items as
// `<DisplayName>.<Type>` directories in them holding their definition parts (Fabric's Git layout),
// so it shows the tree the Workspaces view shows in folder mode. It only translates file
// operations: reads go to the definition cache (one getDefinition per item, with saved text not in
// Fabric yet laid over it), writes to the saver (which checks, uploads or keeps them pending), item
// and folder operations to the client (a directory without a `.Type` ending is a Fabric folder).
// A write that throws keeps the editor's text unsaved; prompts and diagnostics are wired outside.
import * as vscode from 'vscode';
import { itemFolderName, parseItemFolderName } from '../../fabric/definition';
import { folderNameProblem } from '../../fabric/folderNames';
import { minimalDefinition } from '../../fabric/itemKinds';
import type { Folder, Item } from '../../fabric/types';
import { DefinitionConflictError, isFolder, listFolder, type DefinitionCache, type PartChanges } from '../../workspace/DefinitionCache';
import { InvalidPartError, type DefinitionSaver, type SaveTrigger } from '../../workspace/DefinitionSaver';
import { describeError } from '../../fabric/errors';
import type { ExplorerClient, FolderClient } from '../../workspace/explorerClient';
import { isRefusal, planMove } from '../../workspace/folderMoves';
import { partPathProblem } from '../../workspace/localPaths';
import type { WorkspaceItemIndex } from '../../workspace/WorkspaceItemIndex';
import type { Place, WorkspacePaths } from '../../workspace/WorkspacePaths';
import type { PendingItem } from '../../workspace/PendingChanges';
import { folderNameProblemText } from '../common/folderNameText';
import { fabricUri, itemPathOf, parseFabricUri, FABRIC_SCHEME, type FabricUriParts } from './fabricUri';
import { NotSavedError, toFileSystemError } from './fileSystemErrors';

export interface ResolvedItem {
  workspaceId: string;
  item: Item;
}

/** What the rest of the VS Code layer asks the file system: the item a URI names, and an item's URIs. */
export interface ItemLocator {
  resolveItem(uri: vscode.Uri): Promise<ResolvedItem | undefined>;
  /** Where the item is now (its workspace listed first if it was not). */
  itemUri(item: PendingItem): Promise<vscode.Uri>;
  /** Where the workspace's last listing put the item, at once (for events). */
  partUri(item: PendingItem, partPath: string): vscode.Uri;
}

export class DefinitionFileSystemProvider implements vscode.FileSystemProvider, ItemLocator, vscode.Disposable {
  private readonly _onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this._onDidChangeFile.event;
  private readonly _onDidChangeItems = new vscode.EventEmitter<string>();
  /** Fires with a workspace id when items or folders were created, renamed, moved or deleted through the files. */
  readonly onDidChangeItems = this._onDidChangeItems.event;

  /** Folders created inside an item that hold no part yet. */
  private readonly emptyFolders = new Set<string>();
  private readonly subscription: { dispose(): void };

  /** `triggerOf` tells who asked for the write of a file: a person, or VS Code's auto-save. */
  constructor(
    private readonly getClient: () => ExplorerClient & FolderClient,
    private readonly items: WorkspaceItemIndex,
    private readonly definitions: DefinitionCache,
    private readonly saver: DefinitionSaver,
    private readonly triggerOf: (uri: vscode.Uri) => SaveTrigger,
  ) {
    // Uploaded from pending or discarded: editors without unsaved text read the part again.
    this.subscription = saver.onDidChangeParts(({ item, paths }) => {
      this._onDidChangeFile.fire(paths.map((path) => ({ type: vscode.FileChangeType.Changed, uri: this.partUri(item, path) })));
    });
  }

  /** The item a `fabricwb` URI belongs to (undefined for a workspace root, a folder, or an item not at that path). */
  async resolveItem(uri: vscode.Uri): Promise<ResolvedItem | undefined> {
    if (uri.scheme !== FABRIC_SCHEME) return undefined;
    const { workspaceId, folders, itemFolder } = parseFabricUri(uri);
    if (!itemFolder) return undefined;
    const item = (await this.items.paths(workspaceId)).itemAt(folders, itemFolder);
    return item && { workspaceId, item };
  }

  async itemUri(item: PendingItem): Promise<vscode.Uri> {
    return fabricUri(item.workspaceId, (await this.items.paths(item.workspaceId)).itemPath(item));
  }

  partUri(item: PendingItem, partPath: string): vscode.Uri {
    return fabricUri(item.workspaceId, this.items.itemPath(item), partPath);
  }

  /** Forgets cached listings and definitions (one workspace's, or all) and tells VS Code. */
  refresh(workspaceId?: string, itemId?: string): void {
    this.definitions.invalidate(workspaceId, itemId);
    if (!itemId) this.items.invalidate(workspaceId);
    if (workspaceId) this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Changed, uri: fabricUri(workspaceId) }]);
  }

  /** Folders were changed or items moved without the files (the Workspaces view's commands): list the workspace again. */
  placesChanged(workspaceId: string): void {
    this.items.invalidate(workspaceId);
    this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Changed, uri: fabricUri(workspaceId) }]);
  }

  watch(): vscode.Disposable {
    // Changes are announced through onDidChangeFile when this window makes or fetches them.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.guard(uri, async () => {
      const parts = parseFabricUri(uri);
      const { itemFolder, partPath } = parts;
      if (!itemFolder) {
        // The root's stat costs no request; a folder's costs the listing every other path needs too.
        if (parts.folders.length) requirePlace(await this.items.paths(parts.workspaceId), parts.folders, uri);
        return directoryStat(0);
      }
      const item = await this.requireItem(parts, uri);
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
      const parts = parseFabricUri(uri);
      const { itemFolder, partPath } = parts;
      if (!itemFolder) {
        const paths = await this.items.paths(parts.workspaceId);
        const { folders, items } = paths.entries(requirePlace(paths, parts.folders, uri));
        return [...folders.map((f) => f.displayName), ...items.map((i) => itemFolderName(i.displayName, i.type))].map((name) => [
          name,
          vscode.FileType.Directory,
        ]);
      }
      const item = await this.requireItem(parts, uri);
      const entries = listFolder(await this.definitions.files(item), partPath ?? '');
      if (partPath && entries.length === 0 && !this.emptyFolders.has(uri.toString())) throw vscode.FileSystemError.FileNotFound(uri);
      return entries.map(([name, folder]) => [name, folder ? vscode.FileType.Directory : vscode.FileType.File]);
    });
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.guard(uri, async () => {
      const parts = parseFabricUri(uri);
      const { partPath } = parts;
      if (!parts.itemFolder || !partPath) throw vscode.FileSystemError.FileIsADirectory(uri);
      const item = await this.requireItem(parts, uri);
      const content = await this.definitions.readPart(item, partPath);
      if (!content) throw vscode.FileSystemError.FileNotFound(uri);
      return content;
    });
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    return this.guard(uri, async () => {
      const parts = parseFabricUri(uri);
      const { partPath } = parts;
      if (!parts.itemFolder || !partPath) {
        throw vscode.FileSystemError.NoPermissions(
          vscode.l10n.t('Files go inside an item folder (<Name>.<Type>). To create an item, create a folder or run "Fabric: Create Item".'),
        );
      }
      const item = await this.requireItem(parts, uri);
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
      const parts = parseFabricUri(uri);
      const { workspaceId, folders, itemFolder, partPath } = parts;
      if (!itemFolder) {
        if (!folders.length) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('A workspace is created in the Fabric portal.'));
        return this.createFolder(workspaceId, folders, uri);
      }
      if (partPath) {
        refuseUnsafePath(partPath);
        await this.requireItem(parts, uri);
        this.emptyFolders.add(uri.toString());
        this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Created, uri }]);
        return;
      }
      const parsed = parseItemFolderName(itemFolder);
      if (!parsed) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Name the folder <DisplayName>.<Type>, e.g. "Sales.Notebook", to create an item.'));
      const paths = await this.items.paths(workspaceId);
      const place = requirePlace(paths, folders, parentOf(uri));
      refuseTakenItemName(paths, folders, itemFolder, uri);
      const definition = minimalDefinition(parsed.type, parsed.displayName);
      const item = await this.getClient().createItem(workspaceId, {
        displayName: parsed.displayName,
        type: parsed.type,
        ...(place ? { folderId: place } : {}),
        ...(definition ? { definition } : {}),
      });
      await this.items.update(workspaceId, (p) => p.withItem({ added: { ...item, workspaceId, folderId: place } }));
      this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Created, uri }]);
      this._onDidChangeItems.fire(workspaceId);
    });
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    return this.guard(uri, async () => {
      const parts = parseFabricUri(uri);
      const { workspaceId, itemFolder, partPath } = parts;
      if (!itemFolder) {
        if (!parts.folders.length) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('A workspace is deleted in the Fabric portal.'));
        return this.deleteFolder(workspaceId, parts.folders, uri);
      }
      const item = await this.requireItem(parts, uri);
      if (!partPath) {
        // No question here: VS Code's Explorer asks before deleting, and so does the Delete Item command.
        await this.getClient().deleteItem(workspaceId, item.id);
        await this.items.update(workspaceId, (p) => p.withItem({ removed: item }));
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
      if (from.workspaceId !== to.workspaceId || isRoot(from) || isRoot(to)) {
        throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Items stay in their workspace; export and import them to copy across workspaces.'));
      }
      if (!from.itemFolder) {
        if (to.partPath) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Folders hold items and folders, not definition files.'));
        if (to.itemFolder) throw vscode.FileSystemError.NoPermissions(folderNameProblemText('characters'));
        return this.moveFolder(from, to, oldUri, newUri);
      }
      const item = await this.requireItem(from, oldUri);
      if (!to.itemFolder) throw vscode.FileSystemError.NoPermissions(keepTypeMessage(item));
      if (!from.partPath && !to.partPath) return this.moveItem(item, to, oldUri, newUri);
      if (!from.partPath || !to.partPath || itemPathOf(from) !== itemPathOf(to)) {
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

  /** Creates the Fabric folder `names` names (its parent must exist). */
  private async createFolder(workspaceId: string, names: string[], uri: vscode.Uri): Promise<void> {
    const name = names.at(-1)!;
    refuseFolderName(name);
    const paths = await this.items.paths(workspaceId);
    const parent = requirePlace(paths, names.slice(0, -1), parentOf(uri));
    refuseTakenFolderName(paths, parent, name, undefined, uri);
    const folder = await this.getClient().createFolder(workspaceId, { displayName: name, ...(parent ? { parentFolderId: parent } : {}) });
    await this.items.update(workspaceId, (p) => p.withFolder({ added: { ...folder, workspaceId } }));
    this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Created, uri }]);
    this._onDidChangeItems.fire(workspaceId);
  }

  /** Deletes an empty Fabric folder; one that holds anything is refused (Fabric's rule), never emptied. */
  private async deleteFolder(workspaceId: string, names: string[], uri: vscode.Uri): Promise<void> {
    const paths = await this.items.paths(workspaceId);
    const folder = requireFolder(paths, names, uri);
    const { folders, items } = paths.entries(folder.id);
    if (folders.length || items.length) {
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('The folder "{0}" is not empty: Fabric deletes only empty folders. Move or delete its items and subfolders first.', folder.displayName),
      );
    }
    await this.getClient().deleteFolder(workspaceId, folder.id);
    await this.items.update(workspaceId, (p) => p.withFolder({ removed: folder }));
    this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    this._onDidChangeItems.fire(workspaceId);
  }

  /** Renames a Fabric folder (same parent), moves it (another parent), or both. */
  private async moveFolder(from: FabricUriParts, to: FabricUriParts, oldUri: vscode.Uri, newUri: vscode.Uri): Promise<void> {
    const { workspaceId } = from;
    const paths = await this.items.paths(workspaceId);
    const folder = requireFolder(paths, from.folders, oldUri);
    const name = to.folders.at(-1)!;
    refuseFolderName(name);
    const target = requirePlace(paths, to.folders.slice(0, -1), parentOf(newUri));
    const plan = planMove(
      [{ kind: 'folder', workspaceId, id: folder.id, folderId: paths.placeOf(folder), name: folder.displayName }],
      workspaceId,
      target,
      paths.folders,
    );
    if (isRefusal(plan)) {
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('"{0}" cannot move into itself or one of its subfolders. Choose a folder outside it.', folder.displayName),
      );
    }
    refuseTakenFolderName(paths, target, name, folder, newUri);
    const client = this.getClient();
    if (plan.folderIds.length) await client.moveFolder(workspaceId, folder.id, target);
    if (name !== folder.displayName) await client.renameFolder(workspaceId, folder.id, name);
    const { parentFolderId: _old, ...rest } = folder;
    const moved: Folder = { ...rest, displayName: name, ...(target ? { parentFolderId: target } : {}) };
    await this.items.update(workspaceId, (p) => p.withFolder({ added: moved }));
    this.fireMoved(workspaceId, oldUri, newUri);
  }

  /** Moves an item folder to another Fabric folder (Items move API), renames it (a new display name), or both. */
  private async moveItem(item: Item, to: FabricUriParts, oldUri: vscode.Uri, newUri: vscode.Uri): Promise<void> {
    const parsed = parseItemFolderName(to.itemFolder!);
    if (!parsed || parsed.type !== item.type) throw vscode.FileSystemError.NoPermissions(keepTypeMessage(item));
    const { workspaceId } = item;
    const paths = await this.items.paths(workspaceId);
    const target = requirePlace(paths, to.folders, parentOf(newUri));
    const renamed = parsed.displayName !== item.displayName;
    if (renamed) refuseTakenItemName(paths, to.folders, to.itemFolder!, newUri);
    let current = item;
    if (target !== paths.placeOf(item)) {
      const moved = await this.getClient().moveItem(workspaceId, item.id, target);
      // Fabric moves an item's child items with it (a lakehouse's SQL endpoint): the answer lists them.
      const ids = new Set([item.id, ...moved.map((m) => m.id)]);
      current = placedIn(item, target);
      await this.items.update(workspaceId, (p) => p.items.filter((i) => ids.has(i.id)).reduce((next, i) => next.withItem({ added: placedIn(i, target) }), p));
    }
    if (renamed) await this.renameItem(current, parsed.displayName);
    this.fireMoved(workspaceId, oldUri, newUri);
  }

  private async renameItem(item: Item, displayName: string): Promise<void> {
    const before = this.definitions.peek(item)?.fingerprint;
    const updated = await this.getClient().updateItem(item.workspaceId, item.id, { displayName });
    const renamed = { ...item, ...updated, workspaceId: item.workspaceId, folderId: item.folderId };
    await this.items.update(item.workspaceId, (p) => p.withItem({ added: renamed }));
    // The `.platform` part names the item: read it again.
    this.definitions.invalidate(item.workspaceId, item.id);
    this.definitions.forgetReads(item);
    await this.saver.followRename(renamed, before);
  }

  private fireMoved(workspaceId: string, oldUri: vscode.Uri, newUri: vscode.Uri): void {
    this._onDidChangeFile.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
    this._onDidChangeItems.fire(workspaceId);
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

  /** The item at the URI's path (not one of that name elsewhere: each file has one URI). */
  private async requireItem({ workspaceId, folders, itemFolder }: FabricUriParts, uri: vscode.Uri): Promise<Item> {
    const item = (await this.items.paths(workspaceId)).itemAt(folders, itemFolder!);
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

/** The place a path of folder names leads to; FileNotFound (for `uri`) when a folder on the way is missing. */
function requirePlace(paths: WorkspacePaths, names: readonly string[], uri: vscode.Uri): Place {
  const at = paths.folderAt(names);
  if (!at) throw vscode.FileSystemError.FileNotFound(uri);
  return at.place;
}

function requireFolder(paths: WorkspacePaths, names: readonly string[], uri: vscode.Uri): Folder {
  const place = requirePlace(paths, names, uri);
  const folder = place && paths.folder(place);
  if (!folder) throw vscode.FileSystemError.FileNotFound(uri);
  return folder;
}

function refuseFolderName(name: string): void {
  const problem = folderNameProblem(name);
  if (problem) throw vscode.FileSystemError.NoPermissions(folderNameProblemText(problem));
}

/**
 * Fabric keeps folder names unique among siblings, whatever their case. The same name is FileExists
 * (VS Code's mkdir -p takes that as done); another case of it is a refusal that says why.
 */
function refuseTakenFolderName(paths: WorkspacePaths, parent: Place, name: string, except: Folder | undefined, uri: vscode.Uri): void {
  const taken = paths.entries(parent).folders.find((f) => f.id !== except?.id && f.displayName.toLowerCase() === name.toLowerCase());
  if (!taken) return;
  if (taken.displayName === name) throw vscode.FileSystemError.FileExists(uri);
  throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('A folder named "{0}" is already there.', taken.displayName));
}

/**
 * Item names are unique per type in the whole workspace: one at the same path is FileExists, one in
 * another folder a refusal that says where it is.
 */
function refuseTakenItemName(paths: WorkspacePaths, folders: readonly string[], itemFolder: string, uri: vscode.Uri): void {
  const taken = paths.item(itemFolder);
  if (!taken) return;
  if (paths.itemAt(folders, itemFolder)) throw vscode.FileSystemError.FileExists(uri);
  const where = paths.pathOf(paths.placeOf(taken));
  throw vscode.FileSystemError.NoPermissions(
    where
      ? vscode.l10n.t('"{0}" already exists in the folder {1}: item names are unique in a workspace.', itemFolder, where)
      : vscode.l10n.t('"{0}" already exists at the workspace\'s root: item names are unique in a workspace.', itemFolder),
  );
}

function keepTypeMessage(item: Item): string {
  return vscode.l10n.t('Keep the ".{0}" ending: an item\'s type cannot change.', item.type);
}

/** The item as it is after a move to `place`. */
function placedIn(item: Item, place: Place): Item {
  const { folderId: _old, ...rest } = item;
  return { ...rest, ...(place ? { folderId: place } : {}) };
}

function isRoot(parts: FabricUriParts): boolean {
  return !parts.folders.length && !parts.itemFolder;
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}
