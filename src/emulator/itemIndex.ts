// Items by workspace (in creation order, as lists answer) and by type and name (names are unique
// per type in a workspace, ignoring case): a list page or a create's name check reads one
// workspace's entries instead of scanning every item the emulator holds.
import type { Item } from '../fabric/types';

interface WorkspaceItems {
  byId: Map<string, Item>;
  byName: Map<string, Item>;
}

const nameKey = (type: string, displayName: string): string => `${type}\n${displayName.toLowerCase()}`;

export class ItemIndex {
  private readonly workspaces = new Map<string, WorkspaceItems>();

  constructor(items: Iterable<Item>) {
    for (const item of items) this.update(undefined, item);
  }

  items(workspaceId: string): Item[] {
    return [...this.iterate(workspaceId)];
  }

  /** The workspace's items in list order, without copying them (a list page reads only what it needs). */
  iterate(workspaceId: string): IterableIterator<Item> {
    return (this.workspaces.get(workspaceId)?.byId ?? new Map<string, Item>()).values();
  }

  named(workspaceId: string, type: string, displayName: string): Item | undefined {
    return this.workspaces.get(workspaceId)?.byName.get(nameKey(type, displayName));
  }

  /** Records that an item changed from `before` to `after` (undefined: created, or deleted). */
  update(before: Item | undefined, after: Item | undefined): void {
    if (before) {
      const entry = this.workspaces.get(before.workspaceId)!;
      const key = nameKey(before.type, before.displayName);
      if (entry.byName.get(key)?.id === before.id) entry.byName.delete(key);
      if (after?.workspaceId !== before.workspaceId) entry.byId.delete(before.id);
      if (entry.byId.size === 0) this.workspaces.delete(before.workspaceId);
    }
    if (after) {
      let entry = this.workspaces.get(after.workspaceId);
      if (!entry) this.workspaces.set(after.workspaceId, (entry = { byId: new Map(), byName: new Map() }));
      entry.byId.set(after.id, after); // an update keeps its place in the list
      entry.byName.set(nameKey(after.type, after.displayName), after);
    }
  }
}
