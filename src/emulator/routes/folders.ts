// /folders (list, create, get, rename, delete, move) and moving items between folders
// (/items/{id}/move, /items/bulkMove), with the rules of ../folders.ts.
import { randomUUID } from 'node:crypto';
import { BULK_MOVE_LIMIT } from '../../fabric/client';
import type { Item } from '../../fabric/types';
import { badRequest } from '../apiError';
import type { EmulatorContext } from '../context';
import { checkEmpty, foldersUnder, listScope, movedFolder, placedIn, renamedFolder, requireFolder, targetFolder, validateNewFolder } from '../folders';
import { listUrl, pageOf } from '../paging';
import type { Router } from '../router';
import { requireItem } from './items';
import { requireWorkspace } from './workspaces';

export function folderRoutes(router: Router, ctx: EmulatorContext): void {
  const base = '/workspaces/{workspaceId}/folders';
  router.add('GET', base, ({ params, query, origin }) => {
    requireWorkspace(ctx, params.workspaceId!);
    const { rootId, recursive } = listScope(ctx, params.workspaceId!, query);
    const url = listUrl(`${origin}/v1/workspaces/${params.workspaceId}/folders`, query, ['rootFolderId', 'recursive']);
    return pageOf(foldersUnder(ctx, params.workspaceId!, rootId, recursive), query, ctx.pageSize, url);
  });
  router.add('POST', base, ({ params, body }) => {
    requireWorkspace(ctx, params.workspaceId!);
    const request = (body ?? {}) as { displayName?: unknown; parentFolderId?: unknown };
    const folder = { id: randomUUID(), ...validateNewFolder(ctx, params.workspaceId!, request.displayName, request.parentFolderId) };
    ctx.store.putFolder(folder);
    return { status: 201, body: folder };
  });
  router.add('GET', `${base}/{folderId}`, ({ params }) => {
    requireWorkspace(ctx, params.workspaceId!);
    return { status: 200, body: requireFolder(ctx, params.workspaceId!, params.folderId!) };
  });
  router.add('PATCH', `${base}/{folderId}`, ({ params, body }) => {
    requireWorkspace(ctx, params.workspaceId!);
    const folder = renamedFolder(ctx, requireFolder(ctx, params.workspaceId!, params.folderId!), (body as { displayName?: unknown } | undefined)?.displayName);
    ctx.store.putFolder(folder);
    return { status: 200, body: folder };
  });
  router.add('DELETE', `${base}/{folderId}`, ({ params }) => {
    requireWorkspace(ctx, params.workspaceId!);
    checkEmpty(ctx, requireFolder(ctx, params.workspaceId!, params.folderId!));
    ctx.store.deleteFolder(params.folderId!);
    return { status: 200 };
  });
  router.add('POST', `${base}/{folderId}/move`, ({ params, body }) => {
    requireWorkspace(ctx, params.workspaceId!);
    const folder = movedFolder(
      ctx,
      requireFolder(ctx, params.workspaceId!, params.folderId!),
      (body as { targetFolderId?: unknown } | undefined)?.targetFolderId,
    );
    ctx.store.putFolder(folder);
    return { status: 200, body: folder };
  });

  /** Moves the items (all or none: every id and the target are checked first). */
  const moveItems = (workspaceId: string, itemIds: string[], targetFolderId: unknown): Item[] => {
    requireWorkspace(ctx, workspaceId);
    const target = targetFolder(ctx, workspaceId, targetFolderId, 'targetFolderId');
    // An id named twice is one item moved once, listed once.
    const moved = [...new Set(itemIds)].map((id) => placedIn(requireItem(ctx, workspaceId, id), target));
    ctx.store.putItems(moved);
    return moved;
  };
  router.add('POST', '/workspaces/{workspaceId}/items/{itemId}/move', ({ params, body }) => ({
    status: 200,
    body: { value: moveItems(params.workspaceId!, [params.itemId!], (body as { targetFolderId?: unknown } | undefined)?.targetFolderId) },
  }));
  router.add('POST', '/workspaces/{workspaceId}/items/bulkMove', ({ params, body }) => {
    const { items, targetFolderId } = (body ?? {}) as { items?: unknown; targetFolderId?: unknown };
    if (!Array.isArray(items) || !items.length || !items.every((id) => typeof id === 'string'))
      throw badRequest('InvalidInput', 'items must list the ids of the items to move.');
    if (items.length > BULK_MOVE_LIMIT) throw badRequest('InvalidInput', `A single request can't contain more than ${BULK_MOVE_LIMIT} items.`);
    return { status: 200, body: { value: moveItems(params.workspaceId!, items as string[], targetFolderId) } };
  });
}
