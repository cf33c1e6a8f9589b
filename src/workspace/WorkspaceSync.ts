// Export of items to a local folder in Fabric's Git layout (`<folders>/<DisplayName>.<Type>/<part
// path>`, the item's Fabric folders as directories: syncFolders), without VS Code; WorkspaceImport
// reads such folders back. An export asks for the
// definitions BULK_EXPORT_ITEMS at a time through bulkExportDefinitions (one operation for many
// items), and item by item (getDefinition: an operation each) for a definition format of its own,
// for what a bulk export did not return, and when the tenant does not offer the bulk API (a 4xx).
// Items and batches run in parallel with a bounded concurrency; throttling is the client's job (its
// rate limiter and 429 retries), so a slow tenant only slows the export down. A failed item is
// reported, never silently dropped.
// Nothing outside the chosen folder is written and nothing the user has there is deleted: folder
// and item names and part paths are checked (localPaths, syncFolders) before they touch the disk, no
// write goes through a link, and an existing item folder is overwritten only when the caller says
// so, keeping its other files.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { decodeDefinition, itemFolderName, type DefinitionFile } from '../fabric/definition';
import type { BulkExportResult, Item } from '../fabric/types';
import { describeError, errorStatus } from '../fabric/errors';
import type { ExplorerClient } from './explorerClient';
import { itemFolderProblem, partPathProblem } from './localPaths';
import { folderDirectoryProblem, workspaceFolderPaths } from './syncFolders';

export interface SyncProgress {
  done: number;
  total: number;
  /** The item just finished. */
  name: string;
}

export interface SyncOptions {
  signal?: AbortSignal;
  /** Items processed at the same time (default 8). */
  concurrency?: number;
  onProgress?: (progress: SyncProgress) => void;
}

/** An item whose `<DisplayName>.<Type>` folder is already in the target folder. */
export interface ExistingFolder {
  item: Item;
  folder: string;
  /** The files in it, relative and `/`-separated. */
  files: string[];
  /** How many existing folders are still to decide after this one. */
  remaining: number;
}

/** Overwrite writes the item's parts over the folder (other files stay); Skip leaves it as it is. */
export type ExistingFolderChoice = 'overwrite' | 'skip';

export interface ExportOptions extends SyncOptions {
  /** The definition format to ask for per item (e.g. 'ipynb' for notebooks). */
  formatFor?: (item: Item) => string | undefined;
  /**
   * Asked once per existing item folder, one at a time, before anything is downloaded; throwing
   * cancels the export with nothing written. Without it, existing folders are skipped.
   */
  onExisting?: (existing: ExistingFolder) => Promise<ExistingFolderChoice>;
}

export interface ExportResult {
  exported: Item[];
  /** Item types Fabric has no definition for (e.g. a SQL endpoint): nothing to export. */
  skipped: { item: Item; reason: string }[];
  /** Items whose folder exists and was left as it is. */
  existing: Item[];
  failed: { item: Item; error: string }[];
  /** Files of overwritten folders that are not parts of the item: kept, and listed to the user. */
  kept: { item: Item; files: string[] }[];
  /** Where each item's folder is (or would be), relative to the target folder: `Sales/Bronze/Load.Notebook`, by item id. */
  paths: Map<string, string>;
}

/** Items a bulk export asks for at once: each batch is one operation, and one progress step. */
const BULK_EXPORT_ITEMS = 50;

/** Writes each item's definition under `targetDir/<its Fabric folders>/<DisplayName>.<Type>/`. */
export async function exportItems(client: ExplorerClient, items: Item[], targetDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  const result: ExportResult = { exported: [], skipped: [], existing: [], failed: [], kept: [], paths: new Map() };
  const overwritten = new Set<Item>();
  const directories = await itemDirectories(client, items, options.signal, result);
  const wanted = await planExport(directories, targetDir, options, result, overwritten);
  let done = 0;
  /** Writes one item's files (or records why not), and tells the progress. */
  const finish = async (item: Item, files: () => DefinitionFile[] | Promise<DefinitionFile[]>) => {
    try {
      await writeItem(item, directories.get(item)!, await files(), targetDir, overwritten.has(item), result);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (isUnsupported(error)) result.skipped.push({ item, reason: describeError(error) });
      else result.failed.push({ item, error: describeError(error) });
    }
    options.onProgress?.({ done: ++done, total: wanted.length, name: item.displayName });
  };
  const oneByOne = async (item: Item) =>
    finish(item, async () => {
      const format = options.formatFor?.(item);
      return decodeDefinition(await client.getDefinition(item.workspaceId, item.id, format ? { format } : {}, { signal: options.signal }));
    });
  const batches = client.bulkExportDefinitions ? bulkBatches(wanted.filter((item) => !options.formatFor?.(item))) : [];
  const single = wanted.filter((item) => !batches.some((batch) => batch.includes(item)));
  let bulkAvailable = true;
  const jobs: (() => Promise<void>)[] = [
    ...batches.map((batch) => async () => {
      const exported = bulkAvailable
        ? await bulkExport(client, batch, options.signal).catch((error: unknown) => {
            if (options.signal?.aborted) throw error;
            if (isBulkUnavailable(error)) bulkAvailable = false;
            return undefined; // The batch goes item by item, which reports each item's own failure.
          })
        : undefined;
      for (const item of batch) {
        const files = exported?.get(item.id);
        await (files ? finish(item, () => files) : oneByOne(item));
      }
    }),
    ...single.map((item) => () => oneByOne(item)),
  ];
  await forEachBounded(jobs, options.concurrency ?? 8, options.signal, (job) => job());
  return result;
}

