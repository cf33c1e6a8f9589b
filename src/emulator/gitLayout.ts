// Items as Fabric Git integration lays them out in the connected folder: one folder per item,
// `<folders…>/<DisplayName>.<Type>/`, holding the definition's parts and a `.platform` with the
// item's type, name and logical id (the id that stays the same across workspaces and Git). The
// status compares three snapshots by logical id: the commit the workspace was synced to (base),
// the branch's head (remote) and the workspace's items.
import { createHash } from 'node:crypto';
import {
  DefinitionError,
  decodeDefinition,
  gitItemFolderName,
  parseItemFolderName,
  parsePlatformFile,
  PLATFORM_FILE,
  writePlatformFile,
} from '../fabric/definition';
import type { GitChangeType, GitItemChange, Item } from '../fabric/types';
import type { EmulatorContext } from './context';
import { serveDefinition } from './definitions';
import { hasDefinition } from '../fabric/itemKinds';
import { itemRootPath } from './folders';

/** An item as Git sees it. */
export interface GitItem {
  logicalId: string;
  type: string;
  displayName: string;
  description?: string;
  /** Its folder, relative to the connected folder: `Team/Load.DataPipeline`. */
  folder: string;
  /** The definition's parts but `.platform`, by path relative to `folder`. */
  files: Map<string, Uint8Array>;
  /** The workspace item, on the workspace's side. */
  item?: Item;
}

/** Snapshot by logical id. */
export type GitItems = Map<string, GitItem>;

/** The items of a commit's files (relative to the connected folder): every folder with a `.platform`. */
export function itemsOfFiles(files: ReadonlyMap<string, Uint8Array>): GitItems {
  const items: GitItems = new Map();
  const folders = [...files.keys()].filter((file) => file.endsWith(`/${PLATFORM_FILE}`)).map((file) => file.slice(0, -PLATFORM_FILE.length - 1));
  for (const folder of folders) {
    const named = parseItemFolderName(folder.slice(folder.lastIndexOf('/') + 1));
    let platform;
    try {
      platform = parsePlatformFile(Buffer.from(files.get(`${folder}/${PLATFORM_FILE}`)!).toString('utf8'));
    } catch (error) {
      // Someone pushed a broken `.platform`: not an item Fabric would read.
      if (error instanceof DefinitionError) continue;
      throw error;
    }
    const content = new Map<string, Uint8Array>();
    for (const [file, bytes] of files)
      if (file.startsWith(`${folder}/`) && file !== `${folder}/${PLATFORM_FILE}`) content.set(file.slice(folder.length + 1), bytes);
    const logicalId = platform.logicalId ?? derivedLogicalId(folder);
    items.set(logicalId, {
      logicalId,
      type: platform.type,
      displayName: platform.displayName ?? named?.displayName ?? folder,
      ...(platform.description ? { description: platform.description } : {}),
      folder,
      files: content,
    });
  }
  return items;
}

