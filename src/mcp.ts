// `node dist/mcp.js` / `npx fabric-workbench-mcp`: the Fabric tools as an MCP server over stdio.
// Stdout carries the protocol only; messages go to stderr, masked (the client masks what it logs,
// and no message of ours holds the token).
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { version } from '../package.json';
import { FabricTools } from './agents/FabricTools';
import { createMcpServer } from './agents/mcpServer';
import { describeConnection, parseMcpOptions, USAGE, type McpConnection } from './agents/mcpOptions';
import { directJobs } from './agents/toolContext';
import { AzureCredentialTokenProvider, CachingTokenProvider, FabricClient, fabricScope, maskSecrets, StaticTokenProvider, type TokenProvider } from './fabric';

const write = (message: string) => process.stderr.write(`${maskSecrets(message)}\n`);

async function tokenProvider(connection: McpConnection): Promise<TokenProvider> {
  if (connection.kind === 'emulator') return new StaticTokenProvider(connection.token);
  // @azure/identity is loaded only here (a separate file next to this one: scripts/build.mjs).
  const { DefaultAzureCredential } = await import('./vscode/connection/azureIdentity');
  const credential = new DefaultAzureCredential(connection.tenantId ? { tenantId: connection.tenantId } : {});
  return new CachingTokenProvider(new AzureCredentialTokenProvider(credential, [fabricScope(connection.baseUrl)]));
}

async function main(): Promise<void> {
  const options = parseMcpOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { connection } = options;
  const client = new FabricClient({
    baseUrl: connection.baseUrl,
    tokenProvider: await tokenProvider(connection),
    userAgent: `fabric-workbench-mcp/${version}`,
    logger: { warn: write, error: write },
  });
  const tools = new FabricTools({ client: () => client, connectionLabel: () => describeConnection(connection), ...directJobs });
  const server = createMcpServer(tools, version);
  server.onclose = () => process.exit(0);
  await server.connect(new StdioServerTransport());
  write(`Fabric Workbench MCP server ${version}: serving the Fabric tools on stdio, connected to ${describeConnection(connection)}.`);
}

main().catch((error: unknown) => {
  write(`fabric-workbench-mcp: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
