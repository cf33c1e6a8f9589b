// VS Code reads the tools from package.json, MCP clients from the specs: they must not drift apart.
// The VSIX must carry the MCP server VS Code starts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOOL_SPECS } from '../../../src/agents/toolSpecs';
import { manifestEntry } from './manifestTools';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  contributes: { languageModelTools: unknown[]; mcpServerDefinitionProviders: { id: string }[] };
};

describe("the agents' manifest", () => {
  it('contributes every tool spec as a language-model tool, names, descriptions and input schemas alike', () => {
    assert.deepEqual(manifest.contributes.languageModelTools, TOOL_SPECS.map(manifestEntry));
  });

  it('gives every input property a description and requires only declared properties', () => {
    for (const spec of TOOL_SPECS) {
      for (const [name, property] of Object.entries(spec.inputSchema.properties)) assert.ok(property.description, `${spec.name}.${name} has a description`);
      for (const name of spec.inputSchema.required ?? []) assert.ok(name in spec.inputSchema.properties, `${spec.name} requires ${name}`);
    }
  });

  it("registers the MCP server provider and ships dist/mcp.js as the package's bin and in the VSIX", () => {
    assert.deepEqual(
      manifest.contributes.mcpServerDefinitionProviders.map((p) => p.id),
      ['fabricWorkbench.mcpServer'],
    );
    assert.equal(manifest.bin['fabric-workbench-mcp'], 'dist/mcp.js');
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/*.js'), '.vscodeignore keeps dist/*.js, dist/mcp.js with it');
  });
});
