// The Fabric tools, once, for every surface: VS Code's language-model tools and the MCP server wrap
// this class. `invoke` always answers (a refusal or a failure is an answer saying what to fix);
// `confirmation` says, for the tools that change or run something, what the user is asked to allow.
import { maskSecrets } from '../fabric';
import type { DefinitionCache } from '../workspace/DefinitionCache';
import { definitionCache, describeUpdate, readDefinition, updateDefinition } from './definitionTools';
import { cancelJob, describeCancel, describeRun, getJob, listJobs, runItem } from './jobTools';
import type { AgentHost, ToolContext } from './toolContext';
import { errorAnswer } from './ToolError';
import type { ToolName } from './toolSpecs';
import { listItems, listWorkspaces } from './workspaceTools';

type Handler = (ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal) => Promise<string>;

const HANDLERS: Record<ToolName, Handler> = {
  fabric_listWorkspaces: listWorkspaces,
  fabric_listItems: listItems,
  fabric_readDefinition: readDefinition,
  fabric_updateDefinition: updateDefinition,
  fabric_runItem: runItem,
  fabric_getJob: getJob,
  fabric_listJobs: listJobs,
  fabric_cancelJob: cancelJob,
};

/** The tools that change or run something, and what their confirmation asks. */
const CONFIRMATIONS: Partial<Record<ToolName, Handler>> = {
  fabric_updateDefinition: describeUpdate,
  fabric_runItem: describeRun,
  fabric_cancelJob: describeCancel,
};

export interface ToolAnswer {
  text: string;
  isError: boolean;
}

export class FabricTools {
  private readonly definitions: DefinitionCache;

  constructor(private readonly host: AgentHost) {
    this.definitions = definitionCache({ host });
  }

  async invoke(name: string, input: unknown, signal?: AbortSignal): Promise<ToolAnswer> {
    try {
      const handler = HANDLERS[name as ToolName];
      if (!handler) return { text: `Error: there is no tool ${name}.`, isError: true };
      return { text: maskSecrets(await handler(this.context(), inputOf(input), signal)), isError: false };
    } catch (error) {
      return { text: errorAnswer(error), isError: true };
    }
  }

  /**
   * The question to ask before a tool that changes or runs something (naming the workspace, the
   * item, the parameters and the connection); undefined for the others.
   */
  async confirmation(name: string, input: unknown, signal?: AbortSignal): Promise<string | undefined> {
    const describe = CONFIRMATIONS[name as ToolName];
    if (!describe) return undefined;
    try {
      return maskSecrets(await describe(this.context(), inputOf(input), signal));
    } catch (error) {
      // Not connected, or a call without the names: the question still goes to the user, the call will fail.
      return errorAnswer(error);
    }
  }

  private context(): ToolContext {
    return { host: this.host, client: this.host.client(), definitions: this.definitions };
  }
}

function inputOf(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}
