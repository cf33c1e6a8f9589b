// The listings behind the `fabricwb` file system: a workspace's items and its folders of every
// level, each listed (all pages, side by side) once and shared by concurrent callers until
// invalidated, as WorkspacePaths. The last listing of each workspace is also kept for the
// synchronous question "what is this item's path", which events about items ask.
import { iteratePages } from '../fabric/paging';
import type { Folder, Item } from '../fabric/types';
import type { ExplorerClient } from './explorerClient';
import { WorkspacePaths } from './WorkspacePaths';

export class WorkspaceItemIndex {
  private readonly workspaces = new Map<string, Promise<WorkspacePaths>>();
  /** The last listing of each workspace, kept through invalidation: a hint for `itemPath`. */
  private readonly lastKnown = new Map<string, WorkspacePaths>();

  constructor(private readonly getClient: () => ExplorerClient) {}

  /** The workspace's folders and items. */
  paths(workspaceId: string): Promise<WorkspacePaths> {
    return this.workspaces.get(workspaceId) ?? this.track(workspaceId, this.list(workspaceId));
  }

  async find(workspaceId: string, itemFolder: string): Promise<Item | undefined> {
    return (await this.paths(workspaceId)).item(itemFolder);
  }

  /**
   * The item folder's path ("Sales/Load.Notebook") in the workspace's last listing; an item not
   * listed yet is taken to be at the root.
   */
  itemPath(item: Pick<Item, 'workspaceId' | 'id' | 'displayName' | 'type'>): string {
    return (this.lastKnown.get(item.workspaceId) ?? EMPTY).itemPath(item);
  }

  /** Records a change made through this window, after the listing (if any) it applies to; no new listing. */
  async update(workspaceId: string, change: (paths: WorkspacePaths) => WorkspacePaths): Promise<void> {
    const entry = this.workspaces.get(workspaceId);
    if (entry) await this.track(workspaceId, entry.then(change)).catch(() => undefined);
  }

  invalidate(workspaceId?: string): void {
    if (workspaceId === undefined) this.workspaces.clear();
    else this.workspaces.delete(workspaceId);
  }

  /** Makes `entry` the workspace's listing: remembered once it arrives, forgotten if it fails. */
  private track(workspaceId: string, entry: Promise<WorkspacePaths>): Promise<WorkspacePaths> {
    this.workspaces.set(workspaceId, entry);
    entry.then(
      (paths) => {
        if (this.workspaces.get(workspaceId) === entry) this.lastKnown.set(workspaceId, paths);
      },
      () => {
        if (this.workspaces.get(workspaceId) === entry) this.workspaces.delete(workspaceId);
      },
    );
    return entry;
  }

  private async list(workspaceId: string): Promise<WorkspacePaths> {
    const client = this.getClient();
    const all = async <T>(values: AsyncIterable<T>) => {
      const found: T[] = [];
      for await (const value of values) found.push(value);
      return found;
    };
    const [items, folders] = await Promise.all([
      all(client.listItems(workspaceId)),
      all(iteratePages<Folder>((continuationToken) => client.listFoldersPage(workspaceId, { continuationToken }))),
    ]);
    return new WorkspacePaths(
      folders,
      items.map((item) => ({ ...item, workspaceId: item.workspaceId ?? workspaceId })),
    );
  }
}

const EMPTY = new WorkspacePaths([], []);
