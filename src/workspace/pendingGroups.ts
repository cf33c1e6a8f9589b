// The pending changes as the Source Control view lists them: one entry per item, with its changed
// parts. Items come by name (then type and id, so two items of one name keep a stable order), parts
// by path; this order is also the order in which "Publish all" goes through the items.
import type { PendingChange, PendingItem } from './PendingChanges';

export interface ItemChanges {
  item: PendingItem;
  parts: PendingChange[];
}

export function groupByItem(changes: readonly PendingChange[]): ItemChanges[] {
  const byItem = new Map<string, ItemChanges>();
  for (const change of changes) {
    const key = itemKey(change.item);
    const group = byItem.get(key) ?? { item: change.item, parts: [] };
    group.parts.push(change);
    byItem.set(key, group);
  }
  const groups = [...byItem.values()].sort(
    (a, b) => a.item.displayName.localeCompare(b.item.displayName) || a.item.type.localeCompare(b.item.type) || a.item.id.localeCompare(b.item.id),
  );
  for (const group of groups) group.parts.sort((a, b) => a.path.localeCompare(b.path));
  return groups;
}

/** Identifies an item across workspaces. */
export function itemKey(item: Pick<PendingItem, 'workspaceId' | 'id'>): string {
  return `${item.workspaceId}/${item.id}`;
}
