// The parameters an item declares for a job, as its job kind reads them (src/fabric/itemKinds): a
// notebook's parameters cell, a pipeline's `properties.parameters`, a dataflow's discovered ones.
import { decodeDefinition, type DataflowParameter } from '../fabric/definition';
import { requireJobKind } from '../fabric/itemKinds';
import type { DeclaredParameter } from '../fabric/parameterRules';
import type { ItemDefinition } from '../fabric/types';
import type { RunKind } from './runRequest';

export interface DefinitionReader {
  getDefinition(workspaceId: string, itemId: string): Promise<ItemDefinition>;
  /** Items_DiscoverDataflowParameters. */
  discoverDataflowParameters(workspaceId: string, dataflowId: string): Promise<DataflowParameter[]>;
}

export async function readDeclaredParameters(
  client: DefinitionReader,
  workspaceId: string,
  item: { id: string; type: string },
  kind: RunKind,
): Promise<DeclaredParameter[]> {
  const job = requireJobKind(kind);
  if (!job.declaredParameters) return [];
  return job.declaredParameters({
    files: async () => decodeDefinition(await client.getDefinition(workspaceId, item.id)),
    discoverDataflowParameters: () => client.discoverDataflowParameters(workspaceId, item.id),
  });
}
