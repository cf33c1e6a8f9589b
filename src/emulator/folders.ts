// The folder model's rules, as Fabric applies them (platform swagger, Folders_* and Items_Move*;
// the name rules and the depth limit are those of Learn's "Create folders in workspaces" page,
// which the swagger links to): names follow the folder name requirements and are unique among
// siblings, folders nest at most ten deep, a folder is deleted only when empty, and a folder
// never moves into itself or below itself.
import { itemFolderName } from '../fabric/definition';
import { describeFolderNameProblem, folderNameProblem } from '../fabric/folderNames';
import type { Folder, Item } from '../fabric/types';
import { ApiError, badRequest } from './apiError';
import type { EmulatorContext } from './context';

/** "Maximum 10 level nested subfolders can be created." */
export const MAX_FOLDER_DEPTH = 10;

const folderNotFound = (): ApiError => new ApiError(404, 'FolderNotFound', 'The requested folder was not found in the workspace.');

export function requireFolder(ctx: EmulatorContext, workspaceId: string, folderId: string): Folder {
  const folder = ctx.store.folder(workspaceId, folderId);
  if (!folder) throw folderNotFound();
  return folder;
}

/**
 * The folder an optional `folderId`/`targetFolderId`/`parentFolderId` names: undefined, null or ''
 * is the workspace (fabric-cicd sends `folderId: ""` for an item at the root, and
 * `targetFolderId: ""` to move one back there, and Fabric takes both).
 */
export function targetFolder(ctx: EmulatorContext, workspaceId: string, folderId: unknown, field: string): Folder | undefined {
  if (folderId === undefined || folderId === null || folderId === '') return undefined;
  if (typeof folderId !== 'string') throw badRequest('InvalidInput', `${field} must be a folder id.`);
  return requireFolder(ctx, workspaceId, folderId);
}

const parentOf = (folder: Folder): string | undefined => folder.parentFolderId ?? undefined;

/** The folder and the folders above it, up to the workspace's root. */
function* pathUp(ctx: EmulatorContext, folder: Folder | undefined): Generator<Folder> {
  for (let f = folder; f; f = f.parentFolderId ? ctx.store.folder(f.workspaceId, f.parentFolderId) : undefined) yield f;
}

/** How deep the folder sits: 1 at the workspace's root. */
const depthOf = (ctx: EmulatorContext, folder: Folder | undefined): number => [...pathUp(ctx, folder)].length;

/** The folders directly in `parentId` (undefined: the workspace's root). */
export function childFolders(ctx: EmulatorContext, workspaceId: string, parentId: string | undefined): Folder[] {
  return ctx.store.folders(workspaceId).filter((f) => parentOf(f) === parentId);
}

/** The folders below `rootId` (undefined: the workspace), parents before their children. */
export function foldersUnder(ctx: EmulatorContext, workspaceId: string, rootId: string | undefined, recursive: boolean): Folder[] {
  const children = childFolders(ctx, workspaceId, rootId);
  return recursive ? children.flatMap((f) => [f, ...foldersUnder(ctx, workspaceId, f.id, true)]) : children;
}

/** How many levels the folder and its subfolders take (1 for a folder without subfolders). */
function heightOf(ctx: EmulatorContext, folder: Folder): number {
  return 1 + Math.max(0, ...childFolders(ctx, folder.workspaceId, folder.id).map((f) => heightOf(ctx, f)));
}

export function checkFolderName(displayName: unknown): string {
  if (typeof displayName !== 'string' || !displayName) throw badRequest('InvalidFolderDisplayName', 'displayName is required.');
  const problem = folderNameProblem(displayName);
  if (problem) throw badRequest('InvalidFolderDisplayName', `The folder name '${displayName}' ${describeFolderNameProblem(problem)}.`);
  return displayName;
}

function checkUniqueAmongSiblings(ctx: EmulatorContext, workspaceId: string, parentId: string | undefined, displayName: string, exceptId?: string): void {
  const taken = childFolders(ctx, workspaceId, parentId).some((f) => f.id !== exceptId && f.displayName.toLowerCase() === displayName.toLowerCase());
  if (taken) throw new ApiError(409, 'FolderDisplayNameAlreadyInUse', `A folder named '${displayName}' already exists there.`);
}

