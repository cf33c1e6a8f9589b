// Where a workspace's folders and items sit in the `fabricwb` file system: each Fabric folder is a
// directory of its name, each item a `<DisplayName>.<Type>` directory in its folder
// (`Sales/Bronze/Load.Notebook`). Laid out from the two flat listings by folderLayout, as the
// Workspaces view lays them out in folder mode, so both show the same tree. A name that cannot be
// one path segment is left out: a folder whose name Fabric would refuse (a "." would read as an
// item folder, a "/" as two folders) is not shown and what it holds shows one level up, like an
// item of a folder not listed; an item whose folder name is not one segment (`../x`) is not shown.
import { itemFolderName } from '../fabric/definition';
import { folderNameProblem } from '../fabric/folderNames';
import type { Folder, Item } from '../fabric/types';
import { folderAndDescendants, folderPath, layOutFolders, type FolderLayout } from './folderLayout';
import { staysInside } from './localPaths';

/** A folder's id, or undefined for the workspace's root. */
export type Place = string | undefined;

export class WorkspacePaths {
  readonly folders: readonly Folder[];
  readonly items: readonly Item[];
  private readonly layout: FolderLayout;
  private readonly byItemFolder: Map<string, Item>;
  private readonly byId: Map<string, Item>;

  constructor(folders: readonly Folder[], items: readonly Item[]) {
    this.folders = folders.filter((f) => !folderNameProblem(f.displayName));
    this.items = items.filter((i) => staysInside(itemFolderName(i.displayName, i.type)));
    this.layout = layOutFolders(this.folders, this.items);
    this.byItemFolder = new Map(this.items.map((i) => [itemFolderName(i.displayName, i.type), i]));
    this.byId = new Map(this.items.map((i) => [i.id, i]));
  }

  /** The place a path of folder names leads to (`[]`: the root), or undefined when there is no such folder. */
  folderAt(names: readonly string[]): { place: Place } | undefined {
    let place: Place;
    for (const name of names) {
      const next = this.layout.folders(place).find((f) => f.displayName === name);
      if (!next) return undefined;
      place = next.id;
    }
    return { place };
  }

  folder(folderId: string): Folder | undefined {
    return this.layout.folder(folderId);
  }

  /** The item of a `<DisplayName>.<Type>` folder name, wherever it is (Fabric keeps names unique per type in a workspace). */
  item(itemFolder: string): Item | undefined {
    return this.byItemFolder.get(itemFolder);
  }

  /** The item at `folders/itemFolder`: only where it is, so each file has one URI. */
  itemAt(folders: readonly string[], itemFolder: string): Item | undefined {
    const item = this.item(itemFolder);
    if (!item) return undefined;
    const at = this.folderAt(folders);
    return at && this.placeOf(item) === at.place ? item : undefined;
  }

  /** Where an item or folder shows: its folder, or the root when that folder is not listed. */
  placeOf(entry: Item | Folder): Place {
    const id = 'type' in entry ? entry.folderId : entry.parentFolderId;
    return id && this.layout.folder(id) ? id : undefined;
  }

  /** The path of a place ("Sales/Bronze"; "" for the root). */
  pathOf(place: Place): string {
    return place ? folderPath(this.folders, place) : '';
  }

  /** The item folder's path ("Sales/Bronze/Load.Notebook"); found by id, so an item not listed (yet) is at the root. */
  itemPath(item: Pick<Item, 'id' | 'displayName' | 'type'>): string {
    const listed = this.byId.get(item.id);
    const folder = listed ? this.pathOf(this.placeOf(listed)) : '';
    return [folder, itemFolderName(item.displayName, item.type)].filter(Boolean).join('/');
  }

  /** The folders and items directly in a place, by name. */
  entries(place: Place): { folders: Folder[]; items: Item[] } {
    return { folders: this.layout.folders(place), items: this.layout.items(place) };
  }

  /** The items in a place or any folder below it. */
  itemsUnder(place: Place): Item[] {
    if (!place) return [...this.items];
    const below = folderAndDescendants(this.folders, place);
    return this.items.filter((i) => below.has(this.placeOf(i) ?? ''));
  }

  /** The listing after an item was created, changed or deleted (matched by id). */
  withItem(change: { removed?: Item; added?: Item }): WorkspacePaths {
    return new WorkspacePaths(this.folders, replaced(this.items, change.removed, change.added));
  }

  /** The listing after a folder was created, renamed, moved or deleted (matched by id). */
  withFolder(change: { removed?: Folder; added?: Folder }): WorkspacePaths {
    return new WorkspacePaths(replaced(this.folders, change.removed, change.added), this.items);
  }
}

function replaced<T extends { id: string }>(values: readonly T[], removed: T | undefined, added: T | undefined): T[] {
  const kept = values.filter((v) => v.id !== removed?.id && v.id !== added?.id);
  return added ? [...kept, added] : kept;
}
