// Import of local item folders (Fabric's Git layout, as an export writes it) into a workspace,
// without VS Code. An item is matched by name and type anywhere in the workspace, as fabric-cicd
// matches it: its definition is replaced, or it is created. Where the local folder says which Fabric
// folder an item belongs in (it was found below a chosen folder, syncFolders.findItemFolders), the
// missing folders are created first, a new item is created in its folder and an existing one is
// moved there: the workspace ends up laid out as the folder imported.
// Everything that can be checked locally (names, part paths, the same item twice) is checked before
// the first request, and the existing items are asked about before anything is written. What was
// created, moved or failed is reported, per item folder.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { encodeDefinition, itemFolderName, parseItemFolderName, type DefinitionFile } from '../fabric/definition';
import { describeError } from '../fabric/errors';
import type { Item } from '../fabric/types';
import type { ExplorerClient } from './explorerClient';
import { folderNamePaths } from './folderLayout';
import { itemFolderProblem, partPathProblem } from './localPaths';
import { ensureFolders, listWorkspaceFolders, type LocalItemFolder } from './syncFolders';
import { forEachBounded, listFiles, listWorkspaceItems, type SyncOptions } from './WorkspaceSync';

export interface ImportResult {
  item: Item;
  created: boolean;
  /** An existing item moved to the Fabric folder its local folder names. */
  moved: boolean;
}

export interface ImportReport {
  imported: ImportResult[];
  failed: { folder: string; error: string }[];
  /** Existing items left as they were (the caller chose to skip them). */
  skipped: Item[];
  /** The Fabric folders created, as paths from the workspace's root (`Sales/Bronze`), parents first. */
  foldersCreated: string[];
}

/** An existing item the import would replace, and the folder it would move to. */
export interface ExistingItem {
  item: Item;
  /** The Fabric folder's path (`''`: the workspace's root); undefined: it stays where it is. */
  moveTo?: string;
}

/** Replace writes the local definitions over the existing items' (and moves them); Skip imports only the new items. */
export type ExistingItemsChoice = 'replace' | 'skip';

export interface ImportOptions extends SyncOptions {
  /**
   * Asked once, before anything is written, with every existing item the import would replace;
   * throwing cancels the import with nothing written. Without it, existing items are replaced.
   */
  onExisting?: (existing: ExistingItem[]) => Promise<ExistingItemsChoice>;
}

/** An item folder ready to import: what it is, and the item of that name and type when there is one. */
interface Planned {
  local: LocalItemFolder;
  displayName: string;
  type: string;
  existing?: Item;
}

