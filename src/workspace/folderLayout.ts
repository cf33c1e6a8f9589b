// Where a workspace's folders and items sit in folder mode, computed from the two flat listings
// (all folders, all items) the tree reads when a workspace expands: so a nested level shows
// without a request of its own, and the name filter sees into every folder.
import type { Folder, Item } from '../fabric/types';

export interface FolderLayout {
  /** The folders shown directly in `folderId` (undefined: the workspace's root), by name. */
  folders(folderId: string | undefined): Folder[];
  /** The items shown directly in `folderId`, by name. */
  items(folderId: string | undefined): Item[];
  folder(folderId: string): Folder | undefined;
}

const byName = (a: { displayName: string }, b: { displayName: string }) => a.displayName.localeCompare(b.displayName);

/**
 * Lays out the folders and items; `matches` (absent: everything shows) keeps the items and folders
 * whose names match, everything inside a matching folder, and the folders that lead to them. An
 * item in a folder the listing does not know (created since) shows at the root rather than not at all.
 */
export function layOutFolders(allFolders: readonly Folder[], allItems: readonly Item[], matches?: (name: string) => boolean): FolderLayout {
  const byId = new Map(allFolders.map((f) => [f.id, f]));
  const parentOf = (f: Folder) => (f.parentFolderId && byId.has(f.parentFolderId) ? f.parentFolderId : undefined);
  const placeOf = (i: Item) => (i.folderId && byId.has(i.folderId) ? i.folderId : undefined);
  // Bounded by the folder count: a listing caught mid-move cannot loop.
  const ancestors = function* (folderId: string | undefined): Generator<Folder> {
    let steps = 0;
    for (let f = folderId ? byId.get(folderId) : undefined; f && steps++ <= allFolders.length; f = byId.get(parentOf(f) ?? '')) yield f;
  };
  let folders = allFolders;
  let items = allItems;
  if (matches) {
    const inMatching = (folderId: string | undefined) => [...ancestors(folderId)].some((f) => matches(f.displayName));
    items = allItems.filter((i) => matches(i.displayName) || inMatching(placeOf(i)));
    const shown = new Set<string>();
    for (const start of [...allFolders.filter((f) => inMatching(f.id)).map((f) => f.id), ...items.map(placeOf)])
      for (const f of ancestors(start)) shown.add(f.id);
    folders = allFolders.filter((f) => shown.has(f.id));
  }
  const group = <T>(values: readonly T[], place: (v: T) => string | undefined) => {
    const map = new Map<string | undefined, T[]>();
    for (const v of values) {
      const key = place(v);
      const list = map.get(key);
      if (list) list.push(v);
      else map.set(key, [v]);
    }
    return map;
  };
  const foldersIn = group(folders, parentOf);
  const itemsIn = group(items, placeOf);
  return {
    folders: (folderId) => [...(foldersIn.get(folderId) ?? [])].sort(byName),
    items: (folderId) => [...(itemsIn.get(folderId) ?? [])].sort(byName),
    folder: (folderId) => byId.get(folderId),
  };
}

/** The folder and every folder below it: where a folder cannot move (a move there makes a cycle). */
export function folderAndDescendants(allFolders: readonly Folder[], folderId: string): Set<string> {
  const found = new Set([folderId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const f of allFolders) if (f.parentFolderId && found.has(f.parentFolderId) && !found.has(f.id)) grew = !!found.add(f.id);
  }
  return found;
}

/** Each folder's path from the workspace's root, as names (`['Sales', 'Bronze']`), by folder id. */
export function folderNamePaths(allFolders: readonly Folder[]): Map<string, string[]> {
  const byId = new Map(allFolders.map((f) => [f.id, f]));
  return new Map(allFolders.map((f) => [f.id, namesUp(byId, f.id)]));
}

/** "Sales/Bronze" for a folder: its path from the workspace's root. */
export function folderPath(allFolders: readonly Folder[], folderId: string): string {
  return namesUp(new Map(allFolders.map((f) => [f.id, f])), folderId).join('/');
}

/** The names from the root down to the folder; bounded by the folder count, so a listing caught mid-move cannot loop. */
function namesUp(byId: ReadonlyMap<string, Folder>, folderId: string): string[] {
  const names: string[] = [];
  for (let f = byId.get(folderId); f && names.length <= byId.size; f = f.parentFolderId ? byId.get(f.parentFolderId) : undefined) names.unshift(f.displayName);
  return names;
}