/** The items of each workspace, BULK_EXPORT_ITEMS at a time (a lone item goes alone: getDefinition is as cheap). */
function bulkBatches(items: Item[]): Item[][] {
  const byWorkspace = new Map<string, Item[]>();
  for (const item of items) byWorkspace.set(item.workspaceId, [...(byWorkspace.get(item.workspaceId) ?? []), item]);
  const batches: Item[][] = [];
  for (const group of byWorkspace.values()) {
    for (let start = 0; start < group.length; start += BULK_EXPORT_ITEMS) batches.push(group.slice(start, start + BULK_EXPORT_ITEMS));
  }
  return batches.filter((batch) => batch.length > 1);
}

/** One bulk export: each returned item's files, relative to its root path, by item id. */
async function bulkExport(client: ExplorerClient, batch: Item[], signal: AbortSignal | undefined): Promise<Map<string, DefinitionFile[]>> {
  const answer: BulkExportResult = await client.bulkExportDefinitions!(
    batch[0]!.workspaceId,
    { mode: 'Selective', items: batch.map((item) => ({ id: item.id })) },
    { signal },
  );
  const byId = new Map<string, DefinitionFile[]>();
  for (const { id, rootPath } of answer.itemDefinitionsIndex ?? []) {
    const prefix = `${rootPath.replace(/\/+$/, '')}/`;
    const parts = (answer.definitionParts ?? [])
      .filter((part) => part.path.startsWith(prefix))
      .map((part) => ({ ...part, path: part.path.slice(prefix.length) }));
    byId.set(id, decodeDefinition({ parts }));
  }
  return byId;
}

/** Writes an item's files into its folder (refusing unsafe part paths); notes the folder's other files. */
async function writeItem(item: Item, folder: string[], files: DefinitionFile[], targetDir: string, overwriting: boolean, result: ExportResult): Promise<void> {
  const unsafe = files.map((f) => partPathProblem(f.path)).find((problem) => problem !== undefined);
  if (unsafe) throw new Error(`Not exported: its part ${unsafe}.`);
  const before = overwriting ? await listFiles(path.join(targetDir, ...folder)) : [];
  for (const file of files) await writeInside(targetDir, [...folder, ...file.path.split('/')], file.content);
  const parts = new Set(files.map((f) => f.path));
  const others = before.filter((f) => !parts.has(f));
  if (others.length) result.kept.push({ item, files: others });
  result.exported.push(item);
}

/**
 * Each item's folder, relative to the target, as names: its Fabric folders, then
 * `<DisplayName>.<Type>`. An item whose names are unsafe, or whose folder the listing does not know,
 * goes into `result.failed` instead. Folders are listed once per workspace that has items in some.
 */
async function itemDirectories(client: ExplorerClient, items: Item[], signal: AbortSignal | undefined, result: ExportResult): Promise<Map<Item, string[]>> {
  const foldersOf = new Map<string, Map<string, string[]>>();
  for (const workspaceId of new Set(items.filter((item) => item.folderId).map((item) => item.workspaceId)))
    foldersOf.set(workspaceId, await workspaceFolderPaths(client, workspaceId, { signal }));
  const directories = new Map<Item, string[]>();
  for (const item of items) {
    const folders = item.folderId ? foldersOf.get(item.workspaceId)!.get(item.folderId) : [];
    const problem = folders
      ? (folders.map(folderDirectoryProblem).find((p) => p !== undefined) ?? itemFolderProblem(item.displayName, item.type))
      : "its Fabric folder is not in the workspace's folder list (moved or deleted meanwhile?); refresh and export again";
    if (problem) result.failed.push({ item, error: `Not exported: ${problem}.` });
    else {
      directories.set(item, [...folders!, itemFolderName(item.displayName, item.type)]);
      result.paths.set(item.id, directories.get(item)!.join('/'));
    }
  }
  return directories;
}

