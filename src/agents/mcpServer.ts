// The Fabric tools as an MCP server. The SDK's low-level Server, not McpServer: McpServer wants zod
// shapes, and the tools' JSON schemas (toolSpecs.ts) are already the one description both VS Code
// and MCP clients read, so they are served as they are.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { FabricTools } from './FabricTools';
import { TOOL_SPECS } from './toolSpecs';

export function createMcpServer(tools: FabricTools, version: string): Server {
  const server = new Server(
    { name: 'fabric-workbench', title: 'Fabric Workbench', version },
    {
      capabilities: { tools: {} },
      instructions:
        'Microsoft Fabric tools: list workspaces and items, read and update item definitions, run notebooks, pipelines and dataflows and follow their jobs. Items and workspaces are named by name or id.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOL_SPECS.map((spec) => ({
      name: spec.name,
      title: spec.displayName,
      description: spec.modelDescription,
      inputSchema: spec.inputSchema,
      annotations: { readOnlyHint: !spec.changes, destructiveHint: spec.changes, openWorldHint: true },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const answer = await tools.invoke(request.params.name, request.params.arguments ?? {}, extra.signal);
    return { content: [{ type: 'text' as const, text: answer.text }], isError: answer.isError };
  });
  return server;
}
