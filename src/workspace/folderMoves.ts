// Moving items and folders within a workspace, for "Move to Folder…" and drag and drop alike:
// checked before any request (one workspace; no folder into itself or below itself), then the
// items in bulk (Fabric's 50 a request, through the client) and the folders one by one.
import type { Folder } from '../fabric/types';
import type { CallOptions } from './explorerClient';
import { folderAndDescendants } from './folderLayout';

/** What is moved: an item, or a folder (with everything in it). */
export interface Movable {
  kind: 'item' | 'folder';
  workspaceId: string;
  id: string;
  /** Where it is now (undefined: the workspace's root). */
  folderId?: string;
  name: string;
}

export interface MoveClient {
  moveItems(workspaceId: string, itemIds: readonly string[], targetFolderId: string | undefined, call?: CallOptions): Promise<unknown>;
  moveFolder(workspaceId: string, folderId: string, targetFolderId: string | undefined, call?: CallOptions): Promise<unknown>;
}

/** Why a move is refused before any request; `name` is the item or folder concerned. */
export type MoveRefusal = { reason: 'otherWorkspace'; name: string } | { reason: 'cycle'; name: string };

export interface MovePlan {
  workspaceId: string;
  /** undefined: the workspace's root. */
  targetFolderId: string | undefined;
  itemIds: string[];
  folderIds: string[];
}

/**
 * The move of `sources` into `targetFolderId` (undefined: the root) of `workspaceId`, or why it is
 * refused. What already sits there is left out (an empty plan moves nothing).
 */
export function planMove(
  sources: readonly Movable[],
  workspaceId: string,
  targetFolderId: string | undefined,
  folders: readonly Folder[],
): MovePlan | MoveRefusal {
  const plan: MovePlan = { workspaceId, targetFolderId, itemIds: [], folderIds: [] };
  for (const source of sources) {
    if (source.workspaceId !== workspaceId) return { reason: 'otherWorkspace', name: source.name };
    if (source.kind === 'folder' && targetFolderId && folderAndDescendants(folders, source.id).has(targetFolderId))
      return { reason: 'cycle', name: source.name };
    if ((source.folderId ?? undefined) === targetFolderId) continue;
    (source.kind === 'item' ? plan.itemIds : plan.folderIds).push(source.id);
  }
  return plan;
}

/** Carries out a plan: the items in bulk, then each folder. */
export async function executeMove(client: MoveClient, plan: MovePlan, call: CallOptions = {}): Promise<void> {
  if (plan.itemIds.length) await client.moveItems(plan.workspaceId, plan.itemIds, plan.targetFolderId, call);
  for (const folderId of plan.folderIds) await client.moveFolder(plan.workspaceId, folderId, plan.targetFolderId, call);
}

export function isRefusal(result: MovePlan | MoveRefusal): result is MoveRefusal {
  return 'reason' in result;
}
