// POST /workspaces/{id}/items/bulkExportDefinitions?beta=true (platform swagger,
// Items_Bulk_Export_Item_Definitions_(beta)): the definitions of several items in one long-running
// operation, every part under its item's root path (`/<folders>/<DisplayName>.<Type>`), listed
// with the item ids in `itemDefinitionsIndex`. Mode All exports every item that has a definition;
// Selective the listed ones, each named once, each with a definition.
import type { Item } from '../../fabric/types';
import { badRequest, notFound } from '../apiError';
import type { EmulatorContext } from '../context';
import { serveDefinition } from '../definitions';
import { itemRootPath } from '../folders';
import { hasDefinition } from '../../fabric/itemKinds';
import type { Router } from '../router';
import { longRunning } from './items';
import { requireWorkspace } from './workspaces';

export function bulkExportRoutes(router: Router, ctx: EmulatorContext, enabled: boolean): void {
  router.add('POST', '/workspaces/{workspaceId}/items/bulkExportDefinitions', ({ params, query, body, origin }) => {
    // A tenant without the beta answers as for an API it does not have.
    if (!enabled) throw notFound('EntityNotFound', 'API');
    if (query.get('beta')?.toLowerCase() !== 'true') throw badRequest('InvalidParameter', "This API is in beta: call it with the query parameter 'beta=true'.");
    const workspaceId = params.workspaceId!;
    requireWorkspace(ctx, workspaceId);
    const items = requestedItems(ctx, workspaceId, body);
    const index = items.map((item) => ({ id: item.id, rootPath: itemRootPath(ctx, item) }));
    const definitionParts = items.flatMap((item, i) =>
      serveDefinition(item, ctx.store.definition(item.id), undefined).parts.map((part) => ({ ...part, path: `${index[i]!.rootPath}/${part.path}` })),
    );
    return longRunning(ctx, origin, 200, { itemDefinitionsIndex: index, definitionParts });
  });
}

function requestedItems(ctx: EmulatorContext, workspaceId: string, body: unknown): Item[] {
  const { mode, items } = (body ?? {}) as { mode?: unknown; items?: unknown };
  if (mode === 'All') return ctx.store.items(workspaceId).filter((item) => hasDefinition(item.type));
  if (mode !== 'Selective') throw badRequest('InvalidInput', "mode is required: 'All' or 'Selective'.");
  if (!Array.isArray(items) || items.length === 0) throw badRequest('InvalidInput', 'The Selective mode needs \'items\': [{ "id": "<item id>" }, …].');
  const seen = new Set<string>();
  return items.map((entry: unknown) => {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw badRequest('InvalidInput', "Each entry of items needs the item's id.");
    if (seen.has(id)) throw badRequest('ItemReferencedMoreThanOnce', `The item ${id} is referenced more than once in the request.`);
    seen.add(id);
    const item = ctx.store.item(workspaceId, id);
    if (!item) throw notFound('ItemNotFound', 'item');
    if (!hasDefinition(item.type)) throw badRequest('OperationNotSupportedForItem', `${item.type} items have no definition to export (${item.displayName}).`);
    return item;
  });
}
