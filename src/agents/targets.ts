// What a tool call names: a workspace and an item, each by name or by id, found the way a person
// would mean them (the exact name first, then the name ignoring case). A name that matches nothing,
// or more than one thing, is answered with the candidates, so the model can correct its call.
import { isFabricError, type FabricClient } from '../fabric';
import type { Item, Workspace } from '../fabric/types';
import { ToolError } from './ToolError';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Candidates named in an answer: enough to correct a typo, not a listing. */
const CANDIDATES_SHOWN = 15;

export interface Target {
  workspace: Workspace;
  item: Item;
}

export async function findWorkspace(client: FabricClient, ref: string, signal?: AbortSignal): Promise<Workspace> {
  if (GUID.test(ref)) {
    try {
      return await client.getWorkspace(ref, { signal });
    } catch (error) {
      if (isFabricError(error) && error.status === 404)
        throw new ToolError(`No workspace has the id ${ref}. Call fabric_listWorkspaces for the workspaces and their ids.`);
      throw error;
    }
  }
  const all: Workspace[] = [];
  for await (const w of client.listWorkspaces({}, { signal })) all.push(w);
  return pickByName(all, ref, 'workspace', () => 'Call fabric_listWorkspaces for their names.');
}

export async function findItem(client: FabricClient, workspace: Workspace, ref: string, type: string | undefined, signal?: AbortSignal): Promise<Item> {
  if (GUID.test(ref)) {
    try {
      return { ...(await client.getItem(workspace.id, ref, { signal })), workspaceId: workspace.id };
    } catch (error) {
      if (isFabricError(error) && error.status === 404)
        throw new ToolError(`Workspace "${workspace.displayName}" has no item with the id ${ref}. Call fabric_listItems for its items.`);
      throw error;
    }
  }
  const all: Item[] = [];
  for await (const item of client.listItems(workspace.id, type ? { type } : {}, { signal })) all.push({ ...item, workspaceId: workspace.id });
  return pickByName(all, ref, `item${type ? ` of type ${type}` : ''} in workspace "${workspace.displayName}"`, (matches) =>
    matches.length > 1 ? 'Give its "type" or its id.' : 'Call fabric_listItems for its items.',
  );
}

/** The workspace and item a call names. */
export async function findTarget(client: FabricClient, input: { workspace: string; item: string; type?: string }, signal?: AbortSignal): Promise<Target> {
  const workspace = await findWorkspace(client, input.workspace, signal);
  return { workspace, item: await findItem(client, workspace, input.item, input.type, signal) };
}

function pickByName<T extends { id: string; displayName: string; type?: string }>(
  all: readonly T[],
  name: string,
  what: string,
  hint: (matches: readonly T[]) => string,
): T {
  const exact = all.filter((x) => x.displayName === name);
  const matches = exact.length ? exact : all.filter((x) => x.displayName.toLowerCase() === name.toLowerCase());
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new ToolError(`${matches.length} of them are named "${name}" (${what}): ${matches.map(describe).join(', ')}. ${hint(matches)}`);
  }
  const near = all.filter((x) => x.displayName.toLowerCase().includes(name.toLowerCase()));
  const shown = (near.length ? near : all).slice(0, CANDIDATES_SHOWN);
  const more = (near.length ? near : all).length - shown.length;
  const list = shown.length ? ` ${near.length ? 'Similar names' : 'There are'}: ${shown.map(describe).join(', ')}${more > 0 ? ` and ${more} more` : ''}.` : '';
  throw new ToolError(`No ${what} is named "${name}".${list} ${hint([])}`);
}

function describe(x: { id: string; displayName: string; type?: string }): string {
  return `"${x.displayName}"${x.type ? ` (${x.type}, id ${x.id})` : ` (id ${x.id})`}`;
}
