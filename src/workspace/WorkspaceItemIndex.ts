// Resolves `<DisplayName>.<Type>` folder names of the `fabricwb` file system to items. A workspace's
// items are listed (all pages) once and shared by concurrent callers until invalidated.
import { itemFolderName } from '../fabric/definition';
import type { Item } from '../fabric/types';
import type { ExplorerClient } from './explorerClient';
import { staysInside } from './localPaths';

export class WorkspaceItemIndex {
  private readonly workspaces = new Map<string, Promise<Map<string, Item>>>();

  constructor(private readonly getClient: () => ExplorerClient) {}

  /** The workspace's items by folder name. */
  folders(workspaceId: string): Promise<Map<string, Item>> {
    let entry = this.workspaces.get(workspaceId);
    if (!entry) {
      entry = this.list(workspaceId);
      this.workspaces.set(workspaceId, entry);
      entry.catch(() => {
        if (this.workspaces.get(workspaceId) === entry) this.workspaces.delete(workspaceId);
      });
    }
    return entry;
  }

  async find(workspaceId: string, folder: string): Promise<Item | undefined> {
    return (await this.folders(workspaceId)).get(folder);
  }

  /** Records an item created, renamed or deleted through this window without a new listing. */
  async update(workspaceId: string, change: { removed?: Item; added?: Item }): Promise<void> {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return;
    const folders = await entry.catch(() => undefined);
    if (!folders) return;
    if (change.removed) folders.delete(itemFolderName(change.removed.displayName, change.removed.type));
    if (change.added) folders.set(itemFolderName(change.added.displayName, change.added.type), change.added);
  }

  invalidate(workspaceId?: string): void {
    if (workspaceId === undefined) this.workspaces.clear();
    else this.workspaces.delete(workspaceId);
  }

  private async list(workspaceId: string): Promise<Map<string, Item>> {
    const folders = new Map<string, Item>();
    for await (const item of this.getClient().listItems(workspaceId)) {
      const folder = itemFolderName(item.displayName, item.type);
      // A name with a "/" (e.g. "../victim") would not be one folder: VS Code would resolve it to
      // another item's folder. Such items are left out of the file system.
      if (staysInside(folder)) folders.set(folder, { ...item, workspaceId: item.workspaceId ?? workspaceId });
    }
    return folders;
  }
}
