// Items and their definitions, under /items and the type-specific aliases (/notebooks,
// /dataPipelines, /dataflows, …), which have the same contract with the type implied.
import { randomUUID } from 'node:crypto';
import type { Item } from '../../fabric/types';
import { ApiError, badRequest, notFound } from '../apiError';
import type { EmulatorContext } from '../context';
import { acceptDefinition, platformMetadata, serveDefinition } from '../definitions';
import { hasDefinition } from '../../fabric/itemKinds';
import { isItemUnder, listScope, targetFolder } from '../folders';
import { isKnownItemType } from '../itemTypes';
import { listUrl, pageOf } from '../paging';
import type { Reply, Request, Router } from '../router';
import { requireWorkspace } from './workspaces';

/** Collection path segment → the item type it implies (undefined for /items). */
export const ITEM_COLLECTIONS: Record<string, string | undefined> = {
  items: undefined,
  notebooks: 'Notebook',
  dataPipelines: 'DataPipeline',
  dataflows: 'Dataflow',
  sparkJobDefinitions: 'SparkJobDefinition',
  lakehouses: 'Lakehouse',
  semanticModels: 'SemanticModel',
  reports: 'Report',
  environments: 'Environment',
};

export function requireItem(ctx: EmulatorContext, workspaceId: string, itemId: string, impliedType?: string): Item {
  requireWorkspace(ctx, workspaceId);
  const item = ctx.store.item(workspaceId, itemId);
  if (!item || (impliedType && item.type !== impliedType)) throw notFound('ItemNotFound', 'item');
  return item;
}

function checkDisplayName(ctx: EmulatorContext, workspaceId: string, type: string, displayName: unknown, exceptId?: string): string {
  if (typeof displayName !== 'string' || !displayName.trim()) throw badRequest('InvalidInput', 'displayName is required.');
  if (displayName.length > 256) throw badRequest('InvalidInput', 'displayName must be at most 256 characters.');
  const namesake = ctx.store.itemNamed(workspaceId, type, displayName);
  if (namesake && namesake.id !== exceptId)
    throw badRequest('ItemDisplayNameAlreadyInUse', `Requested '${displayName}' is already in use by another ${type} in this workspace.`);
  return displayName;
}

function checkDescription(description: unknown): string | undefined {
  if (description === undefined) return undefined;
  if (typeof description !== 'string' || description.length > 256) throw badRequest('InvalidInput', 'description must be a string of at most 256 characters.');
  return description;
}

/** Answers at once (sync mode) or through a long-running operation (async mode). */
export function longRunning(ctx: EmulatorContext, origin: string, status: number, result: unknown): Reply {
  if (ctx.lroMode === 'sync') return { status, body: result };
  const operation = ctx.operations.start(result);
  return {
    status: 202,
    headers: { Location: `${origin}/v1/operations/${operation.id}`, 'x-ms-operation-id': operation.id, 'Retry-After': '1' },
  };
}

export function createItem(ctx: EmulatorContext, workspaceId: string, body: Record<string, unknown>, impliedType?: string): Item {
  requireWorkspace(ctx, workspaceId);
  const type = impliedType ?? body.type;
  if (typeof type !== 'string' || !isKnownItemType(type)) throw badRequest('InvalidItemType', `'${String(type)}' is not an item type Fabric knows.`);
  if (body.definition !== undefined && body.creationPayload !== undefined) {
    throw badRequest('RequestWithDefinitionAndCreationPayloadNotSupported', 'Send either a definition or a creationPayload, not both.');
  }
  const displayName = checkDisplayName(ctx, workspaceId, type, body.displayName);
  const description = checkDescription(body.description) ?? '';
  const folder = targetFolder(ctx, workspaceId, body.folderId, 'folderId');
  const definition = body.definition === undefined ? undefined : acceptDefinition(type, body.definition);
  const item: Item = { id: randomUUID(), type, displayName, description, workspaceId, ...(folder ? { folderId: folder.id } : {}) };
  ctx.store.putItem(item, definition);
  return item;
}

