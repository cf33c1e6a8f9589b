// Data pipelines made and changed through the emulator's REST API (as someone else would in Fabric),
// and the `fabricwb` URIs of their parts, for the suites about saving.
import * as vscode from 'vscode';
import type { FabricClient } from '../../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../../src/fabric/definition';
import type { Item } from '../../../../src/fabric/types';

export const PART = 'pipeline-content.json';
export const pipelineJson = (description: string) => JSON.stringify({ properties: { activities: [], description } }, null, 2);
const bytes = (s: string) => Buffer.from(s, 'utf8');

/** `refresh` tells the window's file system that the workspace has a new item. */
export function pipelines(client: FabricClient, workspaceId: string, refresh: (workspaceId: string) => void) {
  return {
    uriOf: (item: Pick<Item, 'displayName' | 'type'>, part = PART) =>
      vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: `/${item.displayName}.${item.type}/${part}` }),

    async create(displayName: string, parts: Record<string, string> = { [PART]: pipelineJson('in Fabric') }): Promise<Item> {
      const definition = encodeDefinition(Object.entries(parts).map(([p, content]) => ({ path: p, content: bytes(content) })));
      const item = { ...(await client.createItem(workspaceId, { displayName, type: 'DataPipeline', definition })), workspaceId };
      refresh(workspaceId);
      return item;
    },

    /** A part's text in Fabric. */
    async remote(item: Item, part = PART): Promise<string> {
      return Buffer.from(decodeDefinition(await client.getDefinition(workspaceId, item.id)).find((f) => f.path === part)?.content ?? []).toString('utf8');
    },

    /** Someone else saves the item in Fabric. */
    async changeInFabric(item: Item, description: string): Promise<void> {
      const parts = decodeDefinition(await client.getDefinition(workspaceId, item.id)).map((f) =>
        f.path === PART ? { ...f, content: bytes(pipelineJson(description)) } : f,
      );
      await client.updateDefinition(workspaceId, item.id, encodeDefinition(parts));
    },
  };
}