function checkDepth(levels: number): void {
  if (levels > MAX_FOLDER_DEPTH) throw badRequest('FolderDepthOutOfRange', `Folders nest at most ${MAX_FOLDER_DEPTH} levels deep.`);
}

export function validateNewFolder(ctx: EmulatorContext, workspaceId: string, displayName: unknown, parentFolderId: unknown): Omit<Folder, 'id'> {
  const name = checkFolderName(displayName);
  const parent = targetFolder(ctx, workspaceId, parentFolderId, 'parentFolderId');
  checkDepth(depthOf(ctx, parent) + 1);
  checkUniqueAmongSiblings(ctx, workspaceId, parent?.id, name);
  return { displayName: name, workspaceId, ...(parent ? { parentFolderId: parent.id } : {}) };
}

export function renamedFolder(ctx: EmulatorContext, folder: Folder, displayName: unknown): Folder {
  const name = checkFolderName(displayName);
  checkUniqueAmongSiblings(ctx, folder.workspaceId, parentOf(folder), name, folder.id);
  return { ...folder, displayName: name };
}

export function movedFolder(ctx: EmulatorContext, folder: Folder, targetFolderId: unknown): Folder {
  const target = targetFolder(ctx, folder.workspaceId, targetFolderId, 'targetFolderId');
  if ([...pathUp(ctx, target)].some((f) => f.id === folder.id)) {
    throw badRequest('InfiniteFolderHierarchyLoop', "A folder can't be moved into itself or any of its subfolders.");
  }
  checkDepth(depthOf(ctx, target) + heightOf(ctx, folder));
  checkUniqueAmongSiblings(ctx, folder.workspaceId, target?.id, folder.displayName, folder.id);
  const { parentFolderId: _old, ...rest } = folder;
  return { ...rest, ...(target ? { parentFolderId: target.id } : {}) };
}

/** Refuses deleting a folder that holds items or subfolders. */
export function checkEmpty(ctx: EmulatorContext, folder: Folder): void {
  const hasItems = ctx.store.items(folder.workspaceId).some((i) => i.folderId === folder.id);
  if (hasItems || childFolders(ctx, folder.workspaceId, folder.id).length) {
    throw badRequest('FolderNotEmpty', `The folder '${folder.displayName}' is not empty: move or delete what it holds first.`);
  }
}

/** Whether the item is in `rootId` (undefined: the workspace), directly or (recursive) in a subfolder. */
export function isItemUnder(ctx: EmulatorContext, item: Item, rootId: string | undefined, recursive: boolean): boolean {
  if (!recursive) return (item.folderId ?? undefined) === rootId;
  if (rootId === undefined) return true;
  const folder = item.folderId ? ctx.store.folder(item.workspaceId, item.folderId) : undefined;
  return [...pathUp(ctx, folder)].some((f) => f.id === rootId);
}

/** The item placed in `target` (undefined: the workspace's root). */
export function placedIn(item: Item, target: Folder | undefined): Item {
  const { folderId: _old, ...rest } = item;
  return { ...rest, ...(target ? { folderId: target.id } : {}) };
}

/** A boolean query parameter (`recursive`), `fallback` when absent. */
export function booleanQuery(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  if (value === null) return fallback;
  if (!/^(true|false)$/i.test(value)) throw badRequest('InvalidParameter', `${name} must be true or false.`);
  return value.toLowerCase() === 'true';
}

/** The `rootFolderId` and `recursive` of a list request, the root folder checked. */
export function listScope(ctx: EmulatorContext, workspaceId: string, query: URLSearchParams): { rootId: string | undefined; recursive: boolean } {
  const rootId = query.get('rootFolderId') ?? undefined;
  if (rootId !== undefined) requireFolder(ctx, workspaceId, rootId);
  return { rootId, recursive: booleanQuery(query, 'recursive', true) };
}

/** `/<folder>/<subfolder>/<DisplayName>.<Type>`, as the service names an item's root path (bulk export, Git: `name` is Git's directory name). */
export function itemRootPath(ctx: EmulatorContext, item: Item, name = itemFolderName(item.displayName, item.type)): string {
  const folder = item.folderId ? ctx.store.folder(item.workspaceId, item.folderId) : undefined;
  const folders = [...pathUp(ctx, folder)].reverse().map((f) => f.displayName);
  return `/${[...folders, name].join('/')}`;
}
