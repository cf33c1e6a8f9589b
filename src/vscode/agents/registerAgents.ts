// Wires Fabric for chat agents: the language-model tools (over FabricTools, on the window's
// connection; jobs go through the job monitor, so they show in the Jobs view and the status bar)
// and the MCP server definition that lets VS Code start `dist/mcp.js` on the same connection.
import * as vscode from 'vscode';
import { FabricTools } from '../../agents/FabricTools';
import { mcpServerArgs, TOKEN_VARIABLE } from '../../agents/mcpOptions';
import { TOOL_SPECS } from '../../agents/toolSpecs';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { settings } from '../common/settings';
import type { DefinitionFileSystemProvider } from '../files/DefinitionFileSystemProvider';
import type { JobMonitor } from '../jobs/JobMonitor';
import { FabricLanguageModelTool } from './FabricLanguageModelTool';

export const MCP_PROVIDER_ID = 'fabricWorkbench.mcpServer';

export interface AgentsDeps {
  log: vscode.LogOutputChannel;
  connection: ConnectionManager;
  monitor: JobMonitor;
  files: Pick<DefinitionFileSystemProvider, 'refresh'>;
}

export function registerAgents(context: vscode.ExtensionContext, deps: AgentsDeps): { tools: FabricTools } {
  const { log, connection, monitor, files } = deps;
  const tools = new FabricTools({
    client: () => connection.requireClient(),
    connectionLabel: () => connectionLabel(connection),
    submit: (client, target, spec) => monitor.submit(client, target, spec),
    cancel: async (client, job) => {
      if (monitor.tracker.get(job.id)) await monitor.tracker.cancel(job.id);
      else await client.cancelJobInstance(job.workspaceId, job.itemId, job.id);
    },
    knownJob: (id) => monitor.tracker.get(id),
    definitionChanged: (item) => files.refresh(item.workspaceId, item.id),
  });
  for (const spec of TOOL_SPECS) {
    context.subscriptions.push(vscode.lm.registerTool(spec.name, new FabricLanguageModelTool(tools, spec.name, spec.displayName, log)));
  }
  const definitionsChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    definitionsChanged,
    connection.onDidChangeConnection(() => definitionsChanged.fire()),
    vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: definitionsChanged.event,
      provideMcpServerDefinitions: () => [mcpServerDefinition(context, connection)],
      // The emulator's token reaches the server in its environment when it starts: never on its command line.
      resolveMcpServerDefinition: async (definition) => {
        const token = await connection.emulatorToken();
        if (token && definition instanceof vscode.McpStdioServerDefinition) definition.env = { ...definition.env, [TOKEN_VARIABLE]: token };
        return definition;
      },
    }),
  );
  return { tools };
}

/** "the local emulator at http://127.0.0.1:5015/v1" or "Microsoft Fabric (account · tenant, https://…/v1)". */
function connectionLabel(connection: ConnectionManager): string {
  const client = connection.client;
  if (!client) return vscode.l10n.t('no connection');
  return connection.info?.kind === 'emulator'
    ? vscode.l10n.t('the local emulator at {0}', client.baseUrl)
    : vscode.l10n.t('Microsoft Fabric ({0}, {1})', connection.label ?? '', client.baseUrl);
}

/**
 * `dist/mcp.js` run by VS Code's own Node.js, on the window's connection: the emulator, or the API
 * and tenant signed in with DefaultAzureCredential.
 */
function mcpServerDefinition(context: vscode.ExtensionContext, connection: ConnectionManager): vscode.McpStdioServerDefinition {
  const info = connection.info;
  const args = mcpServerArgs(
    info?.kind === 'emulator'
      ? { emulator: info.url }
      : { api: settings.apiBaseUrl(), tenantId: info && 'tenantId' in info ? info.tenantId : settings.tenantId() },
  );
  const version = (context.extension.packageJSON as { version?: string }).version;
  return new vscode.McpStdioServerDefinition(
    vscode.l10n.t('Fabric Workbench'),
    process.execPath,
    [context.asAbsolutePath('dist/mcp.js'), ...args],
    { ELECTRON_RUN_AS_NODE: '1' },
    version,
  );
}