/** A pushed `.platform` without a logical id: one derived from its folder, stable across reads. */
function derivedLogicalId(folder: string): string {
  const hex = createHash('sha256').update(folder).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The workspace's items that have a definition, as Git would hold them (notebooks in their Git source format). */
export function itemsOfWorkspace(ctx: EmulatorContext, workspaceId: string): GitItems {
  const items: GitItems = new Map();
  for (const item of ctx.store.items(workspaceId)) {
    if (!hasDefinition(item.type)) continue;
    const files = new Map<string, Uint8Array>();
    let logicalId = item.id;
    for (const file of decodeDefinition(serveDefinition(item, ctx.store.definition(item.id), 'fabricGitSource'))) {
      if (file.path === PLATFORM_FILE) logicalId = parsePlatformFile(Buffer.from(file.content).toString('utf8')).logicalId ?? item.id;
      else files.set(file.path, file.content);
    }
    const folder = itemRootPath(ctx, item, gitItemFolderName(item.displayName, item.type)).slice(1);
    items.set(logicalId, { logicalId, type: item.type, displayName: item.displayName, description: item.description || undefined, folder, files, item });
  }
  return items;
}

/** The item's files in Git, `.platform` included, relative to the connected folder. */
export function filesOfItem(item: GitItem): Map<string, Uint8Array> {
  const platform = writePlatformFile({ type: item.type, displayName: item.displayName, description: item.description, logicalId: item.logicalId });
  const files = new Map<string, Uint8Array>([[`${item.folder}/${PLATFORM_FILE}`, Buffer.from(platform, 'utf8')]]);
  for (const [file, bytes] of item.files) files.set(`${item.folder}/${file}`, bytes);
  return files;
}

/**
 * The workspace folders holding the item, as names from the root: its directory's parents
 * (`Team/Bronze/Load.DataPipeline` → Team, Bronze).
 */
export const folderNamesOf = (item: GitItem): string[] => item.folder.split('/').slice(0, -1);

/**
 * The same item on both sides: type, name, description, every part, and the folder it sits in
 * (Learn, "Basic concepts in Git integration": a workspace whose folders differ from Git's
 * directories has changes). Folder names compare ignoring case, as Fabric compares them. The item
 * directory's own name is not compared: Git integration never renames it, and renaming it in Git
 * "doesn't cause an incoming change" (Learn, "Git integration source code format").
 */
export function sameItem(a: GitItem, b: GitItem): boolean {
  if (a.type !== b.type || a.displayName !== b.displayName || (a.description ?? '') !== (b.description ?? '') || a.files.size !== b.files.size) return false;
  if (folderNamesOf(a).join('/').toLowerCase() !== folderNamesOf(b).join('/').toLowerCase()) return false;
  for (const [file, bytes] of a.files) {
    const other = b.files.get(file);
    if (!other || Buffer.compare(Buffer.from(bytes), Buffer.from(other)) !== 0) return false;
  }
  return true;
}

function changeOf(before: GitItem | undefined, after: GitItem | undefined): GitChangeType | undefined {
  if (!before) return after ? 'Added' : undefined;
  if (!after) return 'Deleted';
  return sameItem(before, after) ? undefined : 'Modified';
}

/**
 * A workspace item Git does not know by its logical id but holds under the same type and name
 * (a workspace connected to a folder that already has content) is that item: it takes Git's id.
 */
export function matchByName(workspace: GitItems, base: GitItems, remote: GitItems): GitItems {
  const known = new Set([...base.keys(), ...remote.keys()]);
  const claimed = new Set(workspace.keys());
  const matched: GitItems = new Map();
  for (const [logicalId, item] of workspace) {
    const namesake = known.has(logicalId)
      ? undefined
      : [...remote.values()].find((r) => !claimed.has(r.logicalId) && r.type === item.type && r.displayName.toLowerCase() === item.displayName.toLowerCase());
    if (namesake) claimed.add(namesake.logicalId);
    matched.set(namesake?.logicalId ?? logicalId, namesake ? { ...item, logicalId: namesake.logicalId } : item);
  }
  return matched;
}

/** One item's three sides and its change on each. */
export interface ItemComparison {
  logicalId: string;
  base?: GitItem;
  remote?: GitItem;
  workspace?: GitItem;
  change: GitItemChange;
}

/** The items changed in the workspace or in Git since `base`, in Git_GetStatus's shape. */
export function compare(base: GitItems, remote: GitItems, workspace: GitItems): ItemComparison[] {
  const comparisons: ItemComparison[] = [];
  for (const logicalId of new Set([...base.keys(), ...remote.keys(), ...workspace.keys()])) {
    const [b, r, w] = [base.get(logicalId), remote.get(logicalId), workspace.get(logicalId)];
    const workspaceChange = changeOf(b, w);
    const remoteChange = changeOf(b, r);
    if (!workspaceChange && !remoteChange) continue;
    const both = workspaceChange && remoteChange;
    const same = both && (w && r ? sameItem(w, r) : !w && !r);
    const shown = w ?? r ?? b!;
    comparisons.push({
      logicalId,
      base: b,
      remote: r,
      workspace: w,
      change: {
        itemMetadata: {
          itemIdentifier: { ...(w?.item ? { objectId: w.item.id } : {}), logicalId },
          itemType: shown.type,
          displayName: shown.displayName,
        },
        ...(remoteChange ? { remoteChange } : {}),
        ...(workspaceChange ? { workspaceChange } : {}),
        conflictType: !both ? 'None' : same ? 'SameChanges' : 'Conflict',
      },
    });
  }
  return comparisons;
}
