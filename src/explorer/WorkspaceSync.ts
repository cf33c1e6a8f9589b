// Export of items to a local folder in Fabric's Git layout (`<DisplayName>.<Type>/<part path>`) and
// import of such folders back into a workspace, without VS Code. Items run in parallel with a
// bounded concurrency; throttling is the client's job (its rate limiter and 429 retries), so a slow
// tenant only slows the export down. A failed item is reported, never silently dropped.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { encodeDefinition, decodeDefinition, itemFolderName, parseItemFolderName } from '../fabric/definition';
import type { Item } from '../fabric/types';
import { describeError, errorStatus, type ExplorerClient } from './explorerClient';

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

export interface ExportOptions extends SyncOptions {
  /** The definition format to ask for per item (e.g. 'ipynb' for notebooks). */
  formatFor?: (item: Item) => string | undefined;
}

export interface ExportResult {
  exported: Item[];
  /** Item types Fabric has no definition for (e.g. a SQL endpoint): nothing to export. */
  skipped: { item: Item; reason: string }[];
  failed: { item: Item; error: string }[];
}

/** Writes each item's definition under `targetDir/<DisplayName>.<Type>/`. */
export async function exportItems(client: ExplorerClient, items: Item[], targetDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  const result: ExportResult = { exported: [], skipped: [], failed: [] };
  let done = 0;
  await forEachBounded(items, options.concurrency ?? 8, options.signal, async (item) => {
    try {
      const format = options.formatFor?.(item);
      const definition = await client.getDefinition(item.workspaceId, item.id, format ? { format } : {}, { signal: options.signal });
      const folder = path.join(targetDir, itemFolderName(item.displayName, item.type));
      await fs.rm(folder, { recursive: true, force: true });
      for (const file of decodeDefinition(definition)) {
        const target = path.join(folder, ...file.path.split('/'));
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, file.content);
      }
      result.exported.push(item);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (isUnsupported(error)) result.skipped.push({ item, reason: describeError(error) });
      else result.failed.push({ item, error: describeError(error) });
    }
    options.onProgress?.({ done: ++done, total: items.length, name: item.displayName });
  });
  return result;
}

/** Lists every item of a workspace and exports them all. */
export async function exportWorkspace(client: ExplorerClient, workspaceId: string, targetDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  const items: Item[] = [];
  for await (const item of client.listItems(workspaceId, {}, { signal: options.signal })) items.push({ ...item, workspaceId });
  return exportItems(client, items, targetDir, options);
}

export interface ImportResult {
  item: Item;
  created: boolean;
}

/**
 * Imports a local `<DisplayName>.<Type>` folder: updates the workspace's item of that name and
 * type (with its metadata when the folder has a `.platform`), or creates it.
 */
export async function importItemFolder(client: ExplorerClient, workspaceId: string, folder: string, options: SyncOptions = {}): Promise<ImportResult> {
  const parsed = parseItemFolderName(path.basename(folder));
  if (!parsed) throw new Error(`"${path.basename(folder)}" is not an item folder: name it <DisplayName>.<Type>, e.g. "Sales.Notebook".`);
  const files = await readFolder(folder);
  if (files.length === 0) throw new Error(`"${folder}" holds no definition files.`);
  const format = files.some((f) => f.path.endsWith('.ipynb')) ? 'ipynb' : undefined;
  const definition = encodeDefinition(files, format);
  let existing: Item | undefined;
  for await (const item of client.listItems(workspaceId, { type: parsed.type }, { signal: options.signal })) {
    if (item.type === parsed.type && item.displayName === parsed.displayName) existing = item;
  }
  if (existing) {
    await client.updateDefinition(workspaceId, existing.id, definition, { updateMetadata: files.some((f) => f.path === '.platform') }, { signal: options.signal });
    return { item: existing, created: false };
  }
  const item = await client.createItem(workspaceId, { displayName: parsed.displayName, type: parsed.type, definition }, { signal: options.signal });
  return { item, created: true };
}

/** Imports several item folders with a bounded concurrency; failures are reported per folder. */
export async function importItemFolders(client: ExplorerClient, workspaceId: string, folders: string[], options: SyncOptions = {}): Promise<{ imported: ImportResult[]; failed: { folder: string; error: string }[] }> {
  const imported: ImportResult[] = [];
  const failed: { folder: string; error: string }[] = [];
  let done = 0;
  await forEachBounded(folders, options.concurrency ?? 4, options.signal, async (folder) => {
    try {
      imported.push(await importItemFolder(client, workspaceId, folder, options));
    } catch (error) {
      if (options.signal?.aborted) throw error;
      failed.push({ folder, error: describeError(error) });
    }
    options.onProgress?.({ done: ++done, total: folders.length, name: path.basename(folder) });
  });
  return { imported, failed };
}

async function readFolder(folder: string): Promise<{ path: string; content: Uint8Array }[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  const files: { path: string; content: Uint8Array }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.push({ path: path.relative(folder, full).split(path.sep).join('/'), content: await fs.readFile(full) });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Definition not available for this item type: 400/403 OperationNotSupportedForItem. */
function isUnsupported(error: unknown): boolean {
  const code = (error as { errorCode?: unknown } | undefined)?.errorCode;
  return errorStatus(error) === 400 && (code === 'OperationNotSupportedForItem' || code === 'ItemTypeNotSupported' || code === 'UnsupportedItemType');
}

/** Runs `work` over `values`, at most `limit` at a time; stops starting new ones once aborted. */
async function forEachBounded<T>(values: T[], limit: number, signal: AbortSignal | undefined, work: (value: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      signal?.throwIfAborted();
      await work(values[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
}
