// What the tools need from the surface that hosts them. VS Code starts and cancels jobs through its
// job monitor (so they show in the Jobs view and the status bar like any run); the MCP server has no
// such view and submits them directly (`directJobs`).
import type { FabricClient } from '../fabric';
import type { Item } from '../fabric/types';
import type { DefinitionCache } from '../workspace/DefinitionCache';
import { submitRun, type RunSpec } from '../jobs/runRequest';
import type { TrackedJob } from '../jobs/TrackedJob';

export interface RunTarget {
  workspaceId: string;
  workspaceName?: string;
  item: Item;
}

export interface JobRef {
  workspaceId: string;
  itemId: string;
  id: string;
}

export interface AgentHost {
  /** The connection's client; throws, saying how to connect, when there is none. */
  client(): FabricClient;
  /** Where the calls go, for confirmations: "the local emulator at …" or the tenant. No secret. */
  connectionLabel(): string;
  submit(client: FabricClient, target: RunTarget, spec: RunSpec): Promise<{ id: string }>;
  cancel(client: FabricClient, job: JobRef): Promise<void>;
  /** Told after a tool saved a definition (VS Code refreshes what it shows of the item). */
  definitionChanged?(item: Item): void;
  /** A job the host follows (it knows the parameters it was started with). */
  knownJob?(id: string): TrackedJob | undefined;
}

export interface ToolContext {
  host: AgentHost;
  client: FabricClient;
  definitions: DefinitionCache;
}

/** Jobs submitted and cancelled straight through the client. */
export const directJobs: Pick<AgentHost, 'submit' | 'cancel'> = {
  submit: async (client, target, spec) => ({ id: (await submitRun(client, target.workspaceId, target.item.id, spec)).jobInstanceId }),
  cancel: (client, job) => client.cancelJobInstance(job.workspaceId, job.itemId, job.id),
};
