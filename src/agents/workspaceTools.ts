// fabric_listWorkspaces and fabric_listItems: one line per workspace or item, with the ids the
// other tools accept, and an item's folder path when the workspace uses folders.
import type { Folder, Item, Workspace } from '../fabric/types';
import type { ToolContext } from './toolContext';
import { findWorkspace } from './targets';
import { optionalText, requiredText, ToolError } from './ToolError';

/** Lines in one answer; past it the model is asked to narrow the call. */
const MAX_LINES = 300;

export async function listWorkspaces(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const filter = optionalText(input, 'nameContains')?.toLowerCase();
  const found: Workspace[] = [];
  for await (const w of ctx.client.listWorkspaces({}, { signal })) if (!filter || w.displayName.toLowerCase().includes(filter)) found.push(w);
  if (found.length === 0) return filter ? `No workspace name contains "${filter}".` : 'No workspaces: the account has access to none.';
  const lines = found.map((w) => `- "${w.displayName}" (id ${w.id})${w.type === 'Personal' ? ' · My workspace' : ''}`);
  return `${found.length} workspace${found.length === 1 ? '' : 's'} on ${ctx.host.connectionLabel()}:\n${capped(lines, 'give "nameContains"')}`;
}

export async function listItems(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const workspace = await findWorkspace(ctx.client, requiredText(input, 'workspace', "the workspace's name or id"), signal);
  const type = optionalText(input, 'type');
  const folders = await listFolders(ctx, workspace, signal);
  const paths = folderPaths(folders);
  const folderRef = optionalText(input, 'folder');
  const folder = folderRef === undefined ? undefined : findFolder(folders, paths, folderRef);
  const items: Item[] = [];
  const scope = folder ? { rootFolderId: folder.id, recursive: true } : {};
  for await (const item of ctx.client.listItems(workspace.id, { ...scope, ...(type ? { type } : {}) }, { signal })) items.push(item);
  const where = `${type ? `${type} items` : 'Items'} of workspace "${workspace.displayName}" (id ${workspace.id})${folder ? ` in folder "${paths.get(folder.id)}"` : ''}`;
  if (items.length === 0) return `${where}: none.`;
  const lines = items.map(
    (i) => `- "${i.displayName}" · ${i.type} · id ${i.id}${i.folderId && paths.has(i.folderId) ? ` · folder "${paths.get(i.folderId)}"` : ''}`,
  );
  return `${where}: ${items.length}\n${capped(lines, 'give "type" or "folder"')}`;
}

/** The workspace's folders; none when the workspace (or the service) has no folders. */
async function listFolders(ctx: ToolContext, workspace: Workspace, signal?: AbortSignal): Promise<Folder[]> {
  const folders: Folder[] = [];
  try {
    for await (const f of ctx.client.listFolders(workspace.id, { recursive: true }, { signal })) folders.push(f);
  } catch (error) {
    if (signal?.aborted) throw error;
    return [];
  }
  return folders;
}

/** Folder id → "Parent/Child". */
function folderPaths(folders: readonly Folder[]): Map<string, string> {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const paths = new Map<string, string>();
  const pathOf = (f: Folder, depth = 0): string => {
    const parent = f.parentFolderId ? byId.get(f.parentFolderId) : undefined;
    return parent && depth < 16 ? `${pathOf(parent, depth + 1)}/${f.displayName}` : f.displayName;
  };
  for (const f of folders) paths.set(f.id, pathOf(f));
  return paths;
}

function findFolder(folders: readonly Folder[], paths: ReadonlyMap<string, string>, ref: string): Folder {
  const lower = ref.toLowerCase().replace(/^\/+|\/+$/g, '');
  const matches = folders.filter((f) => f.id === ref || paths.get(f.id)?.toLowerCase() === lower);
  const byName = matches.length ? matches : folders.filter((f) => f.displayName.toLowerCase() === lower);
  if (byName.length === 1) return byName[0];
  const known = [...paths.values()]
    .sort()
    .slice(0, 30)
    .map((p) => `"${p}"`)
    .join(', ');
  if (byName.length > 1) throw new ToolError(`Several folders are named "${ref}": ${byName.map((f) => `"${paths.get(f.id)}"`).join(', ')}. Give its path.`);
  throw new ToolError(folders.length ? `No folder "${ref}". Folders: ${known}.` : `The workspace has no folders; leave "folder" out.`);
}

function capped(lines: string[], narrow: string): string {
  if (lines.length <= MAX_LINES) return lines.join('\n');
  return `${lines.slice(0, MAX_LINES).join('\n')}\n… and ${lines.length - MAX_LINES} more: ${narrow} to narrow the list.`;
}