/** Imports the item folders with a bounded concurrency, creating their Fabric folders first. */
export async function importItemFolders(
  client: ExplorerClient,
  workspaceId: string,
  folders: readonly LocalItemFolder[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { signal } = options;
  const report: ImportReport = { imported: [], failed: [], skipped: [], foldersCreated: [] };
  const fail = (local: LocalItemFolder, error: string) => report.failed.push({ folder: local.path, error });
  const checked: Omit<Planned, 'existing'>[] = [];
  for (const local of folders) {
    try {
      checked.push({ local, ...(await checkItemFolder(local.path)) });
    } catch (error) {
      fail(local, describeError(error));
    }
  }
  const byName = new Map<string, Omit<Planned, 'existing'>[]>();
  for (const p of checked) {
    const name = itemFolderName(p.displayName, p.type);
    byName.set(name, [...(byName.get(name) ?? []), p]);
  }
  for (const [name, same] of byName) {
    if (same.length > 1) {
      const where = same.map((p) => p.local.path).join(', ');
      for (const p of same)
        fail(p.local, `Not imported: ${same.length} folders are named "${name}" (${where}); a workspace holds one item of a name and type.`);
    }
  }
  const items = new Map((await listWorkspaceItems(client, workspaceId, signal)).map((item) => [itemFolderName(item.displayName, item.type), item]));
  let planned: Planned[] = [...byName.values()]
    .filter((same) => same.length === 1)
    .map(([p]) => ({ ...p!, existing: items.get(itemFolderName(p!.displayName, p!.type)) }));
  const listed = planned.some((p) => p.local.fabricFolder) ? await listWorkspaceFolders(client, workspaceId, { signal }) : [];
  const pathOf = folderNamePaths(listed);
  /** The item's folder path, in lower case: Fabric compares folder names ignoring case, as ensureFolders does. */
  const currentFolder = (item: Item) => (item.folderId ? (pathOf.get(item.folderId)?.join('/') ?? '?') : '').toLowerCase();
  const existing = planned.filter((p) => p.existing);
  if (existing.length && options.onExisting) {
    const asked = existing.map(({ existing: item, local }) => {
      const target = local.fabricFolder?.join('/');
      return { item: item!, ...(target !== undefined && target.toLowerCase() !== currentFolder(item!) ? { moveTo: target } : {}) };
    });
    if ((await options.onExisting(asked)) === 'skip') {
      report.skipped = existing.map((p) => p.existing!);
      planned = planned.filter((p) => !p.existing);
    }
  }
  const ensured = await ensureFolders(
    client,
    workspaceId,
    listed,
    planned.flatMap((p) => (p.local.fabricFolder ? [p.local.fabricFolder] : [])),
    { signal },
  );
  report.foldersCreated = ensured.created;
  let done = 0;
  await forEachBounded(planned, options.concurrency ?? 4, signal, async (p) => {
    const folderPath = p.local.fabricFolder?.join('/');
    const folderFailure = folderPath ? ensured.failed.get(folderPath) : undefined;
    try {
      if (folderFailure) throw new Error(`Not imported: ${folderFailure}.`);
      const place = folderPath === undefined ? undefined : { folderId: folderPath ? ensured.ids.get(folderPath) : undefined, path: folderPath };
      report.imported.push(await importOne(client, workspaceId, p, place, signal));
    } catch (error) {
      if (signal?.aborted) throw error;
      fail(p.local, describeError(error));
    }
    options.onProgress?.({ done: ++done, total: planned.length, name: path.basename(p.local.path) });
  });
  return report;
}

/**
 * Creates the item (in `place`'s folder) or replaces its definition (with its metadata when the
 * folder has a `.platform`), then moves it to `place` when it is elsewhere. Without `place`, an
 * existing item stays where it is and a new one goes to the root.
 */
async function importOne(
  client: ExplorerClient,
  workspaceId: string,
  { local, displayName, type, existing }: Planned,
  place: { folderId: string | undefined; path: string } | undefined,
  signal: AbortSignal | undefined,
): Promise<ImportResult> {
  const files = await readFolder(local.path);
  const definition = encodeDefinition(files, files.some((f) => f.path.endsWith('.ipynb')) ? 'ipynb' : undefined);
  if (!existing) {
    const request = { displayName, type, definition, ...(place?.folderId ? { folderId: place.folderId } : {}) };
    return { item: await client.createItem(workspaceId, request, { signal }), created: true, moved: false };
  }
  await client.updateDefinition(workspaceId, existing.id, definition, { updateMetadata: files.some((f) => f.path === '.platform') }, { signal });
  if (!place || (existing.folderId ?? undefined) === place.folderId) return { item: existing, created: false, moved: false };
  try {
    await client.moveItem(workspaceId, existing.id, place.folderId, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    const where = place.path ? `the folder "${place.path}"` : "the workspace's root";
    throw new Error(`Its definition was replaced, but it was not moved to ${where}: ${describeError(error)}`, { cause: error });
  }
  return { item: { ...existing, folderId: place.folderId }, created: false, moved: true };
}

/** The item a local folder stands for, once its name and its files' paths are safe to send; throws why not. */
async function checkItemFolder(folder: string): Promise<{ displayName: string; type: string }> {
  const parsed = parseItemFolderName(path.basename(folder));
  if (!parsed) throw new Error(`"${path.basename(folder)}" is not an item folder: name it <DisplayName>.<Type>, e.g. "Sales.Notebook".`);
  const unsafeName = itemFolderProblem(parsed.displayName, parsed.type);
  if (unsafeName) throw new Error(`Not imported: ${unsafeName}.`);
  const files = await listFiles(folder);
  if (files.length === 0) throw new Error(`"${folder}" holds no definition files.`);
  const unsafePart = files.map((f) => partPathProblem(f)).find((problem) => problem !== undefined);
  if (unsafePart) throw new Error(`Not imported: ${unsafePart}.`);
  return parsed;
}

async function readFolder(folder: string): Promise<DefinitionFile[]> {
  const files: DefinitionFile[] = [];
  for (const file of await listFiles(folder)) files.push({ path: file, content: await fs.readFile(path.join(folder, ...file.split('/'))) });
  return files;
}
