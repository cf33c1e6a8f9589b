// What package.json contributes for each tool spec: VS Code reads the tools' names, descriptions
// and input schemas from the manifest, the MCP server from the specs; they must be the same.
import type { ToolSpec } from '../../../src/agents/toolSpecs';

export function manifestEntry(spec: ToolSpec): Record<string, unknown> {
  return {
    name: spec.name,
    displayName: spec.displayName,
    toolReferenceName: spec.referenceName,
    canBeReferencedInPrompt: true,
    userDescription: spec.userDescription,
    modelDescription: spec.modelDescription,
    tags: ['fabric', ...(spec.changes ? [] : ['read-only'])],
    inputSchema: spec.inputSchema,
  };
}