export function itemRoutes(router: Router, ctx: EmulatorContext): void {
  for (const [collection, impliedType] of Object.entries(ITEM_COLLECTIONS)) {
    const base = `/workspaces/{workspaceId}/${collection}`;
    router.add('GET', base, ({ params, query, origin }: Request) => {
      requireWorkspace(ctx, params.workspaceId!);
      const type = impliedType ?? query.get('type') ?? undefined;
      if (type && !isKnownItemType(type)) throw badRequest('InvalidItemType', `'${type}' is not an item type Fabric knows.`);
      const { rootId, recursive } = listScope(ctx, params.workspaceId!, query);
      const all = ctx.store.iterateItems(params.workspaceId!);
      const everything = !type && recursive && rootId === undefined;
      const items = everything ? all : filtered(all, (i) => (!type || i.type === type) && isItemUnder(ctx, i, rootId, recursive));
      const url = listUrl(`${origin}/v1/workspaces/${params.workspaceId}/${collection}`, query, [
        ...(impliedType ? [] : ['type']),
        'rootFolderId',
        'recursive',
      ]);
      return pageOf(items, query, ctx.pageSize, url);
    });
    router.add('POST', base, ({ params, body, origin }) => {
      const item = createItem(ctx, params.workspaceId!, (body ?? {}) as Record<string, unknown>, impliedType);
      return longRunning(ctx, origin, 201, item);
    });
    router.add('GET', `${base}/{itemId}`, ({ params }) => ({ status: 200, body: requireItem(ctx, params.workspaceId!, params.itemId!, impliedType) }));
    router.add('PATCH', `${base}/{itemId}`, ({ params, body }) => {
      const item = { ...requireItem(ctx, params.workspaceId!, params.itemId!, impliedType) };
      const change = (body ?? {}) as { displayName?: unknown; description?: unknown };
      if (change.displayName === undefined && change.description === undefined)
        throw badRequest('InvalidRequest', 'Send a displayName or a description to change.');
      if (change.displayName !== undefined) item.displayName = checkDisplayName(ctx, item.workspaceId, item.type, change.displayName, item.id);
      if (change.description !== undefined) item.description = checkDescription(change.description);
      ctx.store.putItem(item);
      return { status: 200, body: item };
    });
    router.add('DELETE', `${base}/{itemId}`, ({ params }) => {
      requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      ctx.store.deleteItem(params.itemId!);
      return { status: 200 };
    });
    router.add('POST', `${base}/{itemId}/getDefinition`, ({ params, query, origin }) => {
      const item = requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      if (!hasDefinition(item.type)) throw badRequest('OperationNotSupportedForItem', `${item.type} items have no definition to get.`);
      const format = query.get('format') ?? undefined;
      if (format && item.type === 'Notebook' && !['ipynb', 'fabricgitsource'].includes(format.toLowerCase())) {
        throw badRequest('InvalidDefinitionFormat', `'${format}' is not a notebook definition format; use ipynb or fabricGitSource.`);
      }
      return longRunning(ctx, origin, 200, { definition: serveDefinition(item, ctx.store.definition(item.id), format) });
    });
    router.add('POST', `${base}/{itemId}/updateDefinition`, ({ params, query, body, origin }) => {
      const item = { ...requireItem(ctx, params.workspaceId!, params.itemId!, impliedType) };
      if (!hasDefinition(item.type)) throw badRequest('OperationNotSupportedForItem', `${item.type} items have no definition to update.`);
      const definition = acceptDefinition(item.type, (body as { definition?: unknown } | undefined)?.definition);
      if (query.get('updateMetadata')?.toLowerCase() === 'true') {
        const metadata = platformMetadata(definition);
        if (metadata?.displayName !== undefined) item.displayName = checkDisplayName(ctx, item.workspaceId, item.type, metadata.displayName, item.id);
        if (metadata?.description !== undefined) item.description = checkDescription(metadata.description);
        ctx.store.putItem(item, definition);
      } else {
        ctx.store.putDefinition(item.id, definition);
      }
      return longRunning(ctx, origin, 200, undefined);
    });
  }

  router.add('GET', '/operations/{operationId}', ({ params, origin }) => {
    const operation = ctx.operations.get(params.operationId!);
    if (!operation) throw notFound('OperationNotFound', 'operation');
    // One reading of the clock for the state and its headers: read apart, an operation ending in
    // between was answered "Succeeded" with a Location back to itself instead of to its result.
    const state = ctx.operations.state(operation);
    const headers: Record<string, string> = { 'x-ms-operation-id': operation.id };
    if (state.status !== 'Succeeded') Object.assign(headers, { Location: `${origin}/v1/operations/${operation.id}`, 'Retry-After': '1' });
    else if (operation.result !== undefined) headers.Location = `${origin}/v1/operations/${operation.id}/result`;
    return { status: 200, body: state, headers };
  });
  router.add('GET', '/operations/{operationId}/result', ({ params }) => {
    const operation = ctx.operations.get(params.operationId!);
    if (!operation) throw notFound('OperationNotFound', 'operation');
    if (!ctx.operations.isDone(operation)) throw badRequest('OperationNotSucceeded', 'The operation has not succeeded yet.');
    if (operation.result === undefined) throw new ApiError(400, 'OperationHasNoResult', 'The operation has no result.');
    return { status: 200, body: operation.result };
  });
}

function* filtered<T>(values: Iterable<T>, keep: (value: T) => boolean): Generator<T> {
  for (const value of values) if (keep(value)) yield value;
}
