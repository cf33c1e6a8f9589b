// The MCP server's command line: where Fabric is and how to sign in. The emulator's token comes
// from --token, FABRIC_WORKBENCH_EMULATOR_TOKEN (which keeps it out of the process list) or the
// file a running emulator leaves for local clients; a tenant is reached with DefaultAzureCredential.
import { DEFAULT_BASE_URL } from '../fabric';
import { emulatorBaseUrl, readPublishedToken } from '../emulator/tokenFile';

export const TOKEN_VARIABLE = 'FABRIC_WORKBENCH_EMULATOR_TOKEN';

export type McpConnection = { kind: 'emulator'; baseUrl: string; token: string } | { kind: 'tenant'; baseUrl: string; tenantId?: string };

export type McpOptions = { help: true } | { help: false; connection: McpConnection };

export const USAGE = `Usage: fabric-workbench-mcp [--emulator URL [--token TOKEN]] [--api URL] [--tenant ID]

An MCP server (over stdio) with the Fabric Workbench tools: list workspaces and items, read and
update definitions, run notebooks, pipelines and dataflows, follow and cancel their jobs.

  --emulator URL   use the local Fabric emulator at URL (e.g. http://127.0.0.1:5015)
  --token TOKEN    the emulator's token (default: $${TOKEN_VARIABLE}, else the token
                   file the running emulator left for you)
  --api URL        the Fabric API (default ${DEFAULT_BASE_URL}); signs in with
                   @azure/identity's DefaultAzureCredential (az login, environment, managed identity)
  --tenant ID      the tenant DefaultAzureCredential signs in to
`;

export function parseMcpOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, readToken = readPublishedToken): McpOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (!['--emulator', '--token', '--api', '--tenant'].includes(flag)) throw new Error(`Unknown option ${flag}.\n\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`${flag} needs a value.\n\n${USAGE}`);
    values.set(flag, value);
  }
  const emulator = values.get('--emulator');
  if (emulator === undefined) {
    if (values.has('--token')) throw new Error("--token is the emulator's: give --emulator URL too.");
    return { help: false, connection: { kind: 'tenant', baseUrl: values.get('--api') ?? DEFAULT_BASE_URL, tenantId: values.get('--tenant') } };
  }
  const token = values.get('--token') ?? env[TOKEN_VARIABLE]?.trim() ?? readToken(emulator);
  if (!token) throw new Error(`No token for the emulator at ${emulator}: is it running? Else pass --token or set ${TOKEN_VARIABLE}.`);
  return { help: false, connection: { kind: 'emulator', baseUrl: emulatorBaseUrl(emulator), token } };
}

/** Where the calls go, with no secret. */
export function describeConnection(connection: McpConnection): string {
  return connection.kind === 'emulator'
    ? `the local emulator at ${connection.baseUrl}`
    : `Microsoft Fabric at ${connection.baseUrl} (DefaultAzureCredential${connection.tenantId ? `, tenant ${connection.tenantId}` : ''})`;
}

/** The command line that reaches a connection (what VS Code's MCP server definition runs); never a token. */
export function mcpServerArgs(target: { emulator: string } | { api: string; tenantId?: string }): string[] {
  if ('emulator' in target) return ['--emulator', target.emulator];
  return ['--api', target.api, ...(target.tenantId ? ['--tenant', target.tenantId] : [])];
}