/**
 * The items to download: those whose folder is new or is to be overwritten (asked one folder at a
 * time). Refused and skipped items go into `result`.
 */
async function planExport(
  directories: Map<Item, string[]>,
  targetDir: string,
  options: ExportOptions,
  result: ExportResult,
  overwritten: Set<Item>,
): Promise<Item[]> {
  const wanted: Item[] = [];
  const existing: { item: Item; folder: string }[] = [];
  for (const [item, segments] of directories) {
    const found = await lookInside(targetDir, segments);
    if (found === 'missing') wanted.push(item);
    else if (found === 'folder') existing.push({ item, folder: path.join(targetDir, ...segments) });
    else result.failed.push({ item, error: `Not exported: ${found}.` });
  }
  for (const [index, { item, folder }] of existing.entries()) {
    options.signal?.throwIfAborted();
    const files = await listFiles(folder);
    const choice = options.onExisting ? await options.onExisting({ item, folder, files, remaining: existing.length - index - 1 }) : 'skip';
    if (choice === 'overwrite') {
      wanted.push(item);
      overwritten.add(item);
    } else result.existing.push(item);
  }
  return wanted;
}

/** Whether `root/<segments>` is a folder, is missing, or why it cannot be written to (a link or a file on the way). */
async function lookInside(root: string, segments: string[]): Promise<'folder' | 'missing' | string> {
  let current = root;
  for (const segment of segments) {
    current = path.join(current, segment);
    const stat = await fs.lstat(current).catch(() => undefined);
    if (!stat) return 'missing';
    if (!stat.isDirectory()) return `"${current}" exists and is ${stat.isSymbolicLink() ? 'a link' : 'not a folder'}`;
  }
  return 'folder';
}

/** Writes `root/<segments>`, creating folders, refusing to go through a link (which may lead outside). */
async function writeInside(root: string, segments: string[], content: Uint8Array): Promise<void> {
  let current = root;
  for (const [index, segment] of segments.entries()) {
    current = path.join(current, segment);
    let stat = await fs.lstat(current).catch(() => undefined);
    if (!stat && index < segments.length - 1) {
      // Items are written in parallel: another item of the same Fabric folder may create it meanwhile.
      await fs.mkdir(current).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      stat = await fs.lstat(current);
    }
    if (stat?.isSymbolicLink()) throw new Error(`Not exported: "${current}" is a link; nothing is written through it.`);
  }
  await fs.writeFile(current, content);
}

/** The files under `folder` (not links: none is followed), relative and `/`-separated, sorted. */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Lists every item of a workspace and exports them all. */
export async function exportWorkspace(client: ExplorerClient, workspaceId: string, targetDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  return exportItems(client, await listWorkspaceItems(client, workspaceId, options.signal), targetDir, options);
}

/** Every item of a workspace (all pages). */
export async function listWorkspaceItems(client: ExplorerClient, workspaceId: string, signal?: AbortSignal): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of client.listItems(workspaceId, {}, { signal })) items.push({ ...item, workspaceId });
  return items;
}

/**
 * The tenant has no bulk export (an API not there, a beta not enabled): no other batch tries it.
 * Another refusal (an item without a definition, a protected label) sends only its batch item by item.
 */
function isBulkUnavailable(error: unknown): boolean {
  const status = errorStatus(error);
  const code = String((error as { errorCode?: unknown } | undefined)?.errorCode ?? '');
  return (
    status === 404 ||
    status === 405 ||
    status === 501 ||
    ((status === 400 || status === 403) &&
      /NotAvailable|NotEnabled|NotSupported|Unsupported|Disabled|Beta|InvalidParameter|EntityNotFound/i.test(code) &&
      !/ForItem/i.test(code))
  );
}

/** Definition not available for this item type: 400/403 OperationNotSupportedForItem. */
function isUnsupported(error: unknown): boolean {
  const code = (error as { errorCode?: unknown } | undefined)?.errorCode;
  return errorStatus(error) === 400 && (code === 'OperationNotSupportedForItem' || code === 'ItemTypeNotSupported' || code === 'UnsupportedItemType');
}

/** Runs `work` over `values`, at most `limit` at a time; stops starting new ones once aborted. */
export async function forEachBounded<T>(values: T[], limit: number, signal: AbortSignal | undefined, work: (value: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      signal?.throwIfAborted();
      await work(values[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
}
