// Git_GetStatus's item changes as the two groups the Source Control view shows: what the
// workspace has that Git does not (uncommitted) and what Git has that the workspace does not
// (incoming). An item changed on both sides is in both, marked as a conflict; one changed the
// same way on both (SameChanges) needs nothing and shows nowhere.
import { itemFolderName } from '../fabric/definition';
import type { GitChangeType, GitItemChange, GitItemIdentifier, GitStatusResponse } from '../fabric/types';

export type GitChangeKind = 'added' | 'modified' | 'deleted';

export interface GitChangeEntry {
  /** The logical id when there is one (stable across workspace and Git), else the object id. */
  key: string;
  identifier: GitItemIdentifier;
  displayName: string;
  itemType: string;
  /** `<DisplayName>.<Type>`: the item's folder in Git and under `fabricwb://<workspace>/`. */
  itemFolder: string;
  change: GitChangeKind;
  conflict: boolean;
}

export interface GitChangeGroups {
  uncommitted: GitChangeEntry[];
  incoming: GitChangeEntry[];
}

const KINDS: Record<string, GitChangeKind> = { Added: 'added', Modified: 'modified', Deleted: 'deleted' };

function entry(change: GitItemChange, side: GitChangeType): GitChangeEntry {
  const { itemIdentifier, displayName, itemType } = change.itemMetadata;
  return {
    key: itemIdentifier.logicalId ?? itemIdentifier.objectId ?? `${itemType}/${displayName}`,
    identifier: itemIdentifier,
    displayName,
    itemType,
    itemFolder: itemFolderName(displayName, itemType),
    // A change type added to the API later reads as a modification.
    change: KINDS[side] ?? 'modified',
    conflict: change.conflictType === 'Conflict',
  };
}

const byName = (a: GitChangeEntry, b: GitChangeEntry): number => a.displayName.localeCompare(b.displayName) || a.itemType.localeCompare(b.itemType);

export function groupGitChanges(status: Pick<GitStatusResponse, 'changes'> | undefined): GitChangeGroups {
  const changes = (status?.changes ?? []).filter((c) => c.conflictType !== 'SameChanges');
  return {
    uncommitted: changes.flatMap((c) => (c.workspaceChange ? [entry(c, c.workspaceChange)] : [])).sort(byName),
    incoming: changes.flatMap((c) => (c.remoteChange ? [entry(c, c.remoteChange)] : [])).sort(byName),
  };
}
