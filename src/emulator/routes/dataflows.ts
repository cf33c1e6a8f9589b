// Items_DiscoverDataflowParameters: GET …/dataflows/{dataflowId}/parameters, read from the
// parameter queries of the dataflow's mashup.pq; a dataflow without any is not parametric (400).
import { decodeDefinition, extractDataflowParameters, fileText } from '../../fabric/definition';
import { badRequest } from '../apiError';
import type { EmulatorContext } from '../context';
import { pageOf } from '../paging';
import type { Router } from '../router';
import { serveDefinition } from '../definitions';
import { requireItem } from './items';

export function dataflowRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('GET', '/workspaces/{workspaceId}/dataflows/{dataflowId}/parameters', ({ params, query, origin }) => {
    const item = requireItem(ctx, params.workspaceId!, params.dataflowId!, 'Dataflow');
    const mashup = decodeDefinition(serveDefinition(item, ctx.store.definition(item.id), undefined)).find((f) => f.path === 'mashup.pq');
    const parameters = mashup ? extractDataflowParameters(fileText(mashup)) : [];
    if (parameters.length === 0)
      throw badRequest('DataflowNotParametricError', `The dataflow "${item.displayName}" is not parametric: its mashup.pq has no parameter query.`);
    return pageOf(parameters, query, ctx.pageSize, `${origin}/v1/workspaces/${params.workspaceId}/dataflows/${params.dataflowId}/parameters`);
  });
}
